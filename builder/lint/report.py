"""Turns what a check noticed into a located Finding, at the level the site gave the rule, in the
guide's language."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from ..findings import Finding, Severity
from ..messages import best_language, catalogue, fill
from ..source.load import SourceGuide
from .rules import DEFAULT_LEVELS, LintSettings


def lint_text(key: str, lang: str, /, **args: object) -> str:
    return fill(lint_texts(best_language(lang))[key], args)


@cache
def lint_texts(lang: str) -> Mapping[str, str]:
    """Every message of the linter in one language: a guide full of officialese asks for
    thousands."""
    return MappingProxyType({key: texts[lang] for key, texts in catalogue("lint").items()})


class Reporter:
    """Collects one guide's findings; a rule switched off in guidekit.toml reports nothing."""

    def __init__(self, guide: SourceGuide, settings: LintSettings) -> None:
        self.guide, self.settings = guide, settings
        self.findings: list[Finding] = []
        self._lang = best_language(guide.lang)
        self._texts = lint_texts(self._lang)
        self._severities = {rule: settings.severity(rule) for rule in DEFAULT_LEVELS}

    @property
    def lang(self) -> str:
        return self.guide.lang

    def text(self, key: str, /, **args: object) -> str:
        return fill(self._texts[key], args)

    def add(
        self, rule: str, line: int, *, suggestion: str, said: str | None = None, **args: object
    ) -> None:
        """``said`` is the message's key when it is not the rule's own."""
        severity: Severity | None = self._severities[rule]
        if severity is None:
            return
        message, suggestion = _said(self._lang, said or rule, suggestion, tuple(args.items()))
        self.findings.append(
            Finding(
                rule=_RULE_IDS[rule],
                message=message,
                severity=severity,
                file=self.guide.rel,
                line=line,
                suggestion=suggestion,
                lang=self._lang,
            )
        )


_RULE_IDS = {rule: f"lint:{rule}" for rule in DEFAULT_LEVELS}
# messages kept: a site in officialese says a few hundred of them over and over
_REMEMBERED_MESSAGES = 4096


@lru_cache(maxsize=_REMEMBERED_MESSAGES)
def _said(
    lang: str, key: str, suggestion: str, args: tuple[tuple[str, object], ...]
) -> tuple[str, str]:
    """A finding's message and suggestion. Officialese repeats the same finding hundreds of times
    across a site's guides: each repeat shares one string of each, so the findings a worker process
    hands back pickle them once per batch of guides rather than once per finding (and the build
    holds one copy). A rule's arguments always have the same types, so equal keys format alike."""
    texts = lint_texts(lang)
    message = fill(texts[key], dict(args)) + texts["suggest"].format(suggestion=suggestion)
    return message, suggestion
