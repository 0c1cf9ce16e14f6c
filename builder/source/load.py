"""Phase 1, source: read guide files, split and parse front matter, validate the content model."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, get_args

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails

from ..environment import shown_name
from ..findings import Finding, Problems, Severity
from ..han import EVERY_HAN
from ..messages import error_text, language_of, os_reason
from ..workers import shared_out
from .content_model import GuideMeta, models_in, unknown_fields
from .front_matter_errors import before_parsing
from .user_files import (
    DocPath,
    LineMap,
    read_yaml,
    validated,
    value_expected,
    yaml_syntax_problem,
)
from .yaml_loader import SAFE_LOADER

FENCE = "---"
# A Markdown section heading (## 办理流程) written above the closing fence, where YAML reads it as a
# comment; the template's own comments start with "# "
_MARKDOWN_HEADING = re.compile(r"#{2,6}\s+\S")
# The fence as a Chinese input method types it: Shift+- gives ——, full width gives －
_DASHES = frozenset("-—－–―─ー")
FRONT_MATTER_FIRST_LINE = 2  # the YAML text starts on the line after the opening fence
# Limits that keep every build finite. Real guides are 5-50 KB with two or three levels of fields.
MAX_GUIDE_BYTES = 500_000
MAX_FRONT_MATTER_DEPTH = 8
# A guide's page is named after its file (``.md`` becomes ``.html``); file systems allow 255 bytes
# a name.
MAX_GUIDE_NAME_BYTES = 200
# Line breaks, control characters and bytes that are not UTF-8 (kept by Python as lone surrogates)
# in a file name: no web address or message can carry them faithfully.
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Characters HTML forbids in a page (controls other than whitespace, and noncharacters). They are
# invisible in an editor, so the editor gets told where they are rather than a broken page.
_FORBIDDEN_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


@dataclass(frozen=True)
class FrontMatter:
    """Where a guide's front matter writes each field, read with its values: later stages (enrich,
    the linter) look lines up here instead of parsing the front matter again."""

    places: LineMap = field(
        default_factory=LineMap
    )  # a field or item -> its line in the guide file
    # every text value that is not blank, in the order written: (its field, its line, the text)
    texts: tuple[tuple[DocPath, int, str], ...] = ()

    def line(self, loc: Sequence[str | int]) -> int:
        """The line of a field (of the deepest part of ``loc`` the guide writes)."""
        return self.places.line(loc) or FRONT_MATTER_FIRST_LINE

    def has(self, *path: str | int) -> bool:
        return self.places.has(*path)


@dataclass(frozen=True)
class SourceGuide:
    path: Path  # absolute path of the Markdown file
    rel: str  # path relative to SOURCE, with forward slashes
    meta: GuideMeta
    body: str
    body_line: int  # 1-based line of the file where the body starts
    # its front matter failed: only the body is read (``salvage``), and it is never published
    salvaged: bool = False
    front_matter: FrontMatter = field(default_factory=FrontMatter)  # empty for a salvaged guide

    @property
    def lang(self) -> str:
        return self.meta.lang


@dataclass(frozen=True)
class Loaded:
    guides: list[SourceGuide]
    findings: list[Finding]
    files: int  # every guide file found, those that could not be loaded included


@dataclass(frozen=True)
class GuideFile:
    # its path: a string, as thousands of Path objects cost a rebuild that reads none of them
    location: str
    rel: str  # relative to SOURCE, with forward slashes
    linked: bool  # a symbolic link, which may point anywhere on the machine
    # a file to read: not a link to nothing, a pipe or a device, which an editor still takes for a
    # guide
    regular: bool = True

    @property
    def path(self) -> Path:
        return Path(self.location)


def discover(source: Path) -> list[GuideFile]:
    """Every guide below SOURCE, in path order; names starting with '.' or '_' are drafts and notes,
    not guides. Folders reached through a symbolic link are not entered."""
    found: list[GuideFile] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith((".", "_")):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".md") and not entry.is_dir():
                    found.append(
                        GuideFile(
                            entry.path, prefix + entry.name, entry.is_symlink(), entry.is_file()
                        )
                    )

    walk(str(source), "")
    return sorted(found, key=lambda file: file.rel.split("/"))


class LoadMemo(Protocol):
    """What a build remembers of the guides it loaded before (the build cache)."""

    def known(
        self, file: GuideFile, default_lang: str
    ) -> tuple[SourceGuide | None, list[Finding]] | None:
        """The guide as loaded last time, if its file has not changed since."""

    def loaded(
        self, file: GuideFile, default_lang: str, guide: SourceGuide | None, findings: list[Finding]
    ) -> None:
        """Remember a guide loaded now."""


def load_guides(
    source: Path, default_lang: str, memo: LoadMemo | None = None, jobs: int = 1
) -> Loaded:
    """Every guide below ``source``, in path order; the files ``memo`` does not know are read, in
    ``jobs`` worker processes when there are many."""
    root = source.resolve()
    outcomes: dict[str, tuple[SourceGuide | None, list[Finding]]] = {}
    to_read: list[GuideFile] = []
    for file in discover(source):
        bad_name = _name_problem(file.rel, default_lang)
        if bad_name is not None:
            outcomes[file.rel] = None, [bad_name]
            continue
        refused = _unreadable_kind(file, root)
        if refused is not None:
            outcomes[file.rel] = (
                None,
                [
                    Finding(
                        rule=f"content-{refused}",
                        message=error_text(refused, default_lang),
                        file=file.rel,
                        line=1,
                    )
                ],
            )
            continue
        known = memo.known(file, default_lang) if memo else None
        if known is None:
            to_read.append(file)
            outcomes[file.rel] = None, []  # keeps the path order
        else:
            outcomes[file.rel] = known
    read = shared_out(
        lambda index: load_guide(to_read[index].path, to_read[index].rel, default_lang),
        len(to_read),
        jobs,
    )
    for file, outcome in zip(to_read, read, strict=False):
        outcomes[file.rel] = outcome
        if memo:
            memo.loaded(file, default_lang, *outcome)
    return Loaded(
        [guide for guide, _ in outcomes.values() if guide is not None],
        [finding for _, findings in outcomes.values() for finding in findings],
        len(outcomes),
    )


def _unreadable_kind(file: GuideFile, root: Path) -> str | None:
    """Why a guide file is not read: a link to a file elsewhere on the machine, or no file to read
    (a link to nothing, a pipe)."""
    if file.linked and not file.path.resolve().is_relative_to(root):
        return "guide-outside"
    return None if file.regular else "guide-not-a-file"


def _name_problem(rel: str, lang: str) -> Finding | None:
    """A guide file name no page can be named after."""
    if not rel.isprintable() and _UNSAFE_NAME.search(
        rel
    ):  # isprintable: a quick no for almost every name
        return Finding(
            rule="content-guide-name",
            file=shown_name(rel),
            line=1,
            message=error_text("guide-name-unsafe", lang, name=shown_name(rel.rpartition("/")[2])),
        )
    name = rel.rpartition("/")[2]
    size = (
        len(name.encode()) if len(name) * 4 > MAX_GUIDE_NAME_BYTES else 0
    )  # at most 4 bytes a character
    if size > MAX_GUIDE_NAME_BYTES:
        return Finding(
            rule="content-guide-name",
            file=rel,
            line=1,
            message=error_text("guide-name-too-long", lang, size=size, limit=MAX_GUIDE_NAME_BYTES),
        )
    return None


_HAN_CHARACTER = re.compile(f"[{EVERY_HAN}]")


def legacy_encoding(data: bytes, lang: str) -> str | None:
    """The encoding a file that is not UTF-8 was saved in, when its bytes read as Chinese in one
    that editors' tools still save in: Windows Notepad's "Unicode" (UTF-16), GBK, Big5."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    tried = ("big5", "gb18030") if lang == "zh-Hant" else ("gb18030", "big5")
    for encoding in tried:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _HAN_CHARACTER.search(text):
            return {"gb18030": "GBK", "big5": "Big5"}[encoding]
    return None


