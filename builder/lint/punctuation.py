"""Marks typed with the other language's keyboard: Chinese punctuation in an English guide (a
Chinese input method left on) and English punctuation in a Chinese guide (one left off). Either way
screen readers pause in the wrong places, and a sentence's end is not seen: 。 ends no English
sentence for the reading grade, and . no Chinese one for its length."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..han import BASIC_HAN
from .report import Reporter
from .text import GuideText, excerpt

_HAN_CHARACTER = re.compile(f"[{BASIC_HAN}]")
_AROUND = 40  # characters of the text quoted before the first mark and after the last
_QUOTED = 120  # at most


@dataclass(frozen=True)
class _WrongMarks:
    rule: str
    marks: re.Pattern[str]
    wrong: Callable[[str, int], bool]  # whether the mark at this offset of a passage is one
    replacement: dict[str, str]
    tidy: Callable[[str], str]  # the spaces around the replaced marks, as the language writes them


def _report(text: GuideText, report: Reporter, kind: _WrongMarks) -> None:
    """One finding a passage, at its first wrong mark, quoting it with each wrong mark replaced."""
    for passage in text.passages:
        found = [
            match.start()
            for match in kind.marks.finditer(passage.text)
            if len(match.group()) == 1 and kind.wrong(passage.text, match.start())
        ]
        if not found:
            continue
        start, end = max(0, found[0] - _AROUND), found[-1] + _AROUND
        quoted = passage.text[start:end]
        replaced = list(quoted)
        for offset in found:
            replaced[offset - start] = kind.replacement[passage.text[offset]]
        report.add(
            kind.rule,
            passage.line_at(found[0]),
            suggestion=excerpt(kind.tidy("".join(replaced)), _QUOTED),
            excerpt=excerpt(quoted, _QUOTED),
        )


def _beside_han(text: str, at: int) -> bool:
    """A Chinese word quoted in English text keeps its own marks."""
    return bool(_HAN_CHARACTER.match(text[max(0, at - 1)])) or bool(
        _HAN_CHARACTER.match(text[at + 1 : at + 2])
    )


_ENGLISH_FORMS = {
    "，": ", ",
    "。": ". ",
    "（": " (",
    "）": ") ",
    "：": ": ",
    "；": "; ",
    "！": "! ",
    "？": "? ",
    "“": ' "',
    "”": '" ',
    "、": ", ",
}
_SPACE_BEFORE_MARK = re.compile(r" +(?=[ ,.;:!?)])| +$|^ +")
_CHINESE_MARKS = _WrongMarks(
    "chinese-punctuation",
    re.compile(f"[{''.join(_ENGLISH_FORMS)}]"),
    lambda text, at: not _beside_han(text, at),
    _ENGLISH_FORMS,
    lambda text: _SPACE_BEFORE_MARK.sub("", text),
)


def _after_han(text: str, at: int) -> bool:
    """Whether the mark at ``at`` follows Chinese text (spaces aside), or a mark that does (除外)!):
    an English word or a number before it (Social Security Card, 1,000 元, 9:00) keeps its mark."""
    before = len(text[:at].rstrip()) - 1
    if before < 0:
        return False
    if text[before] in _CHINESE_FORMS:
        return _english_mark_in_chinese(text, before)
    return bool(_HAN_CHARACTER.match(text[before])) or text[before] in "）”’》"


def _english_mark_in_chinese(text: str, at: int) -> bool:
    mark, after = text[at], text[at + 1 :].lstrip()[:1]
    if mark in "()":  # brackets around English words in a Chinese sentence are Chinese ones
        opening = text.rfind("(", 0, at) if mark == ")" else -1
        return (
            _after_han(text, at)
            or bool(_HAN_CHARACTER.match(after))
            or (opening >= 0 and _english_mark_in_chinese(text, opening))
        )
    if mark == ".":  # not a name's dot (网站.gov.cn is no sentence's end)
        return _after_han(text, at) and not (after.isascii() and after.isalnum())
    return _after_han(text, at)


_CHINESE_FORMS = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
}
_SPACE_BESIDE_CHINESE_MARK = re.compile(f" *([{''.join(_CHINESE_FORMS.values())}]) *")
_ENGLISH_MARKS = _WrongMarks(
    "english-punctuation",
    # a run of dots is an ellipsis, which has a mark of its own (……), not a sentence's end
    re.compile(r"\.{2,}|[,.:;!?()]"),
    _english_mark_in_chinese,
    _CHINESE_FORMS,
    lambda text: _SPACE_BESIDE_CHINESE_MARK.sub(r"\1", text),
)


def check_chinese_marks(text: GuideText, report: Reporter) -> None:
    """Chinese punctuation in an English guide."""
    _report(text, report, _CHINESE_MARKS)


def check_english_marks(text: GuideText, report: Reporter) -> None:
    """English punctuation in a Chinese guide."""
    _report(text, report, _ENGLISH_MARKS)
