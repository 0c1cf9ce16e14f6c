"""The content model of a 办事指南: the typed front matter of one guide."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

Lang = Literal["zh-Hans", "zh-Hant", "en"]


def _one_or_many(value: object) -> object:
    """Editors may write a single item where a list is expected."""
    return [value] if isinstance(value, (str, dict)) else value


def _web_address(value: str) -> str:
    if urlsplit(value).scheme.lower() not in {"http", "https"}:
        raise ValueError("not a web address")
    return value


TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
WebAddress = Annotated[str, AfterValidator(_web_address)]
Text = Annotated[str, Field(min_length=1)]


class Part(BaseModel):
    # Numbers written without quotes (phone 12333) are still text; unknown keys become warnings.
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True, str_strip_whitespace=True)


class Material(Part):
    name: Text
    form: Literal["original", "copy", "original-and-copy"] | None = None
    copies: Annotated[int, Field(ge=1)] | None = None
    source: str | None = None
    note: str | None = None


class Step(Part):
    title: Text
    detail: str | None = None
    optional: bool = False


class Fee(Part):
    item: Text
    amount: Text


class Place(Part):
    name: Text
    address: str | None = None
    hours: str | None = None
    holidays: str | None = None
    phone: str | None = None
    transport: str | None = None


class OnlineEntry(Part):
    url: WebAddress
    label: str | None = None


class Contact(Part):
    name: str | None = None
    phone: str | None = None
    hours: str | None = None
    volunteers: str | None = None  # where to find 帮办 volunteers who go with the reader


class LegalBasis(Part):
    title: Text
    number: str | None = None


class GuideMeta(Part):
    title: Text
    summary: Text
    lang: Lang
    owner: str | None = None
    audience: TextList = []
    eligibility: TextList = []
    materials: Annotated[list[Material], BeforeValidator(_one_or_many)] = []
    steps: Annotated[list[Step], BeforeValidator(_one_or_many)] = []
    time_limit: str | None = None
    visits: Annotated[int, Field(ge=0)] | None = None
    fees: str | Annotated[list[Fee], BeforeValidator(_one_or_many)] | None = None
    places: Annotated[list[Place], BeforeValidator(_one_or_many)] = []
    online: OnlineEntry | None = None
    consult: Contact | None = None
    complaints: Contact | None = None
    legal_basis: Annotated[list[LegalBasis], BeforeValidator(_one_or_many)] = []
    last_reviewed: dt.date | None = None
    review_by: dt.date | None = None
    topics: TextList = []
    life_events: TextList = []
    translation_key: str | None = None  # ties translations together when their paths differ


def unknown_fields(model: BaseModel, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of every key the content model does not know, at any depth."""
    found = [path + (key,) for key in (model.model_extra or {})]
    for name in type(model).model_fields:
        value = getattr(model, name)
        children = value if isinstance(value, list) else [value]
        for index, child in enumerate(children):
            if isinstance(child, BaseModel):
                child_path = path + ((name, index) if isinstance(value, list) else (name,))
                found += unknown_fields(child, child_path)
    return found
