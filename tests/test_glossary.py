"""The glossary: validated with file:line, first uses marked and explained without JavaScript,
abbreviations expanded, readings as <ruby> and soft hyphens only on silver pages."""

from __future__ import annotations

import asyncio
import json

from bs4 import BeautifulSoup
from playwright.async_api import async_playwright

from guidekit.build import build
from guidekit.gate.browser import launch
from guidekit.guide.reading_aids import annotated, with_reading
from guidekit.source.glossary import GLOSSARY_FILE, load_glossary
from tests.conftest import body_line, guide, run_guidekit, write_site

GLOSSARY = """\
- term: 社保
  expansion: 社会保险
  explanation: 养老、医疗等保险。
- term: 征信
  reading: zhēng xìn
  explanation: 借钱、还钱的记录。
  lang: zh-Hans
- term: credit report
  lang: en
  explanation: A record of the money you borrowed.
"""
BODY = """\
## 社保是什么

先交社保，再办社保卡。社保交满一年，可以查[社保记录](https://example.gov.cn/)。

查征信不收费。鼋是少见的字。
"""
ENGLISH = "Get your credit report. Your creditworthiness shows in the credit report.\n"


def _build(tmp_path, files):
    root = write_site(tmp_path / "guides", files)
    result = build(root, tmp_path / "site", check=False)
    return result, tmp_path / "site"


