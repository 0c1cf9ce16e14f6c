"""Province-scale benchmark: what a reader downloads to search, and the heaviest page of each kind,
at 2,000 and 20,000 guides; the same corpus indexed by Pagefind side by side.

    python bench/scale_benchmark.py [--sizes 2000,20000] [--keep DIR]

Per size: a seeded corpus with real service titles, departments, topics and life events
(bench/corpus.py, ``facets=True``), built once with ``guidekit build --no-check`` (wall time and
peak memory of the main process). Then, served over HTTP, Chromium opens the zh-Hans search page
in a fresh context per query and runs it; every file it requested is counted at its gzipped size
(level 6, as servers compress by default; files already compressed, as Pagefind's, at their own).
Pagefind (``pip install pagefind-bin-extended``, its Chinese segmentation) indexes the same built
guide pages; its JavaScript API runs the same queries and loads the first 20 results' fragments,
as guidekit shows 20. Prints the figures and the targets as PASS/FAIL lines.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import gzip
import http.server
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate
from run_benchmark import BIN, timed_run

from guidekit.gate.browser import launch
from guidekit.pages import Page
from guidekit.site.assemble import render_search_index
from guidekit.site.page_weight import loaded_files
from guidekit.site.search_index import guide_words, load_synonyms
from guidekit.source.config import load_config
from guidekit.source.load import load_guides

# A Chinese word, its pinyin and its initials: what readers type (corpus.py's service titles)
QUERIES = ("居住证", "juzhuzheng", "jzz")
SHOWN = 20  # results whose title and summary are loaded, as guidekit's search page shows
QUERY_KB = 50
GROWTH = 1.5
PAGEFIND_HOST = "pagefind-bench.html"
# The page Pagefind's own JavaScript API runs in: the query, then the first results' fragments
PAGEFIND_PAGE = """<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>pagefind</title>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.init();
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
const shown = await Promise.all(search.results.slice(0, SHOWN).map((result) => result.data()));
document.title = "done " + search.results.length + " " + shown.length;
</script></html>
""".replace("SHOWN", str(SHOWN))
KINDS = [
    ("guide page", re.compile(r"^(silver/)?(zh-Hans|zh-Hant|en)/")),
    ("front page", re.compile(r"^(silver/)?index\.html$")),
    ("A–Z (search) page", re.compile(r"/search(-[\d-]+)?\.html$")),
    ("topics page", re.compile(r"/topics(-[\d-]+)?\.html$")),
    ("departments page", re.compile(r"/departments(-[\d-]+)?\.html$")),
    ("life-events page", re.compile(r"/life-events(-[\d-]+)?\.html$")),
]


@dataclass
class Query:
    query: str
    found: int
    page_bytes: int  # the search page and what it loads before a query
    query_bytes: int  # what the query itself loaded
    files: int  # files the query loaded

    @property
    def total(self) -> int:
        return self.page_bytes + self.query_bytes


@dataclass
class Size:
    guides: int
    build_s: float
    peak_mb: float
    guidekit: list[Query]
    pagefind: list[Query]
    index_s: float
    pagefind_s: float
    heaviest: dict[str, tuple[str, int]]  # kind -> (page, bytes with what it loads)
    page_kb: float


def gzip_size(path: Path) -> int:
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        # Pagefind's module and WebAssembly must come with their types
        suffix = os.path.splitext(path)[1]
        return _TYPES.get(suffix) or super().guess_type(path)

    def log_message(self, format: str, *args: object) -> None:
        pass


_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm"}


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


async def _requested(browser: Browser, url: str, run) -> list[str]:
    """The site paths a fresh context requested while ``run(page)`` ran."""
    context = await browser.new_context()
    page = await context.new_page()
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url))
    try:
        await run(page, url)
    finally:
        await context.close()
    return paths


def _bytes(site: Path, root: str, urls: list[str]) -> int:
    return sum(gzip_size(site / url[len(root) :].split("?")[0]) for url in dict.fromkeys(urls))


async def _guidekit_query(page, url: str, query: str) -> int:
    await page.goto(url)
    await page.wait_for_selector("form[data-gk-search]:not([hidden])")
    await page.fill("#gk-search-query", query)
    await page.click("button[type=submit]")
    await page.wait_for_selector("#gk-search-status:not(:empty)")
    count = re.search(r"\d+", await page.inner_text("#gk-search-status"))
    return int(count.group()) if count else 0


async def measure_queries(site: Path) -> tuple[list[Query], list[Query]]:
    guidekit, pagefind = [], []
    with served(site) as root:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            try:
                search = root + "find/zh-Hans/search.html"
                before: list[str] = []

                async def open_only(page, url):
                    await page.goto(url)
                    await page.wait_for_selector("form[data-gk-search]:not([hidden])")

                before = await _requested(browser, search, open_only)
                for query in QUERIES:
                    found = [0]

                    async def run(page, url, query=query, found=found):
                        found[0] = await _guidekit_query(page, url, query)

                    urls = await _requested(browser, search, run)
                    extra = [url for url in urls if url not in before]
                    guidekit.append(
                        Query(
                            query,
                            found[0],
                            _bytes(site, root, before),
                            _bytes(site, root, extra),
                            len(set(extra)),
                        )
                    )
                if (site / "pagefind").is_dir():
                    for query in QUERIES:
                        found = [0]

                        async def run_pagefind(page, url, query=query, found=found):
                            await page.goto(f"{url}?q={query}")
                            await page.wait_for_function("document.title.startsWith('done')")
                            found[0] = int((await page.title()).split()[1])

                        urls = await _requested(browser, root + PAGEFIND_HOST, run_pagefind)
                        machinery = [url for url in urls if not url.endswith(PAGEFIND_HOST)]
                        pagefind.append(
                            Query(query, found[0], 0, _bytes(site, root, machinery), len(machinery))
                        )
            finally:
                await browser.close()
    return guidekit, pagefind


def heaviest_pages(site: Path) -> dict[str, tuple[str, int]]:
    heaviest: dict[str, tuple[str, int]] = {}
    sizes: dict[str, int] = {}
    for path in site.rglob("*.html"):
        site_path = path.relative_to(site).as_posix()
        kind = next((name for name, pattern in KINDS if pattern.search(site_path)), "other page")
        if site_path == PAGEFIND_HOST:
            continue
        page = Page(site_path, path.read_text("utf-8"), "", "", None)
        loads = loaded_files(page)
        for loaded in loads:
            if loaded not in sizes:
                file = site / loaded.lstrip("/")
                sizes[loaded] = gzip_size(file) if file.is_file() else 0
        weight = gzip_size(path) + sum(sizes[loaded] for loaded in loads)
        if weight > heaviest.get(kind, ("", -1))[1]:
            heaviest[kind] = (site_path, weight)
    return heaviest


def run_pagefind(site: Path) -> float:
    """Pagefind over the guide pages of the standard theme (the silver copies say the same)."""
    start = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "pagefind_bin_extended",
            "--site",
            str(site),
            "--glob",
            "{zh-Hans,zh-Hant,en}/**/*.html",
            "--quiet",
        ],
        check=True,
    )
    seconds = time.perf_counter() - start
    (site / PAGEFIND_HOST).write_text(PAGEFIND_PAGE, "utf-8")
    return seconds


def guidekit_index_seconds(source: Path) -> float:
    """guidekit's own index of the same corpus in one process, as Pagefind's is made from the built
    pages: reading the guides, cutting them into words (jieba, pinyin) and writing the chunks. In a
    build the cutting runs in the worker processes that make the guides."""
    start = time.perf_counter()
    config = load_config(source)[0]
    guides = load_guides(source, config.default_lang).guides
    synonyms = load_synonyms(source, config.default_lang)[0]
    words = {guide.rel: guide_words(guide, synonyms) for guide in guides}
    for lang in sorted({guide.lang for guide in guides}):
        render_search_index(lang, guides, words, synonyms)
    return time.perf_counter() - start


def measure_size(guides: int, work: Path, pagefind: bool, reuse: bool) -> Size:
    corpus = work / f"corpus-{guides}"
    source, site = corpus / "guides", work / f"site-{guides}"
    if not (reuse and source.is_dir()):
        generate(corpus, guides, facets=True)
    build_s = peak_mb = float("nan")  # not measured: the site of an earlier run
    if not (reuse and (site / "index.html").is_file()):
        build_s, _, peak_mb = timed_run(
            [str(BIN / "guidekit"), "build", str(source), "--out", str(site), "--no-check"]
        )
    index_s = guidekit_index_seconds(source)
    pagefind_s = run_pagefind(site) if pagefind else 0.0
    ours, theirs = asyncio.run(measure_queries(site))
    page_kb = load_config(source)[0].budgets.page_kb
    return Size(
        guides, build_s, peak_mb, ours, theirs, index_s, pagefind_s, heaviest_pages(site), page_kb
    )


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def report(sizes: list[Size]) -> bool:
    ok = True

    def target(passed: bool, text: str) -> None:
        nonlocal ok
        ok = ok and passed
        print(f"{'PASS' if passed else 'FAIL'}  {text}")

    for size in sizes:
        print(f"\n== {size.guides:,} guides ==")
        if size.build_s == size.build_s:  # not NaN: built by this run
            print(f"guidekit build --no-check: {size.build_s:.1f} s, ", end="")
            print(f"peak memory {size.peak_mb:.0f} MB")
        print(f"guidekit's index alone, in one process: {size.index_s:.1f} s")
        if size.pagefind:
            print(f"Pagefind's index of the same guide pages: {size.pagefind_s:.1f} s")
        print(
            "query        guidekit: page + query = total (files, found)"
            "     Pagefind: query (files, found)"
        )
        for index, ours in enumerate(size.guidekit):
            theirs = size.pagefind[index] if size.pagefind else None
            line = (
                f"{ours.query:<12} {_kb(ours.page_bytes)} + {_kb(ours.query_bytes)} = "
                f"{_kb(ours.total)} ({ours.files} files, {ours.found} found)"
            )
            if theirs:
                line += (
                    f"     {_kb(theirs.query_bytes)} ({theirs.files} files, {theirs.found} found)"
                )
            print(line)
        print("heaviest page of each kind (gzipped, with what it loads):")
        for kind, (page, weight) in sorted(size.heaviest.items()):
            print(f"  {kind:<20} {_kb(weight):>9}  {page}")
    largest = sizes[-1]
    for ours in largest.guidekit:
        target(
            ours.total <= QUERY_KB * 1024,
            f"'{ours.query}' at {largest.guides:,} guides: {_kb(ours.total)} with the search page "
            f"(target ≤ {QUERY_KB} KB)",
        )
    if len(sizes) > 1:
        smallest = sizes[0]
        for small, large in zip(smallest.guidekit, largest.guidekit, strict=True):
            growth = large.total / small.total
            target(
                growth <= GROWTH,
                f"'{small.query}' grows {growth:.2f}× from {smallest.guides:,} to "
                f"{largest.guides:,} guides (target ≤ {GROWTH}×)",
            )
    for size in sizes:
        page, weight = max(size.heaviest.values(), key=lambda heaviest: heaviest[1])
        target(
            weight <= size.page_kb * 1024,
            f"every page at {size.guides:,} guides within {size.page_kb:g} KB: the heaviest, "
            f"{page}, is {_kb(weight)}",
        )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--keep", type=Path, help="build here and keep the sites")
    parser.add_argument("--no-pagefind", action="store_true", help="leave Pagefind out")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: measure the corpora and sites an earlier run left there, unbuilt",
    )
    arguments = parser.parse_args()
    pagefind = not arguments.no_pagefind
    if pagefind and importlib.util.find_spec("pagefind_bin_extended") is None:
        raise SystemExit("pip install pagefind-bin-extended, or run with --no-pagefind")
    work = arguments.keep or Path(tempfile.mkdtemp(prefix="guidekit-scale-"))
    try:
        sizes = [
            measure_size(int(count), work, pagefind, arguments.reuse)
            for count in arguments.sizes.split(",")
        ]
        sys.exit(0 if report(sizes) else 1)
    finally:
        if arguments.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
