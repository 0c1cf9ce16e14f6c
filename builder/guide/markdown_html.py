"""A guide's Markdown tokens as the HTML of one page's body: markdown-it's render rules (tables,
headings, glossary terms, reading aids) and components expanded through their macros."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from itertools import pairwise, takewhile
from typing import Any
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from ..component_registry import Component, ComponentParamsError, call_macro, registry
from ..findings import Finding
from ..messages import best_language, error_text, ui_text
from ..package_files import package_cache
from ..source.glossary import EXPANDED, TERM, Entry
from ..templates import environment
from ..theme import STANDARD, Theme
from .enrich import (
    FILE_SIZE,
    HEADING_LEVEL,
    REGION_LABEL,
    SITE_PATH,
    is_local_url,
    token_line,
)
from .language_marks import marked_text
from .parse import (
    CONTAINER,
    LINE_ATTRIBUTE,
    ComponentCall,
    ParsedGuide,
    component_call,
    new_markdown_parser,
)
from .reading_aids import annotated

CELL_LABELS = "cell_labels"  # env key: the column names of the data cells of the table rendered


def _table_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Wide tables scroll inside a labelled, focusable region instead of widening the page (WCAG
    1.4.10). The table itself is named too (by the heading it sits under), for screen readers'
    table navigation."""
    label = escape(tokens[index].meta.get(REGION_LABEL, ""))
    if label:
        tokens[index].attrSet("aria-label", str(label))
    if env.get("column_labels"):
        env[CELL_LABELS] = _cell_labels(tokens, index)
    return (
        f'<div class="gk-table-region" role="region" tabindex="0" aria-label="{label}">'
        + renderer.renderToken(tokens, index, options, env)
    )


