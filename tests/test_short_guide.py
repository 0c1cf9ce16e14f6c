"""The 简版 (short guide): its page in both themes, the links between it and its guide, what it
shows, where it is left out (search, A–Z, sitemap, JSON-LD), and how its printed sheet is planned.
Printing it is tested in a11y_tests/test_short_print.py."""

from __future__ import annotations

import time
from itertools import pairwise
from pathlib import Path

from guidekit.build import build
from guidekit.guide.short_guide import short_guide
from guidekit.source.content_model import GuideMeta
from guidekit.theme import THEMES

from .conftest import guide, html, write_site

FIELDS = """\
item_kind: 承诺件
promised_time_limit: 15 个工作日
legal_time_limit: 20 个工作日
time_limit: 15 个工作日
fees: 不收费
visits: 1
materials:
  - {name: 居民身份证, form: 原件, copies: 1, source: 自己带, note: 16 岁以下的孩子可以带户口本}
  - {name: 代办人的居民身份证, form: 原件, copies: 1, required: 视情况, condition: 请别人代办时}
places:
  - {name: 青川市社保服务中心, address: 青川市人民路 100 号, hours: 周一至周五 9:00—17:00,
     holidays: 法定节假日不办公, phone: "0571-8821 6300", transport: 乘 5 路公交车}
consult: {phone: "12333", hours: 工作日 9:00—17:00}
online: {url: "https://example.gov.cn/qingchuan/shebaoka", label: 政务服务网}
translation_key: card
topics: [社会保障]
last_reviewed: 2026-10-15
"""
BASE_URL = "https://example.gov.cn/qingchuan"


def _built(tmp_path: Path) -> Path:
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": f'gallery = false\nbase_url = "{BASE_URL}"\n',
            "zh-Hans/card.md": guide(fields=FIELDS),
            "en/card.md": guide(
                title="Apply for a card",
                summary="Bring your ID.",
                lang="en",
                fields="translation_key: card\nmaterials: [Resident ID card]\n",
            ),
        },
    )
    out = tmp_path / "site"
    assert build(source, out, check=False).published
    return out


def test_every_guide_has_a_short_page_in_both_themes_linked_both_ways(tmp_path):
    out = _built(tmp_path)
    for theme in THEMES:
        full = html(out / theme.prefix / "zh-Hans" / "card.html")
        short = html(out / theme.prefix / "zh-Hans" / "card.short.html")
        link = full.select_one(".gk-short-link a")
        assert (
            link["href"] == "card.short.html" and link.get_text() == "简版：一页纸的清单，方便打印"
        )
        assert short.select_one(".gk-short__full a")["href"] == "card.html"
        crumbs = short.select(".gk-breadcrumbs__item")
        assert [crumb.get_text(strip=True) for crumb in crumbs] == [
            "首页",
            "申领社会保障卡",
            "简版",
        ]
        assert crumbs[1].a["href"] == "card.html"
        assert short.html["lang"] == "zh-Hans" and short.select_one("main h1").get_text() == (
            "申领社会保障卡（简版）"
        )
        # the same landmarks as every page, one h1, headings in order
        assert short.select("header") and short.select("main") and short.select("footer")
        levels = [int(heading.name[1]) for heading in short.select("main :is(h1, h2, h3)")]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    english = html(out / "en" / "card.html").select_one(".gk-short-link a")
    assert english.get_text() == "Short version: a one-page checklist to print"
    silver = html(out / "silver" / "zh-Hans" / "card.short.html")
    assert silver.select_one(".gk-silver-switch")["href"] == "../../zh-Hans/card.short.html"


def test_the_short_page_shows_what_to_bring_where_when_how_long_cost_and_phone(tmp_path):
    short = html(_built(tmp_path) / "zh-Hans" / "card.short.html")
    main = short.select_one("main").get_text(" ", strip=True)
    for fact in (
        "承诺多久办完",
        "15 个工作日",
        "不收费",
        "1 次",
        "青川市人民路 100 号",
        "周一至周五 9:00—17:00",
    ):
        assert fact in main, fact
    assert "20 个工作日" not in main, "the legal limit only when nothing else says how long"
    assert "承诺件" not in main, "the promised limit says the item kind already"
    assert "乘 5 路公交车" not in main and "自己带" not in main, "the full guide has these"
    groups = short.select(".gk-short__group")
    assert [group.get_text() for group in groups] == ["都要带", "有些情况才要带"]
    always, conditional = short.select("ul.gk-materials__list")
    assert always.select_one(".gk-materials__name").get_text() == "居民身份证"
    assert "16 岁以下的孩子可以带户口本" in always.get_text()
    assert "只在这种情况下要交：请别人代办时" in conditional.get_text()
    assert len(short.select("input.gk-materials__tick[type=checkbox]")) == 2
    assert short.select_one(".gk-help a[href^='tel:']").get_text() == "12333"
    assert short.select_one(".gk-short__online a")["href"].endswith("/shebaoka")
    assert (
        short.select_one(".gk-page-url").get_text() == f"完整指南网址：{BASE_URL}/zh-Hans/card.html"
    )
    reviewed = short.select_one("main .gk-key-facts time")
    assert reviewed["datetime"] == "2026-10-15" and reviewed.get_text() == "2026年10月15日"


