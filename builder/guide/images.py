"""How an image a guide shows reaches its reader: as a broken picture (an empty file, or one that is
not the kind of image its name says), or after a long wait on a phone's network."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

# An image is fetched after the page, which is held to 14 KB gzip of HTML, CSS and JS (DESIGN.md)
# so that it arrives in the first round trip on a poor connection. 200 KB is about 1.6 s at
# 1 Mbit/s, a cheap phone on a weak 3G or crowded 4G signal, and more than a picture of a guide
# needs: a photo 1,280 pixels wide (a phone's single column at two device pixels to the CSS pixel)
# is 100–200 KB as a JPEG of quality 80.
HEAVY_IMAGE = 200 * 1024
IMAGE_HEAVY = "image-heavy"  # the one message of these that is a warning: the page still works
# Pillow's name for what each image file name says it holds
_FORMATS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".avif": "AVIF",
}
_EXTENSIONS = {kind: extension for extension, kind in reversed(_FORMATS.items())}
# a phone camera's JPEG that holds a second picture, which browsers show as any JPEG
_SHOWN_AS = {"MPO": "JPEG"}
# images read, each by its path, size and time: many guides may show one, a guide one many times
_REMEMBERED_IMAGES = 4096


def image_problem(path: Path) -> tuple[str, dict[str, object]] | None:
    """The message key and its values for an image file the page would show broken, or that is
    heavy (``IMAGE_HEAVY``); None when it is fine."""
    stat = path.stat()
    if stat.st_size == 0:
        return "image-empty", {}
    extension = path.suffix.lower()
    said = _FORMATS[extension]
    found = image_format(path, stat.st_size, stat.st_mtime_ns)
    if found is None:
        return "image-unreadable", {"kind": said}
    if found != said:
        if found in _EXTENSIONS:
            return "image-wrong-type", {"kind": found, "name": path.stem + _EXTENSIONS[found]}
        return "image-unreadable", {"kind": said}  # a BMP, a TIFF…: browsers may not show them
    if stat.st_size > HEAVY_IMAGE:
        return IMAGE_HEAVY, {"size": file_size(stat.st_size), "limit": file_size(HEAVY_IMAGE)}
    return None


@lru_cache(maxsize=_REMEMBERED_IMAGES)
def image_format(path: Path, size: int, modified: int) -> str | None:
    """The kind of image the file's header says it holds, as Pillow names it; None when it is no
    image Pillow knows. A changed file (``size``, ``modified``) is read again.

    Only the header is read: browsers show what Pillow refuses to decode (Chromium showed a PNG
    whose pixel data failed its checksum, and shows a cut-off picture in part)."""
    from PIL import Image  # imported on first use: most guides show no image

    named = _FORMATS[path.suffix.lower()]
    if named not in Image.registered_extensions().values():
        return named  # a Pillow without AVIF cannot tell: trust the name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = str(image.format)
    except Image.DecompressionBombError:
        return named  # more pixels than Pillow opens: an image all the same
    except (OSError, SyntaxError, ValueError):
        return None
    return _SHOWN_AS.get(kind, kind)


def file_size(size: int) -> str:
    """A weight as the attachment component shows one: 22.5 MB, 480 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{-(-size // 1024)} KB"
