"""Stage 4, render: enriched guides -> HTML pages of every theme, through Jinja2 layouts and
component macros."""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from . import __version__
from .component_registry import Component, ComponentParamsError, call_macro, registry
from .config import SiteConfig
from .content_model import GuideMeta
from .enrich import (
    FILE_SIZE,
    HEADING_LEVEL,
    REGION_LABEL,
    SITE_PATH,
    EnrichedGuide,
    FrontMatterFile,
    page_path,
    page_url,
    short_page_path,
    short_page_url,
)
from .findings import Finding
from .glossary import EXPANDED, TERM, Entry
from .jinja import install, script, stylesheet
from .load import SourceGuide
from .messages import LANGUAGES, error_text, ui_strings, ui_text
from .package_files import package_cache
from .parse import CONTAINER, LINE_ATTRIBUTE, ComponentCall, component_call, new_markdown_parser
from .reading_aids import annotated
from .short_guide import short_guide
from .theme import THEMES, Theme, other_theme

if TYPE_CHECKING:
    from .page_weight import Budget


SCRIPT = "assets/guidekit.js"
# read-aloud's script is loaded only by the pages that show the control (guides, its gallery page):
# every other page stays inside the page-weight budget without it
READ_ALOUD_SCRIPT = "assets/guidekit-read-aloud.js"
GALLERY_INDEX = "components/index.html"
# Every page may load only files of its own site: no inline script or style, no other host, no
# plugins, no <base> rewriting links. A <meta> because the site is static and also opened from disk.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)
FIND_FOLDER = "find"  # the search page and the other ways in, one folder per language
STATEMENT_FOLDER = "accessibility"  # the accessibility statement and the conformance reports


@dataclass(frozen=True)
class Page:
    site_path: str  # below the site root, e.g. "silver/zh-Hans/pension.html"
    html: str
    theme: str
    lang: str
    source: str | None  # the guide's path relative to SOURCE, None for generated pages


@dataclass(frozen=True)
class KeptPage:
    """A page the published site already holds byte for byte (the build cache knows it): staging
    hard-links it from there instead of making it again."""

    site_path: str
    theme: str
    lang: str
    source: str | None
    html_gzip: int  # bytes
    loads: tuple[
        str, ...
    ]  # the site's files the page loads (stylesheet, scripts), below the site root


@dataclass(frozen=True)
class KeptFile:
    """A file (a search index) the published site already holds byte for byte."""

    gzip: int  # bytes


@dataclass
class Made:
    """Pages and files made from the whole site — the pages around the guides, a language's search
    index, the gallery — with the problems found making them."""

    pages: list[Page | KeptPage] = field(default_factory=list)
    files: dict[str, str | KeptFile] = field(
        default_factory=dict
    )  # path below the site root -> text
    findings: list[Finding] = field(default_factory=list)


def statement_path(lang: str) -> str:
    """The accessibility statement in ``lang``, below a theme's folder:
    ``accessibility/en.html``."""
    return f"{STATEMENT_FOLDER}/{lang}.html"


def root_of(site_path: str) -> str:
    """The relative way back to the site root, so pages also work opened from disk."""
    return "../" * site_path.count("/")


def _table_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Wide tables scroll inside a labelled, focusable region instead of widening the page (WCAG
    1.4.10). The table itself is named too (by the heading it sits under), for screen readers'
    table navigation."""
    label = escape(tokens[index].meta.get(REGION_LABEL, ""))
    if label:
        tokens[index].attrSet("aria-label", str(label))
    return (
        f'<div class="gk-table-region" role="region" tabindex="0" aria-label="{label}">'
        + renderer.renderToken(tokens, index, options, env)
    )


def _table_close(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>"


def _table_cell_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Column alignment as a class: the Content-Security-Policy forbids inline style attributes."""
    token = tokens[index]
    alignment = str(token.attrs.pop("style", "")).removeprefix("text-align:")
    if alignment:
        token.attrJoin("class", f"gk-align-{alignment}")
    return renderer.renderToken(tokens, index, options, env)


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
    if entry.expansion:
        word = Markup('<abbr title="{}">{}</abbr>').format(entry.expansion, word)
    link = Markup('<a class="gk-term" href="#gk-glossary-{}">{}</a>').format(
        terms.index(entry) + 1, word
    )
    if entry.expansion and not tokens[index].meta.get(EXPANDED):
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


