"""The shapes guidekit reads back from its own JSON files (the build cache, the gate's cache):
strict, so a damaged or hand-edited file is refused whole and the build goes on without it. A
finding is read as ``findings.Finding`` itself: pydantic checks the dataclass's own fields."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictJson(BaseModel):
    model_config = ConfigDict(strict=True)