def _page(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def test_the_first_use_links_to_its_explanation_and_expands_the_abbreviation(tmp_path):
    result, site = _build(tmp_path, {GLOSSARY_FILE: GLOSSARY, "card.md": guide(BODY)})
    assert result.published
    page = _page(site, "card.html")
    terms = page.select("a.gk-term")
    assert [term.get_text() for term in terms] == ["社保", "征信"], (
        "once per guide, never in headings or links"
    )
    assert terms[0].next_sibling.startswith("（社会保险）")
    # no title beside the written expansion: screen readers that read titles said it twice
    assert terms[0].abbr is not None and not terms[0].abbr.has_attr("title")
    explained = page.select_one(terms[0]["href"])
    assert explained.dt.get_text() == "社保（社会保险）"
    assert explained.dd.get_text() == "养老、医疗等保险。"
    assert page.select_one("#section-glossary").get_text() == "词语解释"
    assert page.find("a", string="社保记录"), "a term inside a link stays the link's text"
    # a screen reader says where the link goes; read-aloud skips the hidden hint
    hints = page.select("#gk-glossary-hint")
    assert len(hints) == 1 and hints[0].has_attr("hidden")
    assert hints[0].get_text() == "跳到页面下方的解释"
    assert {term["aria-describedby"] for term in terms} == {"gk-glossary-hint"}


async def _terms(page_file: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Each term of Chromium's accessibility tree with the terms inside it; how the words of each
    explained term are set (font-style)."""
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page()
            await page.goto(page_file)
            cdp = await page.context.new_cdp_session(page)
            nodes = (await cdp.send("Accessibility.getFullAXTree"))["nodes"]
            styles = await page.evaluate(
                "() => [...document.querySelectorAll('.gk-glossary dt, .gk-glossary dt *')]"
                ".map((e) => getComputedStyle(e).fontStyle)"
            )
        finally:
            await browser.close()
    by_id = {node["nodeId"]: node for node in nodes}

    def within(node: dict) -> list[dict]:
        children = [by_id[child] for child in node.get("childIds", []) if child in by_id]
        return children + [inner for child in children for inner in within(child)]

    def is_term(node: dict) -> bool:
        return not node.get("ignored") and node["role"]["value"] == "term"

    terms = [
        (
            node["name"]["value"],
            [inner["name"]["value"] for inner in within(node) if is_term(inner)],
        )
        for node in nodes
        if is_term(node)
    ]
    return terms, styles


def test_an_explained_term_is_one_term_to_a_screen_reader_and_set_upright(tmp_path):
    """The glossary's <dt> held a <dfn>, and Chromium exposed a term inside the term (an audit of
    its accessibility tree): on Windows (UI Automation) and Android both are list items, and a
    reader could hear 社保 announced as a term twice, once inside the other; the browser also set
    the <dfn> in italic, Han characters slanted by machine."""
    result, site = _build(tmp_path, {GLOSSARY_FILE: GLOSSARY, "card.md": guide(BODY)})
    assert result.published
    terms, styles = asyncio.run(_terms((site / "card.html").as_uri()))
    assert [(name.replace(" ", ""), inner) for name, inner in terms] == [
        ("社保（社会保险）", []),
        ("征信", []),
    ]
    assert set(styles) == {"normal"}, styles


def test_a_term_never_splits_a_word_nor_repeats_an_expansion_written_beside_it(tmp_path):
    glossary = (
        GLOSSARY + "- term: 医保\n  expansion: 医疗保险\n  explanation: 看病的保险。\n"
        "- term: 社保卡\n  expansion: 社会保障卡\n  explanation: 办社保用的卡。\n"
    )
    # 社会保障卡也叫社保卡: the sentence says the expansion already (an outside audit heard
    # 社会保障卡也叫社保卡（社会保障卡）); the next sentence is the first to need it
    body = (
        "交基本医疗保险（医保）。自己交社会保险（社保）的人。社会保障卡也叫社保卡。"
        "带上社保卡。以后每次都带社保卡来。\n"
    )
    _, site = _build(tmp_path, {GLOSSARY_FILE: glossary, "card.md": guide(body)})
    for path in ("card.html", "silver/card.html"):
        paragraph = _page(site, path).select_one("main p[data-line]").get_text()
        assert "（医保（" not in paragraph and "（社保（" not in paragraph, paragraph
        assert "社会保障卡也叫社保卡。带上社保卡。" in paragraph, paragraph
        assert "都带社保卡来。" in paragraph, paragraph
    page = _page(site, "card.html")
    assert [term.get_text() for term in page.select("a.gk-term")] == ["医保", "社保", "社保卡"]
    assert page.select_one(page.select("a.gk-term")[2]["href"]).dd.get_text() == "办社保用的卡。"


def test_readings_are_ruby_only_on_silver_pages(tmp_path):
    _, site = _build(tmp_path, {GLOSSARY_FILE: GLOSSARY, "card.md": guide(BODY)})
    standard, silver = _page(site, "card.html"), _page(site, "silver/card.html")
    assert standard.find("ruby") is None
    readings = [
        (ruby.contents[0], ruby.rt.get_text(), ruby.rt["aria-hidden"])
        for ruby in silver.main.select("ruby")
    ]
    assert ("征信", "zhēng xìn", "true") in readings, (
        "one <ruby> per word, its base one text: read once"
    )
    assert ("鼋", "yuán", "true") in readings, (
        "a rare character outside the 3,500 common ones gets pinyin"
    )
    assert not any(base in "办社保卡前先交" for base, _, _ in readings), (
        "common characters get none"
    )
    for ruby in silver.main.select("ruby"):
        assert [(rp.get_text(), rp["aria-hidden"]) for rp in ruby.select("rp")] == [
            ("（", "true"),
            ("）", "true"),
        ]


def test_traditional_pages_get_zhuyin_by_default_or_pinyin_when_configured(tmp_path):
    glossary = (
        "- term: 徵信\n  reading: zhēng xìn\n  explanation: 借錢、還錢的記錄。\n  lang: zh-Hant\n"
    )
    body = "查徵信不收費。黿是少見的字。\n"
    files = {
        GLOSSARY_FILE: glossary,
        "report.md": guide(body, title="查詢個人信用報告", summary="不收費。", lang="zh-Hant"),
    }
    _, site = _build(tmp_path / "zhuyin", files)
    readings = [
        ruby.rt.get_text()
        for ruby in _page(site, "silver/report.html").select("main p[data-line] ruby")
    ]
    assert readings == ["ㄓㄥ ㄒㄧㄣˋ", "ㄩㄢˊ"]
    _, site = _build(tmp_path / "pinyin", files | {"guidekit.toml": 'zh_hant_reading = "pinyin"\n'})
    assert [
        ruby.rt.get_text()
        for ruby in _page(site, "silver/report.html").select("main p[data-line] ruby")
    ] == ["zhēng xìn", "yuán"]


def test_long_english_words_get_soft_hyphens_on_silver_pages_only(tmp_path):
    _, site = _build(
        tmp_path,
        {
            GLOSSARY_FILE: GLOSSARY,
            "report.md": guide(
                ENGLISH, title="Get your credit report", summary="It is free.", lang="en"
            ),
        },
    )
    silver = _page(site, "silver/report.html").main.get_text()
    [long_word] = [
        word for word in silver.split() if word.replace("\u00ad", "") == "creditworthiness"
    ]
    assert long_word.count("\u00ad") >= 2
    assert "\u00ad" not in _page(site, "report.html").main.get_text()
    assert _page(site, "report.html").select_one("a.gk-term").get_text() == "credit report"


def test_annotated_text_is_escaped():
    assert str(annotated("<b>鼋</b>", "zh-Hans", {})) == (
        '&lt;b&gt;<ruby>鼋<rp aria-hidden="true">（</rp><rt aria-hidden="true">yuán</rt><rp '
        'aria-hidden="true">）</rp></ruby>&lt;/b&gt;'
    )


def test_symbols_between_the_han_blocks_are_not_read_as_characters():
    # U+4DC0–U+4DFF, Yijing hexagrams, sit between Extension A and the unified ideographs: taken
    # for a rare character, a silver page asked pypinyin for a reading it has not and crashed
    assert str(annotated("乾卦䷀", "zh-Hans", {})) == "乾卦䷀"


def test_glossary_mistakes_are_refused_with_file_and_line(tmp_path):
    text = (
        "- term: 社保\n  explanation: 保险。\n- term: 医保\n  explain: 看病\n- term: 征信\n  "
        "explanation: "
        "''\n  lang: fr\n"
    )
    entries, findings = load_glossary(write_site(tmp_path, {GLOSSARY_FILE: text}), "zh-Hans")
    assert [entry.term for entry in entries] == ["社保"]
    located = {(f.rule, f.file, f.line) for f in findings}
    assert located == {
        ("glossary-field-unknown", GLOSSARY_FILE, body_line(text, "explain:")),
        ("glossary-field-missing", GLOSSARY_FILE, body_line(text, "医保")),
        ("glossary-field-invalid", GLOSSARY_FILE, body_line(text, "explanation: ''")),
        ("glossary-field-invalid", GLOSSARY_FILE, body_line(text, "fr")),
    }
    assert all("explanation" in f.message for f in findings if f.rule == "glossary-field-missing")


def test_a_glossary_that_is_not_yaml_is_refused_before_anything_is_written(tmp_path):
    result, site = _build(
        tmp_path, {GLOSSARY_FILE: "- term: 社保\n explanation: [\n", "card.md": guide()}
    )
    assert not result.published and not site.exists()
    assert [(f.rule, f.file) for f in result.findings if f.blocking] == [
        ("glossary-syntax", GLOSSARY_FILE)
    ]


def test_a_glossary_mistake_is_named_at_its_line_in_chinese(tmp_path):
    from guidekit.source.glossary import load_glossary

    (tmp_path / GLOSSARY_FILE).write_text(
        "- term: 社保\n  explanation：国家规定的保险。\n- term: 医保\n", "utf-8"
    )
    _, (problem,) = load_glossary(tmp_path, "zh-Hans")
    assert (problem.rule, problem.line) == ("glossary-syntax", 2)
    assert "“explanation”后面是中文冒号“：”" in problem.message


def test_a_term_explained_twice_for_the_same_language_is_refused_naming_both_lines(tmp_path):
    """The second entry silently replaced the first: an editor correcting the first saw no
    change on the pages."""
    text = (
        "- term: 社保\n  explanation: 社会保险。\n"
        "- term: 社保\n  lang: zh-Hant\n  explanation: 社會保險。\n"
        "- term: 社保\n  lang: zh-Hans\n  explanation: 国家规定的保险。\n"
    )
    entries, findings = load_glossary(write_site(tmp_path, {GLOSSARY_FILE: text}), "zh-Hans")
    assert [(f.rule, f.line) for f in findings] == [
        ("glossary-term-twice", 3),  # the first entry is for every language, zh-Hant too
        ("glossary-term-twice", 6),
    ]
    assert "第 1 行" in findings[0].message and "社保" in findings[0].message
    # one entry per term and language
    assert [entry.explanation for entry in entries] == ["社会保险。"]


def test_a_reading_of_another_number_of_syllables_than_characters_is_refused_at_its_line(
    tmp_path,
):
    """户籍 read "hu ji ji" passed lint; build then refused the silver page at the theme's template
    and at a guide line without the reading, saying to mark "hu ji ji" as English."""
    text = (
        "- term: 户籍\n  reading: hu ji ji\n  explanation: 户口登记的地方。\n"
        "- term: 征信\n  reading: zhēng xìn\n  explanation: 借钱、还钱的记录。\n"
        "- term: 社保卡\n  reading: shèbǎokǎ\n  explanation: 社会保障卡。\n"
    )
    root = write_site(tmp_path / "guides", {GLOSSARY_FILE: text, "zh-Hans/card.md": guide()})
    linted = run_guidekit("lint", root, "--format", "json")
    assert linted.exit_code == 1
    wrong = [
        (f["file"], f["line"], f["severity"], f["message"])
        for f in json.loads(linted.stdout)["findings"]
        if f["file"] == GLOSSARY_FILE
    ]
    assert [finding[:3] for finding in wrong] == [
        (GLOSSARY_FILE, body_line(text, "hu ji ji"), "error"),
        (GLOSSARY_FILE, body_line(text, "shèbǎokǎ"), "error"),
    ]
    assert "3 个音节" in wrong[0][3] and "2 个汉字" in wrong[0][3]
    assert "1 个音节" in wrong[1][3] and "3 个汉字" in wrong[1][3]
    result = build(root, tmp_path / "site", check=False)
    assert not result.published
    assert [(f.file, f.line) for f in result.findings if f.blocking] == [
        (GLOSSARY_FILE, body_line(text, "hu ji ji")),
        (GLOSSARY_FILE, body_line(text, "shèbǎokǎ")),
    ]
    _, (traditional,) = load_glossary(
        write_site(tmp_path / "hant", {GLOSSARY_FILE: text.split("- term: 征信")[0]}), "zh-Hant"
    )
    assert "3 個音節" in traditional.message and "2 個漢字" in traditional.message
    _, (english,) = load_glossary(tmp_path / "hant", "en")
    assert "3 syllables" in english.message and "2 Chinese characters" in english.message


# Readings as pinyin writes them, which an outside editor audit found refused: an apostrophe
# between syllables (xī'ān, not the one syllable xiān), and erhua, the r of 儿 written on the
# syllable before it (哪儿 nǎr)
WRITTEN_AS_PINYIN = """\
- term: 西安
  reading: xī'ān
  explanation: 陕西省的省会。
- term: 档案
  reading: dàng’àn
  explanation: 记录一个人经历的材料。
- term: 哪儿
  reading: nǎr
  explanation: 什么地方。
- term: 一点儿
  reading: yì diǎnr
  explanation: 很少的一些。
- term: 二儿子
  reading: èr ér zi
  explanation: 第二个儿子。
- term: 西安市公安局
  reading: xī'ān shì gōng'ān jú
  explanation: 管户口的机关。
"""


def test_readings_with_apostrophes_and_erhua_are_accepted(tmp_path):
    entries, findings = load_glossary(
        write_site(tmp_path, {GLOSSARY_FILE: WRITTEN_AS_PINYIN}), "zh-Hans"
    )
    assert [f.message for f in findings] == []
    assert len(entries) == 6


def test_erhua_needs_its_r_and_an_apostrophe_separates_only(tmp_path):
    text = (
        "- term: 哪儿\n  reading: nǎ\n  explanation: 什么地方。\n"
        # èr is a syllable of its own, not a syllable with 儿's r on it
        "- term: 二儿\n  reading: èr\n  explanation: 说错的词。\n"
        "- term: 西安\n  reading: xī'ān'\n  explanation: 陕西省的省会。\n"
    )
    root = write_site(tmp_path, {GLOSSARY_FILE: text})
    _, findings = load_glossary(root, "zh-Hans")
    assert [(f.rule, f.line) for f in findings] == [
        ("glossary-reading-syllables", body_line(text, "reading: nǎ")),
        ("glossary-reading-syllables", body_line(text, "reading: èr")),
    ]
    assert "nǎr" in findings[0].message, "says how pinyin writes the r of 儿"
    _, findings = load_glossary(root, "en")
    assert "has 1 syllable for 2 Chinese characters" in findings[0].message
    assert "xī'ān" in findings[0].message and "nǎr" in findings[0].message


def test_apostrophes_and_erhua_become_zhuyin_syllables():
    def reading(term, written, system):
        return BeautifulSoup(str(with_reading(term, written, system)), "html.parser").rt.get_text()

    assert reading("西安", "xī'ān", "zhuyin") == "ㄒㄧ ㄢ"
    assert reading("檔案", "dàng’àn", "zhuyin") == "ㄉㄤˋ ㄢˋ"
    # bopomofo writes erhua with ㄦ after the syllable (ㄖ is the initial of rì, rén)
    assert reading("哪兒", "nǎr", "zhuyin") == "ㄋㄚˇㄦ"
    assert reading("一點兒", "yì diǎnr", "zhuyin") == "ㄧˋ ㄉㄧㄢˇㄦ"
    assert reading("二兒子", "èr ér zi", "zhuyin") == "ㄦˋ ㄦˊ ㄗ˙"
    # pinyin pages show the reading as pinyin writes it
    assert reading("西安", "xī'ān", "pinyin") == "xī'ān"


def test_readings_written_as_pinyin_pass_the_gate_on_silver_pages(tmp_path):
    body = "在西安市公安局办。去西安，带上档案，一点儿也不难。问二儿子在哪儿。\n"
    traditional = "在西安市公安局辦。去西安，帶上檔案，一點兒也不難。問二兒子在哪兒。\n"
    glossary = WRITTEN_AS_PINYIN + WRITTEN_AS_PINYIN.translate(
        str.maketrans("儿档点", "兒檔點")
    ).replace("explanation:", "lang: zh-Hant\n  explanation:")
    files = {
        GLOSSARY_FILE: glossary.replace("  explanation:", "  lang: zh-Hans\n  explanation:", 6),
        "zh-Hans/card.md": guide(body),
        "zh-Hant/card.md": guide(
            traditional, title="申領社會保障卡", summary="帶身分證去辦。", lang="zh-Hant"
        ),
    }
    result = build(write_site(tmp_path / "guides", files), tmp_path / "site")
    assert result.published, [f.message for f in result.findings if f.blocking]

    def readings(page):
        return [
            (ruby.contents[0], ruby.rt.get_text())
            for ruby in _page(tmp_path / "site", page).select("main p[data-line] ruby")
        ]

    simplified, traditional = (
        readings("silver/zh-Hans/card.html"),
        readings("silver/zh-Hant/card.html"),
    )
    assert ("西安市公安局", "xī'ān shì gōng'ān jú") in simplified
    assert ("一点儿", "yì diǎnr") in simplified and ("哪儿", "nǎr") in simplified
    assert ("一點兒", "ㄧˋ ㄉㄧㄢˇㄦ") in traditional and ("哪兒", "ㄋㄚˇㄦ") in traditional


def test_a_reading_without_tone_marks_is_refused_at_its_line(tmp_path):
    """社保 read "she bao" passed lint; on its silver page the gate then took the reading for an
    English phrase, to be marked {lang=en}, over a word no editor can mark. Without its tones a
    reading does not tell the reader who is unsure of a character how to say it."""
    text = (
        "- term: 社保\n  reading: she bao\n  explanation: 社会保险。\n"
        "- term: 征信\n  reading: zheng1 xin4\n  explanation: 借钱、还钱的记录。\n"
        "- term: 二儿子\n  reading: èr ér zi\n  explanation: 第二个儿子。\n"
    )
    root = write_site(tmp_path, {GLOSSARY_FILE: text})
    _, findings = load_glossary(root, "zh-Hans")
    # 二儿子's zi has the neutral tone, which has no mark
    assert [(f.rule, f.line) for f in findings] == [
        ("glossary-reading-tones", body_line(text, "she bao")),
        ("glossary-reading-tones", body_line(text, "zheng1 xin4")),
    ]
    assert "shè bǎo" in findings[0].message
    _, findings = load_glossary(root, "en")
    assert "tone marks" in findings[0].message
