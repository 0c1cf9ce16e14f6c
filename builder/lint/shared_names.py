"""Guides of one language that share what must tell them apart, each pointed at its own line.

- A title: the site's lists (the A–Z list, topics, departments, the front page, search results)
  link every guide by its title, so two guides of one title make two links of one text to two
  pages.
- A translation key (``translation_key``, else the path below the language folder): the language
  switch of each translation would hold two links named 简体中文 to two pages.

The gate refuses both (``guidekit:link-same-text``), but only once a whole site is built and
checked, and at the template that draws the links rather than at the guides."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..findings import Finding, Severity
from ..gate.content_rules import Rule
from ..messages import best_language, error_text
from ..source.load import SourceGuide
from ..source.translations import translation_key

TITLE_REPEATED = Rule("guidekit:link-same-text", "2.4.4", "title-repeated")
KEY_REPEATED = Rule("guidekit:link-same-text", "2.4.4", "translation-key-repeated")
NAMED_OTHERS = 3  # a title shared by dozens of guides: the first few are enough to find them


def shared_names(guides: Sequence[SourceGuide]) -> list[Finding]:
    """A finding at each guide whose title, or translation key, another guide of its language has
    too."""

    def title(guide: SourceGuide) -> str:
        # as a reader and the gate compare link texts: case and runs of spaces aside
        return " ".join(str(guide.meta.title).split()).casefold()

    # a key no other language uses makes no language switch: no two links to tell apart
    languages: dict[str, set[str]] = {}
    for guide in guides:
        languages.setdefault(translation_key(guide), set()).add(guide.lang)
    translated = [guide for guide in guides if len(languages[translation_key(guide)]) > 1]
    return _shared(guides, title, TITLE_REPEATED, "title") + _shared(
        translated, translation_key, KEY_REPEATED, "translation_key"
    )


def _shared(
    guides: Sequence[SourceGuide], name: Callable[[SourceGuide], str], rule: Rule, field: str
) -> list[Finding]:
    by_name: dict[tuple[str, str], list[SourceGuide]] = {}
    for guide in guides:
        by_name.setdefault((guide.lang, name(guide)), []).append(guide)
    findings = []
    for group in by_name.values():
        for guide in group if len(group) > 1 else ():
            others = [other.rel for other in group if other is not guide]
            lang = best_language(guide.lang)
            written = getattr(guide.meta, field)
            findings.append(
                Finding(
                    rule=rule.id,
                    message=error_text(
                        rule.message,
                        lang,
                        title=str(guide.meta.title),
                        translation_key=translation_key(guide),
                        others=tuple(others[:NAMED_OTHERS])
                        + (("…",) if len(others) > NAMED_OTHERS else ()),
                        count=len(others),
                    ),
                    severity=Severity.ERROR,
                    file=guide.rel,
                    # a key taken from the file's path is written on no line
                    line=guide.front_matter.line((field,)) if written else None,
                    wcag=rule.wcag,
                    lang=lang,
                )
            )
    return findings
