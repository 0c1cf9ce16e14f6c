"""The evidence as W3C EARL (Evaluation and Report Language) in JSON-LD: one assertion per success
criterion per page (a page is one theme), and one per accepted finding (waiver) for the whole site.

``earl:mode`` says who decided: ``earl:automatic`` where a check of the gate decided or ran
(``earl:cantTell`` where its checks cannot decide the criterion alone), ``earl:manual`` where a
person recorded a review or accepted a finding, and ``earl:cantTell`` with ``earl:manual`` where no
check covers the criterion: only a person can decide it, and nobody has yet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any
from urllib.parse import quote

from ..findings import Finding
from ..site_paths import public_url
from .standards import WCAG_URL, Criterion
from .verdicts import (
    DOES_NOT,
    GATE,
    NOT_APPLICABLE,
    PARTIALLY,
    REVIEW,
    SUPPORTS,
    WAIVER,
    Evidence,
    KnownProblem,
    problem_note,
    theme_verdict,
)

CONTEXT = MappingProxyType(
    {
        "earl": "http://www.w3.org/ns/earl#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "sch": "https://schema.org/",
        "WCAG22": WCAG_URL + "#",
    }
)
_OUTCOME = MappingProxyType(
    {
        SUPPORTS: "earl:passed",
        PARTIALLY: "earl:failed",
        DOES_NOT: "earl:failed",
        NOT_APPLICABLE: "earl:inapplicable",
    }
)
_GATE = "_:guidekit-gate"
EARL_NOTE = (
    "earl:passed with earl:automatic: the gate decides this criterion fully and every check of it "
    "passed. "
    "earl:cantTell with earl:automatic: the gate's checks of this criterion found nothing, but "
    "they cannot decide it alone. "
    "earl:cantTell with earl:manual: no automated check covers this criterion; only a person can "
    "decide it, and nobody has yet. "
    "earl:manual with a person as assertor: a review recorded in conformance.toml, or a known "
    "problem (waiver) that person accepted."
)


def earl_jsonld(evidence: Evidence, findings: Sequence[Finding] = ()) -> str:
    """The EARL report; ``findings``: what the gate reported on the published pages (waived
    problems, warnings)."""
    on_page: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        for number in _criteria_of(finding):
            on_page.setdefault((finding.page or "", number), []).append(finding)
    problems = evidence.known_problems()
    reviewers = sorted(
        {review.reviewer for review in evidence.reviews}
        | {problem.waiver.owner for problem in problems}
    )
    people = {name: f"_:person-{index}" for index, name in enumerate(reviewers, start=1)}
    date = evidence.date.isoformat()
    site = _subject_id(evidence, "")
    nodes: list[dict[str, Any]] = [
        {
            "@id": _GATE,
            "@type": ["earl:Assertor", "earl:Software"],
            "dct:title": "guidekit accessibility gate",
            "dct:hasVersion": ", ".join(f"{name} {version}" for name, version in evidence.tools),
            "dct:description": EARL_NOTE,
        },
        *(
            {"@id": node, "@type": ["earl:Assertor", "foaf:Person"], "foaf:name": name}
            for name, node in people.items()
        ),
        {
            "@id": site,
            "@type": ["earl:TestSubject", "sch:WebSite"],
            "dct:title": evidence.config.site_name_for("en"),
        },
        *(_test(criterion) for criterion in evidence.standards.criteria),
    ]
    for rule_number, problem in enumerate(problems, start=1):
        tests = [
            criterion
            for criterion in evidence.standards.criteria
            if criterion.number in problem.criteria
        ]
        if not tests:
            nodes.append(
                {
                    "@id": f"_:rule-{rule_number}",
                    "@type": ["earl:TestCriterion", "earl:TestCase"],
                    "dct:title": problem.waiver.rule,
                }
            )
        candidates: list[Criterion | None] = [*tests] or [None]
        for test in candidates:
            nodes.append(
                {
                    "@type": "earl:Assertion",
                    "earl:assertedBy": {"@id": people[problem.waiver.owner]},
                    "earl:subject": {"@id": site},
                    "earl:test": {
                        "@id": f"WCAG22:{test.slug}" if test else f"_:rule-{rule_number}"
                    },
                    "earl:mode": {"@id": "earl:manual"},
                    "earl:result": {
                        "@type": "earl:TestResult",
                        "earl:outcome": {"@id": "earl:failed"},
                        "dct:date": date,
                        "dct:description": problem_note(evidence, problem),
                    },
                }
            )
    lines = [_json(node) for node in nodes]
    # A page's assertion without findings is the same for every page of its theme but for the
    # subject: made once per theme and criterion, so a site of thousands of pages costs string
    # joins, not JSON encoding
    shared: dict[tuple[str, str], tuple[str, str]] = {}
    problems_of = {
        criterion.number: [problem for problem in problems if criterion.number in problem.criteria]
        for criterion in evidence.standards.criteria
    }
    for page in sorted(evidence.pages, key=lambda page: page.site_path):
        subject = _subject_id(evidence, page.site_path)
        lines.append(
            _json(
                {
                    "@id": subject,
                    "@type": ["earl:TestSubject", "sch:WebPage"],
                    "dct:source": page.site_path,
                    "dct:language": page.lang,
                    "sch:additionalType": page.theme,
                }
            )
        )
        for criterion in evidence.standards.criteria:
            if page.theme not in criterion.themes:
                continue
            own = problems_of[criterion.number]
            found = on_page.get((page.site_path, criterion.number), [])
            if found:
                lines.append(
                    _json(
                        _assertion(
                            subject,
                            criterion,
                            date,
                            *_page_result(evidence, criterion, page.theme, own, found, people),
                        )
                    )
                )
                continue
            key = (page.theme, criterion.number)
            if key not in shared:
                template = _json(
                    _assertion(
                        _SUBJECT,
                        criterion,
                        date,
                        *_page_result(evidence, criterion, page.theme, own, [], people),
                    )
                )
                before, after = template.split(json.dumps(_SUBJECT))
                shared[key] = (before, after)
            before, after = shared[key]
            lines.append(before + json.dumps(subject, ensure_ascii=False) + after)
    return (
        '{"@context": ' + _json(dict(CONTEXT)) + ',\n"@graph": [\n' + ",\n".join(lines) + "\n]}\n"
    )


_SUBJECT = "\0subject\0"  # stands for the page in an assertion made once for many pages


def _json(node: Mapping[str, object]) -> str:
    return json.dumps(node, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _page_result(
    evidence: Evidence,
    criterion: Criterion,
    theme: str,
    problems: Sequence[KnownProblem],
    findings: Sequence[Finding],
    people: Mapping[str, str],
) -> tuple[str, str, str, str]:
    """(outcome, mode, assertor, description) of one criterion on one page."""
    failures = [finding for finding in findings if finding.blocking]
    if failures:
        rules = ", ".join(dict.fromkeys(finding.rule for finding in failures))
        return (
            "earl:failed",
            "earl:automatic",
            _GATE,
            f"Found by {rules}; accepted for now (see the site's known problems).",
        )
    if findings:
        rules = ", ".join(dict.fromkeys(finding.rule for finding in findings))
        return (
            "earl:cantTell",
            "earl:automatic",
            _GATE,
            f"Warnings from {rules}: a person must judge them.",
        )
    verdict = theme_verdict(evidence, criterion, theme, problems)
    if verdict.basis == REVIEW and verdict.review is not None:
        review = verdict.review
        return (
            _OUTCOME[review.result],
            "earl:manual",
            people[review.reviewer],
            f"Reviewed on {review.date.isoformat()}: {review.result}. {review.notes}".strip(),
        )
    # the common outcomes go without a description: a site has thousands of them, and EARL_NOTE
    # says what they mean
    if verdict.basis == GATE:
        return "earl:passed", "earl:automatic", _GATE, ""
    if verdict.basis == WAIVER or criterion.rules:
        return "earl:cantTell", "earl:automatic", _GATE, ""
    return "earl:cantTell", "earl:manual", _GATE, ""


def _assertion(
    subject: str,
    criterion: Criterion,
    date: str,
    outcome: str,
    mode: str,
    assertor: str,
    description: str,
) -> dict[str, object]:
    return {
        "@type": "earl:Assertion",
        "earl:assertedBy": {"@id": assertor},
        "earl:subject": {"@id": subject},
        "earl:test": {"@id": f"WCAG22:{criterion.slug}"},
        "earl:mode": {"@id": mode},
        "earl:result": {
            "@type": "earl:TestResult",
            "earl:outcome": {"@id": outcome},
            "dct:date": date,
        }
        | ({"dct:description": description} if description else {}),
    }


def _test(criterion: Criterion) -> dict[str, object]:
    return {
        "@id": f"WCAG22:{criterion.slug}",
        "@type": ["earl:TestCriterion", "earl:TestRequirement"],
        "dct:title": f"{criterion.number} {criterion.title('en')}",
        "dct:isPartOf": {"@id": WCAG_URL},
    }


def _subject_id(evidence: Evidence, path: str) -> str:
    """The page's address: absolute with ``base_url``, else relative to this report in
    ``accessibility/``; percent-encoded as its canonical link is, since an IRI has no spaces (a
    guide file named 居住 证.md)."""
    base = evidence.config.base_url
    return public_url(base, path) if base else "../" + quote(path)


_NUMBER = re.compile(r"\d+\.\d+\.\d+")


def _criteria_of(finding: Finding) -> Iterable[str]:
    return _NUMBER.findall(finding.wcag or "")
