"""WCAG 2.4.7 Focus visible, measured in pixels: each element is photographed unfocused and focused,
and the focused picture must differ by at least a 2 CSS px ring around the element (1 px on pages
guidekit did not make, or a 4 px line along the shortest side of its box) in colours 3:1 apart from
before. Each picture shows the transitions and animations that focus or blur set off where they
end, played forward at once rather than waited for (keyboard.js settled()): a ring that fades in
counts as it ends, however slowly a busy machine draws it.

On pages guidekit did not make, the browser's own focus ring (outline-style auto) counts as visible,
as WCAG 2.4.7 accepts it, and is not photographed, and any other indicator needs only a 1 px ring's
worth of change; guidekit's themes promise more (2 px, 3:1) and are always measured. Pictures are
the slow part of the gate, so elements that look alike (same tag, class, computed focus styles,
backdrop and overlays within reach on the same stylesheets, and a size within 16 px up to 32 px,
within a factor of two above: keyboard.js looks()) are judged once per run, by the first of them
still on the page when photographed, and an element is photographed only when its computed styles
do not prove the ring by themselves (keyboard.js drawnRings(): a solid outline or spread-only
shadow that only focus draws, thick enough and 3:1 from one plain background colour, with nothing
else, no text, clip, fade or transform within its reach).
"""

from __future__ import annotations

import base64
import io
from collections.abc import MutableMapping
from functools import cache

from PIL import Image
from playwright.async_api import CDPSession, Page

from ..findings import Finding
from .origin import PageContext, finding_at
from .probes import evaluate

# CSS px: on guidekit's pages the indicator must be at least as large as a 2 px ring around the
# element
RING = 2
VISIBLE_RING = 1  # elsewhere 2.4.7 asks only that it be visible: a 1 px ring's worth of pixels
# ... or a 4 px line along the shortest side of the element's box, which the WCAG 2.2 drafts of
# focus appearance accepted as well: the bar GOV.UK Frontend draws under a focused link, which for
# a box taller than it is wide (a crest above the words) covers less than a 1 px ring
VISIBLE_LINE = 4
CONTRAST = 3.0
BROWSER_RING = (
    "browser-ring"  # keyboard.js looks() says so for an element that keeps the browser's own ring
)

Verdicts = MutableMapping[str, bool]


async def check(
    page: Page, context: PageContext, verdicts: Verdicts, cdp: CDPSession, scheme: str = "light"
) -> list[Finding]:
    """``scheme``: the colour scheme the page is shown in (color_schemes.emulated); its focus
    indicators must show in every scheme it declares."""
    ring = RING if context.guidekit else VISIBLE_RING
    looks = await evaluate(
        page, "accept => window.__guidekit.keyboard.looks(accept)", not context.guidekit
    )
    # none: the element keeps the browser's ring, or no keyboard ever focuses it
    keys = [None if look in (None, BROWSER_RING) else f"{scheme}#{ring}#{look}" for look in looks]
    unjudged: dict[str, list[int]] = {}  # look -> the elements of that look, when not judged yet
    for index, key in enumerate(keys):
        if key is not None and key not in verdicts:
            unjudged.setdefault(key, []).append(index)
    if unjudged:
        # the styles prove most rings at once (each look by its first element); only the rest are
        # photographed
        drawn = await page.evaluate(
            "([indexes, ring]) => window.__guidekit.keyboard.drawnRings(indexes, ring)",
            [[indexes[0] for indexes in unjudged.values()], ring],
        )
        for (key, indexes), proven in zip(unjudged.items(), drawn, strict=True):
            verdict = True if proven else await _first_shown(page, cdp, indexes, ring)
            if verdict is not None:
                verdicts[key] = verdict
    failing = [
        index for index, key in enumerate(keys) if key is not None and verdicts.get(key) is False
    ]
    places = await evaluate(
        page,
        "indexes => { window.__guidekit.keyboard.untick(); document.activeElement &&"
        " document.activeElement.blur(); return indexes.map("
        "(i) => window.__guidekit.where(window.__guidekit.keyboard.expected[i])); }",
        failing,
    )
    return [
        finding_at(
            context,
            "guidekit:focus-visible" if scheme == "light" else f"guidekit:{scheme}-focus-visible",
            "2.4.7",
            where,
            "focus-invisible" if scheme == "light" else f"{scheme}-focus-invisible",
            element=where["element"],
            ring=ring,
        )
        for where in places
    ]


