"""Stage 4, after the layout: text a page takes from front-matter fields (a place's name, its
address, a material) in another language than the page gets a ``lang`` of its own, as WCAG 3.1.2
asks. An editor marks a phrase in the Markdown (``[青川市社保服务中心]{lang=zh-Hans}``), which lint
and the gate ask for; YAML has no such mark, so an English guide's Chinese place name was refused
at a template no editor can change."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from markupsafe import Markup, escape

from ..gate.language import foreign_runs

# Text in these is not language, as the gate reads a page (builder/gate/js/language.js)
_NOT_LANGUAGE = frozenset(
    {"script", "style", "noscript", "template", "code", "pre", "kbd", "samp", "var", "title"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def needs_marks(texts: Iterable[str], lang: str) -> bool:
    """Whether any of a guide's front-matter ``texts`` is in another language than ``lang``: most
    guides have none, and their pages are left as the layout wrote them."""
    # one text: neither a stretch of Chinese nor an English phrase runs over a line break
    return bool(foreign_runs(lang, "\n".join(texts)))


def marked_text(text: str, lang: str) -> str:
    """``text`` in a page in ``lang``, each stretch of it in another language in a
    ``<span lang>`` (as Markup); ``text`` itself when it has none. For what an editor writes where
    Markdown has no ``{lang=…}``: a component's title on its fence line."""
    runs = foreign_runs(lang, text)
    if not runs:
        return text
    pieces, position = [], 0
    for start, end, other in runs:
        pieces += [
            escape(text[position:start]),
            Markup('<span lang="{}">{}</span>').format(other, text[start:end]),
        ]
        position = end
    return Markup("").join([*pieces, escape(text[position:])])


def marked(html: str) -> str:
    """``html`` with each stretch of text in another language than the element it stands in marked
    with a ``<span lang>``; text traced to the editor's Markdown (``data-line``) is left to them."""
    reader = _TextReader(html)
    reader.feed(html)
    reader.close()
    pieces, position = [], 0
    for start, end, lang in reader.found:
        pieces += [html[position:start], f'<span lang="{lang}">', html[start:end], "</span>"]
        position = end
    return "".join(pieces) + html[position:]


class _TextReader(HTMLParser):
    """Finds, in the page's text nodes, the stretches in another language than their element's."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)  # positions in the source, not in decoded text
        # where each line starts: the parser counts lines at "\n" only
        self.line_starts = [0] + [newline.end() for newline in re.finditer("\n", html)]
        self.open: list[tuple[str, str, bool]] = []  # tag, its lang, whether its text is left
        self.found: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        attributes = dict(attrs)
        lang, left = self.open[-1][1:] if self.open else ("", False)
        left = left or tag in _NOT_LANGUAGE or "data-line" in attributes
        self.open.append((tag, attributes.get("lang") or lang, left))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self.open or self.open[-1][2]:
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        self.found += [
            (start + begin, start + end, lang)
            for begin, end, lang in foreign_runs(self.open[-1][1], data)
        ]
