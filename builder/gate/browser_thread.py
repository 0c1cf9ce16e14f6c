"""One browser kept open for many checks, for callers that do not run asyncio (a pytest session).

The gate is written with Playwright's async API. A test suite calls it from plain functions, often
beside pytest-playwright's sync API, which refuses to run where an asyncio loop runs; so the loop,
Playwright and the browser live in a thread of their own, and each check is handed to it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from playwright.async_api import Browser, Playwright

from .browser import launch, started_playwright

T = TypeVar("T")


class BrowserThread:
    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="guidekit-browser", daemon=True
        )
        self._thread.start()
        self._playwright: Playwright | None = None
        try:
            self.browser: Browser = self.run(self._start())
        except BaseException:
            self.close()
            raise

    async def _start(self) -> Browser:
        self._playwright = await started_playwright()
        return await launch(self._playwright)

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the browser's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def close(self) -> None:
        if self._thread.is_alive():
            self.run(self._stop())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
        self._loop.close()

    async def _stop(self) -> None:
        if self._playwright is not None:
            if getattr(self, "browser", None) is not None:
                await self.browser.close()
            await self._playwright.stop()
