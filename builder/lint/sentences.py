"""Sentence length, in any language: long sentences one by one, and their share of the guide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .report import Reporter
from .text import GuideText, excerpt

# a sentence over twice the limit (80 characters, 50 words) is worth a warning, not just advice
VERY_LONG = 2


@dataclass(frozen=True)
class SentenceFigures:
    count: int
    average_length: float
    long_share: float


def check_sentence_length(
    text: GuideText, report: Reporter, length: Callable[[str], int], limit: int
) -> SentenceFigures:
    fix = report.text("long-sentence-fix")
    long_lines = []
    body_lengths = []
    for sentence in text.sentences:
        size = length(sentence.text)
        if sentence.passage.in_body:
            body_lengths.append(size)
        if size > limit:
            rule = "very-long-sentence" if size > VERY_LONG * limit else "long-sentence"
            report.add(
                rule,
                sentence.line,
                suggestion=fix,
                length=size,
                limit=limit,
                excerpt=excerpt(sentence.text),
            )
            if sentence.passage.in_body:
                long_lines.append(sentence.line)
    count = len(body_lengths)
    figures = SentenceFigures(
        count=count,
        average_length=sum(body_lengths) / count if count else 0.0,
        long_share=len(long_lines) / count if count else 0.0,
    )
    target = report.settings.long_sentence_share
    if long_lines and figures.long_share > target:
        report.add(
            "long-sentence-share",
            long_lines[0],
            suggestion=report.text("long-sentence-share-fix"),
            share=percent(figures.long_share),
            target=percent(target),
            limit=limit,
        )
    return figures


def percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.1 or share == 0 else f"{share:.1%}"
