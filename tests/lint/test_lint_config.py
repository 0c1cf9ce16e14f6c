"""Per-site lint levels and thresholds in guidekit.toml, and clear messages when they are wrong."""

from __future__ import annotations

from lint_helpers import TODAY, by_rule, lint_folder, write_guide

from guidekit.findings import Severity
from guidekit.lint.rules import DEFAULT_LEVELS, LintSettings
from guidekit.source.config import load_config

GUIDE = """
---
title: 某事
summary: 申请人予以确认。
lang: zh-Hans
last_reviewed: 2026-10-01
review_by: 2027-04-01
---

本项目的办理材料包括身份证、户口本、结婚证、房产证、收入证明、银行流水和单位出具的在职证明等材料。
"""


def test_levels_and_thresholds_come_from_guidekit_toml(tmp_path):
    write_guide(tmp_path, "zh-Hans/a.md", GUIDE)
    (tmp_path / "guidekit.toml").write_text(
        '[lint]\nlong_sentence_chars = 30\n\n[lint.rules]\nofficialese = "error"\nlong-sentence = '
        '"warning"\n'
        'long-sentence-share = "off"\n',
        "utf-8",
    )
    config, problems = load_config(tmp_path)
    assert problems == []
    findings = lint_folder(tmp_path, config.lint).findings
    assert {f.severity for f in by_rule(findings, "officialese")} == {Severity.ERROR}
    assert [f.severity for f in by_rule(findings, "long-sentence")] == [Severity.WARNING]
    assert by_rule(findings, "long-sentence-share") == []
    # with the default limit of 40 characters the 43-character sentence is only advice
    assert [f.severity for f in by_rule(lint_folder(tmp_path).findings, "long-sentence")] == [
        Severity.ADVICE
    ]


def test_defaults_refuse_only_overdue_guides_and_promises_beyond_the_law():
    settings = LintSettings()
    assert [rule for rule in DEFAULT_LEVELS if settings.severity(rule) is Severity.ERROR] == [
        "promised-longer-than-legal",
        "review-overdue",
    ]
    assert settings.grace_days == 30


def test_unknown_rule_and_bad_level_are_clear_errors(tmp_path):
    (tmp_path / "guidekit.toml").write_text('[lint.rules]\nofficialise = "warning"\n', "utf-8")
    _, (problem,) = load_config(tmp_path)
    assert (
        problem.rule == "config-invalid"
        and problem.severity is Severity.ERROR
        and problem.file == "guidekit.toml"
    )
    assert problem.line == 2 and "“lint.rules.officialise”" in problem.message
    assert "long-sentence、very-long-sentence" in problem.message

    (tmp_path / "guidekit.toml").write_text(
        '[lint]\ngrace_days = -1\n[lint.rules]\nofficialese = "loud"\n', "utf-8"
    )
    _, (days, level) = load_config(tmp_path)  # one finding per wrong option, each at its own line
    assert (days.line, level.line) == (2, 4)
    assert "lint.grace_days" in days.message and "lint.rules.officialese" in level.message
    assert "error、warning、advice、off" in level.message


def test_a_misspelt_rule_is_told_beside_a_wrong_level_and_a_wrong_threshold(tmp_path):
    """An outside editor's three mistakes were told two at a time: a wrong level hid the rule
    written under a name no rule has."""
    (tmp_path / "guidekit.toml").write_text(
        '[lint]\nlong_sentence_chars = "四十"\n[lint.rules]\nofficialese = "fatal"\n'
        'long-sentance = "off"\n',
        "utf-8",
    )
    _, findings = load_config(tmp_path)
    assert [
        (finding.line, finding.message.split("“")[1].split("”")[0]) for finding in findings
    ] == [
        (2, "lint.long_sentence_chars"),
        (4, "lint.rules.officialese"),
        (5, "lint.rules.long-sentance"),
    ]


def test_today_is_injected_not_read(tmp_path):
    write_guide(tmp_path, "zh-Hans/a.md", GUIDE)
    assert by_rule(lint_folder(tmp_path, today=TODAY).findings, "review-overdue") == []
    from datetime import date

    assert by_rule(lint_folder(tmp_path, today=date(2030, 1, 1)).findings, "review-overdue") != []
