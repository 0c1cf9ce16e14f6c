"""Turns what a check noticed into a located Finding, at the level the site gave the rule, in the
guide's language."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from ..findings import Finding, Severity
from ..messages import best_language, catalogue
from ..source.load import SourceGuide
from .rules import DEFAULT_LEVELS, LintSettings


def lint_text(key: str, lang: str, /, **args: object) -> str:
    return lint_texts(best_language(lang))[key].format(**args)


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
        self._texts = lint_texts(best_language(guide.lang))
        self._severities = {rule: settings.severity(rule) for rule in DEFAULT_LEVELS}
        # A guide in officialese repeats the same finding dozens of times, on other lines: each
        # repeat shares the first one's strings, which keeps them one object each when the findings
        # are pickled back from a worker process, instead of thousands of equal copies.
        self._messages: dict[tuple[object, ...], tuple[str, str]] = {}

    @property
    def lang(self) -> str:
        return self.guide.lang

    def text(self, key: str, /, **args: object) -> str:
        return self._texts[key].format(**args)

    def add(self, rule: str, line: int, *, suggestion: str, **args: object) -> None:
        severity: Severity | None = self._severities[rule]
        if severity is None:
            return
        key = (rule, suggestion, *args.items())
        said = self._messages.get(key)
        if said is None:
            message = self._texts[rule].format(**args) + self._texts["suggest"].format(
                suggestion=suggestion
            )
            said = self._messages[key] = (message, suggestion)
        self.findings.append(
            Finding(
                rule=_RULE_IDS[rule],
                message=said[0],
                severity=severity,
                file=self.guide.rel,
                line=line,
                suggestion=said[1],
            )
        )


_RULE_IDS = {rule: f"lint:{rule}" for rule in DEFAULT_LEVELS}
