"""Where guidekit keeps what it remembers between builds of an output folder: a hidden folder beside it
(the build cache, the gate's results, the site before the published one)."""

from __future__ import annotations

from pathlib import Path

CACHE_FOLDER = ".guidekit-cache"


def cache_folder(out: Path) -> Path:
    return out.parent / CACHE_FOLDER
