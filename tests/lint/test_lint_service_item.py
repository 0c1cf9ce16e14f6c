"""Completeness rules for the national 实施清单 elements: each fails on a bad guide and passes on
the good one next to it."""

from __future__ import annotations

import pytest
from lint_helpers import by_rule, line_of, lint_folder, write_guide

from guidekit.findings import Severity

COMPLETE = (
    "audience: [居民]\ntime_limit: 当场办好\nfees: 不收费\n"
    'online: {url: "https://example.gov.cn/a"}\nconsult: {phone: "12345"}\n'
    "last_reviewed: 2026-10-01\nreview_by: 2027-04-01\n"
)


def lint(tmp_path, fields: str, lang: str = "zh-Hans"):
    if "materials:" not in fields:
        fields += "materials: [{name: 身份证}]\n"
    text = (
        f"---\ntitle: 办理某证\nsummary: 带身份证去窗口办。\nlang: {lang}\n"
        f"{COMPLETE}{fields}---\n\n带上身份证去办。\n"
    )
    path = write_guide(tmp_path, f"{lang}/a.md", text)
    return path, lint_folder(tmp_path).findings


@pytest.mark.parametrize(
    ("rule", "bad", "good", "needle"),
    [
        (
            "missing-field",
            "promised_time_limit: 5 个工作日\n",
            "promised_time_limit: 5 个工作日\nitem_kind: 承诺件\n",
            None,
        ),
        (
            "material-condition",
            "item_kind: 即办件\nmaterials:\n  - name: 户口簿\n    required: 视情况\n",
            "item_kind: 即办件\nmaterials:\n  - name: 户口簿\n    required: 视情况\n"
            "    condition: 没有身份证时\n",
            "name: 户口簿",
        ),
        (
            "time-limit-unit",
            "item_kind: 承诺件\nspecial_procedures:\n  - {name: 现场核查, time: '10'}\n",
            "item_kind: 承诺件\nspecial_procedures:\n  - {name: 现场核查, time: 10 个工作日}\n",
            "现场核查",
        ),
        (
            "item-kind-immediate-time-limit",
            "item_kind: 即办件\npromised_time_limit: 5 个工作日\n",
            "item_kind: 即办件\npromised_time_limit: 即办\n",
            "promised_time_limit",
        ),
        (
            "item-kind-promised-time-limit",
            "item_kind: 承诺件\npromised_time_limit: 0 个工作日\n",
            "item_kind: 承诺件\npromised_time_limit: 3 个工作日\n",
            "promised_time_limit",
        ),
        (
            "promised-longer-than-legal",
            "item_kind: 承诺件\nlegal_time_limit: 20 个工作日\npromised_time_limit: 30 个工作日\n",
            "item_kind: 承诺件\nlegal_time_limit: 20 个工作日\npromised_time_limit: 20 个工作日\n",
            "promised_time_limit",
        ),
        (
            "promised-longer-than-legal",
            "item_kind: 承诺件\nlegal_time_limit: 20 个工作日\npromised_time_limit: 2 个月\n",
            "item_kind: 承诺件\nlegal_time_limit: 1 个月\npromised_time_limit: 20 个工作日\n",
            "promised_time_limit",
        ),
    ],
)
def test_a_rule_fails_on_the_bad_guide_and_passes_on_the_good_one(
    tmp_path, rule, bad, good, needle
):
    path, findings = lint(tmp_path / "bad", bad)
    (finding,) = by_rule(findings, rule)
    assert finding.line == (line_of(path, needle) if needle else 1)
    assert finding.suggestion and "。" in finding.message
    _, findings = lint(tmp_path / "good", good)
    assert findings == []


def test_only_a_promise_beyond_the_law_refuses_the_build(tmp_path):
    _, findings = lint(
        tmp_path,
        "item_kind: 承诺件\nlegal_time_limit: 10 个工作日\npromised_time_limit: 15 个工作日\n",
    )
    (finding,) = findings
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("承诺时限比法律规定的最长期限还长")


def test_limits_in_units_that_cannot_be_compared_for_certain_pass(tmp_path):
    # 30 calendar days may well be shorter than 25 working days: no finding without certainty
    _, findings = lint(
        tmp_path, "item_kind: 承诺件\nlegal_time_limit: 25 个工作日\npromised_time_limit: 30 天\n"
    )
    assert findings == []


def test_a_service_without_its_kind_is_told_in_english(tmp_path):
    _, findings = lint(tmp_path, "", lang="en")
    (finding,) = by_rule(findings, "missing-field")
    assert "item_kind: immediate or promised" in finding.message
    assert finding.suggestion == "add item_kind to the front matter."
