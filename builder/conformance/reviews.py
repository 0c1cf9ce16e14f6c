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
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..findings import Finding
from ..messages import best_language, catalogue
from .standards import standards_map

REVIEWS_FILE = "conformance.toml"
RULE = "conformance-invalid"
Result = Literal["supports", "partially-supports", "does-not-support", "not-applicable"]


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    criterion: str = Field(min_length=1)
    result: Result
    reviewer: str = Field(min_length=1)
    date: datetime.date
    notes: str = ""
    theme: Literal["standard", "silver"] | None = None


class _ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    review: list[Review] = []


def conformance_text(key: str, lang: str, **args: object) -> str:
    return catalogue("conformance")[key][best_language(lang)].format(**args)


def load_reviews(source: Path, lang: str) -> tuple[list[Review], list[Finding]]:
    """The reviews in SOURCE/conformance.toml (none when there is no such file) and the problems
    found reading it."""
    path = source / REVIEWS_FILE
    if not path.is_file():
        return [], []
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        at_line = re.search(r"line (\d+)", str(error))
        return [], [
            _problem(
                conformance_text("reviews-syntax", lang, problem=error),
                int(at_line.group(1)) if at_line else None,
            )
        ]
    try:
        reviews = _ReviewFile.model_validate(data).review
    except ValidationError as error:
        return [], [_field_problem(detail, text, lang) for detail in error.errors()]
    known = standards_map()
    unknown = [
        (number, review)
        for number, review in enumerate(reviews)
        if known.criterion(review.criterion) is None
    ]
    findings = [
        _problem(
            conformance_text("reviews-unknown-criterion", lang, criterion=review.criterion),
            _line_of(text, number, "criterion"),
        )
        for number, review in unknown
    ]
    return (
        [] if findings else sorted(reviews, key=lambda review: (review.criterion, review.date))
    ), findings


def _field_problem(detail: Mapping[str, Any], text: str, lang: str) -> Finding:
    loc = list(detail["loc"])
    if (
        len(loc) < 2 or loc[0] != "review" or not isinstance(loc[1], int)
    ):  # anything but [[review]] tables
        name = str(loc[0]) if loc else ""
        line = next(
            (
                number
                for number, line in enumerate(text.splitlines(), start=1)
                if re.match(rf"^\s*\[*\s*{re.escape(name)}\b", line)
            ),
            None,
        )
        return _problem(conformance_text("reviews-not-a-review", lang), line)
    number, field = loc[1], str(loc[2]) if len(loc) > 2 else ""
    if detail["type"] == "extra_forbidden":
        message = conformance_text(
            "reviews-unknown-field", lang, field=field, known=", ".join(Review.model_fields)
        )
    elif detail["type"] == "missing":
        message = conformance_text("reviews-missing-field", lang, field=field)
    else:
        message = conformance_text("reviews-bad-value", lang, field=field, problem=detail["msg"])
    return _problem(message, _line_of(text, number, field if detail["type"] != "missing" else None))


def _problem(message: str, line: int | None) -> Finding:
    return Finding(rule=RULE, message=message, file=REVIEWS_FILE, line=line)


_HEADER = re.compile(r"^\s*\[\[\s*review\s*\]\]")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")


def _line_of(text: str, number: int, field: str | None) -> int | None:
    """The line of the ``number``-th (0-based) ``[[review]]`` table, or of its ``field`` key
    (tomllib keeps no positions)."""
    lines = text.splitlines()
    headers = [index for index, line in enumerate(lines) if _HEADER.match(line)]
    if number >= len(headers):
        return None
    start = headers[number]
    end = headers[number + 1] if number + 1 < len(headers) else len(lines)
    if field:
        for index in range(start + 1, end):
            key = _KEY.match(lines[index])
            if key and key.group(1) == field:
                return index + 1
    return start + 1
