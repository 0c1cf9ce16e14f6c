"""WCAG 1.4.12 Text spacing: with the reader's own spacing (line 1.5, paragraphs 2, letters 0.12,
words 0.16 em),
no text is clipped or drawn over other text."""

from __future__ import annotations

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext
from .text_fit import text_fit_findings


async def check(page: Page, context: PageContext) -> list[Finding]:
    return await text_fit_findings(
        page, context, "spacing", "guidekit:text-spacing", "1.4.12", "text-spacing"
    )
