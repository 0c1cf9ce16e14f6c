"""The checked page's window resized in place for a measure, and put back after; what such a
change of the reader's window or system settings sets off, played out.

A new size sets off the page's transitions (a side menu sliding off a phone's screen, as
VitePress's does), and so does a new colour scheme (Django's admin eases its buttons' background
into dark): each change plays them to where they end, at most a second of the page's own time, at
once, so a measure taken next does not catch them on their way, however fast or busy the
machine. A page whose scripts listen for such changes (GOV.UK Frontend shows its menu button below
a width) answers at the browser's next frame, which is waited for first."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from .probes import evaluate

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page, ViewportSize

SETTLE = "() => window.__guidekit.settleChange()"


@asynccontextmanager
async def resized(page: Page, size: ViewportSize) -> AsyncIterator[None]:
    wide = page.viewport_size
    await _resize(page, size)
    try:
        yield
    finally:
        if wide:
            await _resize(page, wide)


async def _resize(page: Page, size: ViewportSize) -> None:
    await page.set_viewport_size(size)
    await played_out(page)


async def played_out(page: Page) -> None:
    """What the gate's last change to the window or the reader's settings set off, where it
    ends: the page's scripts' answer to it, at the browser's next frame, and its transitions."""
    await evaluate(page, SETTLE)
