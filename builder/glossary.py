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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it.token import Token

from .findings import Finding
from .front_matter_errors import diagnose
from .messages import LANGUAGES, error_text
from .parse import ParsedGuide

GLOSSARY_FILE = "glossary.yml"
TERM = "glossary_term"  # token type of a term's first use; token.meta["entry"] holds its Entry
_FIELDS = {"term", "explanation", "expansion", "reading", "lang"}


@dataclass(frozen=True)
class Entry:
    term: str
    explanation: str
    expansion: str | None = None
    reading: str | None = None  # pinyin, one syllable per character separated by spaces
    langs: tuple[str, ...] = LANGUAGES


def _syntax_problem(text: str, mark: yaml.Mark | None, lang: str) -> Finding:
    """The usual cause of a YAML mistake, at the line to change (as for a guide's front matter), in
    ``lang``."""
    lines = text.split("\n")
    cause = diagnose(lines, mark.line if mark else 0)
    if cause is None:
        line = (mark.line if mark else 0) + 1
        return Finding(
            rule="glossary-syntax",
            message=error_text("glossary-syntax", lang),
            file=GLOSSARY_FILE,
            line=line,
        )
    return Finding(
        rule="glossary-syntax",
        message=error_text(cause.key, lang, **cause.args),
        file=GLOSSARY_FILE,
        line=cause.line + 1,
    )


def load_glossary(source: Path, lang: str) -> tuple[list[Entry], list[Finding]]:
    """The entries of SOURCE/glossary.yml (none when there is no such file), or located problems."""
    path = source / GLOSSARY_FILE
    if not path.is_file():
        return [], []

    def problem(key: str, line: int, **args: object) -> Finding:
        return Finding(
            rule=f"glossary-{key}",
            message=error_text(f"glossary-{key}", lang, **args),
            file=GLOSSARY_FILE,
            line=line,
        )

    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [], [
            Finding(
                rule="glossary-syntax",
                message=error_text("not-utf8", lang, line=line),
                file=GLOSSARY_FILE,
                line=line,
            )
        ]
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        return [], [_syntax_problem(text, getattr(error, "problem_mark", None), lang)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [problem("not-list", root.start_mark.line + 1)]
    entries, findings = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            findings.append(problem("not-list", line))
            continue
        fields: dict[str, object] = {}
        before = len(findings)
        for key, value in node.value:
            if key.value not in _FIELDS:
                findings.append(
                    problem(
                        "field-unknown",
                        key.start_mark.line + 1,
                        field=key.value,
                        fields="、".join(sorted(_FIELDS)),
                    )
                )
            elif key.value == "lang":
                langs = (
                    [item.value for item in value.value]
                    if isinstance(value, yaml.SequenceNode)
                    else [value.value]
                )
                if not set(langs) <= set(LANGUAGES) or not all(
                    isinstance(item, str) for item in langs
                ):
                    findings.append(
                        problem(
                            "field-invalid",
                            value.start_mark.line + 1,
                            field="lang",
                            expected=" / ".join(LANGUAGES),
                        )
                    )
                fields["langs"] = tuple(langs)
            elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                findings.append(
                    problem(
                        "field-invalid",
                        value.start_mark.line + 1,
                        field=key.value,
                        expected=error_text("glossary-text", lang),
                    )
                )
            else:
                fields[key.value] = str(value.value).strip()
        present = {key.value for key, _ in node.value}
        findings.extend(
            problem("field-missing", line, field=name)
            for name in ("term", "explanation")
            if name not in present
        )
        if len(findings) == before:
            entries.append(Entry(**fields))  # type: ignore[arg-type]
    return entries, findings


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
_OPEN, _CLOSE = "（(", "）)"


def _written_beside(before: str, after: str, entry: Entry) -> bool:
    """True where an expansion after the term would repeat one already written, or split a word."""
    expansion = entry.expansion
    if not expansion:
        return False
    return (
        after[:1].isalnum()
        or (before[-1:] in _OPEN and before[:-1].endswith(expansion) and after[:1] in _CLOSE)
        or (after[:1] in _OPEN and after[1:].startswith(expansion))
    )


def _marked(
    children: list[Token], pattern: re.Pattern[str], by_term: dict[str, Entry], used: set[str]
) -> list[Token]:
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
