"""What text_fit.js found after changing the text, as findings: shared by the text-size and
text-spacing checks."""

from __future__ import annotations

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext, finding_at


async def text_fit_findings(
    page: Page, context: PageContext, change: str, rule: str, wcag: str, key: str
) -> list[Finding]:
    """Findings for text that ``change`` (a method of textFit in text_fit.js) clips or overlaps."""
    problems = await page.evaluate("change => window.__guidekit.textFit.compare(change)", change)
    findings = []
    for problem in problems:
        if problem["kind"] == "clipped":
            findings.append(
                finding_at(
                    context,
                    rule,
                    wcag,
                    problem,
                    f"{key}-clipped",
                    element=problem["element"],
                    text=problem["snippet"],
                )
            )
        else:
            findings.append(
                finding_at(
                    context,
                    rule,
                    wcag,
                    problem,
                    f"{key}-overlap",
                    element=problem["element"],
                    text=problem["snippet"],
                    other=problem["other"]["snippet"] or problem["other"]["element"],
                )
            )
    return findings
