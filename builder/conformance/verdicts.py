"""Honest verdicts: what the site can claim for each success criterion, and on what evidence.

A criterion "supports" on automated evidence alone only when the gate decides it fully
(``gate_decides.yml``) and the build was checked; a person's review (``conformance.toml``) can say
more; every accepted finding (waiver) is a known non-conformity. Anything else is "not-evaluated",
never "supports". The levels are OpenACR's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass

from ..gate.waivers import Waiver
from ..source.config import SiteConfig
from .reviews import Review
from .standards import Criterion, StandardsMap, standards_map

SUPPORTS, PARTIALLY, DOES_NOT, NOT_APPLICABLE, NOT_EVALUATED = (
    "supports",
    "partially-supports",
    "does-not-support",
    "not-applicable",
    "not-evaluated",
)
LEVELS = (SUPPORTS, PARTIALLY, DOES_NOT, NOT_APPLICABLE, NOT_EVALUATED)
# what a verdict rests on
GATE, REVIEW, WAIVER, NOTHING = "gate", "review", "waiver", "none"


def report_date(today: dt.date) -> dt.date:
    """The date the reports carry: SOURCE_DATE_EPOCH when set (reproducible builds), else the
    build's day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return today


@dataclass(frozen=True)
class SitePage:
    site_path: str  # below the site root
    theme: str
    lang: str


@dataclass(frozen=True)
class KnownProblem:
    """An accepted finding (a waiver) and the criteria its rule tests (none: a rule of no
    criterion)."""

    waiver: Waiver
    criteria: tuple[str, ...]

    @property
    def where(self) -> str:
        """The pages, file and element the waiver names, as written."""
        return ", ".join(
            part for part in (self.waiver.page, self.waiver.file, self.waiver.element) if part
        )


@dataclass(frozen=True)
class Evidence:
    """Everything the statement and the reports are made from; the same evidence gives the same
    bytes."""

    config: SiteConfig
    date: dt.date
    checked: bool  # the gate runs on this build (or ran on this site)
    pages: tuple[SitePage, ...]
    waivers: tuple[Waiver, ...] = ()
    reviews: tuple[Review, ...] = ()
    tools: tuple[tuple[str, str], ...] = ()  # (name, version)

    @property
    def standards(self) -> StandardsMap:
        return standards_map()

    def known_problems(self) -> list[KnownProblem]:
        """Every waiver in force on the report's date, with the criteria it touches."""
        return [
            KnownProblem(
                waiver,
                tuple(
                    criterion.number for criterion in self.standards.criteria_of_rule(waiver.rule)
                ),
            )
            for waiver in self.waivers
            if not waiver.expired(self.date)
        ]

    def pages_of(self, theme: str) -> int:
        return sum(1 for page in self.pages if page.theme == theme)


@dataclass(frozen=True)
class ThemeVerdict:
    level: str
    basis: str
    review: Review | None


@dataclass(frozen=True)
class Verdict:
    criterion: Criterion
    level: str
    basis: str
    reviews: tuple[Review, ...]
    problems: tuple[KnownProblem, ...]


def theme_verdict(
    evidence: Evidence, criterion: Criterion, theme: str, problems: Sequence[KnownProblem]
) -> ThemeVerdict:
    """The verdict for the pages of one theme."""
    review = latest_review(evidence.reviews, criterion.number, theme)
    if problems:
        level = DOES_NOT if review is not None and review.result == DOES_NOT else PARTIALLY
        return ThemeVerdict(level, WAIVER, review)
    if review is not None:
        return ThemeVerdict(review.result, REVIEW, review)
    if evidence.checked and evidence.standards.gate_decides(criterion, theme):
        return ThemeVerdict(SUPPORTS, GATE, None)
    return ThemeVerdict(NOT_EVALUATED, NOTHING, None)


def latest_review(reviews: Sequence[Review], number: str, theme: str) -> Review | None:
    """The newest review of the criterion that covers ``theme`` (the later one in the file on the
    same day)."""
    found = [
        review for review in reviews if review.criterion == number and review.theme in (None, theme)
    ]
    return max(reversed(found), key=lambda review: review.date) if found else None


def verdicts(evidence: Evidence) -> list[Verdict]:
    """One verdict per criterion of the map, for the site: the themes' verdicts combined."""
    problems = evidence.known_problems()
    result = []
    for criterion in evidence.standards.criteria:
        own = tuple(problem for problem in problems if criterion.number in problem.criteria)
        per_theme = [theme_verdict(evidence, criterion, theme, own) for theme in criterion.themes]
        reviews = tuple(
            dict.fromkeys(verdict.review for verdict in per_theme if verdict.review is not None)
        )
        level = _combined([verdict.level for verdict in per_theme])
        basis = next(
            (
                basis
                for basis in (WAIVER, REVIEW, GATE)
                if any(verdict.basis == basis for verdict in per_theme)
            ),
            NOTHING,
        )
        result.append(Verdict(criterion, level, basis, reviews, own))
    return result


def _combined(levels: Sequence[str]) -> str:
    if any(level in (PARTIALLY, DOES_NOT) for level in levels):
        return DOES_NOT if all(level == DOES_NOT for level in levels) else PARTIALLY
    if all(level == NOT_APPLICABLE for level in levels):
        return NOT_APPLICABLE
    if any(level == NOT_EVALUATED for level in levels):
        return NOT_EVALUATED
    return SUPPORTS


def status(found: Sequence[Verdict]) -> str:
    """The site's conformance status to WCAG 2.2 AA: "full", "partial" (known non-conformities) or
    "unverified" (nothing known wrong, but not every criterion evaluated)."""
    target = [verdict for verdict in found if verdict.criterion.level != "AAA"]
    if any(verdict.level in (PARTIALLY, DOES_NOT) for verdict in target):
        return "partial"
    if any(verdict.level == NOT_EVALUATED for verdict in target):
        return "unverified"
    return "full"


def problem_note(evidence: Evidence, problem: KnownProblem) -> str:
    """A known problem in the English of the machine-readable reports: dated, with owner, expiry
    and reason."""
    waiver = problem.waiver
    return (
        f"Known non-conformity (as of {evidence.date.isoformat()}): "
        f"{waiver.rule}{f' on {problem.where}' if problem.where else ''}, "
        f"accepted by {waiver.owner} until {waiver.expires.isoformat()}: {waiver.reason}"
    )
