"""axe-core: its JavaScript and its zh_CN / zh_TW messages from the installed npm package (never the network).

The npm package ``axe-core`` is pinned in package.json / package-lock.json and installed by
``npm ci`` (bootstrap.sh does it). It is the gate's only source of axe.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page

from ..findings import Finding
from ..messages import best_language
from .origin import PageContext, finding_at

STANDARD_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
SILVER_TAGS = STANDARD_TAGS + ("wcag2aaa",)  # adds color-contrast-enhanced (7:1)
ENVIRONMENT_VARIABLE = "GUIDEKIT_AXE_CORE"
_PACKAGE = Path("node_modules", "axe-core")
_CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")
# guidekit page languages -> the locale files axe ships
_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}


class AxeMissing(RuntimeError):
    """axe-core's npm package is not installed where guidekit looks for it."""


@cache
def axe_directory() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        if not (Path(configured) / "axe.min.js").is_file():
            raise AxeMissing(configured)
        return Path(configured)
    checkout = Path(__file__).resolve().parents[2]  # an editable install runs from the repository
    for folder in (Path.cwd(), *Path.cwd().parents, checkout):
        if (folder / _PACKAGE / "axe.min.js").is_file():
            return folder / _PACKAGE
    raise AxeMissing(str(Path.cwd() / _PACKAGE))


@cache
def axe_source() -> str:
    return (axe_directory() / "axe.min.js").read_text("utf-8")


@cache
def axe_version() -> str:
    return json.loads((axe_directory() / "package.json").read_text("utf-8"))["version"]


@cache
def axe_locales() -> dict[str, dict]:
    """axe's own translations, keyed by the guidekit language they serve."""
    return {lang: json.loads((axe_directory() / "locales" / f"{name}.json").read_text("utf-8")) for lang, name in _LOCALES.items()}


# Sound rules outside those tags (deprecated or experimental in axe, so off by default): duplicate ids, orientation
# locked by CSS (1.3.4), a table's first row faking its caption (1.3.1)
EXTRA_RULES = ("duplicate-id", "duplicate-id-active", "css-orientation-lock", "table-fake-caption")
# Rules the gate does itself: target-size, with every exception of WCAG 2.5.8 and each theme's sizes (targets.py)
SKIPPED_RULES = ("target-size",)


def run_options(theme: str | None) -> dict[str, object]:
    tags = SILVER_TAGS if theme == "silver" else STANDARD_TAGS
    return {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}


def wcag_criteria(tags: list[str]) -> str | None:
    """axe tags to WCAG success criteria: ["wcag143", "wcag2aa"] -> "1.4.3"."""
    criteria = [".".join(match.groups()) for tag in tags if (match := _CRITERION.match(tag))]
    return ", ".join(criteria) or None


async def check(page: Page, context: PageContext) -> list[Finding]:
    """axe-core on the loaded page, its messages in the page's language where axe has them."""
    locale = axe_locales().get(best_language(context.lang)) if context.lang.lower().startswith("zh") else None
    result = await page.evaluate("([options, locale, rules]) => window.__guidekit.axe(options, locale, rules)",
                                 [run_options(context.theme), locale, {"extra": list(EXTRA_RULES), "skip": list(SKIPPED_RULES)}])
    findings = []
    for rule in result["violations"]:
        for node in rule["nodes"]:
            fixes = [line.strip() for line in node["summary"].splitlines()[1:] if line.strip()]
            findings.append(
                finding_at(
                    context, f"axe:{rule['id']}", wcag_criteria(rule["tags"]), node, "axe-violation",
                    help=rule["help"], axe_rule=rule["id"], fix="; ".join(fixes)[:300], html=node["html"],
                )
            )
    return findings
