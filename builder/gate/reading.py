"""What the reader meets in the text, measured in Chromium (``js/reading.js``): read-aloud covering
every visible text of main in order, each in its own language, <ruby> with <rp> and a readable
<rt>, tables named, lines of at most 40 CJK / 80 Latin characters in every theme, a 404 page that
works at any address, and titles that tell a page from its twin in the other theme."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..theme import SILVER, STANDARD, find_theme
from .origin import PageContext, finding_at
from .probes import Probe, evaluate

if TYPE_CHECKING:
    from playwright.async_api import Page

LIMITS = {"cjk": 40, "latin": 80}
# check -> the WCAG success criterion it serves; read-aloud is MIIT 适老化's 语音阅读, which
# WCAG has no number for
CRITERIA = {
    "read-aloud-skips": None,
    "read-aloud-no-list": None,
    "read-aloud-language": None,
    "read-aloud-table-headers": None,
    "read-along-hidden": None,  # read_along.py
    "ruby-rp": "1.3.1",
    "ruby-rt-size": "1.4.4",
    "ruby-misplaced": "1.3.2",
    "table-unnamed": "1.3.1",
    "line-length": "1.4.8",
    "link-out-of-sentence": "1.4.8",
    "not-found-relative": "2.4.5",
    "title-same-as-other-theme": "2.4.2",
}


def _held(context: PageContext) -> str | None:
    """The theme the page is held to: silver's numbers on any page checked in it, the standard
    theme's (line length, named tables, links kept in their sentences) only on the pages guidekit
    made, as silver.probe."""
    theme = find_theme(context.theme)
    return context.theme if theme is SILVER or (theme is STANDARD and context.guidekit) else None


def probe(context: PageContext) -> Probe:
    return Probe(
        "reading",
        "([theme, limits]) => window.__guidekit.reading.all(theme, limits)",
        [_held(context), LIMITS],
    )


async def on_a_phone(page: Page, context: PageContext, found: Sequence[Finding]) -> list[Finding]:
    """Links laid out as boxes of their own in their sentences, measured again in reflow's 320 px
    window (``reflow.phone_width``), where a sentence wraps most: a link that fits its line at
    1280 px breaks the sentence on a phone. Those reported at 1280 px (``found``) are not reported
    twice."""
    if _held(context) is None:
        return []
    problems = await evaluate(page, "() => window.__guidekit.reading.linksOutOfTheirSentences()")
    reported = {finding.element for finding in found}
    return [finding for finding in findings(context, problems) if finding.element not in reported]


def findings(context: PageContext, problems: list[dict[str, Any]]) -> list[Finding]:
    found = [
        finding_at(
            context,
            f"guidekit:{problem['check']}",
            CRITERIA[problem["check"]],
            problem,
            problem["check"],
            **{
                key: problem[key]
                for key in ("value", "limit", "text", "address", "title", "part", "spoken")
                if key in problem
            },
        )
        for problem in problems
    ]
    return list(dict.fromkeys(found))
