"""``guidekit serve``: a live preview for editors. Builds into a preview folder, serves only that
folder on 127.0.0.1, rebuilds when guides, components or themes change, and reloads the open page.

A refused rebuild leaves the last good pages in place (the build publishes atomically) and every
served page then carries a banner that lists the problems with file and line. The reload script and
the banner are added to HTML responses by this server only; built sites never contain them.
"""

from __future__ import annotations

import functools
import html
import mimetypes
import re
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from pydantic import BaseModel, ValidationError

from .build import BuildResult, build
from .component_registry import components_root
from .findings import Finding
from .gate.report import Problem, Verdict
from .messages import best_language, catalogue, error_text, fill
from .output.publish import UnsafeOutput, check_output
from .output.session import Session
from .output.stage import MANIFEST, read_manifest
from .package_files import forget_package_files
from .site.extras import NOT_FOUND
from .site_paths import file_named_by
from .source.config import load_config
from .theme import theme_of_page
from .workers import settled_between_rebuilds

if TYPE_CHECKING:
    import watchfiles

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SERVER_PATH = "/__guidekit/"
EVENTS_PATH = SERVER_PATH + "events"
OVERLAY_LIMIT = 20  # the terminal has the full list; the page stays readable
KEEPALIVE_SECONDS = 15.0
# Connections wait in the kernel's queue until a thread takes them: room for a burst of page loads
# (a page and everything it loads, several tabs) instead of the default 5.
LISTEN_BACKLOG = 1024
# A connection that sends nothing for this long (half-open, or a request line and headers never
# finished) is closed. The event stream only writes, which this timeout does not cut short.
IDLE_SECONDS = 10.0
MAX_NAME_BYTES = 255  # no file system has longer names: a longer segment cannot name a file
MAX_TARGET_BYTES = 4096  # PATH_MAX


def serve_text(key: str, lang: str, **args: object) -> str:
    return fill(catalogue("serve")[key][best_language(lang)], args)


@dataclass
class PreviewState:
    """What request threads need to know about the rebuild loop: which build is current, and its
    problems."""

    lang: str
    generation: int = 0
    problems: list[Finding] = field(default_factory=list)
    site_files: frozenset[str] = (
        frozenset()
    )  # what the last build this run published wrote: all that is served
    stopping: bool = False
    # base_url's path (/qc/): the site is served there too, as on the web server its 404 page and
    # printed addresses lead to
    root_path: str = "/"
    changed: threading.Condition = field(default_factory=threading.Condition)
    # what the rebuild loop keeps from one build to the next; only its thread uses it
    builds: Session = field(default_factory=Session)

    def record(
        self,
        problems: list[Finding],
        site_files: frozenset[str] | None = None,
        root_path: str = "/",
    ) -> None:
        """A build ended; ``site_files``: the files of the site it published, None when it
        published nothing; ``root_path``: the path that site is served under."""
        with self.changed:
            self.generation += 1
            self.problems = problems
            if site_files is not None:
                self.site_files, self.root_path = site_files, root_path
            self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def wait_for_build(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen or self.stopping, timeout=timeout)
            return self.generation


class CannotListen(Exception):
    """The address or port is taken or not allowed."""

    def __init__(self, reason: OSError) -> None:
        super().__init__(reason)
        self.reason = reason


class Refused(Exception):
    """A request for something outside the preview folder, or for a hidden file."""


class TooLong(Exception):
    """A request target no file can have."""


class TerminalReport:
    """What the terminal has been shown of a preview's problems, so that a rebuild prints the news
    only: every blocking problem, and all the problems of each file whose problems changed (the
    file being edited, as it stands now). Reprinting the rest on every save buried that file under
    the unchanged warnings of a province's site: 12,586 lines a save on 2,000 guides."""

    def __init__(self) -> None:
        self.shown: frozenset[tuple[object, ...]] | None = None  # None until a first build

    def news(self, verdict: Verdict) -> tuple[Verdict, int]:
        """``verdict`` less what the terminal was shown before and did not change; with how many
        problems that leaves out."""
        identities = [_identity(problem) for problem in verdict.problems]
        current = frozenset(identities)
        if self.shown is None:
            printed = verdict.problems
        else:
            # a file's problems change as a whole: a line added above them moves every one
            changed = {identity[0] for identity in current ^ self.shown}
            printed = [
                problem
                for problem, identity in zip(verdict.problems, identities, strict=True)
                if problem.blocking or identity[0] in changed
            ]
        self.shown = current
        return (
            Verdict(printed, verdict.waivers, verdict.details),
            len(verdict.problems) - len(printed),
        )


