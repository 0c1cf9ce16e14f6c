"""Everything that can be known about one guide from its source, in one pass: the plain-language
lint, the Markdown (parse), its links and files (enrich) and the gate's content rules on the
Markdown.

``guidekit lint`` and every build run this same function, so an editor sees every problem at once,
and the gate finds them again only as a safety net.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..component_registry import markdown_components
from ..findings import Finding, Severity
from ..lint.shared_names import shared_names
from ..source.load import Loaded, SourceGuide, salvage
from ..workers import shared_out
from .enrich import EnrichedGuide, SiteGuides, enrich_guide, heading_ids
from .parse import parse_guide, read_tokens

if TYPE_CHECKING:
    from ..lint.guides import GuideSummary
    from ..lint.rules import LintSettings
    from ..lint.text import Passage


@dataclass
class CheckedGuide:
    findings: list[Finding]
    summary: GuideSummary
    enriched: (
        EnrichedGuide | None
    )  # None when a problem in the Markdown or its links stops the guide before render
    body: tuple[Passage, ...]  # the prose of its body, which the search index reads too


def check_guide(
    guide: SourceGuide,
    source: Path,
    site: SiteGuides,
    settings: LintSettings,
    today: dt.date,
    unfinished: Severity = Severity.ERROR,
    *,
    rendered: bool = False,
) -> CheckedGuide:
    """``unfinished``: what a guide still holding a template's hint is (a warning in an unchecked
    preview). ``rendered``: the caller renders the guide when nothing blocks it, and so finds the
    mistakes of its components; otherwise they are found here."""
    # the linter is imported by the builds that check a guide: a rebuild that keeps every guide
    # from the build cache never does
    from ..lint.guides import lint_guide
    from ..lint.markup import markup_findings
    from ..lint.text import body_passages
    from ..lint.unfinished import unfinished_findings
    from .markdown_html import component_findings

    tokens = read_tokens(guide.body)
    body = body_passages(guide, tokens)  # before parse_guide changes the tokens
    findings, summary = lint_guide(guide, settings, today, body)
    findings += unfinished_findings(guide, unfinished)
    parsed, problems = parse_guide(guide, tokens, markdown_components())
    # links and images are checked even when the Markdown has problems, so that one run says all
    enriched: EnrichedGuide | None
    enriched, linking = enrich_guide(parsed, source, site)
    problems += linking
    if any(problem.blocking for problem in problems):
        enriched = None
    if enriched is None or not rendered:
        problems += component_findings(parsed)
    return CheckedGuide(findings + problems + markup_findings(parsed), summary, enriched, body)


# Problems that leave nothing of a file to check: it is no guide's text (or not one inside SOURCE)
_UNREADABLE = frozenset(
    {
        "content-guide-outside",
        "content-guide-not-a-file",
        "content-guide-too-large",
        "content-unreadable",
        "content-not-utf8",
    }
)


def site_guides(
    loaded: Loaded, anchors: Callable[[str], Collection[str] | None] | None = None
) -> SiteGuides:
    """What links are checked against: the loaded guides, their titles, and the guide files that
    failed to load."""
    rels = frozenset(guide.rel for guide in loaded.guides)
    titles: dict[str, str] = {}
    for guide in loaded.guides:
        titles.setdefault(guide.meta.title, guide.rel)
    metas = {guide.rel: guide.meta for guide in loaded.guides}
    return SiteGuides(rels, frozenset(_failed(loaded)), titles, anchors, metas)


def _failed(loaded: Loaded, *, readable: bool = False) -> set[str]:
    """The guide files that failed to load (``readable``: only those whose text can be read: a link
    to any of them is told that guide's own problem, but only these have a body to check)."""
    rels = {guide.rel for guide in loaded.guides}
    return {
        finding.file
        for finding in loaded.findings
        if finding.blocking
        and finding.file
        and finding.file not in rels
        and not (readable and finding.rule in _UNREADABLE)
    }


def salvaged_guides(source: Path, loaded: Loaded, default_lang: str) -> list[SourceGuide]:
    """The guides whose front matter failed, each with the body that can still be checked."""
    found = (
        salvage(source / rel, rel, default_lang) for rel in sorted(_failed(loaded, readable=True))
    )
    return [guide for guide in found if guide is not None]


@dataclass(frozen=True)
class SiteCheck:
    findings: list[Finding]
    summaries: list[GuideSummary]
    guides: int  # every guide file checked, those that could not be loaded included


def check_site(
    source: Path,
    loaded: Loaded,
    settings: LintSettings,
    default_lang: str,
    today: dt.date,
    jobs: int = 1,
) -> SiteCheck:
    """``guidekit lint``: every guide of the site through ``check_guide``, links to other guides'
    headings included; in ``jobs`` worker processes when there are many guides, as a build
    shares them out."""
    by_rel = {guide.rel: guide for guide in loaded.guides}
    known: dict[str, frozenset[str]] = {}  # in each worker process, the guides its share links to

    def anchors(rel: str) -> Collection[str] | None:
        if rel not in known and rel in by_rel:
            known[rel] = frozenset(heading_ids(read_tokens(by_rel[rel].body)))
        return known.get(rel)

    site = site_guides(loaded, anchors)
    guides = loaded.guides + salvaged_guides(source, loaded, default_lang)

    def checked(index: int) -> tuple[list[Finding], GuideSummary]:
        # only what the report needs crosses back from a worker: not the parsed guide
        result = check_guide(guides[index], source, site, settings, today)
        return result.findings, result.summary

    findings: list[Finding] = shared_names(loaded.guides)
    summaries: list[GuideSummary] = []
    for guide_findings, summary in shared_out(checked, len(guides), jobs):
        findings += guide_findings
        summaries.append(summary)
    return SiteCheck(findings, summaries, loaded.files)


def all_guides(source: Path, loaded: Loaded, default_lang: str) -> list[SourceGuide]:
    """The loaded guides and, salvaged, those whose front matter failed."""
    return loaded.guides + salvaged_guides(source, loaded, default_lang)
