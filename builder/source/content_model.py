"""The content model of a 办事指南: the typed front matter of one guide."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, ClassVar, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..near_names import nearest
from ..phone import dialable, for_dialling

Lang = Literal["zh-Hans", "zh-Hant", "en"]


def _one_or_many(value: object) -> object:
    """Editors may write a single item where a list is expected."""
    return [value] if isinstance(value, (str, dict)) else value


def _web_address(value: str) -> str:
    if urlsplit(value).scheme.lower() not in {"http", "https"}:
        raise ValueError("not a web address")
    return value


def _spelled(spellings: dict[str, tuple[str, ...]]) -> Callable[[object], object]:
    """A before-validator that turns how editors write a choice (Chinese, Traditional, English)
    into the model's value; anything else goes on to the Literal, which refuses it."""
    table = {
        spelling.casefold(): value
        for value, written in spellings.items()
        for spelling in (value, *written)
    }

    def choose(value: object) -> object:
        return table.get(value.strip().casefold(), value) if isinstance(value, str) else value

    return choose


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
    "零": 0,
}
_COPIES = re.compile(
    r"^\s*(?P<number>\d+|[一两兩二三四五六七八九十])\s*(?:份|张|張|页|頁|本|copies|copy)?\s*$",
    re.IGNORECASE,
)
# 跑一次, 最多跑 1 次, 零次 (要跑几次, as 实施清单 write it)
_VISITS = re.compile(
    r"^\s*(?:最多)?\s*跑?\s*(?P<number>\d+|[零一两兩二三四五六七八九十])\s*(?:次|趟|times?)?\s*$",
    re.IGNORECASE,
)


# 原件 / 复印件 / 原件和复印件 (and their Traditional and English spellings) as the model's values
_form = _spelled(FORMS)


def _counted(pattern: re.Pattern[str]) -> Callable[[object], object]:
    """A before-validator that reads a count written with its measure word (一份, 2 份, 跑一次)."""

    def count(value: object) -> object:
        if not isinstance(value, str) or (found := pattern.match(value)) is None:
            return value
        number = found.group("number")
        return int(number) if number.isdigit() else _CHINESE_DIGITS[number]

    return count


_DATE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号號]?\s*")


def _date(value: object) -> object:
    """2026/11/1, 2026.11.01, 2026年11月1日 and 2026年11月1号 as the day they name; anything else,
    and a day that does not exist, passes on to pydantic, which refuses it at its line."""
    if not isinstance(value, str) or (found := _DATE.fullmatch(value)) is None:
        return value
    try:
        return dt.date(*(int(part) for part in found.groups()))
    except ValueError:
        return value


Day = Annotated[dt.date, BeforeValidator(_date)]


def _file_or_web_address(value: str) -> str:
    """An attachment: a file beside the guide (enrich checks that it exists) or an https address."""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() != "https" or not parts.netloc:
            raise PydanticCustomError("attachment", "not a file or https address")
    elif not value or value.startswith(("/", "\\")) or "\\" in value:
        raise PydanticCustomError("attachment", "not a file or https address")
    return value


# 是/否 as editors answer a yes-or-no question in Chinese; true/false/yes/no pass on to pydantic
_YES_NO = {
    "true": ("是", "支持", "有", "可以", "能", "计入", "計入", "含", "包含"),
    "false": (
        "否",
        "不支持",
        "没有",
        "沒有",
        "不可以",
        "不能",
        "不计入",
        "不計入",
        "不含",
        "不包含",
    ),
}

TextList = Annotated[list[str], BeforeValidator(_one_or_many)]
Flag = Annotated[bool, BeforeValidator(_spelled(_YES_NO))]
WebAddress = Annotated[str, AfterValidator(_web_address)]
Attachment = Annotated[str, AfterValidator(_file_or_web_address)]
Text = Annotated[str, Field(min_length=1)]
_STARTS_WITH_A_NUMBER = re.compile(r"[+＋]?[0-9０-９]{3}")


