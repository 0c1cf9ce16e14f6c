"""Phase 6, publish: swap the checked staging folder into place, atomically, under a build lock."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..pause import pause_point
from .stage import MANIFEST, read_manifest

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class BuildLocked(RuntimeError):
    """Another build holds the lock on this output folder."""


UNKNOWN_FILES_SHOWN = 10  # the message names this many; the count says how many more there are


class UnsafeOutput(RuntimeError):
    """Publishing into this folder would destroy something that is not a guidekit site."""

    def __init__(self, key: str, **details: object) -> None:
        super().__init__(key)
        self.key = key  # the message in errors.yml
        self.details = details  # its arguments besides the folder


def check_output(out: Path, source: Path) -> None:
    """Publishing replaces OUT wholesale, so OUT must be new, an empty folder, or a site guidekit
    built: its manifest is valid and lists every file the folder holds (files that went missing
    since are no loss)."""
    if source.resolve().is_relative_to(out.resolve()):
        raise UnsafeOutput("out-holds-source")
    if out.exists() and not out.is_dir():  # the swap would delete it
        raise UnsafeOutput("out-is-a-file")
    if not out.is_dir() or not any(out.iterdir()):
        return
    manifest = read_manifest(out)
    listed = set() if manifest is None else set(manifest.files) | {MANIFEST}
    unknown = sorted(folder_files(out) - listed)
    if manifest is None or unknown:
        shown = tuple(unknown[:UNKNOWN_FILES_SHOWN])
        key = "out-not-a-site" if manifest is None else "out-unknown-files"
        raise UnsafeOutput(key, files=shown, count=len(unknown))


def folder_files(folder: Path) -> set[str]:
    """Every file and symbolic link below ``folder``, relative to it, with forward slashes (links
    are not followed)."""
    found: set[str] = set()
    root = str(folder)
    for parent, folders, names in os.walk(root):
        below = os.path.relpath(parent, root)
        prefix = "" if below == "." else below.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
        found.update(
            prefix + name for name in folders if os.path.islink(os.path.join(parent, name))
        )
    return found


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(str(out)) from None
        yield


def publish(staging: Path, out: Path, keep_previous: Path | None = None) -> bool:
    """Make ``staging`` the new ``out``. Readers see the old site or the new one, never a mix.

    The previous site is removed, or moved to ``keep_previous`` (the next build stages into it).
    Returns whether there was a previous site."""
    pause_point("publish")
    if not out.exists():
        os.rename(staging, out)
        return False
    _keep_access(out, staging)
    if _exchange(staging, out):
        pause_point("swapped")
        try:
            _set_aside(staging, keep_previous)  # it now holds the previous site
        except OSError:
            pass  # the new site is in place: what is left of the previous one goes with the staging
        return True
    # No atomic exchange on this file system: two renames, with a window where `out` is missing
    # (a build killed inside it is repaired by the next build's recover()).
    previous = _previous(out)
    if previous.exists():
        shutil.rmtree(previous)
    os.rename(out, previous)
    os.rename(staging, out)
    _set_aside(previous, keep_previous)
    return True


def _keep_access(out: Path, staging: Path) -> None:
    """The new site's folder gets the published one's permissions and group (a web server's group,
    setgid), which the operator set on it; as far as this user may give them."""
    with contextlib.suppress(OSError):
        before = os.stat(out)
        if os.stat(staging).st_gid != before.st_gid:  # first: a change of group may clear setgid
            os.chown(staging, -1, before.st_gid)
        os.chmod(staging, stat.S_IMODE(before.st_mode))


def _set_aside(previous: Path, keep: Path | None) -> None:
    if keep is None:
        shutil.rmtree(previous)
        return
    if keep.exists():
        shutil.rmtree(keep)
    keep.parent.mkdir(parents=True, exist_ok=True)
    os.rename(previous, keep)


def recover(out: Path) -> None:
    """Undo what a build killed halfway through a non-atomic publish left: the previous site
    returns."""
    previous = _previous(out)
    if previous.is_dir():
        if out.exists():
            shutil.rmtree(previous)
        else:
            os.rename(previous, out)


def _previous(out: Path) -> Path:
    return out.parent / f".{out.name}.previous"


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Linux renameat2(RENAME_EXCHANGE): swap two directories in one step."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))
