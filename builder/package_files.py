"""The files guidekit is made of, listed the same way in an editable checkout and an installed
wheel.

An installer leaves more in the package than the project wrote: ``pip install`` compiles
``__pycache__/*.pyc``, editors leave swap and backup files. Anything that hashes or discovers the
package's own files (cache keys, the gate's rule set, component discovery) lists them through
``shipped_files`` so that such leftovers never change a key or reach a reader.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib.resources.abc import Traversable

_LEFT_BY_TOOLS = (".pyc", ".pyo", "~", ".swp", ".swo", ".orig", ".rej", ".tmp")
# An installed guidekit holds its components, themes and axe-core inside the package folder; a
# checkout
# keeps the first two beside it and axe-core in node_modules. Walks of the package's own code pass
# over them.
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
    stable order;
    ``leave_out`` names sub-folders of ``folder`` itself to pass over."""
    found: list[Traversable] = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not is_shipped(entry) or entry.name in leave_out:
            continue
        if entry.is_dir():
            found += shipped_files(entry, suffixes)
        elif entry.name.endswith(suffixes):
            found.append(entry)
    return found
