"""Silver mode's own numbers, measured in Chromium on every silver page: what axe does not check.

Text size, line height, paragraph gap, line length, alignment and target size come from DESIGN.md
("Themes and their numbers"); a theme change that misses one refuses the build like any axe finding.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from .scripts import script
from ..findings import Finding
from ..messages import error_text

LIMITS = {
    "bodyPx": 24,
    "headingPx": 30,
    "lineHeight": 1.6,
    "paragraphGap": 1.5,  # times the line height
    "cjkLine": 40,
    "latinLine": 80,
    "latinCharEm": 0.5,  # an average Latin character, in em: 80 of them fit in 40 em
    "primaryTarget": 60,
    "otherTarget": 44,
}
# check -> the WCAG success criterion it serves; font size is MIIT's 适老化 rule, which WCAG has no number for
CRITERIA = {
    "font-size": None,
    "line-height": "1.4.8",
    "paragraph-gap": "1.4.8",
    "line-length": "1.4.8",
    "justified": "1.4.8",
    "primary-target": "2.5.5",
    "target": "2.5.5",
    "pop-up": "3.2.5",
}


async def silver_findings(page: Page, page_path: str, facts: dict[str, Any]) -> list[Finding]:
    """The silver numbers this page misses; nothing for pages of other themes."""
    if facts.get("theme") != "silver":
        return []
    problems = await page.evaluate(script("silver.js"), LIMITS)
    source = facts.get("source")
    findings = []
    for problem in problems:
        traced = bool(source and problem["line"])
        message = error_text(f"silver-{problem['check']}", facts.get("lang"), value=problem["value"], limit=problem["limit"])
        findings.append(
            Finding(
                rule=f"guidekit:silver-{problem['check']}",
                message=f"{message} — {problem['html']}",
                file=source if traced else page_path,
                line=problem["line"] if traced else None,
                wcag=CRITERIA[problem["check"]],
                page=page_path,
                theme="silver",
            )
        )
    return list(dict.fromkeys(findings))
