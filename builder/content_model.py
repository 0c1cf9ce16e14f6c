"""The content model of a 办事指南: the typed front matter of one guide."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Lang = Literal["zh-Hans", "zh-Hant", "en"]


def _one_or_many(value: object) -> object:
    """Editors may write a single item where a list is expected."""
    return [value] if isinstance(value, (str, dict)) else value


def _web_address(value: str) -> str:
    if urlsplit(value).scheme.lower() not in {"http", "https"}:
        raise ValueError("not a web address")
    return value


# How editors write a material's form, in every language guidekit speaks: one spelling -> the
# model's value
FORMS = {
    "original": ("原件", "原本", "正本"),
    "copy": ("复印件", "影印件", "复印本", "影本", "影印本", "copy", "photocopy"),
    "original-and-copy": (
        "原件和复印件",
        "原件及复印件",
        "原件、复印件",
        "原件+复印件",
        "原件加复印件",
        "原件和影本",
        "原件及影本",
        "原件和影印本",
        "原件及影印本",
        "original and copy",
        "original & copy",
    ),
}
_FORM_SPELLINGS = {
    spelling.casefold(): form for form, spellings in FORMS.items() for spelling in spellings
}
_CHINESE_DIGITS = {
    "一": 1,
    "两": 2,
    "兩": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_COPIES = re.compile(
    r"^\s*(?P<number>\d+|[一两兩二三四五六七八九十])\s*(?:份|张|張|页|頁|本|copies|copy)?\s*$",
    re.IGNORECASE,
)


def _form(value: object) -> object:
    """原件 / 复印件 / 原件和复印件 (and their Traditional and English spellings) as the model's
    values."""
    return _FORM_SPELLINGS.get(value.strip().casefold(), value) if isinstance(value, str) else value


def _copies(value: object) -> object:
    """一份, 2 份, 两份 as a number of copies."""
    if not isinstance(value, str) or (found := _COPIES.match(value)) is None:
        return value
    number = found.group("number")
    return int(number) if number.isdigit() else _CHINESE_DIGITS[number]


TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
WebAddress = Annotated[str, AfterValidator(_web_address)]
Text = Annotated[str, Field(min_length=1)]


class Part(BaseModel):
    # Numbers written without quotes (phone 12333) are still text; unknown keys become warnings.
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True, str_strip_whitespace=True)

    # The field a part written as plain text stands for: materials written "- 居民身份证" are {name:
    # 居民身份证}
    plain_text_field: ClassVar[str | None] = None

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: object) -> object:
        if (
            isinstance(value, (str, int, float))
            and not isinstance(value, bool)
            and cls.plain_text_field
        ):
            return {cls.plain_text_field: str(value)}
        return value


class Material(Part):
    plain_text_field = "name"
    name: Text
    form: (
        Annotated[Literal["original", "copy", "original-and-copy"], BeforeValidator(_form)] | None
    ) = None
    copies: Annotated[int, Field(ge=1), BeforeValidator(_copies)] | None = None
    source: str | None = None
    note: str | None = None


class Step(Part):
    plain_text_field = "title"
    title: Text
    detail: str | None = None
    optional: bool = False


class Fee(Part):
    item: Text
    amount: Text


class Place(Part):
    plain_text_field = "name"
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
    plain_text_field = "title"
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


def unknown_fields(
    model: BaseModel, path: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
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
