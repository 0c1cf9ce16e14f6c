"""axe-core: its JavaScript from an installed package (never the network) and the rule sets we run."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

STANDARD_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
SILVER_TAGS = STANDARD_TAGS + ("wcag2aaa",)  # adds color-contrast-enhanced (7:1)
_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")


@cache
def axe_source() -> str:
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")


@cache
def axe_version() -> str:
    match = re.search(r"axe v([\d.]+)", axe_source()[:500])
    return match.group(1) if match else "unknown"


def run_options(theme: str | None) -> dict[str, object]:
    tags = SILVER_TAGS if theme == "silver" else STANDARD_TAGS
    return {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}


def wcag_criteria(tags: list[str]) -> str | None:
    """axe tags to WCAG success criteria: ["wcag143", "wcag2aa"] -> "1.4.3"."""
    criteria = [".".join(match.groups()) for tag in tags if (match := _CRITERION.match(tag))]
    return ", ".join(criteria) or None
