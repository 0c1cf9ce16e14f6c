"""Which folder is SOURCE when a command is not told: editors run guidekit in the project folder,
inside the guides folder, or inside one of its language folders."""

from __future__ import annotations

import os
from pathlib import Path

from ..messages import LANGUAGES
from .config import CONFIG_FILE

GUIDES_FOLDER = "guides"  # SOURCE inside a project made by ``guidekit init``
SITE_FOLDER = "site"  # where ``build`` publishes, next to SOURCE


def find_source(start: Path) -> Path | None:
    """SOURCE as seen from ``start``, relative to it: ``start`` itself when it holds guidekit.toml
    or language folders, its ``guides/``, or the guides folder it sits inside. None when there is
    none of these."""
    here = start.resolve()
    if _is_source(here):
        return Path(".")
    if (here / GUIDES_FOLDER).is_dir():
        return Path(GUIDES_FOLDER)
    for up, folder in enumerate(here.parents, start=1):
        if (folder / CONFIG_FILE).is_file() or (here.name in LANGUAGES and up == 1):
            return Path(os.path.relpath(folder, here))
    return None


def site_beside(source: Path) -> Path:
    """The published site's folder when none is given: ``site/`` next to SOURCE (in the project
    folder)."""
    return Path(os.path.relpath(source.resolve().parent / SITE_FOLDER))


def _is_source(folder: Path) -> bool:
    return (folder / CONFIG_FILE).is_file() or any((folder / lang).is_dir() for lang in LANGUAGES)
