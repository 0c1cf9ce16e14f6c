"""The checked page's window resized in place for a measure, and put back after.

A new size sets off the page's transitions (a side menu sliding off a phone's screen, as
VitePress's does): each resize plays them to where they end, at most a second of the page's own
time, at once, so a measure taken next does not catch them on their way, however fast or busy the
machine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from .probes import evaluate

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Page, ViewportSize

SETTLE = "() => window.__guidekit.settleTransitions()"


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
    await evaluate(page, SETTLE)
