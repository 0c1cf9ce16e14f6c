"""Numbers and dates written consistently: half-width digits, one date style, digits rather than
Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .report import Reporter
from .text import GuideText, Passage

_DIGIT = "[0-9０-９]"
# A number with any separators inside it (9：00, ２０２６．１), or a run of full-width letters.
_NUMBER = re.compile(rf"{_DIGIT}+(?:[:：.．,，]{_DIGIT}+)*|[Ａ-Ｚａ-ｚ]+")
_FULL_WIDTH_INSIDE = re.compile(r"[０-９Ａ-Ｚａ-ｚ]|(?<=[0-9０-９])[：．](?=[0-9０-９])")
# what any number-width finding holds: passages without one are not searched for numbers
_FULL_WIDTH_ANY = re.compile(r"[０-９Ａ-Ｚａ-ｚ：．]")


@dataclass(frozen=True)
class DateStyle:
    name: str
    pattern: re.Pattern[str]
    template: str
    marker: str  # a character every date of this style holds: passages without it are skipped


_D = _DIGIT
DATE_STYLES = (
    DateStyle(
        "chinese",
        re.compile(rf"({_D}{{4}})\s*年\s*({_D}{{1,2}})\s*月\s*({_D}{{1,2}})\s*[日号]"),
        "{y}年{m}月{d}日",
        "年",
    ),
    DateStyle(
        "iso",
        re.compile(rf"(?<![0-9０-９])({_D}{{4}})-({_D}{{1,2}})-({_D}{{1,2}})(?![0-9０-９])"),
        "{y}-{m:02d}-{d:02d}",
        "-",
    ),
    DateStyle(
        "slash",
        re.compile(rf"(?<![0-9０-９])({_D}{{4}})/({_D}{{1,2}})/({_D}{{1,2}})(?![0-9０-９])"),
        "{y}/{m}/{d}",
        "/",
    ),
    DateStyle(
        "dot",
        re.compile(rf"(?<![0-9０-９.])({_D}{{4}})\.({_D}{{1,2}})\.({_D}{{1,2}})(?![0-9０-９])"),
        "{y}.{m}.{d}",
        ".",
    ),
)

_YEAR = re.compile(rf"{_D}{{4}}")  # every date style starts with one

_UNIT = (
    "(?:[个個]工作日|[个個]自然日|工作日|[个個]月|[个個]?小[时時]|分[钟鐘]"
    "|天|日|元|[岁歲]|[周週]|次|份|[张張]|年)"
)
# 十五个工作日, 二十元, 一百元: a number with 十/百/千/万 before a unit of measure. Ordinals
# (第三十) and estimates (一两天, 十几天, 几十元) read naturally in words and are left alone.
_CHINESE_NUMERAL = "〇零一二三四五六七八九两兩"
_CHINESE_COUNT = re.compile(
    rf"(?<![第几幾])[{_CHINESE_NUMERAL}]*[十百千万萬][{_CHINESE_NUMERAL}十百千万萬]*{_UNIT}"
)
_DIGIT_COUNT = re.compile(rf"{_DIGIT}+\s*{_UNIT}")


def check_numbers(text: GuideText, report: Reporter) -> None:
    for passage in text.passages:
        if not _FULL_WIDTH_ANY.search(passage.text):
            continue
        for match in _NUMBER.finditer(passage.text):
            if _FULL_WIDTH_INSIDE.search(match.group()):
                report.add(
                    "number-width",
                    passage.line_at(match.start()),
                    suggestion=unicodedata.normalize("NFKC", match.group()),
                    excerpt=match.group(),
                )
    _date_styles(text, report)
    if report.lang != "en":
        _chinese_numerals(text, report)


def _date_styles(text: GuideText, report: Reporter) -> None:
    first: tuple[DateStyle, str] | None = None
    for passage, start, style, match in _dates(text.passages):
        if first is None:
            first = (style, match.group())
        elif style is not first[0]:
            year, month, day = (
                int(unicodedata.normalize("NFKC", group)) for group in match.groups()
            )
            report.add(
                "date-style",
                passage.line_at(start),
                excerpt=match.group(),
                first=first[1],
                suggestion=first[0].template.format(y=year, m=month, d=day),
            )


def _dates(passages: tuple[Passage, ...]):
    for passage in passages:
        if not _YEAR.search(passage.text):
            continue
        found = sorted(
            (match.start(), index, match)
            for index, style in enumerate(DATE_STYLES)
            if style.marker in passage.text
            for match in style.pattern.finditer(passage.text)
        )
        for start, index, match in found:
            yield passage, start, DATE_STYLES[index], match


def _chinese_numerals(text: GuideText, report: Reporter) -> None:
    if not any(_DIGIT_COUNT.search(passage.text) for passage in text.passages):
        return  # a guide that writes all its numbers in Chinese numerals is at least consistent
    fix = report.text("number-style-fix")
    for passage in text.passages:
        for match in _CHINESE_COUNT.finditer(passage.text):
            report.add(
                "number-style",
                passage.line_at(match.start()),
                suggestion=fix,
                excerpt=match.group(),
            )
