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
from .axe import violations
from .origin import PageContext
from .probes import Probe, evaluate
from .window import played_out

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
    await played_out(page)


# axe takes a page that paints no background of its own to be white: dark, its canvas is near black
# (the browser's Canvas colour), which the root is given for as long as axe looks
_ON_CANVAS = """async options => {
  const root = document.documentElement, body = document.body;
  const clear = (element) => !element ||
    /^(rgba\\(0, 0, 0, 0\\)|transparent)$/.test(getComputedStyle(element).backgroundColor);
  const before = ["getPropertyValue", "getPropertyPriority"].map(
    (read) => root.style[read]("background-color"));
  const painted = clear(root) && clear(body);
  if (painted) root.style.setProperty("background-color", "Canvas", "important");
  try {
    return await window.__guidekit.axe(options);
  } finally {
    if (painted) root.style.setProperty("background-color", ...before);
  }
}"""


async def check(page: Page, context: PageContext) -> list[Finding]:
    """axe's contrast rules on the page as it is shown now: called with dark emulated."""
    options = {
        "runOnly": {"type": "rule", "values": contrast_rules(context.theme)},
        "resultTypes": ["violations"],
    }
    # axe speaks the page's language already: its run on the page configured it (configuring it
    # again cost 20 ms a page)
    result = await evaluate(page, _ON_CANVAS, options)
    return violations(context, result, "guidekit:dark-", "dark-scheme-contrast")
