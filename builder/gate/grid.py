"""The gate (phase 5) across machines: its pages shared out over the browsers of a Selenium Grid 4.

Each of ``jobs`` workers holds one Grid session at a time: a Remote WebDriver session in a Chromium
on some node, and Playwright connected to that same browser over the CDP endpoint the Grid's router
proxies (``se:cdp``). Through that connection the worker runs guidekit's own page check
(page_check.py) unchanged: the site is served by Playwright's request interception from this
machine's folder, under the gate's origin, so nodes need no copy of the site and no way back to this
machine. axe-core runs through axe-selenium-python on the WebDriver session, in the same tab, on the
same document (a token set through Playwright is read back through WebDriver first), with the
axe-core guidekit ships (``script_url``), the same tags and the same locale as a local run.

Nothing is lost: a page whose session dies or times out goes back in the queue, up to
``GRID_ATTEMPTS`` tries, then becomes a blocking page-unchecked finding; pages left when no session
can be had any more become the same finding. A Grid that cannot be reached, or that gives no
session at all, stops the run with one message (``GridUnavailable``).
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from axe_selenium_python import Axe
from playwright.async_api import Browser, Page, Playwright
from playwright.async_api import Error as PlaywrightError
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from urllib3.exceptions import HTTPError

from .axe import axe_directory, axe_version
from .browser import _ARGUMENTS, playwright_driver
from .grid_status import GridUnavailable, grid_status
from .page_check import PageResult, check_page_in_time
from .runner import findings_lang, unchecked
from .session import (
    VIEWPORT,
    Overrides,
    Session,
    page_timeout_ms,
    prepare_session,
    served_root,
)

GRID_ATTEMPTS = 3  # tries per page before it is reported unchecked
SESSION_TIMEOUT_VARIABLE = "GUIDEKIT_GRID_SESSION_TIMEOUT"
DEFAULT_SESSION_TIMEOUT_S = (
    300  # how long a request for a Grid session may wait in the Grid's queue
)
_FAILURES = (PlaywrightError, WebDriverException, HTTPError, OSError, asyncio.TimeoutError)


class DocumentMismatch(RuntimeError):
    """WebDriver's tab does not show the document Playwright loaded: axe would judge another
    page."""


def session_timeout_s() -> float:
    return float(os.environ.get(SESSION_TIMEOUT_VARIABLE) or DEFAULT_SESSION_TIMEOUT_S)


@dataclass
class GridSession(Session):
    """A gate session in a Grid browser: Playwright's context and tab, and the WebDriver session on
    that tab."""

    driver: Any = None  # selenium.webdriver.Remote
    browser: Browser | None = None  # Playwright's connection to the same browser
    node: str = "?"
    executor: ThreadPoolExecutor | None = None  # WebDriver calls block: they run here

    def __post_init__(self) -> None:
        self.run_axe = self.axe_through_webdriver

    async def call(self, function: Callable[..., Any], *arguments: Any) -> Any:
        return await _blocking(self.executor, function, *arguments)

    async def new_tab(self, opened: Page | None = None) -> None:
        await super().new_tab(opened)
        assert self.page is not None and self.cdp is not None
        await self.page.set_viewport_size(
            VIEWPORT
        )  # a connected browser's own context has no viewport of its own
        # chromedriver names windows by their DevTools target id: WebDriver moves to the tab
        # Playwright opened
        target = (await self.cdp.send("Target.getTargetInfo"))["targetInfo"]["targetId"]
        await self.call(self.driver.switch_to.window, target)

    async def axe_through_webdriver(
        self, options: dict[str, Any], locale: dict | None
    ) -> dict[str, Any]:
        assert self.page is not None
        token = secrets.token_hex(8)
        await self.page.evaluate("token => { window.__guidekitGridToken = token; }", token)
        await self.page.evaluate("() => window.__guidekit.showClosedRoots(true)")
        try:
            result = await self.call(self._axe, token, options, locale)
        finally:
            await self.page.evaluate("() => window.__guidekit.showClosedRoots(false)")
        kept = {
            "testEngine": result["testEngine"],
            "violations": result["violations"],
        }  # all the summary reads
        return await self.page.evaluate("result => window.__guidekit.axeSummary(result)", kept)

    def _axe(self, token: str, options: dict[str, Any], locale: dict | None) -> dict[str, Any]:
        driver = self.driver
        seen, version = driver.execute_script(
            "return [window.__guidekitGridToken || null, window.axe ? axe.version : null]"
        )
        if seen != token:
            raise DocumentMismatch(
                f"WebDriver sees {driver.current_url}, not the page being checked"
            )
        axe = Axe(driver, script_url=str(axe_directory() / "axe.min.js"))
        if (
            version != axe_version()
        ):  # installed at document start with the gate's scripts; otherwise now
            axe.inject()
        if locale:
            driver.execute_script("axe.configure({ locale: arguments[0] });", locale)
        # axe-selenium-python pastes options into script text: JSON, never a Python repr. An error
        # inside axe never calls back and surfaces as a script timeout, a WebDriverException: the
        # page is retried
        return axe.run(options=json.dumps(options))


@dataclass
class _GridRun:
    url: str
    site: Path
    on_page: Callable[[str], None]
    queue: deque[str]
    executor: ThreadPoolExecutor
    results: dict[str, PageResult] = field(default_factory=dict)
    attempts: Counter[str] = field(default_factory=Counter)
    nodes: Counter[str] = field(default_factory=Counter)
    focus_verdicts: dict[str, bool] = field(default_factory=dict)
    sessions_opened: int = 0
    last_error: str = ""
    root_path: str | None = None  # the path the site is also served under; None: its manifest's
    overrides: Overrides = field(default_factory=Overrides)

    async def call(self, function: Callable[..., Any], *arguments: Any) -> Any:
        return await _blocking(self.executor, function, *arguments)

    async def worker(self, playwright: Playwright) -> None:
        session: GridSession | None = None
        try:
            while self.queue:
                if session is None:
                    session = await self.open_session(playwright)
                    if session is None:
                        # no session now: the other workers, or the verdicts at the end, take the
                        # pages left
                        return
                    if not self.queue:
                        break  # the other workers took the last pages while this session opened
                page = self.queue.popleft()
                try:
                    # the browser's own timeouts do not cover page.evaluate or WebDriver
                    result = await check_page_in_time(session, page, page_timeout_ms() / 1000)
                except (*_FAILURES, DocumentMismatch) as error:
                    if not isinstance(
                        error, (TimeoutException, DocumentMismatch)
                    ):  # those leave the session sound
                        await self.close(session)
                        session = None
                    self.attempts[page] += 1
                    if self.attempts[page] < GRID_ATTEMPTS:
                        self.queue.append(
                            page
                        )  # a node died or a session timed out: another session tries it
                        continue
                    result = unchecked(
                        page,
                        error,
                        "page-unchecked-grid",
                        lang=findings_lang(self.overrides),
                        tries=GRID_ATTEMPTS,
                    )
                else:
                    self.nodes[session.node] += 1
                self.results[page] = result
                self.on_page(page)
        finally:
            if session is not None:
                await self.close(session)

    async def open_session(self, playwright: Playwright) -> GridSession | None:
        try:
            driver = await self.call(self._new_driver)
        except (WebDriverException, HTTPError, OSError) as error:
            self.last_error = _reason(error)
            return None
        try:
            cdp = driver.capabilities.get("se:cdp")
            if not cdp:
                raise GridUnavailable(
                    "grid-no-cdp", url=self.url, browser=str(driver.capabilities.get("browserName"))
                )
            browser = await playwright.chromium.connect_over_cdp(
                self._through_router(cdp), timeout=page_timeout_ms()
            )
            session = GridSession(
                self.site,
                browser.contexts[0],
                focus_verdicts=self.focus_verdicts,
                root_path=self.root_path or served_root(self.site),
                overrides=self.overrides,
                driver=driver,
                browser=browser,
                node=await self.call(self._node_of, driver.session_id),
                executor=self.executor,
            )
            await prepare_session(session)
        except _FAILURES as error:
            self.last_error = _reason(error)
            await self.call(_quit, driver)
            return None
        except GridUnavailable:
            await self.call(_quit, driver)
            raise
        self.sessions_opened += 1
        return session

    def _new_driver(self) -> Any:
        options = (
            Options()
        )  # browserName chrome: the node's stereotype names its Chromium and how it runs
        for argument in _ARGUMENTS:
            options.add_argument(argument)
        # Selenium annotates the timeout as int; its HTTP client (urllib3) takes float seconds.
        timeout: Any = session_timeout_s()
        config = ClientConfig(remote_server_addr=self.url, timeout=timeout)
        driver = webdriver.Remote(
            command_executor=RemoteConnection(client_config=config), options=options
        )
        try:
            driver.set_script_timeout(page_timeout_ms() / 1000 * 0.8)  # before the page's own limit
        except BaseException:
            _quit(driver)
            raise
        return driver

    def _through_router(self, cdp: str) -> str:
        """The Grid's CDP address with the host and port guidekit reached the Grid at: nodes often
        advertise an address only they can resolve (a container's name, a default port)."""
        grid = urlsplit(self.url)
        return urlunsplit(
            ("wss" if grid.scheme == "https" else "ws", grid.netloc, urlsplit(cdp).path, "", "")
        )

    def _node_of(self, session_id: str) -> str:
        try:
            for node in grid_status(self.url).get("nodes", []):
                if any(
                    (slot.get("session") or {}).get("sessionId") == session_id
                    for slot in node.get("slots", [])
                ):
                    return str(node.get("uri", "?"))
        except GridUnavailable:
            pass
        return "?"

    async def close(self, session: GridSession) -> None:
        """Disconnect Playwright and end the WebDriver session, each bounded: a dead node must not
        stop the run."""
        if session.browser is not None:
            try:
                await asyncio.wait_for(session.browser.close(), 10)
            except (TimeoutError, PlaywrightError):
                pass
        try:
            await asyncio.wait_for(self.call(_quit, session.driver), 30)
        except TimeoutError:
            pass


async def _blocking(
    executor: ThreadPoolExecutor | None, function: Callable[..., Any], *arguments: Any
) -> Any:
    """A WebDriver call (it blocks) in the run's threads, awaited."""
    return await asyncio.get_running_loop().run_in_executor(executor, function, *arguments)


def _quit(driver: Any) -> None:
    try:
        driver.quit()
    except (WebDriverException, HTTPError, OSError):
        pass


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:160] if text else type(error).__name__


