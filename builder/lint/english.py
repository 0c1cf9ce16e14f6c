"""Plain-language checks for English guides: sentence length in words, reading grade, words to
avoid, passive voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .data import english_hyphenator, words_to_avoid
from .punctuation import check_chinese_marks
from .report import Reporter
from .sentences import SentenceFigures, check_sentence_length
from .text import GuideText, english_words, excerpt

_BE = r"(?:am|is|are|was|were|be|been|being)"
_IRREGULAR_PARTICIPLES = (
    "born bought brought built caught chosen done drawn driven found forgotten given got gotten "
    "held hidden kept known "
    "left lost made meant met paid put read said seen sent set shown sold spent taken taught told "
    "thrown understood "
    "won worn written"
)
# Participles that mostly describe a state rather than an action somebody does to the subject.
_STATE_WORDS = {
    "closed",
    "interested",
    "married",
    "tired",
    "worried",
    "pleased",
    "surprised",
    "located",
    "based",
    "supposed",
    "used",
    "concerned",
    "qualified",
    "retired",
    "disabled",
    "self-employed",
    "employed",
}
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"(?:[^aeiouy]e|[^aeiouyl]es|[^aeiouytd]ed)$")  # make, takes, closed
_SOUNDED_LE = re.compile(r"[^aeiouy]le$")  # table, people
_PASSIVE = re.compile(
    rf"\b{_BE}\s+(?:(?:not|also|only|usually|always|often|then|now|\w+ly)\s+)?"
    rf"(\w+ed|{'|'.join(_IRREGULAR_PARTICIPLES.split())})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EnglishFigures:
    sentences: SentenceFigures
    reading_grade: float | None


def check_english(text: GuideText, report: Reporter) -> EnglishFigures:
    sentences = check_sentence_length(
        text,
        report,
        lambda sentence: len(english_words(sentence)),
        report.settings.long_sentence_words,
    )
    _words_to_avoid(text, report)
    _passive_voice(text, report)
    check_chinese_marks(text, report)
    return EnglishFigures(sentences, _reading_grade(text, report))


@cache
def _avoid_pattern() -> re.Pattern[str]:
    words = sorted((entry.word for entry in words_to_avoid()), key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words) + r")\b",
        re.IGNORECASE,
    )


def _words_to_avoid(text: GuideText, report: Reporter) -> None:
    plain = {entry.word.lower(): entry.plain for entry in words_to_avoid()}
    for passage in text.passages:
        for match in _avoid_pattern().finditer(passage.text):
            word = match.group()
            report.add(
                "word-to-avoid",
                passage.line_at(match.start()),
                suggestion=plain[" ".join(word.lower().split())],
                word=word,
            )


def _passive_voice(text: GuideText, report: Reporter) -> None:
    fix = report.text("passive-voice-fix")
    for sentence in text.sentences:
        match = _PASSIVE.search(sentence.text)
        if match and match.group(1).lower() not in _STATE_WORDS:
            report.add(
                "passive-voice",
                sentence.passage.line_at(sentence.start + match.start()),
                suggestion=fix,
                excerpt=excerpt(sentence.text),
            )


def _reading_grade(text: GuideText, report: Reporter) -> float | None:
    """Flesch-Kincaid: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. To the formula
    a sentence ends at . ! or ?, not at a semicolon, and headings or list labels of one or two words
    are not sentences; their words still count."""
    body = text.body_sentences
    words = [word.lower() for sentence in body for word in english_words(sentence.text)]
    if not words:
        return None
    sentences = max(
        1,
        sum(
            1
            for sentence in body
            if len(english_words(sentence.text)) > 2 and not sentence.text.endswith(";")
        ),
    )
    syllables = sum(map(_syllables, words))
    # below zero for a few short words: easier than the first grade is grade 0 to a reader
    grade = max(
        0.0, round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)
    )
    target = report.settings.reading_grade
    if grade > target:
        report.add(
            "reading-grade",
            body[0].line,
            suggestion=report.text("reading-grade-fix"),
            grade=grade,
            target=target,
        )
    return grade


@cache  # guides share most of their words
def _syllables(word: str) -> int:
    """Hyphenation points undercount words whose last syllable is too short to break off (ready,
    any), vowel groups overcount silent letters (make, takes): the larger of the two is nearer the
    spoken count."""
    vowel_groups = len(_VOWEL_GROUP.findall(word))
    if vowel_groups > 1 and _SILENT_ENDING.search(word) and not _SOUNDED_LE.search(word):
        vowel_groups -= 1
    return max(vowel_groups, len(english_hyphenator().positions(word)) + 1)
