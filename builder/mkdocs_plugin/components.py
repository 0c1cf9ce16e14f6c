"""guidekit's components as a Python-Markdown extension: ``::: name`` containers in any
Python-Markdown text.

    markdown.markdown(text, extensions=["guidekit_components"])

A container is written as in a guide (``::: warning`` … ``:::``) and becomes the same HTML, made by
the same component macro (guidekit.jinja), with its params filled the way ``markdown:`` in the
component's component.yml says. The extension also marks the elements an editor wrote (images,
links, headings, tables, components) with ``data-line``, their line in the source file, and the
HTML written among the Markdown with ``data-html-line``, so the gate's findings name the line.
Problems (an unknown component, wrong params) are kept in
``problems`` as findings with file and line; the MkDocs plugin reports them with the gate's.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.serializers import _escape_cdata, to_html_string
from markdown.treeprocessors import Treeprocessor
from markdown_it import MarkdownIt
from markupsafe import Markup

from ..component_registry import (
    Component,
    ComponentParamsError,
    call_macro,
    markdown_components,
    registry,
)
from ..findings import Finding
from ..guide.markdown_html import LINK_IN_TEXT, LONE_LINK, item_marker
from ..guide.parse import LINE_ATTRIBUTE
from ..jinja import install
from ..messages import best_language, catalogue, error_text, list_text

log = logging.getLogger("guidekit.markdown")

_OPEN = re.compile(r"^ {0,3}(:{3,})[ \t]*([A-Za-z][\w-]*)(?:[ \t]+(.*?))?[ \t]*$")
_OPEN_INDENTED = re.compile(
    r"^\s*:{3,}[ \t]*([A-Za-z][\w-]*)(?:[ \t]+.*)?$"
)  # inside list items too
_CLOSE = re.compile(r"^ {0,3}(:{3,})[ \t]*$")
_COMPONENT = (
    "data-gk-component"  # the placeholder element of a container, until its component replaces it
)
_ARGUMENT = "data-gk-argument"
# on each start tag of HTML written among the Markdown: its line (probe.js reads it)
HTML_LINE_ATTRIBUTE = "data-html-line"
_WRITTEN = (
    "data-gk-written"  # a link's href as written, before MkDocs makes it relative to the page's URL
)
# Elements traced to their line, by the attribute the editor wrote (None: by their text)
_TRACED = {
    "img": "src",
    "a": "href",
    "h1": None,
    "h2": None,
    "h3": None,
    "h4": None,
    "h5": None,
    "h6": None,
    "table": None,
    "p": None,
    "li": None,
}
_MKDOCSTRINGS = (
    "mkdocstrings"  # the name mkdocstrings registers its `::: identifier` block processor under
)
_TEXT_KEY = 12  # a paragraph or list item is found by the first characters of its own text
_ADMONITION = re.compile(r"^\s*!!!\s*[\w-]")  # Python-Markdown's admonition: !!! note "Title"
# admonition kinds that warn, or give an example; every other kind (note, tip, info…) informs
_ADMONITION_COMPONENTS = dict.fromkeys(
    ("warning", "caution", "attention", "danger", "error", "failure", "bug"), "warning"
) | {"example": "example"}


@dataclass
class _Page:
    """What the extension knows about the text being converted (one per Markdown instance)."""

    # the text's lines with its code and HTML comments blanked out: where elements are looked for
    lines: list[str] = field(default_factory=list)
    openers: list[int] = field(
        default_factory=list
    )  # source lines (0-based) of the containers, in order
    opened: int = 0  # containers the block parser has met so far
    admonitions: list[int] = field(default_factory=list)  # source lines of ``!!! kind`` openers


class GuidekitComponentsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "lang": ["zh-Hans", "Language of the components' own words: zh-Hans, zh-Hant or en."],
            "source": ["", "The file being converted, as findings name it (e.g. docs/index.md)."],
            "line_offset": [
                0,
                "Lines of the file before the text (front matter MkDocs has taken off).",
            ],
            "folder": ["", "The folder of the file: a linked attachment's size is measured there."],
            "log": [True, "Log each problem as a warning (the MkDocs plugin reports them itself)."],
            "admonitions": [
                False,
                "Make admonitions (!!! note) guidekit's information, warning and example "
                "components (theme: guidekit, whose stylesheet has no rules for admonitions).",
            ],
        }
        super().__init__(**kwargs)
        self.problems: list[Finding] = []
        self._environment: Environment | None = None

    def for_page(self, *, source: str, line_offset: int, folder: str, lang: str) -> None:
        """The MkDocs plugin names each page before Python-Markdown converts it."""
        self.setConfigs(
            {"source": source, "line_offset": line_offset, "folder": folder, "lang": lang}
        )

    def environment(self) -> Environment:
        if self._environment is None:
            self._environment = install(Environment(autoescape=True))
        return self._environment

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        page = _Page()
        md.preprocessors.register(_SourceLines(md, page), "guidekit_source_lines", 40)
        md.parser.blockprocessors.register(
            _Containers(md.parser, self, page), "guidekit_components", 105
        )
        if self.getConfig("admonitions"):
            # after the inline processor (20), so a title's text is final
            md.treeprocessors.register(_Admonitions(md, self, page), "guidekit_admonitions", 19.5)
        md.treeprocessors.register(
            _SourceLineAttributes(md, self, page), "guidekit_source_lines", 19
        )
        md.treeprocessors.register(_WrittenHtml(md, self, page), "guidekit_written_html", 18.5)
        md.treeprocessors.register(_TableNames(md), "guidekit_table_names", 18)
        # before links (160): [text] followed by {lang=…} is no reference link
        md.inlinePatterns.register(_MarkedPhrase(_MARKED_PHRASE, md), "guidekit_marked_phrase", 175)
        md.treeprocessors.register(_LoneLinks(md), "guidekit_lone_links", 17)
        # after MkDocs makes links relative (0): a component's links are final when it is rendered
        md.treeprocessors.register(_ComponentRenderer(md, self), "guidekit_components", -10)

    def problem(
        self, key: str, line: int | None, message: str | None = None, **args: object
    ) -> None:
        """``key``: the message in errors.yml (also the finding's rule), as guide Markdown reports
        the same mistake."""
        lang = self.getConfig("lang")
        text = message if message is not None else error_text(key, lang, **args)
        finding = Finding(
            rule=key if key.startswith("component-") else f"markdown-{key}",
            message=text,
            file=self.getConfig("source") or None,
            line=line,
            lang=best_language(lang),
        )
        self.problems.append(finding)
        if self.getConfig("log"):
            log.warning("%s: %s", finding.location(), text)

    def line(self, index: int) -> int:
        """A 1-based line of the file from a 0-based line of the text."""
        return index + 1 + int(self.getConfig("line_offset") or 0)


class _SourceLines(Preprocessor):
    """Keeps the text's lines (code and comments blanked out) and where each container and
    admonition opens."""

    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        self.page.lines, self.page.openers, self.page.opened = _blanked(lines), [], 0
        self.page.admonitions = []
        for index, line in enumerate(self.page.lines):
            if (opening := _OPEN_INDENTED.match(line)) and _claims(
                self.md.parser, opening.group(1)
            ):
                self.page.openers.append(index)
            elif _ADMONITION.match(line):
                self.page.admonitions.append(index)
        return lines


def _claims(parser, name: str) -> bool:
    """Whether ``::: name`` is a container of ours. mkdocstrings writes ``::: module`` too: where it
    is installed, a name that is no component is left to it; elsewhere it is an unknown
    component."""
    return name.lower() in markdown_components() or _MKDOCSTRINGS not in parser.blockprocessors


class _Containers(BlockProcessor):
    """``::: name argument`` … ``:::`` -> a placeholder element holding the parsed Markdown
    inside."""

    def __init__(self, parser, extension: GuidekitComponentsExtension, page: _Page) -> None:
        super().__init__(parser)
        self.extension, self.page = extension, page

    def test(self, parent: etree.Element, block: str) -> bool:
        opening = _OPEN.match(block.split("\n", 1)[0])
        return opening is not None and _claims(self.parser, opening.group(2))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        lines = blocks.pop(0).split("\n")
        opening = _OPEN.match(lines.pop(0))
        assert opening is not None
        fence, name, argument = (
            len(opening.group(1)),
            opening.group(2).lower(),
            (opening.group(3) or "").strip(),
        )
        index = (
            self.page.openers[self.page.opened]
            if self.page.opened < len(self.page.openers)
            else None
        )
        self.page.opened += 1
        line = self.extension.line(index) if index is not None else None
        inner, rest, closed = self._inside(lines, blocks, fence)
        if rest:
            blocks.insert(0, "\n".join(rest))
        if not closed:
            self.extension.problem("unclosed-component", line, name=name)
        if name not in markdown_components():
            known = list_text(sorted(markdown_components()), self.extension.getConfig("lang"))
            self.extension.problem("unknown-component", line, name=name, known=known)
            return None
        element = etree.SubElement(parent, "div", {_COMPONENT: name, _ARGUMENT: argument})
        if line is not None:
            element.set(LINE_ATTRIBUTE, str(line))
        self.parser.parseChunk(element, "\n\n".join(inner))
        return None

    @staticmethod
    def _inside(
        lines: list[str], blocks: list[str], fence: int
    ) -> tuple[list[str], list[str], bool]:
        """The blocks inside the container, the lines after its end, and whether it was closed."""
        inner: list[str] = []
        current: list[str] = []
        depth = 0
        pending = lines
        while True:
            for position, text in enumerate(pending):
                closing = _CLOSE.match(text)
                if _OPEN.match(text):
                    depth += 1
                elif closing and depth == 0 and len(closing.group(1)) >= fence:
                    inner.append("\n".join(current))
                    return (
                        [block for block in inner if block.strip()],
                        pending[position + 1 :],
                        True,
                    )
                elif closing:
                    depth -= 1
                current.append(text)
            inner.append("\n".join(current))
            current = []
            if not blocks:
                return [block for block in inner if block.strip()], [], False
            pending = blocks.pop(0).split("\n")


class _SourceLineAttributes(Treeprocessor):
    """``data-line`` on the images, links, headings and tables of the text: found by what the
    editor wrote."""

    def __init__(self, md: Markdown, extension: GuidekitComponentsExtension, page: _Page) -> None:
        super().__init__(md)
        self.extension, self.page = extension, page

    def run(self, root: etree.Element) -> None:
        cursors: dict[str, int] = {}
        placed: dict[tuple[str, str], int] = {}  # the line each text was last found on
        for element in root.iter():
            href = element.get("href") if element.tag == "a" else None
            if href:
                element.set(_WRITTEN, href)
            if element.tag not in _TRACED or element.get(LINE_ATTRIBUTE):
                continue
            key = self._written_as(element)
            if not key:
                continue
            kind = "heading" if element.tag[0] == "h" and element.tag[1:].isdigit() else element.tag
            start = cursors.get(kind, 0)
            if (kind, key) in placed:  # the same image or link again: it is written further on
                start = max(start, placed[kind, key] + 1)
            index = _find(self.page.lines, key, kind, start)
            if index is not None:
                cursors[kind] = placed[kind, key] = index
                if kind == "table":  # found by a cell, perhaps in a row below the header
                    index = _first_row(self.page.lines, index)
                element.set(LINE_ATTRIBUTE, str(self.extension.line(index)))

    @staticmethod
    def _written_as(element: etree.Element) -> str:
        attribute = _TRACED[element.tag]
        if attribute:
            return unquote(element.get(attribute) or "")
        if element.tag == "table":
            # the first cell with text: a header row may be empty (| | |), which axe refuses
            cells = (cell for cell in element.iter() if cell.tag in ("th", "td"))
            return next(filter(None, ("".join(cell.itertext()).strip() for cell in cells)), "")
        if element.tag in (
            "p",
            "li",
        ):  # the text before any inline markup is as the editor wrote it
            text = (element.text or "").strip()[:_TEXT_KEY]
            return text if len(text) >= 3 else ""
        return "".join(element.itertext()).strip()


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# CommonMark's code span: a run of backticks, to the next run of the same length
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_ALL = re.compile(r".+", re.DOTALL)
# Python-Markdown extensions whose content is indented four spaces (admonition, pymdownx.details
# and pymdownx.tabbed, footnotes, def_list): CommonMark reads that content as an indented code block
_INDENTED_CONTENT = re.compile(r"^ {0,3}(?:!!!|\?\?\?|===|\[\^[^\]]+\]:|:[ \t])")


def _blanked(lines: list[str]) -> list[str]:
    """``lines`` with their code (fenced and indented blocks, code spans) and HTML comments blanked
    out, line for line, so that a tag or an image shown as an example is not taken for the one
    written further on. markdown-it-py finds the blocks and their lines (MkDocs renders with
    Python-Markdown, which keeps no lines)."""
    blanked = list(lines)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    for token in parser.parse("\n".join(lines)):
        if token.map is None:
            continue
        first, end = token.map
        if token.type == "code_block" and _under_opener(lines, first):
            _blank_inside(blanked, first, token.content.split("\n")[: end - first])
            continue
        if token.type in ("fence", "code_block"):
            patterns: tuple[re.Pattern[str], ...] = (_ALL,)
        elif token.type == "inline":
            patterns = (_CODE_SPAN, _COMMENT)
        elif token.type == "html_block":
            patterns = (_COMMENT,)
        else:
            continue
        text = "\n".join(blanked[first:end])
        for pattern in patterns:
            text = pattern.sub(_blank, text)
        blanked[first:end] = text.split("\n")
    return blanked


def _blank(found: re.Match[str]) -> str:
    """The text found as NUL characters, which no key holds, its line breaks kept."""
    return re.sub("[^\n]", "\0", found.group())


def _under_opener(lines: list[str], index: int) -> bool:
    """Whether the indented block at ``index`` follows an admonition's (or another extension's)
    first line, in the paragraph before it, so is that extension's content, not code."""
    before = index
    while before > 0 and not lines[before - 1].strip():
        before -= 1
    while before > 0 and lines[before - 1].strip():
        before -= 1
        if _INDENTED_CONTENT.match(lines[before]):
            return True
    return False


