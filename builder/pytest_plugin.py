"""guidekit's accessibility gate in any pytest suite: the ``a11y`` fixture (registered through
``pytest11``).

    def test_home_page(a11y, live_server_url):
        a11y.check(live_server_url + "/")  # fails the test on any blocking finding

    @pytest.mark.a11y(theme="silver", waivers="guidekit-waivers.toml", skip_rules=["axe:region"])
    def test_card(a11y):
        findings = a11y.component("warning", {"content": "不要把密码告诉别人。"}, fail=False)

The checks are the gate's own (axe-core plus reflow, text spacing, text size, keyboard, focus,
targets, language, other hosts, and the silver numbers with ``theme="silver"``). One browser serves
the whole test session; every check gets a fresh browser context.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import posixpath
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from html.parser import HTMLParser
from itertools import takewhile
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .findings import Finding
from .gate.report import Verdict, judge
from .gate.scripts import script
from .gate.waivers import Waiver, WaiverError, load_waivers
from .messages import error_text, language_of, os_reason, user_language
from .near_names import nearest
from .theme import THEME_NAMES, find_theme

_MOST_CONTEXTS = 4  # browser contexts at once when a folder has many pages
_PAGE = "index.html"
_MARKER_OPTIONS = ("theme", "waivers", "skip_rules")  # @pytest.mark.a11y(...)
_CONNECT_SECONDS = 5  # a live server on this machine answers at once; a far one within this
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTTP_STATUS = re.compile(rb"HTTP/\d(?:\.\d)? (\d{3})")
_CONTENT_TYPE = re.compile(rb"\r\ncontent-type:[ \t]*([^;\r\n]+)", re.IGNORECASE)
_PAGE_TYPES = re.compile(rb"\s*(text/html|application/xhtml\+xml)\s*$", re.IGNORECASE)
_HEAD_BYTES = 8192  # an answer's status line and headers
_LOCATION = re.compile(rb"\r\nlocation:[ \t]*([^\r\n]+)", re.IGNORECASE)
_REDIRECTS = {b"301", b"302", b"303", b"307", b"308"}
_MOST_REDIRECTS = 5  # as a browser gives up on a loop
_NO_HEAD = {b"405", b"501"}  # a server's answers to a HEAD it does not serve


class _LivePage(Protocol):
    """What the plugin reads of a Playwright page (sync API, as pytest-playwright's ``page``
    fixture gives)."""

    url: str

    def evaluate(self, expression: str) -> Any: ...


@dataclass
class _Target:
    """Where a check's pages come from: a folder (and which pages of it), or a live server with a
    snapshot."""

    site: Path
    pages: list[str]
    label: str  # how the failure message names what was checked
    upstream: str | None = None
    pinned: dict[str, bytes] = field(default_factory=dict)
    # a string of HTML or a component: no site around it, so where its links to other pages lead
    # is not known here
    alone: bool = False
    # a component's page is guidekit's, not the test's: a line of it would point nowhere they can go
    lines: bool = True


@dataclass
class A11y:
    """The ``a11y`` fixture: checks pages with guidekit's gate and fails the test on a blocking
    finding."""

    browser: Any  # guidekit.gate.browser_thread.BrowserThread, started on the first check
    theme: str = "standard"
    lang: str | None = None
    waivers: Sequence[Waiver] = ()
    skip_rules: Sequence[str] = ()
    scratch: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="guidekit-a11y-")))
    verdicts: list[tuple[str, Verdict]] = field(default_factory=list)

    @property
    def own_lang(self) -> str:
        """The language of what the plugin says of the test itself (a path that does not exist, a
        browser that cannot start): --a11y-lang, else the user's own, as guidekit's commands
        speak. Findings are said in --a11y-lang, else in their page's language."""
        return self.lang or user_language()

    def check(
        self, target: str | Path | _LivePage, theme: str | None = None, *, fail: bool = True
    ) -> list[Finding]:
        """Check a Playwright page, a URL, an HTML file or folder, or a string of HTML.

        Returns the findings that are not waived or skipped; with ``fail`` (the default) a blocking
        one fails the test with every finding as guidekit prints it."""
        return self._judge(self._target(target), _theme(theme or self.theme, self.own_lang), fail)

    def component(
        self, name: str, params: dict[str, Any], theme: str | None = None, *, fail: bool = True
    ) -> list[Finding]:
        """Check one guidekit component rendered with ``params`` (its parameters are checked
        first)."""
        from .component_registry import ComponentParamsError, registry
        from .site.gallery import component_page

        if params is not None and not isinstance(params, Mapping):
            pytest.fail(
                error_text(
                    "a11y-component-params", self.own_lang, name=name, given=_described(params)
                ),
                pytrace=False,
            )
        # said in --a11y-lang, else in the language the component was to speak
        lang = self.lang or language_of(str((params or {}).get("lang") or "")) or self.own_lang
        if name not in registry():
            pytest.fail(
                error_text("a11y-unknown-component", lang, name=name, names=", ".join(registry())),
                pytrace=False,
            )
        chosen = _theme(theme or self.theme, self.own_lang)
        try:
            html = component_page(registry()[name], params, chosen)
        except ComponentParamsError as error:
            problem = error.explained(self.lang or error.lang)
        else:
            return self._judge(
                replace(
                    self._written(html.encode("utf-8")), label=f"component {name}", lines=False
                ),
                chosen,
                fail,
            )
        pytest.fail(problem, pytrace=False)  # outside the except: no "another exception occurred"

    def _target(self, target: str | Path | _LivePage) -> _Target:
        if hasattr(target, "evaluate") and hasattr(target, "url"):
            live = urlsplit(target.url)
            snapshot = target.evaluate(script("snapshot.js")).encode("utf-8")
            if live.scheme in ("http", "https"):
                return _Target(
                    self.scratch,
                    [_served_path(target.url)],
                    target.url,
                    f"{live.scheme}://{live.netloc}",
                    {unquote(live.path).lstrip("/"): snapshot},
                )
            if live.scheme == "file" and Path(unquote(live.path)).is_file():
                # the tab's DOM, served where its file lies so that its own files load beside it
                page = _page_in_folder(Path(unquote(live.path)).resolve())
                return replace(page, label=target.url, pinned={page.pages[0]: snapshot})
            return self._written(snapshot)
        if not isinstance(target, (str, Path)):
            pytest.fail(
                error_text("a11y-not-a-target", self.own_lang, target=repr(target)[:80]),
                pytrace=False,
            )
        text = str(target)
        if isinstance(target, str) and text.startswith("file://"):
            target = text = unquote(urlsplit(text).path)
        if isinstance(target, str) and text.startswith(("http://", "https://")):
            address = urlsplit(text)
            self._reachable(text)
            return _Target(
                self.scratch, [_served_path(text)], text, f"{address.scheme}://{address.netloc}"
            )
        if isinstance(target, Path) or "<" not in text:  # HTML has tags; a path has none
            path = Path(text).resolve()
            if not path.exists():
                pytest.fail(
                    error_text("a11y-no-such-page", self.own_lang, path=text), pytrace=False
                )
            if path.is_dir():
                from .gate.runner import html_pages

                if not (pages := html_pages(path)):  # a pass would be no verdict at all
                    pytest.fail(
                        error_text("a11y-no-pages", self.own_lang, folder=text), pytrace=False
                    )
                return _Target(path, pages, str(path))
            if path.suffix.lower() not in _PAGE_SUFFIXES:
                pytest.fail(error_text("a11y-not-a-page", self.own_lang, path=text), pytrace=False)
            return _page_in_folder(path)
        return self._written(text.encode("utf-8"))

    def _reachable(self, url: str, redirects: int = 0, method: str = "HEAD") -> None:
        """A server that is not running, or that takes the connection and never answers (stuck,
        or a socket nobody serves), fails the check in one sentence: the page would otherwise
        wait out the gate's page timeout, twice, and end as Playwright's own words. A redirect is
        followed, as the browser will (``redirects``: how many so far). Asked with HEAD, so that
        the page is made once, for the browser; a server that knows no HEAD is asked with GET."""
        from .gate.session import page_timeout_ms

        address = urlsplit(url)
        port = address.port or (443 if address.scheme == "https" else 80)
        try:
            with socket.create_connection(
                (address.hostname or "", port), timeout=_CONNECT_SECONDS
            ) as connection:
                # any first byte is an answer (an HTTPS server answers plain bytes with an alert)
                request = f"{method} {_served_path(url)} HTTP/1.0\r\nHost: {address.netloc}\r\n\r\n"
                connection.sendall(request.encode())
                connection.settimeout(page_timeout_ms() / 1000)
                answer = _head_of_answer(connection)
        except TimeoutError:
            problem = error_text(
                "a11y-server-silent", self.own_lang, url=url, seconds=page_timeout_ms() // 1000
            )
        except socket.gaierror as error:  # no name server knows the host: no server to start
            reason = os_reason(error, self.own_lang)
            problem = error_text("a11y-unknown-host", self.own_lang, url=url, reason=reason)
        except OSError as error:
            reason = os_reason(error, self.own_lang)
            problem = error_text("a11y-server-down", self.own_lang, url=url, reason=reason)
        else:
            # an address the server has no page for (a typo) would be judged as its error page
            status = _HTTP_STATUS.match(answer) if address.scheme == "http" else None
            kind = _CONTENT_TYPE.search(answer) if status else None
            moved = _LOCATION.search(answer) if status and status[1] in _REDIRECTS else None
            if status is not None and status[1] in _NO_HEAD and method == "HEAD":
                return self._reachable(url, redirects, "GET")
            if moved is not None and redirects < _MOST_REDIRECTS:
                return self._reachable(urljoin(url, moved[1].decode().strip()), redirects + 1)
            if status is not None and int(status[1]) >= 400:
                code = int(status[1])
                key = (
                    "a11y-server-failed"
                    if code >= 500
                    else "a11y-server-refused"
                    if code in (401, 403)
                    else "a11y-server-status"
                )
                problem = error_text(key, self.own_lang, url=url, status=status[1].decode())
            elif kind is not None and not _PAGE_TYPES.match(kind[1]):
                # a JSON endpoint would be judged as the browser's viewer of it
                problem = error_text(
                    "a11y-url-not-a-page", self.own_lang, url=url, kind=kind[1].decode().strip()
                )
            else:
                return
        pytest.fail(problem, pytrace=False)

    def _written(self, html: bytes) -> _Target:
        folder = Path(tempfile.mkdtemp(prefix="page-", dir=self.scratch))
        (folder / _PAGE).write_bytes(html)
        return _Target(folder, [_PAGE], "HTML", alone=True)

    def _judge(self, target: _Target, theme: str, fail: bool) -> list[Finding]:
        from .gate.runner import check_pages
        from .gate.session import Overrides
        from .gate.setup_failures import SETUP_FAILURES, setup_failure_text

        overrides = Overrides(target.upstream, target.pinned, theme, self.lang, self.own_lang)
        jobs = min(len(target.pages), os.cpu_count() or 1, _MOST_CONTEXTS)
        try:
            results = self.browser().run(
                check_pages(
                    self.browser().browser,
                    target.site,
                    target.pages,
                    jobs,
                    lambda page: None,
                    overrides,
                    self.browser.focus_verdicts,
                    contexts=self.browser.contexts,
                )
            )
        except SETUP_FAILURES as error:
            problem = setup_failure_text(error, self.own_lang) or str(error)
        else:
            return self._verdict(target, results, fail)
        pytest.fail(problem, pytrace=False)  # outside the except: Playwright's launch log stays out

    def _verdict(self, target: _Target, results: dict[str, Any], fail: bool) -> list[Finding]:
        """The findings of one check, judged with the marker's waivers and skipped rules; a
        blocking one fails the test (with ``fail``)."""
        from .gate.axe import axe_version
        from .gate.content_rules import BROKEN_LINK
        from .gate.runner import FilesOnDisk, site_findings

        found = (
            site_findings(target.site, target.pages, results, FilesOnDisk(target.site))
            if target.upstream is None
            else [finding for page in target.pages for finding in results[page].findings]
        )
        kept = [
            _named_by_the_test(finding, target) if target.alone else finding
            for finding in found
            if not any(fnmatchcase(finding.rule, rule) for rule in self.skip_rules)
            and not (target.alone and finding.rule == BROKEN_LINK.id)
        ]
        verdict = judge(
            kept, self.waivers, details={"pages": len(target.pages), "axe_version": axe_version()}
        )
        self.verdicts.append((target.label, verdict))
        if fail and not verdict.ok:
            pytest.fail(failure_text(verdict, target.label, self.lang), pytrace=False)
        return [problem.first for problem in verdict.problems if not problem.waived]


