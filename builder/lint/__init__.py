"""The plain-language linter: reading level, officialese, completeness and freshness of every guide.

``guides.lint_guides`` takes the guides that ``load`` produced and returns located findings (rule
ids ``lint:…``) and one summary per guide with the figures editors watch over time. This file
imports nothing: the settings (``rules``) are read by every command, the linter only by those that
lint a guide.
"""
