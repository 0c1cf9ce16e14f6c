"""Where things are in a published site, the same for every site, and what its pages may load."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote, unquote_to_bytes

GALLERY_INDEX = "components/index.html"
# Every page may load only files of its own site: no inline script or style, no other host, no
# plugins, no <base> rewriting links. A <meta> because the site is static and also opened from disk.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)
FIND_FOLDER = "find"  # the search page and the other ways in, one folder per language
STATEMENT_FOLDER = "accessibility"  # the accessibility statement and the conformance reports


# an empty, "." or ".." step (a leading "/" is an empty one), a backslash or a control character
_LEAVES_THE_SITE = re.compile(r"(?:^|/)\.{0,2}(?:/|$)|[\\\x00-\x1f]")


def inside_the_site(site_path: str) -> bool:
    """Whether ``site_path`` names a file in the site folder: a step ".." would write above it."""
    return _LEAVES_THE_SITE.search(site_path) is None


def statement_path(lang: str) -> str:
    """The accessibility statement in ``lang``, below a theme's folder:
    ``accessibility/en.html``."""
    return f"{STATEMENT_FOLDER}/{lang}.html"


def in_site(path: str, root_path: str) -> str:
    """A decoded path on the site's server as a path from the site folder's root: a site below a
    path (``base_url``'s, ``/qc/``) is served there, so ``/qc/zh-Hans/a.html`` is
    ``/zh-Hans/a.html``; any other path is the folder's own."""
    if root_path != "/" and path.startswith(root_path):
        return "/" + path[len(root_path) :]
    return path


def file_named_by(path: str, holds: Callable[[str], bool]) -> str:
    """The file a path on the site's server names (from the site folder's root, without its
    leading "/"), as web servers answer it: a folder's address (``""``, ``"apply/"``) names its
    index.html, and so does one without its last slash (``"zh"``, which servers send on to
    ``"zh/"``) when the folder has one. ``holds``: whether the site has a file at a path."""
    if path in ("", ".") or path.endswith("/") or (not holds(path) and holds(f"{path}/index.html")):
        return posixpath.join("" if path == "." else path, "index.html")
    return path


def root_of(site_path: str) -> str:
    """The relative way back to the site root, so pages also work opened from disk."""
    return "../" * site_path.count("/")


def names_the_top(fragment: str) -> bool:
    """Whether a link's #fragment (decoded) is ``top`` in any case, which takes a browser to the top
    of the page whether or not an element is named so (the HTML standard's fragment rules)."""
    return fragment.isascii() and fragment.lower() == "top"


def public_url(base_url: str, site_path: str) -> str:
    """A page's address on the public site (``base_url``), for machines to read (canonical link,
    sitemap, JSON-LD, robots.txt): percent-encoded, as a URL must be, so a space or a Chinese
    character in a file name or in ``base_url``'s path does not end or break it."""
    # what base_url already encodes (%XX) and its delimiters stay; spaces and non-ASCII are encoded
    base = quote(base_url.rstrip("/"), safe=":/?#[]@!$&'()*+,;=%~")
    return base + "/" + quote(site_path)


_ENCODED = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def printed_url(base_url: str, site_path: str) -> str:
    """A page's address as printed on paper, for a reader to type: ``public_url``'s, with each
    character a reader can read and type as it looks shown as itself (办事, 居住), which a browser
    encodes back into exactly ``public_url``'s address. A space stays %20 (on paper it cannot be
    told from a line break, and an address bar searches for text with one), and so do characters
    that are invisible or look like others (a full-width ／, a zero-width space)."""
    return _ENCODED.sub(_readable, public_url(base_url, site_path))


def _readable(encoded: re.Match[str]) -> str:
    try:
        text = unquote_to_bytes(encoded.group(0)).decode("utf-8")
    except UnicodeDecodeError:
        return encoded.group(0)  # not UTF-8: no character to show
    return "".join(
        character
        if not character.isascii()
        and character.isprintable()  # no space, control or invisible format character
        and unicodedata.normalize("NFKC", character) == character  # no full-width look-alike
        else quote(character, safe="")
        for character in text
    )
