"""The build cache: what each guide's own steps produced in the last build of an output folder,
keyed by
everything those steps read, so a rebuild does again only what an edit changed.

A guide's key is the hash of its file and of the site inputs its pages depend on: guidekit's code,
the
guide page templates and component macros, the messages, guidekit.toml, the glossary and synonyms,
the
day (review dates), the list of guides with their languages and translation keys, and the other
files
in SOURCE (images, attachments). Editing one guide's text redoes that guide; editing a guide page
template or guidekit.toml redoes every guide. The pages made from all the guides (front page, ways
in,
search index) are kept too, each group keyed by what it reads of the guides, so an edit that
changes no
title, summary or facet leaves the ways-in pages alone.

The cache holds no HTML: a kept page is the one in the published site, and staging hard-links it
from
there. So the cache is trusted only for the site it was saved with: the published site's manifest
carries a token, and a cache saved with another token (a site built without the cache, replaced by
hand, or a build killed between publishing and saving) keeps no page; nor is a page kept whose
published file is not what the build recorded (``stage.verify_published``: ``site.json`` holds each
published file's hash and stamp). The cache lives beside the output folder
(``.guidekit-cache/build-<site>/``): one JSON file per guide, so that saving after an edit writes
one
file, and ``site.json``. Every file is replaced atomically. Every file is validated against its
schema
as it is read (nesting depth included); a damaged one is ignored with a warning, never a failed
build.
A process that builds again (``guidekit serve``) keeps the cache in memory and reads no file of it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import __version__
from .caches import cache_folder, file_identity
from .content_model import GuideMeta
from .enrich import Asset
from .findings import Finding
from .guide_steps import GuideOutcome
from .load import GuideFile, SourceGuide
from .package_files import NOT_CODE, package_cache, shipped_files
from .page_weight import gzip_size, loaded_files
from .render import KeptFile, KeptPage, Made, Page
from .stage import FileRecord
from .stored_json import FindingJson, StrictJson
from .translations import translation_key

FORMAT = 3
# Templates a guide page is made from; the others make the pages around the guides.
GUIDE_TEMPLATES = ("guide.html.j2", "layout.html.j2")
SITE_FILE = "site.json"
GUIDES_FOLDER = "guides"


def cache_path(out: Path) -> Path:
    out = out.resolve()
    return cache_folder(out) / f"build-{out.name}"


@package_cache
def code_key() -> str:
    """guidekit's own part of every guide's key: its version, code, messages, component macros and
    guide templates."""
    package, components = resources.files("guidekit"), resources.files("guidekit.components")
    base = resources.files("guidekit.themes").joinpath("base")
    return _digest(
        shipped_files(package, (".py",), leave_out=NOT_CODE)
        + shipped_files(package.joinpath("messages"), (".yml",))
        + shipped_files(components, (".j2", ".yml"))
        + [base.joinpath(name) for name in GUIDE_TEMPLATES]
    )


@package_cache
def package_key() -> str:
    """Every file guidekit is made of: what the pages around the guides and the gallery are made
    from."""
    folders = ("guidekit", "guidekit.components", "guidekit.themes")
    return _digest(
        [
            file
            for name in folders
            for file in shipped_files(resources.files(name), leave_out=NOT_CODE)
        ]
    )


def _digest(files: list[Traversable]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


@dataclass
class _Entry:
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
class _Group:
    key: str
    made: Made  # only KeptPages and KeptFiles


@dataclass
class CacheState:
    token: str | None  # the published site's, when these entries and groups were saved
    entries: dict[str, _Entry]
    groups: dict[str, _Group]
    stamp: (
        tuple[int, int, int, int] | None
    )  # site.json's identity when this process last read or wrote it
    files: dict[str, FileRecord] = dataclasses.field(
        default_factory=dict
    )  # the published site's, as its build recorded them
    damaged: list[Path] = dataclasses.field(
        default_factory=list
    )  # cache files ignored as they were read


class BuildCache:
    def __init__(
        self,
        path: Path | None,
        published_token: str | None,
        remembered: dict[Path, tuple[str, CacheState]],
    ) -> None:
        """``path`` None: a cache that remembers nothing (``--no-cache``). ``published_token``: the
        token in the manifest of the site now published in the output folder, if any.
        ``remembered``: what this process's last build of each cache folder saved
        (``Session.build_caches``), which ``save`` updates."""
        self.path = path
        self.remembered = remembered
        state = _read(path, remembered) if path is not None else CacheState(None, {}, {}, None)
        self.damaged = state.damaged  # reported once, by the build that found them
        if (
            state.token is None or state.token != published_token
        ):  # the published site is not the one the pages are kept from
            state = CacheState(
                state.token,
                {rel: _without_pages(entry) for rel, entry in state.entries.items()},
                {},
                state.stamp,
            )
        self.stored = state
        self.kept: dict[str, _Entry] = {}  # what this build saves: only guides the site still has
        self.dirty: set[str] = set()  # guides whose entries this build changed
        self.read: dict[
            str, tuple[tuple[int, int, int], str | None]
        ] = {}  # each file's stamp and, when read, hash
        self.groups: dict[str, _Group] = {}  # made this build or kept: what save keeps

    def known(
        self, file: GuideFile, default_lang: str
    ) -> tuple[SourceGuide | None, list[Finding]] | None:
        """The guide as loaded last time, when its file is unchanged (by size and times, else by
        content)."""
        rel = file.rel
        entry = self.stored.entries.get(rel)
        try:
            stat = os.stat(file.location)
            stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
            content = (
                None
                if entry is not None and entry.stamp == stamp
                else _hash(default_lang, file.path.read_bytes())
            )
        except OSError:
            return None  # load names the problem
        self.read[rel] = stamp, content
        if entry is None or (content is not None and entry.file != content):
            return None
        if entry.stamp != stamp:
            entry = dataclasses.replace(entry, stamp=stamp)
            self.dirty.add(rel)
        if (
            entry.guide is not None and str(entry.guide.path) != file.location
        ):  # SOURCE named another way this time
            entry = dataclasses.replace(
                entry, guide=dataclasses.replace(entry.guide, path=file.path)
            )
        self.kept[rel] = entry
        return entry.guide, entry.load_findings

    def loaded(
        self, file: GuideFile, default_lang: str, guide: SourceGuide | None, findings: list[Finding]
    ) -> None:
        stamp, content = self.read.get(file.rel) or ((0, 0, 0), None)
        self.kept[file.rel] = _Entry(
            content or "", stamp, guide, guide.meta.model_dump_json() if guide else None, findings
        )
        self.dirty.add(file.rel)

    def meta_json(self, guide: SourceGuide) -> str:
        return self.kept[guide.rel].meta_json or ""

    def outcome(self, guide: SourceGuide, site_key: str) -> GuideOutcome | None:
        entry = self.kept[guide.rel]
        return entry.outcome if entry.key == site_key else None

    def remember(self, guide: SourceGuide, site_key: str, outcome: GuideOutcome) -> None:
        self.kept[guide.rel] = dataclasses.replace(
            self.kept[guide.rel], key=site_key, outcome=outcome
        )
        self.dirty.add(guide.rel)

    def file_key(self, guide: SourceGuide) -> str:
        """The hash of the guide's file: with the site key, what its search words are made from."""
        return self.kept[guide.rel].file

    def group(self, name: str, inputs: Iterable[str], make: Callable[[], Made]) -> Made:
        """What ``make`` makes from the site, made again only when guidekit or ``inputs``
        changed."""
        key = _hash(package_key(), *inputs)
        kept = self.stored.groups.get(name)
        if kept is not None and kept.key == key and self.path is not None:
            self.groups[name] = kept
            return kept.made
        made = make()
        self.groups[name] = _Group(key, made)
        return made

    def published_files(self) -> dict[str, FileRecord]:
        """What the build that published the site now in the output folder recorded of its files."""
        return self.stored.files

    def token(self) -> str:
        """What the site this build stages is made from: the same inputs give the same token (and
        the same
        site), so the manifest stays deterministic, and a site built from other inputs has another
        token."""
        guides = sorted(
            f"{rel}\0{entry.file}\0{entry.key}"
            for rel, entry in self.kept.items()
            if entry.outcome is not None and entry.outcome.pages
        )
        return _hash(
            *guides, *sorted(f"{name}\0{group.key}" for name, group in self.groups.items())
        )

    def save(self, token: str | None, files: dict[str, FileRecord] | None = None) -> None:
        """``token``: the new published site's, or None when the build was refused and published
        nothing.
        Pages a refused build made are in no published site, so they are not kept. ``files``: what
        staging
        recorded of the new site's files."""
        if self.path is None:
            return
        published = token is not None
        for rel in self.dirty:
            entry = self.kept[rel]
            if entry.outcome is not None and entry.outcome.pages and not published:
                self.kept[rel] = dataclasses.replace(entry, key=None, outcome=None)
            elif entry.outcome is not None and entry.outcome.pages:
                self.kept[rel] = dataclasses.replace(entry, outcome=_kept_outcome(entry.outcome))
        groups = (
            {name: _Group(group.key, _kept_made(group.made)) for name, group in self.groups.items()}
            if published
            else self.stored.groups
        )
        guides = self.path / GUIDES_FOLDER
        guides.mkdir(parents=True, exist_ok=True)
        for rel in self.dirty:
            _write_json(guides / _entry_name(rel), _entry_to_json(rel, self.kept[rel]))
        for rel in self.stored.entries.keys() - self.kept.keys():
            (guides / _entry_name(rel)).unlink(missing_ok=True)
        for damaged in self.damaged:
            if damaged.parent == guides and damaged.name not in {
                _entry_name(rel) for rel in self.dirty
            }:
                damaged.unlink(missing_ok=True)
        stamp = self.stored.stamp
        records = dict(files or {}) if published else self.stored.files
        if published:
            site_file = self.path / SITE_FILE
            _write_json(
                site_file,
                {
                    "format": FORMAT,
                    "code": code_key(),
                    "token": token,
                    "groups": {name: _group_to_json(group) for name, group in groups.items()},
                    "files": records,
                },
            )
            stamp = _stamp(site_file)
        self.remembered[self.path] = (
            code_key(),
            CacheState(
                token if published else self.stored.token, dict(self.kept), groups, stamp, records
            ),
        )


