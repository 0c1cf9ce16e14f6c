"""The build cache's keys: pure functions from what a step reads to a record of it.

A record names each part it was made from, so a key printed in a test or a debugger says what went
into it; the cache stores and compares only its ``digest``. The keys:

- ``code_key``: guidekit's own part of every guide's key (version, code, messages, component
  macros, guide templates); ``package_key``: every file guidekit is made of, which the pages around
  the guides read; ``readings_key``: what the pinyin keys of a word are made from.
- ``SiteKey``: what every guide's pages read besides the guide itself; a guide's outcome is kept
  under it.
- ``GroupKey``: what one group of pages made from all the guides reads (ways in, gallery, a
  language's search index).
- ``file_digest``: a guide file's bytes (with the site's default language, which its loading
  reads); ``files_key``: the other files in SOURCE, by name, size and time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cached_property
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .. import __version__
from ..package_files import NOT_CODE, package_cache, shipped_files
from ..source.load import SourceGuide
from ..source.translations import translation_key

FORMAT = 4  # of the cache's files: a cache in another format is not read
# Templates a guide page and its short version are made from; the others make the pages around the
# guides.
GUIDE_TEMPLATES = ("guide.html.j2", "short.html.j2", "service-facts.html.j2", "layout.html.j2")


@package_cache
def code_key() -> str:
    """guidekit's own part of every guide's key: its version, code, data files (messages, the
    linter's word lists, the link texts that say nothing), component macros and guide templates."""
    package, components = resources.files("guidekit"), resources.files("guidekit.components")
    base = resources.files("guidekit.themes").joinpath("base")
    return _digest(
        shipped_files(package, (".py", ".yml", ".txt"), leave_out=NOT_CODE)
        + shipped_files(components, (".j2", ".yml"))
        + [base.joinpath(name) for name in GUIDE_TEMPLATES]
    )


def readings_key() -> str:
    """What a word's pinyin keys and other-script spellings are made from: guidekit's code,
    pypinyin's version and OpenCC's."""
    return hash_of(code_key(), metadata.version("pypinyin"), metadata.version("opencc"))


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


@dataclass(frozen=True)
class SiteKey:
    """What every guide's pages read besides the guide itself. Each part is the hash of what it
    names, but for the flags and the day."""

    code: str  # code_key()
    guides: str  # every guide's path, language and translation key (links, language switch)
    settings: str  # guidekit.toml, as its model's JSON
    glossary: str
    synonyms: str
    checked: bool
    today: str  # review dates are judged against it
    source: str  # SOURCE's absolute path: a page shows where an attachment is
    files: str  # files_key(SOURCE)
    broken: str  # the guide files that failed to load: links to them are reported

    @cached_property  # asked once per guide
    def digest(self) -> str:
        return hash_of(*(str(getattr(self, part.name)) for part in fields(self)))


def site_key(
    guides: Iterable[SourceGuide],
    *,
    settings: str,
    glossary: object,
    synonyms: object,
    checked: bool,
    today: object,
    source: Path,
    files: str,
    broken: Iterable[str],
) -> SiteKey:
    """The site key. The guides' titles are not in it: they only name the file a broken link
    meant, in a message, and keying on them would make every guide again whenever one title
    changes."""
    site = sorted((guide.rel, guide.lang, translation_key(guide)) for guide in guides)
    return SiteKey(
        code=code_key(),
        guides=hash_of(json.dumps(site, ensure_ascii=False)),
        settings=hash_of(settings),
        glossary=hash_of(str(glossary)),
        synonyms=hash_of(str(synonyms)),
        checked=checked,
        today=str(today),
        source=str(source),
        files=files,
        broken=hash_of(*sorted(broken)),
    )


@dataclass(frozen=True)
class GroupKey:
    """What one group of pages made from all the guides reads."""

    name: str  # "around", "gallery", "search-<lang>"
    package: str  # package_key()
    inputs: str  # the hash of what it reads of the settings and the guides

    @property
    def digest(self) -> str:
        return hash_of(self.name, self.package, self.inputs)


def group_key(name: str, inputs: Iterable[str]) -> GroupKey:
    return GroupKey(name, package_key(), hash_of(*inputs))


def file_digest(default_lang: str, data: bytes) -> str:
    """A guide file's key: its bytes, and the default language its loading reads."""
    return hash_of(default_lang, data)


def files_key(source: Path) -> str:
    """Every file beside the guides in SOURCE (images, attachments), by name, size and time: a
    guide's page shows an attachment's size, and a file that appears or goes away changes what a
    guide's links find."""
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
    return hash_of(*sorted(stamps))


def hash_of(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()
