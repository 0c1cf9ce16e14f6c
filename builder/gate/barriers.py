"""Barriers axe alone misses, each a finding mapped to its WCAG criterion: one page.evaluate
(barriers.js) reads mouse-only widgets, links that go nowhere or surprise, typography, colour as the
only signal, form groups and hints, tables without headers, obsolete elements and paragraphs set
as headings are; one more pair of
calls doubles the browser's default text size (as a reader's setting does) to find text fixed in px
below that default, and a page with long lines is looked at once more in a narrower window: lines
that a reader cannot shorten by narrowing the window are too long (1.4.8)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.async_api import CDPSession, Page, ViewportSize

from ..findings import Finding, Severity
from . import window
from .content_rules import DOWNLOAD_TYPES, FILE_WORDS
from .origin import PageContext, finding_at
from .probes import Probe

LIMITS = {
    # times the font size: below it lines of text touch (an author's value; "normal" is the
    # browser's)
    "lineHeight": 1.2,
    "italicRun": 150,  # characters of italic in one run
    "capitalRun": 40,  # characters of capitals in one run (text-transform or typed so)
    # characters per line (1.4.8), when the reader cannot make them fewer by narrowing the window
    "latinLine": 80,
    "cjkLine": 40,
}
# A window in which text that follows the window's width has lines of at most 80 Latin / 40 CJK
# characters
NARROW_WINDOW: ViewportSize = {"width": 640, "height": 720}
# kind (barriers.js) -> guidekit rule, WCAG criterion
KINDS = {
    "click-only": ("guidekit:keyboard-dead", "2.1.1"),
    "link-nowhere": ("guidekit:link-nowhere", "4.1.2"),
    "link-to-top": ("guidekit:link-nowhere", "4.1.2"),
    "link-same-text": ("guidekit:link-same-text", "2.4.4"),
    "link-new-window": ("guidekit:link-new-window", "3.2.5"),
    "link-download": ("guidekit:link-download", "2.4.4"),
    "text-justified": ("guidekit:text-justified", "1.4.8"),
    "line-length": ("guidekit:line-length", "1.4.8"),
    "line-height-tight": ("guidekit:line-height", "1.4.8"),
    "long-italic": ("guidekit:long-italic", "1.4.8"),
    "long-capitals": ("guidekit:long-capitals", "1.4.8"),
    "text-fixed-size": ("guidekit:text-fixed-size", "1.4.4"),
    "colour-only": ("guidekit:colour-only", "1.4.1"),
    "group-no-legend": ("guidekit:group-legend", "1.3.1"),
    "placeholder-label": ("guidekit:placeholder-label", "3.3.2"),
    "hint-unlinked": ("guidekit:hint-unlinked", "1.3.1"),
    "description-run-on": ("guidekit:description-run-on", "1.3.1"),
    "id-reference-twice": ("guidekit:id-reference-twice", "4.1.2"),
    "table-no-headers": ("guidekit:table-headers", "1.3.1"),
    "obsolete-element": ("guidekit:obsolete-element", "1.3.1"),
    "fake-heading": ("guidekit:fake-heading", "1.3.1"),
    "media-autoplay": ("guidekit:media-autoplay", "1.4.2"),
    "motion-endless": ("guidekit:motion-endless", "2.2.2"),
}
# the kinds whose message key differs from the kind: the linter's and the reading check's take
# those names
MESSAGE_KEYS = {"link-same-text": "link-same-text-page", "line-length": "line-length-fixed"}
# the kinds that may be right as they are, which the gate cannot tell: a warning that says when
WARNING_KINDS = {"link-to-top"}
# Chromium's defaults (standard and monospace), doubled while the fixed sizes are looked for
DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}


# the read-only scan, asked with the page's other read-only questions (probes.py); which links
# download a file, and which text says so, as the linter reads them in the Markdown
PROBE = Probe(
    "barriers",
    "given => window.__guidekit.barriers.scan(given.limits, given.files)",
    {"limits": LIMITS, "files": {"types": DOWNLOAD_TYPES, "words": FILE_WORDS}},
)


async def check(
    page: Page, context: PageContext, cdp: CDPSession, scanned: list[dict]
) -> list[Finding]:
    """``scanned``: what PROBE found; then the text sizes and the long lines, which change the
    page. A box that may only hand its clicks on waits for ``clicked``."""
    found = [item for item in scanned if "clickedLater" not in item]
    standard = DEFAULT_FONT_SIZES["standard"]
    await page.evaluate("size => window.__guidekit.barriers.fontSizes(size)", standard)
    await cdp.send(
        "Page.setFontSizes",
        {"fontSizes": {name: size * 2 for name, size in DEFAULT_FONT_SIZES.items()}},
    )
    try:
        fixed = await page.evaluate("size => window.__guidekit.barriers.fontSizes(size)", standard)
    finally:
        await cdp.send("Page.setFontSizes", {"fontSizes": DEFAULT_FONT_SIZES})
    found += [{"kind": "text-fixed-size", **where} for where in fixed]
    long_lines, endless = await page.evaluate(
        "() => [window.__guidekit.barriers.longLines.length, "
        "window.__guidekit.barriers.endless().length]"
    )
    if long_lines:
        found += await _fixed_long_lines(page)
    if endless:
        found += await _endless_motion(page)
    return list(dict.fromkeys(_findings(context, found)))


async def clicked(
    page: Page, context: PageContext, scanned: list[dict], departures: Callable[[], int]
) -> list[Finding]:
    """The boxes that listen for the mouse and do not look like controls, clicked as a reader
    clicks: a box whose click changes nothing hands it on to what it holds (GOV.UK's error summary,
    which moves the focus only for a click on a link in it). It changes the page, so it comes with
    the checks that press the page's buttons. ``departures``: how many times the tab tried to
    leave, which the gate's request handler notes (a click setting ``location.href``)."""
    found = []
    for item in scanned:
        if "clickedLater" not in item:
            continue
        left = departures()
        acted = await page.evaluate(
            "index => window.__guidekit.barriers.clickDoesSomething(index)", item["clickedLater"]
        )
        if acted is not False or departures() != left:
            found.append(item)
    return _findings(context, found)


def _findings(context: PageContext, found: list[dict]) -> list[Finding]:
    findings = []
    for item in found:
        rule, wcag = KINDS[item["kind"]]
        args = {name: item[name] for name in ("href", "text", "value", "tag") if name in item}
        key = MESSAGE_KEYS.get(item["kind"], item["kind"])
        severity = Severity.WARNING if item["kind"] in WARNING_KINDS else Severity.ERROR
        findings.append(
            finding_at(
                context, rule, wcag, item, key, severity=severity, element=item["element"], **args
            )
        )
    return findings


async def _endless_motion(page: Page) -> list[dict]:
    """Animations that never end and go on even when the reader's system asks for reduced motion:
    nothing lets that reader stop them (WCAG 2.2.2); asked when some move endlessly as shown."""
    await page.emulate_media(reduced_motion="reduce")
    try:
        await window.played_out(page)
        moving = await page.evaluate("() => window.__guidekit.barriers.endless()")
    finally:
        await page.emulate_media(reduced_motion="no-preference")
        await window.played_out(page)
    return [{"kind": "motion-endless", **where} for where in moving]


async def _fixed_long_lines(page: Page) -> list[dict]:
    """Blocks whose lines were too long and stay so in a narrower window (only asked when scan()
    saw long lines)."""
    async with window.resized(page, NARROW_WINDOW):
        return await page.evaluate(
            "limits => window.__guidekit.barriers.fixedLongLines(limits)", LIMITS
        )
