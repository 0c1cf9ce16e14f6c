"""A site too big for one search index or one A–Z page within a small page budget: every page the
build makes fits it, and search in Chromium — opened from disk and served over HTTP — still finds
guides by Chinese word, pinyin and initials while loading only some of the index's chunks."""

from __future__ import annotations

import asyncio
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch
from guidekit.gate.runner import run_gate
from guidekit.gate.shard import Shard
from guidekit.pages import Page
from guidekit.site.page_weight import loaded_files
from tests.conftest import guide, write_site

from .test_search import searched

PAGE_KB = 9.9  # a guide page with its stylesheet and scripts weighs about 9.5 KB
GUIDES = 720
# (title, department, topic, life event): the titles repeat with a district, as a province's do
SERVICES = [
    ("办理居住证", "公安局", "户籍", "搬家"),
    ("补办居民身份证", "公安局", "户籍", "证件丢失"),
    ("申领社会保障卡", "人社局", "社会保障", "就业"),
    ("申请领取养老金", "人社局", "社会保障", "退休"),
    ("办理失业登记", "人社局", "就业", "失业"),
    ("提取住房公积金", "公积金中心", "住房", "买房"),
    ("办理营业执照", "市场监管局", "开办企业", "开店"),
    ("申请义务教育入学", "教育局", "教育", "上学"),
    ("办理结婚登记", "民政局", "婚姻", "结婚"),
]
DISTRICTS = ["东城区", "西城区", "南山区", "北湖区", "高新区", "青川县", "石门县", "开发区"]
NOTES = [
    "带上居民身份证。",
    "可以网上预约，不用排队。",
    "不收费，当场办好。",
    "老年人可以走绿色通道。",
    "材料不齐的，工作人员会一次告诉您。",
    "办好后会发短信通知您。",
    "下午去排队时间短。",
]
QUERIES = {"居住证": "办理居住证", "juzhuzheng": "办理居住证", "jzz": "办理居住证"}


