"""A 办事指南 that describes a service must answer what a reader needs before going, in plain
terms."""

from __future__ import annotations

import math
import re

from ..source.content_model import GuideMeta, TimeLimit
from .report import Reporter
from .text import GuideText

# A guide with any of these describes a service; one without them is background information.
SERVICE_FIELDS = (
    "materials",
    "steps",
    "places",
    "online",
    "time_limit",
    "fees",
    "legal_time_limit",
    "promised_time_limit",
)
# What a fee field must not say: readers cannot tell "free" from "not filled in".
_UNCLEAR_FEES = {
    "",
    "无",
    "無",
    "没有",
    "沒有",
    "暂无",
    "暫無",
    "-",
    "—",
    "/",
    "none",
    "n/a",
    "na",
    "nil",
    "0",
}
_NUMBER = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?")
_AMOUNT_ALONE = re.compile(
    r"\s*(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二两兩三四五六七八九十百千万萬零〇]+)\s*"
)
_CHINESE_COUNT = re.compile(r"[一二两兩三四五六七八九十百]+")
_UNIT_AFTER = re.compile(
    r"\s*(?:个|個)?\s*(?:工作日|自然日|日|天|小时|小時|分钟|分鐘|月|周|週|星期|年"
    r"|(?:working\s+|business\s+)?days?|hours?|minutes?|weeks?|months?|years?)",
    re.IGNORECASE,
)
_AT_ONCE = re.compile(
    r"[当當][场場]|[当當]天|即[时時]|即[办辦]|立即|[马馬]上|[现現][场場]|same day|while you "
    r"wait|immediately|on the spot",
    re.IGNORECASE,
)
_HOLIDAYS = re.compile(r"节假日|假日|假期|holiday", re.IGNORECASE)


def describes_service(meta: GuideMeta) -> bool:
    return any(getattr(meta, name) not in (None, []) for name in SERVICE_FIELDS)


def check_completeness(text: GuideText, report: Reporter) -> None:
    meta = text.guide.meta
    if not describes_service(meta):
        return
    missing = {
        "audience": not meta.audience,
        "materials": not meta.materials,
        "where": not meta.places and meta.online is None,
        "time_limit": meta.time_limit is None
        and not text.has_field("time_limit")
        and meta.promised_time_limit is None
        and meta.legal_time_limit is None,
        "fees": meta.fees is None and not text.has_field("fees"),
        "consult": meta.consult is None or not meta.consult.phone,
        "item_kind": meta.item_kind is None,
    }
    keys = {"where": "places / online", "consult": "consult: {phone: …}"}
    for field, absent in missing.items():
        if absent:
            report.add(
                "missing-field",
                1,
                field=report.text(f"field-{field}"),
                suggestion=report.text("missing-field-fix", key=keys.get(field, field)),
            )
    _fees(text, report)
    _fee_details(text, report)
    _time_limit(text, report)
    _holiday_hours(text, report)
    _special_procedure_times(text, report)
    _conditions(text, report)
    _item_kind(text, report)
    _promised_within_legal(text, report)


def _fees(text: GuideText, report: Reporter) -> None:
    fees = text.guide.meta.fees
    values = (
        [(fees or "", ("fees",))]
        if not isinstance(fees, list)
        else [(fee.amount, ("fees", index)) for index, fee in enumerate(fees)]
    )
    if fees is None and not text.has_field("fees"):
        return
    for value, path in values:
        if value.strip().lower() in _UNCLEAR_FEES:
            report.add(
                "fee-unclear",
                text.field_line(*path),
                said=None if value.strip() else "fee-empty",
                value=value,
                suggestion=report.text("fee-unclear-fix"),
            )
        elif _AMOUNT_ALONE.fullmatch(value):
            # 20 of what: the page would say 收费 20
            report.add(
                "fee-unit",
                text.field_line(*path),
                value=value.strip(),
                suggestion=report.text("fee-unit-fix", value=value.strip()),
            )


