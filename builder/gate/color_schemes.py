"""Every colour scheme a page declares besides light: dark (a prefers-color-scheme: dark rule, or
color-scheme: dark on its root) and forced colours (a forced-colors: active rule). Contrast is
checked again with dark emulated: a page that passes light can still draw black text on
near-black panels dark; in forced colours the reader's system picks the colours. The focus
pictures (focus_visible.py) are taken again in each declared scheme."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from playwright.async_api import Page

from ..findings import Finding
from ..theme import STANDARD, find_theme
from .axe import wcag_criteria
from .origin import PageContext, finding_at
from .probes import Probe, evaluate

SCHEMES = ("dark", "forced")  # besides light, which every page has
# which schemes the page declares: asked with the other read-only questions
PROBE = Probe("schemes", "() => window.__guidekit.reading.declaredSchemes()")


def contrast_rules(theme: str | None) -> list[str]:
    return list((find_theme(theme) or STANDARD).contrast_rules)


@asynccontextmanager
async def emulated(page: Page, scheme: str) -> AsyncIterator[None]:
    """The page as a reader whose system is set to ``scheme`` sees it, for the time of the block."""
    await _emulate(page, scheme, True)
    try:
        yield
    finally:
        await _emulate(page, scheme, False)


async def _emulate(page: Page, scheme: str, on: bool) -> None:
    if scheme == "dark":
        await page.emulate_media(color_scheme="dark" if on else "light")
    else:
        await page.emulate_media(forced_colors="active" if on else "none")


async def check(page: Page, context: PageContext) -> list[Finding]:
    """axe's contrast rules on the page as it is shown now: called with dark emulated."""
    options = {
        "runOnly": {"type": "rule", "values": contrast_rules(context.theme)},
        "resultTypes": ["violations"],
    }
    result = await evaluate(page, "options => window.__guidekit.axe(options)", options)
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