def forget(path: Path, remembered: dict[Path, tuple[str, CacheState]]) -> None:
    """Drop the cache at ``path``: the next build makes every page again."""
    remembered.pop(path, None)
    (path / SITE_FILE).unlink(missing_ok=True)


def _read(path: Path, remembered: dict[Path, tuple[str, CacheState]]) -> CacheState:
    site_file = path / SITE_FILE
    stamp = _stamp(site_file)
    code, state = remembered.get(path, ("", None))
    if state is not None and code == code_key() and state.stamp == stamp and stamp is not None:
        return dataclasses.replace(state, damaged=[])
    if stamp is None:
        return CacheState(None, {}, {}, None)
    site = _read_valid(site_file, _SiteJson)
    if site is None:
        return CacheState(None, {}, {}, stamp, damaged=[site_file])
    if site.format != FORMAT or site.code != code_key():
        return CacheState(None, {}, {}, stamp)
    groups = {name: _group_from_json(group) for name, group in site.groups.items()}
    entries: dict[str, _Entry] = {}
    damaged: list[Path] = []
    try:
        with os.scandir(path / GUIDES_FOLDER) as found:
            names = [
                file.path for file in found if not file.name.startswith(".")
            ]  # ".*": a save killed halfway
    except OSError:
        names = []
    for name in names:
        stored = _read_valid(Path(name), _EntryJson)
        entry = _entry_from_json(stored) if stored is not None else None
        if entry is None:
            damaged.append(Path(name))  # that guide is made again
            continue
        entries[stored.rel] = entry
    return CacheState(site.token, entries, groups, stamp, dict(site.files), damaged)


