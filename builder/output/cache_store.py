"""How the build cache is stored: in the cache folder, ``site.json`` validated against its schema
as it is read (nesting depth included), and ``guides.jsonl``, each line one guide's entry, checked
field by field as it is read. A damaged file or line is ignored and named, never a failed build.

The cache of an output folder (``.guidekit-cache/build-<site>/``) is ``guides.jsonl``: one line per
guide, so a build that starts reads one file; saving after an edit appends the changed guides'
lines (a later line of a guide replaces an earlier one), and the file is written anew once it holds
as many replaced lines as live ones, or a guide is gone. ``site.json`` holds the groups of pages
made from all the guides, the published site's files as staging recorded them, and the token of
the site they belong to. ``pinyin.json`` holds the pinyin keys each language's search index spelled
(true of the words whatever the site, so kept under guidekit's code and pypinyin's version only),
so that an index made again spells only words it had not. Files are replaced atomically (lines are
appended in one write: a line cut short is damaged, and damage in a file holding replaced lines
drops them all, since an older line of a guide must never stand for a newer one); ``site.json`` is
written last.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from collections.abc import ItemsView, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..findings import Finding, Severity
from ..guide.enrich import Asset
from ..guide.steps import GuideOutcome
from ..pages import KeptFile, KeptPage, Page, PageGroup
from ..site.search_index import PinyinKeys, Spellings
from ..source.content_model import GuideMeta
from ..source.load import FrontMatter, SourceGuide
from ..source.user_files import DocPath, LineMap
from ..workers import kept_for_the_build
from .cache_keys import FORMAT
from .caches import file_identity
from .session import FileIdentity
from .stage import FileRecord
from .stored_json import StrictJson

Schema = TypeVar("Schema", bound=BaseModel)
SITE_FILE = "site.json"
ENTRIES_FILE = "guides.jsonl"  # one line per guide
READINGS_FILE = "pinyin.json"  # the pinyin keys and other-script spellings of indexed words


@dataclass
class Entry:
    """One guide: its file as last loaded, and the outcome of its steps under ``key``."""

    file: str  # hash of the file's bytes
    stamp: tuple[
        int, int, int
    ]  # the file's size, modification and change times then: an unchanged file is not read again
    guide: SourceGuide | None
    meta_json: (
        str | None
    )  # the guide's front matter as JSON: what the pages around the guides read of it
    load_findings: list[Finding]
    key: str | None = None  # the site key ``outcome`` was made under
    outcome: GuideOutcome | None = None  # its pages are KeptPages once published


@dataclass
class Group:
    key: str
    made: PageGroup  # only KeptPages and KeptFiles


@dataclass
class CacheState:
    token: str | None  # the published site's, when these entries and groups were saved
    entries: dict[str, Entry]
    groups: dict[str, Group]
    stamp: (
        tuple[int, int, int, int] | None
    )  # site.json's identity when this process last read or wrote it
    files: dict[str, FileRecord] = dataclasses.field(
        default_factory=dict
    )  # the published site's, as its build recorded them
    damaged: list[Path] = dataclasses.field(
        default_factory=list
    )  # cache files ignored, whole or in part, as they were read
    lines: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # each entry's line in the entries file, as read or written
    replaced: int = 0  # lines of the entries file that a later line of the same guide replaced


def read(path: Path, code: str) -> CacheState:
    """The cache stored at ``path`` by guidekit's code ``code``; an empty one when there is none,
    or it was stored by other code or in another format."""
    site_file = path / SITE_FILE
    stamp = site_stamp(path)
    if stamp is None:
        return CacheState(None, {}, {}, None)
    site = _read_valid(site_file, _SiteJson)
    if site is None:
        return CacheState(None, {}, {}, stamp, damaged=[site_file])
    if site.format != FORMAT or site.code != code:
        return CacheState(None, {}, {}, stamp)
    groups = {name: _group_from_json(group) for name, group in site.groups.items()}
    file = path / ENTRIES_FILE
    with kept_for_the_build():  # hundreds of thousands of objects: a tenth of a rebuild's time
        entries, lines, replaced, damaged = _read_entries(file)
    if damaged and replaced:  # the damaged line may have replaced one that is read as current
        entries, lines, replaced = {}, {}, 0
    return CacheState(
        site.token,
        entries,
        groups,
        stamp,
        dict(site.files),
        [file] if damaged else [],
        lines,
        replaced,
    )


def _read_entries(file: Path) -> tuple[dict[str, Entry], dict[str, str], int, bool]:
    """Each guide's entry and the line it was read from, the number of lines a later one replaced,
    and whether a line is not an entry (that guide is made again)."""
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError:
        return {}, {}, 0, False
    except UnicodeDecodeError:
        return {}, {}, 0, True
    entries: dict[str, Entry] = {}
    lines: dict[str, str] = {}
    replaced = 0
    damaged = False
    for line in text.split("\n"):
        if not line:
            continue
        try:
            rel, entry = _entry_from_line(line)
        except NOT_STORED:
            damaged = True
            continue
        replaced += rel in entries
        entries[rel], lines[rel] = entry, line
    return entries, lines, replaced, damaged


def site_stamp(path: Path) -> FileIdentity | None:
    """The identity of ``site.json`` at ``path``: a process that wrote it need not read it back."""
    try:
        return file_identity(path / SITE_FILE)
    except OSError:
        return None


def write_entries(path: Path, lines: Mapping[str, str]) -> None:
    """Replace the entries file with these lines (each guide's entry, by its path in SOURCE)."""
    # line by line: the whole file as one text is a copy of every line (150 MB at 20,000 guides)
    write_atomically(path / ENTRIES_FILE, (f"{lines[rel]}\n" for rel in sorted(lines)))


def append_entries(path: Path, lines: Iterable[str]) -> None:
    """Add these lines to the entries file, in one write."""
    with open(path / ENTRIES_FILE, "a", encoding="utf-8") as file:
        file.write("".join(f"{line}\n" for line in lines))


def entry_line(rel: str, entry: Entry) -> str:
    """The entry as one line of the entries file."""
    return json.dumps(_entry_to_json(rel, entry), ensure_ascii=False, separators=(",", ":"))


def write_site(
    path: Path,
    code: str,
    token: str,
    groups: Mapping[str, Group],
    files: Mapping[str, FileRecord],
) -> FileIdentity | None:
    """Write ``site.json``; its identity once written."""
    write_json(
        path / SITE_FILE,
        {
            "format": FORMAT,
            "code": code,
            "token": token,
            "groups": {name: _group_to_json(group) for name, group in groups.items()},
            "files": dict(files),
        },
    )
    return site_stamp(path)


@dataclass
class KeptReadings:
    """By language, the pinyin keys of its indexed words and their spellings in the other Chinese
    script (search_index.Readings)."""

    languages: dict[str, dict[str, PinyinKeys | None]] = dataclasses.field(default_factory=dict)
    spellings: dict[str, dict[str, Spellings]] = dataclasses.field(default_factory=dict)


def read_readings(path: Path, key: str) -> KeptReadings:
    """The readings of each language's indexed words, as kept under ``key``; none when the file is
    missing, damaged or kept under another key (they are spelled again)."""
    try:
        stored = json.loads((path / READINGS_FILE).read_bytes())
        if stored["key"] != key:
            return KeptReadings()
        return KeptReadings(
            {
                text_of(lang): {text_of(word): _pinyin_keys(keys) for word, keys in words.items()}
                for lang, words in stored["languages"].items()
            },
            {
                text_of(lang): {
                    text_of(word): tuple(text_of(spelling) for spelling in spellings)
                    for word, spellings in words.items()
                }
                for lang, words in stored["spellings"].items()
            },
        )
    except (OSError, UnicodeDecodeError, AttributeError, *NOT_STORED):
        return KeptReadings()


def _pinyin_keys(value: object) -> PinyinKeys | None:
    if value is None:
        return None
    if type(value) is not list or len(value) != 2:
        raise ValueError("not pinyin keys")
    return text_of(value[0]), text_of(value[1])


def write_readings(path: Path, key: str, readings: KeptReadings) -> None:
    write_json(
        path / READINGS_FILE,
        {"key": key, "languages": readings.languages, "spellings": readings.spellings},
    )


def forget_site(path: Path) -> None:
    """Without ``site.json`` no entry is read: the next build makes every page again."""
    (path / SITE_FILE).unlink(missing_ok=True)


def _read_valid(path: Path, schema: type[Schema]) -> Schema | None:
    """``path`` read and checked against ``schema`` (which also bounds how deep its JSON may nest);
    None when it cannot be read or is not of that shape."""
    try:
        return schema.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None


def write_json(path: Path, data: object) -> None:
    write_atomically(path, json.dumps(data, ensure_ascii=False))


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.writelines([text] if isinstance(text, str) else text)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds nothing secret
    os.replace(temporary, path)


_PageJson = tuple[str, str, str, str | None, int, list[str]]


class _GroupJson(StrictJson):
    key: str
    pages: list[_PageJson]
    files: dict[str, int]
    findings: list[Finding]


class _SiteJson(StrictJson):
    format: int
    code: str
    token: str
    groups: dict[str, _GroupJson]
    files: dict[str, tuple[str, int, int, int, int, int]]


def page_to_list(page: Page | KeptPage) -> list:
    assert isinstance(page, KeptPage), "a saved page is in the published site"
    return [page.site_path, page.theme, page.lang, page.source, page.html_gzip, list(page.loads)]


def _page_from_json(stored: _PageJson) -> KeptPage:
    site_path, theme, lang, source, html_gzip, loads = stored
    return KeptPage(site_path, theme, lang, source, html_gzip, tuple(loads))


# An entry's line: [rel, file, stamp, guide, load findings, key, outcome, search words]; the guide
# [path, meta as JSON, body, body line, front matter places, front matter texts]; the outcome
# [findings, pages, assets]; a finding its fields in the order of Finding's. Lists, not objects:
# the line is read by every build that starts, and names repeated in each of thousands of findings
# would double what it reads.
# finding_to_list and finding_from_list write a finding's fields in this order
assert [field.name for field in dataclasses.fields(Finding)] == [
    "rule",
    "message",
    "severity",
    "file",
    "line",
    "wcag",
    "page",
    "theme",
    "suggestion",
    "element",
    "lang",
]
_SEVERITIES = {severity.value: severity for severity in Severity}
_SEVERITY_VALUES = {severity: severity.value for severity in Severity}  # Enum.value is slow
# what a line that is not an entry (or a stored value not of its shape) raises as it is read: json's
# errors are ValueErrors, and a line nested too deep a RecursionError
NOT_STORED = (ValueError, TypeError, KeyError, IndexError, RecursionError)


def _entry_to_json(rel: str, entry: Entry) -> list:
    guide = entry.guide
    outcome = entry.outcome
    return [
        rel,
        entry.file,
        list(entry.stamp),
        [
            str(guide.path),
            entry.meta_json,
            guide.body,
            guide.body_line,
            [[list(place), line] for place, line in guide.front_matter.places.lines.items()],
            [[list(place), line, text] for place, line, text in guide.front_matter.texts],
        ]
        if guide
        else None,
        [finding_to_list(finding) for finding in entry.load_findings],
        entry.key,
        None
        if outcome is None
        else [
            [finding_to_list(finding) for finding in outcome.findings],
            # all kept: only published outcomes with pages are saved
            [page_to_list(page) for page in outcome.pages],
            [[str(asset.source), asset.site_path] for asset in outcome.assets],
        ],
        None if outcome is None else _words_text(outcome.search_words),
    ]


def _entry_from_line(line: str) -> tuple[str, Entry]:
    """The entry a line holds; raises one of ``NOT_STORED`` when the line is not one (a damaged
    file, or a changed content model)."""
    rel, file, stamp, guide, load_findings, key, outcome, words = json.loads(line)
    size, modified, changed = stamp
    entry = Entry(
        text_of(file),
        (number_of(size), number_of(modified), number_of(changed)),
        None,
        None,
        [finding_from_list(finding) for finding in load_findings],
        None if key is None else text_of(key),
    )
    if guide is None:
        if not any(finding.blocking for finding in entry.load_findings):
            raise ValueError("a guide that did not load was refused: without the reason")
    else:
        path, meta_json, body, body_line, places, texts = guide
        meta = GuideMeta.model_validate_json(text_of(meta_json))  # ValidationError is a ValueError
        entry.guide = SourceGuide(
            Path(text_of(path)),
            text_of(rel),
            meta,
            text_of(body),
            number_of(body_line),
            front_matter=StoredFrontMatter(places, texts),
        )
        entry.meta_json = meta_json
    if outcome is not None:
        findings, pages, assets = outcome
        entry.outcome = GuideOutcome(
            [finding_from_list(finding) for finding in findings],
            [page_from_list(page) for page in pages],
            [Asset(Path(text_of(source)), text_of(site_path)) for source, site_path in assets],
            {},
            StoredWords(text_of(words)),
        )
        if not entry.outcome.pages and not any(
            finding.severity is Severity.ERROR for finding in entry.outcome.findings
        ):
            raise ValueError("a guide whose steps made no page, without the reason")
    return rel, entry


def finding_to_list(finding: Finding) -> list:
    return [
        finding.rule,
        finding.message,
        _SEVERITY_VALUES[finding.severity],
        finding.file,
        finding.line,
        finding.wcag,
        finding.page,
        finding.theme,
        finding.suggestion,
        finding.element,
        finding.lang,
    ]


_TEXT = frozenset({str})
_OPTIONAL_TEXT = frozenset({str, type(None)})


def finding_from_list(stored: list) -> Finding:
    rule, message, severity, file, line, wcag, page, theme, suggestion, element, lang = stored
    # thousands of findings are read by every build that starts: their types are checked at once
    if (
        type(rule) is not str
        or type(message) is not str
        or not {type(file), type(wcag), type(page), type(theme)} <= _OPTIONAL_TEXT
        or not {type(suggestion), type(element), type(lang)} <= _OPTIONAL_TEXT
    ):
        raise TypeError("not a finding")
    return Finding(
        rule,
        message,
        _SEVERITIES[severity],
        file,
        None if line is None else number_of(line),
        wcag,
        page,
        theme,
        suggestion,
        element,
        lang,
    )


def page_from_list(stored: list) -> KeptPage:
    site_path, theme, lang, source, html_gzip, loads = stored
    # thousands of pages are read by every build that starts: their types are checked at once
    if (
        {type(site_path), type(theme), type(lang)} != _TEXT
        or type(source) not in _OPTIONAL_TEXT
        or type(html_gzip) is not int
        or type(loads) is not list
        or not set(map(type, loads)) <= _TEXT
    ):
        raise TypeError("not a page")
    return KeptPage(site_path, theme, lang, source, html_gzip, tuple(loads))


def text_of(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not a string")
    return value


def _doc_path(value: object) -> tuple[str | int, ...]:
    """Where a part of the front matter is: its keys and item numbers."""
    if not isinstance(value, list):
        raise TypeError("not a list")
    return tuple(part if type(part) is str else number_of(part) for part in value)


def number_of(value: object) -> int:
    if type(value) is not int:  # nor a bool
        raise TypeError("not an integer")
    return value


class StoredWords(Mapping[str, int]):
    """A kept guide's search words, read from their JSON text when a search index is made again:
    a build that changes no guide of a language never reads them. Text that is not such words
    raises ``CacheDamaged``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: dict[str, int] | None = None

    def _read(self) -> dict[str, int]:
        if self._words is None:
            try:
                words = json.loads(self.text)
                # a JSON object's keys are strings; its counts ints (not bools), checked at C speed
                if type(words) is not dict or not {int}.issuperset(map(type, words.values())):
                    raise TypeError("not words and their counts")
                self._words = words
            except NOT_STORED as error:
                raise CacheDamaged from error
        return self._words

    def __getitem__(self, word: str) -> int:
        return self._read()[word]

    def items(self) -> ItemsView[str, int]:
        # the dict's own: a Mapping's looks each word up again through __getitem__, and an index
        # made again goes through every guide's words (125,000 at 2,000 guides)
        return self._read().items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


class StoredFrontMatter(FrontMatter):
    """A kept guide's front matter places and texts, read from what its line holds when a guide's
    steps first look at them (a change of the site redoes the guide): a build that keeps the guide's
    outcome never does. What is not such places and texts raises ``CacheDamaged``."""

    _stored: tuple[Any, Any]  # as the line holds them

    def __init__(self, places: Any, texts: Any) -> None:
        object.__setattr__(self, "_stored", (places, texts))

    @cached_property
    def places(self) -> LineMap:
        places, _ = self._stored
        try:
            return LineMap({_doc_path(place): number_of(line) for place, line in places})
        except NOT_STORED as error:
            raise CacheDamaged from error

    @cached_property
    def texts(self) -> tuple[tuple[DocPath, int, str], ...]:
        _, texts = self._stored
        try:
            return tuple(
                (_doc_path(place), number_of(line), text_of(text)) for place, line, text in texts
            )
        except NOT_STORED as error:
            raise CacheDamaged from error


class CacheDamaged(RuntimeError):
    """A part of the build cache read only when it is needed is damaged: the build starts again
    without the cache."""


def _words_text(words: Mapping[str, int]) -> str:
    if isinstance(words, StoredWords):
        return words.text
    return json.dumps(words, ensure_ascii=False, separators=(",", ":"))


def _group_to_json(group: Group) -> dict:
    return {
        "key": group.key,
        "pages": [page_to_list(page) for page in group.made.pages],
        "files": {path: _kept_size(kept) for path, kept in group.made.files.items()},
        "findings": [finding.to_json() for finding in group.made.findings],
    }


def _kept_size(file: str | KeptFile) -> int:
    assert isinstance(file, KeptFile), "a saved file is in the published site"
    return file.gzip


def _group_from_json(stored: _GroupJson) -> Group:
    return Group(
        stored.key,
        PageGroup(
            [_page_from_json(page) for page in stored.pages],
            {path: KeptFile(size) for path, size in stored.files.items()},
            list(stored.findings),
        ),
    )
