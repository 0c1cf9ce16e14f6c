"""Waivers: a team accepts a known finding for a while, with an owner, a reason and an expiry date.

The file (default ``guidekit-waivers.toml``) holds ``[[waiver]]`` tables::

    [[waiver]]
    rule = "axe:color-contrast"             # required; * and ? match any text
    file = "zh-Hans/pension-collection.md"  # optional: the file the finding names
    line = 42                               # optional
    page = "silver/*"                       # optional: the page(s) it was seen on
    element = "a.gk-theme-switch"           # optional: as the report prints it (* and ? too)
    owner = "王芳"                           # required: who answers for it
    reason = "等设计组换新配色"                # required: why it is accepted
    expires = 2027-01-31                    # required: from this day on, the finding blocks again
"""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import ErrorDetails

from ..findings import Finding, Problems
from ..messages import best_language, error_text, list_text, os_reason
from ..source.user_files import read_toml, toml_error_line, validated, value_expected

DEFAULT_FILE = "guidekit-waivers.toml"


class WaiverError(ValueError):
    """The waiver file cannot be used; the message says where and why, in the editor's language."""


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str = Field(min_length=1)
    file: str | None = None
    line: int | None = Field(default=None, ge=1)
    page: str | None = None
    element: str | None = None
    owner: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    expires: datetime.date

    def expired(self, today: datetime.date) -> bool:
        return today >= self.expires

    def covers(self, finding: Finding) -> bool:
        return (
            fnmatchcase(finding.rule, self.rule)
            and (self.file is None or fnmatchcase(finding.file or "", self.file))
            and (self.line is None or finding.line == self.line)
            and (self.page is None or fnmatchcase(finding.page or "", self.page))
            and (self.element is None or fnmatchcase(finding.element or "", self.element))
        )

    def to_json(self) -> dict[str, object]:
        data = self.model_dump(exclude_none=True)
        data["expires"] = self.expires.isoformat()
        return data


@dataclass(frozen=True)
class WaiverUse:
    """A waiver as a report shows it: whether it has expired and how many findings it matched."""

    waiver: Waiver
    expired: bool
    matched: int


class _WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    waiver: list[Waiver] = []


def load_waivers(path: Path, lang: str | None = None) -> list[Waiver]:
    try:
        data, places = read_toml(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise WaiverError(
            error_text("waivers-unreadable", lang, file=path, problem=os_reason(error, lang))
        ) from None
    except tomllib.TOMLDecodeError as error:
        # its words are English: the message names the usual causes instead
        line = toml_error_line(error) or "?"
        raise WaiverError(error_text("waivers-syntax", lang, file=path, line=line)) from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        problem = error_text("not-utf8", lang, line=line).rstrip("。.")
        raise WaiverError(
            error_text("waivers-unreadable", lang, file=path, problem=problem)
        ) from None
    if isinstance(data.get("waiver"), dict):  # [waiver]: one table, not a list of them
        line = places.line(("waiver",)) or "?"
        raise WaiverError(error_text("waivers-single-brackets", lang, file=path, line=line))

    def describe(detail: ErrorDetails) -> Finding:
        where = [
            str(part + 1) if isinstance(part, int) else part
            for part in detail["loc"]
            if part != "waiver"
        ]
        number, field = (where + ["", ""])[:2]
        if detail["type"] == "missing":
            problem = error_text("waivers-field-missing", lang)
        elif detail["type"] == "extra_forbidden":
            known = list_text(Waiver.model_fields, lang)
            problem = error_text("waivers-field-unknown", lang, known=known)
        else:
            problem = value_expected(detail, best_language(lang))
        line = places.line(detail["loc"])
        return problems.at(
            line,
            "waivers-field",
            number=number,
            field=field or "?",
            line=line or "?",
            problem=problem,
        )

    problems = Problems(str(path), lang, rule="waivers-invalid")
    waivers, findings = validated(_WaiverFile, data, describe)
    if waivers is None:
        listed = "; ".join(finding.message for finding in findings)
        raise WaiverError(error_text("waivers-invalid", lang, file=path, problems=listed))
    return waivers.waiver
