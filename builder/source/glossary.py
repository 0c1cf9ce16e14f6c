"""The glossary: the site's hard words (``glossary.yml`` in SOURCE), read with the source (phase 1)
and marked at their first use in each guide after enrich (phase 2).

Each entry names a term, explains it, and may expand an abbreviation and give its reading (pinyin);
``lang`` limits it to guides of some languages. The first use of a term in a guide's running text
(not in headings, not inside links) becomes a ``glossary_term`` token; render turns it into a link
to the guide's word list, where the explanation is readable without JavaScript (WCAG 3.1.3, 3.1.4,
3.1.6).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints
from pydantic_core import ErrorDetails

from ..findings import Finding, Problems
from ..guide.parse import ParsedGuide
from ..han import EVERY_HAN, tone_marked
from ..messages import LANGUAGES, error_text, list_text
from .content_model import Lang
from .user_files import read_yaml, validated, yaml_syntax_problem

if TYPE_CHECKING:
    from markdown_it.token import Token

GLOSSARY_FILE = "glossary.yml"
TERM = "glossary_term"  # token type of a term's first use; token.meta["entry"] holds its Entry
_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_ANY_HAN = re.compile(f"[{EVERY_HAN}]")
# pinyin separates syllables by spaces, or by an apostrophe where the next begins with a vowel
# (xī'ān is two syllables, xiān one)
_SYLLABLE_GAPS = re.compile(r"[\s'’]+")
_ER = {"儿", "兒"}


@dataclass(frozen=True)
class Entry:
    term: str
    explanation: str
    expansion: str | None = None
    reading: str | None = None  # pinyin: a syllable per character (see ``syllables``)
    langs: tuple[str, ...] = LANGUAGES


class _WrittenEntry(BaseModel):
    """An entry as the file writes it; every value read as written (a term such as 2024 or yes
    stays text)."""

    model_config = ConfigDict(extra="forbid")

    term: _Text
    explanation: _Text
    expansion: _Text | None = None
    reading: _Text | None = None
    lang: tuple[Lang, ...] | Lang = ("zh-Hans", "zh-Hant", "en")

    def entry(self) -> Entry:
        langs = (self.lang,) if isinstance(self.lang, str) else self.lang
        return Entry(self.term, self.explanation, self.expansion, self.reading, langs)


def load_glossary(source: Path, lang: str) -> tuple[list[Entry], list[Finding]]:
    """The entries of SOURCE/glossary.yml (none when there is no such file), or located problems."""
    path = source / GLOSSARY_FILE
    if not path.is_file():
        return [], []
    problems = Problems(GLOSSARY_FILE, lang)
    syntax = Problems(GLOSSARY_FILE, lang, rule="glossary-syntax")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [], [syntax.at(line, "not-utf8", line=line)]
    try:
        # as written: every value a text, which the model checks
        document = read_yaml(text, loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        return [], [yaml_syntax_problem(error, text, 1, syntax, "glossary-syntax")]
    places = document.lines
    if document.value is None:
        return [], []
    if not isinstance(document.value, list):
        return [], [problems.at(places.line(()), "glossary-not-list")]
    entries, findings = [], []
    explained: dict[tuple[str, str], int | None] = {}  # (term, language) -> the line of its entry
    for number, written in enumerate(document.value):

        def describe(detail: ErrorDetails, number: int = number) -> Finding:
            field = str(detail["loc"][0]) if detail["loc"] else ""
            at = places.line((number, *detail["loc"][:1]))
            if not field:
                return problems.at(at, "glossary-not-list")
            if detail["type"] == "extra_forbidden":
                known = list_text(sorted(_WrittenEntry.model_fields), lang)
                return problems.at(at, "glossary-field-unknown", field=field, fields=known)
            if detail["type"] == "missing":
                return problems.at(places.line((number,)), "glossary-field-missing", field=field)
            expected = (
                " / ".join(LANGUAGES) if field == "lang" else error_text("glossary-text", lang)
            )
            # where the value starts: a list's first item
            value_line = places.line((number, field, 0))
            return problems.at(value_line, "glossary-field-invalid", field=field, expected=expected)

        entry, found = validated(_WrittenEntry, written, describe)
        if entry is not None:
            entry_line, langs = places.line((number,)), entry.entry().langs
            if entry.reading:
                at = places.line((number, "reading"))
                found += _reading_problems(entry.term, entry.reading, problems, at)
            before = [
                explained[entry.term, language]
                for language in langs
                if (entry.term, language) in explained
            ]
            if before:
                found.append(
                    problems.at(entry_line, "glossary-term-twice", term=entry.term, line=before[0])
                )
            else:
                explained.update({(entry.term, language): entry_line for language in langs})
                entries.append(entry.entry())
        # in the order written, each field once (``lang`` is checked as one language and as a
        # list), the fields left out last
        unique = {(finding.line, finding.message): finding for finding in found}
        findings += sorted(
            unique.values(), key=lambda f: (f.rule == "glossary-field-missing", f.line or 0)
        )
    return entries, findings


def _reading_problems(
    term: str, reading: str, problems: Problems, line: int | None
) -> list[Finding]:
    """A reading that is not a syllable per Han character of its term: silver pages show it over
    the word (as 注音 one converted syllable at a time), and the gate took one of three syllables
    for two characters for a phrase in English. Else one without tone marks (or with tone numbers):
    it tells the reader unsure of a character nothing, and the gate took it for English too."""
    read, characters = syllables(reading), "".join(_ANY_HAN.findall(term))
    if _reads(read, characters):
        if tone_marked(reading) and not any(char.isdigit() for char in reading):
            return []
        return [problems.at(line, "glossary-reading-tones", term=term, reading=reading)]
    return [
        problems.at(
            line,
            "glossary-reading-syllables",
            term=term,
            reading=reading,
            syllables=len(read),
            characters=len(characters),
        )
    ]


def syllables(reading: str) -> list[str]:
    """The pinyin syllables of a glossary reading, apostrophes taken as the gaps they are."""
    return [syllable for syllable in _SYLLABLE_GAPS.split(reading) if syllable]


def erhua_base(syllable: str) -> str | None:
    """The syllable without the r of a 儿 read with it (nǎr: nǎ); None for one that has no such r
    (èr and ér are 儿's own syllable)."""
    bare = "".join(
        char for char in unicodedata.normalize("NFD", syllable.lower()) if char.isascii()
    )
    return syllable[:-1] if bare.endswith("r") and bare != "er" else None


def _reads(read: Sequence[str], characters: str) -> bool:
    """Whether the syllables read the characters: one each, or a 儿 with the syllable before it
    where that syllable ends in its r (哪儿 nǎr, 一点儿 yì diǎnr), as pinyin writes erhua."""
    reached = {0}  # how many characters the syllables so far can have read
    for syllable in read:
        erhua = erhua_base(syllable) is not None
        reached = {at + 1 for at in reached if at < len(characters)} | {
            at + 2 for at in reached if erhua and characters[at + 1 : at + 2] in _ER
        }
    return len(characters) in reached


def mark_first_uses(parsed: ParsedGuide, glossary: Sequence[Entry]) -> None:
    """Turn the first use of every glossary term in the guide's running text into a TERM token.

    Every term of the guide's language is looked for, used or not, longest first: a later 社保卡
    stays one word instead of giving up its 社保 to the shorter term. A first use already written
    with its expansion beside it (医疗保险（医保）, 医保（医疗保险）) is marked EXPANDED, so render
    does not add it again; so is one inside a run of letters or characters (社保卡 with no entry of
    its own), which an expansion would split: its <abbr> title and the word list still explain it.
    """
    entries = sorted(
        (entry for entry in glossary if parsed.guide.lang in entry.langs),
        key=lambda entry: -len(entry.term),
    )
    if not entries:
        return
    pattern = re.compile("|".join(re.escape(entry.term) for entry in entries))
    by_term = {entry.term: entry for entry in entries}
    used: set[str] = set()
    for index, token in enumerate(parsed.tokens):
        if (
            token.type != "inline"
            or not token.children
            or (index and parsed.tokens[index - 1].type == "heading_open")
        ):
            continue
        token.children = _marked(token.children, pattern, by_term, used)


EXPANDED = "expanded"  # token.meta key on a TERM: its expansion is already written beside it
_OPEN = "（("
_SENTENCE_END = re.compile(r"[。！？；!?;]|\.(?:\s|$)")


def _written_beside(before: str, after: str, entry: Entry) -> bool:
    """True where an expansion after the term would repeat one already written (beside it, or in
    the same sentence: 社会保障卡也叫社保卡 was made 社会保障卡也叫社保卡（社会保障卡）), or split a
    word."""
    expansion = entry.expansion
    if not expansion:
        return False
    starts = [end.end() for end in _SENTENCE_END.finditer(before)]
    ends = _SENTENCE_END.search(after)
    sentence = before[starts[-1] if starts else 0 :] + after[: ends.start() if ends else len(after)]
    return (
        after[:1].isalnum()
        or expansion in sentence
        or (after[:1] in _OPEN and after[1:].startswith(expansion))
    )


def _marked(
    children: list[Token], pattern: re.Pattern[str], by_term: dict[str, Entry], used: set[str]
) -> list[Token]:
    from markdown_it.token import Token  # imported with the guide's parsed tokens already

    result: list[Token] = []
    in_link = 0
    for child in children:
        in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type != "text" or in_link or len(used) == len(by_term):
            result.append(child)
            continue
        text, position = child.content, 0
        for match in pattern.finditer(text):
            entry = by_term[match.group()]
            if entry.term in used:
                continue  # a later use, or a longer term holding a shorter one: plain text
            used.add(entry.term)
            if match.start() > position:
                result.append(child.copy(content=text[position : match.start()]))
            term = Token(TERM, "", 0, content=entry.term)
            term.meta["entry"] = entry
            term.meta[EXPANDED] = _written_beside(text[: match.start()], text[match.end() :], entry)
            result.append(term)
            position = match.end()
        if position < len(text):
            result.append(child.copy(content=text[position:]))
    return result