def _identity(problem: Problem) -> tuple[object, ...]:
    """A problem as the text report prints it, its file (or page) first."""
    first = problem.first
    return (
        first.file or first.page or "",
        first.line,
        first.rule,
        first.severity,
        first.element,
        first.message,
        problem.pages,
        problem.waived,
    )


def request_segments(target: str) -> list[str]:
    """The path segments of a request target. Refuses ``..`` and ``.`` segments (also
    percent-encoded), NUL bytes, backslashes and hidden names (``.ssh``, ``.git``: a build writes
    none)."""
    path = unquote(urlsplit(target).path, errors="strict")
    segments = [segment for segment in path.split("/") if segment]
    if len(path.encode()) > MAX_TARGET_BYTES or any(
        len(segment.encode()) > MAX_NAME_BYTES for segment in segments
    ):
        raise TooLong(target)
    if "\0" in path or "\\" in path or any(segment.startswith(".") for segment in segments):
        raise Refused(target)
    return segments


def at_site_root(target: str, root_path: str) -> str:
    """A request below the path the site is served under (``/qc/zh-Hans/a.html``) as one for the
    same file at the root (``/zh-Hans/a.html``); any other as it is."""
    path = unquote(urlsplit(target).path)
    if root_path == "/" or not (path + "/").startswith(root_path):
        return target
    return quote("/" + path[len(root_path) :])


def resolve_request(root: Path, target: str, site_files: frozenset[str]) -> Path | None:
    """The file below ``root`` that the request target names, when the build wrote it (else None).
    Refuses anything that would leave ``root``, symbolic links pointing out included."""
    segments = request_segments(target)
    root = root.resolve()
    site_path = file_named_by("/".join(segments), site_files.__contains__)
    resolved = root.joinpath(*site_path.split("/")).resolve()
    if not resolved.is_relative_to(root):
        raise Refused(target)
    return resolved if site_path in site_files else None


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must never keep the command from stopping
    request_queue_size = LISTEN_BACKLOG

    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        state: PreviewState,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        super().__init__(address, PreviewHandler)
        self.root = root
        self.state = state
        self.idle_seconds = idle_seconds

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that goes away mid-answer is no news; anything else is one line, never a
        traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            sys.stderr.write(f"guidekit serve: {type(error).__name__}: {error}\n")

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        assert isinstance(host, str)  # an IP socket's address
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        # the socket's: idle, half-open and slow-header connections are closed; socketserver reads
        # it per connection, though its stubs call it a class variable
        self.timeout = self.server.idle_seconds  # type: ignore[misc]
        super().setup()

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news to an editor; build results are printed instead."""

    def _respond(self, *, send_body: bool) -> None:
        if not self._host_allowed():
            self._send(HTTPStatus.FORBIDDEN, b"forbidden host\n", "text/plain", send_body)
            return
        target = self.path
        if target == EVENTS_PATH:
            self._stream_builds()
            return
        if target.startswith(SERVER_PATH):
            self._send_server_file(target.removeprefix(SERVER_PATH), send_body)
            return
        state = self.server.state
        site_target = at_site_root(target, state.root_path)
        try:
            path = resolve_request(self.server.root, site_target, state.site_files)
            body = path.read_bytes() if path is not None else None
        except TooLong:
            self._send(
                HTTPStatus.REQUEST_URI_TOO_LONG,
                b"request target too long\n",
                "text/plain",
                send_body,
            )
            return
        except (Refused, UnicodeDecodeError):
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain", send_body)
            return
        except OSError:  # gone since the build, or not a file
            body = None
        if path is None or body is None:
            page = not_found_page(self.server.root, site_target, state) or missing_page(
                urlsplit(target).path, state
            )
            self._send(HTTPStatus.NOT_FOUND, page.encode(), "text/html; charset=utf-8", send_body)
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type == "text/html":
            body = preview_html(body.decode("utf-8"), self.server.state).encode()
            content_type += "; charset=utf-8"
        elif content_type.startswith("text/") and _is_utf8(body):
            # without a charset Chromium reads a text attachment (材料清单.txt) in its locale's
            # legacy encoding; one that is not UTF-8 (GB 18030) is left to the browser's guess
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, body, content_type, send_body)

    def _host_allowed(self) -> bool:
        """Against DNS rebinding: a loopback server answers only to loopback names."""
        if self.server.server_address[0] not in LOOPBACK_NAMES:
            return True
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return host in LOOPBACK_NAMES

    def _send_server_file(self, name: str, send_body: bool) -> None:
        types = {
            "live.js": "text/javascript; charset=utf-8",
            "overlay.css": "text/css; charset=utf-8",
        }
        if name not in types:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", send_body)
            return
        body = resources.files("guidekit").joinpath("serve_static", name).read_bytes()
        self._send(HTTPStatus.OK, body, types[name], send_body)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_builds(self) -> None:
        """Server-Sent Events: the current build number at once, then each new one."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        state = self.server.state
        seen = None
        try:
            while not state.stopping:
                current = (
                    state.wait_for_build(seen, KEEPALIVE_SECONDS)
                    if seen is not None
                    else state.generation
                )
                message = (
                    f"event: build\ndata: {current}\n\n" if current != seen else ": still here\n\n"
                )
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = current
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def preview_html(page: str, state: PreviewState) -> str:
    """The page with the reload script, and with the problem banner while the last rebuild is
    refused."""
    head = (
        f'<meta name="guidekit-build" content="{state.generation}">'
        f'<link rel="stylesheet" href="{SERVER_PATH}overlay.css">'
        f'<script src="{SERVER_PATH}live.js" defer></script>'
    )
    page = _HEAD_END.sub(lambda match: head + match.group(0), page, count=1)
    banner = overlay(state)
    return _BODY_START.sub(lambda match: match.group(0) + banner, page, count=1) if banner else page