def _named_by_the_test(finding: Finding, target: _Target) -> Finding:
    """A finding on a string's or a component's page, a file only the plugin wrote, named by what
    the test gave it (``HTML``, ``component warning``), in the failure and the report alike."""
    written = finding.file in target.pages
    return replace(
        finding,
        page=target.label if finding.page in target.pages else finding.page,
        file=target.label if written else finding.file,
        line=None if written and not target.lines else finding.line,
    )


def failure_text(verdict: Verdict, label: str, lang: str | None) -> str:
    """Every problem on its own lines: location, rule, WCAG criterion, element, message."""
    from .gate.formats import details_text, pages_line, severity_label, waiver_line, waiver_note

    shown = [problem for problem in verdict.problems if not problem.waived]
    lang = lang or next(
        (problem.first.lang for problem in shown if problem.first.lang), None
    )  # the pages' own language
    lines = [error_text("a11y-failed", lang, target=label, blocking=verdict.counts()[0])]
    for problem in shown:
        finding = problem.first
        said_in = finding.lang or lang
        lines.append(
            f"{finding.location()}: {severity_label(finding.severity, said_in)}: {finding.message} "
            f"({details_text(finding, said_in, page=False)})"
        )
        # the same defect on other pages of a folder, and a waiver that expired: why it blocks again
        for note in (pages_line(problem, lang, every_page=True), waiver_note(problem, lang)):
            if note:
                lines.append(f"    {note}")
    # a waiver that matched nothing may name the page as another check names it (web/ or web/guide/)
    lines += [waiver_line(use, lang, one_check=True) for use in verdict.waivers if use.matched == 0]
    return "\n".join(lines)


