"""Each guide's own steps after loading — lint, parse, enrich, render in every theme — as one unit
of work.

A guide's steps read only the guide and what ``SiteInputs`` holds, so the build cache can skip them
for a guide whose inputs did not change, and several processes can share the guides out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..findings import Finding, Severity
from ..pages import KeptPage, Page
from ..site.page_weight import gzip_size
from ..site.search_index import (
    Spellings,
    SynonymGroups,
    guide_words,
    title_side_spellings,
    traditional_speller,
)
from ..source.config import SiteConfig
from ..source.glossary import Entry, mark_first_uses
from ..source.load import SourceGuide
from ..theme import Theme
from ..workers import shared_out
from .checks import check_guide
from .enrich import Asset, SiteGuides

T = TypeVar("T")


@dataclass(frozen=True)
class SiteInputs:
    """What every guide's steps read besides the guide itself."""

    source: Path
    config: SiteConfig
    glossary: Sequence[Entry]
    guides: SiteGuides  # every guide of the site: links between guides are checked against it
    guide_context: Callable[
        [SourceGuide, Theme, str], dict[str, Any]
    ]  # translations, structured data
    synonyms: SynonymGroups  # they decide how the search index cuts words
    checked: bool
    today: dt.date
    # a Chinese word's Traditional spellings, for the search index: OpenCC's dictionaries loaded
    # in each process that steps guides, not in the build's, which later holds every finding
    traditional: Callable[[str], set[str]] = field(default_factory=traditional_speller)
    # by language, the spellings the last build made (BuildCache.known_spellings), not made again
    known_spellings: Mapping[str, Mapping[str, Spellings]] = field(default_factory=dict)


@dataclass
class GuideOutcome:
    findings: list[Finding]  # from lint, parse, enrich and render
    # none when a blocking problem stopped the guide before render; kept ones from the build cache
    pages: list[Page | KeptPage]
    assets: list[Asset]
    html_gzip: dict[str, int] = field(
        default_factory=dict
    )  # each new page's HTML gzipped, in bytes (page weight)
    search_words: Mapping[str, int] = field(
        default_factory=dict
    )  # the guide's part of the search index
    # its title-side words' spellings in the other Chinese script (made now, not kept)
    search_spellings: Mapping[str, Spellings] = field(default_factory=dict)


def guide_steps(guide: SourceGuide, inputs: SiteInputs) -> GuideOutcome:
    from .render import render_guide  # a build that keeps every guide's pages never imports Jinja2

    # a preview (serve, --no-check) shows a guide still holding a template's hint; a checked build
    # refuses it
    unfinished = Severity.ERROR if inputs.checked else Severity.WARNING
    checked = check_guide(
        guide,
        inputs.source,
        inputs.guides,
        inputs.config.lint,
        inputs.today,
        unfinished,
        rendered=True,
    )
    enriched = checked.enriched
    if enriched is None:
        return GuideOutcome(checked.findings, [], [])
    mark_first_uses(enriched.parsed, inputs.glossary)
    pages, rendering = render_guide(
        enriched,
        inputs.config,
        checked=inputs.checked,
        guide_context=inputs.guide_context,
        glossary=inputs.glossary,
    )
    words = guide_words(guide, inputs.synonyms, checked.body)
    return GuideOutcome(
        checked.findings + rendering,
        list[Page | KeptPage](pages),
        enriched.assets,
        {page.site_path: gzip_size(page.html) for page in pages},
        words,
        title_side_spellings(
            words, guide.lang, inputs.traditional, inputs.known_spellings.get(guide.lang, {})
        ),
    )


def run_guide_steps(
    guides: Sequence[SourceGuide],
    inputs: SiteInputs,
    jobs: int,
    meanwhile: Callable[[], T],
) -> tuple[list[GuideOutcome], T]:
    """The outcomes in the order of ``guides``; with ``jobs`` > 1 and enough guides, in worker
    processes. ``meanwhile``: work of this process's own, done while the workers make the guides;
    what it returns comes back with their outcomes."""
    if guides:  # imported once here, not by every forked worker
        from . import render  # noqa: F401
    done: list[T] = []
    outcomes = shared_out(
        lambda index: guide_steps(guides[index], inputs),
        len(guides),
        jobs,
        lambda: done.append(meanwhile()),
    )
    return outcomes, done[0]