def _blank_inside(blanked: list[str], first: int, content: list[str]) -> None:
    """Blanks the code inside an extension's indented content, read as Markdown of its own: its
    ``content`` (the lines from ``first``, less their indent)."""
    for offset, (line, inner) in enumerate(zip(content, _blanked(content), strict=True)):
        written = blanked[first + offset]
        if line and written.endswith(line):  # a tab in the indent: left as it is
            blanked[first + offset] = written[: len(written) - len(line)] + inner


def _find(lines: list[str], key: str, kind: str, start: int) -> int | None:
    """The first line from ``start`` on (then from the top) that holds ``key`` and can hold that
    kind of element."""
    for index in [*range(start, len(lines)), *range(0, start)]:
        if (key in lines[index] or key in unquote(lines[index])) and _can_hold(kind, lines, index):
            return index
    return None


class _WrittenHtml(Treeprocessor):
    """``data-html-line`` on each start tag of the HTML written among the Markdown: its line, found
    by the tag's first line of text (Python-Markdown keeps that HTML as written, outside the tree).
    Run before components are rendered, so that only the editor's own HTML is marked."""

    def __init__(self, md: Markdown, extension: GuidekitComponentsExtension, page: _Page) -> None:
        super().__init__(md)
        self.extension, self.page = extension, page

    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        placed: dict[str, int] = {}  # the line each first line of HTML was last found on
        for position, html in enumerate(stash):
            if not isinstance(html, str) or "<" not in html:
                continue  # md_in_html's elements are in the tree; an entity (&amp;) has no tag
            # its first line with a tag: a comment is blanked out in the lines searched
            shown = _COMMENT.sub(_blank, html)
            key = next((line.strip(" \t\0") for line in shown.split("\n") if "<" in line), "")
            if not key:
                continue  # a comment alone
            start = placed[key] + 1 if key in placed else 0
            index = _find(self.page.lines, key, "html", start)
            if index is None:
                continue  # made by another extension (highlighted code), not written so
            placed[key] = index
            # the HTML's first line: the line of the key, less the lines before it
            first = self.extension.line(index - shown[: shown.index(key)].count("\n"))
            stash[position] = _with_lines(html, first)