def test_short_pages_are_titled_apart_and_stay_out_of_search_sitemap_and_structured_data(
    tmp_path,
):
    out = _built(tmp_path)
    titles = [html(page).title.get_text() for page in sorted(out.rglob("*.html"))]
    assert len(titles) == len(set(titles)), "every page and theme has a title of its own"
    assert "申领社会保障卡（简版） - 办事指南（长辈版）" in titles
    short = html(out / "zh-Hans" / "card.short.html")
    assert not short.select("script[type='application/ld+json']"), "the guide's page describes it"
    assert html(out / "zh-Hans" / "card.html").select("script[type='application/ld+json']")
    assert [(link["hreflang"], link["href"]) for link in short.select("link[rel=alternate]")] == [
        ("en", "../en/card.short.html")
    ]
    assert short.select_one("link[rel=canonical]")["href"] == f"{BASE_URL}/zh-Hans/card.short.html"
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert f"{BASE_URL}/zh-Hans/card.html" in sitemap and ".short.html" not in sitemap
    for generated in ("assets/search-zh-Hans.js", "find/zh-Hans/search.html", "index.html"):
        assert "short" not in (out / generated).read_text("utf-8"), generated


def test_a_guide_file_named_like_a_short_page_is_refused(tmp_path):
    source = write_site(tmp_path / "guides", {"zh-Hans/card.short.md": guide()})
    result = build(source, tmp_path / "site", check=False)
    assert not result.published
    [finding] = [finding for finding in result.findings if finding.blocking]
    assert (finding.rule, finding.file, finding.line) == (
        "content-reserved-page",
        "zh-Hans/card.short.md",
        1,
    )
    assert "简版" in finding.message and "-short" in finding.message


def _meta(materials: int, places: int) -> GuideMeta:
    return GuideMeta.model_validate(
        {
            "title": "申领社会保障卡",
            "summary": "带身份证办理。",
            "lang": "zh-Hans",
            "materials": [
                {
                    "name": f"第 {n} 份证明材料",
                    "form": "原件",
                    "copies": 1,
                    "note": "没有的到窗口领",
                }
                for n in range(materials)
            ],
            "places": [
                {"name": f"第 {n} 服务窗口", "address": f"人民路 {n} 号", "phone": "12345"}
                for n in range(places)
            ],
        }
    )


def test_a_short_sheet_that_fits_leaves_nothing_off():
    planned = short_guide(_meta(3, 2), "zh-Hans", None)
    assert (planned.materials_left_out, planned.places_left_out) == (0, 0)
    assert planned.plan.notes and not planned.plan.columns
    assert all(item.printed for group in planned.groups for item in group.items)


def test_a_crowded_sheet_leaves_places_then_notes_then_materials_off_and_counts_them():
    many_places = short_guide(_meta(3, 12), "zh-Hans", None)
    assert many_places.places_left_out > 0 and many_places.materials_left_out == 0
    assert many_places.plan.notes
    crowded = short_guide(_meta(60, 12), "zh-Hans", None)
    assert crowded.plan.places == 1 and not crowded.plan.notes
    printed = [item.printed for item in crowded.groups[0].items]
    assert printed == sorted(printed, reverse=True), "the first materials print, the last do not"
    assert crowded.materials_left_out == printed.count(False) > 0 and printed[0]
    assert crowded.places_left_out == 11


def test_thousands_of_materials_and_places_are_planned_in_bounded_time():
    """Each plan is weighed from sums kept once, and the materials that fit are found by halving:
    a guide with thousands of materials is not planned in quadratic time (about 1 s here)."""
    started = time.monotonic()
    planned = short_guide(_meta(5000, 2000), "zh-Hans", None)
    assert time.monotonic() - started < 30  # generous: the test machine is shared
    assert planned.plan.places == 1 and planned.places_left_out == 1999
    assert 0 < planned.materials_left_out < 5000


def test_a_notice_the_guide_opens_with_comes_first_on_its_page_and_on_the_short_page(tmp_path):
    """A counter closed for a holiday is read before the key facts, and the short page (the sheet
    a reader prints to take along) shows it too; a notice written further down stays there."""
    from guidekit.source.glossary import GLOSSARY_FILE

    body = (
        "::: notification-banner 国庆节放假\n10 月 1 日至 7 日社保窗口不办公。\n:::\n\n"
        "办卡前先看看下面的材料。\n\n"
        "::: notification-banner 系统升级\n网上办理 9 月 30 日晚上暂停。\n:::\n"
    )
    glossary = "- term: 社保\n  expansion: 社会保险\n  explanation: 养老、医疗等保险。\n"
    source = write_site(
        tmp_path / "guides",
        {GLOSSARY_FILE: glossary, "zh-Hans/card.md": guide(body, fields=FIELDS)},
    )
    assert build(source, tmp_path / "site", check=False).published
    for theme in THEMES:
        folder = tmp_path / "site" / theme.prefix / "zh-Hans"
        page, short = html(folder / "card.html"), html(folder / "card.short.html")
        order = [
            element.get("id") or element["class"][0]
            for element in page.select("main .gk-notification, main .gk-lead, #section-key-facts")
        ]
        assert order == ["gk-notification", "gk-lead", "section-key-facts", "gk-notification"]
        notices = short.select("main .gk-notification")
        assert [notice.h2.get_text() for notice in notices] == ["国庆节放假"]
        # among the landmarks, saying what kind of notice it is (found by an outside audit)
        assert (notices[0]["role"], notices[0]["aria-label"]) == ("region", "重要通知：国庆节放假")
        assert "10 月 1 日至 7 日" in notices[0].get_text()
        assert short.select_one("main > article > h1").find_next_sibling() == notices[0]
        # the short page has no word list: the term is expanded, not a link to nowhere
        assert notices[0].abbr["title"] == "社会保险" and not short.select("a.gk-term")
