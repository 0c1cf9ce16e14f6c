"""Where an element of a page guidekit did not write stands in that page's HTML: the line its
developer opens to fix it (``about.html:12``), as a guide's findings name a Markdown line.

The browser keeps no source positions, so each check script names an element by its tag, its
place among the page's elements of that tag and its id (probe.js ``origin``), and the page's own
bytes are read again here, tag by tag. A line is given only when the two agree: the page has as
many elements of that tag as its HTML writes (no script added or removed one, no ``<tbody>`` the
parser supplied) and the element's id, if any, is the one written at that place. Otherwise the
finding names the page alone, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from html.parser import HTMLParser
from typing import Any


class SourceLines:
    """The written start tags of one page, in document order, each with its line and id."""

    def __init__(self, markup: bytes) -> None:
        self.markup = markup

    @cached_property
    def _tags(self) -> dict[str, list[tuple[int, str | None]]]:
        reader = _StartTags()
        # one character a byte: every line ends where the page's own encoding ends it
        reader.feed(self.markup.decode("latin-1"))
        reader.close()
        return reader.tags

    def line_of(self, where: Mapping[str, Any]) -> int | None:
        """The line of the element ``where`` describes, when the page's HTML shows it for sure."""
        tag, place, count = where.get("tag"), where.get("place"), where.get("count")
        if not isinstance(tag, str) or not isinstance(place, int) or not isinstance(count, int):
            return None
        written = self._tags.get(tag, [])
        if len(written) != count or not 0 <= place < count:
            return None
        line, written_id = written[place]
        return line if written_id == (where.get("id") or None) else None


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, list[tuple[int, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written_id = next((value for name, value in attrs if name == "id"), None) or None
        self.tags.setdefault(tag, []).append((self.getpos()[0], written_id))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
