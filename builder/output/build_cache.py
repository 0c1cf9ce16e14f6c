"""The build cache as one build sees it: what each guide's own steps produced in the last build of
an output folder, kept under the keys of everything those steps read (``cache_keys``), so a rebuild
does again only what an edit changed. How it is stored: ``cache_store``.

A guide's outcome is kept under the ``SiteKey`` and its file's digest: editing one guide's text
redoes that guide; editing a guide page template or guidekit.toml redoes every guide. The pages
made from all the guides (front page, ways in, search index) are kept too, each group under a
``GroupKey`` of what it reads of the guides, so an edit that changes no title, summary or facet
leaves the ways-in pages alone.

The cache holds no HTML: a kept page is the one in the published site, and staging hard-links it
from there. So the cache is trusted only for the site it was saved with: the published site's
manifest carries a token, and a cache saved with another token (a site built without the cache,
replaced by hand, or a build killed between publishing and saving) keeps no page; nor is a page
kept whose published file is not what the build recorded (``stage.verify_published``:
``site.json`` holds each published file's hash and stamp). A process that builds again
(``guidekit serve``) keeps the cache in its ``Session`` and reads no file of it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..findings import Finding
from ..guide.steps import GuideOutcome
from ..pages import KeptFile, KeptPage, Page, PageGroup
from ..site.page_weight import gzip_size, loaded_files
from ..site.search_index import PinyinKeys, Readings, Spellings
from ..source.load import GuideFile, SourceGuide
from . import cache_keys, cache_store
from .cache_keys import SiteKey, file_digest, group_key, hash_of
from .cache_store import CacheState, Entry, Group
from .caches import cache_folder
from .stage import FileRecord


def cache_path(out: Path) -> Path:
    out = out.resolve()
    return cache_folder(out) / f"build-{out.name}"


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
        self.kept: dict[str, Entry] = {}  # what this build saves: only guides the site still has
        self.dirty: set[str] = set()  # guides whose entries this build changed
        self.read: dict[
            str, tuple[tuple[int, int, int], str | None]
        ] = {}  # each file's stamp and, when read, hash
        self.groups: dict[str, Group] = {}  # made this build or kept: what save keeps
        # the readings kept, read when a search index is made; by language, those made now
        self.readings: cache_store.KeptReadings | None = None
        self.spelled: dict[str, dict[str, PinyinKeys | None]] = {}
        self.respelled: dict[str, dict[str, Spellings]] = {}

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
                else file_digest(default_lang, file.path.read_bytes())
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
        self.kept[file.rel] = Entry(
            content or "", stamp, guide, guide.meta.model_dump_json() if guide else None, findings
        )
        self.dirty.add(file.rel)

    def meta_json(self, guide: SourceGuide) -> str:
        return self.kept[guide.rel].meta_json or ""

    def outcome(self, guide: SourceGuide, site: SiteKey) -> GuideOutcome | None:
        entry = self.kept[guide.rel]
        return entry.outcome if entry.key == site.digest else None

    def remember(self, guide: SourceGuide, site: SiteKey, outcome: GuideOutcome) -> None:
        self.kept[guide.rel] = dataclasses.replace(
            self.kept[guide.rel], key=site.digest, outcome=outcome
        )
        self.dirty.add(guide.rel)

    def file_key(self, guide: SourceGuide) -> str:
        """The hash of the guide's file: with the site key, what its search words are made from."""
        return self.kept[guide.rel].file

    def group(self, name: str, inputs: Iterable[str], make: Callable[[], PageGroup]) -> PageGroup:
        """What ``make`` makes from the site, made again only when guidekit or ``inputs``
        changed."""
        key = group_key(name, inputs).digest
        kept = self.stored.groups.get(name)
        if kept is not None and kept.key == key and self.path is not None:
            self.groups[name] = kept
            return kept.made
        made = make()
        self.groups[name] = Group(key, made)
        return made

    def kept_files(self, name: str) -> Mapping[str, str | KeptFile]:
        """The files of the group ``name`` the published site was made with: none when the cache
        keeps no page of it."""
        kept = self.stored.groups.get(name)
        return kept.made.files if kept is not None else {}

    def known_readings(self, lang: str, spelled: Mapping[str, Spellings] | None = None) -> Readings:
        """The readings of the words the last index of ``lang`` spelled, to be spelled by, and the
        other-script spellings made since (``spelled``)."""
        kept = self._kept_readings()
        return Readings(
            kept.languages.get(lang, {}),
            lang=lang,
            known_spellings={**kept.spellings.get(lang, {}), **(spelled or {})},
        )

    def known_spellings(self) -> Mapping[str, Mapping[str, Spellings]]:
        """By language, the other-script spellings of the words the last indexes spelled."""
        return self._kept_readings().spellings

    def _kept_readings(self) -> cache_store.KeptReadings:
        if self.readings is None:
            self.readings = (
                cache_store.read_readings(self.path, cache_keys.readings_key())
                if self.path is not None
                else cache_store.KeptReadings()
            )
        return self.readings

    def keep_readings(self, lang: str, readings: Readings) -> None:
        """The readings of the words the index of ``lang`` made now spelled: saved with the others
        kept."""
        self.spelled[lang], self.respelled[lang] = readings.spelled, readings.respelled

    def published_files(self) -> dict[str, FileRecord]:
        """What the build that published the site now in the output folder recorded of its files."""
        return self.stored.files

    def token(self) -> str:
        """What the site this build stages is made from: the same inputs give the same token (and
        the same site), so the manifest stays deterministic, and a site built from other inputs has
        another token."""
        guides = sorted(
            f"{rel}\0{entry.file}\0{entry.key}"
            for rel, entry in self.kept.items()
            if entry.outcome is not None and entry.outcome.pages
        )
        return hash_of(
            *guides, *sorted(f"{name}\0{group.key}" for name, group in self.groups.items())
        )

    def pages_staged(self) -> None:
        """The pages made this build are in the staging folder: what is kept of them is their
        place, size and the files they load (a page published is hard-linked from the site), not
        their HTML."""
        for rel in self.dirty:
            entry = self.kept[rel]
            if entry.outcome is not None and entry.outcome.pages:
                self.kept[rel] = dataclasses.replace(entry, outcome=_kept_outcome(entry.outcome))
        self.groups = {
            name: Group(group.key, _kept_made(group.made)) for name, group in self.groups.items()
        }

    def save(self, token: str | None, files: dict[str, FileRecord] | None = None) -> None:
        """``token``: the new published site's, or None when the build was refused and published
        nothing. Pages a refused build made are in no published site, so they are not kept.
        ``files``: what staging recorded of the new site's files."""
        if self.path is None:
            return
        published = token is not None
        if not published:
            for rel in self.dirty:
                entry = self.kept[rel]
                if entry.outcome is not None and entry.outcome.pages:
                    self.kept[rel] = dataclasses.replace(entry, key=None, outcome=None)
        groups = self.groups if published else self.stored.groups
        lines, replaced = self._write_entries()
        kept = self.readings or cache_store.KeptReadings()
        if any(
            made != kept_now.get(lang)
            for made_now, kept_now in (
                (self.spelled, kept.languages),
                (self.respelled, kept.spellings),
            )
            for lang, made in made_now.items()
        ):
            # true of the words whatever this build publishes: kept even when it is refused
            cache_store.write_readings(
                self.path,
                cache_keys.readings_key(),
                cache_store.KeptReadings(
                    kept.languages | self.spelled, kept.spellings | self.respelled
                ),
            )
        stamp = self.stored.stamp
        records = dict(files or {}) if published else self.stored.files
        code = cache_keys.code_key()
        if published and token is not None:
            stamp = cache_store.write_site(self.path, code, token, groups, records)
        self.remembered[self.path] = (
            code,
            CacheState(
                token if published else self.stored.token,
                dict(self.kept),
                groups,
                stamp,
                records,
                lines=lines,
                replaced=replaced,
            ),
        )

    def _write_entries(self) -> tuple[dict[str, str], int]:
        """Save the entries: the lines of the guides this build changed appended, or every line
        written anew. The lines now in the file, and how many of them a later line replaced."""
        assert self.path is not None
        stored = self.stored.lines
        # a guide this build did not change keeps the line it was read from
        changed = {
            rel: cache_store.entry_line(rel, entry)
            for rel, entry in self.kept.items()
            if rel in self.dirty or rel not in stored
        }
        lines = {rel: changed.get(rel) or stored[rel] for rel in self.kept}
        if not changed and not self.damaged and lines.keys() == stored.keys():
            return lines, self.stored.replaced
        replaced = self.stored.replaced + len(changed.keys() & stored.keys())
        if stored and lines.keys() >= stored.keys() and not self.damaged and replaced <= len(lines):
            cache_store.append_entries(self.path, changed.values())
            return lines, replaced
        cache_store.write_entries(self.path, lines)
        return lines, 0


