"""WCAG 1.4.10 Reflow: at 320 CSS px wide the page does not scroll sideways, and a box fixed to the
screen keeps its text on it (nothing scrolls it into view); wide tables scroll in a region. Content
that needs two dimensions (data tables, maps, images, video) is exempt, as WCAG exempts it.

guidekit's own pages promise more: with the browser's text size doubled as well (the setting an
older reader turns up; Android's largest font scale is 2), they still do not scroll sideways, and
at either text size no text is squeezed beside an icon or inside padding into lines of under
3 em (a character or a few letters a line: "朗/讀/本/頁", "W/a/r/ni/n/g"). WCAG asks for 1.4.4
and 1.4.10 one at a time, so other pages are not held to both at once. Silver pages, one column
always, show a table whole at 320 px too: a column scrolled out of its box is out of sight, and a
phone draws no scroll bar until it scrolls.

The page already loaded for the other checks is narrowed in place (``phone_width``) and widened
back afterwards.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any

from playwright.async_api import CDPSession, Page, ViewportSize

from ..findings import Finding, Severity
from ..theme import SILVER, find_theme
from . import window
from .barriers import DEFAULT_FONT_SIZES
from .origin import PageContext, finding_at
from .probes import evaluate

NARROW: ViewportSize = {"width": 320, "height": 640}  # 1280 px at 400 % zoom
LARGE_TEXT = {name: size * 2 for name, size in DEFAULT_FONT_SIZES.items()}
MEASURE = "() => window.__guidekit.reflow()"


def phone_width(page: Page) -> AbstractAsyncContextManager[None]:
    """The page in a 320 px window, for this check and whatever else is measured on a phone."""
    return window.resized(page, NARROW)


async def check(page: Page, context: PageContext, cdp: CDPSession) -> list[Finding]:
    """In ``phone_width``."""
    result = await evaluate(page, MEASURE)
    # asked only of a page that reflows at the usual text size: one cause, one finding
    large = await _with_large_text(page, cdp) if context.guidekit and not _scrolls(result) else None
    findings = _sideways(context, result, "guidekit:reflow", "1.4.10", "reflow")
    if large is not None:
        findings += _sideways(
            context, large, "guidekit:large-text-reflow", None, "large-text-reflow"
        )
    if context.guidekit:
        cramped = result["cramped"] + (large["cramped"] if large is not None else [])
        findings += list(
            dict.fromkeys(
                finding_at(
                    context,
                    "guidekit:text-squeezed",
                    None,
                    text,
                    "text-squeezed",
                    element=text["element"],
                    width=NARROW["width"],
                )
                for text in cramped
            )
        )
    findings += [
        finding_at(
            context,
            "guidekit:table-squeezed",
            "1.4.10",
            cell,
            "table-squeezed" if cell["brokenWords"] else "table-squeezed-words",
            # a word a line is readable, if slowly: a warning on a page guidekit did not make
            severity=Severity.ERROR
            if cell["brokenWords"] or context.guidekit
            else Severity.WARNING,
            element=cell["element"],
            width=NARROW["width"],
        )
        for cell in result["squeezed"]
    ]
    if find_theme(context.theme) is SILVER:  # any page checked in silver, as its numbers
        findings += [
            finding_at(
                context,
                "guidekit:silver-table-cut",
                None,
                table,
                "silver-table-cut",
                element=table["element"],
                width=NARROW["width"],
                table=table["table"],
                box=table["box"],
            )
            for table in result["cut"]
        ]
    for region in result["regions"]:
        verdict = _region_verdict(context, region)
        if verdict is not None:
            key, severity = verdict
            findings.append(
                finding_at(
                    context,
                    "guidekit:scroll-region",
                    "2.1.1",
                    region,
                    key,
                    severity=severity,
                    element=region["element"],
                )
            )
    return findings


def _region_verdict(context: PageContext, region: dict[str, Any]) -> tuple[str, Severity] | None:
    """A region that scrolls sideways must be reachable by the keyboard (2.1.1); guidekit's own
    regions are named as well, which a screen reader says as it enters. On a page guidekit did not
    make, a region reached through the links inside it (a Sphinx page's wide content) is what
    axe's scrollable-region-focusable accepts, and one that is a Tab stop itself without a name is
    asked about, not refused; one with nothing focusable in it Chromium and Firefox put in the Tab
    order themselves, and Safari does not: asked about too, saying so (axe, which the gate runs,
    still refuses the ones it finds at the gate's width). The message key and severity, or None."""
    if region["focusable"] and region["named"]:
        return None
    if context.guidekit:
        return "scroll-region", Severity.ERROR
    if not region["focusable"]:
        return "scroll-region-browsers", Severity.WARNING
    return ("scroll-region", Severity.WARNING) if region["itself"] else None


def _scrolls(result: dict[str, Any]) -> bool:
    """Whether the measured page makes its reader scroll sideways: something too wide, or the page
    itself, unless what is wide needs two dimensions."""
    return bool(result["offenders"]) or (result["scrolls"] and not result["exempt"])


async def _with_large_text(page: Page, cdp: CDPSession) -> dict[str, Any]:
    await cdp.send("Page.setFontSizes", {"fontSizes": LARGE_TEXT})
    try:
        return await evaluate(page, MEASURE)
    finally:
        await cdp.send("Page.setFontSizes", {"fontSizes": DEFAULT_FONT_SIZES})


def _sideways(
    context: PageContext, result: dict[str, Any], rule: str, criterion: str | None, key: str
) -> list[Finding]:
    """Each element wider than the narrow screen, or fixed to it with text outside it; the page
    itself when it scrolls and none is."""
    width = NARROW["width"]
    findings = [
        finding_at(
            context,
            rule,
            criterion,
            offender,
            f"{key}-fixed" if offender.get("fixed") else f"{key}-offender",
            element=offender["element"],
            right=offender["right"],
            width=width,
        )
        for offender in result["offenders"]
    ]
    if findings or not _scrolls(result):
        return findings
    return [
        finding_at(
            context, rule, criterion, {}, f"{key}-page", scroll=result["scrollWidth"], width=width
        )
    ]
