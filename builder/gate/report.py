"""The verdict of the gate: findings grouped into problems, waivers applied, and the JSON every
format starts from.

The same defect on many pages (a layout or component bug) is one problem with the list of pages it
was seen on. The JSON document keeps every page, so shard reports can be merged without loss.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..findings import Finding, finding_from_json, sort_key
from .waivers import Waiver, WaiverUse


@dataclass(slots=True)
class Problem:
    first: Finding  # where it was seen first: its message, page and theme
    occurrences: list[tuple[str | None, str | None]] = field(
        default_factory=list
    )  # (page, theme), each once
    waiver: Waiver | None = None
    waiver_expired: bool = False

    @property
    def waived(self) -> bool:
        return self.waiver is not None and not self.waiver_expired

    @property
    def blocking(self) -> bool:
        return self.first.blocking and not self.waived

    @property
    def pages(self) -> int:
        return len(self.occurrences)

    def findings(self) -> list[Finding]:
        """One finding per page again, as the gate reported them (for merging)."""
        return [_on_page(self.first, page, theme) for page, theme in self.occurrences]

    def to_json(self) -> dict[str, object]:
        data = self.first.to_json()
        data["count"] = self.pages
        data["occurrences"] = [{"page": page, "theme": theme} for page, theme in self.occurrences]
        data["waived"] = self.waived
        data["waiver"] = (
            self.waiver.to_json() | {"expired": self.waiver_expired} if self.waiver else None
        )
        return data


@dataclass
class Verdict:
    problems: list[Problem]
    waivers: list[WaiverUse]
    details: dict[str, Any] = field(
        default_factory=dict
    )  # pages, axe_version, shard, ... as the JSON has them

    @property
    def ok(self) -> bool:
        return not any(problem.blocking for problem in self.problems)

    def counts(self) -> tuple[int, int, int]:
        """(blocking problems, warnings, waived problems)"""
        blocking = sum(1 for problem in self.problems if problem.blocking)
        waived = sum(1 for problem in self.problems if problem.waived)
        return blocking, len(self.problems) - blocking - waived, waived

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "findings": [problem.to_json() for problem in self.problems],
            "waivers": [
                use.waiver.to_json() | {"expired": use.expired, "matched": use.matched}
                for use in self.waivers
            ],
            **self.details,
        }


def _on_page(finding: Finding, page: str | None, theme: str | None) -> Finding:
    data = finding.to_json() | {"page": page, "theme": theme}
    return finding_from_json(data)


# where the linter's findings are: on no page (one tuple for the hundreds of thousands of them a
# large site can have)
_NO_PAGE: tuple[str | None, str | None] = (None, None)


def group(findings: Iterable[Finding], waivers: Sequence[Waiver] = ()) -> list[Problem]:
    """One problem per defect; the pages a waiver covers and those it does not are separate
    problems."""
    problems: dict[tuple, Problem] = {}
    for finding in sorted(findings, key=sort_key):
        waiver = (
            next((waiver for waiver in waivers if waiver.covers(finding)), None)
            if waivers
            else None
        )
        key = (finding.rule, *_place(finding), finding.severity, waiver)
        problem = problems.get(key)
        if problem is None:  # most of a large site's findings are the linter's, each its own
            problems[key] = Problem(finding, [_where(finding)], waiver)
            continue
        where = _where(finding)
        if where not in problem.occurrences:
            problem.occurrences.append(where)
    return list(problems.values())


def _where(finding: Finding) -> tuple[str | None, str | None]:
    if finding.page is None and finding.theme is None:
        return _NO_PAGE
    return finding.page, finding.theme


PER_PAGE_RULES = frozenset(
    {"guidekit:page-unchecked"}
)  # what happened to one page, never a shared defect


def _place(finding: Finding) -> tuple:
    """Where a defect is, the same on every page that shows it.

    A finding traced to a guide, component or template is there. One only located on the page it was
    seen on (a site guidekit did not build; the line of that page's HTML, when known, is the first
    page's) is in the element, whichever page it is on: a theme's or shared template's defect is one
    problem with its page count. Without an element, its message says what it is.
    """
    if finding.page is None:
        return (
            finding.file,
            finding.line,
            finding.element,
            finding.message,
        )  # the linter's, the loader's: each its own
    if finding.rule in PER_PAGE_RULES:
        return finding.file, finding.line, finding.element, finding.page
    if finding.file == finding.page:
        return None, None, finding.element, None if finding.element else finding.message
    return finding.file, finding.line, finding.element, None


def judge(
    findings: Iterable[Finding],
    waivers: Sequence[Waiver] = (),
    *,
    today: datetime.date | None = None,
    details: Mapping[str, Any] | None = None,
) -> Verdict:
    """Group the findings and apply the waivers: an expired waiver no longer waives anything."""
    today = today or datetime.date.today()
    problems = group(findings, waivers)
    for problem in problems:
        problem.waiver_expired = problem.waiver is not None and problem.waiver.expired(today)
    uses = [
        WaiverUse(waiver, waiver.expired(today), sum(1 for p in problems if p.waiver is waiver))
        for waiver in waivers
    ]
    return Verdict(problems, uses, dict(details or {}))


class MergeError(ValueError):
    """Shard reports that do not add up to one whole run; ``args[0]`` is a message key of
    errors.yml."""


def merge(documents: Mapping[str, Mapping[str, Any]]) -> tuple[list[Finding], dict[str, Any]]:
    """The findings of shard reports (file name -> JSON) as one run, after checking they make up a
    whole site."""
    first = next(iter(documents.values()))
    for name, document in documents.items():
        if not document.get("shard"):
            raise MergeError("merge-not-shard", {"file": name})
        for key in ("ruleset", "axe_version", "site_pages"):
            if document.get(key) != first.get(key):
                raise MergeError("merge-mismatch", {"file": name, "field": key})
    shards = sorted(str(document["shard"]) for document in documents.values())
    count = int(shards[0].split("/")[1])
    expected = sorted(f"{index}/{count}" for index in range(1, count + 1))
    if shards != expected:
        raise MergeError("merge-incomplete", {"found": tuple(shards), "expected": tuple(expected)})
    findings = [finding for document in documents.values() for finding in findings_of(document)]
    details = {
        "pages": sum(int(document.get("pages", 0)) for document in documents.values()),
        "site_pages": first.get("site_pages"),
        "shard": None,
        # as one run's report says them: the shards' pages together
        "checked_pages": sorted(
            page for document in documents.values() for page in document.get("checked_pages", [])
        ),
        **{
            key: sum(int(document.get(key) or 0) for document in documents.values())
            for key in ("browser_pages", "cached_pages")
        },
        "merged": list(documents),
        "axe_version": first.get("axe_version"),
        "ruleset": first.get("ruleset"),
    }
    nodes: Counter[str] = Counter()
    for document in documents.values():
        nodes.update(document.get("grid_nodes") or {})  # shards checked on Selenium Grids
    if nodes:
        details["grid_nodes"] = dict(sorted(nodes.items()))
    return findings, details


def findings_of(document: Mapping[str, Any]) -> list[Finding]:
    """The findings of a JSON report, one per page, as the gate found them."""
    findings = []
    for data in document.get("findings", []):
        first = finding_from_json(data)
        occurrences = data.get("occurrences") or [
            {"page": data.get("page"), "theme": data.get("theme")}
        ]
        findings += [_on_page(first, item.get("page"), item.get("theme")) for item in occurrences]
    return findings