def forget(path: Path, remembered: dict[Path, tuple[str, CacheState]]) -> None:
    """Drop the cache at ``path``: the next build makes every page again."""
    remembered.pop(path, None)
    cache_store.forget_site(path)


def _read(path: Path, remembered: dict[Path, tuple[str, CacheState]]) -> CacheState:
    """What this process saved at ``path`` last, while ``site.json`` is still what it wrote;
    else the files."""
    code, state = remembered.get(path, ("", None))
    if state is not None and code == cache_keys.code_key():
        stamp = cache_store.site_stamp(path)
        if stamp is not None and state.stamp == stamp:
            return dataclasses.replace(state, damaged=[])
    return cache_store.read(path, cache_keys.code_key())


def _without_pages(entry: Entry) -> Entry:
    if entry.outcome is None or not entry.outcome.pages:
        return entry
    return dataclasses.replace(entry, key=None, outcome=None)


def _kept_outcome(outcome: GuideOutcome) -> GuideOutcome:
    return dataclasses.replace(
        outcome,
        pages=[kept_page(page, outcome.html_gzip.get(page.site_path)) for page in outcome.pages],
        html_gzip={},
        search_spellings={},  # the index has them, and pinyin.json for the next build
    )


def kept_page(page: Page | KeptPage, html_gzip: int | None = None) -> KeptPage:
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


def _kept_made(made: PageGroup) -> PageGroup:
    files: dict[str, str | KeptFile] = {
        path: text if isinstance(text, KeptFile) else KeptFile(gzip_size(text))
        for path, text in made.files.items()
    }
    return PageGroup([kept_page(page) for page in made.pages], files, made.findings)