def province_site(guides: int = GUIDES, page_kb: float = PAGE_KB) -> dict[str, str]:
    """``guides`` guides of a few services in many districts, as a province publishes them."""
    files = {
        "guidekit.toml": f"gallery = false\nstatement = false\n[budgets]\npage_kb = {page_kb!r}\n"
    }
    for number in range(guides):
        title, owner, topic, event = SERVICES[number % len(SERVICES)]
        district = DISTRICTS[number // len(SERVICES) % len(DISTRICTS)]
        files[f"zh-Hans/guide-{number:03d}.md"] = guide(
            title=f"{title}（{district}{number // 72 + 1}号大厅）",
            summary=f"{district}第{number + 101}号窗口受理。{NOTES[number % len(NOTES)]}",
            fields=f"owner: {owner}\ntopics: [{topic}]\nlife_events: [{event}]\n",
            body="到窗口办理，工作人员会核对您的信息。\n",
        )
    # a guide for foreigners: the ways in of two languages link each other
    files["en/residence.md"] = guide(
        title="Apply for a residence permit",
        summary="Bring your passport to the service hall.",
        lang="en",
        fields="topics: [Residence]\n",
    )
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    source = write_site(tmp_path_factory.mktemp("scale") / "guides", province_site())
    out = source.parent / "site"
    result = build(source, out, check=False)
    assert result.published, [finding.message for finding in result.findings]
    return out


def _gzip(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def test_the_old_single_index_and_a_to_z_page_would_not_fit(site):
    chunks = list((site / "assets" / "search-zh-Hans").glob("*.js"))
    # the index's data, even cut into small files, would make one page far over the budget
    assert sum(_gzip(chunk) for chunk in chunks) > 2 * PAGE_KB * 1024
    for theme in ("", "silver/"):
        letters = list((site / f"{theme}find/zh-Hans").glob("search-*.html"))
        # B (办理, 补办) is still too long for one page: numbered pages
        assert len(letters) > 3 and (site / f"{theme}find/zh-Hans/search-1-2.html").is_file()


def test_every_page_fits_the_budget(site):
    for path in site.rglob("*.html"):
        site_path = path.relative_to(site).as_posix()
        page = Page(site_path, path.read_text("utf-8"), "", "", None)
        weight = _gzip(path) + sum(
            _gzip(site / loaded.lstrip("/")) for loaded in loaded_files(page)
        )
        assert weight <= PAGE_KB * 1024, (site_path, weight)


def test_split_pages_link_each_other_and_mark_the_current_one(site):
    from bs4 import BeautifulSoup

    def soup(page: str) -> BeautifulSoup:
        return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")

    search = soup("find/zh-Hans/search.html")
    assert search.select_one("form[data-gk-search]") is not None
    letters = search.select("nav.gk-way-in__jump a")
    assert [link["href"] for link in letters][:2] == ["search-1.html", "search-2.html"]
    assert search.select("main .gk-guide-list li") == []
    first = soup("silver/find/zh-Hans/search-1.html")
    assert first.select_one('nav.gk-way-in__jump a[aria-current="page"]')["href"] == "search-1.html"
    pages = first.select_one("nav.gk-way-in__pages")
    assert pages["aria-label"] == "分页"
    assert pages.select_one('a[aria-current="page"]')["href"] == "search-1.html"
    second = soup("find/zh-Hans/search-1-2.html")
    assert second.select_one('nav.gk-way-in__pages a[aria-current="page"]').get_text() == "第 2 页"
    assert "第 2 页" in second.title.get_text()
    # only a way in's top page is the other language's page (hreflang); a part's switch leads there
    assert [(link["hreflang"], link["href"]) for link in search.select("link[rel=alternate]")] == [
        ("en", "../../find/en/search.html")
    ]
    assert second.select("link[rel=alternate]") == []
    assert [a["href"] for a in second.select(".gk-language-switch a")] == [
        "../../find/en/search.html"
    ]
    # a letter's pages have no search box: they are named for what they list
    assert second.h1.get_text().startswith("全部指南：")
    assert " - 全部指南 - " in second.title.get_text()
    assert [a.get_text() for a in second.select("nav.gk-breadcrumbs a")][-1:] == ["搜索指南"]
    front = soup("index.html")
    assert front.select_one('main a[href="find/zh-Hans/search.html"]') is not None
    # each names its language too, heard and not seen, on a site of several languages
    assert [link.get_text() for link in front.select("main .gk-guide-list a")] == [
        f"全部 {GUIDES} 篇指南，按拼音字母排列（简体中文）",
        "All 1 guide, A to Z (English)",
    ]
    topics = soup("find/zh-Hans/topics.html")
    assert {link.get_text().split(" ")[0] for link in topics.select("nav.gk-way-in__jump a")} >= {
        "户籍",
        "住房",
    }


class _Chosen(Shard):
    """The gate on a handful of the split pages, their links checked against the whole site."""

    def select(self, pages):
        return [
            page
            for page in pages
            if page.endswith(
                ("find/zh-Hans/search.html", "search-1-2.html", "topics-1.html", "index.html")
            )
            and "silver/silver" not in page
        ]


def test_split_pages_pass_the_gate(site):
    report = run_gate(site, jobs=2, shard=_Chosen(1, 1))
    assert len(report.pages) == 8, report.pages
    assert [f for f in report.findings if f.blocking] == []


@pytest.fixture(scope="module")
def served(site) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


async def _search(url: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            for query in QUERIES:
                page = await browser.new_page()
                scripts: list[str] = []
                page.on("request", lambda request, scripts=scripts: scripts.append(request.url))
                await page.goto(url)
                found[query] = await searched(page, query)
                found[query]["chunks"] = {
                    s.rsplit("/", 1)[1] for s in scripts if "/search-zh-Hans/" in s
                }
                # the next twenty: their guides' chunks load, the focus moves to the first of them
                await page.click("#gk-search-more")
                await page.wait_for_selector("#gk-search-results li:nth-child(21) a:focus")
                found[query]["more"] = await page.locator("#gk-search-results a").count()
                await page.close()
        finally:
            await browser.close()
    return found


@pytest.mark.parametrize("how", ["file", "http"])
def test_search_finds_guides_by_word_pinyin_and_initials_loading_few_chunks(site, served, how):
    url = (
        (site / "find/zh-Hans/search.html").as_uri()
        if how == "file"
        else served + "find/zh-Hans/search.html"
    )
    found = asyncio.run(_search(url))
    chunks = len(list((site / "assets" / "search-zh-Hans").glob("*.js")))
    for query, title in QUERIES.items():
        result = found[query]
        # one service in len(SERVICES) is about 居住证: the first twenty shown, all counted
        about = GUIDES // len(SERVICES)
        assert len(result["titles"]) == 20 and f"{about} 篇" in result["status"], (query, result)
        assert all(shown.startswith(title) for shown in result["titles"]), (query, result)
        assert 0 < len(result["chunks"]) < chunks / 4, (query, result["chunks"], chunks)
        assert result["more"] == 40
