"""The shapes guidekit reads back from its own JSON files (the build cache, the gate's cache):
strict, so a damaged or hand-edited file is refused whole and the build goes on without it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..findings import Finding, Severity


class StrictJson(BaseModel):
    model_config = ConfigDict(strict=True)


class FindingJson(StrictJson):
    """A finding as ``Finding.to_json`` wrote it."""

    rule: str
    message: str
    severity: Literal["error", "warning", "advice"] = "error"
    file: str | None = None
    line: int | None = None
    wcag: str | None = None
    page: str | None = None
    theme: str | None = None
    suggestion: str | None = None
    element: str | None = None
    lang: str | None = None

    def finding(self) -> Finding:
        return Finding(**{**self.model_dump(), "severity": Severity(self.severity)})
