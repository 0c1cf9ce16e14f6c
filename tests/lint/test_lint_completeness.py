"""Completeness of a 办事指南: what a reader needs before going, stated plainly."""

from __future__ import annotations

from lint_helpers import by_rule, line_of, lint_folder, located, write_guide

from guidekit.findings import Severity

DATES = "last_reviewed: 2026-10-01\nreview_by: 2027-04-01\n"


def guide(front_matter: str, body: str = "带上身份证去办。\n") -> str:
    return (
        f"---\ntitle: 办理某证\nsummary: 带身份证去窗口办。\nlang: "
        f"zh-Hans\n{front_matter}{DATES}---\n\n{body}"
    )


def test_a_service_guide_missing_every_field_names_each(tmp_path):
    write_guide(tmp_path, "zh-Hans/a.md", guide("steps: [{title: 去窗口}]\n"))
    findings = by_rule(lint_folder(tmp_path).findings, "missing-field")
    assert all(finding.severity is Severity.WARNING and finding.line == 1 for finding in findings)
    named = [finding.message.split("没有写")[1].split("。")[0] for finding in findings]
    assert named == [
        "谁可以办（audience）",
        "要带什么（materials）",
        "去哪里办或怎么在网上办（places 或 online）",
        "要多久（time_limit）",
        "收不收费、收多少（fees）",
        "有问题打哪个电话（consult 里的 phone）",
        "是当场办完还是要等（item_kind：即办件 或 承诺件）",
    ]
    assert findings[4].suggestion == "在开头的信息块里加上 fees。"


def test_online_only_service_and_information_pages(tmp_path):
    write_guide(
        tmp_path,
        "zh-Hans/online.md",
        guide(
            "audience: [居民]\nmaterials: [{name: 身份证}]\ntime_limit: 3 个工作日\nfees: 不收费\n"
            "item_kind: 承诺件\n"
            'online: {url: "https://example.gov.cn/a"}\nconsult: {phone: "12345"}\n'
        ),
    )
    write_guide(tmp_path, "zh-Hans/about.md", guide("", body="这一页介绍政务服务中心。\n"))
    assert lint_folder(tmp_path).findings == []


def test_unclear_fees_time_limits_and_holiday_hours(tmp_path):
    path = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        guide(
            "audience: [居民]\nmaterials: [{name: 身份证}]\ntime_limit: 15\nfees: 无\n"
            "item_kind: 承诺件\n"
            "places:\n  - {name: 东城服务站, hours: 周一至周五 9:00—17:00}\n"
            "  - {name: 西城服务站, hours: 每天 9:00—17:00，节假日照常}\n"
            'consult: {phone: "12345"}\n'
        ),
    )
    findings = lint_folder(tmp_path).findings
    assert located(findings, "fee-unclear") == {
        (line_of(path, "fees:"), "不收费就写“不收费”；收费就写明收什么、多少钱。")
    }
    assert "“无”" in by_rule(findings, "fee-unclear")[0].message
    assert located(findings, "time-limit-unit") == {
        (line_of(path, "time_limit:"), "写明数字和单位，例如“15 个工作日”或“当场办好”。")
    }
    (hours,) = by_rule(findings, "holiday-hours")
    assert hours.line == line_of(path, "东城服务站") and "东城服务站" in hours.message
    assert by_rule(findings, "missing-field") == []


def test_blank_fee_and_vague_time_limit(tmp_path):
    path = write_guide(
        tmp_path,
        "zh-Hans/a.md",
        guide(
            "audience: [居民]\nmaterials: [{name: 身份证}]\ntime_limit: 按规定时间\nfees:\n"
            "item_kind: 承诺件\n"
            'online: {url: "https://example.gov.cn/a"}\nconsult: {phone: "12345"}\n'
        ),
    )
    findings = lint_folder(tmp_path).findings
    assert {f.line for f in by_rule(findings, "fee-unclear")} == {line_of(path, "fees:")}
    assert {f.line for f in by_rule(findings, "time-limit-unit")} == {line_of(path, "time_limit:")}
    assert by_rule(findings, "missing-field") == []


