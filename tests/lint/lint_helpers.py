"""Shared helpers for the linter tests: write real guide files, load them as a build would, lint
them."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from guidekit.findings import Finding
from guidekit.lint.guides import LintReport, lint_guides
from guidekit.lint.rules import LintSettings
from guidekit.source.load import load_guides

TODAY = dt.date(2026, 11, 22)
REPO_ROOT = Path(__file__).resolve().parents[2]


def write_guide(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


def lint_folder(
    folder: Path, settings: LintSettings | None = None, today: dt.date = TODAY
) -> LintReport:
    loaded = load_guides(folder, "zh-Hans")
    assert loaded.findings == [], [finding.message for finding in loaded.findings]
    return lint_guides(loaded.guides, settings, today=today)


def line_of(path: Path, snippet: str) -> int:
    """1-based line of the first line of ``path`` that contains ``snippet``."""
    for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if snippet in line:
            return number
    raise AssertionError(f"{snippet!r} is not in {path}")


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == f"lint:{rule}"]


def located(findings: list[Finding], rule: str) -> set[tuple[int | None, str | None]]:
    return {(finding.line, finding.suggestion) for finding in by_rule(findings, rule)}
