"""Contrast in every colour scheme a page declares: where its CSS has a prefers-color-scheme: dark
rule or its root says color-scheme: dark, axe's contrast rules run again with dark emulated (a page
that passes light can still draw black text on near-black panels dark)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from playwright.async_api import Page

from ..findings import Finding
from .axe import wcag_criteria
from .origin import PageContext, finding_at
from .probes import Probe

# whether the page declares a dark scheme at all: asked with the other read-only questions
PROBE = Probe("declares_dark", "() => window.__guidekit.reading.declaresDark()")


def contrast_rules(theme: str | None) -> list[str]:
    return (
        ["color-contrast", "color-contrast-enhanced"] if theme == "silver" else ["color-contrast"]
    )


@asynccontextmanager
async def dark(page: Page) -> AsyncIterator[None]:
    """The page as a reader whose system is set to dark sees it, for the time of the block."""
    await page.emulate_media(color_scheme="dark")
    try:
        yield
    finally:
        await page.emulate_media(color_scheme="light")


async def check(page: Page, context: PageContext, declares_dark: bool) -> list[Finding]:
    if not declares_dark:
        return []
    options = {
        "runOnly": {"type": "rule", "values": contrast_rules(context.theme)},
        "resultTypes": ["violations"],
    }
    async with dark(page):
        result = await page.evaluate("options => window.__guidekit.axe(options)", options)
    return [
        finding_at(
            context,
            f"guidekit:dark-{rule['id']}",
            wcag_criteria(rule["tags"]),
            node,
            "dark-scheme-contrast",
            help=rule["help"],
            html=node["html"],
        )
        for rule in result["violations"]
        for node in rule["nodes"]
    ]
