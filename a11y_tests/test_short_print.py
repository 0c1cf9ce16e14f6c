"""The 简版 (short guide) printed by Chromium to an A4 PDF: one sheet at large type (18 pt) for
every sample guide in both themes, and for guides far too long for one sheet, which leave parts
off the paper and say so.

The sample guides are built as a preview with ``base_url`` set: the preview banner and the full
guide's address print too, so each sheet here holds more than a published one."""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from pypdf import PdfReader

from guidekit.build import build
from guidekit.gate.browser import launch
from guidekit.guide.enrich import short_page_path
from guidekit.theme import THEMES

GUIDES = Path(__file__).resolve().parents[1] / "guides"
BASE_URL = "https://example.gov.cn/qingchuan"
LARGE_TYPE_PX = 24  # 18 pt, the silver print size

# the smallest text on the printed sheet (pseudo-elements included), the materials and places it
# holds and leaves off, in print media at the sheet's text width
FACTS = """() => {
    const shown = (element) => element.checkVisibility({checkVisibilityCSS: true});
    const sizes = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (!shown(element)) continue;
        const own = [...element.childNodes].some((node) => node.nodeType === 3 && node.data.trim());
        if (own) sizes.push(parseFloat(getComputedStyle(element).fontSize));
        const after = getComputedStyle(element, "::after");
        if (after.content && after.content !== "none" && after.content !== "normal") sizes.push(parseFloat(after.fontSize));
    }
    const items = [...document.querySelectorAll(".gk-short .gk-materials__item")];
    const tick = document.querySelector(".gk-short .gk-materials__tick");
    const places = [...document.querySelectorAll(".gk-short .gk-place")];
    return {
        smallest: Math.min(...sizes),
        materials: items.length,
        materialsPrinted: items.filter(shown).length,
        places: places.length,
        placesPrinted: places.filter(shown).length,
        columns: Boolean(document.querySelector(".gk-short__columns")),
        notes: [...document.querySelectorAll(".gk-short__print-only")].filter(shown).map((note) => note.textContent),
        tick: tick ? tick.getBoundingClientRect().height : null,
    };
}"""


async def _print_all(pages: list[Path]) -> dict[Path, dict]:
    printed = {}
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page(viewport={"width": 718, "height": 1047})
            for path in pages:
                await page.goto(path.as_uri())
                await page.emulate_media(media="print")
                facts = await page.evaluate(FACTS)
                pdf = PdfReader(io.BytesIO(await page.pdf(format="A4")))
                facts["sheets"] = len(pdf.pages)
                facts["size"] = [float(side) for side in pdf.pages[0].mediabox[2:]]
                facts["text"] = _plain("".join(sheet.extract_text() for sheet in pdf.pages))
                await page.emulate_media(media="screen")
                facts["shownOnScreen"] = await page.evaluate(
                    "() => [...document.querySelectorAll('.gk-short .gk-materials__item')]"
                    ".filter((item) => item.checkVisibility()).length"
                )
                printed[path] = facts
        finally:
            await browser.close()
    return printed


