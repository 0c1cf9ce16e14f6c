"""Freshness: review dates in the front matter, a grace period, then the build refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from lint_helpers import by_rule, line_of, lint_folder, write_guide

from guidekit.findings import Severity
from guidekit.lint.rules import LintSettings


def write(folder, dates: str):
    return write_guide(
        folder,
        "zh-Hans/a.md",
        f"---\ntitle: 某事\nsummary: 一句话。\nlang: zh-Hans\n{dates}---\n\n正文。\n",
    )


@pytest.mark.parametrize(
    ("today", "rule", "severity"),
    [
        (dt.date(2027, 4, 15), None, None),  # the review day itself is still fine
        (dt.date(2027, 4, 16), "review-due", Severity.WARNING),
        (dt.date(2027, 5, 15), "review-due", Severity.WARNING),  # the 30th day of grace
        (dt.date(2027, 5, 16), "review-overdue", Severity.ERROR),
    ],
)
def test_review_date_warning_then_error_after_grace(tmp_path, today, rule, severity):
    path = write(tmp_path, "last_reviewed: 2026-10-15\nreview_by: 2027-04-15\n")
    findings = lint_folder(tmp_path, today=today).findings
    assert [(f.rule, f.severity, f.line) for f in findings] == (
        [] if rule is None else [(f"lint:{rule}", severity, line_of(path, "review_by:"))]
    )


def test_due_message_names_the_deadline(tmp_path):
    write(tmp_path, "last_reviewed: 2026-10-15\nreview_by: 2027-04-15\n")
    (finding,) = lint_folder(tmp_path, today=dt.date(2027, 4, 20)).findings
    assert finding.message.startswith(
        "这篇指南应该在 2027-04-15 前重新核对，已经过了 5 天。到 2027-05-15 还没核对，就不能发布。"
    )


def test_grace_period_is_configurable(tmp_path):
    write(tmp_path, "last_reviewed: 2026-10-15\nreview_by: 2027-04-15\n")
    today = dt.date(2027, 4, 20)
    assert [f.rule for f in lint_folder(tmp_path, LintSettings(grace_days=0), today).findings] == [
        "lint:review-overdue"
    ]
    assert [f.rule for f in lint_folder(tmp_path, LintSettings(grace_days=10), today).findings] == [
        "lint:review-due"
    ]


def test_missing_and_impossible_review_dates(tmp_path):
    write(tmp_path, "")
    missing = lint_folder(tmp_path).findings
    assert [(f.rule, f.line) for f in missing] == [("lint:review-date-missing", 1)] * 2
    assert {"最后核对日期（last_reviewed）", "下次核对日期（review_by）"} == {
        f.message.removeprefix("没有写").split("，")[0] for f in missing
    }

    path = write(tmp_path, "last_reviewed: 2026-12-01\nreview_by: 2026-11-30\n")
    findings = lint_folder(tmp_path).findings
    assert [(f.rule, f.line) for f in by_rule(findings, "review-dates-invalid")] == [
        ("lint:review-dates-invalid", line_of(path, "last_reviewed:")),
        ("lint:review-dates-invalid", line_of(path, "review_by:")),
    ]
