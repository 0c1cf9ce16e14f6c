"""Phase 4, stage: write the whole site into a staging folder beside the output folder.

Pages and files the published site already holds byte for byte (``KeptPage``, ``KeptFile``) are
hard-linked from it: a rebuild after one edit writes a handful of files, and the staging folder is
still a whole site that can be checked and swapped in at once.

Nothing is kept on trust in a name. Every page and file a build stages is recorded with the hash of
its bytes and its stamp (size, device, inode, modification and change time) as it stands in the
staging folder, which publishing renames into place. A later build keeps a published file only when
its stamp is the recorded one, or else its bytes hash to the recorded hash: any write changes the
change time (which no program can set back), so an edit in place, a truncation or a replacement is
seen without reading the files nobody touched. A file that fails is a ``KeptFileChanged``, and the
build makes everything again. The spare (the site before the published one, whose unchanged files
are the published files' inodes) is reused file by file only where its file has the recorded stamp,
which also means it is still the published inode.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat as stat_module
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .. import __version__
from ..guide.enrich import Asset
from ..pages import KeptFile, KeptPage, Page
from ..pause import pause_point
from ..site_paths import inside_the_site
from .caches import cache_folder, file_identity
from .session import FileIdentity

MANIFEST = "guidekit-manifest.json"

Stamp = tuple[int, int, int, int, int]  # size, device, inode, modification and change time (ns)
FileRecord = tuple[str, int, int, int, int, int]  # sha256 of the bytes, then the Stamp
_WRITERS = 4


class OutsideTheSite(ValueError):
    """A path to write that would leave the staging folder: what made it was not checked."""


class KeptFileChanged(RuntimeError):
    """A file the build cache counted on is gone from the published site, or is not what was
    published."""


class Manifest(BaseModel):
    """``guidekit-manifest.json``: what a folder must hold to be a site guidekit may replace."""

    model_config = ConfigDict(strict=True)

    generator: str
    checked: bool
    token: str
    files: list[str]  # every file of the site but the manifest
    # the path base_url puts the site under ("/qc/"), where its 404 page's addresses start; the
    # gate serves the site there too (sites built before it was written: "/")
    root_path: str = "/"


def read_manifest(out: Path) -> Manifest | None:
    """The manifest of the site in ``out``; None when there is none, or it is damaged or from an
    older guidekit."""
    try:
        return Manifest.model_validate_json((out / MANIFEST).read_bytes())
    except (OSError, ValidationError):
        return None


def staging_dir(out: Path) -> Path:
    """Beside ``out`` so that publishing is a rename on one file system."""
    return out.parent / f".{out.name}.staging"


def published_token(out: Path, written: Mapping[FileIdentity, str]) -> str | None:
    """The token of the site published in ``out``: the build cache keeps pages of that site only.
    ``written``: the tokens of manifests this process wrote (``Staged.manifest``), by the file's
    identity, which publishing (a rename of its folder) keeps: a process that builds again need
    not read back the manifest it wrote."""
    try:
        known = written.get(file_identity(out / MANIFEST))
    except OSError:
        return None
    if known is not None:
        return known
    manifest = read_manifest(out)
    return manifest.token if manifest else None


@dataclass(frozen=True)
class Spare:
    """The site published before the current one, kept by the last build (in the cache folder) so
    the next build stages into it: it differs from the published site only in the files that build
    wrote, so a rebuild after one edit touches a handful of files instead of linking thousands."""

    folder: Path
    # the files the last build wrote, and the site it published; written last, so a spare without
    # it is not trusted
    note: Path

    @classmethod
    def of(cls, out: Path) -> Spare:
        folder = cache_folder(out) / f"spare-{out.name}"
        return cls(folder, folder.with_name(folder.name + ".json"))

    def keep(self, written: Iterable[str], published: str) -> None:
        """After a publish moved the previous site into ``folder``."""
        self.note.write_text(
            json.dumps({"published": published, "written": sorted(written)}, ensure_ascii=False),
            "utf-8",
        )

    def take(self, staging: Path, published: str | None) -> set[str] | None:
        """Move the spare to ``staging``; the paths in it that differ from the published site, or
        None when there is no spare to trust (then ``staging`` does not exist)."""
        try:
            note = _SpareNote.model_validate_json(self.note.read_bytes())
            # the spare changes from here on: a build killed on the way must not trust it
            self.note.unlink()
        except (OSError, ValidationError):
            note = None
        if (
            note is None
            or published is None
            or note.published != published
            or not self.folder.is_dir()
            or self.folder.is_symlink()
        ):
            _remove_tree(self.folder)
            return None
        os.rename(self.folder, staging)
        return set(note.written)


class _SpareNote(BaseModel):
    model_config = ConfigDict(strict=True)

    published: str
    written: list[str]


@dataclass
class Staged:
    """A staging folder with a whole site in it."""

    folder: Path
    written: set[str] = field(
        default_factory=set
    )  # the paths written (the others are the published site's files)
    records: dict[str, FileRecord] = field(
        default_factory=dict
    )  # every page and file a later build may keep
    manifest: FileIdentity | None = None  # the identity of the manifest written


def _remove_tree(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def stamp_of(found: os.stat_result) -> Stamp:
    return found.st_size, found.st_dev, found.st_ino, found.st_mtime_ns, found.st_ctime_ns


def _sha256_of(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def verify_published(path: str, record: FileRecord) -> None:
    """Raise ``KeptFileChanged`` unless the file at ``path`` holds what ``record`` says was
    published: its stamp is the recorded one, or else its bytes are (a copy, or a file touched but
    not changed)."""
    try:
        found = os.lstat(path)
        if stamp_of(found) == record[1:]:
            return
        if (
            stat_module.S_ISREG(found.st_mode)
            and found.st_size == record[1]
            and _sha256_of(path) == record[0]
        ):
            return
    except OSError:
        pass
    raise KeptFileChanged(path)


def stage_site(
    out: Path,
    pages: Iterable[Page | KeptPage],
    assets: Iterable[Asset],
    files: Mapping[str, str | KeptFile],
    *,
    checked: bool,
    token: str,
    root_path: str = "/",
    spare: Spare | None = None,
    published: str | None = None,
    records: Mapping[str, FileRecord] | None = None,
) -> Staged:
    """Stage the whole site. ``spare``: stage into the previous site the last build kept, when it
    belongs to the ``published`` token. ``records``: what the build that published the site in
    ``out`` recorded of each file; a kept page or file is taken from there only when it is still
    what was published. ``root_path``: the path the site is served under, for the manifest."""
    records = records or {}
    staged = Staged(staging_dir(out))
    staging = staged.folder
    if (
        staging.exists() or staging.is_symlink()
    ):  # left by a build that was killed; we hold the build lock
        _remove_tree(staging)
    stale = spare.take(staging, published) if spare is not None else None
    staged_prefix, published_folder = (
        f"{staging}/",
        f"{out}/",
    )  # plain strings: thousands of paths are joined here
    if stale is None:
        staging.mkdir(parents=True)
        present: set[str] = set()
        stale = set()
    else:
        present = _files_below(staged_prefix)
    folders = {""}
    site_paths: set[str] = set()

    def place(site_path: str) -> str:
        """The path to put ``site_path`` at, free: the spare's file there may be the published one
        (a hard link)."""
        if not inside_the_site(site_path):
            raise OutsideTheSite(f"{site_path!r} would be written outside the site")
        site_paths.add(site_path)
        if site_path in present:
            present.discard(site_path)
            os.unlink(staged_prefix + site_path)
        else:
            folder = site_path.rpartition("/")[0]
            if folder not in folders:
                os.makedirs(staged_prefix + folder, exist_ok=True)
                folders.add(folder)
        return staged_prefix + site_path

    def keep(site_path: str) -> None:
        record = records.get(site_path)
        if record is None:
            raise KeptFileChanged(site_path)
        target = staged_prefix + site_path
        if (
            site_path in present
            and site_path not in stale
            and stamp_of(os.lstat(target)) == record[1:]
        ):
            present.discard(site_path)  # the spare holds the published file already, untouched
            site_paths.add(site_path)
            staged.records[site_path] = record
            return
        verify_published(published_folder + site_path, record)
        try:
            os.link(published_folder + site_path, place(site_path))
        except FileNotFoundError:
            raise KeptFileChanged(site_path) from None
        except OSError:  # a file system without hard links
            shutil.copyfile(published_folder + site_path, target)
        staged.records[site_path] = (
            record[0],
            *stamp_of(os.lstat(target)),
        )  # linking changed its change time

    def write(texts: Mapping[str, str]) -> None:
        """Files are written a few at a time: creating a file costs the kernel more than writing
        it, and the other cores are idle while the site is staged."""
        paths = [place(site_path) for site_path in texts]
        with ThreadPoolExecutor(_WRITERS) as writers:
            records = writers.map(_write_file, paths, texts.values())
            staged.records.update(zip(texts, records, strict=True))
        staged.written.update(texts)

    pages = list(pages)
    for page in pages:
        if isinstance(page, KeptPage):
            keep(page.site_path)
    write({page.site_path: page.html for page in pages if isinstance(page, Page)})
    pause_point("stage")
    for asset in assets:
        shutil.copyfile(asset.source, place(asset.site_path))
        staged.written.add(asset.site_path)
    for site_path, text in files.items():
        if isinstance(text, KeptFile):
            keep(site_path)
    write({site_path: text for site_path, text in files.items() if isinstance(text, str)})
    manifest = {
        "generator": f"guidekit {__version__}",
        "checked": checked,
        "token": token,
        "root_path": root_path,
        "pages": [
            {"page": p.site_path, "theme": p.theme, "lang": p.lang, "source": p.source}
            for p in sorted(pages, key=lambda p: p.site_path)
        ],
        "files": sorted(site_paths),
    }
    # unindented: the C encoder, ten times faster
    write({MANIFEST: json.dumps(manifest, ensure_ascii=False, sort_keys=True) + "\n"})
    del staged.records[MANIFEST]  # made again by every build
    staged.manifest = file_identity(staged_prefix + MANIFEST)
    _remove(staging, present)  # the spare's files the new site no longer has
    return staged


def _write_file(path: str, text: str) -> FileRecord:
    data = text.encode()
    with open(path, "wb") as file:
        file.write(data)
        file.flush()
        found = os.fstat(file.fileno())
    return (hashlib.sha256(data).hexdigest(), *stamp_of(found))


def _files_below(root: str) -> set[str]:
    """Every file below ``root`` (ending in '/'), relative to it. A symbolic link to a folder is
    removed: the build would write through it."""
    found: set[str] = set()
    for folder, folders, names in os.walk(root):
        for name in [name for name in folders if os.path.islink(os.path.join(folder, name))]:
            os.unlink(os.path.join(folder, name))
            folders.remove(name)
        below = folder[len(root) :]
        found.update(f"{below}/{name}" if below else name for name in names)
    return found


def _remove(staging: Path, site_paths: Iterable[str]) -> None:
    for site_path in site_paths:
        os.unlink(staging / site_path)
        folder = (staging / site_path).parent
        while folder != staging and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
