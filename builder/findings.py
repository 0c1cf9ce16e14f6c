"""Findings: the one shape every stage uses to report a problem to the editor."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from .messages import best_language, catalogue, fill


class Severity(str, Enum):
    ERROR = "error"  # refuses the build
    WARNING = "warning"  # reported, does not refuse
    ADVICE = "advice"  # a hint for a plainer text, does not refuse

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem, located in the editor's own Markdown wherever that is possible.

    ``file`` is the Markdown source relative to SOURCE when the finding comes from a guide,
    otherwise the component or template that made the element, or the page it was seen on;
    ``line`` is 1-based. ``suggestion`` is the plainer form the linter proposes, when it has one.
    ``element`` names the element the same way on every page (so one layout bug seen on many pages
    is one problem), ``lang`` is the language of ``message``.
    """

    rule: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None
    wcag: str | None = None
    page: str | None = None
    theme: str | None = None
    suggestion: str | None = None
    element: str | None = None
    lang: str | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # what workers send the main process, hundreds of thousands on a large site: built from the
        # slots directly, which is faster than the state dataclasses make for a frozen slots class
        return Finding, tuple(getattr(self, name) for name in self.__slots__)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.file is None:
            return "guidekit"
        return f"{self.file}:{self.line}" if self.line else self.file

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def sort_key(finding: Finding) -> tuple:
    return (
        finding.file or "",
        finding.line or 0,
        finding.rule,
        finding.page or "",
        finding.theme or "",
    )


def finding_from_json(data: dict[str, object]) -> Finding:
    """The inverse of ``Finding.to_json`` (cached results, shard reports); extra keys are
    ignored."""
    names = Finding.__dataclass_fields__.keys()
    values: dict[str, Any] = {name: data[name] for name in names if name in data}
    values["severity"] = Severity(values.get("severity", "error"))
    return Finding(**values)


@dataclass(frozen=True)
class Problems:
    """The one way to word the findings about one file: the rule is ``prefix`` and the message key
    (or ``rule`` for all of them), the message comes from the ``catalogue`` in ``lang``."""

    file: str | None
    lang: str | None
    prefix: str = ""
    rule: str | None = None
    catalogue: str = "errors"
    severity: Severity = Severity.ERROR

    def at(self, line: int | None, key: str, /, **args: object) -> Finding:
        """The finding on ``line`` with the message ``key``, filled in with ``args``."""
        lang = best_language(self.lang)
        return Finding(
            rule=self.rule or self.prefix + key,
            message=fill(catalogue(self.catalogue)[key][lang], args),
            severity=self.severity,
            file=self.file,
            line=line,
            lang=lang,
        )