def _plain(text: str) -> str:
    """PDF fonts map some characters to compatibility forms (⾝ for 身); NFKC folds them back, and
    spaces go."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _site(source: Path) -> Path:
    (source / "guidekit.toml").write_text(f'gallery = false\nbase_url = "{BASE_URL}"\n', "utf-8")
    out = source.parent / "site"
    result = build(source, out, check=False, cache=False)
    assert result.published, [finding for finding in result.findings if finding.blocking]
    return out


def _short_pages(out: Path, rels: list[str]) -> list[Path]:
    return [out / (theme.prefix + short_page_path(rel)) for rel in rels for theme in THEMES]


@pytest.fixture(scope="module")
def sample_sheets(tmp_path_factory) -> dict[Path, dict]:
    source = tmp_path_factory.mktemp("short-print") / "guides"
    shutil.copytree(GUIDES, source)
    rels = sorted(path.relative_to(source).as_posix() for path in source.glob("*/*.md"))
    assert len(rels) >= 7
    return asyncio.run(_print_all(_short_pages(_site(source), rels)))


def test_every_sample_guides_short_page_prints_on_one_a4_sheet_at_large_type(sample_sheets):
    for page, facts in sample_sheets.items():
        assert facts["sheets"] == 1, (page, facts["notes"])
        assert facts["size"] == pytest.approx([595.3, 841.9], abs=2), page  # A4 in points
        assert facts["smallest"] >= LARGE_TYPE_PX, page
        assert facts["materialsPrinted"] >= 1 and facts["placesPrinted"] >= 1, page
        # a box a pen can tick (an outside audit measured 13 px, 3.4 mm, beside 24 px text)
        assert facts["tick"] >= LARGE_TYPE_PX, page


def test_the_sheet_names_the_full_guide_and_what_it_leaves_off(sample_sheets):
    for page, facts in sample_sheets.items():
        full_guide = page.name.replace(".short.html", ".html")
        assert full_guide in facts["text"], page
        # a sheet kept in a drawer for months says how old its facts are
        assert re.search(r"(最后核对日期|最後核對日期|Lastchecked)20\d\d", facts["text"]), page
        left_out = facts["materials"] - facts["materialsPrinted"]
        assert facts["shownOnScreen"] == facts["materials"], "the screen shows every material"
        if left_out:
            assert any(str(left_out) in note for note in facts["notes"]), (page, facts["notes"])
        if facts["placesPrinted"] < facts["places"]:
            assert len(facts["notes"]) >= 1, page


MANY_MATERIALS = """\
---
title: 申请设立民办非企业单位登记
summary: 要设立民办学校、养老机构等民办非企业单位的，带齐材料到民政窗口申请登记。
lang: zh-Hans
time_limit: 20 个工作日
fees: 不收费
visits: 2
materials:
{materials}
places:
{places}
consult: {{phone: "12345", hours: 工作日 9:00—17:00}}
---
"""

MANY_ENGLISH = """\
---
title: Register a private non-enterprise organisation such as a private school or care home
summary: Bring every document on the list to the civil affairs counter.
lang: en
time_limit: 20 working days after your application is accepted at the counter
fees: Free
visits: 2
materials:
{materials}
places:
{places}
consult: {{phone: "12345", hours: Working days 9:00–17:00}}
---
"""


# everyday documents: short names that two columns hold on one line each, one column not at all
SIXTEEN = (
    "居民身份证",
    "户口簿",
    "结婚证",
    "不动产权证书",
    "近期白底照片",
    "申请表",
    "收入证明",
    "银行卡",
    "社会保障卡",
    "无犯罪记录证明",
    "学历证书",
    "体检报告",
    "劳动合同",
    "租房合同",
    "出生医学证明",
    "营业执照",
)


def _many(template: str, materials: int, places: int, lang: str) -> str:
    if lang == "en":
        material = (
            "  - {{name: Signed statement number {n} from the organisation's founding members, "
            "form: original, copies: 2, note: Ask the counter for the template if you have none"
            "{required}}}"
        )
        place = (
            "  - {{name: Civil Affairs Service Counter number {n}, address: {n} Renmin Road, "
            "Qingchuan, hours: Monday to Friday 9:00–17:00, holidays: Closed on public holidays, "
            'phone: "0571-8800 61{n:02d}"}}'
        )
        conditional = ", required: conditional, condition: The organisation runs a school"
    else:
        material = (
            "  - {{name: 第 {n} 份发起人签字的章程和承诺书, form: 原件和复印件, copies: 2, "
            "note: 没有模板的可以到窗口领取{required}}}"
        )
        place = (
            "  - {{name: 青川市民政局第 {n} 服务窗口, address: 青川市人民路 {n} 号, "
            "hours: 周一至周五 9:00—17:00, holidays: 法定节假日不办公, "
            'phone: "0571-8800 61{n:02d}"}}'
        )
        conditional = ", required: 视情况, condition: 办的是民办学校时"
    return template.format(
        materials="\n".join(
            material.format(n=n, required=conditional if n % 3 == 0 else "")
            for n in range(1, materials + 1)
        ),
        places="\n".join(place.format(n=n) for n in range(1, places + 1)),
    )


NOTICE = """
::: notification-banner 春节放假
2 月 10 日至 17 日民政窗口不办公，这几天交来的材料 2 月 18 日起按顺序办理。急着办的，请先打电话问一问。
:::
"""


@pytest.fixture(scope="module")
def crowded_sheets(tmp_path_factory) -> dict[str, dict]:
    source = tmp_path_factory.mktemp("short-print-crowded") / "guides"
    guides = {
        "zh-Hans/sixteen.md": MANY_MATERIALS.format(
            materials="\n".join(f"  - {{name: {name}, form: 原件, copies: 1}}" for name in SIXTEEN),
            places="  - {name: 青川市民政局服务窗口, address: 青川市人民路 1 号, phone: '12345'}",
        ).replace("title: 申请设立", "title: 申请变更", 1),  # a title of its own beside forty's
        "zh-Hans/forty.md": _many(MANY_MATERIALS, 40, 6, "zh-Hans"),
        "en/thirty.md": _many(MANY_ENGLISH, 30, 5, "en"),
        "zh-Hans/forty-closed.md": _many(MANY_MATERIALS, 40, 6, "zh-Hans").replace(
            "title: 申请设立", "title: 节日期间申请设立", 1
        )
        + NOTICE,
    }
    for rel, text in guides.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, "utf-8")
    out = _site(source)
    printed = asyncio.run(_print_all(_short_pages(out, list(guides))))
    return {page.relative_to(out).as_posix(): facts for page, facts in printed.items()}


def test_a_guide_with_very_many_materials_still_prints_on_one_sheet_and_says_what_is_left_off(
    crowded_sheets,
):
    for page, facts in crowded_sheets.items():
        assert facts["sheets"] == 1, (page, facts["notes"])
        assert facts["smallest"] >= LARGE_TYPE_PX, page  # never smaller than large type
        assert facts["materialsPrinted"] >= 1 and facts["placesPrinted"] == 1, page
        assert facts["shownOnScreen"] == facts["materials"], "the screen shows every material"
    forty = crowded_sheets["zh-Hans/forty.short.html"]
    left_out = forty["materials"] - forty["materialsPrinted"]
    assert forty["materials"] == 40 and left_out > 0
    assert forty["notes"][0] == f"另有 {left_out} 样材料没有印出，见完整指南。"
    assert forty["notes"][1] == "另有 5 个办理地点没有印出，见完整指南。"
    # 见 comes out of the PDF as the radical ⻅, which no normalisation folds: check around it
    assert f"另有{left_out}样材料没有印出" in forty["text"]
    english = crowded_sheets["en/thirty.short.html"]
    left_out = english["materials"] - english["materialsPrinted"]
    assert english["notes"][0] == f"{left_out} more documents: see the full guide."


def test_sixteen_short_materials_print_whole_in_two_columns(crowded_sheets):
    for theme in THEMES:
        sixteen = crowded_sheets[f"{theme.prefix}zh-Hans/sixteen.short.html"]
        assert sixteen["materialsPrinted"] == sixteen["materials"] == 16 and not sixteen["notes"]
        assert sixteen["columns"] and sixteen["sheets"] == 1


def test_a_notice_the_guide_opens_with_prints_on_the_sheet_which_makes_room_for_it(crowded_sheets):
    """A counter closed for a holiday matters most to whoever prints the sheet to take along."""
    plain, closed = (
        crowded_sheets[f"zh-Hans/{name}.short.html"] for name in ("forty", "forty-closed")
    )
    assert closed["sheets"] == 1, closed["notes"]
    assert "春节放假" in closed["text"] and "2月10日至17日" in closed["text"]
    assert closed["materialsPrinted"] < plain["materialsPrinted"]