def overlay(state: PreviewState) -> str:
    problems = state.problems
    if not problems:
        return ""
    lang = state.lang
    items = "".join(
        f"<li{_lang_if_other(problem.lang, lang)}><code>{html.escape(problem.location())}</code> "
        f"{html.escape(problem.message)}</li>"
        for problem in problems[:OVERLAY_LIMIT]
    )
    more = problems[OVERLAY_LIMIT:]
    more_text = (
        f"<p>{html.escape(serve_text('overlay-more', lang, count=len(more)))}</p>" if more else ""
    )
    title = serve_text("overlay-title", lang, count=len(problems))
    intro = "overlay-intro" if state.site_files else "overlay-intro-first"
    return (
        f'<section id="guidekit-overlay" class="guidekit-overlay" role="alert" lang="{lang}">'
        f'<p class="guidekit-overlay__title">{html.escape(title)}</p>'
        f"<p>{html.escape(serve_text(intro, lang))}</p><ul>{items}</ul>{more_text}"
        f'<button type="button" '
        f"data-guidekit-dismiss>{html.escape(serve_text('overlay-dismiss', lang))}</button>"
        "</section>"
    )


def _lang_if_other(lang: str | None, page_lang: str) -> str:
    """A message in another language than the banner's is marked, so screen readers switch
    voice."""
    return f' lang="{lang}"' if lang and best_language(lang) != page_lang else ""


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def not_found_page(root: Path, target: str, state: PreviewState) -> str | None:
    """The 404 page the last build published for a missing address, as a web server is told to
    show it (``silver/404.html`` below ``silver/``): an editor sees what readers will. None when
    the build wrote none (``ways_in = false``, or no good build yet)."""
    theme = theme_of_page("/".join(request_segments(target)))
    try:
        # the same way to a file as any request's: only what the build wrote, never out of root
        found = resolve_request(root, "/" + theme.prefix + NOT_FOUND, state.site_files)
        return preview_html(found.read_text("utf-8"), state) if found else None
    except (Refused, OSError, UnicodeDecodeError):
        return None


def missing_page(path: str, state: PreviewState) -> str:
    """The preview's own 404 page, for a site without one: before the first good build there is
    nothing to show but the problems."""
    message = html.escape(serve_text("no-page-yet", state.lang, path=path))
    page = (
        f'<!doctype html><html lang="{state.lang}"><head><meta '
        f'charset="utf-8"><title>404</title></head>'
        f'<body><main id="main" tabindex="-1"><h1>404</h1><p>{message}</p></main></body></html>'
    )
    return preview_html(page, state)


def rebuild(source: Path, preview: Path, state: PreviewState, *, check: bool) -> BuildResult:
    """One preview build: the build cache makes again only the guides a change touched; its
    problems go to the banner."""
    try:
        result = build(source, preview, check=check, session=state.builds)
        settled_between_rebuilds()
    except UnsafeOutput as error:  # something put files into the preview folder meanwhile
        result = BuildResult()
        result.findings.append(
            Finding(
                rule="serve-unsafe-output",
                message=error_text(error.key, state.lang, out=preview, **error.details),
            )
        )
    except Exception as error:  # the preview must outlive any one bad build
        result = BuildResult()
        result.findings.append(
            Finding(
                rule="internal-error",
                message=serve_text(
                    "rebuild-crashed", state.lang, error=f"{type(error).__name__}: {error}"
                ),
            )
        )
    if result.published:
        manifest = read_manifest(preview)
        state.record([], result.site_files, unquote(manifest.root_path) if manifest else "/")
    else:
        state.record([finding for finding in result.findings if finding.blocking])
    return result