def load_guide(path: Path, rel: str, default_lang: str) -> tuple[SourceGuide | None, list[Finding]]:
    # until its front matter is read, a guide's language is its folder's
    problems = Problems(rel, _guessed_lang("", rel, default_lang), prefix="content-")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_GUIDE_BYTES + 1)
    except OSError as error:
        return None, [problems.at(1, "unreadable", reason=os_reason(error, problems.lang))]
    if len(data) > MAX_GUIDE_BYTES:
        return None, [problems.at(1, "guide-too-large", limit=MAX_GUIDE_BYTES // 1000)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = data[: error.start].count(b"\n") + 1
        # a GBK or Big5 file still spells its lang line in ASCII
        lang = _guessed_lang(data.decode("utf-8", "replace"), rel, default_lang)
        said = replace(problems, lang=lang, rule="content-not-utf8")
        if encoding := legacy_encoding(data, lang):
            return None, [said.at(bad_line, "not-utf8-named", line=bad_line, encoding=encoding)]
        return None, [said.at(bad_line, "not-utf8", line=bad_line)]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(lines)
    forbidden = _FORBIDDEN_CHARACTER.search(text)
    if forbidden:
        line = text.count("\n", 0, forbidden.start()) + 1
        column = forbidden.start() - text.rfind("\n", 0, forbidden.start())
        return None, [
            problems.at(
                line, "invisible-character", column=column, code=f"U+{ord(forbidden.group()):04X}"
            )
        ]

    closing = (
        next((i for i, line in enumerate(lines[1:], start=1) if _fence(line)), None)
        if _fence(lines[0])
        else None
    )
    mistyped = [i for i in (0, closing) if i is not None and _fence_lookalike(lines[i])]
    if mistyped:
        return None, [
            problems.at(i + 1, "fence-lookalike", written=lines[i].strip()) for i in mistyped
        ]
    if lines[0].strip() != FENCE:
        return None, [problems.at(1, "guide-empty" if not text.strip() else "no-front-matter")]
    if closing is None:
        return None, [problems.at(1, "front-matter-unclosed")]
    yaml_text = "\n".join(lines[1:closing])

    syntax = Problems(rel, _guessed_lang(yaml_text, rel, default_lang), rule="content-yaml-syntax")
    unmeant = before_parsing(lines[1:closing])
    if unmeant:
        return None, [
            syntax.at(FRONT_MATTER_FIRST_LINE + unmeant.line, unmeant.key, **unmeant.args)
        ]
    try:
        refused = _refused_yaml_shape(yaml_text)
        if refused:
            key, at, args = refused
            return None, [problems.at(FRONT_MATTER_FIRST_LINE + at, key, **args)]
        document = read_yaml(yaml_text, FRONT_MATTER_FIRST_LINE)
    except yaml.MarkedYAMLError as error:
        return None, [
            yaml_syntax_problem(error, yaml_text, FRONT_MATTER_FIRST_LINE, syntax, "yaml-syntax")
        ]
    except ValueError:
        return None, [syntax.at(FRONT_MATTER_FIRST_LINE, "yaml-number-too-long")]
    fields = document.value
    if not isinstance(fields, dict):
        return None, [problems.at(FRONT_MATTER_FIRST_LINE, "front-matter-not-mapping")]

    lang = _editors_language(fields.get("lang"), fields.get("title"), rel, default_lang)
    problems = replace(problems, lang=lang)
    front_matter = FrontMatter(document.lines, document.texts)

    escaped = next(_forbidden_characters(fields), None)  # written as an escape such as "\x1F"
    if escaped:
        loc, character = escaped
        return None, [
            problems.at(
                front_matter.line(loc),
                "invisible-character-field",
                field=_field_name(loc, lang),
                code=f"U+{ord(character):04X}",
            )
        ]

    # each said at its own line; the fields around it are still read and checked
    unreadable = {
        path: syntax.at(line, "yaml-date-impossible" if date else "yaml-number-too-long")
        for path, line, date in document.refused
    }
    described: dict[str, Finding] = {}
    missing = replace(problems, rule="content-field-missing")
    unknown_locs = unknown_fields(fields)
    # "summery: …" is where summary is missing: the line to mend, not the title's
    misspelt = {loc[:-1] + (close,): loc for loc, close in unknown_locs if close}
    explained: set[tuple[str | int, ...]] = set()  # the misspellings a missing field's error names

    def describe(detail: ErrorDetails) -> Finding | None:
        if any(detail["loc"][: len(path)] == path for path in unreadable):
            return None
        loc = tuple(part for part in detail["loc"] if isinstance(part, int) or part in _FIELD_NAMES)
        name = _field_name(loc, lang)
        if name in described:  # a union (e.g. fees) reports once per alternative
            return None
        if detail["type"] == "missing" and loc in misspelt:
            written = misspelt[loc]
            explained.add(written)
            found = missing.at(
                front_matter.line(written),
                "field-missing-misspelt",
                field=name,
                written=written[-1],
                name=loc[-1],
            )
        elif detail["type"] == "missing":
            key = "field-missing" if len(loc) == 1 else "field-missing-in-part"
            found = missing.at(front_matter.line(loc), key, field=name, name=loc[-1])
        else:
            found = problems.at(
                front_matter.line(loc),
                "field-invalid",
                field=name,
                expected=_guide_expected_text(detail, lang),
            )
        described[name] = found
        return found

    meta, _ = validated(GuideMeta, fields, describe)
    # said also when the guide fails, so that one pass mends every line
    unknown = replace(problems, severity=Severity.WARNING, rule="content-field-unknown")
    misplaced = replace(unknown, rule="content-front-matter-heading")
    warnings = [
        unknown.at(
            front_matter.line(loc),
            "field-unknown-close" if close else "field-unknown",
            field=_field_name(loc, lang),
            close=close,
        )
        for loc, close in unknown_locs
        if loc not in explained
    ] + [
        misplaced.at(
            FRONT_MATTER_FIRST_LINE + index,
            "front-matter-heading",
            heading=line.strip(),
            fence=closing + 1,
        )
        for index, line in enumerate(lines[1:closing])
        if _MARKDOWN_HEADING.match(line)
    ]
    if meta is None or unreadable:
        # of a union's alternatives (fees: text, or a list of fees), the one the value has the
        # shape of says what is wrong inside it; the others only that it is not theirs
        return None, [*unreadable.values()] + [
            finding
            for name, finding in described.items()
            if not any(other.startswith(f"{name} → ") for other in described)
        ] + warnings

    body = "\n".join(lines[closing + 1 :])
    guide = SourceGuide(path, rel, meta, body, closing + 2, front_matter=front_matter)
    return guide, warnings


_LANG_LINE = re.compile(r"^lang\s*[:：]\s*['\"]?([A-Za-z-]+)", re.MULTILINE)
_TITLE_LINE = re.compile(r"^title\s*[:：]\s*['\"]?(.+?)['\"]?\s*$", re.MULTILINE)


_GUIDE_LANGUAGES = get_args(GuideMeta.model_fields["lang"].annotation)


def _guessed_lang(front_matter: str, rel: str, default_lang: str) -> str:
    """The language of a guide whose front matter cannot be read: its ``lang:`` line, else its
    language folder, else the site's."""
    written = _LANG_LINE.search(front_matter)
    guesses = ([written.group(1)] if written else []) + [rel.split("/")[0]]
    return next((guess for guess in guesses if guess in _GUIDE_LANGUAGES), default_lang)


def _guide_expected_text(detail: ErrorDetails, lang: str) -> str:
    """What a guide's field should hold; a ``lang`` written another way (en-GB, 中文) is told the
    tag of the language the editor is told in, which its title's script decided (lang: en-GB over a
    Chinese title was told to write en, and then that the page was not English)."""
    if detail["loc"] == ("lang",) and _language_meant(detail.get("input")):
        return error_text("expect-lang-meant", lang, meant=lang)
    return expected_text(detail, lang)


def _editors_language(written: object, title: object, rel: str, default_lang: str) -> str:
    """The language to tell the editor in: the guide's ``lang``; where the model refuses it (en-GB,
    zh_TW, 中文), the language it names when the title is written in that language's script, else
    the guide's language folder's or the site's (``lang: en-GB`` over a Chinese title was answered
    in English)."""
    if written in _GUIDE_LANGUAGES:
        return str(written)
    meant = _language_meant(written)
    chinese_title = isinstance(title, str) and bool(_HAN_CHARACTER.search(title))
    if meant is not None and (meant != "en") == chinese_title:
        return meant
    return _guessed_lang("", rel, default_lang)


def salvage(path: Path, rel: str, default_lang: str) -> SourceGuide | None:
    """A guide whose front matter failed, as far as its body can still be checked: the body, a title
    and the language read from the lines that look like them. None when not even the body can be
    found."""
    try:
        text = path.read_bytes()[:MAX_GUIDE_BYTES].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    closing = 0
    if _fence(lines[0]):
        closing = next((i for i, line in enumerate(lines[1:], start=1) if _fence(line)), -1)
        if closing < 0:
            return None
    front = "\n".join(lines[1:closing])
    title_line = _TITLE_LINE.search(front)
    title = title_line.group(1) if title_line else rel
    written = _LANG_LINE.search(front)
    meta = GuideMeta.model_construct(
        title=title,
        summary="",
        # a lang written another way (en-GB) is judged with the title, as its message was said
        lang=_editors_language(written.group(1) if written else None, title, rel, default_lang),
    )
    body_start = closing + 1 if closing else 0
    return SourceGuide(
        path=path,
        rel=rel,
        meta=meta,
        body="\n".join(lines[body_start:]),
        body_line=body_start + 1,
        salvaged=True,
    )


def _fence(line: str) -> bool:
    """A line that opens or closes the front matter, or was meant to (written as ——— by a
    Chinese input method)."""
    return line.strip() in (FENCE, "...") or _fence_lookalike(line)


def _fence_lookalike(line: str) -> bool:
    """Three or more dashes, some of them not ASCII, at the start of the line (``- —``, a list item
    whose value is a dash, is YAML)."""
    dashes = line.rstrip().replace(" ", "")
    return (
        not line.startswith(("- ", " ", "\t"))
        and len(dashes) >= 3
        and set(dashes) <= _DASHES
        and set(dashes) != {"-"}
    )


def _refused_yaml_shape(yaml_text: str) -> tuple[str, int, dict[str, Any]] | None:
    """Aliases (``*name``) can expand a few lines into billions of values, deep nesting exhausts
    PyYAML's recursion, and a key given twice silently loses one value: all refused from the
    parser's events, which need no recursion. Returns the message key, the 0-based line and the
    message's arguments."""
    mappings: list[_MappingKeys | None] = []  # one per open collection: None for a sequence
    for event in yaml.parse(yaml_text, Loader=SAFE_LOADER):
        line = event.start_mark.line if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            return "yaml-alias", line, {}
        if isinstance(event, yaml.ScalarEvent):
            first = mappings[-1].key(event.value, line) if mappings and mappings[-1] else None
            if first is not None:
                return (
                    "yaml-duplicate-key",
                    line,
                    {
                        "field": event.value,
                        "first": FRONT_MATTER_FIRST_LINE + first,
                        "line": FRONT_MATTER_FIRST_LINE + line,
                    },
                )
            _node_done(mappings)
        elif isinstance(event, yaml.CollectionStartEvent):
            if mappings and mappings[-1] and mappings[-1].expecting_key:
                mappings[-1].key(None, line)  # a complex key: not compared
            mappings.append(_MappingKeys() if isinstance(event, yaml.MappingStartEvent) else None)
            if len(mappings) > MAX_FRONT_MATTER_DEPTH:
                return "yaml-too-deep", line, {"depth": MAX_FRONT_MATTER_DEPTH}
        elif isinstance(event, yaml.CollectionEndEvent):
            mappings.pop()
            _node_done(mappings)
    return None


@dataclass
class _MappingKeys:
    """The keys of one mapping seen so far, with their lines, and whether the next node is a key."""

    seen: dict[str, int] = field(default_factory=dict)
    expecting_key: bool = True

    def key(self, name: str | None, line: int) -> int | None:
        """Note a key (None: one that is not a plain scalar); the line it was first given on, if it
        is a repeat."""
        if not self.expecting_key or name is None:
            return None
        first = self.seen.get(name)
        self.seen.setdefault(name, line)
        return first


def _node_done(mappings: list[_MappingKeys | None]) -> None:
    """A whole node ended inside the innermost collection: in a mapping, keys and values take
    turns."""
    if mappings and mappings[-1]:
        mappings[-1].expecting_key = not mappings[-1].expecting_key


def _forbidden_characters(value: object, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Where the parsed front matter holds a character HTML forbids, with the character."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _forbidden_characters(key, loc)
            yield from _forbidden_characters(
                item, loc + (key if isinstance(key, str) else str(key),)
            )
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _forbidden_characters(item, loc + (index,))
    elif isinstance(value, str) and (found := _FORBIDDEN_CHARACTER.search(value)):
        yield loc, found.group()


def _collect_field_names() -> frozenset[str]:
    names: set[str] = set()
    pending: list[type[BaseModel]] = [GuideMeta]
    while pending:
        model = pending.pop()
        for name, info in model.model_fields.items():
            names.add(name)
            for candidate in models_in(info.annotation):
                if issubclass(candidate, BaseModel) and candidate not in pending:
                    pending.append(candidate)
    return frozenset(names)


_FIELD_NAMES = _collect_field_names()


def _field_name(loc: tuple, lang: str) -> str:
    parts = [
        error_text("item", lang, number=part + 1) if isinstance(part, int) else part for part in loc
    ]
    return " → ".join(parts) or "?"


# Fields whose values editors write in their own words: the message shows those words
_FIELD_EXPECTATIONS = {
    "form": "expect-form",
    "copies": "expect-copies",
    "visits": "expect-visits",
    "consult": "expect-contact",
    "complaints": "expect-complaints",
    # yes-or-no questions, answered in words (是 / 否)
    **dict.fromkeys(
        ("booking", "postal_delivery", "online_payment", "holidays_counted", "counted", "optional"),
        "expect-yes-no",
    ),
    "item_kind": "expect-item-kind",
    "delivery": "expect-delivery",
    "required": "expect-required",
    "kind": "expect-result-kind",
    "unit": "expect-time-unit",
}
# The content model's own error types -> their messages, which take the error's context
_CUSTOM_EXPECTATIONS = {
    "time_limit": "expect-time-limit",
    "time_limit_unit": "expect-time-limit-unit",
    "attachment": "expect-attachment",
    "phone": "expect-phone",
    "code_unquoted": "expect-quoted-code",
    "site_address": "expect-site-address",
    "site_address_part": "expect-site-address-part",
}


def expected_text(detail: Mapping[str, Any], lang: str) -> str:
    kind = detail["type"]
    context = detail.get("ctx") or {}
    field = next(
        (part for part in reversed(detail.get("loc") or ()) if isinstance(part, str)), None
    )
    if kind in _CUSTOM_EXPECTATIONS:
        return error_text(_CUSTOM_EXPECTATIONS[kind], lang, **context)
    if field in _FIELD_EXPECTATIONS and kind not in {"missing", "string_type"}:
        return error_text(_FIELD_EXPECTATIONS[field], lang)
    if kind == "value_error":
        return error_text("expect-web-address", lang)
    meant = _language_meant(detail.get("input")) if field == "lang" else None
    if meant:
        return error_text("expect-lang-meant", lang, meant=meant)
    return value_expected(detail, lang)


# how editors name a language in words (lang: 中文)
_LANGUAGE_WORDS = {
    **dict.fromkeys(("中文", "汉语", "简体", "简体中文", "簡體中文", "普通话"), "zh-Hans"),
    **dict.fromkeys(("繁体", "繁體", "繁体中文", "繁體中文", "正體中文"), "zh-Hant"),
    **dict.fromkeys(("英文", "英语", "英語", "english"), "en"),
}


def _language_meant(written: object) -> str | None:
    """The lang guidekit takes that a tag (zh-CN, zh_TW, en-GB) or a word (中文, 英文) means."""
    if not isinstance(written, str):
        return None
    return _LANGUAGE_WORDS.get(written.strip().casefold()) or language_of(written.strip())