def test_a_fee_and_time_limit_left_empty_are_told_they_are_not_written_yet(tmp_path):
    """guidekit new leaves them empty: they were told 办理时间“”没有写清单位 and 收费写成了“”,
    quoting nothing (an outside editor's audit)."""
    service = "materials: [{name: 身份证}]\nitem_kind: 承诺件\n"
    path = write_guide(tmp_path, "zh-Hans/a.md", guide(service + "time_limit:\nfees: ''\n"))
    findings = lint_folder(tmp_path).findings
    assert [(f.line, f.message) for f in by_rule(findings, "fee-unclear")] == [
        (
            line_of(path, "fees:"),
            "收费还没有写，读者不知道是不收费，还是忘了写。 建议：不收费就写“不收费”；收费就写明收什么、多少钱。",
        )
    ]
    assert [(f.line, f.message) for f in by_rule(findings, "time-limit-unit")] == [
        (
            line_of(path, "time_limit:"),
            "办理时间还没有写，读者不知道要等多久。 建议：写明数字和单位，例如“15 个工作日”或“当场办好”。",
        )
    ]


def test_a_time_limit_counted_in_chinese_numerals_says_its_unit(tmp_path):
    """十五工作日 was told it had no unit (an outside editor's walkthrough); 一般要等 still has none."""
    for name, written in (("a", "十五工作日"), ("b", "两个月"), ("c", "一般要等")):
        write_guide(tmp_path, f"zh-Hans/{name}.md", guide(f"time_limit: {written}\n"))
    findings = lint_folder(tmp_path).findings
    assert {f.file for f in by_rule(findings, "time-limit-unit")} == {"zh-Hans/c.md"}


def test_a_fee_written_as_a_bare_number_asks_for_its_unit(tmp_path):
    """fees: 20 was shown as 收费 20, and an item's amount as 工本费：20 (an outside editor's
    walkthrough)."""
    write_guide(tmp_path, "zh-Hans/a.md", guide("fees: 20\n"))
    write_guide(tmp_path, "zh-Hans/b.md", guide("fees:\n  - {item: 工本费, amount: '２０'}\n"))
    write_guide(tmp_path, "zh-Hans/c.md", guide("fees: 每次 10 元\n"))
    write_guide(tmp_path, "zh-Hans/d.md", guide("fees: 二十\n"))  # as 实施清单 records write it
    write_guide(tmp_path, "zh-Hans/e.md", guide("fees: 二十元\n"))
    found = by_rule(lint_folder(tmp_path).findings, "fee-unit")
    assert {(f.file, f.suggestion) for f in found} == {
        ("zh-Hans/a.md", "写上单位，例如 20 元。"),
        ("zh-Hans/b.md", "写上单位，例如 ２０ 元。"),
        ("zh-Hans/d.md", "写上单位，例如 二十 元。"),
    }


def test_fee_items_and_english_units(tmp_path):
    path = write_guide(
        tmp_path,
        "en/a.md",
        """
        ---
        title: Get a copy
        summary: Ask at the counter for a copy.
        lang: en
        audience: [Anyone]
        materials: [{name: ID card}]
        time_limit: 2 working days, or while you wait at the counter
        item_kind: promised
        fees:
          - {item: First copy, amount: "N/A"}
          - {item: Later copies, amount: 5 yuan each}
        places: [{name: Main hall, hours: Monday to Friday 9:00–17:00, holidays: Closed on public holidays}]
        consult: {phone: "12345"}
        last_reviewed: 2026-10-01
        review_by: 2027-04-01
        ---

        Ask at the counter.
        """,
    )
    findings = lint_folder(tmp_path).findings
    assert [(f.rule, f.line) for f in findings] == [
        ("lint:fee-unclear", line_of(path, "First copy"))
    ]
    assert findings[0].suggestion.startswith('write "Free" when it is free')
