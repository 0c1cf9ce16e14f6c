"""Nothing unfinished goes live: a guide whose summary is still the hint ``guidekit new`` or
``init`` wrote, or whose title is still init's placeholder, is told so."""

from __future__ import annotations

import re
from functools import cache

from ..findings import Finding, Severity
from ..messages import LANGUAGES, best_language, catalogue, error_text
from ..source.load import SourceGuide

_FIELD_LINE = re.compile(r"^(?P<field>title|summary)\s*:", re.MULTILINE)


@cache
def _hints(key: str) -> frozenset[str]:
    """What the templates write for ``key`` (scaffold.yml), in every language."""
    return frozenset(catalogue("scaffold")[key][lang].strip() for lang in LANGUAGES)


def unfinished_findings(guide: SourceGuide, severity: Severity) -> list[Finding]:
    """The template's summary is ``severity`` (an error for a published build); init's placeholder
    title a warning."""
    if guide.salvaged:
        return []
    found = []
    if guide.meta.summary.strip() in _hints("summary-stub"):
        found.append(("summary", "unfinished-summary", severity))
    if guide.meta.title.strip() in _hints("first-guide-title"):
        found.append(("title", "unfinished-title", Severity.WARNING))
    if not found:
        return []
    lines = _field_lines(guide)
    lang = best_language(guide.lang)
    return [
        Finding(
            rule="content-unfinished",
            message=error_text(key, lang, value=getattr(guide.meta, field)),
            severity=level,
            file=guide.rel,
            line=lines.get(field, 1),
            lang=lang,
        )
        for field, key, level in found
    ]


def _field_lines(guide: SourceGuide) -> dict[str, int]:
    """The line of ``title:`` and ``summary:`` in the front matter (read again: only an unfinished
    guide needs it)."""
    front = "\n".join(
        guide.path.read_text("utf-8-sig")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .split("\n")[: guide.body_line - 1]
    )
    return {
        match["field"]: front.count("\n", 0, match.start()) + 1
        for match in reversed(list(_FIELD_LINE.finditer(front)))
    }
