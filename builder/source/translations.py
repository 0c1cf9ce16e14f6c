"""Which guides are translations of each other, for the language switch and hreflang links.

Guides are one guide in several languages when they share a translation key: ``translation_key``
from the front matter, else the path below the language folder (``en/credit-report.md`` and
``zh-Hant/credit-report.md`` are both ``credit-report``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..messages import LANGUAGES
from .load import SourceGuide


def translation_key(guide: SourceGuide) -> str:
    if guide.meta.translation_key:
        return guide.meta.translation_key
    parts = guide.rel.removesuffix(".md").split("/")
    return "/".join(parts[1:] if len(parts) > 1 and parts[0] in LANGUAGES else parts)


def translations(guides: Sequence[SourceGuide]) -> dict[str, list[SourceGuide]]:
    """For each guide (by ``rel``), the same guide in the other languages, in catalogue order."""
    by_key: dict[str, list[SourceGuide]] = {}
    for guide in guides:
        by_key.setdefault(translation_key(guide), []).append(guide)
    order = {lang: number for number, lang in enumerate(LANGUAGES)}
    return {
        guide.rel: sorted(
            (other for other in by_key[translation_key(guide)] if other.lang != guide.lang),
            key=lambda g: order[g.lang],
        )
        for guide in guides
    }
