"""The site around the guides, without a browser: ways in (A-Z by pinyin, topics, departments, life
events), translations with hreflang, JSON-LD, canonical URLs, sitemap, robots.txt, 404 and
redirects."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from guidekit.build import build
from guidekit.guide.render import render_home
from guidekit.messages import ui_strings
from guidekit.site.page_weight import Budget, gzip_size, loaded_files
from guidekit.source.config import load_config
from guidekit.source.load import load_guides
from guidekit.templates import environment

from .conftest import guide, write_site

TOML = (
    "gallery = false\nbase_url = "
    '"https://example.gov.cn/qc/"\n[redirects]\n"zh-Hans/old-card.html" = "zh-Hans/card.md"\n'
)
SITE = {
    "guidekit.toml": TOML,
    "zh-Hans/card.md": guide(
        title="申领社会保障卡", fields="owner: 人社局\ntopics: [社会保障]\nlife_events: [就业]\n"
    ),
    "zh-Hans/permit.md": guide(
        title="办理居住证", fields="owner: 公安局\ntopics: [户籍]\nlife_events: [就业, 上学]\n"
    ),
    "zh-Hant/report.md": guide(title="查詢信用報告", lang="zh-Hant"),
    "en/report.md": guide(title="Get your credit report", lang="en"),
}


def _built(tmp_path):
    source = write_site(tmp_path / "guides", SITE)
    out = tmp_path / "site"
    result = build(source, out, check=False)
    assert result.published, result.findings
    return out


def _soup(out, page):
    return BeautifulSoup((out / page).read_text("utf-8"), "html.parser")


def _sections(soup):
    return {
        s.h2.get_text(): [a.get_text() for a in s.select("li a")]
        for s in soup.select("main section")
    }


def test_ways_in_group_guides_by_pinyin_topic_department_and_life_event(tmp_path):
    out = _built(tmp_path)
    assert _sections(_soup(out, "find/zh-Hans/search.html")) == {
        "B": ["办理居住证"],
        "S": ["申领社会保障卡"],
    }
    assert _sections(_soup(out, "find/zh-Hans/topics.html")) == {
        "户籍": ["办理居住证"],
        "社会保障": ["申领社会保障卡"],
    }
    assert _sections(_soup(out, "find/zh-Hans/departments.html")) == {
        "公安局": ["办理居住证"],
        "人社局": ["申领社会保障卡"],
    }
    assert _sections(_soup(out, "find/zh-Hans/life-events.html")) == {
        "上学": ["办理居住证"],
        "就业": ["办理居住证", "申领社会保障卡"],
    }
    link = _soup(out, "silver/find/zh-Hans/topics.html").select_one("main section a")["href"]
    assert (out / "silver/find/zh-Hans" / link).resolve() == (
        out / "silver/zh-Hans/permit.html"
    ).resolve()


def test_translations_are_linked_both_ways_with_hreflang(tmp_path):
    out = _built(tmp_path)
    english = _soup(out, "en/report.html")
    assert [(link["hreflang"], link["href"]) for link in english.select("link[rel=alternate]")] == [
        ("zh-Hant", "../zh-Hant/report.html")
    ]
    assert english.select_one(".gk-language-switch a").get_text() == "繁體中文"
    assert [
        link["hreflang"] for link in _soup(out, "zh-Hant/report.html").select("link[rel=alternate]")
    ] == ["en"]
    assert _soup(out, "zh-Hans/card.html").select("link[rel=alternate]") == []


def test_guides_carry_canonical_url_and_government_service_json_ld(tmp_path):
    out = _built(tmp_path)
    page = _soup(out, "zh-Hans/card.html")
    assert (
        page.select_one("link[rel=canonical]")["href"]
        == "https://example.gov.cn/qc/zh-Hans/card.html"
    )
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "GovernmentService" and data["name"] == "申领社会保障卡"
    assert data["provider"] == {"@type": "GovernmentOrganization", "name": "人社局"}


def test_sitemap_robots_404_and_redirects(tmp_path):
    out = _built(tmp_path)
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.gov.cn/qc/zh-Hans/card.html</loc>" in sitemap
    assert "old-card" not in sitemap and "404" not in sitemap
    assert "Sitemap: https://example.gov.cn/qc/sitemap.xml" in (out / "robots.txt").read_text(
        "utf-8"
    )
    # shown at any missing address: every address starts from the site's root path
    assert _soup(out, "404.html").select_one("main a")["href"] == "/qc/find/zh-Hans/search.html"
    assert (
        _soup(out, "silver/404.html").select_one("main a")["href"]
        == "/qc/silver/find/zh-Hans/search.html"
    )
    assert (
        _soup(out, "silver/404.html").select_one("link[rel=stylesheet]")["href"]
        == "/qc/assets/guidekit-silver.css"
    )
    # a topic page only where that language's guides name topics: the others' would say "none"
    not_found = _soup(out, "404.html")
    assert "/qc/find/zh-Hans/topics.html" in [a["href"] for a in not_found.select("main > ul a")]
    for section in not_found.select("main section[lang]"):
        assert [a["href"] for a in section.select("a")] == [
            f"/qc/find/{section['lang']}/search.html"
        ]
    # shown at a missing address, the page is not the canonical one of that address, nor of its own
    assert _soup(out, "404.html").select_one("link[rel=canonical]") is None
    moved = _soup(out, "zh-Hans/old-card.html")
    assert moved.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../zh-Hans/card.html"
    assert moved.select_one("main a")["href"] == "../zh-Hans/card.html"


def test_without_base_url_there_is_no_sitemap_and_a_bad_redirect_is_refused(tmp_path):
    files = SITE | {
        "guidekit.toml": 'gallery = false\n[redirects]\n"zh-Hans/gone.html" = '
        '"zh-Hans/missing.md"\n'
    }
    result = build(write_site(tmp_path / "guides", files), tmp_path / "site", check=False)
    assert not result.published
    assert [(f.file, f.rule) for f in result.findings if f.blocking] == [
        ("guidekit.toml", "config-redirect-invalid")
    ]
    files["guidekit.toml"] = "gallery = false\n"
    assert build(write_site(tmp_path / "guides", files), tmp_path / "site", check=False).published
    assert not (tmp_path / "site/sitemap.xml").exists()
    assert _soup(tmp_path / "site", "zh-Hans/card.html").select("link[rel=canonical]") == []


@pytest.mark.parametrize(
    "old",
    ["../../evil.html", "zh-Hans/../../evil.html", "zh-Hans//x.html", "./x.html", "a\\b.html"],
)
def test_a_redirect_from_outside_the_site_is_refused_and_nothing_is_written_there(tmp_path, old):
    """An outside fuzzing run: "../../evil.html" = "zh-Hans/card.md" wrote redirect pages two folders
    above the published site, and the build passed."""
    files = SITE | {"guidekit.toml": f'gallery = false\n[redirects]\n"{old}" = "zh-Hans/card.md"\n'}
    out = tmp_path / "deep" / "er" / "site"
    result = build(write_site(tmp_path / "guides", files), out, check=False)
    assert not result.published
    assert [(f.file, f.rule) for f in result.findings if f.blocking] == [
        ("guidekit.toml", "config-redirect-invalid")
    ]
    assert sorted(path.name for path in tmp_path.rglob("*.html")) == []


def test_the_pages_counts_say_one_guide_and_two_guides_in_english():
    count = environment().from_string('{{ t["guide-count"] | fill(n=n) }}')
    assert [count.render(t=ui_strings("en"), n=n) for n in (1, 2)] == ["1 guide", "2 guides"]
    assert count.render(t=ui_strings("zh-Hans"), n=1) == "1 篇"


def test_addresses_for_machines_are_percent_encoded(tmp_path):
    """A search engine reads the sitemap, canonical link and JSON-LD as URLs: a space or a Chinese
    character in a guide's file name (or in base_url's path) must be percent-encoded there, as the
    site's own links are. Seen with `guidekit build` of a guide named "居住证 办理.md": the sitemap
    listed <loc>https://…/zh-Hans/居住证 办理.html</loc>, which is no URL."""
    files = {
        "guidekit.toml": 'gallery = false\nbase_url = "https://example.gov.cn/办事/"\n',
        "zh-Hans/居住 证.md": guide(title="办理居住证"),
    }
    out = tmp_path / "site"
    assert build(write_site(tmp_path / "guides", files), out, check=False).published
    url = "https://example.gov.cn/%E5%8A%9E%E4%BA%8B/zh-Hans/%E5%B1%85%E4%BD%8F%20%E8%AF%81.html"
    assert f"<loc>{url}</loc>" in (out / "sitemap.xml").read_text("utf-8")
    page = _soup(out, "zh-Hans/居住 证.html")
    assert page.select_one("link[rel=canonical]")["href"] == url
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["url"] == url
    assert "Sitemap: https://example.gov.cn/%E5%8A%9E%E4%BA%8B/sitemap.xml" in (
        out / "robots.txt"
    ).read_text("utf-8")


