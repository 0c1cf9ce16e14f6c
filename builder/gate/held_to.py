"""What a page is held to: a page guidekit did not write (a Flask template, hand-written HTML, a
MkDocs page in another theme), checked in a theme that aims at WCAG AA, is refused for failing
WCAG A and AA, and for what keeps the gate from judging the page its readers get (a request to
another host, refused; a script error; leaving the page). guidekit's own pages, and any page
checked in silver, are refused for failing any promise of their theme.

So on such a page a finding of an AAA criterion (justified text, long italic or capitals, lines
too long: 1.4.8), of a reading stricter than WCAG asks (a heading level skipped, a size in px that
browser zoom still scales, a file link without its type and size, a field's description whose parts
run into each other in Chinese) or of axe's best practices (one
main landmark, a level-one heading) is said as a warning: worth mending, not a refusal.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from ..conformance.standards import standards_map
from ..findings import Finding, Severity
from ..theme import find_theme
from .origin import PageContext

# guidekit's rules that ask more than the WCAG criterion they serve
BEYOND_WCAG = frozenset(
    {
        "guidekit:heading-order",
        "guidekit:text-fixed-size",
        "guidekit:link-download",
        "guidekit:description-run-on",
    }
)


def beyond_aa(finding: Finding) -> bool:
    """Whether WCAG A and AA leave what ``finding`` asks for to the author."""
    return (
        finding.wcag in _aaa_criteria()
        or finding.rule in BEYOND_WCAG
        or (finding.rule.startswith("axe:") and finding.wcag is None)
    )


def as_held(context: PageContext, findings: list[Finding]) -> list[Finding]:
    theme = find_theme(context.theme)
    if context.guidekit or (theme is not None and theme.aims_at("AAA")):
        return findings
    return [
        dataclasses.replace(finding, severity=Severity.WARNING)
        if finding.severity is Severity.ERROR and beyond_aa(finding)
        else finding
        for finding in findings
    ]


@cache
def _aaa_criteria() -> frozenset[str]:
    return frozenset(
        criterion.number for criterion in standards_map().criteria if criterion.level == "AAA"
    )