def _phone(value: str) -> str:
    value = for_dialling(value)
    if value and not dialable(value):
        raise PydanticCustomError("phone", "no number to dial", {"value": value})
    return value


Phone = Annotated[str, AfterValidator(_phone)]


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

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, value: object) -> object:
        """A list written with nothing after its colon (``materials:``, as ``guidekit new`` leaves
        it so that its examples' items can go below) has no items yet."""
        if not isinstance(value, dict):
            return value
        fields = cls.model_fields
        return {
            key: [] if item is None and key in fields and fields[key].default == [] else item
            for key, item in value.items()
        }


# 必要性 of a material as editors write it
NECESSITY = {
    "always": ("必要", "必须", "必須", "必需", "必交", "required"),
    "conditional": ("非必要", "容缺", "视情况", "視情況", "情形", "if applicable", "in some cases"),
}


class Material(Part):
    plain_text_field = "name"
    name: Text
    form: (
        Annotated[Literal["original", "copy", "original-and-copy"], BeforeValidator(_form)] | None
    ) = None
    copies: Annotated[int, Field(ge=1), BeforeValidator(_counted(_COPIES))] | None = None
    source: str | None = None
    note: str | None = None
    required: Annotated[Literal["always", "conditional"], BeforeValidator(_spelled(NECESSITY))] = (
        "always"
    )
    condition: str | None = None  # when a conditional material is needed
    blank_form: Attachment | None = None  # 空白表格
    sample: Attachment | None = None  # 示例样表
    instructions: str | None = None  # 填写说明


class Step(Part):
    plain_text_field = "title"
    title: Text
    detail: str | None = None
    optional: Flag = False


class Fee(Part):
    item: Text
    amount: Text


class Place(Part):
    plain_text_field = "name"
    name: Text
    address: str | None = None
    hours: str | None = None
    holidays: str | None = None
    phone: Phone | None = None
    transport: str | None = None


class OnlineEntry(Part):
    plain_text_field = "url"
    url: WebAddress
    label: str | None = None


class Contact(Part):
    name: str | None = None
    phone: Phone | None = None
    hours: str | None = None
    volunteers: str | None = None  # where to find 帮办 volunteers who go with the reader

    @model_validator(mode="before")
    @classmethod
    def _number_or_name(cls, value: object) -> object:
        """``consult: 12333`` is the number to call; ``complaints: 市人社局监察科`` who to ask."""
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return value
        written = str(value).strip()
        return {"phone" if _STARTS_WITH_A_NUMBER.match(written) else "name": written}


class LegalBasis(Part):
    plain_text_field = "title"
    title: Text
    number: str | None = None


# How editors write the units of a time limit -> the model's unit
TIME_UNITS = {
    "working-days": (
        "个工作日",
        "個工作日",
        "工作日",
        "工作天",
        "working days",
        "working day",
        "business days",
        "business day",
    ),
    "calendar-days": (
        "个自然日",
        "個自然日",
        "自然日",
        "日历日",
        "日曆日",
        "天",
        "日",
        "calendar days",
        "calendar day",
        "days",
        "day",
    ),
    "hours": ("个小时", "個小時", "小时", "小時", "hours", "hour"),
    "months": ("个月", "個月", "月", "months", "month"),
}
_time_unit = _spelled(TIME_UNITS)
# 即办: done while the reader waits, a limit of no working days
_AT_ONCE = (
    "即办",
    "即辦",
    "即办件",
    "即辦件",
    "即时办结",
    "即時辦結",
    "当场办结",
    "當場辦結",
    "immediate",
    "on the spot",
)
_TIME_LIMIT = re.compile(
    r"^\s*(?P<value>\d+(?:\.\d+)?|[一两兩二三四五六七八九十]+)\s*(?P<unit>.*?)\s*$"
)