async def check_on_grid(
    url: str,
    site: Path,
    pages: list[str],
    jobs: int,
    on_page: Callable[[str], None],
    root_path: str | None = None,
    overrides: Overrides | None = None,
) -> tuple[dict[str, PageResult], dict[str, int]]:
    """Every check on ``pages`` in the browsers of the Grid at ``url``, ``jobs`` sessions at once;
    also how many pages each node checked; ``root_path`` as ``run_gate``'s."""
    url = url.rstrip("/")
    await asyncio.to_thread(grid_status, url)
    workers = min(jobs, len(pages))
    with ThreadPoolExecutor(
        max_workers=workers + 1, thread_name_prefix="guidekit-grid"
    ) as executor:
        run = _GridRun(
            url,
            site,
            on_page,
            deque(pages),
            executor,
            root_path=root_path,
            overrides=overrides or Overrides(),
        )
        async with playwright_driver() as playwright:
            await asyncio.gather(*(run.worker(playwright) for _ in range(workers)))
    if run.queue and not run.sessions_opened:
        raise GridUnavailable("grid-no-session", url=url, reason=run.last_error or "?")
    for page in run.queue:  # no session could be had any more: a verdict all the same
        run.results[page] = unchecked(
            page,
            RuntimeError(run.last_error or "no Grid session"),
            "page-unchecked-grid",
            lang=findings_lang(run.overrides),
            tries=run.attempts[page],
        )
        on_page(page)
    return run.results, dict(sorted(run.nodes.items()))
