"""Habits from Word that Markdown silently restructures: ``1、`` ``（1）`` ``①`` numbered lines
(merged into one paragraph), ``一、`` ``（一）`` headings and lines set wholly in bold as headings
(plain text, the bold one run into the line under it), ``●`` ``·`` bullets, lines
indented with a tab or full-width spaces (a grey code box, or a stray indent), invisible
characters, and a table pasted without the ``| --- |`` line under its header (its rows run
together into one paragraph of bars).

Each becomes a finding that names the Markdown to write; ``guidekit lint --fix`` writes it, line by
line, only in the body and never inside fenced code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..source.load import SourceGuide
from .report import Reporter
from .text import excerpt

_CHINESE_NUMBERS = "一二三四五六七八九十"
# One quick look at the whole body: most guides have none of these habits
_ANY_HABIT = re.compile(
    rf"^(?:\s*\||[ \t\u3000]*(?:\d+[、"
    rf"．]|\d+\.(?=[^\d\s])|[（(]\d+[）)]|[\u2460-\u2473]|[{_CHINESE_NUMBERS}]+、|（[{_CHINESE_NUMBERS}]+）|[●•·▪■◆○◇])|[\t\u3000])"
    r"|[\u200b\u200c\u2060\ufeff]|^ {0,3}(?:\*\*|__)",
    re.MULTILINE,
)
_NUMBERED = re.compile(
    r"^(?P<indent> "
    r"*)(?:(?P<digits>\d+)(?:[、"
    r"．]|\.(?=[^\d\s]))|[（(](?P<bracketed>\d+)[）)]|(?P<circled>[\u2460-\u2473]))\s*(?P<text>\S.*)$"
)
_HEADING = re.compile(
    rf"^(?:(?P<top>[{_CHINESE_NUMBERS}]+)、|（(?P<sub>[{_CHINESE_NUMBERS}]+)）)\s*(?P<text>\S.*)$"
)
_BULLET = re.compile(r"^(?P<indent> *)[●•·▪■◆○◇]\s*(?P<text>\S.*)$")
# a line wholly in bold; one ending in punctuation is a lead-in ("**注意：**") or a sentence
_BOLD_LINE = re.compile(r"^ {0,3}(?:\*\*(?P<star>[^*]+)\*\*|__(?P<under>[^_]+)__)\s*$")
_NOT_A_HEADING_END = ("。", ".", "；", ";", "：", ":", "，", ",")
_HEADING_LINE = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
# ``::: name`` opens a component, a line of colons alone closes one
_COMPONENT_FENCE = re.compile(r"^ {0,3}:{3,}\s*(\S?)")
_INDENT = re.compile(r"^[\t\u3000]+")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_INVISIBLE = re.compile(r"[\u200b\u200c\u2060\ufeff]")
_TABLE_ROW = re.compile(r"^ {0,3}\|.*\|\s*$")
_HEADER_LINE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_LINES = re.compile(
    r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$"
)  # the lines load counts (not str.splitlines, which splits more)
# longer than this, or ending in a full stop, ``一、…`` is a numbered sentence, not a heading
HEADING_LIMIT = 30


@dataclass(frozen=True)
class Habit:
    rule: str  # a lint rule id
    line: int  # 1-based line of the guide file
    written: str  # the line as written
    markdown: str  # the line as Markdown would have it


def word_habits(guide: SourceGuide) -> list[Habit]:
    """Every Word habit in the body, with its rewrite; fenced code is left alone."""
    if not _ANY_HABIT.search(guide.body):
        return []
    found: list[Habit] = []
    fence: str | None = None  # the fence that opened the code block we are in
    rows: list[str] = []  # the table rows just above, outside code
    level = 1  # of the last heading above: the page's title is the first
    components = 0  # open around the line: a component lays out its own text
    for index, text in enumerate(guide.body.split("\n")):
        row = fence is None and bool(_TABLE_ROW.match(text))
        if row and len(rows) == 1 and not _HEADER_LINE.match(text):
            found.append(_header_line(rows[0], guide.body_line + index - 1))
        rows = rows + [text] if row else []
        opening = _FENCE.match(text)
        if opening and (
            fence is None
            or (
                opening[1][0] == fence[0]
                and len(opening[1]) >= len(fence)
                and not opening[2].strip()
            )
        ):
            fence = opening[1] if fence is None else None
        elif fence is None:
            heading, component = _HEADING_LINE.match(text), _COMPONENT_FENCE.match(text)
            level = len(heading[1]) if heading else level
            if component:
                components = max(0, components + (1 if component[1] else -1))
            found += _habits_of(text, guide.body_line + index, None if components else level + 1)
    return found


def report_habits(habits: list[Habit], report: Reporter) -> None:
    for habit in habits:
        # a rewrite that adds a line under the one written suggests the line it adds
        added = habit.markdown.strip().split("\n")[-1]
        report.add(
            habit.rule,
            habit.line,
            suggestion=added or report.text("indented-line-empty"),
            written=excerpt(habit.written.strip(), 30),
            markdown=excerpt(habit.markdown.strip(), 30),
        )


def _habits_of(text: str, line: int, bold_heading_level: int | None) -> Iterator[Habit]:
    """``bold_heading_level``: the level a line wholly in bold would have as a heading here; None
    where it is none (inside a component)."""
    if _INVISIBLE.search(text):
        written, text = text, _INVISIBLE.sub("", text)
        yield Habit("invisible-space", line, written, text)
    if _INDENT.match(text):
        yield Habit("indented-line", line, text, _INDENT.sub("", text))
        text = _INDENT.sub("", text)
    numbered, heading, bullet = _NUMBERED.match(text), _HEADING.match(text), _BULLET.match(text)
    if (
        heading
        and len(heading["text"]) <= HEADING_LIMIT
        and not heading["text"].endswith(("。", ".", "；", ";"))
    ):
        hashes = "##" if heading["top"] else "###"
        yield Habit("word-heading", line, text, f"{hashes} {heading['text']}")
    elif heading:
        position = _chinese_number(heading["top"] or heading["sub"])
        yield Habit("word-numbered-list", line, text, f"{position}. {heading['text']}")
    elif numbered:
        number = (
            numbered["digits"]
            or numbered["bracketed"]
            or str(ord(numbered["circled"]) - 0x2460 + 1)
        )
        yield Habit(
            "word-numbered-list",
            line,
            text,
            f"{numbered['indent']}{int(number)}. {numbered['text']}",
        )
    elif bullet:
        yield Habit("word-bullet", line, text, f"{bullet['indent']}- {bullet['text']}")
    elif bold_heading_level and (bold := _BOLD_LINE.match(text)):
        words = (bold["star"] or bold["under"]).strip()
        if words and len(words) <= HEADING_LIMIT and not words.endswith(_NOT_A_HEADING_END):
            yield Habit("bold-heading", line, text, f"{'#' * min(bold_heading_level, 6)} {words}")


def _header_line(header: str, line: int) -> Habit:
    """The header row of a table written without the line under it, rewritten with that line."""
    columns = len(header.strip().strip("|").split("|"))
    return Habit("table-header-line", line, header, header + "\n|" + " --- |" * columns)


def _chinese_number(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20, 二十三 -> 23."""
    digits = {character: value for value, character in enumerate(_CHINESE_NUMBERS, start=1)}
    if "十" not in numeral:
        return digits.get(numeral, 1)
    tens, _, ones = numeral.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def fixed_text(original: str, habits: list[Habit]) -> str:
    """``original`` (a guide file's text) with each habit's line rewritten; line endings and the
    rest kept as they are."""
    lines = _LINES.findall(original)
    last_fix: dict[int, str] = {}
    for habit in habits:  # a line with several habits: the last rewrite holds all of them
        last_fix[habit.line] = habit.markdown
    offset = 1 if lines and lines[0].startswith("\ufeff") else 0
    for line, markdown in last_fix.items():
        index = line - 1
        if 0 <= index < len(lines):
            ending = lines[index][len(lines[index].rstrip("\r\n")) :]
            # a line the rewrite adds ends as the file's lines do
            added = markdown.replace("\n", ending or "\n")
            lines[index] = ("\ufeff" if index == 0 and offset else "") + added + ending
    return "".join(lines)