def _table_close(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>"


def _table_cell_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Column alignment as a class: the Content-Security-Policy forbids inline style attributes.
    In a theme with column labels a data cell names its column, which the theme's stylesheet
    shows above it where a phone lays the table out a row at a time."""
    token = tokens[index]
    alignment = str(token.attrs.pop("style", "")).removeprefix("text-align:")
    if alignment:
        token.attrJoin("class", f"gk-align-{alignment}")
    html = renderer.renderToken(tokens, index, options, env)
    # the tokens are shared by both themes' pages: the label is written, never set on the token
    name = env.get(CELL_LABELS, {}).get(index)
    return html.replace("<td", f'<td data-label="{escape(name)}"', 1) if name else html


def _cell_labels(tokens: Sequence[Token], index: int) -> dict[int, str]:
    """The column name of each data cell of the table opened at ``index``, by the index of its
    token: the plain text of its column's header cell."""
    names: list[str] = []
    labels: dict[int, str] = {}
    column = 0
    for at in range(index, len(tokens)):
        kind = tokens[at].type
        if kind == "table_close":
            break
        if kind == "tr_open":
            column = 0
        elif kind == "th_open":
            names.append("".join(child.content for child in tokens[at + 1].children or []).strip())
        elif kind == "td_open":
            if column < len(names) and names[column]:
                labels[at] = names[column]
            column += 1
    return labels


def _raw_html(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    # parse refuses raw HTML with a located error; should any ever get this far, it stays text
    return str(escape(tokens[index].content))


def _text(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return str(_words(tokens[index].content, env))


def _heading(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Headings take no soft hyphens: a heading is a name (read by screen readers, listed,
    searched)."""
    env["in_heading"] = tokens[index].type == "heading_open"
    return renderer.renderToken(tokens, index, options, env)


def _words(text: str, env) -> Markup:
    """Text as HTML; on silver pages with readings over hard characters, or soft hyphens in long
    English words outside headings."""
    if not env.get("reading_aids") or (env.get("in_heading") and env["lang"] == "en"):
        return escape(text)
    return annotated(text, env["lang"], env["readings"], env.get("reading", "pinyin"))


def _glossary_term(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """A glossary term's first use: a link to its explanation in the page's word list, an
    abbreviation expanded."""
    entry: Entry = tokens[index].meta["entry"]
    terms: list[Entry] = env["terms"]
    if entry not in terms:
        terms.append(entry)
    word = _words(entry.term, env)
    # the expansion is written after the term, unless the guide writes it or it would split a run:
    # a title beside the written one is said twice by screen readers that read titles
    written_after = entry.expansion and not tokens[index].meta.get(EXPANDED)
    if entry.expansion:
        word = (
            Markup("<abbr>{}</abbr>").format(word)
            if written_after
            else Markup('<abbr title="{}">{}</abbr>').format(entry.expansion, word)
        )
    # a screen reader says the link's description after its words: where activating it leads
    link = (
        Markup(
            '<a class="gk-term" href="#gk-glossary-{}" aria-describedby="gk-glossary-hint">{}</a>'
        ).format(terms.index(entry) + 1, word)
        if env["term_links"]
        else word
    )
    if written_after:
        link += escape(ui_text(env["lang"], "expansion", expansion=entry.expansion))
    return str(link)


@package_cache
def markdown_renderer(text_rule: Callable[..., str] | None = None) -> MarkdownIt:
    """The Markdown renderer of guide pages; ``text_rule`` renders plain text another way (the
    gallery's READMEs)."""
    md = new_markdown_parser()
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("th_open", _table_cell_open)
    md.add_render_rule("td_open", _table_cell_open)
    md.add_render_rule("html_block", _raw_html)
    md.add_render_rule("html_inline", _raw_html)
    md.add_render_rule("text", text_rule or _text)
    md.add_render_rule("heading_open", _heading)
    md.add_render_rule("heading_close", _heading)
    md.add_render_rule(TERM, _glossary_term)
    return md


class BodyRenderer:
    """Renders a guide's tokens for one page: components through their macros, site paths made
    relative."""

    def __init__(
        self,
        root: str,
        theme: Theme,
        lang: str,
        source: str,
        glossary: Sequence[Entry] = (),
        zh_hant_reading: str = "zhuyin",
        *,
        term_links: bool = True,
    ) -> None:
        """``term_links``: a glossary term's first use links to the page's word list; without,
        for a page that has none, it is only expanded."""
        self.root, self.theme, self.lang, self.source = root, theme, lang, source
        self.findings: list[Finding] = []
        self.terms: list[Entry] = []  # glossary entries in the order the page first uses them
        self.md = markdown_renderer()
        readings = {
            entry.term: entry.reading for entry in glossary if entry.reading and lang in entry.langs
        }
        reading = zh_hant_reading if lang == "zh-Hant" else "pinyin"
        self.env = {
            "lang": lang,
            "reading_aids": theme.reading_aids,
            "column_labels": theme.column_labels,
            "readings": readings,
            "terms": self.terms,
            "reading": reading,
            "term_links": term_links,
        }

    def word_list(self) -> list[dict[str, Any]]:
        """The glossary entries this page used, for its word list."""
        return [
            {
                "word": _words(entry.term, self.env),
                "expansion": entry.expansion,
                "explanation": entry.explanation,
            }
            for entry in self.terms
        ]

    def render(self, tokens: Sequence[Token]) -> Markup:
        html: list[str] = []
        plain: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == f"container_{CONTAINER}_open":
                html.append(self._plain(plain))
                plain = []
                close = matching_close(tokens, index)
                html.append(self._component(token, tokens[index + 1 : close]))
                index = close + 1
                continue
            plain.append(token)
            index += 1
        html.append(self._plain(plain))
        return Markup("".join(html))

    def _href(self, token: Token) -> str | None:
        """Where a link or image of the guide points from this page, when it points inside the
        site."""
        if SITE_PATH not in token.meta:
            return None
        to_page = token.type == "link_open" and token.meta[SITE_PATH].split("#")[0].endswith(
            ".html"
        )
        return self.root + (self.theme.prefix if to_page else "") + token.meta[SITE_PATH]

    def _plain(self, tokens: list[Token]) -> str:
        if not tokens:
            return ""
        for token in _with_children(tokens):
            href = self._href(token)
            if href is not None:
                token.attrSet("src" if token.type == "image" else "href", href)
        for item, opener, inline in zip(tokens, tokens[1:], tokens[2:], strict=False):
            if item.type == "list_item_open" and opener.hidden and _link_in_text(inline):
                item.attrSet("class", LINK_IN_TEXT)
        for opener, inline in pairwise(tokens):
            if opener.type == "paragraph_open" and _alone(inline.children or []):
                opener.attrSet("class", LONE_LINK)
            _number_for_paper(inline.children or [])
        return self.md.renderer.render(tokens, self.md.options, self.env)

    def _problem(
        self,
        key: str,
        call: ComponentCall,
        message: str | None = None,
        *,
        line: int | None = None,
        **args: object,
    ) -> None:
        """An editor's mistake inside a component: refused with its line, never silently dropped."""
        text = message if message is not None else error_text(f"component-{key}", self.lang, **args)
        self.findings.append(
            Finding(
                rule=f"component-{key}",
                message=text,
                file=self.source,
                line=line or call.line,
                lang=best_language(self.lang),
            )
        )

    def _component(self, opener: Token, inner: Sequence[Token]) -> str:
        call = component_call(opener)
        component = registry().get(call.name)
        if component is None:  # parse reported it; what is inside is still checked
            return self.render(inner)
        form = component.markdown
        assert form is not None  # only containers reach here: component_call refused the rest
        params: dict[str, Any] = {"attributes": {LINE_ATTRIBUTE: str(call.line)}, "lang": self.lang}
        if call.params and form.argument:
            params[form.argument] = marked_text(call.params, self.lang)
        elif call.params:
            self._problem("no-argument", call, name=call.name, text=call.params)
        if "heading_level" in component.params:
            params["heading_level"] = opener.meta[HEADING_LEVEL]
        if form.items:
            stray = _line_outside_lists(inner, opener.level + 1)
            if stray is not None or not _list_items(inner):
                self._problem("needs-list", call, line=stray, name=call.name)
                return ""
            params[form.items] = self._items(component, inner)
        elif form.content:
            params[form.content] = self.render(inner)
        elif form.link:
            facts = _link_facts(inner)
            if facts is None:
                self._problem("one-link", call, name=call.name)
                return ""
            if facts and form.measures_file and "size" not in facts:
                # a file guidekit cannot measure: one on another site is told so here; a missing
                # or refused file in SOURCE was told by enrich, at the link
                if not is_local_url(facts["href"]):
                    self._problem(
                        "file-elsewhere", call, line=token_line(facts["token"]), href=facts["href"]
                    )
                return ""
            if facts:
                facts["href"] = self._href(facts.pop("token")) or facts["href"]
            params.update(
                {form.link[fact]: value for fact, value in facts.items() if fact in form.link}
            )
        try:
            return call_macro(
                environment().get_template(component.template).module, component, params
            )
        except ComponentParamsError as error:
            for told in component.told(error.problems, self.lang):
                self._problem("params", call, told)
            return ""

    def _items(self, component: Component, inner: Sequence[Token]) -> list[Any]:
        flag = component.markdown.item_flag if component.markdown else None
        if flag is None:
            return [self.render(item) for item in _list_items(inner)]
        marker = item_marker(self.lang, flag)
        items = []
        for tokens in _list_items(inner):
            tokens, flagged = _without_marker(tokens, marker)
            items.append({"content": self.render(tokens), flag: flagged})
        return items


def component_findings(parsed: ParsedGuide) -> list[Finding]:
    """The mistakes only rendering finds in a guide's components (a ``details`` without its
    question, a call to action without its link, text outside a component's list), for a guide
    that is not going to be rendered: in ``lint``, or stopped by another problem."""
    guide = parsed.guide
    renderer = BodyRenderer("", STANDARD, guide.lang, guide.rel)
    renderer.render(parsed.tokens)
    return renderer.findings


def item_marker(lang: str, flag: str) -> re.Pattern[str]:
    """The marker that flags a list item inside a component, such as "可选：" or "Optional:"
    (``markdown.item_flag``)."""
    return re.compile(
        rf"^\s*{re.escape(ui_text(lang, f'{flag}-marker'))}\s*[:：]\s*", re.IGNORECASE
    )


def _without_marker(tokens: Sequence[Token], marker: re.Pattern[str]) -> tuple[list[Token], bool]:
    """An item's tokens with a leading marker ("可选：") taken out of its first text, and whether it
    had one.

    The tokens are copied, not changed: every theme renders the same tokens.
    """
    tokens = list(tokens)
    first = next((index for index, token in enumerate(tokens) if token.type == "inline"), None)
    children = tokens[first].children if first is not None else None
    if first is None or not children or children[0].type != "text":
        return tokens, False
    text = children[0]
    stripped = marker.sub("", text.content, count=1)
    if stripped == text.content:
        return tokens, False
    inline = tokens[first].copy()
    inline.children = [text.copy(content=stripped), *children[1:]]
    tokens[first] = inline
    return tokens, True


# a paragraph that is one link and nothing else: no word in a sentence, but a target of its own
# (themes/base/base.css gives it the theme's full target size)
LONE_LINK = "gk-link-alone"
# a tight list item whose link is a word in its sentence: not the target of its own that a link
# alone in a list item is (:only-child does not see the text around the link)
LINK_IN_TEXT = "gk-link-in-text"
NOTICE = "notification-banner"  # the component a guide opens with to say what is different now


def is_lone_link(children: Sequence[Token]) -> bool:
    """Whether an inline token's ``children`` are one link with nothing beside it but spaces."""
    shown = [
        child
        for child in children
        if not (child.type in {"text", "softbreak"} and not child.content.strip())
    ]
    return (
        len(shown) >= 2
        and shown[0].type == "link_open"
        and shown[-1].type == "link_close"
        and [child.type for child in shown].count("link_open") == 1
    )


def _link_in_text(inline: Token) -> bool:
    children = inline.children or []
    return any(child.type == "link_open" for child in children) and not _alone(children)


_EMPHASIS = {"strong_open": "strong_close", "em_open": "em_close"}


def _alone(children: Sequence[Token]) -> bool:
    """``is_lone_link``, also when the link is made bold or italic (``**[…](…)**``)."""
    shown = [child for child in children if child.type != "text" or child.content.strip()]
    while len(shown) > 2 and _EMPHASIS.get(shown[0].type) == shown[-1].type:
        shown = shown[1:-1]
    return is_lone_link(shown)


def _link_facts(inner: Sequence[Token]) -> dict[str, Any] | None:
    """The one link a container holds: its token, href, text and, for a file in SOURCE, type and
    size.

    Empty when the container is empty (the missing params then say what to write); None when it
    holds anything but one link.
    """
    if not inner:
        return {}
    children = (
        [
            child
            for child in inner[1].children or []
            if not (child.type == "text" and not child.content.strip())
        ]
        if len(inner) == 3
        else []
    )
    if not is_lone_link(children):
        return None
    link = children[0]
    href = str(link.attrGet("href"))
    facts: dict[str, Any] = {
        "token": link,
        "href": href,
        "text": "".join(child.content for child in children[1:-1]),
    }
    if FILE_SIZE in link.meta:
        facts["size"] = link.meta[FILE_SIZE]
        extension = posixpath.splitext(urlsplit(href).path)[1]
        facts["file_type"] = extension.lstrip(".").upper() or None
    return facts


def _number_for_paper(children: Sequence[Token]) -> None:
    """A phone link whose text is no number ([服务热线](tel:12345)) names its number for print
    (``data-number``): on paper there is nothing to tap, and a link showing its number needs none
    printed after it."""
    for index, child in enumerate(children):
        href = str(child.attrGet("href") or "") if child.type == "link_open" else ""
        if not href.lower().startswith("tel:"):
            continue
        number = unquote(href)[len("tel:") :]
        text = takewhile(lambda token: token.type != "link_close", children[index + 1 :])
        if _digits(number) not in _digits("".join(token.content for token in text)):
            child.attrSet("data-number", number)


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


def _with_children(tokens: Sequence[Token]):
    for token in tokens:
        yield token
        yield from token.children or []


def matching_close(tokens: Sequence[Token], open_index: int) -> int:
    """The index of the token that closes the component opened at ``open_index``."""
    depth = 0
    for index in range(open_index, len(tokens)):
        if tokens[index].type == f"container_{CONTAINER}_open":
            depth += 1
        elif tokens[index].type == f"container_{CONTAINER}_close":
            depth -= 1
            if depth == 0:
                return index
    raise AssertionError("parse reports unclosed components; the plugin always closes them")


def body_parts(
    tokens: Sequence[Token],
) -> tuple[Sequence[Token], Sequence[Token], Sequence[Token]]:
    """A guide's body as its page lays it out: the notification banners it opens with (a counter
    closed for a holiday: at the top of the page, above the key facts, and on its short page), its
    opening text (after the key facts) and its ``##`` sections (after the sections of its
    fields)."""
    first = next(
        (
            index
            for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h2" and token.level == 0
        ),
        len(tokens),
    )
    notices, opening = _leading_notices(tokens[:first])
    return notices, opening, tokens[first:]


def _leading_notices(tokens: Sequence[Token]) -> tuple[Sequence[Token], Sequence[Token]]:
    end = 0
    while (
        end < len(tokens)
        and tokens[end].type == f"container_{CONTAINER}_open"
        and component_call(tokens[end]).name == NOTICE
    ):
        end = matching_close(tokens, end) + 1
    return tokens[:end], tokens[end:]


def _line_outside_lists(tokens: Sequence[Token], level: int) -> int | None:
    """The source line of the first block directly inside a container that is not a list."""
    for token in tokens:
        if token.level == level and token.type not in _LIST_TOKENS:
            return token.map[0] + 1 if token.map else None
    return None


_LIST_TOKENS = {"bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close"}


def _list_items(tokens: Sequence[Token]) -> list[Sequence[Token]]:
    """The items of the top-level lists inside a container."""
    if not tokens:
        return []
    items: list[Sequence[Token]] = []
    start = None
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and token.level == tokens[0].level + 1:
            start = index + 1
        elif (
            token.type == "list_item_close"
            and start is not None
            and token.level == tokens[0].level + 1
        ):
            items.append(tokens[start:index])
            start = None
    return items
