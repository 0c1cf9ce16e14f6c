"""The browser the gate drives: a Chromium or Chrome already on the machine, through Playwright.

guidekit never downloads a browser. It looks, in order, at ``GUIDEKIT_CHROMIUM``; the places
Debian/Ubuntu packages, Google Chrome and Chromium install to on Linux, macOS and Windows; then the
Chromium that ``playwright install chromium`` manages, if the user has run it. In each place,
Chromium's headless shell comes before a full browser.
"""

from __future__ import annotations

import gc
import os
import platform
import shutil
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gate's runner imports Playwright when a build checks pages
    from playwright.async_api import Browser, Playwright

ENVIRONMENT_VARIABLE = "GUIDEKIT_CHROMIUM"
# Chromium's headless shell (Debian's chromium-headless-shell, Playwright's own choice for headless
# runs) is the same engine, Blink and V8 of the same release, without the browser's window around
# it: nothing composites a window between the gate's steps, and a checked page took a third less
# processor time than in the full browser (bench/HISTORY.md, 2026-12-01, eighth). The full
# browser checks the same (tests/test_gate_checks.py) where no shell is installed.
_COMMANDS = (
    "chromium-headless-shell",
    "chrome-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)
_LINUX = (
    "/usr/bin/chromium-headless-shell",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/snap/bin/chromium",
)
_MACOS_APPS = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
)
_WINDOWS_APPS = ("Google/Chrome/Application/chrome.exe", "Chromium/Application/chrome.exe")
# Where Playwright keeps the browsers it manages, per system (PLAYWRIGHT_BROWSERS_PATH overrides).
_PLAYWRIGHT_CACHES = {
    "Linux": ".cache/ms-playwright",
    "Darwin": "Library/Caches/ms-playwright",
    "Windows": "AppData/Local/ms-playwright",
}
# Each kind of build Playwright keeps (its folder, then the program inside, by release and system),
# headless shells first.
_PLAYWRIGHT_BUILDS = (
    (
        "chromium_headless_shell-*",
        (
            "chrome-headless-shell-*/chrome-headless-shell",
            "chrome-headless-shell-*/chrome-headless-shell.exe",
            "chrome-linux/headless_shell",
            "chrome-mac/headless_shell",
        ),
    ),
    (
        "chromium-*",
        (
            "chrome-linux*/chrome",
            "chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
            "chrome-mac*/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing",
            "chrome-win*/chrome.exe",
        ),
    ),
)
# Quiet, offline, reproducible: no background traffic to anyone, no first-run UI.
_ARGUMENTS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # A page is checked for well under a second in a fresh document, too short for V8's optimising
    # compilers to pay back: they recompiled axe-core's hot functions for every page on a
    # background thread, a tenth of the gate's processor time (bench/HISTORY.md, 2026-11-30,
    # tenth). The baseline compiler stays: WebAssembly and long checks (a 700-link page) run as
    # fast.
    "--js-flags=--no-opt --no-maglev",
]


class BrowserMissing(RuntimeError):
    """No browser found. ``configured`` is the path GUIDEKIT_CHROMIUM named, when it named one that
    is not there."""

    def __init__(self, system: str, configured: str | None = None) -> None:
        super().__init__(configured or system)
        self.system, self.configured = system, configured


