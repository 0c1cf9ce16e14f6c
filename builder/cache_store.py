"""How the build cache is stored: JSON files in the cache folder, each validated against its
schema as it is read (nesting depth included). A damaged file is ignored and named, never a failed
build.

The cache of an output folder (``.guidekit-cache/build-<site>/``) is one JSON file per guide
(``guides/``), so that saving after an edit writes one file, and ``site.json``: the groups of pages
made from all the guides, the published site's files as staging recorded them, and the token of
the site they belong to. Every file is replaced atomically; ``site.json`` is written last.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .cache_keys import FORMAT
from .caches import file_identity
from .findings import Finding
from .guide.enrich import Asset
from .guide_steps import GuideOutcome
from .pages import KeptFile, KeptPage, Page, PageGroup
from .session import FileIdentity
from .source.content_model import GuideMeta
from .source.load import FrontMatter, SourceGuide
from .source.user_files import LineMap
from .stage import FileRecord
from .stored_json import FindingJson, StrictJson

Schema = TypeVar("Schema", bound=BaseModel)
SITE_FILE = "site.json"
ENTRIES_FOLDER = "guides"  # one file per guide


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
    )  # cache files ignored as they were read


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
    entries: dict[str, Entry] = {}
    damaged: list[Path] = []
    try:
        with os.scandir(path / ENTRIES_FOLDER) as found:
            # ".*": a save killed halfway
            names = [file.path for file in found if not file.name.startswith(".")]
    except OSError:
        names = []
    for name in names:
        stored = _read_valid(Path(name), _EntryJson)
        entry = _entry_from_json(stored) if stored is not None else None
        if stored is None or entry is None:
            damaged.append(Path(name))  # that guide is made again
            continue
        entries[stored.rel] = entry
    return CacheState(site.token, entries, groups, stamp, dict(site.files), damaged)


def site_stamp(path: Path) -> FileIdentity | None:
    """The identity of ``site.json`` at ``path``: a process that wrote it need not read it back."""
    try:
        return file_identity(path / SITE_FILE)
    except OSError:
        return None


def write_entries(
    path: Path,
    entries: Mapping[str, Entry],
    changed: Iterable[str],
    gone: Iterable[str],
    damaged: Iterable[Path],
) -> None:
    """Write the ``changed`` guides' entries, remove those of the guides ``gone`` and the
    ``damaged`` entry files no guide's entry replaced."""
    folder = path / ENTRIES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    for rel in changed:
        written.add(_entry_name(rel))
        _write_json(folder / _entry_name(rel), _entry_to_json(rel, entries[rel]))
    for rel in gone:
        (folder / _entry_name(rel)).unlink(missing_ok=True)
    for file in damaged:
        if file.parent == folder and file.name not in written:
            file.unlink(missing_ok=True)


def write_site(
    path: Path,
    code: str,
    token: str,
    groups: Mapping[str, Group],
    files: Mapping[str, FileRecord],
) -> FileIdentity | None:
    """Write ``site.json``; its identity once written."""
    _write_json(
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


def _write_json(path: Path, data: object) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(json.dumps(data, ensure_ascii=False))
    os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds nothing secret
    os.replace(temporary, path)


def _entry_name(rel: str) -> str:
    return hashlib.sha256(rel.encode()).hexdigest()[:40] + ".json"


_PageJson = tuple[str, str, str, str | None, int, list[str]]


class _GroupJson(StrictJson):
    key: str
    pages: list[_PageJson]
    files: dict[str, int]
    findings: list[FindingJson]


class _SiteJson(StrictJson):
    format: int
    code: str
    token: str
    groups: dict[str, _GroupJson]
    files: dict[str, tuple[str, int, int, int, int, int]]


class _GuideJson(StrictJson):
    path: str
    meta: str
    body: str
    body_line: int
    places: list[tuple[list[str | int], int]]  # FrontMatter.places
    texts: list[tuple[list[str | int], int, str]]  # FrontMatter.texts


class _OutcomeJson(StrictJson):
    findings: list[FindingJson]
    pages: list[_PageJson]
    assets: list[tuple[str, str]]
    search_words: dict[str, int]


class _EntryJson(StrictJson):
    rel: str
    file: str
    stamp: tuple[int, int, int]
    guide: _GuideJson | None
    load_findings: list[FindingJson]
    key: str | None
    outcome: _OutcomeJson | None


def _page_to_json(page: Page | KeptPage) -> list:
    assert isinstance(page, KeptPage), "a saved page is in the published site"
    return [page.site_path, page.theme, page.lang, page.source, page.html_gzip, list(page.loads)]


def _page_from_json(stored: _PageJson) -> KeptPage:
    site_path, theme, lang, source, html_gzip, loads = stored
    return KeptPage(site_path, theme, lang, source, html_gzip, tuple(loads))


def _entry_to_json(rel: str, entry: Entry) -> dict:
    guide = entry.guide
    outcome = entry.outcome
    return {
        "rel": rel,
        "file": entry.file,
        "stamp": list(entry.stamp),
        "guide": {
            "path": str(guide.path),
            "meta": entry.meta_json,
            "body": guide.body,
            "body_line": guide.body_line,
            "places": list(guide.front_matter.places.lines.items()),
            "texts": guide.front_matter.texts,
        }
        if guide
        else None,
        "load_findings": [finding.to_json() for finding in entry.load_findings],
        "key": entry.key,
        "outcome": None
        if outcome is None
        else {
            "findings": [finding.to_json() for finding in outcome.findings],
            "pages": [
                _page_to_json(page) for page in outcome.pages
            ],  # all kept: only published outcomes with pages are saved
            "assets": [(str(asset.source), asset.site_path) for asset in outcome.assets],
            "search_words": outcome.search_words,
        },
    }


def _entry_from_json(stored: _EntryJson) -> Entry | None:
    """The entry, or None when its front matter no longer validates (a damaged file, or a changed
    content model)."""
    guide, outcome = stored.guide, stored.outcome
    load_findings = [finding.finding() for finding in stored.load_findings]
    if guide is None and not any(finding.blocking for finding in load_findings):
        return (
            None  # a guide that did not load was refused: without the reason, the entry is damaged
        )
    if (
        outcome is not None
        and not outcome.pages
        and not any(finding.severity == "error" for finding in outcome.findings)
    ):
        return None  # likewise a guide whose steps made no page
    try:
        meta = GuideMeta.model_validate_json(guide.meta) if guide else None
    except ValidationError:
        return None
    return Entry(
        stored.file,
        stored.stamp,
        SourceGuide(
            Path(guide.path),
            stored.rel,
            meta,
            guide.body,
            guide.body_line,
            front_matter=FrontMatter(
                LineMap({tuple(path): line for path, line in guide.places}),
                tuple((tuple(path), line, text) for path, line, text in guide.texts),
            ),
        )
        if guide and meta
        else None,
        guide.meta if guide else None,
        load_findings,
        stored.key,
        None
        if outcome is None
        else GuideOutcome(
            [finding.finding() for finding in outcome.findings],
            [_page_from_json(page) for page in outcome.pages],
            [Asset(Path(source), site_path) for source, site_path in outcome.assets],
            {},
            outcome.search_words,
        ),
    )


def _group_to_json(group: Group) -> dict:
    return {
        "key": group.key,
        "pages": [_page_to_json(page) for page in group.made.pages],
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
            [finding.finding() for finding in stored.findings],
        ),
    )
