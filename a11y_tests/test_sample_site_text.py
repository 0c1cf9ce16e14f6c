"""The sample site's text as readers meet it: page titles unique across both themes, every table
named by a caption, no soft hyphen inside a heading, and English lines of at most 80 characters in
both themes (WCAG 1.4.8), measured in Chromium by counting the characters on each rendered line."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch

SAMPLE = Path(__file__).parent.parent / "guides"
# the longest rendered line, in characters, of every paragraph and list item in main
LONGEST_LINE = """() => {
  let longest = 0;
  for (const block of document.querySelectorAll("main p, main li")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const lines = new Map();
    for (let node; (node = walker.nextNode());) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (box) lines.set(Math.round(box.top), (lines.get(Math.round(box.top)) || 0) + 1);
      }
    }
    for (const count of lines.values()) longest = Math.max(longest, count);
  }
  return longest;
}"""


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("text") / "site"
    assert build(SAMPLE, out, check=False).published
    return out


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        str(path.relative_to(site)): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
    }


def test_page_titles_are_unique_across_both_themes(sample_site):
    titles = Counter(page.title.get_text() for page in _pages(sample_site).values())
    assert [title for title, count in titles.items() if count > 1] == []


def _named(table, page) -> bool:
    labelled = (
        page.find(id=table.get("aria-labelledby", "")) if table.get("aria-labelledby") else None
    )
    return bool(
        (table.caption and table.caption.get_text(strip=True))
        or table.get("aria-label")
        or (labelled and labelled.get_text(strip=True))
    )


def test_every_table_is_named_and_no_heading_has_a_soft_hyphen(sample_site):
    pages = _pages(sample_site)
    assert sum(len(page.find_all("table")) for page in pages.values()) > 0
    assert [
        path
        for path, page in pages.items()
        for table in page.find_all("table")
        if not _named(table, page)
    ] == []
    assert [
        path
        for path, page in pages.items()
        for heading in page.select("h1, h2, h3, h4, h5, h6")
        if "\u00ad" in heading.get_text()
    ] == []


async def _longest_lines(paths: list[Path]) -> dict[str, int]:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page(viewport={"width": 1920, "height": 1000})
            found = {}
            for path in paths:
                await page.goto(path.as_uri())
                found[path.as_posix()] = await page.evaluate(LONGEST_LINE)
            return found
        finally:
            await browser.close()


def test_english_lines_are_at_most_80_characters_in_both_themes(sample_site):
    english = sorted(sample_site.glob("en/*.html")) + sorted(sample_site.glob("silver/en/*.html"))
    longest = asyncio.run(_longest_lines(english))
    assert longest and all(count <= 80 for count in longest.values()), longest


NARROWEST_CELL = """() => Math.min(...[...document.querySelectorAll("main td, main th")].map((cell) => {
  const style = getComputedStyle(cell);
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return inner / parseFloat(style.fontSize);
}))"""


async def _narrowest_cells(paths: list[Path]) -> dict[str, float]:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page(viewport={"width": 320, "height": 800})
            found = {}
            for path in paths:
                await page.goto(path.as_uri())
                found[path.as_posix()] = round(await page.evaluate(NARROWEST_CELL), 1)
                assert await page.evaluate(
                    "() => document.documentElement.scrollWidth <= innerWidth"
                ), "the page itself must not scroll sideways"
            return found
        finally:
            await browser.close()


def test_at_320_px_a_table_scrolls_in_its_region_instead_of_squeezing_its_cells(sample_site):
    with_tables = [
        path
        for path in sorted((sample_site / "silver").rglob("*.html"))
        if "<table" in path.read_text("utf-8")
    ]
    assert with_tables
    narrowest = asyncio.run(_narrowest_cells(with_tables))
    assert all(width >= 4 for width in narrowest.values()), narrowest