async def _first_shown(page: Page, cdp: CDPSession, indexes: list[int], ring: int) -> bool | None:
    """The verdict of the first element of a look that is still on the page when photographed: one
    the page has taken away since it was read (an "on this page" list shutting the entries of the
    part the focus left) has no focus to show, and says nothing of its look. None when no element
    of the look is left: a later page judges it."""
    for index in indexes:
        shown = await _shows_focus(page, cdp, index, ring)
        if shown is not None:
            return shown
    return None


async def _shows_focus(page: Page, cdp: CDPSession, index: int, ring: int) -> bool | None:
    shot = await page.evaluate("index => window.__guidekit.keyboard.prepare(index)", index)
    if shot is None:
        return None  # taken away since the page was read
    if not shot["visible"]:
        return True  # never on screen even when focused: keyboard.py reports that
    before = await _picture(cdp, shot["clip"])
    focus = "([index, settle]) => window.__guidekit.keyboard.focus(index, settle)"
    answer = await page.evaluate(focus, [index, True])
    if "reframed" in answer:  # the page was still answering what the gate did before
        shot = answer["reframed"]
        before = await _picture(cdp, shot["clip"])
        answer = await page.evaluate(focus, [index, False])
    after = await _picture(cdp, shot["clip"])
    if await page.evaluate("() => window.__guidekit.keyboard.changedSinceMark()"):
        # the page answered the focus a moment later (Material for MkDocs opens its search and
        # shades the page): pictured again as a reader sees it, then dismissed as a reader dismisses
        # what focus opened (WCAG 1.4.13), so that the next pictures are not taken under it
        after = await _picture(cdp, shot["clip"])
        if await page.evaluate("() => window.__guidekit.keyboard.leave()"):
            await page.keyboard.press("Escape")
    needed = ring * shot["perimeter"]
    if ring == VISIBLE_RING:
        needed = min(needed, VISIBLE_LINE * shot["shortest"])
    return answer["focused"] and changed_pixels(before, after) >= needed


async def _picture(cdp: CDPSession, clip: dict) -> Image.Image:
    # CDP directly: Playwright's screenshot waits for fonts and hides carets, costing a frame each
    # time
    shot = await cdp.send(
        "Page.captureScreenshot",
        {"format": "png", "clip": {**clip, "scale": 1}, "captureBeyondViewport": False},
    )
    return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")


@cache
def _linear_luminance_table() -> list[int]:
    """sRGB channel value -> linear light, scaled to 0..255, once per channel (R, G, B) for
    Image.point."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [round(linear(value) * 255) for value in range(256)] * 3


@cache
def _contrasting() -> bytes:
    """For two luminances a, b (0..255) at index a * 256 + b: 1 when their contrast ratio is at
    least 3:1."""
    table = bytearray(256 * 256)
    for a in range(256):
        for b in range(256):
            high, low = max(a, b) / 255, min(a, b) / 255
            table[a * 256 + b] = (high + 0.05) >= CONTRAST * (low + 0.05)
    return bytes(table)


def luminance(image: Image.Image) -> bytes:
    return (
        image.point(_linear_luminance_table()).convert("L", (0.2126, 0.7152, 0.0722, 0)).tobytes()
    )


def changed_pixels(before: Image.Image, after: Image.Image) -> int:
    """How many pixels changed between the pictures by a contrast of at least 3:1."""
    table = _contrasting()
    return sum(
        table[a * 256 + b] for a, b in zip(luminance(before), luminance(after), strict=False)
    )
