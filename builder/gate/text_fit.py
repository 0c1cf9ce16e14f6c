"""What text_fit.js finds after changing the text, as findings: the text-size and text-spacing
checks (``resize_text.py``, ``text_spacing.py``), measured against one measure of the unchanged
page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from playwright.async_api import Page

from ..findings import Finding
from .origin import PageContext, finding_at
from .probes import evaluate


@dataclass(frozen=True)
class TextChange:
    """One change of the text: ``change`` names its method of textFit in text_fit.js; the rest
    says how its findings are reported."""

    change: str
    rule: str
    wcag: str
    key: str  # message keys: <key>-clipped, <key>-overlap


async def check(page: Page, context: PageContext, changes: Sequence[TextChange]) -> list[Finding]:
    """Findings for text that each of ``changes`` clips or overlaps."""
    found = await evaluate(
        page,
        "changes => window.__guidekit.textFit.compare(changes)",
        [one.change for one in changes],
    )
    return [
        finding_at(
            context,
            one.rule,
            one.wcag,
            problem,
            f"{one.key}-{problem['kind']}",
            element=problem["element"],
            text=problem["snippet"],
            # an overlap names the text it is drawn over
            **(
                {"other": problem["other"]["snippet"] or problem["other"]["element"]}
                if problem["kind"] == "overlap"
                else {}
            ),
        )
        for one in changes
        for problem in found[one.change]
    ]