def test_the_printed_address_is_the_canonical_one_as_a_reader_types_it(tmp_path):
    """A paper copy prints the page's address for a reader to type. It was printed as the file is
    named ("本页网址：https://example.gov.cn/办事/zh-Hans/居住 证.html", found building a guide named
    居住 证.md): a space on paper cannot be told from a line break (the address wraps anywhere),
    and a browser's address bar searches for text with a space. Now it is the canonical link's
    address with Chinese characters shown as themselves (a browser encodes them as the canonical
    link does): what cannot be read or typed as it looks (a space, a full-width ／, an invisible
    character) stays encoded."""
    files = {
        "guidekit.toml": 'gallery = false\nbase_url = "https://example.gov.cn/办事/"\n',
        "zh-Hans/居住 证.md": guide(title="办理居住证"),
        "zh-Hans/社保／医保\u200b.md": guide(title="办理社保卡"),
    }
    out = tmp_path / "site"
    assert build(write_site(tmp_path / "guides", files), out, check=False).published
    for name, printed in (
        ("居住 证", "https://example.gov.cn/办事/zh-Hans/居住%20证.html"),
        ("社保／医保\u200b", "https://example.gov.cn/办事/zh-Hans/社保%EF%BC%8F医保%E2%80%8B.html"),
    ):
        page = _soup(out, f"zh-Hans/{name}.html")
        canonical = page.select_one("link[rel=canonical]")["href"]
        assert page.select_one(".gk-page-url").get_text() == f"本页网址：{printed}"
        # typed into a browser, the printed address is the canonical one
        assert quote(printed, safe=":/%") == canonical
        short = _soup(out, f"zh-Hans/{name}.short.html")
        assert short.select_one(".gk-page-url").get_text() == f"完整指南网址：{printed}"
        silver = _soup(out, f"silver/zh-Hans/{name}.html")
        assert (
            silver.select_one(".gk-page-url")
            .get_text()
            .endswith(printed.replace("/zh-Hans/", "/silver/zh-Hans/"))
        )


