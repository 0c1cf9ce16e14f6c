"""One 实施清单 record <-> one guide's front matter.

``front_matter`` keeps the platform's words (承诺件, 是, 20 工作日) and lets the content model
judge them, so a cell the model refuses is reported at its sheet, row and column with the model's
own message. ``record_of`` writes a guide's model values back in the platform's words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from ..fees import says_free
from ..source.content_model import GuideMeta
from ..source.load import expected_text
from .layout import (
    CHARGED_ANSWERS,
    FREE,
    HOURS,
    IS_CHARGED,
    IS_ONLINE,
    MAIN_COLUMNS,
    PLACE,
    TABLES,
    TABLES_BY_NAME,
    Column,
    cell_text,
)
from .read import Cell, Location, Problem, Record, Row
from .report import exchange_text

FEES_TEXT = "收费标准"
_FEE_TABLE = "收费项目"
# 收费标准 无 or 0 is a blank to the linter (the reader cannot tell it from one left unfilled),
# but to the platform it means free, as the page's words for free do
_NOTHING = ("无", "無", "0")
# 办理地点 and 办理时间 in the main sheet: the one place of an item that has only one
_ONE_PLACE = (Column(PLACE, ("name",)), Column(HOURS, ("hours",)))
_PATH_PARTS = frozenset(
    [part for column in MAIN_COLUMNS for part in column.path]
    + [table.field for table in TABLES]
    + [part for table in TABLES for column in table.columns for part in column.path]
)


def _put(target: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target[path[-1]] = value


def _get(source: object, path: tuple[str, ...]) -> object:
    for part in path:
        if not isinstance(source, dict):
            return None
        source = source.get(part)
    return source


def _read_row(row: Row, columns: tuple[Column, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in columns:
        cell = row.cells.get(column.name)
        if cell is not None:
            value = column.kind.read(cell.value)
            if value not in ("", [], None):
                _put(values, column.path, value)
    return values


def front_matter(
    record: Record,
    lang: str,
    summary: str,
    today: dt.date,
    review_by: dt.date,
    message_lang: str | None = None,
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The record's guide front matter, in the content model's field order, or None; and where the
    record is wrong, said in ``message_lang`` (default: the guide's language). A problem returned
    with the front matter is one the guide imports despite (the record's own notes, of its
    reading, are not among them)."""
    fields = _read_row(record.main, MAIN_COLUMNS)
    for limit in ("legal_time_limit", "promised_time_limit"):
        if set(fields.get(limit, {})) == {"value"}:  # 20 个工作日 written in one cell
            fields[limit] = str(fields[limit]["value"])
    for table in TABLES:
        rows = [_read_row(row, table.columns) for row in record.tables.get(table.name, [])]
        if rows:
            if table.field in fields:  # 收费标准 written as text and as 收费项目 rows
                return None, [
                    Problem(record.main.location(FEES_TEXT), "fees-twice", {"table": table.name})
                ]
            fields[table.field] = rows
    charged = record.main.cells.get(IS_CHARGED)
    says = CHARGED_ANSWERS.get(str(cell_text(charged.value)).strip()) if charged else None
    if says is False and "fees" not in fields:
        fields["fees"] = FREE
    notes = _charge_notes(charged, says, fields.get("fees")) if charged else []
    if "places" not in fields and PLACE in record.main.cells:
        fields["places"] = [_read_row(record.main, _ONE_PLACE)]
    owner = fields.get("owner")
    fields |= {
        "summary": summary.format(title=fields.get("title"), owner=owner or ""),
        "lang": lang,
        "last_reviewed": today,
        "review_by": review_by,
    }
    try:
        GuideMeta.model_validate(fields)
    except ValidationError as error:
        # not the notes: each says the item imported
        return None, _located(record, error, message_lang or lang)
    order = list(GuideMeta.model_fields)
    return dict(sorted(fields.items(), key=lambda item: order.index(item[0]))), notes


def _charge_notes(
    charged: Cell, says: bool | None, fees: str | list[dict[str, Any]] | None
) -> list[Problem]:
    """What 是否收费 and the fees read say against each other; the guide imports all the same."""
    if says is None or (fees is not None and says == charges(fees)):
        return []
    if fees is None:  # the charge has no place in the guide or the export: the editor must add it
        return [Problem(charged.at, "fees-unstated", {"answer": charged.value})]
    # the guide follows 收费标准, and so will the exported 是否收费
    written = (
        fees
        if isinstance(fees, str)
        else "、".join(str(row["amount"]) for row in fees if "amount" in row)
    )
    args = {"answer": charged.value, "fees": written, "exported": "否" if says else "是"}
    return [Problem(charged.at, "fees-contradict", args)]


