"""Dialogs, lightboxes and menus, opened the way a keyboard user opens them: Enter on the button or
link that opens one. The focus must move into it (WCAG 2.4.3), stay inside while it is modal
(2.4.3), and Escape must close it (2.1.2). The last check of a page: it leaves the page changed.
barriers.js (popups) finds the triggers and reads what each key did; a link's address or a form's
sending is held back so the page stays."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from ..findings import Finding
from .keyboard import TAB, press
from .origin import PageContext, finding_at

TRIGGERS = 5  # at most this many openers per page are tried
SETTLE_MS = 500  # at most this long for a popup's opening or closing animation
ENTER = {
    "key": "Enter",
    "code": "Enter",
    "windowsVirtualKeyCode": 13,
    "nativeVirtualKeyCode": 13,
    "text": "\r",
}
SHIFT_TAB = {**TAB, "modifiers": 8}  # CDP's bit for Shift
ESCAPE = {
    "key": "Escape",
    "code": "Escape",
    "windowsVirtualKeyCode": 27,
    "nativeVirtualKeyCode": 27,
}


async def check(page: Page, context: PageContext, cdp: CDPSession) -> list[Finding]:
    findings: list[Finding] = []
    address = page.url
    try:
        await _try_openers(page, context, cdp, findings)
    except PlaywrightError:
        # an opener's script went to another page after all (location.href = ...): it opens no
        # popup, what was found before stands, and the next page is loaded afresh; any other failure
        # is the page's
        if page.is_closed() or page.url == address:
            raise
    return findings


async def openers(page: Page) -> int:
    """How many openers the page has (``check`` tries them): none, and there is nothing to try."""
    return int(await page.evaluate("limit => window.__guidekit.popups.triggers(limit)", TRIGGERS))


async def _try_openers(
    page: Page, context: PageContext, cdp: CDPSession, findings: list[Finding]
) -> None:
    count = await page.evaluate("limit => window.__guidekit.popups.triggers(limit)", TRIGGERS)
    try:
        for index in range(count):
            await page.evaluate("index => window.__guidekit.popups.open(index)", index)
            await press(cdp, [ENTER])
            await page.evaluate("limit => window.__guidekit.popups.settle(limit)", SETTLE_MS)
            popup = await page.evaluate("index => window.__guidekit.popups.opened(index)", index)
            if popup is None:
                continue
            findings += _focus_findings(context, popup, await _kept(page, cdp, popup))
            await press(cdp, [ESCAPE])
            await page.evaluate("limit => window.__guidekit.popups.settle(limit)", SETTLE_MS)
            if not await page.evaluate("() => window.__guidekit.popups.closed()"):
                findings.append(
                    finding_at(
                        context,
                        "guidekit:popup-escape",
                        "2.1.2",
                        popup,
                        "popup-no-escape",
                        element=popup["trigger"],
                    )
                )
                # the page is left with something open over it: the other openers cannot be judged
                break
    finally:
        await page.evaluate("() => window.__guidekit.popups.finish()")


async def _kept(page: Page, cdp: CDPSession, popup: Mapping[str, Any]) -> bool:
    """Whether the focus is still inside a modal popup after Tab has gone past everything in it.
    Tab past a native modal dialog's last control goes to the browser's own controls, where no key
    reaches the page: the keyboard user comes back with Shift+Tab before pressing Escape."""
    if not (popup["modal"] and popup["focused"]):
        return True
    await press(cdp, [TAB] * popup["tabs"])
    kept = await page.evaluate("() => window.__guidekit.popups.focusInside()")
    if not await page.evaluate("() => document.hasFocus()"):
        await press(cdp, [SHIFT_TAB])
    return bool(kept)


def _focus_findings(
    context: PageContext, popup: Mapping[str, Any], kept: bool
) -> Sequence[Finding]:
    if not popup["focused"]:
        return [
            finding_at(
                context,
                "guidekit:popup-focus",
                "2.4.3",
                popup,
                "popup-no-focus",
                element=popup["trigger"],
            )
        ]
    if not kept:
        return [
            finding_at(
                context,
                "guidekit:popup-focus",
                "2.4.3",
                popup,
                "popup-focus-leaves",
                element=popup["trigger"],
            )
        ]
    return []
