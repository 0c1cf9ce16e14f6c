"""Stage 4, render: enriched guides -> HTML pages of every theme, through Jinja2 layouts and
component macros; and what every page's layout knows (``page_context``)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from markdown_it.token import Token

from .. import __version__
from ..findings import Finding
from ..messages import LANGUAGES, ui_strings, ui_text
from ..pages import Page
from ..site_paths import (
    CONTENT_SECURITY_POLICY,
    FIND_FOLDER,
    printed_url,
    public_url,
    root_of,
    statement_path,
)
from ..source.config import SiteConfig
from ..source.content_model import GuideMeta
from ..source.glossary import Entry
from ..source.load import SourceGuide
from ..templates import environment
from ..theme import THEMES, Theme, other_theme
from .enrich import (
    EnrichedGuide,
    FrontMatterFile,
    field_sections,
    page_path,
    page_url,
    short_page_path,
    short_page_url,
)
from .language_marks import marked, marked_text, needs_marks
from .markdown_html import BodyRenderer, body_parts
from .parse import CONTAINER, component_call
from .short_guide import ShortGuide, short_guide

if TYPE_CHECKING:
    from ..site.page_weight import Budget


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
    # its fields' text in another language is marked on every page made from them
    texts = (text for _, _, text in guide.front_matter.texts)
    mark = marked if needs_marks(texts, guide.lang) else str
    notices, lead, sections = body_parts(enriched.parsed.tokens)
    # the opening text after the key facts has a heading of its own: under 要点's it would read as
    # part of them
    about = "about" in field_sections(guide.meta, opening=bool(lead))
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
            body_notices=renderer.render(notices),
            body_lead=body_lead,
            about_heading=about,
            body_sections=body_sections,
            word_list=renderer.word_list(),
        )
        findings += renderer.findings
        pages.append(Page(site_path, mark(html), theme.name, guide.lang, guide.rel))
    # the short page is laid out from the front matter alone: both themes' pages share it, unless
    # the site's address makes their printed links differ
    facts = _short_facts(guide.meta, guide.lang)
    notice_text = _notice_text(notices, guide.lang)
    shorts: dict[str | None, ShortGuide] = {}
    for theme in THEMES:
        site_path = theme.prefix + short_page_path(guide.rel)
        full_guide_url = (
            printed_url(config.base_url, theme.prefix + page_path(guide.rel))
            if config.base_url
            else None
        )
        if full_guide_url not in shorts:
            shorts[full_guide_url] = short_guide(
                guide.meta,
                guide.lang,
                facts,
                full_guide_url=full_guide_url,
                unchecked=not checked,
                notices=notice_text,
            )
        html = env.get_template("base/short.html.j2").render(
            page_context(config, theme, site_path, guide.lang, checked)
            | guide_context(guide, theme, site_path),
            guide=meta,
            source=guide.rel,
            short=shorts[full_guide_url],
            # the short page has no word list for a term to lead to; most guides have no notice,
            # and need no renderer of their own for it
            notices=BodyRenderer(
                root_of(site_path),
                theme,
                guide.lang,
                guide.rel,
                glossary,
                config.zh_hant_reading,
                term_links=False,
            ).render(notices)
            if notices
            else "",
            full_guide=posixpath.basename(page_url(guide.rel)),
            full_guide_url=full_guide_url,
        )
        pages.append(Page(site_path, mark(html), theme.name, guide.lang, guide.rel))
    return pages, _dedupe(findings)


def _notice_text(notices: Sequence[Token], lang: str) -> list[str]:
    """Each notice's words as it prints, its heading first: the short sheet makes room for them."""
    texts: list[str] = []
    for token in notices:
        if token.type == f"container_{CONTAINER}_open" and token.level == 0:
            texts.append(component_call(token).params or ui_text(lang, "notification-important"))
        elif token.type == "inline":
            texts[-1] += " " + token.content
    return texts


def _short_facts(meta: GuideMeta, lang: str) -> dict[str, Any] | None:
    """The key facts of a short page, each said once: how long (the promised time limit, else the
    guide's own words, else the legal limit), whether it is done on the spot (when no promised
    limit says so already), fees, visits and when they were last checked. None when the guide has
    none of them."""
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
        # a printed sheet is kept for months: it says how old its facts are
        "last_reviewed": meta.model_dump(mode="json", include={"last_reviewed"})["last_reviewed"],
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
    ``budget`` in any theme and the site has ways in, each language's ways in and a link to its A–Z
    list, in every theme (the silver switch leads to the same page, made bigger)."""
    from ..site.ways_in import linked_ways  # the site's pages import this module's context

    env = environment()
    by_lang = {
        lang: sorted((g for g in guides if g.lang == lang), key=lambda g: g.rel)
        for lang in LANGUAGES
    }

    def render(theme: Theme, listed: bool) -> Page:
        site_path = theme.prefix + "index.html"
        html = env.get_template("base/index.html.j2").render(
            **page_context(config, theme, site_path, config.default_lang, checked),
            source=None,
            sections=[
                {
                    "lang": lang,
                    "ways": linked_ways(entries),
                    "count": len(entries),
                    "guides": [
                        (
                            marked_text(g.meta.title, lang),
                            marked_text(g.meta.summary, lang),
                            page_url(g.rel),
                        )
                        for g in entries
                    ]
                    if listed
                    else None,
                }
                for lang, entries in by_lang.items()
                if entries
            ],
        )
        return Page(site_path, html, theme.name, config.default_lang, None)

    pages = [render(theme, listed=True) for theme in THEMES]
    if budget is not None and config.ways_in and not all(budget.fits(page) for page in pages):
        pages = [render(theme, listed=False) for theme in THEMES]
    return pages


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
        # printed with the page
        "page_url": printed_url(config.base_url, site_path) if config.base_url else None,
        "other_theme_url": root + other.prefix + quote(page),
        "alternates": [],  # {lang, href, label} of this page in other languages, when there are any
        "canonical": public_url(config.base_url, site_path) if config.base_url else None,
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
