"""The national 实施清单 elements of the content model (issue 22): the spellings editors write, and
located messages in the guide's language for values the model cannot take."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from guidekit.source.load import load_guide

from .conftest import body_line, guide, write_site

CJK = re.compile(r"[\u4e00-\u9fff]")

FULL = """\
item_codes: {basic: "000123456000", implementation: "11440300MB2C0000X4000123456000"}
item_kind: 承诺件
legal_time_limit: 20 个工作日
promised_time_limit: {value: 5, unit: working-days}
holidays_counted: 否
result: {name: 居住证, kind: 证照, sample: samples/居住证样本.png}
delivery: [窗口领取, 邮寄]
materials:
  - name: 居民身份证
  - name: 监护人身份证明
    required: 视情况
    condition: 申请人未满 16 周岁时
    blank_form: forms/申请表.pdf
    sample: https://example.gov.cn/样表.pdf
    instructions: 用黑色签字笔填写
fee_basis: [《居住证暂行条例》第十四条]
fee_reductions: 首次申领免费
faq:
  - question: 可以请人代办吗？
    answer: 可以，代办人带上双方身份证。
special_procedures:
  - {name: 现场核查, time: 3 个工作日, counted: 否}
booking: 是
postal_delivery: true
online_payment: false
"""


def load(tmp_path: Path, fields: str, lang: str = "zh-Hans"):
    text = guide(lang=lang, fields=fields)
    write_site(tmp_path, {"zh-Hans/card.md": text})
    return text, *load_guide(tmp_path / "zh-Hans/card.md", "zh-Hans/card.md", lang)


def test_every_new_field_loads_from_the_spellings_editors_write(tmp_path):
    _, loaded, findings = load(tmp_path, FULL)
    assert findings == []
    meta = loaded.meta
    assert meta.item_codes.basic == "000123456000"
    assert meta.item_kind == "promised"
    assert (meta.legal_time_limit.value, meta.legal_time_limit.unit) == (20, "working-days")
    assert (meta.promised_time_limit.value, meta.promised_time_limit.unit) == (5, "working-days")
    assert meta.holidays_counted is False
    assert (meta.result.name, meta.result.kind) == ("居住证", "certificate")
    assert meta.delivery == ["collect", "post"]
    assert [m.required for m in meta.materials] == ["always", "conditional"]
    assert meta.materials[1].condition == "申请人未满 16 周岁时"
    assert meta.materials[1].blank_form == "forms/申请表.pdf"
    assert meta.fee_basis == ["《居住证暂行条例》第十四条"]
    assert meta.faq[0].answer.startswith("可以")
    assert meta.special_procedures[0].counted is False
    assert (meta.booking, meta.postal_delivery, meta.online_payment) == (True, True, False)


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [
        ("20 个工作日", 20, "working-days"),
        ("二十个工作日", 20, "working-days"),
        ("20 working days", 20, "working-days"),
        ("3 個月", 3, "months"),
        ("24 小时", 24, "hours"),
        ("0.5 个工作日", 0.5, "working-days"),
        ("即办", 0, "working-days"),
        # how platforms export 即办件's limit
        ("即时办结", 0, "working-days"),
        ("即時辦結", 0, "working-days"),
        ("{value: 60, unit: 自然日}", 60, "calendar-days"),
        ("{value: 2, unit: months}", 2, "months"),
    ],
)
def test_a_time_limit_is_read_with_its_unit(tmp_path, written, value, unit):
    _, loaded, findings = load(tmp_path, f"legal_time_limit: {written}\n")
    assert findings == []
    assert (loaded.meta.legal_time_limit.value, loaded.meta.legal_time_limit.unit) == (value, unit)


@pytest.mark.parametrize(
    "written",
    ["2026-11-01", "2026/11/01", "2026/11/1", "2026.11.01", "2026年11月1日", "2026 年 11 月 1 日"],
)
def test_a_review_date_is_read_as_editors_write_dates(tmp_path, written):
    _, loaded, findings = load(tmp_path, f"last_reviewed: {written}\nreview_by: 2027年5月1日\n")
    assert findings == []
    assert (loaded.meta.last_reviewed, loaded.meta.review_by) == (
        dt.date(2026, 11, 1),
        dt.date(2027, 5, 1),
    )


@pytest.mark.parametrize("written", ["2026/02/30", "2026年13月1日", "明年"])
def test_a_date_that_is_no_date_is_located(tmp_path, written):
    text, loaded, findings = load(tmp_path, f"last_reviewed: {written}\n")
    assert loaded is None and len(findings) == 1, findings
    assert findings[0].line == body_line(text, "last_reviewed")


@pytest.mark.parametrize("written", ["20", "'20'", "{value: 20}"])
def test_a_time_limit_without_a_unit_asks_for_one_at_its_line(tmp_path, written):
    text, loaded, findings = load(tmp_path, f"promised_time_limit: {written}\n")
    assert loaded is None and len(findings) == 1
    assert findings[0].line == body_line(text, "promised_time_limit:")
    assert "缺少单位" in findings[0].message and "20 个工作日" in findings[0].message


@pytest.mark.parametrize(
    "fields",
    [
        "places:\n  - name: 政务服务中心\n    phone: 见窗口公告\n",
        "places:\n  - name: 政务服务中心\n    phone: 请拨打0571-88881100\n",
        "places:\n  - name: 政务服务中心\n    phone: 零五七一-八八八八一一零零\n",
        "consult:\n  phone: 见官网\n",
        # a year is no number to dial (the link called 2024)
        "places:\n  - name: 政务服务中心\n    phone: 2024 年起改为 12345\n",
    ],
)
def test_a_phone_without_a_number_to_dial_is_refused_at_its_line(tmp_path, fields):
    """It would be published as a tap-to-call link that calls nothing (tel:见窗口公告)."""
    text, loaded, findings = load(tmp_path, fields)
    assert loaded is None and len(findings) == 1, findings
    assert findings[0].line == body_line(text, "phone:")
    assert "没有可以拨打的号码" in findings[0].message, findings[0].message
    assert "0571-8888 1100（工作日）" in findings[0].message


@pytest.mark.parametrize(
    "phone",
    [
        "12345",
        "0571-8888 1100（工作日）",
        "(028) 8765 4321",
        "０５７１－８８８８１１００",
        "12345 转 8001",
        "0571—8888 1100（工作日）",
    ],
)
def test_a_phone_that_starts_with_its_number_is_kept(tmp_path, phone):
    _, loaded, findings = load(tmp_path, f"places:\n  - name: 中心\n    phone: '{phone}'\n")
    assert findings == [] and loaded.meta.places[0].phone
    # a dash typed between the digits dials as a hyphen: the link stopped at the dash (tel:0571)
    assert "—" not in loaded.meta.places[0].phone


def test_a_phones_note_keeps_what_it_was_written_with(tmp_path):
    """Only the number is made what a dialer takes: the note's 9:00—17:00 was shown 9:00-17:00
    (an outside tester)."""
    phone = "１２３３３ 转 2（人工服务，工作日 9:00—17:00 有人接听）"
    _, loaded, findings = load(tmp_path, f"places:\n  - name: 中心\n    phone: '{phone}'\n")
    assert findings == []
    assert loaded.meta.places[0].phone == "12333 转 2（人工服务，工作日 9:00—17:00 有人接听）"


@pytest.mark.parametrize(
    ("fields", "needle", "words"),
    [
        ("legal_time_limit: 20 weeks\n", "legal_time_limit", "不是时限"),
        ("legal_time_limit: {value: 3, unit: fortnights}\n", "unit:", "个工作日"),
        ("item_kind: 普通件\n", "item_kind", "即办件 或 承诺件"),
        ("delivery: [飞鸽传书]\n", "delivery", "窗口领取、邮寄 或 网上"),
        ("result: {name: 证, kind: 护照}\n", "result", "证照"),
        ("materials:\n  - name: 表\n    required: 也许\n", "required:", "必要 或 非必要"),
        ("materials:\n  - name: 表\n    sample: http://a.cn/x.pdf\n", "sample:", "https://"),
        ("materials:\n  - name: 表\n    blank_form: /etc/x.pdf\n", "blank_form", "指南旁边的文件"),
        ("special_procedures:\n  - name: 核查\n    counted: 大概\n", "counted", "是 或 否"),
        ("faq:\n  - question: 要多久？\n", "question", "answer"),
        ("item_codes:\n  basic: 000123456000\n", "basic:", "开头的 0 会丢掉"),
    ],
)
def test_a_wrong_value_of_a_new_field_is_located_and_said_in_chinese(
    tmp_path, fields, needle, words
):
    text, loaded, findings = load(tmp_path, fields)
    assert loaded is None and len(findings) == 1, findings
    assert findings[0].line == body_line(text, needle)
    assert words in findings[0].message
    assert findings[0].message.startswith(("字段", "缺少"))


def test_an_english_guide_gets_the_unit_message_in_english(tmp_path):
    _, _, findings = load(tmp_path, "legal_time_limit: 20\n", lang="en")
    assert "has no unit" in findings[0].message and "20 working days" in findings[0].message
    assert not CJK.search(findings[0].message)


def test_a_traditional_guide_gets_traditional_messages_and_spellings(tmp_path):
    _, loaded, findings = load(tmp_path, "item_kind: 即辦件\ndelivery: 郵寄\n", lang="zh-Hant")
    assert findings == [] and loaded.meta.item_kind == "immediate"
    _, _, findings = load(tmp_path, "item_kind: 普通\n", lang="zh-Hant")
    assert "欄位「item_kind」" in findings[0].message and "承諾件" in findings[0].message


@pytest.mark.parametrize("written", ["即时办结", "即時辦結", "当场办结"])
def test_the_words_of_an_implementation_list_for_an_immediate_item_are_understood(
    tmp_path, written
):
    """实施清单 write 即时办结 where the content model says 即办件: the importer reads both, and
    an editor who copies the record's word into front matter means the same."""
    _, loaded, findings = load(tmp_path, f"item_kind: {written}\n")
    assert findings == [] and loaded.meta.item_kind == "immediate"
