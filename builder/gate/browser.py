"""The browser the gate drives: Debian's Chromium through Playwright (never a downloaded build)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Browser, Playwright

ENVIRONMENT_VARIABLE = "GUIDEKIT_CHROMIUM"
_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "chromium", "chromium-browser", "google-chrome")
# Quiet, offline, reproducible: no background traffic to anyone, no first-run UI.
_ARGUMENTS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
    "--disable-dev-shm-usage",
]


class BrowserMissing(RuntimeError):
    pass


def chromium_path() -> str:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        if not Path(configured).is_file():
            raise BrowserMissing(configured)
        return configured
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise BrowserMissing(_CANDIDATES[0])


async def launch(playwright: Playwright) -> Browser:
    arguments = list(_ARGUMENTS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return await playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=arguments)
