"""The gate's content rules, applied to the Markdown: images without a description or with one that
says nothing (a file name, a word for any picture, a number), links without text, with vague or
reused text or without an address, links to files whose text does not say their type and size,
skipped heading levels, headings that repeat another of their part (the page's own sections made
from front matter fields included), tables without a header or with an empty header cell, and
phrases in another language than the page without a ``{lang=…}`` of their own.

The rules and their messages are the gate's own (``guidekit.gate.content_rules``); here they point
at the line the editor wrote, before any page exists.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from ..component_registry import registry
from ..findings import Finding, Severity
from ..gate.content_rules import (
    HEADING_ORDER,
    HEADING_REPEATED,
    IMAGE_ALT,
    IMAGE_ALT_MEANINGLESS,
    Rule,
    alt_says_nothing,
    bare_link_text,
    downloaded_type,
    heading_skips,
    image_lacks_alt,
    link_text_problem,
    repeated_headings,
    says_file_facts,
)
from ..gate.language import foreign_phrase, other_script
from ..guide.enrich import AFTER_BODY, FILE_SIZE, SITE_PATH, field_sections, is_local_url
from ..guide.markdown_html import body_parts
from ..guide.parse import (
    CONTAINER,
    LINE_ATTRIBUTE,
    ParsedGuide,
    component_call,
    markdown_parser,
)
from ..messages import best_language, error_text, ui_text
from ..source.content_model import GuideMeta

LINK_TARGET = Rule("guidekit:link-target", "2.4.4", "link-no-target")
LINK_SAME_TEXT = Rule("guidekit:link-same-text", "2.4.4", "link-same-text")
TABLE_HEADER = Rule("guidekit:table-header", "1.3.1", "table-no-header")
# the gate's rule for a link to a file whose text does not say its type and size, with advice for
# the Markdown: a file in the guides folder can be an attachment, which says them by itself
LINK_DOWNLOAD = Rule("guidekit:link-download", "2.4.4", "link-download-attachment")
LINK_DOWNLOAD_ELSEWHERE = replace(LINK_DOWNLOAD, message="link-download-elsewhere")
# one header cell left empty: axe refuses it too (a screen reader names that column by nothing)
TABLE_HEADER_CELL = replace(TABLE_HEADER, message="table-header-empty-cell")
LANGUAGE_OF_PARTS = Rule("guidekit:language-of-parts", "3.1.2", "part-language")
# its message names the script found: page-language-latn, page-language-hant, …
PAGE_LANGUAGE = Rule("guidekit:page-language", "3.1.1", "page-language")
_OPENING = 600  # characters


@dataclass(frozen=True)
class _Link:
    href: str
    text: str
    line: int | None
    # where it leads: a link inside the site by its path there, since rendering the components
    # for their mistakes writes that path into the body's links but not into a component's own
    place: str
    title: str  # shown on hover and read by screen readers, as the text is
    measured: bool  # to a file in the guides folder, whose size guidekit knows
    elsewhere: bool  # to another site


def markup_findings(parsed: ParsedGuide) -> list[Finding]:
    """Every content-rule problem the Markdown of one parsed guide shows."""
    guide = parsed.guide
    lang = best_language(guide.lang)
    findings: list[Finding] = []

    def add(
        rule: Rule, line: int | None, severity: Severity = Severity.ERROR, **args: object
    ) -> None:
        findings.append(
            Finding(
                rule=rule.id,
                message=error_text(rule.message, lang, **args),
                severity=severity,
                file=guide.rel,
                line=line,
                wcag=rule.wcag,
                lang=lang,
            )
        )

    sections = field_sections(guide.meta, opening=bool(body_parts(parsed.tokens)[1]))
    headings: list[dict[str, Any]] = [
        {"level": 2, "text": ui_text(lang, key), "line": None} for key in sections
    ]
    # the body's first heading follows the title, or the last section made before the body's
    above_body = 2 if any(key not in AFTER_BODY for key in sections) else 1
    from_fields = len(headings)
    seen_text: dict[str, _Link] = {}
    measuring: list[bool] = []  # for each component open around a token: does it measure its file
    inlines: list[Token] = []
    tokens = parsed.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            text = "".join(child.content for child in tokens[index + 1].children or [])
            headings.append({"level": int(token.tag[1]), "text": text, "line": token.map[0] + 1})
        elif token.type == "thead_open" and token.map:
            cells = _header_cells(tokens, index)
            if not any(cells):
                add(TABLE_HEADER, token.map[0] + 1)
                continue
            for column, cell in enumerate(cells, 1):
                if not cell:
                    add(TABLE_HEADER_CELL, token.map[0] + 1, column=column)
        elif token.type == f"container_{CONTAINER}_open":
            component = registry().get(component_call(token).name)
            form = component.markdown if component else None
            measuring.append(form is not None and form.measures_file)
        elif token.type == f"container_{CONTAINER}_close":
            measuring.pop()
        elif token.type == "inline":
            inlines.append(token)
            for child in token.children or []:
                if child.type != "image":
                    continue
                if image_lacks_alt(child.content, content_image=True):
                    add(IMAGE_ALT, _line(child))
                elif kind := alt_says_nothing(alt := _alt(child)):
                    said = replace(IMAGE_ALT_MEANINGLESS, message=f"img-alt-{kind}")
                    add(said, _line(child), alt=" ".join(alt.split()))
            for link in _links(token):
                rule = LINK_TARGET if not link.href else link_text_problem(link.text)
                if rule is not None:
                    add(rule, link.line, text=link.text.strip())
                    continue
                # a file of the guides folder not found has its address refused already
                kind = downloaded_type(link.href) if link.measured or link.elsewhere else None
                if kind and not any(measuring) and not says_file_facts(f"{link.text} {link.title}"):
                    rule = LINK_DOWNLOAD if link.measured else LINK_DOWNLOAD_ELSEWHERE
                    add(rule, link.line, text=link.text.strip(), type=kind.upper())
                key = bare_link_text(link.text)
                earlier = seen_text.setdefault(key, link)
                if earlier.place != link.place:
                    add(
                        LINK_SAME_TEXT,
                        link.line,
                        Severity.WARNING,
                        text=link.text.strip(),
                        other=earlier.line,
                    )
    body_levels = (heading["level"] for heading in headings[from_fields:])
    for index, skip in heading_skips(body_levels, above_body):
        add(HEADING_ORDER, headings[from_fields + index]["line"], **skip.arguments)
    made = {heading["text"].strip() for heading in headings[:from_fields]}
    for index in repeated_headings(headings):
        text = headings[index]["text"].strip()
        # one of the two is the page's own (made from a field, or for the opening text): the
        # editor wrote only the other
        rule = REPEATS_A_MADE_HEADING if text in made else HEADING_REPEATED
        add(rule, headings[index]["line"], text=text)
    runs = [run for inline in inlines for run in _language_runs(inline)]
    # the opening tells a guide's language as well as the whole, and costs the same on every guide
    opening = " ".join(run.text for run in runs if run.lang is None)[:_OPENING]
    if found := other_script(guide.lang, opening):
        # the body in another script than its lang: said once, at the lang it gives (a build's
        # pages are Chinese around it, so the gate found a phrase a paragraph instead)
        wrong = replace(PAGE_LANGUAGE, message=f"page-language-{found.lower()}")
        add(wrong, guide.front_matter.line(("lang",)), declared=guide.lang)
        return findings
    for run, (phrase, code) in _foreign_phrases(guide.lang, guide.meta, inlines, runs):
        add(LANGUAGE_OF_PARTS, run.line_of(phrase), text=phrase, code=code)
    return findings


REPEATS_A_MADE_HEADING = replace(HEADING_REPEATED, message="heading-repeats-made")


def _alt(image: Token) -> str:
    """An image's alt as its page will have it, the text of the Markdown in its brackets:
    ``![IMG\\_0012.jpg](…)`` is IMG_0012.jpg."""
    return RendererHTML().renderInlineAsText(image.children, markdown_parser().options, {})


def _foreign_phrases(
    lang: str, meta: GuideMeta, inlines: list[Token], runs: list[_Run]
) -> Iterator[tuple[_Run, tuple[str, str]]]:
    """Each run of the body's text with the phrase in it that is in another language than the run
    is marked, as the gate finds them in the page's text nodes."""
    # most guides have none: the Markdown as written, whose text is the runs' and more, tells at
    # once (markup between two words parts them in the page's text nodes too)
    if foreign_phrase(lang, "\n".join(inline.content for inline in inlines)) is None:
        return
    own = [meta.title or "", meta.summary or ""] + [run.text for run in runs if run.lang is None]
    # with its title and summary mostly in the other script too, every phrase would look foreign
    if other_script(lang, " ".join(own)):
        return
    for run in runs:
        if foreign := foreign_phrase(run.lang or lang, run.text):
            yield run, foreign


