"""One guide's lint (``lint_guide``) and a whole site's (``lint_guides``): located findings (rule
ids ``lint:…``) and one summary per guide with the figures editors watch over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from ..findings import Finding, sort_key
from ..source.load import SourceGuide
from .abbreviations import check_acronyms, check_chinese_abbreviations
from .chinese import check_chinese, check_script, simplified_passages
from .completeness import check_completeness
from .english import check_english
from .freshness import check_freshness
from .numbers import check_numbers
from .report import Reporter, lint_text
from .rules import LintSettings
from .sentences import percent
from .text import Passage, read_guide_text
from .word_habits import report_habits, word_habits


@dataclass(frozen=True)
class GuideSummary:
    """One guide's figures. Sentence length is in characters for Chinese guides, in words for
    English ones."""

    file: str
    lang: str
    sentences: int
    average_sentence_length: float
    long_sentence_share: float
    uncommon_character_share: float | None = None  # Chinese guides
    reading_grade: float | None = None  # English guides (Flesch-Kincaid)

    @property
    def unit(self) -> str:
        return "words" if self.lang == "en" else "characters"

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "unit": self.unit}

    def describe(self, lang: str) -> str:
        if not self.sentences:  # averages of nothing would read as a guide of empty sentences
            return lint_text("summary-no-sentences", lang, file=self.file)
        figures = {
            "file": self.file,
            "sentences": self.sentences,
            "average": f"{self.average_sentence_length:.1f}",
            "long_share": percent(self.long_sentence_share),
        }
        if self.lang == "en":
            return lint_text(
                "summary-english",
                lang,
                grade="–" if self.reading_grade is None else self.reading_grade,
                **figures,
            )
        return lint_text(
            "summary-chinese",
            lang,
            uncommon_share=percent(self.uncommon_character_share or 0.0),
            **figures,
        )


@dataclass(frozen=True)
class LintReport:
    findings: list[Finding]
    summaries: list[GuideSummary]


def lint_guides(
    guides: Iterable[SourceGuide],
    settings: LintSettings | None = None,
    *,
    today: dt.date | None = None,
) -> LintReport:
    """Lint every guide. ``today`` decides which guides are past their review date (default: the
    real today)."""
    settings = settings or LintSettings()
    today = today or dt.date.today()
    findings: list[Finding] = []
    summaries: list[GuideSummary] = []
    for guide in guides:
        guide_findings, summary = lint_guide(guide, settings, today)
        findings += guide_findings
        summaries.append(summary)
    findings.sort(key=sort_key)
    return LintReport(findings, summaries)


def lint_guide(
    guide: SourceGuide,
    settings: LintSettings,
    today: dt.date,
    body: tuple[Passage, ...] | None = None,
) -> tuple[list[Finding], GuideSummary]:
    """``body``: the body's passages, when the caller has read them (``text.body_passages``)."""
    text = read_guide_text(guide, body)
    report = Reporter(guide, settings)
    if guide.lang == "en":
        english = check_english(text, report)
        summary = GuideSummary(
            guide.rel,
            guide.lang,
            english.sentences.count,
            english.sentences.average_length,
            english.sentences.long_share,
            reading_grade=english.reading_grade,
        )
    else:
        traditional = check_script(text, report) or guide.lang == "zh-Hant"
        views = simplified_passages(text, traditional)
        chinese = check_chinese(text, report, views)
        check_chinese_abbreviations(views, report)
        summary = GuideSummary(
            guide.rel,
            guide.lang,
            chinese.sentences.count,
            chinese.sentences.average_length,
            chinese.sentences.long_share,
            uncommon_character_share=chinese.uncommon_share,
        )
    report_habits(word_habits(guide), report)
    check_acronyms(text, report)
    check_numbers(text, report)
    if not guide.salvaged:  # a guide whose front matter failed has no fields to judge
        check_completeness(text, report)
        check_freshness(text, report, today)
    return report.findings, summary
