"""What a process that builds again and again (``guidekit serve``) keeps from one build to the
next, so that a rebuild reads back none of the files the last build wrote. A ``guidekit build``
process builds once and starts from an empty ``Session``: everything in it is also on disk, and a
build with an empty session makes the same site, only more slowly.

What is made from guidekit's own files (templates, component specs, the keys hashed from them)
is kept by ``package_files.package_cache`` instead, for every build of the process alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cache_store import CacheState

FileIdentity = tuple[int, int, int, int]  # device, inode, size, modification time (caches.py)


@dataclass
class Session:
    # the build cache of each output folder as the last build saved it, with guidekit's code key
    # then (a cache saved by other code is of no use)
    build_caches: dict[Path, tuple[str, CacheState]] = field(default_factory=dict)
    # the token of the last manifest this process wrote, by the file's identity, which publishing
    # (a rename of its folder) keeps
    manifest_tokens: dict[FileIdentity, str] = field(default_factory=dict)