def _chinese_number(text: str) -> int | None:
    """二十, 十五, 三: the small numbers that time limits are written with."""
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CHINESE_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    ten = _CHINESE_DIGITS.get(tens, 0 if tens else 1)
    one = _CHINESE_DIGITS.get(ones, 0 if ones == "" else -100)
    return ten * 10 + one if ten and one >= 0 else None


def _time_limit(value: object) -> object:
    """``20 个工作日``, ``20 working days``, 即办 as {value, unit}; a bare number is refused with
    its own message, since a reader cannot tell 20 hours from 20 days."""
    if isinstance(value, bool):
        raise PydanticCustomError("time_limit", "not a time limit", {"value": value})
    if isinstance(value, (int, float)):
        raise PydanticCustomError("time_limit_unit", "no unit", {"value": value})
    if isinstance(value, dict) and "unit" not in value and "value" in value:
        raise PydanticCustomError("time_limit_unit", "no unit", {"value": value["value"]})
    if not isinstance(value, str):
        return value
    if value.strip().casefold() in _AT_ONCE:
        return {"value": 0, "unit": "working-days"}
    found = _TIME_LIMIT.match(value)
    if found is None:
        raise PydanticCustomError("time_limit", "not a time limit", {"value": value})
    number = found["value"]
    amount = (
        float(number)
        if "." in number
        else (int(number) if number.isdigit() else _chinese_number(number))
    )
    if not found["unit"]:
        raise PydanticCustomError("time_limit_unit", "no unit", {"value": value.strip()})
    unit = _time_unit(re.sub(r"\s+", " ", found["unit"]))
    if amount is None or unit not in TIME_UNITS:
        raise PydanticCustomError("time_limit", "not a time limit", {"value": value})
    return {"value": amount, "unit": unit}


class TimeLimit(Part):
    """法定/承诺办结时限: a number with its unit."""

    value: Annotated[int | float, Field(ge=0)]
    unit: Annotated[
        Literal["working-days", "calendar-days", "hours", "months"], BeforeValidator(_time_unit)
    ]

    @model_validator(mode="before")
    @classmethod
    def _written(cls, value: object) -> object:
        return _time_limit(value)


