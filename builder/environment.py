"""Problems of the machine rather than of the guides: a full disk, a name too long for the file
system, a loop of symbolic links, a folder that cannot be written or is a file, a file name that is
not UTF-8. Each becomes one finding that names the path, in the editor's language, instead of an
internal error."""

from __future__ import annotations

import errno
import re
from pathlib import Path

from .findings import Finding
from .messages import error_text, os_reason

# The message for each kind of problem; anything else gets the general one with the system's own
# words.
_KEYS = {
    errno.ENOSPC: "env-disk-full",
    errno.EDQUOT: "env-disk-full",
    errno.EFBIG: "env-disk-full",
    errno.ENAMETOOLONG: "env-name-too-long",
    errno.ELOOP: "env-link-loop",
    errno.EACCES: "env-not-writable",
    errno.EPERM: "env-not-writable",
    errno.EROFS: "env-not-writable",
    errno.ENOTDIR: "env-not-a-folder",
    errno.EEXIST: "env-not-a-folder",
}
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A file name as a message can print it: control characters and bytes that are not UTF-8
    written as escapes."""
    return _UNPRINTABLE.sub(lambda match: _escaped(match.group()), name)


def _escaped(character: str) -> str:
    if (
        "\udc80" <= character <= "\udcff"
    ):  # a byte that is not UTF-8, as the file system's names keep it
        return f"\\x{ord(character) - 0xDC00:02x}"
    return repr(character)[1:-1]


def environment_finding(error: OSError | UnicodeError, lang: str, out: Path) -> Finding:
    """The finding for a problem the build met on the machine; it names the path when the system
    did."""
    if isinstance(error, UnicodeError):
        path = getattr(error, "object", "")
        path = path if isinstance(path, str) else ""
        return Finding(
            rule="environment-name-not-utf8",
            file=shown_name(path) or None,
            message=error_text("env-name-not-utf8", lang, path=shown_name(path), out=out),
        )
    path = shown_name(str(error.filename)) if error.filename is not None else str(out)
    key = _KEYS.get(error.errno or 0, "env-other")
    return Finding(
        rule=f"environment-{key.removeprefix('env-')}",
        file=path,
        message=error_text(key, lang, path=path, reason=os_reason(error, lang), out=out),
    )
