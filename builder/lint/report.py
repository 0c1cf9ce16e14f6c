"""Turns what a check noticed into a located Finding, at the level the site gave the rule, in the
guide's language."""

from __future__ import annotations

from ..findings import Finding
from ..load import SourceGuide
from ..messages import best_language, catalogue
from .rules import LintSettings


def lint_text(key: str, lang: str, /, **args: object) -> str:
    return catalogue("lint")[key][best_language(lang)].format(**args)


class Reporter:
    """Collects one guide's findings; a rule switched off in guidekit.toml reports nothing."""

    def __init__(self, guide: SourceGuide, settings: LintSettings) -> None:
        self.guide, self.settings = guide, settings
        self.findings: list[Finding] = []

    @property
    def lang(self) -> str:
        return self.guide.lang

    def text(self, key: str, /, **args: object) -> str:
        return lint_text(key, self.lang, **args)

    def add(self, rule: str, line: int, *, suggestion: str, **args: object) -> None:
        severity = self.settings.severity(rule)
        if severity is None:
            return
        message = self.text(rule, **args) + self.text("suggest", suggestion=suggestion)
        self.findings.append(
            Finding(
                rule=f"lint:{rule}",
                message=message,
                severity=severity,
                file=self.guide.rel,
                line=line,
                suggestion=suggestion,
            )
        )