def _with_lines(html: str, first: int) -> str:
    """``html``, whose first line is the file's line ``first``, with ``data-html-line`` in each
    start tag."""
    tags = _StartTags()
    tags.feed(html)
    tags.close()
    starts = [0, *(found.end() for found in re.finditer("\n", html))]
    marked = html
    for (row, column), name_end in reversed(tags.found):  # from the end: offsets stay true
        at = starts[row - 1] + column + name_end
        marked = f'{marked[:at]} {HTML_LINE_ATTRIBUTE}="{first + row - 1}"{marked[at:]}'
    return marked


class _StartTags(HTMLParser):
    """Where each start tag of some HTML is: its (line, column) and the length of ``<name``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[tuple[int, int], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((self.getpos(), 1 + len(tag)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


class _Admonitions(Treeprocessor):
    """``!!! kind "Title"`` -> the placeholder of the component it means, which
    ``_ComponentRenderer`` renders as it renders a ``::: warning`` container."""

    def __init__(self, md: Markdown, extension: GuidekitComponentsExtension, page: _Page) -> None:
        super().__init__(md)
        self.extension, self.page = extension, page

    def run(self, root: etree.Element) -> None:
        openers = iter(self.page.admonitions)
        for element in root.iter("div"):
            classes = (element.get("class") or "").split()
            if "admonition" not in classes:
                continue
            opener = next(openers, None)
            titled = len(element) and element[0].get("class") == "admonition-title"
            if len(element) == int(titled) and not (element.text or "").strip():
                continue  # a title alone: the components need something to say
            kind = next((name for name in classes if name != "admonition"), "note")
            title = ""
            if titled:
                written = "".join(element[0].itertext()).strip()
                element.remove(element[0])
                # no title written: MkDocs says the kind in English ("Note"); the component says
                # its own word in the page's language
                title = "" if written == kind.capitalize() else written
            element.attrib.clear()
            element.set(_COMPONENT, _ADMONITION_COMPONENTS.get(kind, "information"))
            element.set(_ARGUMENT, title)
            if opener is not None:
                element.set(LINE_ATTRIBUTE, str(self.extension.line(opener)))


class _TableNames(Treeprocessor):
    """A table is named by the heading it sits under, as on guidekit's guide pages (screen readers'
    table lists)."""

    def run(self, root: etree.Element) -> None:
        heading = ""
        for element in root.iter():
            if element.tag in _HEADINGS:
                heading = "".join(element.itertext()).strip()
            elif (
                element.tag == "table"
                and heading
                and element.find("caption") is None
                and not (element.get("aria-label") or element.get("aria-labelledby"))
            ):
                element.set("aria-label", heading)


class _MarkedPhrase(InlineProcessor):
    """``[补办]{lang=zh-Hans}``: a phrase in another language, written as in a guide and as the
    gate's advice says (Python-Markdown's attr_list marks links and images, not phrases)."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        span = etree.Element("span", {"lang": m.group(2)})
        span.text = m.group(1)
        return span, m.start(0), m.end(0)


