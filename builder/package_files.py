"""The files guidekit is made of, listed the same way in an editable checkout and an installed
wheel.

An installer leaves more in the package than the project wrote: ``pip install`` compiles
``__pycache__/*.pyc``, editors leave swap and backup files. Anything that hashes or discovers the
package's own files (cache keys, the gate's rule set, component discovery) lists them through
``shipped_files`` so that such leftovers never change a key or reach a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_LEFT_BY_TOOLS = (".pyc", ".pyo", "~", ".swp", ".swo", ".orig", ".rej", ".tmp")
# An installed guidekit holds its components, themes and axe-core inside the package folder; a
# checkout keeps the first two beside it and axe-core in node_modules. Walks of the package's own
# code pass over them.
NOT_CODE = frozenset({"components", "themes", "axe_core"})


def is_shipped(entry: Traversable) -> bool:
    """False for hidden entries, bytecode folders and the files editors and installers leave
    behind."""
    name = entry.name
    return not (name.startswith(".") or name == "__pycache__" or name.endswith(_LEFT_BY_TOOLS))


def shipped_files(
    folder: Traversable, suffixes: tuple[str, ...] = ("",), *, leave_out: Collection[str] = ()
) -> list[Traversable]:
    """``folder``'s shipped files ending in one of ``suffixes``, and those of its sub-folders, in a
    stable order; ``leave_out`` names sub-folders of ``folder`` itself to pass over."""
    found: list[Traversable] = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not is_shipped(entry) or entry.name in leave_out:
            continue
        if entry.is_dir():
            found += shipped_files(entry, suffixes)
        elif entry.name.endswith(suffixes):
            found.append(entry)
    return found


_READ_FROM_PACKAGE: list[Any] = []  # filled at import by ``package_cache``, never by a build


def package_cache(function: F) -> F:
    """``functools.cache`` for what is made from guidekit's own files (templates, component specs,
    the keys hashed from them), which depends on nothing else: ``forget_package_files`` drops every
    one, for a process that saw those files change (``guidekit serve`` while guidekit is edited)."""
    cached = cache(function)
    _READ_FROM_PACKAGE.append(cached)
    return cached  # type: ignore[return-value]


def forget_package_files() -> None:
    for cached in _READ_FROM_PACKAGE:
        cached.cache_clear()
