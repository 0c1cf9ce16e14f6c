"""WCAG 1.4.4 Resize text: with all text twice as large, nothing is clipped or drawn over other
text."""

from __future__ import annotations

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext
from .text_fit import text_fit_findings


async def check(page: Page, context: PageContext) -> list[Finding]:
    return await text_fit_findings(
        page, context, "zoom", "guidekit:resize-text", "1.4.4", "resize-text"
    )
