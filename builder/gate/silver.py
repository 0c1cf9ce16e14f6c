"""Silver mode's own numbers, measured in Chromium on every silver page: what axe does not check.

Text size, line height, paragraph gap, line length and alignment are the silver theme's promise
(the README's "Silver pages" table); a theme change that misses one refuses the build like any axe
finding. Silver's target sizes are checked with every other theme's, in ``targets.py``.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..theme import find_theme
from .origin import PageContext, finding_at
from .probes import Probe

LIMITS = {
    "bodyPx": 24,
    "headingPx": 30,
    "lineHeight": 1.6,
    "paragraphGap": 1.5,  # times the line height
    "cjkLine": 40,
    "latinLine": 80,
    "latinCharEm": 0.5,  # an average Latin character, in em: 80 of them fit in 40 em
}
# check -> the WCAG success criterion it serves; font size is MIIT's 适老化 rule, which WCAG has no
# number for
CRITERIA = {
    "font-size": None,
    "line-height": "1.4.8",
    "paragraph-gap": "1.4.8",
    "line-length": "1.4.8",
    "justified": "1.4.8",
    "pop-up": "3.2.5",
}


def probe(context: PageContext) -> Probe | None:
    """The question for the page: none for pages of other themes."""
    theme = find_theme(context.theme)
    if theme is None or not theme.aims_at("AAA"):
        return None
    return Probe("silver", "limits => window.__guidekit.silver(limits)", LIMITS)


def findings(context: PageContext, problems: list[dict[str, Any]]) -> list[Finding]:
    """The silver numbers this page misses."""
    found = [
        finding_at(
            context,
            f"guidekit:silver-{problem['check']}",
            CRITERIA[problem["check"]],
            problem,
            f"silver-{problem['check']}",
            value=problem["value"],
            limit=problem["limit"],
        )
        for problem in problems
    ]
    return list(dict.fromkeys(found))
