"""What the linter reads: the reader-facing text of one guide, every piece tied to its source line.

Body text comes from the same markdown-it parser the build uses (code, raw HTML and link targets
are not prose; bare URLs are blanked out). Front-matter text and lines are the ones load read
(``SourceGuide.front_matter``), so a finding in ``summary`` or a step points at that field's line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from markdown_it.token import Token

from ..guide.parse import CONTAINER, component_call, read_tokens
from ..han import BASIC_HAN
from ..source.content_model import field_path
from ..source.load import SourceGuide

# Fields that hold codes, numbers, addresses of other systems or the titles of laws: not prose to
# simplify.
NOT_PROSE = frozenset(
    {
        "lang",
        "translation_key",
        "url",
        "phone",
        "number",
        "legal_basis",
        "last_reviewed",
        "review_by",
        "form",
        "copies",
        "visits",
        # the national 实施清单 elements that are codes, choices, numbers or files, not sentences
        "item_codes",
        "item_kind",
        "legal_time_limit",
        "promised_time_limit",
        "unit",
        "required",
        "blank_form",
        "sample",
        "delivery",
        "fee_basis",
    }
)
# Official names of departments, offices and hotlines: the editor cannot reword them.
PROPER_NAMES = frozenset(
    {
        ("owner",),
        ("places", "name"),
        ("consult", "name"),
        ("complaints", "name"),
        ("result", "name"),
    }
)
# An address is searched for from the start of a word only, and a scheme is short: searched for from
# every letter of a long word or a long line of Chinese (\w), the search ran to its end each time,
# and a 100 KB line took most of a minute.
_URL = re.compile(
    r"(?:[a-z][a-z0-9+.\-]{0,31}://|www\.|mailto:)[\x21-\x7e]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r".+?(?:[。！？；]+[”」』）)]*|[.!?;]+[\"”’')]*(?=\s|$)|$)", re.DOTALL)
_ENGLISH_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|No|e\.g|i\.e|vs)\.$", re.IGNORECASE)
_CJK_UNIT = re.compile(f"[{BASIC_HAN}]|[A-Za-z0-9]+")
_ENGLISH_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
# Bodies whose prose is kept: more than any one build reads, so the linter's reading serves the
# search index.
_REMEMBERED_BODIES = 20_000


@dataclass(frozen=True)
class Passage:
    """One run of prose: a paragraph, list item, table cell, heading, component title or
    front-matter value."""

    text: str
    line: int  # source line of text[0]
    breaks: tuple[int, ...] = ()  # offsets in text where the next source line begins
    in_body: bool = True

    def line_at(self, offset: int) -> int:
        return self.line + bisect_right(self.breaks, offset)


@dataclass(frozen=True)
class Sentence:
    text: str
    passage: Passage
    start: int

    @property
    def line(self) -> int:
        return self.passage.line_at(self.start)


@dataclass(frozen=True)
class GuideText:
    guide: SourceGuide
    passages: tuple[Passage, ...]

    def field_line(self, *path: str | int) -> int:
        return self.guide.front_matter.places.lines.get(path, 1)

    def has_field(self, name: str) -> bool:
        return self.guide.front_matter.has(name)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentence for passage in self.passages for sentence in split_sentences(passage))

    @cached_property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(sentence for sentence in self.sentences if sentence.passage.in_body)

    def full_text(self) -> str:
        return "\n".join(passage.text for passage in self.passages)


def read_guide_text(guide: SourceGuide, body: tuple[Passage, ...] | None = None) -> GuideText:
    """``body``: the body's passages, when the caller has read them (``body_passages``)."""
    passages = [
        Passage(text, line, in_body=False)
        for path, line, text in guide.front_matter.texts
        if _is_prose(path)
    ]
    passages += body if body is not None else body_passages(guide)
    return GuideText(guide, tuple(passages))


def split_sentences(passage: Passage) -> Iterator[Sentence]:
    pending_start: int | None = None
    for match in _SENTENCE.finditer(passage.text):
        start = match.start() if pending_start is None else pending_start
        if _ENGLISH_ABBREVIATION.search(match.group().rstrip()) and match.end() < len(passage.text):
            pending_start = start
            continue
        pending_start = None
        raw = passage.text[start : match.end()]
        text = raw.strip()
        if _CJK_UNIT.search(text):
            yield Sentence(text, passage, start + len(raw) - len(raw.lstrip()))


def chinese_length(text: str) -> int:
    """Characters a reader reads: each Chinese character, and each number or Latin word as one."""
    return len(_CJK_UNIT.findall(text))


def english_words(text: str) -> list[str]:
    return _ENGLISH_WORD.findall(text)


def excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def body_passages(guide: SourceGuide, tokens: list[Token] | None = None) -> tuple[Passage, ...]:
    """The prose of the guide's body (paragraphs, list items, cells, headings, component titles).
    ``tokens``: ``read_tokens(guide.body)``, when the caller has them."""
    if tokens is not None:
        return _passages(tokens, guide.body_line)
    return _body_passages(guide.body, guide.body_line)


@lru_cache(maxsize=_REMEMBERED_BODIES)
def _body_passages(body: str, body_line: int) -> tuple[Passage, ...]:
    return _passages(read_tokens(body), body_line)


def _passages(tokens: list[Token], body_line: int) -> tuple[Passage, ...]:
    passages = []
    for token in tokens:
        if token.map is None:
            continue
        line = body_line + token.map[0]
        if token.type == "inline":
            passage = _inline_passage(token, line)
            if passage.text.strip():
                passages.append(passage)
        elif token.type == f"container_{CONTAINER}_open":
            title = component_call(token).params
            if title:
                passages.append(Passage(title, line))
    return tuple(passages)


def _inline_passage(token: Token, line: int) -> Passage:
    parts: list[str] = []
    breaks: list[int] = []
    length = 0
    in_autolink = False
    for child in token.children or []:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        if child.type == "text" and not in_autolink:
            piece = child.content
        elif child.type in {"softbreak", "hardbreak"}:
            piece = "\n"
            breaks.append(length + 1)
        elif child.type == "code_inline":
            piece = " "  # code is not prose, but it still separates the words around it
        else:
            continue
        parts.append(piece)
        length += len(piece)
    text = _URL.sub(lambda match: " " * len(match.group()), "".join(parts))
    return Passage(text, line, tuple(breaks))


def _is_prose(path: tuple[str | int, ...]) -> bool:
    """Whether a front-matter text is prose: neither it nor a field it is part of holds codes or
    names."""
    names = tuple(part for part in field_path(path) if isinstance(part, str))
    return not any(
        name in NOT_PROSE or names[: depth + 1] in PROPER_NAMES for depth, name in enumerate(names)
    )
