"""Phase 5, gate: open every page of a built site in Chromium and run every check of the gate on
it.

Pages are checked in parallel browser contexts (``jobs``), each page once per run and not at all
when the cache holds its result. A page that cannot be checked is retried once in a fresh context,
then becomes a blocking finding: nothing is skipped silently.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Container, Coroutine, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

from playwright.async_api import Browser
from playwright.async_api import Error as PlaywrightError

from ..findings import Finding, Severity, sort_key
from ..messages import error_text, sentences_text
from .axe import axe_version
from .browser import launch, playwright_driver
from .cache import GateCache, ruleset
from .content_rules import link_findings
from .grid_status import GridUnavailable
from .page_check import PageResult, StepTimedOut, check_page_in_time
from .session import (
    ORIGIN,
    ContextSource,
    Overrides,
    Session,
    close_quietly,
    fresh_context,
    new_session,
    page_timeout_ms,
    served_root,
)
from .shard import Shard

T = TypeVar("T")


@dataclass
class GateReport:
    """What one run of the gate found, finding by finding, before grouping and waivers."""

    findings: list[Finding]
    pages: list[str]  # the pages this run answers for (all of the site's, or one shard's)
    site_pages: int  # every page of the site, whichever shard this is
    shard: Shard | None = None
    browser_pages: int = 0  # pages opened in the browser; the rest came from the cache
    axe_version: str = field(default_factory=axe_version)
    ruleset: str = field(default_factory=ruleset)
    grid_nodes: dict[str, int] | None = (
        None  # Selenium Grid node -> pages it checked, when a Grid checked them
    )
    timings: dict[str, float] = field(
        default_factory=dict
    )  # check -> seconds it took over the pages opened in the browser (benchmarks)

    @property
    def passed(self) -> bool:
        return not any(finding.blocking for finding in self.findings)

    def details(self) -> dict[str, object]:
        """What reports say about the run besides the findings (and what ``check --merge``
        needs)."""
        return {
            "pages": len(self.pages),
            "site_pages": self.site_pages,
            "shard": str(self.shard) if self.shard else None,
            "checked_pages": self.pages,
            "browser_pages": self.browser_pages,
            "cached_pages": len(self.pages) - self.browser_pages,
            "axe_version": self.axe_version,
            "ruleset": self.ruleset,
            **({"grid_nodes": self.grid_nodes} if self.grid_nodes is not None else {}),
        }


PAGE_SUFFIXES = (".html", ".htm")  # .htm: many older sites' pages


def html_pages(site: Path) -> list[str]:
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix.lower() in PAGE_SUFFIXES and path.is_file()
    )


def run_gate(
    site: Path,
    *,
    jobs: int | None = None,
    shard: Shard | None = None,
    cache: Path | None = None,
    on_page: Callable[[str], None] | None = None,
    grid: str | None = None,
    root_path: str | None = None,
    default_lang: str | None = None,
) -> GateReport:
    """Check ``site`` (or one ``shard`` of it); ``cache`` is the cache file, None to check every
    page afresh; ``grid`` a Selenium Grid's URL, whose browsers check the pages instead of a local
    Chromium (grid.py); ``root_path`` the path the site is published under (``/qc/``), where it
    is served too, None: as the site's manifest records it (a site another tool built, as the
    MkDocs plugin's, has no manifest and says it); ``default_lang`` the language of the findings
    on a page that declares none (the person's running the check), None: Chinese."""
    site = site.resolve()
    root_path = root_path or served_root(site)
    all_pages = html_pages(site)
    pages = shard.select(all_pages) if shard else all_pages
    overrides = Overrides(default_lang=default_lang)
    store = GateCache(cache, site, root_path, default_lang) if cache else None
    report_page = on_page or (lambda page: None)
    results: dict[str, PageResult] = {}
    for page in pages:
        if store and (cached := store.lookup(page)):
            results[page] = cached
            report_page(page)
    fresh = [page for page in pages if page not in results]
    grid_nodes: dict[str, int] | None = None
    if fresh and grid:
        try:
            from .grid import check_on_grid  # Selenium is imported by runs that use a Grid
        except ImportError as error:
            raise GridUnavailable("grid-needs-extra", url=grid, reason=str(error)) from None

        checked, grid_nodes = _run(
            check_on_grid(grid, site, fresh, jobs or 2, report_page, root_path, overrides)
        )
        results.update(checked)
    elif fresh:
        results.update(
            _run(
                _check_pages(
                    site, fresh, jobs or os.cpu_count() or 2, report_page, root_path, overrides
                )
            )
        )
    if store:
        for page in fresh:
            store.store(page, results[page])
        store.save(all_pages)

    findings = site_findings(site, pages, results, root_path=root_path)
    if store and store.damaged:
        findings.append(
            Finding(
                rule="cache-damaged",
                severity=Severity.WARNING,
                file=str(cache),
                message=error_text("cache-damaged", path=cache),
            )
        )
    return GateReport(
        sorted(findings, key=sort_key),
        pages,
        len(all_pages),
        shard,
        browser_pages=len(fresh),
        grid_nodes=grid_nodes,
        timings=total_timings(results[page] for page in fresh),
    )


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, without the tracebacks of browser calls nobody waits for any more."""
    with asyncio.Runner() as runner:
        runner.get_loop().set_exception_handler(_unless_abandoned)
        return runner.run(coroutine)


def _unless_abandoned(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    # Ctrl+C cancels the run, whose cleanup closes the browser: calls still in flight end as
    # "target closed" or "connection closed" in tasks the interrupted run no longer awaits, and
    # asyncio would print each as "exception was never retrieved". Every other report goes on as
    # asyncio makes it.
    error = context.get("exception")
    abandoned = "never retrieved" in str(context.get("message")) and (
        isinstance(error, PlaywrightError) or "Connection closed" in str(error)
    )
    if not abandoned:
        loop.default_exception_handler(context)


def total_timings(results: Iterable[PageResult]) -> dict[str, float]:
    """Seconds per check, added up over ``results``."""
    totals: dict[str, float] = {}
    for result in results:
        for check, seconds in result.timings.items():
            totals[check] = totals.get(check, 0.0) + seconds
    return totals


def site_findings(
    site: Path,
    pages: list[str],
    results: dict[str, PageResult],
    site_files: Container[str] | None = None,
    root_path: str | None = None,
) -> list[Finding]:
    """Each page's findings, and those of its links into the rest of ``site`` (missing pages and
    anchors); ``site_files`` the files of the site, listed from ``site`` when not given;
    ``root_path`` as ``run_gate``'s."""
    findings = [finding for page in pages for finding in results[page].findings]
    if site_files is None:
        site_files = {
            path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()
        }
    all_facts = {page: facts for page in pages if (facts := results[page].facts) is not None}
    return findings + link_findings(
        ORIGIN, all_facts, site_files, _IdReader(site), root_path or served_root(site)
    )