def _read_valid(path: Path, schema: type[BaseModel]) -> BaseModel | None:
    """``path`` read and checked against ``schema`` (which also bounds how deep its JSON may nest);
    None when
    it cannot be read or is not of that shape."""
    try:
        return schema.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return None


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    try:
        return file_identity(path)
    except OSError:
        return None


def _write_json(path: Path, data: object) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(json.dumps(data, ensure_ascii=False))
    os.chmod(temporary, 0o644)  # mkstemp makes it private; it holds nothing secret
    os.replace(temporary, path)


def _entry_name(rel: str) -> str:
    return hashlib.sha256(rel.encode()).hexdigest()[:40] + ".json"


def _without_pages(entry: _Entry) -> _Entry:
    if entry.outcome is None or not entry.outcome.pages:
        return entry
    return dataclasses.replace(entry, key=None, outcome=None)


def _kept_outcome(outcome: GuideOutcome) -> GuideOutcome:
    return dataclasses.replace(
        outcome,
        pages=[_kept_page(page, outcome.html_gzip.get(page.site_path)) for page in outcome.pages],
        html_gzip={},
    )


def _kept_page(page: Page | KeptPage, html_gzip: int | None = None) -> KeptPage:
    if isinstance(page, KeptPage):
        return page
    return KeptPage(
        page.site_path,
        page.theme,
        page.lang,
        page.source,
        html_gzip or gzip_size(page.html),
        loaded_files(page),
    )


