"""People's reviews of success criteria: ``conformance.toml`` beside the guides (in SOURCE).

One ``[[review]]`` table per criterion a person has checked::

    [[review]]
    criterion = "1.3.1"     # a criterion of the standards map
    result = "supports"     # supports | partially-supports | does-not-support | not-applicable
    reviewer = "李明"
    date = 2026-11-20
    notes = "用读屏软件 NVDA 检查了全部指南的标题和列表。"
    theme = "silver"        # optional: only the pages of this theme

A mistake in the file is a finding with its line, in the site's language; never a traceback.
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import ErrorDetails

from ..findings import Finding, Problems
from ..messages import list_text
from ..source.content_model import Day
from ..source.user_files import read_toml, toml_error_line, validated, value_expected
from .standards import standards_map

REVIEWS_FILE = "conformance.toml"
RULE = "conformance-invalid"
Result = Literal["supports", "partially-supports", "does-not-support", "not-applicable"]


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    criterion: str = Field(min_length=1)
    result: Result
    reviewer: str = Field(min_length=1)
    date: Day  # as editors write dates: 2026-11-20, "2026/11/20", "2026年11月20日"
    notes: str = ""
    theme: Literal["standard", "silver"] | None = None


class _ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    review: list[Review] = []


def load_reviews(source: Path, lang: str, on: datetime.date) -> tuple[list[Review], list[Finding]]:
    """The reviews in SOURCE/conformance.toml (none when there is no such file) and the problems
    found reading it; a review dated after ``on``, the reports' date, cannot have been made."""
    path = source / REVIEWS_FILE
    if not path.is_file():
        return [], []
    problems = Problems(REVIEWS_FILE, lang, rule=RULE, catalogue="conformance")
    try:
        data, places = read_toml(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        return [], [problems.at(toml_error_line(error), "reviews-syntax", problem=error)]
    except UnicodeDecodeError as error:
        return [], [problems.at(None, "reviews-syntax", problem=error)]

    def describe(detail: ErrorDetails) -> Finding:
        loc = list(detail["loc"])
        if len(loc) < 2 or loc[0] != "review" or not isinstance(loc[1], int):
            # anything but [[review]] tables
            return problems.at(places.line(loc[:1]), "reviews-not-a-review")
        field = str(loc[2]) if len(loc) > 2 else ""
        if detail["type"] == "extra_forbidden":
            known = list_text(Review.model_fields, lang)
            return problems.at(places.line(loc), "reviews-unknown-field", field=field, known=known)
        if detail["type"] == "missing":
            return problems.at(places.line(loc[:2]), "reviews-missing-field", field=field)
        return problems.at(
            places.line(loc), "reviews-bad-value", field=field, problem=value_expected(detail, lang)
        )

    read, findings = validated(_ReviewFile, data, describe)
    if read is None:
        return [], findings
    known = standards_map()
    findings = [
        problems.at(
            places.line(("review", number, "criterion")),
            "reviews-unknown-criterion",
            criterion=review.criterion,
        )
        for number, review in enumerate(read.review)
        if known.criterion(review.criterion) is None
    ] + [
        problems.at(
            places.line(("review", number, "date")),
            "reviews-future-date",
            date=review.date.isoformat(),
            today=on.isoformat(),
        )
        for number, review in enumerate(read.review)
        if review.date > on
    ]
    return (
        [] if findings else sorted(read.review, key=lambda review: (review.criterion, review.date))
    ), findings
