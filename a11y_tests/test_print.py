"""Printing a guide (Chromium's own print to PDF): every answer shown, link addresses and phone
numbers printed, and the materials checklist with empty tick boxes."""

from __future__ import annotations

import asyncio
import io
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.async_api import async_playwright
from pypdf import PdfReader

from guidekit.build import build
from guidekit.gate.browser import launch

GUIDE = """\
---
title: 申领社会保障卡
summary: 带身份证到网点办理，不收费。
lang: zh-Hans
materials:
  - {name: 居民身份证, form: original, copies: 1, source: 自己带}
  - {name: 近期白底彩色照片, form: original, copies: 1}
places:
  - {name: 青川市社保服务中心, address: 人民路 100 号, phone: "0571-8821 6300"}
online: {url: "https://example.gov.cn/qingchuan/shebaoka", label: 政务服务网}
consult: {phone: "12333"}
---

也可以看[申领说明](https://example.gov.cn/qingchuan/shuoming)，或打[服务热线](tel:12345)问。

## 常见问题

::: details 忘记密码怎么办？
带身份证到任一网点重置，不收费。
:::
"""


@pytest.fixture(scope="module")
def printed_themes(tmp_path_factory) -> dict:
    source = tmp_path_factory.mktemp("print") / "guides"
    source.mkdir()
    (source / "guidekit.toml").write_text(f'gallery = false\nbase_url = "{BASE_URL}"\n', "utf-8")
    (source / "card.md").write_text(GUIDE, "utf-8")
    out = source.parent / "site"
    assert build(source, out, check=False).published
    return {
        theme: asyncio.run(_print(out / path))
        for theme, path in (("standard", "card.html"), ("silver", "silver/card.html"))
    }


async def _print(page_file: Path) -> dict:
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await browser.new_page(
                viewport={"width": 718, "height": 1000}
            )  # an A4 page's printable width
            await page.goto(page_file.as_uri())
            await page.emulate_media(media="print")
            facts = await page.evaluate(
                """() => ({
                    fontSize: parseFloat(getComputedStyle(document.querySelector("main p:not([class])")).fontSize),
                    answerShown: document.querySelector(".gk-details__text").getBoundingClientRect().height > 0,
                    // characters on the first line of the start button's label (its text node before the printed URL)
                    startLabelFirstLine: (() => {
                        const label = document.querySelector(".gk-call-to-action__button").firstChild, range = document.createRange();
                        const top = (i) => { range.setStart(label, i); range.setEnd(label, i + 1); return Math.round(range.getClientRects()[0].top); };
                        let count = 0;
                        while (count < label.data.length && top(count) === top(0)) count += 1;
                        return [count, label.data.length];
                    })(),
                    ticks: [...document.querySelectorAll(".gk-materials__tick")].map((box) => ({
                        shown: box.getBoundingClientRect().width > 0 && getComputedStyle(box).visibility === "visible",
                        checked: box.checked,
                    })),
                })"""
            )
            pdf = await page.pdf(format="A4")
            await page.emulate_media(media="screen")
            await page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
            facts["openedForPrint"] = await page.evaluate(
                "() => [...document.querySelectorAll('details')].every((d) => d.open)"
            )
            await page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
            facts["closedAfterPrint"] = await page.evaluate(
                "() => [...document.querySelectorAll('details')].every((d) => !d.open)"
            )
        finally:
            await browser.close()
    facts["text"] = _plain(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    )
    return facts


def _plain(text: str) -> str:
    """PDF fonts map some characters to compatibility forms (⾝ for 身); NFKC folds them back, and
    spaces go."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


BASE_URL = "https://example.gov.cn/qingchuan"


@pytest.fixture(scope="module")
def printed(printed_themes) -> dict:
    return printed_themes["standard"]


def test_print_large_prints_the_silver_page_at_18_pt_with_its_checklist_address_phone_and_url(
    printed_themes,
):
    large, standard = printed_themes["silver"], printed_themes["standard"]
    assert (
        large["fontSize"] >= 24 > standard["fontSize"]
    )  # 18pt is 24 CSS px; the standard print is 14pt
    assert large["ticks"] == [{"shown": True, "checked": False}] * 2
    for text in ("身份证原件", "路100号", "0571-88216300", "12333", f"{BASE_URL}/silver/card.html"):
        assert _plain(text) in large["text"], text
    assert f"{BASE_URL}/card.html" in standard["text"]


def test_the_start_buttons_label_is_not_squeezed_beside_its_address_in_either_print(printed_themes):
    for theme, facts in printed_themes.items():
        count, length = facts["startLabelFirstLine"]
        assert count == length, (theme, facts["startLabelFirstLine"])


def test_printing_shows_every_answer(printed):
    assert printed["answerShown"]
    assert _plain("带身份证到任一网点重置，不收费。") in printed["text"]


def test_printing_shows_link_addresses_and_phone_numbers(printed):
    assert "(https://example.gov.cn/qingchuan/shuoming)" in printed["text"]
    assert "(https://example.gov.cn/qingchuan/shebaoka)" in printed["text"], (
        "the start button's address"
    )
    assert "0571-88216300" in printed["text"] and "12333" in printed["text"]


def test_a_phone_number_is_printed_once_and_without_tel(printed_themes):
    """Every phone link printed its address after it, "0571-8821 6300(tel:0571-88216300)": the
    number twice on the sheet a reader takes to the counter, with jargon, in 16 pt on the 18 pt
    silver print (found by an outside audit). A link whose text is no number still gets it."""
    for theme, facts in printed_themes.items():
        assert "tel:" not in facts["text"], theme
        assert facts["text"].count("88216300") == 1, (theme, facts["text"])
        assert _plain("服务热线 (12345)") in facts["text"], theme


def test_printing_shows_an_empty_tick_box_for_every_material(printed):
    assert printed["ticks"] == [{"shown": True, "checked": False}] * 2
    # 民 comes out of the PDF as the radical ⺠, which no normalisation folds: check around it
    assert "身份证原件" in printed["text"] and "近期白底彩色照片原件" in printed["text"]


def test_the_print_script_opens_answers_only_for_the_print(printed):
    """Browsers without ::details-content print closed answers shut; the script opens them, then
    closes them again."""
    assert printed["openedForPrint"] and printed["closedAfterPrint"]


def test_print_hides_the_controls_that_mean_nothing_on_paper(printed):
    for control in ("跳到正文", "长辈版", "首页›"):
        assert _plain(control) not in printed["text"]