def _fee_details(text: GuideText, report: Reporter) -> None:
    """减免 and 收费依据 copied from a 实施清单 often read 无: the reader cannot tell none from
    not filled in, and the page would show it as a fact."""
    meta = text.guide.meta
    # fee_basis is not prose, so its entries have no lines of their own: the field's line
    written = [(meta.fee_reductions, "fee_reductions")] + [
        (basis, "fee_basis") for basis in meta.fee_basis
    ]
    for value, field in written:
        if value is not None and value.strip().lower() in _UNCLEAR_FEES:
            report.add(
                "fee-details-unclear",
                text.field_line(field),
                field=field,
                value=value,
                suggestion=report.text("fee-details-unclear-fix", field=field),
            )


def _time_limit(text: GuideText, report: Reporter) -> None:
    value = text.guide.meta.time_limit
    if value is None and not text.has_field("time_limit"):
        return
    _unit_stated(value or "", text.field_line("time_limit"), report)


def _unit_stated(value: str, line: int, report: Reporter) -> None:
    """A time written as text says its unit (or that it is done at once)."""
    numbers = list(_NUMBER.finditer(value))
    without_unit = any(not _UNIT_AFTER.match(value, number.end()) for number in numbers)
    # 十五个工作日: a count in Chinese numerals says its unit too
    counted = any(_UNIT_AFTER.match(value, count.end()) for count in _CHINESE_COUNT.finditer(value))
    if without_unit or (not numbers and not counted and not _AT_ONCE.search(value)):
        report.add(
            "time-limit-unit",
            line,
            said=None if value.strip() else "time-limit-empty",
            value=value,
            suggestion=report.text("time-limit-unit-fix"),
        )


def _special_procedure_times(text: GuideText, report: Reporter) -> None:
    for index, procedure in enumerate(text.guide.meta.special_procedures):
        if procedure.time is not None:
            _unit_stated(procedure.time, text.field_line("special_procedures", index), report)


def _conditions(text: GuideText, report: Reporter) -> None:
    """A material needed only in some cases says which, or every reader brings it to be safe."""
    for index, material in enumerate(text.guide.meta.materials):
        if material.required == "conditional" and not (material.condition or "").strip():
            report.add(
                "material-condition",
                text.field_line("materials", index),
                material=material.name,
                suggestion=report.text("material-condition-fix"),
            )


def _item_kind(text: GuideText, report: Reporter) -> None:
    """即办件 are done on the spot: a promised limit of days contradicts that, and 承诺件 promise
    some time."""
    meta = text.guide.meta
    promised = meta.promised_time_limit
    if meta.item_kind is None or promised is None:
        return
    if (meta.item_kind == "immediate") == (promised.value == 0):
        return
    report.add(
        f"item-kind-{meta.item_kind}-time-limit",
        text.field_line("promised_time_limit"),
        suggestion=report.text(f"item-kind-{meta.item_kind}-time-limit-fix"),
    )


def _promised_within_legal(text: GuideText, report: Reporter) -> None:
    meta = text.guide.meta
    promised, legal = meta.promised_time_limit, meta.legal_time_limit
    if promised is None or legal is None:
        return
    if promised.unit == legal.unit:
        longer = promised.value > legal.value
    else:
        longer = _calendar_days(promised)[0] > _calendar_days(legal)[1]
    if longer:
        report.add(
            "promised-longer-than-legal",
            text.field_line("promised_time_limit"),
            suggestion=report.text("promised-longer-than-legal-fix"),
        )


def _calendar_days(limit: TimeLimit) -> tuple[float, float]:
    """The fewest and most calendar days a limit can span, so limits in different units are
    compared only where the answer is certain: a working day is a calendar day at least, and five
    working days can stretch over a week plus the longest public holiday (seven days); an hour may
    be a working hour, eight to a working day."""
    value = limit.value
    if limit.unit == "calendar-days":
        return value, value
    if limit.unit == "months":
        return 28 * value, 31 * value
    working_days = value if limit.unit == "working-days" else value / 8
    low = value if limit.unit == "working-days" else value / 24
    return low, math.ceil(working_days * 7 / 5) + 7


def _holiday_hours(text: GuideText, report: Reporter) -> None:
    for index, place in enumerate(text.guide.meta.places):
        if place.hours and not place.holidays and not _HOLIDAYS.search(place.hours):
            report.add(
                "holiday-hours",
                text.field_line("places", index),
                place=place.name,
                suggestion=report.text("holiday-hours-fix"),
            )