def _described(value: object) -> str:
    """What a test gave where something else was wanted, as a message names it: its type and the
    start of its repr (str '311')."""
    return f"{type(value).__name__} {value!r:.40}"


def _head_of_answer(connection: socket.socket) -> bytes:
    """The start of a server's answer, up to the end of its headers (any first bytes at all from a
    server that does not speak HTTP)."""
    answer = b""
    while b"\r\n\r\n" not in answer and len(answer) < _HEAD_BYTES:
        received = connection.recv(_HEAD_BYTES)
        answer += received
        if not received or (len(answer) >= 5 and not answer.startswith(b"HTTP/")):
            break
    return answer


def _page_in_folder(page: Path) -> _Target:
    """One HTML file, served from the nearest folder that holds what it loads and the pages its
    relative links lead to: a page of a built site loads ``../assets/guidekit.css`` and links
    ``../index.html``, which its own folder alone would answer with "not found"."""
    climbs, rooted = _local_references(page.read_text("utf-8", errors="replace"))
    folders = [page.parent, *page.parent.parents]
    lowest = min(climbs, len(folders) - 1)
    root = next(
        (folder for folder in folders[lowest:] if all((folder / path).exists() for path in rooted)),
        folders[lowest],
    )
    return _Target(root, [page.relative_to(root).as_posix()], str(page))


