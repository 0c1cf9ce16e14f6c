"""Stage 4, render: page structure of both themes, the index, escaping, links between pages, source
lines on blocks."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from guidekit.build import build
from guidekit.guide.enrich import field_sections
from guidekit.guide.markdown_html import body_parts
from guidekit.guide.parse import read_tokens
from guidekit.messages import ui_text
from guidekit.source.load import load_guide
from guidekit.theme import THEMES

from .conftest import REPO, body_line, guide, html, picture, run_guidekit, write_site

CARD = guide(
    "## 办理流程\n"
    "\n"
    "先看[领取养老金](pension.md#办理流程)。\n"
    "\n"
    "![社保服务中心门口](../images/door.png)\n"
    "\n"
    "::: steps\n"
    "1. 带上身份证。\n"
    "2. 取号。\n"
    ":::\n"
    "\n"
    "::: help\n"
    "打 12333。\n"
    ":::\n"
    "\n"
    "### 费用\n"
    "\n"
    "| 项目 | 金额 |\n"
    "|---|---|\n"
    "| 工本费 | 0 元 |\n"
    "\n"
    "::: help 还有问题？\n"
    "到窗口问。\n"
    ":::\n",
    fields="materials:\n  - name: 居民身份证\n    form: original\n",
)
GUIDES = {
    "zh-Hans/card.md": CARD,
    "zh-Hans/pension.md": guide(
        "## 办理流程\n\n到网点办理。\n", title="领取养老金", summary="到龄后申领养老金。"
    ),
    "zh-Hans/escape.md": guide(
        title="'危险<script>alert(1)</script>标题'",
        summary="'甲 & 乙 <img src=x onerror=alert(1)>'",
        fields="materials:\n  - name: '<b>身份证</b>'\n",
    ),
    "zh-Hant/card.md": guide(
        title="申領社會保障卡", summary="帶身分證到網點辦理。", lang="zh-Hant"
    ),
    "en/card.md": guide(
        "See the [Chinese guide](../zh-Hans/card.md).\n",
        title="Apply for a card",
        summary="Bring your ID.",
        lang="en",
        fields="owner: Qingchuan Social Security Bureau\n",
    ),
    "images/door.png": picture(),
}
STANDARD_PAGES = [
    "index.html",
    "zh-Hans/card.html",
    "zh-Hans/pension.html",
    "zh-Hans/escape.html",
    "zh-Hant/card.html",
    "en/card.html",
    # every guide's short version (简版)
    "zh-Hans/card.short.html",
    "zh-Hans/pension.short.html",
    "zh-Hans/escape.short.html",
    "zh-Hant/card.short.html",
    "en/card.short.html",
]
# every site has its accessibility statement in every language (guidekit.conformance)
STATEMENT_PAGES = [
    "accessibility/zh-Hans.html",
    "accessibility/zh-Hant.html",
    "accessibility/en.html",
]
ALL_PAGES = [theme.prefix + page for theme in THEMES for page in STANDARD_PAGES + STATEMENT_PAGES]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("render")
    result = build(write_site(root / "guides", GUIDES), root / "site", check=False)
    assert result.published and not result.refused, result.findings
    return root / "site"


def resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))


def test_every_guide_becomes_a_standard_and_a_silver_page(out):
    built = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    assert built == sorted(ALL_PAGES)
    assert (out / "assets/guidekit.css").is_file() and (
        out / "assets/guidekit-silver.css"
    ).is_file()
    assert (out / "images/door.png").read_bytes() == GUIDES["images/door.png"]


@pytest.mark.parametrize("page", ALL_PAGES)
def test_page_structure(out, page):
    soup = html(out / page)
    expected_lang = (
        page.removeprefix("silver/").split("/")[0]
        if "/" in page.removeprefix("silver/")
        else "zh-Hans"
    )
    if page.removeprefix("silver/") in STATEMENT_PAGES:
        expected_lang = page.rpartition("/")[2].removesuffix(".html")
    assert soup.html["lang"] == expected_lang
    assert soup.title.string.strip()
    assert len(soup.find_all("h1")) == 1
    for landmark in ("header", "main", "footer"):
        assert len(soup.find_all(landmark)) == 1, landmark
    if page.removeprefix("silver/") != "index.html":
        assert soup.find("nav") is not None
    skip = soup.body.find("a")
    assert skip["href"] == "#main" and soup.find("main")["id"] == "main"
    home = soup.header.find("a", class_="gk-header__home")
    assert (
        resolve(page, home["href"])
        == ("silver/" if page.startswith("silver/") else "") + "index.html"
    )
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    assert (out / resolve(page, stylesheet)).is_file()


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_titles_are_unique_within_a_theme_and_start_with_the_guide_title(out, theme):
    titles = {page: html(out / (theme.prefix + page)).title.string for page in STANDARD_PAGES}
    assert len(set(titles.values())) == len(titles), titles
    assert titles["zh-Hans/pension.html"].startswith("领取养老金")
    assert html(out / (theme.prefix + "zh-Hans/pension.html")).h1.string == "领取养老金"


@pytest.mark.parametrize("theme", THEMES, ids=lambda theme: theme.name)
def test_the_index_lists_every_guide_grouped_by_language(out, theme):
    page = theme.prefix + "index.html"
    soup = html(out / page)
    sections = {section["lang"]: section for section in soup.main.find_all("section")}
    assert set(sections) == {"zh-Hans", "zh-Hant", "en"}
    listed = {
        lang: sorted(resolve(page, a["href"]) for a in section.find_all("a"))
        for lang, section in sections.items()
    }
    assert listed == {
        "zh-Hans": sorted(
            theme.prefix + p
            for p in ("zh-Hans/card.html", "zh-Hans/pension.html", "zh-Hans/escape.html")
        ),
        "zh-Hant": [theme.prefix + "zh-Hant/card.html"],
        "en": [theme.prefix + "en/card.html"],
    }
    assert all(section.find("h2") for section in sections.values())


@pytest.mark.parametrize("page", STANDARD_PAGES)
def test_standard_and_silver_pages_link_to_each_other(out, page):
    switch = html(out / page).find("a", class_="gk-silver-switch")
    assert resolve(page, switch["href"]) == "silver/" + page
    back = html(out / ("silver/" + page)).find("a", class_="gk-silver-switch")
    assert resolve("silver/" + page, back["href"]) == page


@pytest.mark.parametrize(
    ("theme", "page"),
    [
        ("", "zh-Hans/card.html"),
        ("silver/", "zh-Hans/card.html"),
        ("", "en/card.html"),
        ("silver/", "en/card.html"),
    ],
)
def test_links_to_other_guides_lead_to_their_page_in_the_same_theme(out, theme, page):
    soup = html(out / (theme + page))
    links = [
        a["href"]
        for a in soup.main.find_all("a")
        if ".html" in a["href"] and not a.find_parent(class_="gk-short-link")  # its own 简版
    ]
    target = {"zh-Hans/card.html": "zh-Hans/pension.html", "en/card.html": "zh-Hans/card.html"}[
        page
    ]
    assert [resolve(theme + page, href) for href in links] == [theme + target]
    assert (out / theme / target).is_file()


@pytest.mark.parametrize("theme", ["", "silver/"])
def test_images_point_at_the_copied_file(out, theme):
    image = html(out / f"{theme}zh-Hans/card.html").main.find("img")
    assert image["alt"] == "社保服务中心门口"
    assert resolve(f"{theme}zh-Hans/card.html", image["src"]) == "images/door.png"


def test_front_matter_text_is_escaped(out):
    text = (out / "zh-Hans/escape.html").read_text("utf-8")
    assert "<script>" not in text and "<img src=x" not in text and "<b>身份证" not in text
    soup = html(out / "zh-Hans/escape.html")
    assert (
        soup.h1.string == "危险<script>alert(1)</script>标题"
    )  # shown to the reader as the editor typed it
    assert (
        soup.find("meta", attrs={"name": "description"})["content"]
        == "甲 & 乙 <img src=x onerror=alert(1)>"
    )
    assert "<b>身份证</b>" in soup.find(id="section-materials").find_next("ul").get_text()
    index = (out / "index.html").read_text("utf-8")
    assert "危险&lt;script&gt;" in index and "<script>" not in index


@pytest.mark.parametrize("page", ["en/card.html", "en/card.short.html", "silver/en/card.html"])
def test_an_english_page_says_its_labels_with_english_punctuation(out, page):
    """The footer said "Responsible department：" with a Chinese colon (an outside audit)."""
    text = (out / page).read_text("utf-8")
    assert "Responsible department: Qingchuan Social Security Bureau" in text
    assert "：" not in re.sub(r"<[^>]*>", "", text.split("<main", 1)[1])


def test_component_headings_follow_the_outline(out):
    helps = html(out / "zh-Hans/card.html").find_all(class_="gk-help")
    assert [h.find(class_="gk-help__title").name for h in helps] == [
        "h3",
        "h4",
    ]  # under ## and under ###
    assert helps[1].find(class_="gk-help__title").string == "还有问题？"


def test_steps_say_their_number_and_count(out):
    steps = html(out / "zh-Hans/card.html").find(class_="gk-steps")
    assert [li.find(class_="gk-steps__number").get_text() for li in steps.find_all("li")] == [
        "第 1 步，共 2 步",
        "第 2 步，共 2 步",
    ]


def test_a_table_scrolls_in_a_named_focusable_region(out):
    region = html(out / "zh-Hans/card.html").find(class_="gk-table-region")
    assert (
        region["role"] == "region" and region["tabindex"] == "0" and region["aria-label"] == "费用"
    )
    assert region.find("table") is not None


def test_a_silver_tables_data_cells_name_their_column(out):
    """Silver lays a table out a row at a time on a phone, each cell under its column's name: the
    name is written on the cell, and only in silver."""
    cells = html(out / "silver/zh-Hans/card.html").find("table").find_all("td")
    assert [cell.get("data-label") for cell in cells] == ["项目", "金额"]
    assert html(out / "zh-Hans/card.html").find(attrs={"data-label": True}) is None


@pytest.mark.parametrize("theme", ["", "silver/"])
def test_data_line_attributes_trace_blocks_back_to_their_markdown_line(out, theme):
    soup = html(out / f"{theme}zh-Hans/card.html")
    source_lines = CARD.split("\n")
    traced = soup.main.find_all(attrs={"data-line": True})
    assert len(traced) >= 10
    for element in traced:
        line = source_lines[int(element["data-line"]) - 1]
        if element.name in {"p", "h2", "h3", "a", "img"}:
            words = element.get("alt") or element.get_text().strip()
            assert words[:2] in line, (element, line)
    assert soup.find(class_="gk-steps")["data-line"] == str(body_line(CARD, "::: steps"))
    assert soup.find(class_="gk-help")["data-line"] == str(source_lines.index("::: help") + 1)
    assert soup.find("meta", attrs={"name": "guidekit-source"})["content"] == "zh-Hans/card.md"


@pytest.mark.parametrize(
    ("body", "needle", "lang", "words"),
    [
        (
            "::: steps\n1. 带上身份证。\n\n这一段不在列表里。\n:::\n",
            "这一段不在列表里",
            "zh-Hans",
            "只能写列表",
        ),
        ("::: steps\n这一步没有编号。\n:::\n", "这一步没有编号", "zh-Hant", "只能寫清單"),
        ("::: steps\n:::\n", "::: steps", "en", "Only a list"),
        ("::: details\nThe answer.\n:::\n", "::: details", "en", "lacks the question"),
        ("## 常见问题\n\n::: details\n回答。\n:::\n", "::: details", "zh-Hans", "少了问题"),
    ],
)
def test_component_content_that_cannot_be_shown_is_refused_with_its_line(
    tmp_path, body, needle, lang, words
):
    text = guide(body, lang=lang)
    result = build(
        write_site(tmp_path / "guides", {"card.md": text}), tmp_path / "site", check=False
    )
    blocking = [f for f in result.findings if f.blocking]
    assert [(f.file, f.line) for f in blocking] == [("card.md", body_line(text, needle))]
    assert words in blocking[0].message
    assert not result.published and not (tmp_path / "site").exists()


def test_a_help_box_is_drawn_only_when_it_has_a_way_to_reach_a_person(tmp_path):
    """consult with only a name (and no places) drew the heading 需要有人帮忙？ over an empty box."""
    guides = {
        "named.md": guide(fields="consult: {name: 青川市民服务热线}\n"),
        "phoned.md": guide(
            title="补办社会保障卡", fields='consult: {name: 青川市民服务热线, phone: "12345"}\n'
        ),
    }
    result = build(write_site(tmp_path / "guides", guides), tmp_path / "site", check=False)
    assert result.published, result.findings
    assert "gk-help" not in (tmp_path / "site" / "named.html").read_text("utf-8")
    assert 'href="tel:12345"' in (tmp_path / "site" / "phoned.html").read_text("utf-8")


def test_the_legal_basis_and_where_to_complain_are_on_the_page_in_both_themes(tmp_path):
    """监督投诉 and 设定依据, two elements of every national 办事指南, were read, checked and
    exported, but no page showed them (found by an editor following the README)."""
    fields = (
        'complaints: {name: 青川市民服务热线, phone: "12345", hours: 工作日 9:00—17:00}\n'
        "legal_basis: [{title: 《中华人民共和国社会保险法》, number: 主席令第三十五号}, "
        "《社会保险经办条例》]\n"
    )
    only_named = "complaints: {name: 市人社局监察科}\n"
    guides = {"card.md": guide(fields=fields), "named.md": guide(title="补卡", fields=only_named)}
    result = build(write_site(tmp_path / "guides", guides), tmp_path / "site", check=False)
    assert result.published, result.findings
    for theme in ("", "silver/"):
        page = html(tmp_path / "site" / f"{theme}card.html")
        basis = page.find(id="section-legal-basis").find_parent("section")
        assert basis.h2.get_text() == ui_text("zh-Hans", "legal-basis")
        assert [item.get_text() for item in basis.select("li")] == [
            "《中华人民共和国社会保险法》（主席令第三十五号）",
            "《社会保险经办条例》",
        ]
        complaints = page.find("h2", string=ui_text("zh-Hans", "complaints")).parent
        assert complaints.select_one('a[href="tel:12345"]').get_text() == "12345"
        assert (
            "青川市民服务热线" in complaints.get_text()
            and "工作日 9:00—17:00" in complaints.get_text()
        )
    named = html(tmp_path / "site" / "named.html").find(
        "h2", string=ui_text("zh-Hans", "complaints")
    )
    assert "市人社局监察科" in named.parent.get_text()


def test_the_linter_knows_every_section_a_sample_page_makes_from_its_fields(tmp_path):
    """``field_sections`` tells the linter which h2s a page draws beside the body's, to find a
    body heading that repeats one before any page exists; it must follow the template."""
    assert build(REPO / "guides", tmp_path / "site", check=False).published
    checked = 0
    for path in sorted((REPO / "guides").glob("*/*.md")):
        loaded, problems = load_guide(path, path.relative_to(REPO / "guides").as_posix(), "zh-Hans")
        assert loaded is not None and not problems
        lang = loaded.lang
        page = html(tmp_path / "site" / path.relative_to(REPO / "guides").with_suffix(".html"))
        drawn = [h2.get_text(strip=True) for h2 in page.select("main h2")]
        written = re.findall(r"^## (.+)$", loaded.body, flags=re.MULTILINE)
        made = [title for title in drawn if title not in written]
        opening = bool(body_parts(read_tokens(loaded.body))[1])
        expected = [ui_text(lang, key) for key in field_sections(loaded.meta, opening=opening)]
        assert set(made) - {ui_text(lang, "glossary")} == set(expected), path
        checked += 1
    assert checked >= 5


def test_the_opening_text_after_the_key_facts_has_a_heading_of_its_own(tmp_path):
    """A screen reader's list of headings went 要点 and then 谁可以办: the guide's opening text,
    drawn after the key facts, read as part of them (an outside audit). It gets a heading, 说明,
    where the key facts or the online button come before it; right under the summary it needs
    none."""
    opening = "到了退休年龄的人可以申请。\n\n## 常见情况\n\n正文。\n"
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/facts.md": guide(opening, fields="fees: 不收费\n"),
            "zh-Hans/plain.md": guide(opening, title="补办社会保障卡"),
        },
    )
    assert build(source, tmp_path / "site", check=False).published
    facts = html(tmp_path / "site/zh-Hans/facts.html")
    assert [h2.get_text(strip=True) for h2 in facts.select("main h2")][:3] == [
        "要点",
        "说明",
        "常见情况",
    ]
    section = facts.select_one("section[aria-labelledby=section-about]")
    assert section is not None and "到了退休年龄的人可以申请。" in section.get_text()
    plain = html(tmp_path / "site/zh-Hans/plain.html")
    assert [h2.get_text(strip=True) for h2 in plain.select("main h2")] == ["常见情况"]
    assert "到了退休年龄的人可以申请。" in plain.select_one("main").get_text()


def test_a_body_heading_that_repeats_a_made_one_is_told_which_one_the_page_made(tmp_path):
    """An editor who writes ``## 说明`` after the opening text wrote one heading, and was told two
    headings had one name: the other is the page's own (made for the opening text, or from a
    field), which lint now says."""
    body = "住满半年就可以申请。\n\n## 说明\n\n带上身份证。\n"
    source = write_site(tmp_path / "guides", {"zh-Hans/a.md": guide(body, fields="fees: 不收费\n")})
    outcome = run_guidekit("lint", source)
    line = body_line(guide(body, fields="fees: 不收费\n"), "## 说明")
    said = [text for text in outcome.stdout.splitlines() if "guidekit:heading-repeated" in text]
    assert said and said[0].startswith(f"zh-Hans/a.md:{line}: 错误: 页面已经有一个“说明”标题"), said


def test_a_repeated_heading_is_told_at_the_repeat(tmp_path):
    """Two ``## 联系我们`` were told at the first, which the editor had no reason to change (an
    outside editor's audit)."""
    body = (
        "## 联系我们\n\n打 12345。\n\n## 办理地点\n\n人民路 100 号。\n\n## 联系我们\n\n打 12333。\n"
    )
    text = guide(body)
    outcome = run_guidekit("lint", write_site(tmp_path / "guides", {"zh-Hans/a.md": text}))
    said = [line for line in outcome.stdout.splitlines() if "guidekit:heading-repeated" in line]
    _, repeat = (n for n, line in enumerate(text.split("\n"), 1) if line == "## 联系我们")
    assert [line.split(": ")[0] for line in said] == [f"zh-Hans/a.md:{repeat}"], said


