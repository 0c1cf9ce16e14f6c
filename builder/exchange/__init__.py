"""``guidekit import`` and ``guidekit export``: 实施清单 records (the national government service
platform's item records, as JSON, CSV or XLSX) to guides and back.

read (file -> records) -> convert (record <-> front matter) -> guides (write, skip or update) and
write (records -> JSON or XLSX); layout holds the national field names every stage shares.
"""
