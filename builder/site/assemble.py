"""The pages around the guides (phase 3), made from all the guides' front matter: the front page,
the ways in, 404 and redirects, a language's search index, robots.txt and sitemap.xml."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources

from rjsmin import jsmin

from ..source.config import SiteConfig
from ..guide.enrich import page_url
from ..source.load import SourceGuide
from .page_weight import Budget, gzip_size
from ..pages import KeptPage, Page, PageGroup
from .search_index import Readings, SynonymGroups, build_index, chunked_index
from ..site_assets import site_assets
from .extras import render_not_found, render_redirects, robots_txt, sitemap_xml
from .ways_in import SEARCH_SCRIPT, linked_ways, render_ways_in


def search_languages(sources: Sequence[SourceGuide], config: SiteConfig) -> list[str]:
    """The languages that have ways in (search and the topic, department and life-event pages)."""
    return sorted({guide.lang for guide in sources}) if config.ways_in else []


def render_around(
    sources: Sequence[SourceGuide],
    config: SiteConfig,
    *,
    checked: bool,
    readings: Mapping[str, Readings] | None = None,
) -> PageGroup:
    """The pages that read the guides' front matter: the front page, the ways in, 404 and
    redirects; ``readings``: each language's pinyin an earlier build spelled."""
    from ..guide.render import render_home  # rendering only: kept pages never import Jinja2

    langs = search_languages(sources, config)
    # what these pages may load, for them to split themselves within the page budget
    loads = site_assets() | {SEARCH_SCRIPT: search_script()}
    budget = Budget(config.budgets.page_kb, {path: gzip_size(text) for path, text in loads.items()})
    pages = render_home(sources, config, checked=checked, budget=budget) + render_ways_in(
        sources, langs, config, checked=checked, budget=budget, readings=readings
    )
    if config.ways_in:
        linked = {
            lang: linked_ways([guide for guide in sources if guide.lang == lang]) for lang in langs
        }
        pages += render_not_found(config, langs, checked=checked, linked=linked)
    redirects, findings = render_redirects(
        config, [guide.rel for guide in sources], checked=checked
    )
    return PageGroup(list(pages + redirects), {}, findings)


def render_search_index(
    lang: str,
    sources: Sequence[SourceGuide],
    search_words: Mapping[str, Mapping[str, int]],
    synonyms: SynonymGroups,
    readings: Readings | None = None,
) -> PageGroup:
    """The search index of one language; ``search_words``: each guide's words
    (``search_index.guide_words``) by ``rel``; ``readings``: as ``build_index`` takes them."""
    index = build_index(
        [
            (guide, page_url(guide.rel), search_words[guide.rel])
            for guide in sources
            if guide.lang == lang
        ],
        synonyms.written_in(lang),
        readings,
    )
    return PageGroup(files=dict(chunked_index(lang, index)))


def search_script() -> str:
    """The search page's script (themes/base/search.js), minified."""
    return (
        jsmin(resources.files("guidekit.themes").joinpath("base", "search.js").read_text("utf-8"))
        + "\n"
    )


def site_files(config: SiteConfig, pages: Sequence[Page | KeptPage]) -> dict[str, str]:
    """The search script, robots.txt and, when the site knows its address, sitemap.xml of all
    ``pages``."""
    files = {SEARCH_SCRIPT: search_script(), "robots.txt": robots_txt(config)}
    sitemap = sitemap_xml(config, pages)
    if sitemap is not None:
        files["sitemap.xml"] = sitemap
    return files
