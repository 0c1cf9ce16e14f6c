"""The national 实施清单 elements on built guide pages, in both themes, and in their JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from guidekit.build import build
from guidekit.guide.structured_data import iso_duration
from guidekit.source.content_model import TimeLimit

from .conftest import body_line, guide, write_site

FIELDS = """\
owner: 青川市公安局
item_codes: {basic: "000120009000", implementation: "11330100002482078K4000120009000"}
item_kind: 承诺件
time_limit: 15 个工作日
legal_time_limit: 20 个工作日
promised_time_limit: 15 个工作日
holidays_counted: 否
result: {name: 居住证, kind: 证照, sample: files/样本.png}
delivery: [窗口领取, 邮寄]
fees: 不收费
fee_basis: [《居住证暂行条例》]
fee_reductions: 第一次领证不收费
materials:
  - name: 居民身份证
  - name: 住处证明
    required: 视情况
    condition: 住在单位宿舍时
    blank_form: files/住处证明.pdf
    sample: https://example.gov.cn/qc/yangli.pdf
    instructions: 请单位盖章
faq:
  - question: 居住证要每年续吗？
    answer: 要，每住满一年签注一次。
special_procedures:
  - {name: 调取档案, time: 10 个工作日, counted: 否}
places: [{name: 西城派出所, address: 建设路 56 号}]
booking: 是
postal_delivery: 是
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a10000000049454e44ae426082"
)


def built(tmp_path: Path, fields: str = FIELDS) -> Path:
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": 'gallery = false\nways_in = false\nbase_url = "https://example.gov.cn/qc/"\n',
            "zh-Hans/permit.md": guide(title="办理居住证", fields=fields),
            "zh-Hans/files/住处证明.pdf": b"%PDF-1.4\n" + b"0" * 3000,
            "zh-Hans/files/样本.png": PNG,
        },
    )
    out = tmp_path / "site"
    result = build(source, out, check=False)
    assert result.published, [finding.message for finding in result.findings]
    return out


def soup(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / page).read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built(tmp_path_factory.mktemp("service-item"))


@pytest.mark.parametrize("page", ["zh-Hans/permit.html", "silver/zh-Hans/permit.html"])
def test_every_element_is_on_the_page_in_both_themes(out, page):
    html = soup(out, page)
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in html.select(".gk-key-facts dt")
    }
    assert facts["承诺多久办完"] == "15 个工作日（不算法定节假日）"
    # how long is said once: the guide's own 办理时间 said it again (an outside audit)
    assert "办理时间" not in facts
    assert facts["法律规定的最长期限"] == "20 个工作日（不算法定节假日）"
    # the catalogue's words (承诺件, 证照) are not readers' words: an outside audit heard them read
    assert facts["能不能当场办"] == "不能，受理后在承诺时间内办完"
    assert facts["还可以"] == "预约办理、快递寄送"
    (conditional,) = html.select(".gk-materials__condition")
    assert conditional.get_text() == "只在这种情况下要交：住在单位宿舍时"
    item = conditional.find_parent("li")
    assert "怎么填：请单位盖章" in item.get_text()
    blank, sample = item.select(".gk-materials__files a")
    assert blank.get_text(strip=True) == "空白表格：住处证明（PDF，3 KB）"
    copied = (out / Path(page).parent / unquote(blank["href"])).resolve()
    assert copied == (out / "zh-Hans/files/住处证明.pdf").resolve() and copied.is_file()
    assert sample["href"] == "https://example.gov.cn/qc/yangli.pdf"
    assert sample.get_text() == "填写样例：住处证明（PDF）"
    result = html.select_one("#section-result").find_parent("section")
    assert "居住证" in result.get_text() and "证照" not in result.get_text()
    assert [li.get_text() for li in result.select("li")] == ["到窗口领取", "邮寄给您"]
    assert "样本：居住证（PNG" in result.select_one(".gk-attachment").get_text()
    procedures = html.select_one("#section-special-procedures").find_parent("section")
    assert procedures.li.get_text() == "调取档案：10 个工作日、不算在办理时间内"
    fee_details = html.select_one("#section-fee-details").find_parent("section")
    assert "减免：第一次领证不收费" in fee_details.get_text()
    assert fee_details.li.get_text() == "《居住证暂行条例》"
    question = html.select_one("#section-faq").find_parent("section").select_one("details")
    assert question.summary.get_text() == "居住证要每年续吗？"
    assert question.select_one(".gk-details__text").get_text() == "要，每住满一年签注一次。"
    footer = html.select_one("footer").get_text()
    assert (
        "基本编码：000120009000" in footer and "实施编码：11330100002482078K4000120009000" in footer
    )