def _kept_made(made: Made) -> Made:
    files = {
        path: text if isinstance(text, KeptFile) else KeptFile(gzip_size(text))
        for path, text in made.files.items()
    }
    return Made([_kept_page(page) for page in made.pages], files, made.findings)


def files_key(source: Path) -> str:
    """Every file beside the guides in SOURCE (images, attachments), by name, size and time: a
    guide's page
    shows an attachment's size, and a file that appears or goes away changes what a guide's links
    find."""
    stamps = []
    for folder, folders, names in os.walk(source):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            # hidden files are an editor's (swap files change on every keystroke), never a page's
            if not name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:  # a broken link: enrich names it if a guide uses it
                    stamps.append(f"{os.path.relpath(path, source)}\0missing")
                    continue
                stamps.append(
                    f"{os.path.relpath(path, source)}\0{stat.st_size}\0{stat.st_mtime_ns}"
                )
    return _hash(*sorted(stamps))


def site_key(guides: Iterable[SourceGuide], *inputs: object) -> str:
    """What every guide's pages read from the rest of the site: the guides there are (links,
    translations)
    and ``inputs`` (settings, glossary, the day…)."""
    site = sorted((guide.rel, guide.lang, translation_key(guide)) for guide in guides)
    return _hash(
        code_key(),
        json.dumps([site, [str(value) for value in inputs]], ensure_ascii=False).encode(),
    )


def _hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


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


def _page_to_json(page: KeptPage) -> list:
    return [page.site_path, page.theme, page.lang, page.source, page.html_gzip, list(page.loads)]


def _page_from_json(stored: _PageJson) -> KeptPage:
    site_path, theme, lang, source, html_gzip, loads = stored
    return KeptPage(site_path, theme, lang, source, html_gzip, tuple(loads))


def _entry_to_json(rel: str, entry: _Entry) -> dict:
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


def _entry_from_json(stored: _EntryJson) -> _Entry | None:
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
    return _Entry(
        stored.file,
        stored.stamp,
        SourceGuide(Path(guide.path), stored.rel, meta, guide.body, guide.body_line)
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


def _group_to_json(group: _Group) -> dict:
    return {
        "key": group.key,
        "pages": [_page_to_json(page) for page in group.made.pages],
        "files": {path: kept.gzip for path, kept in group.made.files.items()},
        "findings": [finding.to_json() for finding in group.made.findings],
    }


def _group_from_json(stored: _GroupJson) -> _Group:
    return _Group(
        stored.key,
        Made(
            [_page_from_json(page) for page in stored.pages],
            {path: KeptFile(size) for path, size in stored.files.items()},
            [finding.finding() for finding in stored.findings],
        ),
    )
