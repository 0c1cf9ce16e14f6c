"""Stage 3b, glossary: the site's hard words (``glossary.yml`` in SOURCE), marked at their first use in each guide.

Each entry names a term, explains it, and may expand an abbreviation and give its reading (pinyin);
``lang`` limits it to guides of some languages. The first use of a term in a guide's running text
(not in headings, not inside links) becomes a ``glossary_term`` token; render turns it into a link to
the guide's word list, where the explanation is readable without JavaScript (WCAG 3.1.3, 3.1.4, 3.1.6).
"""

from __future__ import annotations

import re
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
    """The usual cause of a YAML mistake, at the line to change (as for a guide's front matter), in ``lang``."""
    lines = text.split("\n")
    cause = diagnose(lines, mark.line if mark else 0)
    if cause is None:
        line = (mark.line if mark else 0) + 1
        return Finding(rule="glossary-syntax", message=error_text("glossary-syntax", lang), file=GLOSSARY_FILE, line=line)
    return Finding(rule="glossary-syntax", message=error_text(cause.key, lang, **cause.args), file=GLOSSARY_FILE, line=cause.line + 1)


def load_glossary(source: Path, lang: str) -> tuple[list[Entry], list[Finding]]:
    """The entries of SOURCE/glossary.yml (none when there is no such file), or located problems."""
    path = source / GLOSSARY_FILE
    if not path.is_file():
        return [], []

    def problem(key: str, line: int, **args: object) -> Finding:
        return Finding(rule=f"glossary-{key}", message=error_text(f"glossary-{key}", lang, **args), file=GLOSSARY_FILE, line=line)

    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [], [Finding(rule="glossary-syntax", message=error_text("not-utf8", lang, line=line), file=GLOSSARY_FILE, line=line)]
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
                findings.append(problem("field-unknown", key.start_mark.line + 1, field=key.value, fields="、".join(sorted(_FIELDS))))
            elif key.value == "lang":
                langs = [item.value for item in value.value] if isinstance(value, yaml.SequenceNode) else [value.value]
                if not set(langs) <= set(LANGUAGES) or not all(isinstance(item, str) for item in langs):
                    findings.append(problem("field-invalid", value.start_mark.line + 1, field="lang", expected=" / ".join(LANGUAGES)))
                fields["langs"] = tuple(langs)
            elif not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                findings.append(problem("field-invalid", value.start_mark.line + 1, field=key.value, expected=error_text("glossary-text", lang)))
            else:
                fields[key.value] = str(value.value).strip()
        present = {key.value for key, _ in node.value}
        findings.extend(problem("field-missing", line, field=name) for name in ("term", "explanation") if name not in present)
        if len(findings) == before:
            entries.append(Entry(**fields))  # type: ignore[arg-type]
    return entries, findings


def mark_first_uses(parsed: ParsedGuide, glossary: list[Entry]) -> None:
    """Turn the first use of every glossary term in the guide's running text into a TERM token."""
    unused = sorted((entry for entry in glossary if parsed.guide.lang in entry.langs), key=lambda entry: -len(entry.term))
    for index, token in enumerate(parsed.tokens):
        if token.type != "inline" or not token.children or (index and parsed.tokens[index - 1].type == "heading_open"):
            continue
        token.children = _marked(token.children, unused)


def _marked(children: list[Token], unused: list[Entry]) -> list[Token]:
    result: list[Token] = []
    in_link = 0
    for child in children:
        in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type != "text" or in_link or not unused:
            result.append(child)
            continue
        text = child.content
        while unused:
            pattern = re.compile("|".join(re.escape(entry.term) for entry in unused))
            match = pattern.search(text)
            if match is None:
                break
            entry = next(entry for entry in unused if entry.term == match.group())
            unused.remove(entry)
            if match.start():
                result.append(child.copy(content=text[: match.start()]))
            term = Token(TERM, "", 0, content=entry.term)
            term.meta["entry"] = entry
            result.append(term)
            text = text[match.end() :]
        if text:
            result.append(child.copy(content=text))
    return result
