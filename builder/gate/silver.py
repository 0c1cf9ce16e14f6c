"""A guidekit theme's own numbers, measured in Chromium (``js/silver.js``): what axe does not check.

Silver's text size, line height, paragraph gap, line length and alignment are its promise (the
README's "Silver pages" table), on every page in the silver theme. The standard theme promises
body text of at least 16 px, lines of 1.5 and a paragraph gap of 1.5 times the line height (the
design's table): held on the pages guidekit made, like its target sizes; its line length is
``reading.py``'s and justified text ``barriers.py``'s, in every theme. A theme change that misses
one refuses the build like any axe finding. Target sizes are checked in ``targets.py``.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..messages import catalogue
from ..theme import SILVER, STANDARD, find_theme
from .origin import PageContext, finding_at
from .probes import Probe

LIMITS = {
    "bodyPx": 24,
    "headingPx": 30,
    # a word's reading over it (<rt>, pinyin): smaller than the word, so a line of readings stays
    # about as long as the words under it, and still larger than standard body text
    "readingPx": 18,
    "lineHeight": 1.6,
    "paragraphGap": 1.5,  # times the line height
    "cjkLine": 40,
    "latinLine": 80,
    "latinCharEm": 0.5,  # an average Latin character, in em: 80 of them fit in 40 em
}
STANDARD_LIMITS = {
    **LIMITS,
    "bodyPx": 16,
    "headingPx": 16,
    "readingPx": 16 * 0.6,  # as the shared stylesheet draws readings: 60% of the text
    "lineHeight": 1.5,
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
# The standard theme's own checks: the design's numbers, not a WCAG claim (1.4.8 is AAA, which
# standard pages do not aim at)
STANDARD_CHECKS = ("font-size", "line-height", "paragraph-gap")


def probe(context: PageContext) -> Probe | None:
    """The question for the page: none for pages no guidekit theme's numbers hold on."""
    theme = find_theme(context.theme)
    if theme is SILVER or (theme is STANDARD and context.guidekit):
        limits = LIMITS if theme is SILVER else STANDARD_LIMITS
        # guidekit's themes promise a column that short; elsewhere only a line that long counts
        measure = {**limits, "wholeColumn": context.guidekit}
        return Probe("theme-numbers", "limits => window.__guidekit.silver(limits)", measure)
    return None


def findings(context: PageContext, problems: list[dict[str, Any]]) -> list[Finding]:
    """The theme's numbers this page misses (rules ``guidekit:silver-*`` / ``standard-*``)."""
    silver = find_theme(context.theme) is SILVER
    theme = SILVER.name if silver else STANDARD.name
    found = [
        finding_at(
            context,
            f"guidekit:{theme}-{problem['check']}",
            CRITERIA[problem["check"]] if silver else None,
            problem,
            _message_key(f"{theme}-{problem['check']}", context),
            value=problem["value"],
            limit=problem["limit"],
        )
        for problem in problems
        if silver or problem["check"] in STANDARD_CHECKS
    ]
    return list(dict.fromkeys(found))


def _message_key(key: str, context: PageContext) -> str:
    """Said of a page guidekit did not make, the fix is in its own stylesheet, not a theme's."""
    own = f"{key}-own-styles"
    return own if not context.guidekit and own in catalogue("errors") else key
