"""Stage 5, stage: write the whole site into a staging folder beside the output folder."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from . import __version__
from .enrich import Asset
from .pause import pause_point
from .render import Page

MANIFEST = "guidekit-manifest.json"


def staging_dir(out: Path) -> Path:
    """Beside ``out`` so that publishing is a rename on one file system."""
    return out.parent / f".{out.name}.staging"


def stage_site(out: Path, pages: Iterable[Page], assets: Iterable[Asset], files: Mapping[str, str], *, checked: bool) -> Path:
    staging = staging_dir(out)
    if staging.exists():  # left by a build that was killed; we hold the build lock
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    pages = list(pages)
    for page in pages:
        _write(staging / page.site_path, page.html)
    pause_point("stage")
    for asset in assets:
        target = staging / asset.site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)
    for site_path, text in files.items():
        _write(staging / site_path, text)
    manifest = {
        "generator": f"guidekit {__version__}",
        "checked": checked,
        "pages": [{"page": p.site_path, "theme": p.theme, "lang": p.lang, "source": p.source} for p in sorted(pages, key=lambda p: p.site_path)],
    }
    _write(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return staging


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