def watched_folders(source: Path) -> list[Path]:
    """The guides, and guidekit's own components and themes (they change while guidekit is
    developed)."""
    return [source, Path(str(components_root())), Path(str(resources.files("guidekit.themes")))]


def watch(
    source: Path,
    preview: Path,
    state: PreviewState,
    *,
    check: bool,
    stop: threading.Event,
    on_build: Callable[[BuildResult, float], None],
    on_watching: Callable[[], None],
) -> None:
    """Rebuild after every batch of saved changes until ``stop`` is set. ``on_watching`` runs once
    the watcher is listening, so that nothing saved after it can be missed."""
    import watchfiles  # and anyio with it: only serve watches, and every command imports this

    folders = watched_folders(source)
    code_folders = folders[1:]
    preview_root = preview.resolve()
    ignore = watchfiles.DefaultFilter()
    listening = False

    def relevant(change: watchfiles.Change, path: str) -> bool:
        return ignore(change, path) and not Path(path).resolve().is_relative_to(preview_root)

    # Ctrl+C is how an editor ends the preview, during a rebuild too. watchfiles' own way to stop
    # quietly (raise_interrupt=False) logs an English line, so the interrupt is taken here.
    try:
        for changes in watchfiles.watch(
            *folders,
            watch_filter=relevant,
            stop_event=stop,
            debounce=300,
            rust_timeout=200,
            yield_on_timeout=True,
        ):
            if not listening:
                listening = True
                on_watching()
            if not changes:
                continue
            if _touches(changes, code_folders):
                forget_package_files()  # component specs and templates are read once per process
            started = time.monotonic()
            result = rebuild(source, preview, state, check=check)
            on_build(result, time.monotonic() - started)
    except KeyboardInterrupt:
        return


def _touches(changes: Iterable[tuple[watchfiles.Change, str]], folders: list[Path]) -> bool:
    return any(Path(path).is_relative_to(folder) for _, path in changes for folder in folders)


def start_server(
    preview: Path,
    state: PreviewState,
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    idle_seconds: float = IDLE_SECONDS,
) -> PreviewServer:
    """Serve ``preview`` from a background thread; ``port`` 0 picks a free port."""
    try:
        server = PreviewServer((host, port), preview, state, idle_seconds)
    except OSError as error:
        raise CannotListen(error) from error
    threading.Thread(
        target=functools.partial(server.serve_forever, poll_interval=0.2),
        daemon=True,
        name="guidekit-preview",
    ).start()
    return server


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal, a service manager) stop the preview the way Ctrl+C
    does, so the temporary folder is removed and worker processes are ended. Only the main thread
    can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {
        number: signal.signal(number, signal.default_int_handler)
        for number in (signal.SIGTERM, signal.SIGHUP)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class _Published(BaseModel):
    """What a manifest, even one from another guidekit, says about the gate."""

    checked: bool = False


def holds_checked_site(folder: Path) -> bool:
    """A published (checked) site must never be overwritten by unchecked preview pages."""
    try:
        return _Published.model_validate_json((folder / MANIFEST).read_bytes()).checked
    except (
        OSError,
        ValidationError,
    ):  # none, or damaged (nesting depth included): check_output judges the folder
        return False


def preview_site(
    source: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    out: Path | None = None,
    check: bool = False,
    on_ready: Callable[[str], None],
    on_build: Callable[[BuildResult, float], None],
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and rebuild until Ctrl+C (or ``stop``). Without ``out`` the preview lives in a
    temporary folder that is removed afterwards: it is never the published site."""
    if out is not None:
        check_output(out.resolve(), source)  # refused before anything is built or served
    with tempfile.TemporaryDirectory(prefix="guidekit-preview-") as scratch:
        folder = out or Path(scratch) / "site"
        state = PreviewState(lang=load_config(source)[0].default_lang)
        # listening first: a port in use is told before a province's site is built for nothing
        # (until the build ends the server has no page but the one saying none has built yet)
        server = start_server(folder, state, host=host, port=port)
        try:
            started = time.monotonic()
            on_build(rebuild(source, folder, state, check=check), time.monotonic() - started)
            watch(
                source,
                folder,
                state,
                check=check,
                stop=stop or threading.Event(),
                on_build=on_build,
                # at base_url's path, as readers will see it
                on_watching=lambda: on_ready(server.url + quote(state.root_path.lstrip("/"))),
            )
        finally:
            state.stop()
            server.shutdown()
            server.server_close()
