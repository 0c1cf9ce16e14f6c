"""Conformance evidence from every build: the accessibility statement (HTML, every language and
theme), an OpenACR conformance report (YAML) and an EARL report (JSON-LD), all made from the
standards map (``standards_map.yml``), the criteria the gate decides fully (``gate_decides.yml``),
the waivers and people's reviews (``conformance.toml`` in SOURCE).

A build renders the statement before the gate (so the gate checks it like every page) and writes the
two reports into the staging folder; after the gate passes, the EARL report is written again with
what the gate found on each page, then the site is published.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..findings import Finding
from ..gate.waivers import Waiver
from ..messages import LANGUAGES
from ..source.config import SiteConfig
from ..theme import THEMES
from .earl import earl_jsonld
from .openacr import openacr_yaml
from .reviews import REVIEWS_FILE, Review, load_reviews
from .standards import standards_map
from .statement import EARL_FILE, OPENACR_FILE, render_statements, statement_path
from .verdicts import Evidence, SitePage, report_date, verdicts

__all__ = [
    "EARL_FILE",
    "OPENACR_FILE",
    "REVIEWS_FILE",
    "Evidence",
    "SitePage",
    "evidence",
    "load_reviews",
    "render_statements",
    "report_date",
    "report_files",
    "standards_map",
    "statement_path",
    "verdicts",
    "write_reports",
]


class _PageLike(Protocol):
    @property
    def site_path(self) -> str: ...
    @property
    def theme(self) -> str: ...
    @property
    def lang(self) -> str: ...


def tools(checked: bool) -> tuple[tuple[str, str], ...]:
    """The tools of the gate and their versions (axe-core is looked up only when the gate runs)."""
    found = [("guidekit", __version__)]
    if checked:
        from ..gate.axe import axe_version

        found.append(("axe-core", axe_version()))
        try:
            found.append(("Playwright", version("playwright")))
        except PackageNotFoundError:  # pragma: no cover - the gate needs it
            pass
    return tuple(found)


def evidence(
    config: SiteConfig,
    pages: Iterable[_PageLike],
    *,
    date: dt.date,
    checked: bool,
    waivers: Sequence[Waiver] = (),
    reviews: Sequence[Review] = (),
) -> Evidence:
    """The evidence of a site of ``pages`` (its own pages: the statement pages are added)."""
    statements = [
        SitePage(theme.prefix + statement_path(lang), theme.name, lang)
        for theme in THEMES
        for lang in LANGUAGES
    ]
    known = {SitePage(page.site_path, page.theme, page.lang) for page in pages} | set(statements)
    return Evidence(
        config,
        report_date(date),
        checked,
        tuple(sorted(known, key=lambda page: page.site_path)),
        tuple(waivers),
        tuple(reviews),
        tools(checked),
    )


def report_files(found: Evidence, findings: Sequence[Finding] = ()) -> dict[str, str]:
    """The machine-readable reports, by path below the site root."""
    return {OPENACR_FILE: openacr_yaml(found), EARL_FILE: earl_jsonld(found, findings)}


def write_reports(site: Path, found: Evidence, findings: Sequence[Finding]) -> None:
    """Write the reports into ``site`` with what the gate found, where they differ from the files
    there (a new file each, never writing through a hard link to a published file). Without findings
    they are the files the build staged already."""
    if not findings:
        return
    for site_path, text in report_files(found, findings).items():
        path = site / site_path
        try:
            if path.read_text("utf-8") == text:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + ".new")
        fresh.write_text(text, "utf-8", newline="\n")
        os.replace(fresh, path)