_LOADED_FROM = {
    "href": ("link",),
    "src": ("script", "img", "source", "iframe", "video", "audio", "track", "embed", "input"),
    "data": ("object",),
}


def _local_references(html: str) -> tuple[int, list[str]]:
    """How many folders up the page's relative addresses (of what it loads or links to) climb, and
    the paths of the root-relative ones of what it loads (``/static/app.css`` ->
    ``static/app.css``; a root-relative link says nothing of where the root is)."""
    collector = _LocalAddresses()
    collector.feed(html)
    climbs, rooted = 0, []
    for address, loaded in collector.addresses:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        if parts.path.startswith("/"):
            if loaded:
                rooted.append(unquote(parts.path).lstrip("/"))
            continue
        steps = posixpath.normpath(unquote(parts.path)).split("/")
        climbs = max(climbs, len(list(takewhile(lambda step: step == "..", steps))))
    return climbs, rooted


class _LocalAddresses(HTMLParser):
    """Each address in the page, and whether the page loads it (or only links to it)."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and tag in _LOADED_FROM.get(name, ()):
                self.addresses.append((value.strip(), True))
            elif value and name == "srcset":
                self.addresses += [
                    (candidate.split()[0], True)
                    for candidate in value.split(",")
                    if candidate.strip()
                ]
            elif value and name == "href" and tag in ("a", "area"):
                self.addresses.append((value.strip(), False))


def _served_path(url: str) -> str:
    """``http://host/a/b?q=1`` -> ``/a/b?q=1``: what the gate asks the live server for."""
    address = urlsplit(url)
    return (address.path or "/") + (f"?{address.query}" if address.query else "")