def _quoted_code(value: object) -> object:
    """Codes written without quotes reach the model as numbers whose leading zeros YAML dropped."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("code_unquoted", "an unquoted code", {"value": value})
    return value


Code = Annotated[str, BeforeValidator(_quoted_code)]


class ItemCodes(Part):
    basic: Code | None = None  # 基本编码
    implementation: Code | None = None  # 实施编码


ITEM_KINDS = {
    # 即时办结 and 当场办结: how 实施清单 records write it
    "immediate": (
        "即办件",
        "即办",
        "即辦件",
        "即辦",
        "即时办结",
        "即時辦結",
        "当场办结",
        "當場辦結",
    ),
    "promised": ("承诺件", "承诺", "承諾件", "承諾"),
}
RESULT_KINDS = {
    "certificate": ("证照", "證照", "证书", "證書", "证件", "證件"),
    "licence": ("许可证", "許可證", "执照", "執照", "license"),
    "approval": ("批准文书", "批准文書", "批复", "批覆", "审批决定", "審批決定"),
    "document": ("文书", "文書", "证明", "證明", "文件"),
    "other": ("其他", "其它"),
}
DELIVERY = {
    "collect": ("窗口领取", "窗口領取", "自取", "现场领取", "現場領取"),
    "post": ("邮寄", "郵寄", "快递", "快遞", "邮政送达", "郵政送達", "mail"),
    "online": ("网上", "網上", "电子证照", "電子證照", "网上送达", "網上送達", "在线", "在線"),
}


class Result(Part):
    plain_text_field = "name"
    name: Text  # 办理结果的名称
    kind: (
        Annotated[
            Literal["certificate", "licence", "approval", "document", "other"],
            BeforeValidator(_spelled(RESULT_KINDS)),
        ]
        | None
    ) = None
    sample: Attachment | None = None  # 结果样本


class Question(Part):
    question: Text
    answer: Text


class SpecialProcedure(Part):
    plain_text_field = "name"
    name: Text  # 特别程序, such as 现场勘查 or 专家评审
    time: str | None = None
    counted: Flag = False  # whether its time counts toward the time limits


class GuideMeta(Part):
    title: Text
    summary: Text
    lang: Lang
    owner: str | None = None
    item_codes: ItemCodes | None = None
    item_kind: (
        Annotated[Literal["immediate", "promised"], BeforeValidator(_spelled(ITEM_KINDS))] | None
    ) = None
    audience: TextList = []
    eligibility: TextList = []
    materials: Annotated[list[Material], BeforeValidator(_one_or_many)] = []
    steps: Annotated[list[Step], BeforeValidator(_one_or_many)] = []
    time_limit: str | None = None
    legal_time_limit: TimeLimit | None = None
    promised_time_limit: TimeLimit | None = None
    holidays_counted: Flag | None = None  # whether 法定节假日 count toward the limits
    special_procedures: Annotated[list[SpecialProcedure], BeforeValidator(_one_or_many)] = []
    visits: Annotated[int, Field(ge=0), BeforeValidator(_counted(_VISITS))] | None = None
    fees: str | Annotated[list[Fee], BeforeValidator(_one_or_many)] | None = None
    fee_basis: TextList = []
    fee_reductions: str | None = None
    online_payment: Flag | None = None
    places: Annotated[list[Place], BeforeValidator(_one_or_many)] = []
    booking: Flag | None = None
    online: OnlineEntry | None = None
    result: Result | None = None
    delivery: Annotated[
        list[Annotated[Literal["collect", "post", "online"], BeforeValidator(_spelled(DELIVERY))]],
        BeforeValidator(_one_or_many),
    ] = []
    postal_delivery: Flag | None = None
    consult: Contact | None = None
    complaints: Contact | None = None
    faq: Annotated[list[Question], BeforeValidator(_one_or_many)] = []
    legal_basis: Annotated[list[LegalBasis], BeforeValidator(_one_or_many)] = []
    last_reviewed: Day | None = None
    review_by: Day | None = None
    topics: TextList = []
    life_events: TextList = []
    translation_key: str | None = None  # ties translations together when their paths differ


def unknown_fields(
    data: object, model: type[BaseModel] = GuideMeta, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str | None]]:
    """Paths of every key the content model does not know, at any depth, in the front matter as
    written (so also when it fails to validate), each with the field of its part whose name is
    closest to it (a misspelling such as ``from`` for ``form``), if any."""
    if not isinstance(data, dict):
        return []
    found: list[tuple[tuple[str | int, ...], str | None]] = []
    for key, value in data.items():
        info = model.model_fields.get(key) if isinstance(key, str) else None
        if info is None:
            close = nearest(str(key).lower(), list(model.model_fields), 0.7)
            found.append((path + (str(key),), close[0] if close else None))
            continue
        parts = [part for part in models_in(info.annotation) if issubclass(part, BaseModel)]
        if len(parts) != 1:
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                found += unknown_fields(item, parts[0], path + (key, index))
        else:
            found += unknown_fields(value, parts[0], path + (key,))
    return found


def field_path(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The path of a front-matter value as the content model reads it: a part written as plain text
    (``places: [市民中心]``) is its ``plain_text_field`` (``places → 0 → name``)."""
    model: type[BaseModel] = GuideMeta
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        parts = (
            [found for found in models_in(info.annotation) if issubclass(found, BaseModel)]
            if info
            else []
        )
        if len(parts) != 1:
            return path
        model = parts[0]
    plain = getattr(model, "plain_text_field", None)
    return path + (plain,) if plain else path


def models_in(annotation: object) -> list[type]:
    """The classes a field's type annotation names, inside lists, unions and ``Annotated``."""
    found = [annotation] if isinstance(annotation, type) else []
    for argument in get_args(annotation):
        found += models_in(argument)
    return found