_MARKED_PHRASE = r"\[([^\[\]]+)\]\{\s*lang=[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)[\"']?\s*\}"


class _LoneLinks(Treeprocessor):
    """A paragraph that is one link and nothing else is a target of its own, and a list item's one
    link with text beside it a word in its sentence, as on guidekit's pages
    (markdown_html.LONE_LINK, LINK_IN_TEXT)."""

    def run(self, root: etree.Element) -> None:
        for block in (element for element in root.iter() if element.tag in ("p", "li")):
            inner = block
            # a link made bold or italic (**[…](…)**) is alone all the same
            while (only := _only_child(inner)) is not None and only.tag in ("strong", "em"):
                inner = only
            only = _only_child(inner)
            if only is not None and only.tag == "a":
                if block.tag == "p":
                    block.set("class", LONE_LINK)
            elif block.tag == "li" and block.find(".//a") is not None:
                block.set("class", LINK_IN_TEXT)


def _only_child(element: etree.Element) -> etree.Element | None:
    """The one element ``element`` holds, with no text before or after it."""
    children = list(element)
    if len(children) != 1 or (element.text or "").strip() or (children[0].tail or "").strip():
        return None
    return children[0]


_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


def _can_hold(kind: str, lines: list[str], index: int) -> bool:
    """A heading's line is an ATX heading or is underlined (setext); a table's line is a row; links
    and images: any line."""
    if kind == "heading":
        underline = index + 1 < len(lines) and re.match(r"^ {0,3}(=+|-+)\s*$", lines[index + 1])
        return bool(re.match(r"^\s*#{1,6}\s", lines[index]) or (underline and lines[index].strip()))
    if kind == "table":
        return "|" in lines[index]
    return True