def _theme(theme: str, lang: str | None) -> str:
    found = find_theme(theme)
    if found is None:
        pytest.fail(
            error_text("a11y-unknown-theme", lang, name=theme, names=", ".join(THEME_NAMES)),
            pytrace=False,
        )
    return found.name


class _LazyBrowser:
    """Starts Chromium on the first check of the session, so tests that check nothing cost
    nothing; keeps the focus pictures' verdicts of the session's checks, which the same browser
    draws the same way (elements that look alike are photographed once per session), and makes
    each check's fresh context as soon as the check before has closed its own."""

    def __init__(self) -> None:
        self.thread: Any = None
        self.focus_verdicts: dict[str, bool] = {}
        self.contexts: Any = None  # guidekit.gate.session.ContextsMadeAhead, with the thread

    def __call__(self) -> Any:
        if self.thread is None:
            from .gate.browser_thread import BrowserThread
            from .gate.session import ContextsMadeAhead

            self.thread, self.contexts = BrowserThread(), ContextsMadeAhead()
        return self.thread

    def close(self) -> None:
        if self.thread is not None:
            self.thread.run(self.contexts.close())
            self.thread.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("guidekit", "guidekit accessibility gate")
    group.addoption(
        "--a11y-report",
        metavar="FILE",
        default=None,
        help="Write every a11y check's findings as JSON (the shape of guidekit check --format "
        "json).",
    )
    group.addoption(
        "--a11y-lang",
        default=None,
        type=_spoken_language,
        help="Language of the findings' messages: zh-Hans, zh-Hant or en, also written as a "
        "language tag such as zh-CN or en-GB (default: each page's own language).",
    )


def _spoken_language(tag: str) -> str:
    """The language guidekit speaks that ``tag`` asks for, as components take their lang."""
    if (lang := language_of(tag)) is None:
        raise argparse.ArgumentTypeError(error_text("a11y-unknown-lang", user_language(), tag=tag))
    return lang


def _unwritable_report(config: pytest.Config) -> str | None:
    """Why --a11y-report cannot be written where it is asked to be, said before the tests run,
    not as a traceback after all of them; its folder is made."""
    report = config.getoption("--a11y-report")
    if not report:
        return None
    try:
        try:
            Path(report).parent.mkdir(parents=True, exist_ok=True)  # as --junit and report_json do
        except FileExistsError as error:  # exist_ok: a file stands where a folder must be
            reason = os.strerror(errno.ENOTDIR)
            raise NotADirectoryError(errno.ENOTDIR, reason, error.filename) from None
        if Path(report).is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), report)
    except OSError as error:
        return _report_problem(config, report, error)
    return None


def _report_problem(config: pytest.Config, report: str, error: OSError) -> str:
    lang = config.getoption("--a11y-lang") or user_language()
    reason = os_reason(error, lang)
    return error_text("a11y-report-unwritable", lang, path=report, reason=reason)


def pytest_configure(config: pytest.Config) -> None:
    if problem := _unwritable_report(config):
        raise pytest.UsageError(problem)
    config.stash[_REPORTS] = []
    config.addinivalue_line(
        "markers",
        "a11y(theme='standard'|'silver', waivers=FILE, skip_rules=[...]): how the a11y fixture "
        "judges this test's pages.",
    )


@pytest.fixture(scope="session")
def _guidekit_browser() -> Iterator[_LazyBrowser]:
    browser = _LazyBrowser()
    yield browser
    browser.close()