def test_a_phone_note_stays_as_written_and_outside_the_link(tmp_path):
    """``0571-88216301 转 8012（户籍窗口）``: the link is the number a reader dials; the note after it
    is text beside the link, its brackets as the editor wrote them (the link said
    ``8012(户籍窗口)``, ASCII brackets inside it). Digits written full width still dial."""
    fields = (
        'consult: {phone: "0571-88216301 转 8012（户籍窗口）"}\n'
        "places: [{name: 青川市社保服务中心, phone: １２３３３（工作日）}]\n"
    )
    result = build(
        write_site(tmp_path / "guides", {"card.md": guide(fields=fields)}),
        tmp_path / "site",
        check=False,
    )
    assert result.published, result.findings
    for theme in ("", "silver/"):
        page = html(tmp_path / "site" / f"{theme}card.html")
        help_phone = page.select_one("a.gk-help__phone")
        assert (help_phone["href"], help_phone.get_text()) == (
            "tel:0571-88216301,8012",
            "0571-88216301 转 8012",
        )
        assert help_phone.next_sibling == "（户籍窗口）"
        place_phone = page.select_one("a.gk-place__phone")
        assert (place_phone["href"], place_phone.get_text()) == ("tel:12333", "12333")
        assert place_phone.next_sibling == "（工作日）"