def test_an_english_guide_reads_its_limits_in_english(tmp_path):
    fields = (
        "item_kind: immediate\npromised_time_limit: immediate\nlegal_time_limit: 1 working day\n"
    )
    source = write_site(tmp_path / "guides", {"en/card.md": guide(lang="en", fields=fields)})
    assert build(source, tmp_path / "site", check=False).published
    facts = [dd.get_text() for dd in soup(tmp_path / "site", "en/card.html").select("dd")]
    assert "On the spot" in facts and "1 working day" in facts
    # done on the spot, said once: the promised limit says it, so the row of the item's kind is
    # left out (an outside audit read three rows of the silver page's 要点 saying the same)
    assert "Yes, when your documents are complete" not in facts


def test_the_json_ld_carries_codes_result_limits_fees_and_faq(out):
    data = json.loads(
        soup(out, "zh-Hans/permit.html").select_one('script[type="application/ld+json"]').string
    )
    assert data["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "基本编码", "value": "000120009000"},
        {
            "@type": "PropertyValue",
            "propertyID": "实施编码",
            "value": "11330100002482078K4000120009000",
        },
    ]
    assert data["serviceOutput"] == {"@type": "Permit", "name": "居住证"}
    assert [channel["processingTime"] for channel in data["availableChannel"]] == ["P21D"]
    assert data["offers"] == [
        {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "CNY",
            "description": "第一次领证不收费; 《居住证暂行条例》",
        }
    ]
    assert data["subjectOf"] == {
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "居住证要每年续吗？",
                "acceptedAnswer": {"@type": "Answer", "text": "要，每住满一年签注一次。"},
            }
        ],
    }


@pytest.mark.parametrize(
    ("value", "unit", "duration"),
    [
        (15, "working-days", "P21D"),
        (0, "working-days", "P0D"),
        (60, "calendar-days", "P60D"),
        (3, "months", "P3M"),
        (24, "hours", "PT24H"),
        (0.5, "working-days", "P1D"),
    ],
)
def test_time_limits_become_iso_8601_durations(value, unit, duration):
    assert iso_duration(TimeLimit(value=value, unit=unit)) == duration


def test_a_missing_blank_form_is_refused_at_its_front_matter_line(tmp_path):
    fields = "materials:\n  - name: 申请表\n    blank_form: files/没有这个文件.pdf\n"
    text = guide(fields=fields)
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": text})
    result = build(source, tmp_path / "site", check=False)
    assert not result.published
    (finding,) = [f for f in result.findings if f.rule == "link-missing-file"]
    assert (finding.file, finding.line) == ("zh-Hans/card.md", body_line(text, "blank_form"))
    assert "没有这个文件.pdf" in finding.message


def test_a_sample_outside_the_guides_folder_is_refused(tmp_path):
    text = guide(fields="result: {name: 证, sample: ../../secret.png}\n")
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": text})
    result = build(source, tmp_path / "site", check=False)
    assert [(f.rule, f.line) for f in result.findings if f.rule.startswith("link-")] == [
        ("link-path-outside", body_line(text, "result:"))
    ]


