"""Abbreviations a reader may not know: Chinese 简称 without their full form, acronyms never spelled
out."""

from __future__ import annotations

import re
from functools import cache

from .chinese import SimplifiedPassage, in_guide_script
from .data import abbreviations, everyday_words, well_known_acronyms
from .report import Reporter
from .text import GuideText

# Two or more capitals, maybe with digits or a plural s; Chinese characters count as a boundary.
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)s?(?![A-Za-z0-9])")


@cache
def _abbreviation_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(abbreviations(), key=len, reverse=True))))


def check_chinese_abbreviations(views: list[SimplifiedPassage], report: Reporter) -> None:
    """A 简称 counts as explained when one of its full forms appears anywhere in the guide."""
    everything = "\n".join(view.simplified for view in views)
    settled = set(report.settings.known_abbreviations)
    for view in views:
        for match in _abbreviation_pattern().finditer(view.simplified):
            word, written = match.group(), view.original(match.start(), match.end())
            full_forms = abbreviations()[word]
            if (
                settled & {word, written}
                or word in everyday_words()
                or any(full in everything for full in full_forms)
            ):
                continue
            settled.add(word)
            report.add(
                "undefined-abbreviation",
                view.passage.line_at(match.start()),
                suggestion=report.text(
                    "undefined-abbreviation-fix",
                    word=written,
                    full=in_guide_script(report, full_forms[0]),
                ),
                word=written,
            )


def check_acronyms(text: GuideText, report: Reporter) -> None:
    """An acronym counts as explained when the guide puts it next to a bracket: "PIN (…)" or
    "(PIN)"."""
    everything = text.full_text()
    known = well_known_acronyms() | set(report.settings.known_abbreviations)
    reported: set[str] = set()
    for passage in text.passages:
        for match in _ACRONYM.finditer(passage.text):
            word = match.group(1)
            if word in known or word in reported or _explained(word, everything):
                continue
            reported.add(word)
            report.add(
                "undefined-acronym",
                passage.line_at(match.start()),
                suggestion=report.text("undefined-acronym-fix", word=word),
                word=word,
            )


def _explained(word: str, text: str) -> bool:
    escaped = re.escape(word)
    return (
        re.search(rf"(?<![A-Za-z0-9]){escaped}s?\s*[（(]|[（(]\s*{escaped}s?\s*[)）]", text)
        is not None
    )