# Every check of the run, as --a11y-report writes them. Under pytest-xdist each worker hands its own
# to the controller (workeroutput), which writes the one report.
_REPORTS = pytest.StashKey[list]()
_WORKER_REPORTS = "guidekit_a11y_checks"


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    checks = getattr(node, "workeroutput", {}).get(_WORKER_REPORTS)
    if checks:
        node.config.stash[_REPORTS].extend(json.loads(checks))


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    checks = config.stash[_REPORTS]
    worker_output = getattr(config, "workeroutput", None)
    if worker_output is not None:
        worker_output[_WORKER_REPORTS] = json.dumps(checks, ensure_ascii=False)
        return
    report = config.getoption("--a11y-report")
    if report:
        document = json.dumps({"checks": checks}, ensure_ascii=False, indent=2)
        try:
            Path(report).write_text(document, "utf-8")
        except OSError as error:  # the place was taken or locked while the tests ran
            config.get_terminal_writer().line(_report_problem(config, report, error), red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _waivers(path: Path, lang: str | None) -> list[Waiver]:
    """The marker's waivers file; a mistake in it fails the test as guidekit check says it."""
    try:
        return load_waivers(path, lang)
    except WaiverError as error:
        problem = str(error)
    pytest.fail(problem, pytrace=False)  # outside the except: no "another exception occurred"


def _unknown_rule(patterns: Sequence[str], lang: str) -> str | None:
    """What to say of the first rule to skip that names none the gate runs: a misspelt rule skips
    nothing, and the test would be checked another way than its author believes."""
    from .conformance.standards import standards_map

    rules = standards_map().mapped_rules()
    for pattern in patterns:
        if any(fnmatchcase(rule, pattern) for rule in rules):
            continue
        prefixed = sorted(f"{tool}:{pattern}" for tool in ("axe", "guidekit"))
        close = [rule for rule in prefixed if rule in rules] or nearest(
            pattern, sorted(rules), 0.8, limit=2
        )
        named = _either(close, lang)
        hint = error_text("a11y-marker-rule-close", lang, rules=named) if close else ""
        return error_text("a11y-marker-rule-unknown", lang, rule=pattern, close=hint)
    return None


def _either(rules: Sequence[str], lang: str) -> str:
    """'a' or 'b', in the sentence's language."""
    quoted = [error_text("a11y-marker-rule-quoted", lang, rule=rule) for rule in rules]
    return error_text("a11y-marker-rule-or", lang).join(quoted)


@pytest.fixture
def a11y(request: pytest.FixtureRequest, _guidekit_browser: _LazyBrowser) -> Iterator[A11y]:
    markers = list(request.node.iter_markers("a11y"))  # the test's own first, the module's last
    # theme and waivers from the closest marker that sets them: a module's theme holds for a test
    # that only adds rules to skip
    options = {key: value for marker in reversed(markers) for key, value in marker.kwargs.items()}
    lang = request.config.getoption("--a11y-lang")
    own_lang = lang or user_language()  # as A11y.own_lang
    names = ", ".join(_MARKER_OPTIONS)
    # a misspelt, unnamed or mistyped option would otherwise leave the test checked another way
    if any(marker.args for marker in markers):
        pytest.fail(error_text("a11y-marker-positional", own_lang, names=names), pytrace=False)
    if unknown := sorted(set(options) - set(_MARKER_OPTIONS)):
        pytest.fail(
            error_text("a11y-marker-option", own_lang, name=unknown[0], names=names),
            pytrace=False,
        )
    skip_rules: list[str] = []  # every marker's: the module skips one rule, the test one more
    for marker in markers:
        given = marker.kwargs.get("skip_rules", ())
        if not isinstance(given, (list, tuple)) or not all(isinstance(rule, str) for rule in given):
            pytest.fail(
                error_text("a11y-marker-rule-list", own_lang, given=_described(given)),
                pytrace=False,
            )
        skip_rules += [rule for rule in given if rule not in skip_rules]
    if problem := _unknown_rule(skip_rules, own_lang):
        pytest.fail(problem, pytrace=False)
    waivers_file = options.get("waivers")
    waivers = _waivers(request.config.rootpath / waivers_file, own_lang) if waivers_file else ()
    checker = A11y(
        _guidekit_browser,
        _theme(options.get("theme", "standard"), own_lang),
        lang,
        waivers,
        tuple(skip_rules),
    )
    yield checker
    shutil.rmtree(checker.scratch, ignore_errors=True)
    reports = request.config.stash[_REPORTS]
    for label, verdict in checker.verdicts:
        reports.append({"test": request.node.nodeid, "target": label, **verdict.to_json()})


__all__ = ["A11y", "a11y", "failure_text"]