class BrowserFailed(RuntimeError):
    """The browser found would not start: ``path`` is the program, ``reason`` the first line of
    what it said."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def chromium_path(
    environ: Mapping[str, str] = os.environ, system: str | None = None, home: Path | None = None
) -> str:
    system = system or platform.system()
    configured = environ.get(ENVIRONMENT_VARIABLE)
    if configured:
        if not (Path(configured).is_file() and os.access(configured, os.X_OK)):
            raise BrowserMissing(system, configured)
        return configured
    for candidate in _candidates(environ, system, home or Path.home()):
        if _runnable(candidate):
            return str(candidate)
    raise BrowserMissing(system)


def _runnable(path: Path) -> bool:
    """Whether ``path`` is a program this user may run; not, when even looking is refused (a
    folder of another user's home)."""
    try:
        return path.is_file() and os.access(path, os.X_OK)
    except OSError:
        return False


def _candidates(environ: Mapping[str, str], system: str, home: Path) -> list[Path]:
    found = [
        Path(path) for name in _COMMANDS if (path := shutil.which(name, path=environ.get("PATH")))
    ]
    if system == "Darwin":
        found += [
            folder / app
            for folder in (Path("/Applications"), home / "Applications")
            for app in _MACOS_APPS
        ]
    elif system == "Windows":
        roots = [
            environ.get(name) for name in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")
        ]
        found += [Path(root) / app for root in roots if root for app in _WINDOWS_APPS]
    else:
        found += [Path(path) for path in _LINUX]
    return found + _playwright_browsers(environ, system, home)


def _playwright_browsers(environ: Mapping[str, str], system: str, home: Path) -> list[Path]:
    """The Chromium builds ``playwright install chromium`` left: headless shells, then full
    browsers, each newest first."""
    cache = Path(
        environ.get("PLAYWRIGHT_BROWSERS_PATH")
        or home / _PLAYWRIGHT_CACHES.get(system, _PLAYWRIGHT_CACHES["Linux"])
    )
    try:
        if not cache.is_dir():
            return []
        return [
            executable
            for folders, programs in _PLAYWRIGHT_BUILDS
            for build in sorted(cache.glob(folders), key=lambda folder: folder.name, reverse=True)
            for program in programs
            for executable in sorted(build.glob(program))
        ]
    except OSError:  # a home this user may not read (HOME=/root for another user): none there
        return []


def install_hint_key(system: str) -> str:
    """The message that says what to install on ``system`` (Debian and Ubuntu get their package)."""
    if system == "Darwin":
        return "browser-install-macos"
    if system == "Windows":
        return "browser-install-windows"
    if Path("/etc/debian_version").is_file():
        return "browser-install-debian"
    return "browser-install-linux"


# Chromium puts its singleton socket in a new folder under TMPDIR and aborts at start when that
# socket's path exceeds what a Unix socket address holds (108 bytes with its ending zero), as a
# TMPDIR nested in a test run's own temporary folder easily does.
_SOCKET_ADDRESS_BYTES = 107
_SOCKET_BELOW_TMPDIR = "/org.chromium.Chromium.XXXXXX/SingletonSocket"


def browser_environment(
    environ: Mapping[str, str] = os.environ, short_folder: str = "/tmp"
) -> dict[str, str | float | bool] | None:
    """The browser's environment: the caller's, with a TMPDIR short enough for Chromium's socket
    (None: the caller's as it is)."""
    folder = environ.get("TMPDIR")
    if not folder or os.name == "nt":
        return None
    if len(os.fsencode(folder.rstrip("/") + _SOCKET_BELOW_TMPDIR)) <= _SOCKET_ADDRESS_BYTES:
        return None
    return {**environ, "TMPDIR": short_folder}


@asynccontextmanager
async def playwright_driver() -> AsyncIterator[Playwright]:
    """Playwright's driver, started, and stopped at the end."""
    playwright = await started_playwright()
    try:
        yield playwright
    finally:
        await playwright.stop()


async def started_playwright() -> Playwright:
    """Playwright's driver, started. A Ctrl+C in the terminal reaches the driver too, which ends it
    if it comes while the driver starts; Playwright then raises, and what it started is held only
    by the error's traceback. Let go and collected here, while this loop runs, its pipes close;
    left until the loop is closed, Python 3.11 prints an "Event loop is closed" traceback for each
    (seen under mkdocs serve, Ctrl+C just as its background check began)."""
    from playwright.async_api import async_playwright

    try:
        return await async_playwright().start()
    except BaseException as error:
        error.__traceback__ = None
        gc.collect()
        raise error


async def launch(playwright: Playwright) -> Browser:
    from playwright.async_api import Error as PlaywrightError

    arguments = list(_ARGUMENTS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        arguments.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    path = chromium_path()
    try:
        # Ctrl+C is guidekit's to answer (a run's cleanup, mkdocs serve's shutdown), which closes
        # the browser itself; closed by Playwright's driver at the same moment, the pages being
        # checked would fail as "target closed", and Chromium would leave its folders behind
        return await playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=arguments,
            env=browser_environment(),
            handle_sigint=False,
        )
    except PlaywrightError as error:
        reason = next(
            (line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__
        )
        raise BrowserFailed(path, reason[:200]) from error
