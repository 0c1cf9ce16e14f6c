"""The split ways in are split the same way in both themes: the silver switch of every part leads,
in Chromium, to the same part in the other theme, listing the same guides.

Each theme used to be cut on its own weight. The silver pages weigh a few bytes more or less than
the standard ones (another stylesheet, another way back to the root), so at a budget between the
two one theme kept its A–Z list whole and the other cut it into letters: the silver switch of
``find/zh-Hans/search-1.html`` led to a page that did not exist (seen auditing a 2,000-guide site,
where a topic was 7 pages in one theme and 16 in the other at some budgets)."""

from __future__ import annotations

import asyncio
import functools
import gzip
import http.server
import threading
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch
from guidekit.pages import Page
from guidekit.site.page_weight import loaded_files
from tests.conftest import guide, write_site

from .test_search_scale import province_site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # a line per request would bury a failure's message


GUIDES = 150  # the whole A–Z list weighs about 11 KB, more than a guide page
WAYS = ("search", "topics", "departments", "life-events")
EMPTY = ("en", "life-events")  # no English guide names a life event: its A–Z list stands in
ENGLISH = {
    f"en/{name}.md": guide(
        "Go to a service centre.\n",
        title=title,
        summary="Bring your ID card.",
        lang="en",
        fields=fields,
    )
    for name, title, fields in (
        ("passport", "Apply for a passport", "topics: [Travel]\n"),
        ("pension", "Claim a pension", "topics: [Retirement]\nowner: Human Resources\n"),
    )
}


def _site(page_kb: float) -> dict[str, str]:
    return province_site(GUIDES, page_kb) | ENGLISH


def _weight(site: Path, site_path: str) -> int:
    """A page with what it loads, gzipped, in bytes, as the build weighs it."""

    def gzipped(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))

    page = Page(site_path, (site / site_path).read_text("utf-8"), "", "", None)
    return gzipped(site / site_path) + sum(gzipped(site / loaded) for loaded in loaded_files(page))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("themes")
    whole = folder / "whole"
    source = write_site(folder / "guides-whole", _site(page_kb=100))
    assert build(source, whole, check=False).published
    weights = sorted(
        _weight(whole, f"{theme}find/zh-Hans/search.html") for theme in ("", "silver/")
    )
    assert weights[0] < weights[1], "the two themes' A–Z pages weigh the same: pick another size"
    # a budget the lighter theme's whole A–Z list fits and the heavier one's does not
    source = write_site(folder / "guides", _site(page_kb=weights[0] / 1024))
    out = folder / "site"
    result = build(source, out, check=False)
    assert result.published, [finding.message for finding in result.findings]
    return out


async def _parts(url: str, paths: list[str]) -> dict[str, dict]:
    """For each page: its heading, the guides it lists, the part marked current, and the same for
    the page its silver switch leads to; where its language switch leads."""
    shown = (
        "() => ({h1: document.querySelector('h1').textContent,"
        " guides: [...document.querySelectorAll('main .gk-guide-list a')]"
        ".map(a => a.href.replace('/silver/', '/')),"
        " current: [...document.querySelectorAll('main [aria-current=page]')]"
        ".map(a => a.getAttribute('href'))})"
    )
    found: dict[str, dict] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page()
            for path in paths:
                await page.goto(url + path)
                before = await page.evaluate(shown)
                async with page.expect_navigation() as navigation:
                    await page.click(".gk-silver-switch")
                response = await navigation.value
                after = await page.evaluate(shown) if response and response.ok else None
                found[path] = {"before": before, "after": after, "language": None}
                await page.goto(url + path)
                switch = page.locator(".gk-language-switch a")
                if await switch.count():
                    async with page.expect_navigation() as navigation:
                        await switch.first.click()
                    response = await navigation.value
                    found[path]["language"] = {
                        "landed": page.url.removeprefix(url),
                        "ok": bool(response and response.ok),
                        "lang": await page.get_attribute("html", "lang"),
                    }
        finally:
            await browser.close()
    return found


@pytest.fixture(scope="module")
def switched(site) -> dict[str, dict]:
    paths = sorted(path.relative_to(site).as_posix() for path in site.glob("**/find/*/*.html"))
    assert "find/zh-Hans/search-1.html" in paths or "silver/find/zh-Hans/search-1.html" in paths
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return asyncio.run(_parts(f"http://127.0.0.1:{server.server_address[1]}/", paths))
    finally:
        server.shutdown()
        server.server_close()


def test_every_part_switches_theme_to_the_same_part(switched):
    for path, seen in switched.items():
        assert seen["after"] is not None, f"{path}: its silver switch leads to a missing page"
        assert seen["after"] == seen["before"], path


def test_every_part_switches_language_to_the_same_way_in(switched):
    """The ways in had no language switch: a reader on the Chinese topics found the English ones
    only through the front page. A part's equivalent is the other language's same way in (its
    groups are other groups), in the same theme."""
    for path, seen in switched.items():
        *_, lang, name = path.removesuffix(".html").split("/")
        other = "en" if lang == "zh-Hans" else "zh-Hans"
        way = next(w for w in WAYS if name == w or name.startswith(w + "-"))
        prefix = "silver/" if path.startswith("silver/") else ""
        assert seen["language"] == {
            "landed": f"{prefix}find/{other}/{'search' if (other, way) == EMPTY else way}.html",
            "ok": True,
            "lang": other,
        }, path


def test_no_link_leads_to_a_way_in_without_guides(site):
    """The English guides have topics and departments but no life events: the front page, every
    way in's other ways and the Chinese life events' language switch led English readers to a page
    saying there were no guides there (on a province's corpus, three such pages for English)."""
    from bs4 import BeautifulSoup

    def empty(page: Path) -> bool:
        text = BeautifulSoup(page.read_text("utf-8"), "html.parser").main.get_text()
        return any(line in text for line in ("这里还没有指南。", "There are no guides here yet."))

    pages = [site / "index.html", site / "silver/index.html", *site.glob("**/find/*/*.html")]
    assert empty(site / "find/en/life-events.html")  # written, for an address kept from before
    for page in pages:
        if empty(page):  # its silver switch leads to its twin
            continue
        for link in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("a[href]"):
            target = (page.parent / link["href"].split("#")[0]).resolve()
            if "/find/" in target.as_posix() and target.is_file():
                assert not empty(target), (page, link["href"])
