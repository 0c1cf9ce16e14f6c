"""Plain-language checks for Chinese guides (zh-Hans, and zh-Hant after conversion to Simplified).

Sentence length is counted in characters, sentences end at 。！？；. Character and word frequency
come from the 3,500 common characters (data/common_chars.txt) and jieba's dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ..han import BASIC_HAN, HAN
from .data import (
    abbreviations,
    common_characters,
    everyday_characters,
    everyday_words,
    officialese,
    to_simplified,
    to_traditional,
)
from .punctuation import check_english_marks
from .report import Reporter
from .segmenter import segmenter
from .sentences import SentenceFigures, check_sentence_length, percent
from .text import GuideText, Passage, chinese_length, excerpt

_HAN_RUN = re.compile(f"[{BASIC_HAN}]+")
_REMEMBERED_RUNS = 50_000  # segmented runs of characters kept: a few MB


@dataclass(frozen=True)
class ChineseFigures:
    sentences: SentenceFigures
    uncommon_share: float


@dataclass(frozen=True)
class SimplifiedPassage:
    """A passage and its Simplified form, character for character, so offsets work in both."""

    passage: Passage
    simplified: str

    def original(self, start: int, end: int) -> str:
        return self.passage.text[start:end]


def simplified_passages(text: GuideText, traditional: bool) -> list[SimplifiedPassage]:
    """``traditional``: the guide is written in Traditional characters (zh-Hant, or a zh-Hans guide
    written in the wrong script)."""
    return [
        SimplifiedPassage(p, to_simplified(p.text) if traditional else p.text)
        for p in text.passages
    ]


# Characters only the other script writes, as a share of a guide's Chinese characters: text in
# that script has a third or more of them; a name quoted as it is written (國泰大廈) far fewer.
_OTHER_SCRIPT_SHARE = 0.15
_OTHER_SCRIPT_MINIMUM = 3


def check_script(text: GuideText, report: Reporter) -> bool:
    """Whether a guide is written in the script its ``lang`` does not name (繁體 saved as zh-Hans,
    or the reverse), said once: screen readers would read it in the wrong voice, the silver page
    would give nearly every character a reading, and every character would be reported as rare."""
    lang = text.guide.lang
    convert = to_simplified if lang == "zh-Hans" else to_traditional
    total = other = 0
    first: tuple[Passage, int] | None = None
    for passage in text.passages:
        total += len(HAN.findall(passage.text))
        converted = convert(passage.text)
        if converted == passage.text:  # nearly every passage: no character to look at one by one
            continue
        if len(converted) != len(passage.text):  # a phrase converted to another length
            converted = "".join(convert(char) for char in passage.text)
        for offset, (char, same) in enumerate(zip(passage.text, converted, strict=True)):
            if char != same and HAN.match(char):
                other += 1
                first = first or (passage, offset)
    if first is None or other < _OTHER_SCRIPT_MINIMUM or other < total * _OTHER_SCRIPT_SHARE:
        return False
    passage, offset = first
    other_lang = "zh-Hant" if lang == "zh-Hans" else "zh-Hans"
    report.add(
        "script-mismatch",
        passage.line_at(offset),
        suggestion=report.text(
            "script-mismatch-fix",
            other=other_lang,
            declared=report.text(f"script-{lang}"),
        ),
        lang=lang,
        declared=report.text(f"script-{lang}"),
        written=report.text(f"script-{other_lang}"),
        excerpt=_around(passage.text, offset),
    )
    return lang == "zh-Hans"


def check_chinese(
    text: GuideText, report: Reporter, views: list[SimplifiedPassage]
) -> ChineseFigures:
    sentences = check_sentence_length(
        text, report, chinese_length, report.settings.long_sentence_chars
    )
    check_english_marks(text, report)
    _officialese(views, report)
    uncommon_share = _uncommon_characters(views, report)
    _rare_words(views, report)
    return ChineseFigures(sentences, uncommon_share)


def in_guide_script(report: Reporter, simplified: str) -> str:
    return to_traditional(simplified) if report.lang == "zh-Hant" else simplified


@cache
def _officialese_pattern() -> re.Pattern[str]:
    words = sorted((entry.word for entry in officialese()), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _officialese(views: list[SimplifiedPassage], report: Reporter) -> None:
    entries = {entry.word: entry for entry in officialese()}
    # a guide written in officialese uses the same few words again and again
    advice: dict[str, tuple[str, str]] = {}  # word -> (suggestion, why), in the guide's script
    pattern = _officialese_pattern()
    for view in views:
        for match in pattern.finditer(view.simplified):
            word = match.group()
            if word not in advice:
                entry = entries[word]
                advice[word] = (
                    in_guide_script(report, entry.plain),
                    report.text(f"why-{entry.kind}"),
                )
            suggestion, why = advice[word]
            report.add(
                "officialese",
                view.passage.line_at(match.start()),
                suggestion=suggestion,
                word=view.original(match.start(), match.end()),
                why=why,
            )


@cache
def _uncommon_pattern() -> re.Pattern[str]:
    return re.compile(f"(?![{''.join(sorted(common_characters()))}]){HAN.pattern}")


def _uncommon_characters(views: list[SimplifiedPassage], report: Reporter) -> float:
    seen: set[str] = set()
    body_total = body_uncommon = 0
    first_body_line = None
    for view in views:
        uncommon = list(_uncommon_pattern().finditer(view.simplified))
        if view.passage.in_body:
            body_total += len(HAN.findall(view.simplified))
            body_uncommon += len(uncommon)
            if uncommon and first_body_line is None:
                first_body_line = view.passage.line_at(uncommon[0].start())
        for match in uncommon:
            if match.group() in seen:
                continue
            seen.add(match.group())
            report.add(
                "uncommon-character",
                view.passage.line_at(match.start()),
                suggestion=report.text("uncommon-character-fix"),
                char=view.original(match.start(), match.end()),
                excerpt=_around(view.passage.text, match.start()),
            )
    share = body_uncommon / body_total if body_total else 0.0
    target = report.settings.uncommon_character_share
    if first_body_line is not None and share > target:
        report.add(
            "uncommon-character-share",
            first_body_line,
            suggestion=report.text("uncommon-character-share-fix"),
            share=percent(share),
            target=percent(target),
        )
    return share


def _rare_words(views: list[SimplifiedPassage], report: Reporter) -> None:
    """Words jieba's dictionary rarely saw. Its counts come from news text, where everyday phrases
    such as 带齐 or 陪您 are rare too; so only words that also use a less familiar character are
    reported."""
    skip = _known_words()
    threshold = report.settings.rare_word_frequency
    dictionary = segmenter()
    seen: set[str] = set()
    for view in views:
        for word, start, end in _unfamiliar_words(view.simplified):
            if word in seen or word in skip:
                continue
            frequency = dictionary.frequency(word)
            if frequency is not None and 0 < frequency <= threshold:
                seen.add(word)
                report.add(
                    "rare-word",
                    view.passage.line_at(start),
                    suggestion=report.text("rare-word-fix"),
                    word=view.original(start, end),
                )


@cache
def _known_words() -> frozenset[str]:
    """Words never reported as rare: other rules report them, or every reader knows them."""
    return frozenset(
        {entry.word for entry in officialese()} | set(abbreviations()) | everyday_words()
    )


def _unfamiliar_words(text: str) -> Iterator[tuple[str, int, int]]:
    """Words of two or more characters that use a character outside the everyday ones, with their
    offsets.

    Segmenting is the costly part, so runs of everyday characters are never segmented."""
    familiar = everyday_characters()
    for run in _HAN_RUN.finditer(text):
        if len(run.group()) < 2 or familiar.issuperset(run.group()):
            continue
        for word, start, end in _unfamiliar_in_run(run.group()):
            yield word, run.start() + start, run.start() + end


@lru_cache(maxsize=_REMEMBERED_RUNS)
def _unfamiliar_in_run(run: str) -> tuple[tuple[str, int, int], ...]:
    """One run of Chinese characters, segmented: the same clauses recur from guide to guide
    (对申请材料齐全、符合法定形式的), and a site's guides are segmented in one process."""
    familiar = everyday_characters()
    return tuple(
        (word, start, end)
        for word, start, end in segmenter().for_text(run).tokenize(run, HMM=False)
        if len(word) >= 2 and not familiar.issuperset(word)
    )


def _around(text: str, offset: int, width: int = 8) -> str:
    return excerpt(text[max(0, offset - width) : offset + width + 1], limit=2 * width + 1)