def test_a_site_below_a_path_passes_the_gate(tmp_path):
    """The README's own example, base_url = "https://example.gov.cn/qingchuan/": the 404 page's
    stylesheet and links start from /qingchuan/ (it is shown at any missing address), but the gate
    served the site at its host's root, so every one of them was "missing": the page unstyled
    (text too small, lines too long), its links broken, and every checked build of a site below a
    path refused (seen building the sample guides with base_url for a portal's /banshi/). The gate
    now serves the site where base_url puts it, as the portal does."""
    from guidekit.gate import run_gate

    files = {
        "guidekit.toml": 'gallery = false\nbase_url = "https://example.gov.cn/qc/"\n',
        "zh-Hans/card.md": SITE["zh-Hans/card.md"],
    }
    out = tmp_path / "site"
    assert build(write_site(tmp_path / "guides", files), out, check=False).published
    report = run_gate(out, jobs=2)
    # (the fixture's bare guides have findings of their own: not this test's business)
    assert [
        (finding.page, finding.rule, finding.message)
        for finding in report.findings
        if finding.page in ("404.html", "silver/404.html")
    ] == []


def test_the_front_page_lists_the_guides_in_every_theme_or_in_none(tmp_path):
    """Each theme's front page decided alone whether it fit the page budget with every guide: the
    silver page, whose stylesheet weighs more, could link to the A–Z lists while the standard page
    listed every guide, and the switch between them led to another page. Here only the silver
    page is over the budget."""
    source = write_site(tmp_path / "guides", SITE)
    config = load_config(source)[0]
    guides = load_guides(source, config.default_lang).guides
    standard, silver = render_home(guides, config, checked=False)
    silver_css = next(path for path in loaded_files(silver) if path.endswith(".css"))
    budget = Budget((gzip_size(standard.html) + 1) / 1024, {silver_css: 10_000})
    assert budget.fits(standard) and not budget.fits(silver)
    pages = render_home(guides, config, checked=False, budget=budget)
    assert [page.site_path for page in pages] == ["index.html", "silver/index.html"]
    for page in pages:
        listed = BeautifulSoup(page.html, "html.parser").select("main .gk-guide-list a")
        assert "find/zh-Hans/search.html" in listed[0]["href"], page.site_path