def test_faq_and_conditions_are_text_not_markup(tmp_path):
    fields = (
        "faq: [{question: '<b>问</b>', answer: '<script>alert(1)</script>'}]\n"
        "materials: [{name: 表, required: 视情况, condition: '<img src=x>'}]\n"
    )
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide(fields=fields)})
    assert build(source, tmp_path / "site", check=False).published
    html = soup(tmp_path / "site", "zh-Hans/card.html")
    assert html.select_one("details summary").get_text() == "<b>问</b>"
    assert html.select_one(".gk-details__text").get_text() == "<script>alert(1)</script>"
    assert not html.select("details script, .gk-materials img")


def test_a_phone_typed_in_full_width_digits_is_a_number_a_phone_can_dial(tmp_path):
    """A Chinese input method left on full width writes ０２８－１２３４５６７８ (and platforms export
    it so): the page's tel: link held those characters, which dialers do not take."""
    fields = (
        "consult: {phone: ０２８－１２３４５６７８}\n"
        "places: [{name: 东城派出所, phone: （０２８）８７６５４３２１}]\n"
    )
    source = write_site(tmp_path / "guides", {"zh-Hans/card.md": guide(fields=fields)})
    assert build(source, tmp_path / "site", check=False).published
    html = soup(tmp_path / "site", "zh-Hans/card.html")
    assert [link["href"] for link in html.select("a[href^='tel:']")] == [
        "tel:(028)87654321",
        "tel:028-12345678",
    ]
    assert html.select_one(".gk-help__phone").get_text() == "028-12345678"


def test_a_phone_with_an_extension_or_a_note_dials_the_number_and_then_the_extension(tmp_path):
    """Service listings write 0571-8821 6300 转 8001 and 12345（工作日）: the tel: link held 转 and
    the note, which no dialer takes, and the statement's dialled 123458001."""
    fields = (
        "consult: {phone: 0571-8821 6300 转 8001}\n"
        "places: [{name: 东城派出所, phone: 12345（工作日 9:00—17:00）}]\n"
    )
    source = write_site(
        tmp_path / "guides",
        {
            "guidekit.toml": 'gallery = false\nways_in = false\n[contact]\nphone = "12345 转 2"\n',
            "zh-Hans/card.md": guide(fields=fields),
        },
    )
    assert build(source, tmp_path / "site", check=False).published
    html = soup(tmp_path / "site", "zh-Hans/card.html")
    assert [link["href"] for link in html.select("a[href^='tel:']")] == [
        "tel:12345",
        "tel:0571-88216300,8001",
    ]
    assert html.select_one(".gk-help__phone").get_text() == "0571-8821 6300 转 8001"
    statement = soup(tmp_path / "site", "accessibility/zh-Hans.html")
    assert [link["href"] for link in statement.select("a[href^='tel:']")] == ["tel:12345,2"]
    # the structured data's numbers are numbers, without the note after them
    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    channels = data["availableChannel"]
    assert [channel["serviceLocation"]["telephone"] for channel in channels[:1]] == ["12345"]
    assert channels[1]["servicePhone"]["telephone"] == "0571-8821 6300 转 8001"


def test_free_in_other_words_is_said_the_sites_one_way(tmp_path):
    """fees: 免费 was shown as written beside guides saying 不收费 (an outside editor's
    walkthrough); the structured data took both as free already. An amount of nothing is free."""
    source = write_site(
        tmp_path / "guides",
        {
            "zh-Hans/card.md": guide(fields="fees: 免费\n"),
            # a county export's amount of nothing (是否收费 否, 收费标准 0元) showed 0.00元
            "zh-Hans/stamp.md": guide(fields="fees: ０.00 元\n", title="刻章"),
            "en/card.md": guide(
                lang="en",
                fields="fees: free of charge\n",
                title="Get a card",
                summary="Bring your ID.",
                body="Go.\n",
            ),
        },
    )
    assert build(source, tmp_path / "site", check=False).published
    for page, said in (
        ("zh-Hans/card.html", "不收费"),
        ("zh-Hans/card.short.html", "不收费"),
        ("zh-Hans/stamp.html", "不收费"),
        ("en/card.html", "Free"),
    ):
        facts = [dd.get_text(" ", strip=True) for dd in soup(tmp_path / "site", page).select("dd")]
        assert said in facts and "免费" not in facts, (page, facts)
