"""Phase 1, the source: guidekit.toml, the guide files and their front matter, the glossary, which
guides translate each other; every user file read and validated one way (user_files.py)."""