def _front_links(out):
    """Each link of the front page's main: what a screen reader names it, and what is seen."""
    named = []
    for link in _soup(out, "index.html").select("main a"):
        seen = BeautifulSoup(str(link), "html.parser")
        for hidden in seen.select(".gk-visually-hidden"):
            hidden.decompose()
        named.append((link.get_text(), seen.get_text(), link["href"]))
    return named


def test_the_front_pages_links_to_each_languages_pages_have_names_of_their_own(tmp_path):
    """The zh-Hans and zh-Hant sections both linked 按人生大事找指南 (an audit of Chromium's
    accessibility tree): a list of the page's links showed the name twice for two pages, and a
    voice says 按主题找指南 and 按主題找指南, or a guide's two scripts, alike. The language is in each
    link's name, heard and not seen."""
    events = "life_events: [就业]\ntopics: [社会保障]\n"
    site = {
        "guidekit.toml": "gallery = false\n",
        "zh-Hans/card.md": guide(title="申领社会保障卡", fields=events),
        "zh-Hant/card.md": guide(title="申領社會保障卡", lang="zh-Hant", fields=events),
        "en/card.md": guide(title="Apply for a social security card", lang="en", fields=events),
    }
    out = tmp_path / "site"
    assert build(write_site(tmp_path / "guides", site), out, check=False).published
    links = _front_links(out)
    assert (
        "按人生大事找指南（简体中文）",
        "按人生大事找指南",
        "find/zh-Hans/life-events.html",
    ) in links
    assert (
        "按人生大事找指南（繁體中文）",
        "按人生大事找指南",
        "find/zh-Hant/life-events.html",
    ) in links
    assert ("申領社會保障卡（繁體中文）", "申領社會保障卡", "zh-Hant/card.html") in links
    assert ("Guides by topic (English)", "Guides by topic", "find/en/topics.html") in links
    assert len({name for name, _, _ in links}) == len(links), links
    navigation = [nav["aria-label"] for nav in _soup(out, "index.html").select("main nav")]
    assert navigation == ["找指南（简体中文）", "找指南（繁體中文）", "Find a guide (English)"]
    # a site in one language has nothing to tell apart
    alone = tmp_path / "alone"
    assert build(
        write_site(tmp_path / "one", {"zh-Hans/card.md": site["zh-Hans/card.md"]}),
        alone,
        check=False,
    ).published
    assert all(name == seen for name, seen, _ in _front_links(alone))
