"""Stage 5, stage: write the whole site into a staging folder beside the output folder.

Pages and files the published site already holds byte for byte (``KeptPage``, ``KeptFile``) are
hard-linked from it: a rebuild after one edit writes a handful of files, and the staging folder is still
a whole site that can be checked and swapped in at once.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .caches import cache_folder, file_identity
from .enrich import Asset
from .pause import pause_point
from .render import KeptFile, KeptPage, Page

MANIFEST = "guidekit-manifest.json"


class KeptFileMissing(RuntimeError):
    """A file the build cache counted on is gone from the published site (removed by hand)."""


def staging_dir(out: Path) -> Path:
    """Beside ``out`` so that publishing is a rename on one file system."""
    return out.parent / f".{out.name}.staging"


def published_token(out: Path) -> str | None:
    """The token of the site published in ``out``: the build cache keeps pages of that site only."""
    manifest = out / MANIFEST
    try:
        known = _tokens.get(file_identity(manifest))
        token = known if known is not None else json.loads(manifest.read_text("utf-8")).get("token")
    except (OSError, ValueError, AttributeError):
        return None
    return token if isinstance(token, str) else None


# The tokens of manifests this process wrote, by the file's identity, which publishing (a rename of
# its folder) keeps: a process that builds again need not read back the manifest it wrote.
_tokens: dict[tuple[int, int, int, int], str] = {}


@dataclass(frozen=True)
class Spare:
    """The site published before the current one, kept by the last build (in the cache folder) so the
    next build stages into it: it differs from the published site only in the files that build wrote,
    so a rebuild after one edit touches a handful of files instead of linking thousands."""

    folder: Path
    note: Path  # the files the last build wrote, and the site it published; written last, so a spare without it is not trusted

    @classmethod
    def of(cls, out: Path) -> Spare:
        folder = cache_folder(out) / f"spare-{out.name}"
        return cls(folder, folder.with_name(folder.name + ".json"))

    def keep(self, written: Iterable[str], published: str) -> None:
        """After a publish moved the previous site into ``folder``."""
        self.note.write_text(json.dumps({"published": published, "written": sorted(written)}, ensure_ascii=False), "utf-8")

    def take(self, staging: Path, published: str | None) -> set[str] | None:
        """Move the spare to ``staging``; the paths in it that differ from the published site, or None
        when there is no spare to trust (then ``staging`` does not exist)."""
        try:
            note = json.loads(self.note.read_text("utf-8"))
            self.note.unlink()  # the spare changes from here on: a build killed on the way must not trust it
        except (OSError, ValueError):
            note = None
        if not isinstance(note, dict) or published is None or note.get("published") != published or not self.folder.is_dir():
            shutil.rmtree(self.folder, ignore_errors=True)
            return None
        os.rename(self.folder, staging)
        return set(note["written"])


def stage_site(out: Path, pages: Iterable[Page | KeptPage], assets: Iterable[Asset], files: Mapping[str, str | KeptFile], *,
               checked: bool, token: str, spare: Spare | None = None, published: str | None = None) -> tuple[Path, set[str]]:
    """The staging folder and the paths written in it (the others are the published site's files).
    ``spare``: stage into the previous site the last build kept, when it belongs to the ``published`` token."""
    staging = staging_dir(out)
    if staging.exists():  # left by a build that was killed; we hold the build lock
        shutil.rmtree(staging)
    stale = spare.take(staging, published) if spare is not None else None
    staged, published_folder = f"{staging}/", f"{out}/"  # plain strings: thousands of paths are joined here
    if stale is None:
        staging.mkdir(parents=True)
        present: set[str] = set()
        stale = set()
    else:
        present = _files_below(staged)
    folders = {""}
    written: set[str] = set()

    def place(site_path: str) -> str:
        """The path to put ``site_path`` at, free: the spare's file there may be the published one (a hard link)."""
        if site_path in present:
            present.discard(site_path)
            os.unlink(staged + site_path)
        else:
            folder = site_path.rpartition("/")[0]
            if folder not in folders:
                os.makedirs(staged + folder, exist_ok=True)
                folders.add(folder)
        return staged + site_path

    def keep(site_path: str) -> None:
        if site_path in present and site_path not in stale:  # the spare holds the published file already
            present.discard(site_path)
            return
        try:
            os.link(published_folder + site_path, place(site_path))
        except FileNotFoundError:
            raise KeptFileMissing(site_path) from None
        except OSError:  # a file system without hard links
            shutil.copyfile(published_folder + site_path, place(site_path))

    def write(site_path: str, text: str) -> None:
        with open(place(site_path), "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        written.add(site_path)

    pages = list(pages)
    for page in pages:
        if isinstance(page, KeptPage):
            keep(page.site_path)
        else:
            write(page.site_path, page.html)
    pause_point("stage")
    for asset in assets:
        shutil.copyfile(asset.source, place(asset.site_path))
        written.add(asset.site_path)
    for site_path, text in files.items():
        if isinstance(text, KeptFile):
            keep(site_path)
        else:
            write(site_path, text)
    manifest = {
        "generator": f"guidekit {__version__}",
        "checked": checked,
        "token": token,
        "pages": [{"page": p.site_path, "theme": p.theme, "lang": p.lang, "source": p.source} for p in sorted(pages, key=lambda p: p.site_path)],
    }
    # unindented: the C encoder, ten times faster
    write(MANIFEST, json.dumps(manifest, ensure_ascii=False, sort_keys=True) + "\n")
    _tokens.clear()  # only the newest is of use
    _tokens[file_identity(staged + MANIFEST)] = token
    _remove(staging, present)  # the spare's files the new site no longer has
    return staging, written


def _files_below(root: str) -> set[str]:
    """Every file below ``root`` (ending in '/'), relative to it."""
    found = set()
    for folder, _, names in os.walk(root):
        below = folder[len(root):]
        found.update(f"{below}/{name}" if below else name for name in names)
    return found


def _remove(staging: Path, site_paths: Iterable[str]) -> None:
    for site_path in site_paths:
        os.unlink(staging / site_path)
        folder = (staging / site_path).parent
        while folder != staging and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
