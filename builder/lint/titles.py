"""Guides of one language that share a title. The site's lists (the A–Z list, topics, departments,
the front page, search results) link every guide by its title, so two guides of one title make two
links of one text to two pages: the gate refuses each such list (``guidekit:link-same-text``), but
only once a whole site is built and checked. Here each guide is pointed at its title's line."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity
from ..gate.content_rules import Rule
from ..messages import best_language, error_text
from ..source.load import SourceGuide

TITLE_REPEATED = Rule("guidekit:link-same-text", "2.4.4", "title-repeated")
NAMED_OTHERS = 3  # a title shared by dozens of guides: the first few are enough to find them


def repeated_titles(guides: Sequence[SourceGuide]) -> list[Finding]:
    """A finding at the title of each guide whose title another guide of its language has too."""
    by_title: dict[tuple[str, str], list[SourceGuide]] = {}
    for guide in guides:
        # as a reader and the gate compare link texts: case and runs of spaces aside
        key = (guide.lang, " ".join(str(guide.meta.title).split()).casefold())
        by_title.setdefault(key, []).append(guide)
    findings = []
    for group in by_title.values():
        for guide in group if len(group) > 1 else ():
            others = [other.rel for other in group if other is not guide]
            lang = best_language(guide.lang)
            findings.append(
                Finding(
                    rule=TITLE_REPEATED.id,
                    message=error_text(
                        TITLE_REPEATED.message,
                        lang,
                        title=str(guide.meta.title),
                        others=tuple(others[:NAMED_OTHERS])
                        + (("…",) if len(others) > NAMED_OTHERS else ()),
                        count=len(others),
                    ),
                    severity=Severity.ERROR,
                    file=guide.rel,
                    line=guide.front_matter.line(("title",)),
                    wcag=TITLE_REPEATED.wcag,
                    lang=lang,
                )
            )
    return findings