@package_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(resources.files("guidekit.themes"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        # package files: guidekit serve starts a new environment when they change
        auto_reload=False,
        bytecode_cache=_template_cache(),
    )
    return install(env)


class _TemplateCache(FileSystemBytecodeCache):
    """Templates compiled by an earlier process, in Jinja's private folder for the user; an entry
    is keyed by the template's path and checked against its source. A template that cannot be
    kept or read back is compiled again: never a failed build."""

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> _TemplateCache | None:
    try:
        return _TemplateCache(pattern=f"guidekit-{__version__}-%s.cache")
    except (OSError, RuntimeError):  # no folder Jinja deems safe (shared, or not writable)
        return None


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
    ) -> None:
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
            "readings": readings,
            "terms": self.terms,
            "reading": reading,
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
                close = _matching_close(tokens, index)
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
            Finding(rule=f"component-{key}", message=text, file=self.source, line=line or call.line)
        )

    def _component(self, opener: Token, inner: Sequence[Token]) -> str:
        call = component_call(opener)
        component = registry()[call.name]
        form = component.markdown
        assert form is not None  # only containers reach here: component_call refused the rest
        params: dict[str, Any] = {"attributes": {LINE_ATTRIBUTE: str(call.line)}, "lang": self.lang}
        if call.params and form.argument:
            params[form.argument] = call.params
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
            for problem in error.problems:
                self._problem("params", call, component.describe(problem, self.lang))
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
    if (
        not children
        or children[0].type != "link_open"
        or children[-1].type != "link_close"
        or [c.type for c in children].count("link_open") != 1
    ):
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


def _with_children(tokens: Sequence[Token]):
    for token in tokens:
        yield token
        yield from token.children or []


def _matching_close(tokens: Sequence[Token], open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(tokens)):
        if tokens[index].type == f"container_{CONTAINER}_open":
            depth += 1
        elif tokens[index].type == f"container_{CONTAINER}_close":
            depth -= 1
            if depth == 0:
                return index
    raise AssertionError("parse reports unclosed components; the plugin always closes them")


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


def render_guide(
    enriched: EnrichedGuide,
    config: SiteConfig,
    *,
    checked: bool,
    guide_context: Callable[
        [SourceGuide, Theme, str], dict[str, Any]
    ] = lambda guide, theme, site_path: {},
    glossary: Sequence[Entry] = (),
) -> tuple[list[Page], list[Finding]]:
    """A guide's page in every theme. ``guide_context`` adds to (or overrides) what the page knows,
    such as its translations."""
    env = environment()
    pages: list[Page] = []
    findings: list[Finding] = []
    guide = enriched.parsed.guide
    meta = guide.meta.model_dump(mode="json")
    lead, sections = _split_at_first_section(enriched.parsed.tokens)
    for theme in THEMES:
        site_path = theme.prefix + page_path(guide.rel)
        renderer = BodyRenderer(
            root_of(site_path), theme, guide.lang, guide.rel, glossary, config.zh_hant_reading
        )
        body_lead, body_sections = renderer.render(lead), renderer.render(sections)
        html = env.get_template("base/guide.html.j2").render(
            page_context(config, theme, site_path, guide.lang, checked)
            | guide_context(guide, theme, site_path),
            guide=_with_files(meta, enriched.files, root_of(site_path)),
            source=guide.rel,
            short_page=posixpath.basename(short_page_url(guide.rel)),
            body_lead=body_lead,
            body_sections=body_sections,
            word_list=renderer.word_list(),
        )
        findings += renderer.findings
        pages.append(Page(site_path, html, theme.name, guide.lang, guide.rel))
    for theme in THEMES:
        site_path = theme.prefix + short_page_path(guide.rel)
        full_guide_url = (
            f"{config.base_url.rstrip('/')}/{theme.prefix}{page_path(guide.rel)}"
            if config.base_url
            else None
        )
        html = env.get_template("base/short.html.j2").render(
            page_context(config, theme, site_path, guide.lang, checked)
            | guide_context(guide, theme, site_path),
            guide=meta,
            source=guide.rel,
            short=short_guide(
                guide.meta,
                guide.lang,
                _short_facts(guide.meta, guide.lang),
                full_guide_url=full_guide_url,
                unchecked=not checked,
            ),
            full_guide=posixpath.basename(page_url(guide.rel)),
            full_guide_url=full_guide_url,
        )
        pages.append(Page(site_path, html, theme.name, guide.lang, guide.rel))
    return pages, _dedupe(findings)


def _short_facts(meta: GuideMeta, lang: str) -> dict[str, Any] | None:
    """The key facts of a short page, each said once: how long (the promised time limit, else the
    guide's own words, else the legal limit), whether it is done on the spot (when no promised
    limit says so already), fees and visits. None when the guide has none of them."""
    limit = meta.promised_time_limit or (None if meta.time_limit else meta.legal_time_limit)
    facts = {
        "time_limit": None if meta.promised_time_limit else meta.time_limit,
        "promised_time_limit" if meta.promised_time_limit else "legal_time_limit": limit
        and str(
            environment()
            .get_template("base/service-facts.html.j2")
            .module.time_limit(limit, meta.holidays_counted, lang)  # type: ignore[attr-defined]
        ),
        "item_kind": None if meta.promised_time_limit else meta.item_kind,
        "fees": meta.model_dump(mode="json", include={"fees"})["fees"],
        "visits": meta.visits,
    }
    return facts | {"lang": lang} if any(value is not None for value in facts.values()) else None


