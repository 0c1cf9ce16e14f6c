"""Everything around the guides, in one step of render: the front page, search, ways in, translations,
404, redirects, robots.txt and sitemap.xml — made from all the guides, on every build."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rjsmin import jsmin

from .config import SiteConfig
from .enrich import page_url
from .findings import Finding
from .load import SourceGuide
from .render import Page, render_home
from .search_index import SynonymGroups, build_index, index_script
from .site_files import render_not_found, render_redirects, robots_txt, sitemap_xml
from .site_pages import SEARCH_SCRIPT, render_ways_in, search_index_path
from importlib import resources


@dataclass
class SiteAround:
    pages: list[Page]
    findings: list[Finding]
    scripts: dict[str, str]  # path below the site root -> text
    config: SiteConfig

    def files(self, pages: Sequence[Page]) -> dict[str, str]:
        """The search scripts, robots.txt and, when the site knows its address, sitemap.xml of all ``pages``."""
        files = dict(self.scripts)
        files["robots.txt"] = robots_txt(self.config)
        sitemap = sitemap_xml(self.config, pages)
        if sitemap is not None:
            files["sitemap.xml"] = sitemap
        return files


def render_site_around(sources: Sequence[SourceGuide], search_words: Mapping[str, Mapping[str, int]], config: SiteConfig,
                       synonyms: SynonymGroups, *, checked: bool) -> SiteAround:
    """``search_words``: each guide's words (``search_index.guide_words``), by the guide's ``rel``."""
    langs = sorted({guide.lang for guide in sources}) if config.ways_in else []
    scripts = {SEARCH_SCRIPT: jsmin(resources.files("guidekit.themes").joinpath("base", "search.js").read_text("utf-8")) + "\n"}
    for lang in langs:
        index = build_index([(guide, page_url(guide.rel), search_words[guide.rel]) for guide in sources if guide.lang == lang], synonyms)
        scripts[search_index_path(lang)] = index_script(lang, index)
    pages = render_home(sources, config, checked=checked) + render_ways_in(sources, langs, config, checked=checked)
    if config.ways_in:
        pages += render_not_found(config, langs, checked=checked)
    redirects, findings = render_redirects(config, [guide.rel for guide in sources], checked=checked)
    return SiteAround(pages + redirects, findings, scripts, config)
