"""What a site needs around its guides: a 404 page, robots.txt, sitemap.xml and pages for renamed
guides."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from ..source.config import CONFIG_FILE, SiteConfig
from ..guide.enrich import SHORT_SUFFIX, page_path, page_url, short_page_url
from ..findings import Finding
from ..source.load import SourceGuide
from ..messages import error_text, ui_text
from ..pages import KeptPage, Page
from .ways_in import way_in_path
from ..site_paths import inside_the_site, public_url, root_of
from ..guide.structured_data import government_service, json_ld
from ..theme import THEMES, Theme, theme_of_page
from ..source.translations import translations

NOT_FOUND = "404.html"


def guide_context(
    guides: Sequence[SourceGuide], config: SiteConfig
) -> Callable[[SourceGuide, Theme, str], dict[str, Any]]:
    """Per guide page: its translations (language switch and hreflang) and its GovernmentService
    JSON-LD."""

    @cache
    def others() -> dict[
        str, list[SourceGuide]
    ]:  # worked out once a guide is made: a rebuild often makes none
        return translations(guides)

    def context(guide: SourceGuide, theme: Theme, site_path: str) -> dict[str, Any]:
        root = root_of(site_path)
        # a short page's translations are the other languages' short pages
        short = site_path.endswith(SHORT_SUFFIX)
        other_page = short_page_url if short else page_url
        alternates = [
            {
                "lang": other.lang,
                "href": root + theme.prefix + other_page(other.rel),
                "label": ui_text(other.lang, "language-name"),
            }
            for other in others()[guide.rel]
        ]
        if short:  # the service is described once, by its guide's page
            return {"alternates": alternates}
        url = public_url(config.base_url, site_path) if config.base_url else None
        return {
            "alternates": alternates,
            "structured_data": json_ld(government_service(guide.meta, url)),
        }

    return context


def site_root_path(config: SiteConfig) -> str:
    """The path the site is served under: that of ``base_url`` (``/qingchuan/``), else ``/``."""
    return urlsplit(config.base_url or "/").path.rstrip("/") + "/"


def render_not_found(
    config: SiteConfig,
    langs: Sequence[str],
    *,
    checked: bool,
    linked: Mapping[str, Collection[str]] | None = None,
) -> list[Page]:
    """One 404 page per theme, in the site's language, pointing at the ways in (the A–Z list, and
    the topic page of a language whose ``linked`` ways in have it: ``linked_ways``); below, a part for each other language with guides, in its words and marked
    with its ``lang``, pointing at its own ways in: a server shows one 404 page at every missing
    address, an English guide's mistyped one too. A server shows it at whatever address was
    missing (/a/b/missing), so its stylesheet, script and links start from the site's root path
    (``site_root_path``), never from the page's own folder."""
    # rendering only: a build that keeps its pages never imports Jinja2
    from ..guide.render import page_context
    from ..templates import environment

    def has_topics(lang: str) -> bool:
        # a topic page without guides says there are none: no way to look
        return linked is not None and "topics" in linked.get(lang, ())

    pages = []
    lang = config.default_lang
    search_lang = lang if lang in langs else (langs[0] if langs else None)
    root = site_root_path(config)
    for theme in THEMES:
        site_path = theme.prefix + NOT_FOUND
        here = root + theme.prefix
        html = (
            environment()
            .get_template("base/not-found.html.j2")
            .render(
                page_context(config, theme, site_path, lang, checked, root=root)
                # shown at every missing address: it is no address's canonical page
                | {"canonical": None},
                source=None,
                search=here + way_in_path(search_lang, "search") if search_lang else None,
                topics=here + way_in_path(search_lang, "topics")
                if search_lang and has_topics(search_lang)
                else None,
                other_languages=[
                    {
                        "lang": other,
                        "search": here + way_in_path(other, "search"),
                        "topics": here + way_in_path(other, "topics")
                        if has_topics(other)
                        else None,
                    }
                    for other in langs
                    if other != lang
                ],
            )
        )
        pages.append(Page(site_path, html, theme.name, lang, None))
    return pages


def render_redirects(
    config: SiteConfig, guide_rels: Sequence[str], *, checked: bool
) -> tuple[list[Page], list[Finding]]:
    """A small page at each renamed guide's old address, in every theme, sending the reader on at
    once."""
    from ..guide.render import page_context  # rendering only, as in ``render_not_found``
    from ..templates import environment

    pages: list[Page] = []
    findings: list[Finding] = []
    for old, target in sorted(config.redirects.items()):
        old_page = old.strip("/")
        if (
            target not in guide_rels
            or not old_page.endswith(".html")
            or not inside_the_site(old_page)
            or old_page in {page_path(rel) for rel in guide_rels}
        ):
            findings.append(
                Finding(
                    rule="config-redirect-invalid",
                    file=CONFIG_FILE,
                    message=error_text(
                        "redirect-invalid", config.default_lang, old=old, target=target
                    ),
                )
            )
            continue
        for theme in THEMES:
            site_path = theme.prefix + old_page
            html = (
                environment()
                .get_template("base/redirect.html.j2")
                .render(
                    page_context(config, theme, site_path, config.default_lang, checked),
                    source=None,
                    target=root_of(site_path) + theme.prefix + page_url(target),
                )
            )
            pages.append(Page(site_path, html, theme.name, config.default_lang, None))
    return pages, findings


def robots_txt(config: SiteConfig) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {public_url(config.base_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


def sitemap_xml(config: SiteConfig, pages: Sequence[Page | KeptPage]) -> str | None:
    """Sitemaps need absolute addresses: none without ``base_url``. Redirect and 404 pages are left
    out, and short pages: a search engine should send readers to the guide, which links to them."""
    base_url = config.base_url
    if not base_url:
        return None
    redirected = {old.strip("/") for old in config.redirects}
    urls = [
        f"<url><loc>{xml_escape(public_url(base_url, page.site_path))}</loc></url>"
        for page in pages
        if page.site_path.removeprefix(theme_of_page(page.site_path).prefix) not in redirected
        and not page.site_path.endswith((NOT_FOUND, SHORT_SUFFIX))
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(urls) + "\n</urlset>\n"
    )
