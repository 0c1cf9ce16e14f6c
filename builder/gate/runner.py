"""Stage 6, check: open every page of a built site in Chromium and run axe and the content rules.

Pages are served to the browser straight from disk through request interception, under an
origin of their own; a request for any other host is refused and reported. A page that cannot be
checked is retried once, then becomes a blocking finding: nothing is skipped silently.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright
from playwright.async_api import Error as PlaywrightError

from ..findings import Finding, sort_key
from ..messages import error_text
from .axe import axe_source, axe_version, run_options, wcag_criteria
from .browser import launch
from .content_rules import link_findings, page_findings, without_axe_duplicates
from .silver import silver_findings

ORIGIN = "http://guidekit.test"  # .test is reserved: it can never be a real host
PAGE_TIMEOUT_VARIABLE = "GUIDEKIT_PAGE_TIMEOUT_MS"
DEFAULT_PAGE_TIMEOUT_MS = 30_000


def page_timeout_ms() -> int:
    """How long one page may take to load and be checked; tests of unresponsive pages set it lower."""
    return int(os.environ.get(PAGE_TIMEOUT_VARIABLE) or DEFAULT_PAGE_TIMEOUT_MS)


@dataclass
class GateReport:
    findings: list[Finding]
    pages: int
    axe_version: str = field(default_factory=axe_version)

    @property
    def passed(self) -> bool:
        return not any(finding.blocking for finding in self.findings)


@dataclass
class _Session:
    """One browser context, and the requests for other hosts that each of its pages tried."""

    context: BrowserContext
    external: dict[Page, list[str]] = field(default_factory=dict)


@dataclass
class _PageResult:
    facts: dict[str, Any] | None = None
    findings: list[Finding] = field(default_factory=list)


def html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.is_file())


def run_gate(site: Path, *, jobs: int | None = None, on_page: Callable[[str], None] | None = None) -> GateReport:
    return asyncio.run(_check_site(site.resolve(), jobs or os.cpu_count() or 2, on_page or (lambda page: None)))


async def _check_site(site: Path, jobs: int, on_page: Callable[[str], None]) -> GateReport:
    pages = html_pages(site)
    site_files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    queue: asyncio.Queue[str] = asyncio.Queue()
    for page in pages:
        queue.put_nowait(page)
    results: dict[str, _PageResult] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            await asyncio.gather(*(_worker(browser, site, queue, results, on_page) for _ in range(min(jobs, len(pages)) or 1)))
        finally:
            await browser.close()

    findings = [finding for result in results.values() for finding in result.findings]
    all_facts = {page: result.facts for page, result in results.items() if result.facts is not None}
    findings += link_findings(ORIGIN, all_facts, site_files)
    return GateReport(sorted(without_axe_duplicates(findings), key=sort_key), len(pages))


async def _worker(browser: Browser, site: Path, queue: asyncio.Queue[str], results: dict[str, _PageResult], on_page) -> None:
    session: _Session | None = None
    while not queue.empty():
        page = queue.get_nowait()
        for attempt in (1, 2):
            try:
                if session is None:
                    session = await _new_session(browser, site)
                # the browser's own timeouts do not cover page.evaluate: a script that blocks after load would hang forever
                results[page] = await asyncio.wait_for(_check_page(session, page), page_timeout_ms() / 1000)
                break
            except (PlaywrightError, asyncio.TimeoutError) as error:
                if session is not None:
                    await _close_quietly(session.context)
                session = None
                if attempt == 2:
                    reason = str(error).strip().splitlines()[0][:160] if str(error).strip() else type(error).__name__
                    results[page] = _PageResult(findings=[
                        Finding(rule="guidekit:page-unchecked", message=error_text("page-unchecked", reason=reason), file=page, page=page)
                    ])
        on_page(page)
    if session is not None:
        await _close_quietly(session.context)


async def _close_quietly(context: BrowserContext) -> None:
    try:
        await context.close()
    except PlaywrightError:
        pass


async def _new_session(browser: Browser, site: Path) -> _Session:
    # axe and the probe are installed once per context: injecting them per page costs far more
    session = _Session(await browser.new_context(service_workers="block"))
    session.context.set_default_timeout(page_timeout_ms())
    await session.context.add_init_script(axe_source())
    await session.context.add_init_script(resources.files("guidekit.gate").joinpath("probe.js").read_text("utf-8"))
    await session.context.route("**/*", lambda route: _serve(route, site, session))
    return session


async def _serve(route: Route, site: Path, session: _Session) -> None:
    url = urlsplit(route.request.url)
    if f"{url.scheme}://{url.netloc}" != ORIGIN:
        session.external.setdefault(route.request.frame.page, []).append(route.request.url)
        await route.abort("blockedbyclient")
        return
    relative = unquote(url.path).lstrip("/")
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    target = (site / relative).resolve()
    if not target.is_relative_to(site) or not target.is_file():
        await route.fulfill(status=404, body="not found", content_type="text/plain")
        return
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if content_type.startswith("text/") or content_type in {"application/javascript", "image/svg+xml"}:
        content_type += "; charset=utf-8"
    await route.fulfill(status=200, body=target.read_bytes(), content_type=content_type)


async def _check_page(session: _Session, page_path: str) -> _PageResult:
    page = await session.context.new_page()
    try:
        await page.goto(f"{ORIGIN}/{quote(page_path)}", wait_until="load")
        facts = await page.evaluate("() => window.__guidekit.facts()")
        axe = await page.evaluate("options => window.__guidekit.axe(options)", run_options(facts["theme"]))
        silver = await silver_findings(page, page_path, facts)
    finally:
        external = session.external.pop(page, [])
        await page.close()
    findings = page_findings(page_path, facts) + _axe_findings(page_path, facts, axe) + silver
    findings += [
        Finding(rule="guidekit:external-request", message=error_text("external-request", facts.get("lang"), url=url),
                file=page_path, page=page_path, theme=facts.get("theme"))
        for url in dict.fromkeys(external)
    ]
    return _PageResult(facts, findings)


def _axe_findings(page: str, facts: dict[str, Any], axe: dict[str, Any]) -> list[Finding]:
    source = facts.get("source")
    findings = []
    for rule in axe["violations"]:
        for node in rule["nodes"]:
            traced = bool(source and node["line"])
            findings.append(
                Finding(
                    rule=f"axe:{rule['id']}",
                    message=error_text("axe-violation", facts.get("lang"), help=rule["help"], rule=rule["id"]) + f" — {node['html']}",
                    file=source if traced else page,
                    line=node["line"] if traced else None,
                    wcag=wcag_criteria(rule["tags"]),
                    page=page,
                    theme=facts.get("theme"),
                )
            )
    return findings