def _located(record: Record, error: ValidationError, lang: str) -> list[Problem]:
    problems: dict[Location, Problem] = {}
    details = error.errors()
    # fees is text or a list of rows: when the cells made rows, the rows' errors are the ones
    # meant, and text's refusal of them would name a 收费标准 cell of the records' sheet
    deeper = {detail["loc"][0] for detail in details if len(detail["loc"]) > 2}
    for detail in details:
        if (
            detail["type"] == "string_type"
            and isinstance(detail["input"], list)
            and detail["loc"][0] in deeper
        ):
            continue
        loc = tuple(part for part in detail["loc"] if isinstance(part, int) or part in _PATH_PARTS)
        at = locate(record, loc)
        if detail["type"] == "missing":  # pydantic's "Field required" is English
            element = at.column or column_name(loc)
            if element:
                problems.setdefault(at, Problem(at, "cell-missing", {"element": element}))
                continue
        # a spreadsheet answers yes-or-no questions with 是 and 否, not YAML's true and false
        expected = (
            exchange_text("expect-yes-no", lang)
            if detail["type"].startswith("bool")
            else expected_text(dict(detail), lang)
        )
        problems.setdefault(  # a union (fees) reports once per alternative
            at, Problem(at, "cell-invalid", {"expected": expected})
        )
    return list(problems.values())


def _column_for(columns: tuple[Column, ...], path: tuple[Any, ...]) -> Column | None:
    """The column of ``path``, or of the field it lies under or above."""
    return (
        next((column for column in columns if column.path == path), None)
        or next((column for column in columns if column.path[: len(path)] == path), None)
        or next((column for column in columns if path[: len(column.path)] == column.path), None)
    )


def column_name(loc: tuple[Any, ...]) -> str | None:
    """The element a content-model error about ``loc`` is about, such as 材料名称."""
    if not loc:
        return None
    table = next((table for table in TABLES if loc[:1] == (table.field,)), None)
    if table:
        path = loc[2:] if len(loc) > 1 and isinstance(loc[1], int) else loc[1:]
        column = _column_for(table.columns, path) if path else None
    else:
        column = _column_for(MAIN_COLUMNS, loc)
    return column.name if column else None


def locate(record: Record, loc: tuple[Any, ...]) -> Location:
    """The cell a content-model error about ``loc`` is about."""
    table = next((table for table in TABLES if loc[:1] == (table.field,)), None)
    rows = record.tables.get(table.name, []) if table else []
    if table and rows and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(rows):
        row = rows[loc[1]]
        column = _column_for(table.columns, loc[2:]) if len(loc) > 2 else None
        return row.location(column.name) if column else row.at
    if loc[:1] == ("places",) and PLACE in record.main.cells:
        return record.main.location(PLACE)
    column = _column_for(MAIN_COLUMNS, loc)
    return record.main.location(column.name) if column else record.main.at


def _written(columns: tuple[Column, ...], values: dict[str, Any]) -> dict[str, object]:
    row: dict[str, object] = {}
    for column in columns:
        value = _get(values, column.path)
        if value in (None, "", []) or value == column.omitted:
            continue
        row[column.name] = column.kind.write(value)
    return row


def charges(fees: object) -> bool:
    """Whether a guide's fees (text, or a list of fee rows) say something is charged."""
    return not (isinstance(fees, str) and (fees in _NOTHING or says_free(fees)))


def record_of(meta: GuideMeta) -> dict[str, object]:
    """The guide as a 实施清单 record: JSON's shape, tables as lists of rows."""
    values = meta.model_dump(mode="json", exclude_none=True)
    fees = values.get("fees")
    if isinstance(fees, list):
        values.pop("fees")
    record = _written(MAIN_COLUMNS, values)
    if fees is not None:
        record[IS_CHARGED] = "是" if charges(fees) else "否"
    record[IS_ONLINE] = "是" if meta.online else "否"
    for table in TABLES:
        items = fees if table.name == _FEE_TABLE else values.get(table.field)
        if isinstance(items, list) and items:
            record[table.name] = [_written(table.columns, item) for item in items]
    return record


def changed_fields(old: dict[str, object], new: dict[str, object]) -> list[str]:
    """The elements whose values differ between two records, in the layout's order."""
    names = [column.name for column in MAIN_COLUMNS] + [IS_CHARGED, IS_ONLINE, *TABLES_BY_NAME]
    return [name for name in names if old.get(name) != new.get(name)]


def front_matter_key(name: str) -> str:
    """The top-level front-matter field that holds an element."""
    if name in TABLES_BY_NAME:
        return TABLES_BY_NAME[name].field
    if name == IS_CHARGED:
        return "fees"
    if name == IS_ONLINE:
        return "online"
    return next(column.path[0] for column in MAIN_COLUMNS if column.name == name)