def _first_row(lines: list[str], index: int) -> int:
    """The line a table starts on, from the line of any of its rows."""
    while index > 0 and "|" in lines[index - 1]:
        index -= 1
    return index


class _ComponentRenderer(Treeprocessor):
    """Replaces each placeholder with its component's HTML, innermost first."""

    def __init__(self, md: Markdown, extension: GuidekitComponentsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        levels: dict[etree.Element, int] = {}
        level = 1
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                level = int(element.tag[1])
            elif element.get(_COMPONENT):
                levels[element] = min(level + 1, 6)
        self._replace_inside(root, levels)
        for element in root.iter("a"):
            element.attrib.pop(_WRITTEN, None)

    def _replace_inside(self, parent: etree.Element, levels: dict[etree.Element, int]) -> None:
        for child in list(parent):
            self._replace_inside(child, levels)
            if not child.get(_COMPONENT):
                continue
            try:
                html = self._render(child, levels.get(child, 2))
            except Exception as error:  # never a traceback in the middle of someone's MkDocs build
                html = ""
                self.extension.problem(
                    "component-failed",
                    _line_of(child),
                    catalogue("mkdocs")["component-failed"][
                        best_language(self.extension.getConfig("lang"))
                    ].format(name=child.get(_COMPONENT), error=f"{type(error).__name__}: {error}"),
                )
            position = list(parent).index(child)
            parent.remove(child)
            if html.strip():
                holder = etree.Element("p")
                holder.text = self.md.htmlStash.store(html.strip())
                holder.tail = child.tail
                parent.insert(position, holder)
            elif child.tail and position > 0:  # a mistake, already reported: nothing is shown
                parent[position - 1].tail = (parent[position - 1].tail or "") + child.tail
            elif child.tail:
                parent.text = (parent.text or "") + child.tail

    def _render(self, element: etree.Element, heading_level: int) -> str:
        extension = self.extension
        name = element.get(_COMPONENT) or ""
        component = registry()[name]
        form = component.markdown
        assert form is not None  # only containers are marked with _COMPONENT
        lang = extension.getConfig("lang")
        line = _line_of(element)
        argument = element.get(_ARGUMENT) or ""
        params: dict[str, Any] = {"lang": lang}
        if line is not None:
            params["attributes"] = {LINE_ATTRIBUTE: str(line)}
        if argument and form.argument:
            params[form.argument] = argument
        elif argument:
            extension.problem("component-no-argument", line, name=name, text=argument)
        if "heading_level" in component.params:
            params["heading_level"] = heading_level
        if form.items:
            items = self._items(component, element, lang)
            if items is None:
                extension.problem("component-needs-list", line, name=name)
                return ""
            params[form.items] = items
        elif form.content:
            params[form.content] = _inner_html(element)
        elif form.link:
            facts = self._link(element)
            if facts is None:
                extension.problem("component-one-link", line, name=name)
                return ""
            params.update(
                {form.link[fact]: value for fact, value in facts.items() if fact in form.link}
            )
        try:
            return str(
                call_macro(
                    extension.environment().get_template(component.template).module,
                    component,
                    params,
                )
            )
        except ComponentParamsError as error:
            for told in component.told(error.problems, lang):
                extension.problem("component-params", line, told)
            return ""

    @staticmethod
    def _items(component: Component, element: etree.Element, lang: str) -> list[Any] | None:
        """The items of the lists inside, or None when anything but lists is there."""
        if (
            (element.text or "").strip()
            or any(child.tag not in ("ul", "ol") for child in element)
            or len(element) == 0
        ):
            return None
        flag = component.markdown.item_flag if component.markdown else None
        marker = item_marker(lang, flag) if flag else None
        items: list[Any] = []
        for item in (item for listing in element for item in listing if item.tag == "li"):
            if marker is None:
                items.append(_inner_html(item))
                continue
            holder = (
                item[0]
                if len(item) and item[0].tag == "p" and not (item.text or "").strip()
                else item
            )
            text = holder.text or ""
            stripped = marker.sub("", text, count=1)
            holder.text = stripped
            items.append({"content": _inner_html(item), flag: stripped != text})
        return items

    def _link(self, element: etree.Element) -> dict[str, Any] | None:
        """href, text and, for a file beside the page, its type and size: the one link inside, or
        None."""
        if len(element) == 0:
            return {}
        paragraph = element[0]
        if (
            len(element) != 1
            or paragraph.tag != "p"
            or len(paragraph) != 1
            or paragraph[0].tag != "a"
        ):
            return None
        link = paragraph[0]
        if (paragraph.text or "").strip() or (link.tail or "").strip():
            return None
        href = link.get("href") or ""
        facts: dict[str, Any] = {"href": href, "text": "".join(link.itertext()).strip()}
        parts = urlsplit(href)
        folder = self.extension.getConfig("folder")
        suffix = Path(unquote(parts.path)).suffix
        if folder and suffix and not parts.scheme and not parts.netloc:
            facts["file_type"] = suffix.lstrip(".").upper()
            file = Path(folder) / unquote(urlsplit(link.get(_WRITTEN) or href).path)
            if file.is_file():
                facts["size"] = file.stat().st_size
        return facts


def _line_of(element: etree.Element) -> int | None:
    line = element.get(LINE_ATTRIBUTE)
    return int(line) if line else None


def _inner_html(element: etree.Element) -> Markup:
    """What is inside ``element``, as HTML (text escaped, placeholders of stashed HTML kept)."""
    for link in element.iter("a"):
        link.attrib.pop(_WRITTEN, None)
    text = _escape_cdata(element.text) if element.text else ""
    return Markup(text + "".join(to_html_string(child) for child in element))


def makeExtension(**kwargs: Any) -> GuidekitComponentsExtension:
    return GuidekitComponentsExtension(**kwargs)
