"""A build that would make again the site it published last. After a build with the build cache
publishes without checking, ``unchanged-<site>.json`` in the cache folder records the key of
everything that site was made from, a hash of the files and folders the output folder then holds
(each file by its stamp), and what the build reported. A build with the same key, of an output
folder that still holds exactly those files with those stamps, and a build cache whose files are as
that build left them, is that build again: it reports what that build reported and leaves the site
as it is, reading no guide and staging nothing.

The key: guidekit's code and files (``cache_keys``), SOURCE's absolute path and every file below it
by its stamp (size, device, inode, modification and change time: any write changes the change time,
which no program can set back), the waivers, the day review dates are judged against,
``SOURCE_DATE_EPOCH`` and the output folder. Anything else (a file in SOURCE touched, added or
removed, a published file changed, removed or added by hand, another day) and the build runs as
usual, which repairs the site. A build that checks runs the gate every time, so it records nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding
from ..site.page_weight import PageWeight
from ..workers import kept_for_the_build
from . import cache_keys
from .build_cache import cache_path, kept_page
from .cache_store import (
    ENTRIES_FILE,
    NOT_STORED,
    SITE_FILE,
    finding_from_list,
    finding_to_list,
    number_of,
    page_from_list,
    page_to_list,
    text_of,
    write_atomically,
)
from .caches import cache_folder
from .stage import FileRecord, staging_dir, stamp_of

if TYPE_CHECKING:
    from ..gate.waivers import Waiver


@dataclass(frozen=True)
class Reported:
    """What a build that published reported, as a build that makes nothing again reports it."""

    findings: list[Finding]
    pages: int
    guides: int
    heaviest: list[PageWeight]
    site_files: frozenset[str]  # every file of the published site


@dataclass(frozen=True)
class Record:
    """The record of an output folder, and the key of what a build of it now reads."""

    path: Path
    key: str

    @classmethod
    def of(cls, source: Path, out: Path, *, today: dt.date, waivers: Sequence[Waiver]) -> Record:
        """``out`` resolved. Reads the stamp of every file in SOURCE."""
        return cls(
            cache_folder(out) / f"unchanged-{out.name}.json",
            cache_keys.hash_of(
                str(cache_keys.FORMAT),
                cache_keys.code_key(),
                cache_keys.package_key(),
                os.fsencode(source.resolve()),
                os.fsencode(out),
                today.isoformat(),
                os.environ.get("SOURCE_DATE_EPOCH", ""),
                str(len(waivers)),
                *(waiver.model_dump_json() for waiver in waivers),
                *sorted(_source_stamps(str(source))),
            ),
        )

    def replay(self, out: Path) -> Reported | None:
        """What the last build reported, when it was made from what this build reads and ``out``
        still holds what it published; else None."""
        if os.path.lexists(staging_dir(out)):  # left by a killed build: staging clears it
            return None
        try:
            # thousands of findings, kept to the end of the process
            with kept_for_the_build(), open(self.path, "rb") as file:
                # the key first: a build after an edit reads no further
                if file.readline() != f"{self.key}\n".encode():
                    return None
                stored = json.loads(file.read())
                files, folders = _site_files(out)
                if stored["cache"] != _cache_stamps(out) or stored["site"] != _site_digest(
                    files, folders
                ):
                    return None
                messages = [text_of(message) for message in stored["messages"]]
                findings = []
                for finding in stored["findings"]:
                    finding[1] = messages[number_of(finding[1])]
                    findings.append(finding_from_list(finding))
                return Reported(
                    findings,
                    number_of(stored["pages"]),
                    number_of(stored["guides"]),
                    [
                        PageWeight(page_from_list(page), number_of(html), number_of(total))
                        for page, html, total in stored["heaviest"]
                    ],
                    frozenset(files),
                )
        except (OSError, *NOT_STORED):
            return None

    def forget(self) -> None:
        """A build that runs as usual may leave another site, or none."""
        self.path.unlink(missing_ok=True)

    def save(self, out: Path, reported: Reported, records: Mapping[str, FileRecord]) -> None:
        """``records``: what staging recorded of the site's files; the others (its assets and
        manifest) are looked at in ``out``."""
        files: dict[str, tuple[int, ...]] = {
            path: record[1:]
            if (record := records.get(path))
            else stamp_of(os.lstat(f"{out}/{path}"))
            for path in reported.site_files
        }
        # thousands of findings say a handful of things: each message is written once
        messages: dict[str, int] = {}
        findings = []
        for finding in reported.findings:
            listed = finding_to_list(finding)
            listed[1] = messages.setdefault(finding.message, len(messages))
            findings.append(listed)
        write_atomically(
            self.path,
            f"{self.key}\n"
            + json.dumps(
                {
                    "cache": _cache_stamps(out),
                    "site": _site_digest(files, _folders_of(files)),
                    "messages": list(messages),
                    "findings": findings,
                    "pages": reported.pages,
                    "guides": reported.guides,
                    "heaviest": [
                        [page_to_list(kept_page(weight.page)), weight.html_gzip, weight.total_gzip]
                        for weight in reported.heaviest
                    ],
                },
                separators=(",", ":"),  # ASCII: a message may name a file whose name is not UTF-8
            ),
        )


def _source_stamps(source: str) -> list[bytes]:
    """Every file below SOURCE but hidden ones (which no build reads), by its path and stamp; a
    linked file by its target's."""
    stamps: list[bytes] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{name}/")
                    continue
                try:
                    found = entry.stat()
                except OSError:  # a broken link
                    stamps.append(_named(name, "missing"))
                    continue
                stamps.append(_named(name, stamp_of(found)))

    walk(source, "")
    return stamps


def _cache_stamps(out: Path) -> list[list[int] | None]:
    """The stamps of the build cache's files: a build that finds them changed reads them (and
    reports damage)."""
    stamps: list[list[int] | None] = []
    for name in (SITE_FILE, ENTRIES_FILE):
        try:
            stamps.append(list(stamp_of(os.lstat(cache_path(out) / name))))
        except OSError:
            stamps.append(None)
    return stamps


def _site_digest(files: Mapping[str, tuple[int, ...]], folders: Iterable[str]) -> str:
    """The published site as one hash: each file by its path and stamp, and each folder."""
    return cache_keys.hash_of(
        *sorted(_named(path, stamp) for path, stamp in files.items()),
        "\0",
        *sorted(_named(folder) for folder in folders),
    )


def _named(name: str, *parts: object) -> bytes:
    """A file's name (which may hold bytes that are not UTF-8, as Python keeps them) and what is
    known of it, to be hashed."""
    return "\0".join([name, *map(str, parts)]).encode("utf-8", "surrogateescape")


def _site_files(out: Path) -> tuple[dict[str, tuple[int, ...]], set[str]]:
    """Every file below ``out`` by its stamp (a link as itself), and every folder."""
    files: dict[str, tuple[int, ...]] = {}
    folders: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    walk(entry.path, f"{name}/")
                else:
                    files[name] = stamp_of(entry.stat(follow_symlinks=False))

    walk(str(out), "")
    return files, folders


def _folders_of(files: Mapping[str, object]) -> set[str]:
    folders = set()
    for path in files:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders
