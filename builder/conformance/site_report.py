"""``guidekit report conformance SITE``: the statement and the reports for a site that is already
built.

The gate runs on SITE first (its cache makes that quick for a site a build just checked); only a
site that passes gets a report. Its date is the day of that check, today (or SOURCE_DATE_EPOCH),
as a build's is the day of its own: not the day an earlier build's report carries, which the
statement would give as the day of a check that did not run then, and against which a review
recorded since was refused as not yet made.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..gate.report import Verdict, judge
from ..gate.waivers import Waiver
from ..output.stage import MANIFEST
from ..source.config import load_config
from ..theme import theme_of_page
from . import (
    SitePage,
    evidence,
    load_reviews,
    render_statements,
    report_date,
    report_files,
)


@dataclass
class SiteReport:
    files: dict[str, str] = field(default_factory=dict)  # path below OUT -> text
    problems: list[Finding] = field(
        default_factory=list
    )  # input errors (conformance.toml, guidekit.toml)
    verdict: Verdict | None = None  # the gate's, when it ran


def site_report(
    site: Path,
    source: Path,
    waivers: Sequence[Waiver],
    *,
    jobs: int | None = None,
    cache: bool = True,
    on_page=None,
    root_path: str | None = None,
) -> SiteReport:
    """``root_path``: the path SITE is published under, as ``run_gate``'s."""
    config, problems = load_config(source)
    date = dt.date.today()
    reviews, more = load_reviews(source, config.default_lang, report_date(date))
    if problems or more:
        return SiteReport(problems=problems + more)
    from ..gate.cache import cache_file
    from ..gate.runner import run_gate  # Playwright is imported by commands that check pages

    report = run_gate(
        site,
        jobs=jobs,
        cache=cache_file(site) if cache else None,
        on_page=on_page,
        root_path=root_path,
    )
    verdict = judge(report.findings, waivers, details=report.details())
    if not verdict.ok:
        return SiteReport(verdict=verdict)
    found = evidence(
        config,
        _pages(site, report.pages),
        date=date,
        checked=True,
        waivers=waivers,
        reviews=reviews,
    )
    files = {page.site_path: page.html for page in render_statements(found)} | report_files(
        found, report.findings
    )
    return SiteReport(files=files, verdict=verdict)


def _pages(site: Path, checked: Sequence[str]) -> list[SitePage]:
    """The site's pages with their theme and language: from guidekit's manifest, else from the
    folders."""
    try:
        listed = json.loads((site / MANIFEST).read_text("utf-8"))["pages"]
        known = {
            entry["page"]: SitePage(entry["page"], entry["theme"], entry["lang"])
            for entry in listed
        }
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    return [known.get(page) or SitePage(page, theme_of_page(page).name, "") for page in checked]
