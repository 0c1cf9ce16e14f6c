"""Stage 4, render: enriched guides -> HTML pages of every theme, through Jinja2 layouts and component macros."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it.token import Token
from markupsafe import Markup, escape

from . import __version__
from .component_registry import ComponentParamsError, call_macro, registry, stylesheet_parts
from .config import SiteConfig
from .enrich import HEADING_LEVEL, REGION_LABEL, SITE_PATH, EnrichedGuide, page_path
from .findings import Finding
from .messages import DEFAULT_LANGUAGE, LANGUAGES, ui_strings
from .parse import CONTAINER, LINE_ATTRIBUTE, component_call, markdown_parser


@dataclass(frozen=True)
class Theme:
    name: str
    prefix: str  # where the theme's pages live below the site root
    stylesheet: str  # file name below assets/


THEMES = (Theme("standard", "", "guidekit.css"), Theme("silver", "silver/", "guidekit-silver.css"))
# Every page may load only files of its own site: no inline script or style, no other host, no
# plugins, no <base> rewriting links. A <meta> because the site is static and also opened from disk.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)


@dataclass(frozen=True)
class Page:
    site_path: str  # below the site root, e.g. "silver/zh-Hans/pension.html"
    html: str
    theme: str
    lang: str
    source: str | None  # the guide's path relative to SOURCE, None for generated pages


def root_of(site_path: str) -> str:
    """The relative way back to the site root, so pages also work opened from disk."""
    return "../" * site_path.count("/")


def _table_open(renderer, tokens: Sequence[Token], index: int, options, env) -> str:
    """Wide tables scroll inside a labelled, focusable region instead of widening the page (WCAG 1.4.10)."""
    label = escape(tokens[index].meta.get(REGION_LABEL, ""))
    return f'<div class="gk-table-region" role="region" tabindex="0" aria-label="{label}">' + renderer.renderToken(tokens, index, options, env)


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


@cache
def markdown_renderer():
    md = markdown_parser()
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    md.add_render_rule("th_open", _table_cell_open)
    md.add_render_rule("td_open", _table_cell_open)
    md.add_render_rule("html_block", _raw_html)
    md.add_render_rule("html_inline", _raw_html)
    return md


@cache
def environment() -> Environment:
    folders = [resources.files("guidekit.themes"), resources.files("guidekit.components")]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["component"] = _component_from_template
    env.globals["ui_text"] = ui_text
    return env


def ui_text(lang: str | None, key: str, **args: object) -> str:
    return ui_strings(lang or DEFAULT_LANGUAGE)[key].format(**args)


def _component_from_template(name: str, params: dict[str, Any]) -> Markup:
    component = registry()[name]
    return call_macro(environment().get_template(component.template).module, component, params)


class BodyRenderer:
    """Renders a guide's tokens for one page: components through their macros, site paths made relative."""

    def __init__(self, root: str, theme: Theme, lang: str, source: str) -> None:
        self.root, self.theme, self.lang, self.source = root, theme, lang, source
        self.findings: list[Finding] = []
        self.md = markdown_renderer()

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

    def _plain(self, tokens: list[Token]) -> str:
        if not tokens:
            return ""
        for token in _with_children(tokens):
            if SITE_PATH in token.meta:
                attribute = "src" if token.type == "image" else "href"
                prefix = self.theme.prefix if token.type == "link_open" and token.meta[SITE_PATH].split("#")[0].endswith(".html") else ""
                token.attrSet(attribute, self.root + prefix + token.meta[SITE_PATH])
        return self.md.renderer.render(tokens, self.md.options, {"lang": self.lang})

    def _component(self, opener: Token, inner: Sequence[Token]) -> str:
        call = component_call(opener)
        component = registry()[call.name]
        params: dict[str, Any] = {"attributes": {LINE_ATTRIBUTE: str(call.line)}, "lang": self.lang}
        if component.container_argument and call.params:
            params[component.container_argument] = call.params
        if "heading_level" in component.params:
            params["heading_level"] = opener.meta[HEADING_LEVEL]
        if component.container_items:
            params[component.container_items] = [self.render(item) for item in _list_items(inner)]
        elif "content" in component.params:
            params["content"] = self.render(inner)
        try:
            return call_macro(environment().get_template(component.template).module, component, params)
        except ComponentParamsError as error:
            self.findings.append(
                Finding(rule="component-params", message=str(error), file=self.source, line=call.line)
            )
            return ""


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


def _list_items(tokens: Sequence[Token]) -> list[Sequence[Token]]:
    """The items of the top-level lists inside a container; anything else there is kept as one item."""
    items: list[Sequence[Token]] = []
    start = None
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and token.level == tokens[0].level + 1:
            start = index + 1
        elif token.type == "list_item_close" and start is not None and token.level == tokens[0].level + 1:
            items.append(tokens[start:index])
            start = None
    return items


def render_site(guides: Sequence[EnrichedGuide], config: SiteConfig, *, checked: bool) -> tuple[list[Page], list[Finding]]:
    env = environment()
    pages: list[Page] = []
    findings: list[Finding] = []
    by_lang = {lang: sorted((g for g in guides if g.parsed.guide.lang == lang), key=lambda g: g.parsed.guide.rel) for lang in LANGUAGES}
    for theme in THEMES:
        for enriched in guides:
            guide = enriched.parsed.guide
            site_path = theme.prefix + page_path(guide.rel)
            renderer = BodyRenderer(root_of(site_path), theme, guide.lang, guide.rel)
            body = renderer.render(enriched.parsed.tokens)
            findings += renderer.findings
            html = env.get_template("base/guide.html.j2").render(
                **_page_context(config, theme, site_path, guide.lang, checked),
                guide=guide.meta,
                source=guide.rel,
                body=body,
            )
            pages.append(Page(site_path, html, theme.name, guide.lang, guide.rel))
        site_path = theme.prefix + "index.html"
        html = env.get_template("base/index.html.j2").render(
            **_page_context(config, theme, site_path, config.default_lang, checked),
            source=None,
            sections=[
                {"lang": lang, "guides": [(g.parsed.guide.meta, quote(page_path(g.parsed.guide.rel))) for g in entries]}
                for lang, entries in by_lang.items()
                if entries
            ],
        )
        pages.append(Page(site_path, html, theme.name, config.default_lang, None))
    return pages, _dedupe(findings)


def _page_context(config: SiteConfig, theme: Theme, site_path: str, lang: str, checked: bool) -> dict[str, Any]:
    page = site_path[len(theme.prefix) :]
    other = THEMES[1] if theme is THEMES[0] else THEMES[0]
    root = root_of(site_path)
    return {
        "lang": lang,
        "t": ui_strings(lang),
        "ui": {code: ui_strings(code) for code in LANGUAGES},
        "site_name": config.site_name_for(lang),
        "theme": theme,
        "root": root,
        "home": root + theme.prefix + "index.html",
        "other_theme_url": root + other.prefix + quote(page),
        "checked": checked,
        "version": __version__,
        "content_security_policy": CONTENT_SECURITY_POLICY,
    }


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """A component problem is found once per theme; the editor needs to hear it once."""
    return list(dict.fromkeys(findings))


def stylesheet(theme: Theme) -> str:
    themes = resources.files("guidekit.themes")
    parts = [themes.joinpath(theme.name, "tokens.css").read_text("utf-8"), themes.joinpath("base", "base.css").read_text("utf-8")]
    return "\n".join(parts + stylesheet_parts())