@dataclass(frozen=True)
class _Run:
    """Text a browser holds in one text node, and the lang it is marked with (None: the page's)."""

    text: str
    lang: str | None
    line: int | None  # of text[0]
    breaks: tuple[int, ...] = ()  # offsets in text where the next source line begins

    def line_of(self, part: str) -> int | None:
        if self.line is None:
            return None
        return self.line + bisect_right(self.breaks, self.text.find(part))


def _language_runs(inline: Token) -> Iterator[_Run]:
    """The runs of text of one inline token, as the page's text nodes will hold them: broken at
    every element (a link, a span, bold), each with the lang its nearest ``{lang=…}`` gives it.
    Code is not language, as the gate reads the page."""
    marks: list[str] = []  # each element open around the text: its lang, "" for none
    segments: list[tuple[list[Token], str | None]] = [([], None)]
    for child in inline.children or []:
        if child.type in _TEXT_NODE:
            segments[-1][0].append(child)
            continue
        if child.nesting == 1:
            marks.append(str(child.attrGet("lang") or ""))
        elif child.nesting == -1 and marks:
            marks.pop()
        segments.append(([], next((mark for mark in reversed(marks) if mark), None)))
    line = inline.map[0] + 1 if inline.map else None
    for children, lang in segments:
        text, breaks = "", []
        for child in children:
            text += child.content if child.type == "text" else " "
            if child.type != "text":
                breaks.append(len(text))
        if text.strip():
            yield _Run(text, lang, line, tuple(breaks))
        if line is not None:
            line += len(breaks)


# what a browser keeps in one text node
_TEXT_NODE = frozenset({"text", "softbreak", "hardbreak"})


def _links(inline: Token) -> Iterator[_Link]:
    """Each link of an inline token with its address, the text a screen reader announces, and its
    line."""
    opened: Token | None = None
    text: list[str] = []
    for child in inline.children or []:
        if child.type == "link_open":
            opened, text = child, []
        elif child.type == "link_close" and opened is not None:
            href = str(opened.attrGet("href") or "")
            yield _Link(
                href,
                "".join(text),
                _line(opened),
                opened.meta.get(SITE_PATH, href),
                str(opened.attrGet("title") or ""),
                FILE_SIZE in opened.meta,
                not is_local_url(href),
            )
            opened = None
        elif opened is not None and child.type in {"text", "code_inline", "image"}:
            text.append(child.content)


def _header_cells(tokens: list[Token], start: int) -> list[str]:
    """The text of each cell of the table header that opens at ``start``."""
    cells = []
    for token in tokens[start + 1 :]:
        if token.type == "thead_close":
            break
        if token.type == "inline":
            cells.append(token.content.strip())
    return cells


def _line(token: Token) -> int | None:
    line = token.attrGet(LINE_ATTRIBUTE)
    return int(line) if line else None
