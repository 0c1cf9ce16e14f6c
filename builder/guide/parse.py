"""A guide's steps (phase 2), parse: Markdown to markdown-it tokens, each block keeping its
source line.

Raw HTML and unsafe URL schemes are input errors here, so nothing an editor writes can put
script on a page; components are fenced containers (``::: name params`` … ``:::``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..findings import Finding, Problems
from ..messages import list_text
from ..package_files import package_cache
from ..source.load import SourceGuide

if TYPE_CHECKING:  # markdown-it is imported when a guide is parsed: a build that keeps them all
    # never imports it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CONTAINER = "component"
LINE_ATTRIBUTE = "data-line"
_COMPONENT_INFO = re.compile(r"^\s*([A-Za-z][\w-]*)\s*(.*)$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SAFE_IMAGE_DATA = re.compile(r"^data:image/(png|gif|jpeg|webp);", re.IGNORECASE)
# Browsers ignore these characters inside a scheme ("java\tscript:"), so we do too before checking.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
# A link or image Markdown left as text because its address has a space (a file saved as
# "大门 照片.png"); a title after the address ("…" or '…') makes a space right. A label stops at
# the next "[": from each "[" of a long line of them the search would otherwise run to the line's
# end, which made a 100 KB line take most of a minute.
_SPACED_ADDRESS = re.compile(
    r"!?\[[^\[\]\n]*\]\((?!<)(?P<address>[^\s()]+)\s+(?![\"'(])(?P<rest>[^()\n]+?)\s*\)"
)
# Lists, quotes and components inside each other. Real guides use three or four levels.
MAX_NESTING = 8
_NESTING = {
    "list_item_open": 1,
    "list_item_close": -1,
    "blockquote_open": 1,
    "blockquote_close": -1,
    f"container_{CONTAINER}_open": 1,
    f"container_{CONTAINER}_close": -1,
}


@dataclass(frozen=True)
class ComponentCall:
    """A ``::: name params`` container as the editor wrote it."""

    name: str
    params: str
    line: int


@dataclass
class ParsedGuide:
    guide: SourceGuide
    tokens: list[Token]


def heading_slug(title: str) -> str:
    """Stable ids that keep Chinese characters: "办理 流程？" -> "办理-流程"."""
    from mdit_py_plugins.anchors.index import slugify

    return slugify(title.strip()) or "section"


@package_cache
def markdown_parser() -> MarkdownIt:
    """The one parser every stage shares; a renderer adds its own rules to a parser of its own."""
    return new_markdown_parser()


def new_markdown_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.anchors import anchors_plugin
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    # html=True only so raw HTML becomes tokens we can reject with a line; it is never rendered.
    # markdown-it silently drops everything after its nesting limit; each level of ours opens at
    # most two of its levels, so a guide reaching that limit has always broken MAX_NESTING first.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 2 * MAX_NESTING + 4}).enable("table")
    # every URL reaches our own scheme check, which names the line; markdown-it-py documents
    # replacing this method on the instance
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    container_plugin(md, CONTAINER, validate=lambda params, *_: bool(_COMPONENT_INFO.match(params)))
    anchors_plugin(md, min_level=1, max_level=6, slug_func=heading_slug)
    # [English words]{lang=en} and [link](url){lang=en}: a phrase in another language (WCAG 3.1.2);
    # lang is the only attribute an editor may set
    attrs_plugin(md, spans=True, allowed=["lang"])
    # footnotes are read only to be refused where they are written: a note kept in place, and a
    # mark without a note, would otherwise become a link to a guide named after the note's text
    footnote_plugin(md, inline=False, move_to_end=False, always_match_refs=True)
    return md


def first_line(token: Token) -> int:
    """The 1-based line a block token starts on (markdown-it maps every block token it opens)."""
    assert token.map is not None, token.type
    return token.map[0] + 1


def component_call(token: Token) -> ComponentCall:
    match = _COMPONENT_INFO.match(token.info)
    assert match, "the container plugin only accepts infos that match"
    return ComponentCall(
        name=match.group(1).lower(), params=match.group(2).strip(), line=first_line(token)
    )


def is_unsafe_url(url: str, *, image: bool = False) -> bool:
    cleaned = _IGNORED_IN_URL.sub("", unquote(url))
    scheme = _SCHEME.match(cleaned)
    if scheme is None:
        return False
    if image and _SAFE_IMAGE_DATA.match(cleaned):
        return False
    return scheme.group(1).lower() not in _SAFE_SCHEMES


def read_tokens(body: str) -> list[Token]:
    """A body's markdown-it tokens, lines counted from the body's first line. Parsing is a tenth of
    a guide's cost: a guide's steps read them once, and the linter reads them before
    ``parse_guide`` changes them."""
    # the container plugin fails on a component left open in a quote at the very end of a text
    # without a final newline (">:::A\n>"): every body is read as ending in one, which changes no
    # line
    return markdown_parser().parse(body if body.endswith("\n") else body + "\n")


def parse_guide(
    guide: SourceGuide, tokens: list[Token], components: Collection[str]
) -> tuple[ParsedGuide, list[Finding]]:
    """``tokens``: ``read_tokens(guide.body)``, which this changes (lines counted in the file, each
    block's line as an attribute) and hands on."""
    offset = guide.body_line - 1
    findings: list[Finding] = []
    problems = Problems(guide.rel, guide.lang, prefix="markdown-")
    open_components: list[Token] = []
    depth = 0
    for index, token in enumerate(tokens):
        if token.map:
            token.map = [token.map[0] + offset, token.map[1] + offset]
            if token.nesting == 1 or token.type in {"fence", "code_block", "hr"}:
                token.attrSet(LINE_ATTRIBUTE, str(token.map[0] + 1))
        depth += _NESTING.get(token.type, 0)
        if depth == MAX_NESTING + 1 and _NESTING.get(token.type) == 1:
            findings.append(problems.at(first_line(token), "too-deep", limit=MAX_NESTING))
        if token.type == "heading_open" and token.tag == "h1":
            findings.append(problems.at(first_line(token), "second-title"))
        # markdown-it puts a heading's inline content right after its opening token
        elif token.type == "heading_open" and not tokens[index + 1].content.strip():
            findings.append(problems.at(first_line(token), "empty-heading", marks=token.markup))
        elif token.type == "html_block":
            findings.append(
                problems.at(first_line(token), "raw-html", snippet=_snippet(token.content))
            )
        elif token.type == "footnote_reference_open":
            findings.append(problems.at(first_line(token), "footnote", label=token.meta["label"]))
        elif token.type == f"container_{CONTAINER}_open":
            open_components.append(token)
            call = component_call(token)
            if call.name not in components:
                findings.append(
                    problems.at(
                        call.line,
                        "unknown-component",
                        name=call.name,
                        known=list_text(sorted(components), guide.lang),
                    )
                )
        elif token.type == f"container_{CONTAINER}_close":
            opener = open_components.pop()
            if token.markup == "":  # the plugin closed it at the end of the document
                findings.append(
                    problems.at(
                        first_line(opener), "unclosed-component", name=component_call(opener).name
                    )
                )
        elif token.type == "inline":
            line_start = True
            for child, line in _children_with_lines(token):
                if child.type == "text" and line_start and _FENCE_LOOKALIKE.match(child.content):
                    findings.append(
                        problems.at(line, "component-not-opened", written=_snippet(child.content))
                    )
                line_start = child.type in {"softbreak", "hardbreak"}
                if child.type == "text":
                    findings += [
                        problems.at(
                            line,
                            "address-space",
                            written=match.group(),
                            address=f"{match.group('address')} {match.group('rest')}",
                        )
                        for match in _SPACED_ADDRESS.finditer(child.content)
                    ]
                elif child.type == "footnote_ref":
                    findings.append(problems.at(line, "footnote", label=child.meta["label"]))
                elif child.type == "html_inline":
                    findings.append(problems.at(line, "raw-html", snippet=_snippet(child.content)))
                elif child.type in {"link_open", "image"}:
                    attribute = "src" if child.type == "image" else "href"
                    url = str(child.attrGet(attribute) or "")
                    if is_unsafe_url(url, image=child.type == "image"):
                        findings.append(problems.at(line, "unsafe-link", url=_snippet(url)))
                    elif child.type == "link_open" and (unreachable := _reaches_nobody(url)):
                        findings.append(problems.at(line, unreachable, url=_snippet(unquote(url))))
                    child.attrSet(LINE_ATTRIBUTE, str(line))
    return ParsedGuide(guide, tokens), findings


def _reaches_nobody(url: str) -> str | None:
    """The rule for a ``tel:`` link with no number to dial or a ``mailto:`` link with no
    address to write to; None for any other link."""
    scheme, _, rest = unquote(url).partition(":")
    if scheme.lower() == "tel" and not _PHONE_NUMBER.fullmatch(rest):
        return "phone-link-without-number"
    if scheme.lower() == "mailto" and not _MAIL_ADDRESSES.fullmatch(rest.split("?", 1)[0]):
        return "mail-link-without-address"
    return None


# what a dialler takes: digits with separators, a pause (,) or wait (;) before an extension
_PHONE_NUMBER = re.compile(r"\+?(?=(?:[^0-9]*[0-9]){3})[0-9\-(). ,;#*]+")
_MAIL_ADDRESS = r"[^@\s,]+@[^@\s,.]+(\.[^@\s,.]+)+"
_MAIL_ADDRESSES = re.compile(rf"{_MAIL_ADDRESS}(,{_MAIL_ADDRESS})*")


# a line of text that starts as a component's fence does, but did not open one: a Chinese input
# method's ：：：, or ::: with no component name
_FENCE_LOOKALIKE = re.compile(r"\s*[:：]{3,}")


def _children_with_lines(inline: Token) -> Iterator[tuple[Token, int]]:
    line = first_line(inline)
    for child in inline.children or []:
        yield child, line
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        if child.type == "image":
            yield from ((grandchild, line) for grandchild in child.children or [])


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
