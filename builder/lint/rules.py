"""Every lint rule, its default level, and the ``[lint]`` table of guidekit.toml that can change
them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..findings import Severity

Level = Literal["error", "warning", "advice", "off"]

# Style rules are hints (advice) or things worth fixing (warning); only a guide long past its
# review date, or one promising more time than the law allows, refuses the build by default,
# because readers may act on wrong facts.
DEFAULT_LEVELS: dict[str, Level] = {
    "long-sentence": "advice",
    "very-long-sentence": "warning",
    "long-sentence-share": "warning",
    "uncommon-character": "advice",
    "uncommon-character-share": "warning",
    "rare-word": "advice",
    "officialese": "warning",
    "word-to-avoid": "warning",
    "passive-voice": "advice",
    "chinese-punctuation": "warning",
    "english-punctuation": "warning",
    "reading-grade": "warning",
    "undefined-abbreviation": "warning",
    "undefined-acronym": "warning",
    "script-mismatch": "warning",
    "number-width": "warning",
    "date-style": "warning",
    "number-style": "advice",
    "missing-field": "warning",
    "fee-unclear": "warning",
    "fee-unit": "warning",
    "time-limit-unit": "warning",
    "holiday-hours": "warning",
    "fee-details-unclear": "warning",
    "material-condition": "warning",
    "item-kind-immediate-time-limit": "warning",
    "item-kind-promised-time-limit": "warning",
    # a promise the law does not allow: readers would be told to wait longer than they must
    "promised-longer-than-legal": "error",
    "review-date-missing": "warning",
    "review-dates-invalid": "warning",
    "review-due": "warning",
    "review-overdue": "error",
    "word-numbered-list": "warning",
    "word-heading": "warning",
    "bold-heading": "warning",
    "word-bullet": "warning",
    "indented-line": "warning",
    "invisible-space": "warning",
    "table-header-line": "warning",
}


def _known_rule(rule: str) -> str:
    if rule not in DEFAULT_LEVELS:  # named at its own line, as any unknown option is (config.py)
        raise PydanticCustomError("unknown_rule", "unknown rule {rule}", {"rule": rule})
    return rule


# a name checked on its own, so that a wrong level beside it does not hide it
RuleName = Annotated[str, AfterValidator(_known_rule)]


class LintSettings(BaseModel):
    """``[lint]`` in guidekit.toml. Rule names are the ids above, without the ``lint:`` prefix."""

    model_config = ConfigDict(extra="forbid")

    rules: dict[RuleName, Level] = {}
    grace_days: Annotated[int, Field(ge=0)] = 30
    long_sentence_chars: Annotated[int, Field(ge=1)] = 40
    long_sentence_words: Annotated[int, Field(ge=1)] = 25
    long_sentence_share: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.2
    uncommon_character_share: Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)] = 0.03
    rare_word_frequency: Annotated[int, Field(ge=0)] = 150
    reading_grade: Annotated[float, Field(ge=0, allow_inf_nan=False)] = 8.0
    known_abbreviations: list[str] = []

    def severity(self, rule: str) -> Severity | None:
        """The level this site gives ``rule``; None when it is switched off."""
        level = self.rules.get(rule, DEFAULT_LEVELS[rule])
        return None if level == "off" else Severity(level)