def test_a_link_to_a_section_by_its_title_goes_to_that_section(tmp_path):
    """``[要带的材料](#要带的材料)`` names the section the page shows under that heading: it was
    refused as 链接指向的位置 #要带的材料 不存在, since the section's id is section-materials, which
    no editor can see (found by an editor following the README). The same from another guide, in
    English as the heading reads, and a heading the editor wrote keeps its own id."""
    fields = "materials: [居民身份证]\nplaces: [{name: 青川市社保服务中心}]\n"
    guides = {
        "card.md": guide("请看[要带的材料](#要带的材料)和[去哪里办](#去哪里办)。\n", fields=fields),
        "other.md": guide("先看[材料](card.md#要带的材料)。\n", title="补领社会保障卡"),
        "en.md": guide(
            "See [what to bring](#what-to-bring) and [steps](#steps).\n\n## Steps\n\nGo.\n",
            title="Social security card",
            lang="en",
            summary="Bring your ID card.",
            fields="materials: [ID card]\n",
        ),
    }
    result = build(write_site(tmp_path / "guides", guides), tmp_path / "site", check=False)
    assert result.published, result.findings
    for theme in ("", "silver/"):
        card = html(tmp_path / "site" / f"{theme}card.html")
        links = {a.get_text(): a["href"] for a in card.select("main p a")}
        assert (links["要带的材料"], links["去哪里办"]) == ("#section-materials", "#section-places")
        other = html(tmp_path / "site" / f"{theme}other.html")
        assert other.find("a", string="材料")["href"].endswith("card.html#section-materials")
        english = html(tmp_path / "site" / f"{theme}en.html")
        links = {a.get_text(): a["href"] for a in english.select("main p a")}
        assert (links["what to bring"], links["steps"]) == ("#section-materials", "#steps")


def test_a_link_to_a_section_the_page_does_not_have_is_still_refused(tmp_path):
    text = guide("请看[办理步骤](#办理步骤)。\n")
    result = build(
        write_site(tmp_path / "guides", {"card.md": text}), tmp_path / "site", check=False
    )
    assert not result.published
    assert [(f.rule, f.line) for f in result.findings if f.blocking] == [
        ("guidekit:broken-anchor", body_line(text, "请看"))
    ]