class FilesOnDisk:
    """The files of a folder, asked about one by one: the pytest plugin checks a page or two of a
    folder that may be a whole project, too large to list."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __contains__(self, path: object) -> bool:
        return (
            isinstance(path, str)
            and not path.startswith("../")
            and (self.folder / path).resolve().is_relative_to(self.folder)
            and (self.folder / path).is_file()
        )


async def _check_pages(
    site: Path,
    pages: list[str],
    jobs: int,
    on_page: Callable[[str], None],
    root_path: str | None = None,
    overrides: Overrides | None = None,
) -> dict[str, PageResult]:
    async with playwright_driver() as playwright:
        browser = await launch(playwright)
        try:
            return await check_pages(
                browser, site, pages, jobs, on_page, overrides, root_path=root_path
            )
        finally:
            await browser.close()


async def check_pages(
    browser: Browser,
    site: Path,
    pages: list[str],
    jobs: int,
    on_page: Callable[[str], None],
    overrides: Overrides | None = None,
    focus_verdicts: dict[str, bool] | None = None,
    root_path: str | None = None,
    contexts: ContextSource = fresh_context,
) -> dict[str, PageResult]:
    """Every check on ``pages`` in ``browser``, ``jobs`` contexts at once, each from ``contexts``;
    a page that cannot be checked says so. ``focus_verdicts`` carries the focus pictures' verdicts
    from earlier runs in the same browser (focus_visible.py); by default elements that look alike
    are photographed once per run. ``root_path`` as ``run_gate``'s."""
    root_path = root_path or served_root(site)
    queue: asyncio.Queue[str] = asyncio.Queue()
    for page in pages:
        queue.put_nowait(page)
    results: dict[str, PageResult] = {}
    focus_verdicts = {} if focus_verdicts is None else focus_verdicts
    workers = (
        _worker(
            browser, site, queue, results, on_page, focus_verdicts, overrides, root_path, contexts
        )
        for _ in range(min(jobs, len(pages)))
    )
    await asyncio.gather(*workers)
    return results


async def _worker(
    browser: Browser,
    site: Path,
    queue: asyncio.Queue[str],
    results: dict[str, PageResult],
    on_page,
    focus_verdicts: dict[str, bool],
    overrides: Overrides | None,
    root_path: str,
    contexts: ContextSource,
) -> None:
    session: Session | None = None
    while not queue.empty():
        page = queue.get_nowait()
        for attempt in (1, 2):
            try:
                if session is None:
                    session = await new_session(
                        browser, site, focus_verdicts, overrides, root_path, contexts
                    )
                results[page] = await check_page_in_time(session, page, page_timeout_ms() / 1000)
                break
            except (TimeoutError, PlaywrightError) as error:
                if session is not None:
                    await close_quietly(session)
                session = None
                if attempt == 2:
                    results[page] = unchecked(page, error, lang=findings_lang(overrides))
        on_page(page)
    if session is not None:
        await close_quietly(session)


def unchecked(
    page: str,
    error: BaseException,
    key: str = "page-unchecked",
    lang: str | None = None,
    **details: Any,
) -> PageResult:
    """The verdict on a page the gate could not check: a blocking finding that says why (in
    ``lang``, the language a caller asked for, else guidekit's default: the page's own is not
    known), and, for a step that did not end, how to give the steps more time."""
    if isinstance(error, StepTimedOut):
        reason = error_text("step-timed-out", lang, seconds=f"{error.seconds:g}")
        advice = [error_text("page-unchecked-slow", lang)]
    else:
        reason = (
            str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
        )
        advice = []
    message = sentences_text([error_text(key, lang, reason=reason, **details), *advice], lang)
    return PageResult(
        findings=[
            Finding(
                rule="guidekit:page-unchecked",
                message=message,
                file=page,
                page=page,
            )
        ]
    )


def findings_lang(overrides: Overrides | None) -> str | None:
    """The language of a finding on a page whose own language is not known: the one asked for,
    else the one the caller reads (check --lang, a site's default)."""
    return (overrides.lang or overrides.default_lang) if overrides else None


class _IdReader:
    """The ids of a page, read from its file: the same answer whether the page was checked in this
    run or not."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, page: str) -> frozenset[str]:
        if page not in self.known:
            collector = _IdCollector()
            collector.feed((self.site / page).read_text("utf-8", errors="replace"))
            self.known[page] = frozenset(collector.ids)
        return self.known[page]


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)
