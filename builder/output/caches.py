"""Where guidekit keeps what it remembers between builds of an output folder: a hidden folder beside
it (the build cache, the gate's results, the site before the published one)."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_FOLDER = ".guidekit-cache"


def cache_folder(out: Path) -> Path:
    return out.parent / CACHE_FOLDER


def file_identity(path: Path | str) -> tuple[int, int, int, int]:
    """A file's device, inode, size and modification time: how a process that builds again tells
    that a file is the one it wrote or read before (a rename, as publishing does, keeps them)."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns
