"""One browser context of the gate: the site served from disk under its own origin, and what each
page did.

Every request is answered from the site folder through request interception; a request for any
other host is refused and noted. The bytes of everything served are hashed, so the cache knows
exactly what a page's result depends on.

The gate judges the page it was given: once its document is served, any other navigation of the tab
(a script setting ``location``, a refresh, a redirect, a reload) is answered "204 No Content", which
leaves the page where it is, and noted; so is a window the page opens, which is closed at once, and
an address the tab moves to without loading (history). ``staying.js`` notes what a page's scripts
try in the page itself. Every note becomes a blocking finding (``staying.py``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import mimetypes
import os
import posixpath
import re
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from playwright.async_api import (
    Browser,
    BrowserContext,
    CDPSession,
    ConsoleMessage,
    Frame,
    Page,
    Request,
    Route,
    ViewportSize,
)
from playwright.async_api import Error as PlaywrightError

from ..output.stage import read_manifest
from ..site_paths import file_named_by, in_site
from . import declarative_shadow
from .axe import AxeRun, axe_source
from .declarative_shadow import declares_shadow_roots
from .scripts import CHECK_SCRIPTS, script

ORIGIN = "http://guidekit.test"  # .test is reserved: it can never be a real host
PAGE_TIMEOUT_VARIABLE = "GUIDEKIT_PAGE_TIMEOUT_MS"
DEFAULT_PAGE_TIMEOUT_MS = 30_000


def page_timeout_ms() -> int:
    """How long one page's whole check may take before it counts as a page that could not be
    checked."""
    return int(os.environ.get(PAGE_TIMEOUT_VARIABLE) or DEFAULT_PAGE_TIMEOUT_MS)


VIEWPORT: ViewportSize = {"width": 1280, "height": 720}
DEPARTED_WAIT_MS = 2_000  # how long a page that tried to leave while loading gets to finish its DOM
LATE_LOADS_MS = 2_000  # how long a page gets to finish the scripts and data it loads after its DOM
SCRIPTED_LOADS = frozenset({"script", "fetch", "xhr"})
MODULE_SCRIPT = re.compile(rb"<script\b[^>]*\btype\s*=\s*[\"']?module\b", re.IGNORECASE)
MISSING = "missing"  # the hash recorded for a file the page asked for that does not exist
# an HTML page's own word on its encoding: a byte order mark, or a <meta> with a charset in the
# first 1,024 bytes, where browsers look for it
_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_META_CHARSET = re.compile(rb"<meta[^>]*charset", re.IGNORECASE)


@dataclass
class Traffic:
    """What one page loaded and said while it was checked."""

    served: dict[str, str] = field(
        default_factory=dict
    )  # site path -> sha256 of its bytes, or MISSING
    external: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(
        default_factory=list
    )  # (what the page said, the address of the file it failed to load, else "")
    departures: list[tuple[str, str]] = field(
        default_factory=list
    )  # how the page tried to leave: (message key, address)
    document: bytes | None = None  # the page's own HTML as it was served
    # its HTML, or the copy of a test's tab served in its place, declares shadow roots
    declares_shadow_roots: bool = False


@dataclass(frozen=True)
class Overrides:
    """What a caller knows better than the pages (the pytest plugin checking a developer's own
    pages)."""

    upstream: str | None = (
        None  # a live server (``http://127.0.0.1:5000``) answering instead of the site folder
    )
    pinned: Mapping[str, bytes] = field(
        default_factory=dict
    )  # page path -> bytes served for it (a live tab's DOM)
    theme: str | None = None  # judge by this theme's rules, whatever the page's markup says
    lang: str | None = None  # write the messages in this language
    # ... and on a page that declares no language, in this one (the developer's, in the plugin)
    default_lang: str | None = None


@dataclass
class Session:
    """One browser context and the one tab in it that visits page after page: a new tab per page
    costs more."""

    site: Path
    context: BrowserContext
    page: Page | None = None
    cdp: CDPSession | None = None
    traffic: Traffic = field(default_factory=Traffic)
    focus_verdicts: dict[str, bool] = field(
        default_factory=dict
    )  # see focus_visible.py; shared by a run's sessions
    address: str = ""  # the page being checked
    document_served: bool = (
        False  # its document was served: any other navigation of the tab is held back
    )
    # its document replaced the page before in the tab; until then, what tries to leave the tab is
    # the page before, still running
    document_committed: bool = False
    left_over: set[Request] = field(
        default_factory=set
    )  # navigations the page before started, noted as the tab saw them, not this page's doing
    departed: asyncio.Event = field(
        default_factory=asyncio.Event
    )  # a navigation of the tab was held back
    overrides: Overrides = field(default_factory=Overrides)
    page_path: str = ""  # the page being checked, as open() was given it
    run_axe: AxeRun | None = (
        None  # axe run another way than in the page (grid.py: axe-selenium-python)
    )
    # the path the site is also served under: run_gate's root_path, else served_root
    root_path: str = "/"
    # scripts and data the page is loading (see _late_loads_played_out), how many it has started,
    # and whether one started or ended after its DOM was complete
    loading: set[Request] = field(default_factory=set)
    loads_started: int = 0
    dom_complete: bool = False
    loaded_late: bool = False

    async def reopen(self) -> tuple[Page, CDPSession]:
        """The page being checked loaded afresh, for a check that must start from the page as it
        loaded; what it loaded and did the first time stays this check's record."""
        traffic = self.traffic
        opened = await self.open(self.page_path)
        self.traffic = traffic
        return opened

    async def open(self, page_path: str) -> tuple[Page, CDPSession]:
        if self.page is None or self.cdp is None or self.page.is_closed():
            await self.new_tab()
        assert self.page is not None and self.cdp is not None
        if self.page_path:
            await self._forget_what_pages_kept()
        self.traffic, self.page_path = Traffic(), page_path
        address = page_address(page_path, self.root_path)
        self.address, self.departed = ORIGIN + address, asyncio.Event()
        self.document_served = self.document_committed = False
        self.left_over = set()
        self.loading, self.dom_complete, self.loaded_late = set(), False, False
        await self.page.goto(self.address, wait_until="commit")
        await self._loaded(self.page)
        await self._late_loads_played_out(self.page)
        if self.traffic.declares_shadow_roots:
            await declarative_shadow.hand_to_probe(self.cdp)
        return self.page, self.cdp

    async def _forget_what_pages_kept(self) -> None:
        """Each page is checked as a reader new to the site sees it: what the pages before kept in
        the browser (a colour scheme the gate's key presses chose, a cookie banner's answer) would
        make its findings depend on the order pages are checked in."""
        assert self.page is not None and self.cdp is not None
        with suppress(PlaywrightError):  # the page before may be gone, or not the site's
            await self.page.evaluate("() => sessionStorage.clear()")
        await self.cdp.send("Storage.clearDataForOrigin", {"origin": ORIGIN, "storageTypes": "all"})

    async def new_tab(self, opened: Page | None = None) -> None:
        """The tab pages are checked in (``opened``, else a new one), listened to for console
        errors and departures (grid.py also puts WebDriver on it)."""
        self.page = opened or await self.context.new_page()
        self.page.on("console", self._note_console)
        self.page.on("pageerror", self._note_page_error)
        self.page.on("popup", self._close_popup)
        self.page.on("framenavigated", self._note_navigated)
        self.page.on("request", self._note_left_over)
        self.page.on("request", self._note_load_started)
        self.page.on("requestfinished", self._note_load_ended)
        self.page.on("requestfailed", self._note_load_ended)
        self.page.on("domcontentloaded", self._note_dom_complete)
        self.page.on("close", lambda _: self.traffic.departures.append(("page-closed-itself", "")))
        self.cdp = await self.context.new_cdp_session(self.page)

    async def _loaded(self, page: Page) -> None:
        """Until the page's load event; a navigation held back before it stops the page loading (the
        browser stops a document's loads when a navigation starts), so then only until its DOM is
        complete."""
        load = asyncio.ensure_future(page.wait_for_load_state("load"))
        departed = asyncio.ensure_future(self.departed.wait())
        try:
            await asyncio.wait({load, departed}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            departed.cancel()
        if load.done():
            load.result()  # raises what the wait raised (a timeout)
            return
        load.cancel()
        try:
            await page.wait_for_load_state("domcontentloaded", timeout=DEPARTED_WAIT_MS)
        except PlaywrightError:
            pass  # checked as it stands: the departure blocks the page anyway

    async def _late_loads_played_out(self, page: Page) -> None:
        """Until the scripts and data the page loads once its DOM is complete have arrived and run:
        the components of the GC Design System (Stencil's, and others loaded the same way) import
        their code after the load event and stay hidden until it has drawn them, and a page checked
        before that was checked with nothing in it. Each answer may start another load, so this
        waits until two frames pass with nothing loading and nothing changed in the page (Stencil's
        components go on drawing themselves for frames after their last file came), at most
        LATE_LOADS_MS. A page whose scripts had all loaded with its DOM and that has no module
        script, as guidekit's, waits for nothing."""
        with suppress(PlaywrightError):  # a page that left is judged by its departure
            if not (self.loading or self.loaded_late or await self._imports_modules(page)):
                return
            clock = asyncio.get_running_loop()
            deadline = clock.time() + LATE_LOADS_MS / 1000
            while clock.time() < deadline:
                if self.loading:
                    await asyncio.sleep(0.005)
                    continue
                started = self.loads_started
                changes = await page.evaluate("() => window.__guidekit.changesOver(2)")
                if not (self.loading or changes) and self.loads_started == started:
                    return

    async def _imports_modules(self, page: Page) -> bool:
        """A module script imports more code when it pleases, after the load event too: read in the
        page's HTML as served, or, where none was kept (a test's tab as it stands), in its DOM."""
        if self.traffic.document is not None:
            return MODULE_SCRIPT.search(self.traffic.document) is not None
        return bool(
            await page.evaluate("() => Boolean(document.querySelector('script[type=module]'))")
        )

    def _note_load_started(self, request: Request) -> None:
        """Counted from when the page's document was served: a busy run tells of the loads it
        starts before it tells that the document is in the tab."""
        if self.document_served and request.resource_type in SCRIPTED_LOADS:
            self.loading.add(request)
            self.loads_started += 1
            self.loaded_late = self.loaded_late or self.dom_complete

    def _note_load_ended(self, request: Request) -> None:
        if request in self.loading:
            self.loading.discard(request)
            self.loaded_late = self.loaded_late or self.dom_complete

    def _note_dom_complete(self, _: Page) -> None:
        self.dom_complete = self.document_committed

    async def _close_popup(self, popup: Page) -> None:
        self.traffic.departures.append(("page-opened-window", popup.url))
        await popup.close()

    def _note_navigated(self, frame: Frame) -> None:
        """A move of the tab that loads nothing (history) still leaves the page it was asked to
        judge."""
        if frame.parent_frame is not None:
            return
        if not self.document_committed:
            self.document_committed = self.document_served and same_document(
                frame.url, self.address
            )
        elif not same_document(frame.url, self.address):
            self.traffic.departures.append(("page-history-changed", frame.url))

    def _note_left_over(self, request: Request) -> None:
        """Routed requests reach ``serve`` later than events like this one, by then the page's
        document may be in the tab."""
        if not self.document_committed and not same_document(request.url, self.address):
            self.left_over.add(request)

    def _from_page_before(self, request: Request) -> bool:
        """Whether the page checked before started a navigation of the tab: seen before this page's
        document was in the tab, or sent from another page's address (a page's own navigations
        send its address, its origin alone or nothing, as its referrer policy says; the browser
        may announce one the page before started after this page's document is in)."""
        referrer = request.headers.get("referer")
        return request in self.left_over or (
            referrer is not None
            and referrer != f"{ORIGIN}/"
            and not same_document(referrer, self.address)
        )

    async def _held_back(self, route: Route) -> bool:
        """Whether a navigation was stopped: a window the page opened gets nothing; any move of the
        tab but to the page being checked gets "204 No Content", which leaves the tab where it is,
        and is noted unless the page checked before started it."""
        frame = _frame_of(route.request)
        if frame is None or frame.page != self.page:
            await route.abort("blockedbyclient")
            return True
        if frame.parent_frame is not None:  # a frame inside the page loads its document
            return False
        if not self.document_served and same_document(route.request.url, self.address):
            self.document_served = True
            return False
        if not self._from_page_before(route.request):
            self.traffic.departures.append(("page-navigated", route.request.url))
            self.departed.set()
        await route.fulfill(status=204)
        return True

    def _note_page_error(self, error: PlaywrightError) -> None:
        if self.document_committed:  # else the page checked before, still running, failed
            self.traffic.console_errors.append((str(error), ""))

    def _note_console(self, message: ConsoleMessage) -> None:
        if message.type != "error" or not self.document_committed:
            return
        source = message.location.get("url", "")
        if source and source in self.traffic.external:
            return  # a request we refused: reported once, as an external request
        text, failed = message.text, ""
        if source.startswith(f"{ORIGIN}/") and text.startswith("Failed to load resource"):
            failed = source
            text += f" ({unquote(source[len(ORIGIN) + 1 :])})"  # the text does not say which file
        self.traffic.console_errors.append((text, failed))

    async def serve(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        traffic = self.traffic
        navigation = route.request.is_navigation_request()
        if navigation and await self._held_back(route):
            return
        # the tab's own navigation that was not held back: the page's document
        frame = _frame_of(route.request) if navigation else None
        document = frame is not None and frame.parent_frame is None
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            traffic.external.append(route.request.url)
            await route.abort("blockedbyclient")
            return
        relative = in_site(unquote(url.path), self.root_path).lstrip("/")
        if not self.overrides.upstream:
            # Playwright would not route the second request of a server sending "/zh" on to "/zh/"
            relative = file_named_by(relative, partial(holds_file, self.site))
        pinned = self.overrides.pinned.get(relative)
        if pinned is not None:
            # no document kept: a tab's DOM as it stands (pytest-playwright's page) is no file its
            # developer opens, so its lines would mislead
            traffic.served[relative] = hashlib.sha256(pinned).hexdigest()
            if document:
                traffic.declares_shadow_roots = declares_shadow_roots(pinned)
            await route.fulfill(status=200, body=pinned, content_type="text/html; charset=utf-8")
            return
        if self.overrides.upstream:
            await self._serve_upstream(route, relative, url.query, document)
            return
        target = (self.site / relative).resolve()
        if not target.is_relative_to(self.site) or not target.is_file():
            traffic.served[relative] = MISSING
            await route.fulfill(status=404, body="not found", content_type="text/plain")
            return
        body = target.read_bytes()
        traffic.served[relative] = hashlib.sha256(body).hexdigest()
        if document:
            traffic.document, traffic.declares_shadow_roots = body, declares_shadow_roots(body)
        await route.fulfill(status=200, body=body, content_type=content_type(target.name, body))

    async def _serve_upstream(
        self, route: Route, relative: str, query: str, document: bool
    ) -> None:
        """The live server's answer, under the gate's own origin so every check sees one site;
        ``document``: the answer is the page's own HTML."""
        upstream = str(self.overrides.upstream).rstrip("/")
        response = await route.fetch(
            url=f"{upstream}/{quote(relative)}" + (f"?{query}" if query else "")
        )
        body = await response.body()
        self.traffic.served[relative] = hashlib.sha256(body).hexdigest() if response.ok else MISSING
        if document:
            self.traffic.document = body
            self.traffic.declares_shadow_roots = declares_shadow_roots(body)
        await route.fulfill(response=response, body=body)


def page_address(page_path: str, root_path: str) -> str:
    """Where the gate opens a page: a page of a live server at its own "/path?query"; a page of the
    site folder where readers reach it, below the path the site is published under (``root_path``:
    a MkDocs site at /guide/ has its guide/card/index.html at /guide/guide/card/, not at
    /guide/card/, which is its card/), a folder's index.html at the folder's address ("/apply/"):
    a client-side router (Docusaurus, VitePress) draws the page its address names, and at
    "/apply/index.html" drew a page that did not match the file, or none."""
    if page_path.startswith("/"):
        return page_path
    folder, name = posixpath.split(page_path)
    below = (f"{folder}/" if folder else "") if name == "index.html" else page_path
    return quote(root_path) + quote(below)


def holds_file(site: Path, relative: str) -> bool:
    """Whether the site folder ``site`` has a file at ``relative``, not reached through a link
    leading out of it."""
    target = (site / relative).resolve()
    return target.is_relative_to(site) and target.is_file()


def _frame_of(request: Request) -> Frame | None:
    """The frame a navigation request loads into; None before the frame exists (a new window)."""
    try:
        return request.frame
    except PlaywrightError:
        return None


def same_document(first: str, second: str) -> bool:
    """Whether two addresses name one document (anchors aside, percent-encoding as the browser may
    spell it)."""
    one, other = urlsplit(first), urlsplit(second)
    return (one.scheme, one.netloc, unquote(one.path), unquote(one.query)) == (
        other.scheme,
        other.netloc,
        unquote(other.path),
        unquote(other.query),
    )


def served_root(site: Path) -> str:
    """The path a built site is served under (base_url's, ``/qc/``), as its manifest records it:
    its 404 page's stylesheet and links start there, since a server shows that page at any
    address. The gate serves the site there as well as at the root, where it opens its pages;
    a folder without a manifest is served at the root only."""
    manifest = read_manifest(site)
    return unquote(manifest.root_path) if manifest else "/"


async def fresh_context(browser: Browser) -> BrowserContext:
    """A new context whose every page gets the gate's scripts."""
    context = await browser.new_context(
        service_workers="block", viewport=VIEWPORT, device_scale_factor=1
    )
    await install_scripts(context)
    return context


ContextSource = Callable[[Browser], Awaitable[BrowserContext]]


class ContextsMadeAhead:
    """Fresh contexts, each made once the one before is closed, with its tab open on a blank page of
    the site's origin: a test suite's checks come between its other tests, and a new context, its
    tab and the tab's first page on the origin are a third of a check (bench/HISTORY.md,
    2026-12-01, "made ahead"). Each context is still one check's alone."""

    def __init__(self) -> None:
        self._next: asyncio.Future[BrowserContext] | None = None
        self._closed = False

    async def __call__(self, browser: Browser) -> BrowserContext:
        made, self._next = self._next, None
        context = await (made or _with_tab(browser))
        context.on("close", lambda _: self._make_next(browser))
        return context

    def _make_next(self, browser: Browser) -> None:
        # one at a time: a check of a folder closes several contexts
        if self._next is None and not self._closed and browser.is_connected():
            self._next = asyncio.ensure_future(_with_tab(browser))

    async def ready(self) -> None:
        """Until the next context is made (a benchmark times other work only after that)."""
        if self._next is not None:
            await asyncio.wait([self._next])

    async def close(self) -> None:
        self._closed = True
        made, self._next = self._next, None
        if made is not None:
            with suppress(PlaywrightError):
                await (await made).close()


async def _with_tab(browser: Browser) -> BrowserContext:
    context = await fresh_context(browser)
    tab = await context.new_page()
    # the tab's first page on the origin starts the renderer the checked page will use
    await context.route(WARM_UP, _blank)
    await tab.goto(WARM_UP)
    await context.unroute(WARM_UP)
    return context


WARM_UP = ORIGIN + "/.guidekit-warm-up"  # no file of a site: its name starts with a dot


async def _blank(route: Route) -> None:
    await route.fulfill(body="<!doctype html><title>-</title>", content_type="text/html")


async def new_session(
    browser: Browser,
    site: Path,
    focus_verdicts: dict[str, bool],
    overrides: Overrides | None = None,
    root_path: str | None = None,
    contexts: ContextSource = fresh_context,
) -> Session:
    """``root_path``: the path the site is also served under; None: as its manifest says."""
    session = Session(
        site,
        await contexts(browser),
        focus_verdicts=focus_verdicts,
        overrides=overrides or Overrides(),
        root_path=root_path or served_root(site),
    )
    await session.context.route("**/*", session.serve)
    if session.context.pages:  # made ahead, with its tab open
        await session.new_tab(session.context.pages[0])
    return session


async def install_scripts(context: BrowserContext) -> None:
    """The gate's scripts installed in every page ``context`` opens: axe and the check scripts as
    one script (one round trip); injecting them per page costs far more."""
    context.set_default_timeout(page_timeout_ms())
    await context.add_init_script(gate_script())


async def prepare_session(session: Session) -> Session:
    """A session on a context made elsewhere (a Grid node's browser): the site served in it, the
    gate's scripts installed in every page it opens."""
    await asyncio.gather(
        install_scripts(session.context), session.context.route("**/*", session.serve)
    )
    return session


@cache
def gate_script() -> str:
    """axe-core, then the check scripts in their order, each a statement list of its own; compiled
    but not run in a tab's first documents, which no check visits: the empty top-level about:blank
    a new tab opens on (a browser context's first tab ran all of axe-core there, a twentieth of a
    pytest plugin check: bench/HISTORY.md, 2026-12-01, "about:blank"), and a context made ahead's
    blank page (ContextsMadeAhead)."""
    scripts = "\n;\n".join([axe_source(), *(script(name) for name in CHECK_SCRIPTS)])
    # compiled there all the same, which the page the tab then opens reuses
    unvisited = json.dumps(["about:blank", WARM_UP])
    return f"if (!(window === window.top && {unvisited}.includes(location.href))) {{\n{scripts}\n}}"


async def close_quietly(session: Session) -> None:
    """Close the session's context; a page whose script never yields can stall the closing, and then
    it is left to die with the browser at the end of the run rather than stop the gate."""
    try:
        await asyncio.wait_for(session.context.close(), page_timeout_ms() / 1000)
    except (TimeoutError, PlaywrightError):
        pass


def content_type(name: str, body: bytes) -> str:
    """The Content-Type a file is served with: text in UTF-8 (guidekit's own files), unless an
    HTML page says its own encoding, which a web server leaves it to (older Chinese sites' pages
    in GBK say so in their <meta charset>; a header saying UTF-8 would garble them)."""
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind == "text/html" and (
        body.startswith(_BYTE_ORDER_MARKS) or _META_CHARSET.search(body[:1024])
    ):
        return kind
    if kind.startswith("text/") or kind in {"application/javascript", "image/svg+xml"}:
        return f"{kind}; charset=utf-8"
    return kind