def _with_files(
    meta: dict[str, Any], files: Mapping[str, FrontMatterFile], root: str
) -> dict[str, Any]:
    """The front matter with each file it names (blank forms, samples) as the attachment component
    takes it, linked from a page at ``root``."""

    def attachment(written: str | None) -> dict[str, Any] | None:
        if written is None or written not in files:  # enrich reported why it is not there
            return None
        found = files[written]
        extension = posixpath.splitext(urlsplit(written).path)[1].lstrip(".").upper()
        return {
            "href": written if found.site_path is None else root + found.site_path,
            "file_type": extension or None,
            "size": found.size,
        }

    materials = [
        material
        | {
            "blank_form": attachment(material["blank_form"]),
            "sample": attachment(material["sample"]),
        }
        for material in meta["materials"]
    ]
    result = meta["result"] and meta["result"] | {"sample": attachment(meta["result"]["sample"])}
    return meta | {"materials": materials, "result": result}


def render_home(
    guides: Sequence[SourceGuide],
    config: SiteConfig,
    *,
    checked: bool,
    budget: Budget | None = None,
) -> list[Page]:
    """The site's front page in every theme: every guide, by language; when that is too heavy for
    ``budget`` and the site has ways in, each language's ways in and a link to its A–Z list."""
    env = environment()
    by_lang = {
        lang: sorted((g for g in guides if g.lang == lang), key=lambda g: g.rel)
        for lang in LANGUAGES
    }
    pages = []
    for theme in THEMES:
        site_path = theme.prefix + "index.html"

        def render(listed: bool, site_path: str = site_path, theme: Theme = theme) -> Page:
            html = env.get_template("base/index.html.j2").render(
                **page_context(config, theme, site_path, config.default_lang, checked),
                source=None,
                sections=[
                    {
                        "lang": lang,
                        "count": len(entries),
                        "guides": [(g.meta, page_url(g.rel)) for g in entries] if listed else None,
                    }
                    for lang, entries in by_lang.items()
                    if entries
                ],
            )
            return Page(site_path, html, theme.name, config.default_lang, None)

        page = render(listed=True)
        if budget is not None and config.ways_in and not budget.fits(page):
            page = render(listed=False)
        pages.append(page)
    return pages


def _split_at_first_section(tokens: Sequence[Token]) -> tuple[Sequence[Token], Sequence[Token]]:
    """The guide's opening text, and its ``##`` sections: the page puts the guide's fixed facts
    between them."""
    first = next(
        (
            index
            for index, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h2" and token.level == 0
        ),
        len(tokens),
    )
    return tokens[:first], tokens[first:]


def page_context(
    config: SiteConfig,
    theme: Theme,
    site_path: str,
    lang: str,
    checked: bool,
    root: str | None = None,
) -> dict[str, Any]:
    """What the layout needs for one page of one theme; ``root`` replaces the relative way back to
    the site root for a page served at other addresses than its own (404)."""
    page = site_path[len(theme.prefix) :]
    other = other_theme(theme)
    root = root_of(site_path) if root is None else root
    return {
        "lang": lang,
        "t": ui_strings(lang),
        "ui": {code: ui_strings(code) for code in LANGUAGES},
        "site_name": config.site_name_for(lang),
        "site_name_lang": lang
        if lang in config.site_name
        else config.default_lang,  # a name in another language is marked
        "theme": theme,
        "root": root,
        "home": root + theme.prefix + "index.html",
        "page_url": f"{config.base_url.rstrip('/')}/{site_path}"
        if config.base_url
        else None,  # printed with the page
        "other_theme_url": root + other.prefix + quote(page),
        "alternates": [],  # {lang, href, label} of this page in other languages, when there are any
        "canonical": config.base_url.rstrip("/") + "/" + site_path if config.base_url else None,
        "find": root + theme.prefix + FIND_FOLDER + "/" if config.ways_in else None,
        # guidekit.conformance writes it on every build
        "statement": root + theme.prefix + statement_path(lang) if config.statement else None,
        "checked": checked,
        "version": __version__,
        "content_security_policy": CONTENT_SECURITY_POLICY,
    }


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """A component problem is found once per theme; the editor needs to hear it once."""
    return list(dict.fromkeys(findings))


def site_assets() -> dict[str, str]:
    """The site's shared files, by path below the site root: one stylesheet per theme and the
    script."""
    files = {
        f"assets/{theme.stylesheet}": stylesheet(theme.name, page_layout=True) for theme in THEMES
    }
    files[SCRIPT] = script(without=("read-aloud",))
    files[READ_ALOUD_SCRIPT] = script(only=("read-aloud",))
    return files
