"""Reading 实施清单 records from JSON, CSV or XLSX, every cell with where it came from.

JSON: a list of records (or an object holding one), tables as nested lists of objects.
XLSX: the sheet 实施清单 (else the first sheet) holds one record a row; the sheets named after a
table (申请材料, 办理流程, …) hold its rows, each with the 实施编码 of its record.
CSV: the file holds the records; ``<name>-申请材料.csv`` and so on beside it hold the tables.
A header may sit below a title row: the first of the first rows that names an element is it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .layout import (
    BASIC_CODE,
    KEY,
    MAIN_NAMES,
    MAIN_SHEET,
    NAMES,
    TABLES_BY_NAME,
    Mapping,
    decoded,
    items,
)

_HEADER_SEARCH = 5  # rows looked at for the header


@dataclass(frozen=True)
class Location:
    """Where a value sits, for a message the editor can act on."""

    file: str
    sheet: str | None = None  # XLSX sheet; None in CSV (a file per table) and JSON
    row: int | None = None  # spreadsheet row (the header is a row too), or JSON record number
    column: str | None = None  # the column or key as the file writes it
    table: str | None = None  # JSON: the nested list
    item: int | None = None  # JSON: position in that list, from 1
    spreadsheet: bool = False  # rows and columns (XLSX, CSV), not records and keys (JSON)
    # the record's item by an element it does have (实施编码, 0002), where the message is that it
    # lacks another: "第 2 条记录" alone sends the editor counting through the file
    named: tuple[str, str] | None = None


@dataclass(frozen=True)
class Cell:
    value: object
    at: Location


@dataclass
class Row:
    at: Location
    cells: dict[str, Cell] = field(default_factory=dict)  # national element -> cell

    def location(self, name: str) -> Location:
        cell = self.cells.get(name)
        return cell.at if cell else replace(self.at, column=name)


@dataclass
class Record:
    main: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)
    # what is wrong in the record that it imports despite (a table written as text): told only
    # if it does import, since each says that the rest of the item did
    notes: list[Problem] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.main.cells[KEY].value)


@dataclass(frozen=True)
class Problem:
    at: Location
    key: str  # the message in exchange.yml
    args: dict[str, object] = field(default_factory=dict)


@dataclass
class Read:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what was left out, each with why
    # what is no element guidekit reads, by where it is and its kind: "columns" of a header,
    # "keys" of a JSON file, a sheet (CSV file) that is a "table" guidekit does not know
    ignored: dict[tuple[Location, str], list[str]] = field(default_factory=dict)
    items_left_out: int = 0  # records the problems leave out
    rows_left_out: int = 0  # rows of the tables (申请材料, …) the problems leave out

    def ignore(self, at: Location, kind: str, name: str) -> None:
        names = self.ignored.setdefault((at, kind), [])
        if name not in names:
            names.append(name)


class UnreadableFile(ValueError):
    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key, self.details = key, args


CODES = (KEY, BASIC_CODE)
REQUIRED = ("事项名称", KEY)  # what every record must hold to be imported
# what a platform writes in a table it leaves empty (特别程序: 无)
_NONE = {"", "无", "無", "/", "-", "—"}


def _empty(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def read_records(path: Path, mapping: Mapping) -> Read:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _from_json(path, mapping)
    if suffix == ".xlsx":
        return _from_sheets(path.name, _xlsx_sheets(path), mapping)
    if suffix == ".csv":
        return _from_sheets(path.name, _csv_sheets(path), mapping)
    raise UnreadableFile("file-kind", file=path.name)


# a table's name, its numbered rows and where they are (the file, and the sheet of a workbook)
Sheet = tuple[str, list[tuple[int, list[object]]], Location]


def _xlsx_sheets(path: Path) -> list[Sheet]:
    from openpyxl import load_workbook  # imported on first use: most commands never read XLSX
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise UnreadableFile("file-unreadable", file=path.name, reason=error) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError):
        raise UnreadableFile("xlsx-invalid", file=path.name) from None
    try:
        return [
            (
                sheet.title,
                [
                    (number, list(values))
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                ],
                Location(path.name, sheet.title, spreadsheet=True),
            )
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _text(path: Path) -> str:
    text = decoded(path.read_bytes())
    if text is None:
        raise UnreadableFile("file-encoding", file=path.name)
    return text


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    # a cell's own line breaks (Alt+Enter in Excel) stay in it: "每行一项" elements need them
    text = _text(path).replace("\r\n", "\n").replace("\r", "\n")
    # strict: a quote left open would otherwise take every later row into its cell, silently
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    read: list[tuple[int, list[object]]] = []
    while True:
        first_line = rows.line_num + 1
        try:
            values = next(rows)
        except StopIteration:
            return read
        except csv.Error:
            raise UnreadableFile("csv-quote", file=path.name, line=first_line) from None
        read.append((len(read) + 1, list(values)))


def _csv_at(path: Path) -> Location:
    return Location(path.name, spreadsheet=True)


def _csv_sheets(path: Path) -> list[Sheet]:
    sheets: list[Sheet] = []
    beside = sorted(path.parent.glob(f"{path.stem}-*.csv"))
    for name, file in [(MAIN_SHEET, path), *((o.stem[len(path.stem) + 1 :], o) for o in beside)]:
        # the file that cannot be read: a table's beside the records' was said to be the records'
        try:
            sheets.append((name, _csv_rows(file), _csv_at(file)))
        except OSError as error:
            raise UnreadableFile("file-unreadable", file=file.name, reason=error) from None
    return sheets


def _header(rows: list[tuple[int, list[object]]], mapping: Mapping) -> int | None:
    for index, (_, values) in enumerate(rows[:_HEADER_SEARCH]):
        if any(isinstance(value, str) and mapping.national(value) in NAMES for value in values):
            return index
    return None


@dataclass
class _Table:
    """A sheet's (a CSV file's) rows below its header, and the elements its header names."""

    header: Location  # the header's own row
    names: set[str]
    rows: list[Row]

    def told_missing(self, found: Read, required: tuple[str, ...], key: str) -> bool:
        """Tells ``found`` each column every row needs that the header lacks, and whether there
        was one: once, at the header, not at each of the rows (a file of 2,000 rows gave 2,000
        identical messages)."""
        missing = [name for name in required if name not in self.names]
        found.problems.extend(
            Problem(self.header, key, {"element": name, "rows": len(self.rows)})
            for name in missing
            if self.rows
        )
        return bool(missing)


def _rows(
    at: Location, rows: list[tuple[int, list[object]]], mapping: Mapping, found: Read
) -> _Table | None:
    """The rows below the header, as national element -> cell; empty rows left out. None when
    no row of the first few names an element."""
    start = _header(rows, mapping)
    if start is None:
        return None
    number, values = rows[start]
    header = [str(value).strip() if value is not None else "" for value in values]
    names = [mapping.national(written) for written in header]
    for written, name in zip(header, names, strict=True):
        if written and name not in NAMES:
            found.ignore(replace(at, row=number), "columns", written)
    table = _Table(replace(at, row=number), set(names), [])
    for number, values in rows[start + 1 :]:
        row = Row(replace(at, row=number))
        for written, name, value in zip(header, names, values, strict=False):
            if name in NAMES and not _empty(value):
                row.cells[name] = Cell(value, replace(row.at, column=written))
        if row.cells:
            table.rows.append(row)
    return table


def _from_sheets(file: str, sheets: list[Sheet], mapping: Mapping) -> Read:
    by_name = {mapping.national(name): (name, rows, at) for name, rows, at in sheets}
    main_name = MAIN_SHEET if MAIN_SHEET in by_name else None
    if main_name is None:
        main_name = next(
            (name for name in by_name if name not in TABLES_BY_NAME), mapping.national(sheets[0][0])
        )
    found = Read()
    _, rows, at = by_name[main_name]
    main = _rows(at, rows, mapping, found)
    if main is None:  # another table exported by mistake, or a table with no header: no record
        if at.sheet is None:
            raise UnreadableFile("no-header", file=file, rows=_HEADER_SEARCH)
        raise UnreadableFile("no-header-sheet", file=file, sheet=at.sheet, rows=_HEADER_SEARCH)
    if main.told_missing(found, REQUIRED, "column-missing"):
        # no record: each row of the tables would be told it names an unknown 实施编码
        found.items_left_out += len(main.rows)
        return found
    for row in main.rows:
        _add_record(found, Record(row))
    codes = {record.code: record for record in found.records}
    for name, (written, rows, at) in by_name.items():
        if name == main_name:
            continue
        if name not in TABLES_BY_NAME:
            found.ignore(at, "table", written)
            continue
        table = _rows(at, rows, mapping, found)
        if table is None:
            _no_header(found, name, rows, at)
        elif table.told_missing(found, (KEY,), "table-column-missing"):
            found.rows_left_out += len(table.rows)
        else:
            for row in table.rows:
                _add_table_row(found, codes, name, row)
    for record in found.records:
        _tables_from_text(record)
    return found


def _no_header(found: Read, table: str, rows: list[tuple[int, list[object]]], at: Location) -> None:
    """A table's sheet (CSV file) whose rows start with no header: told at its first row, as its
    rows cannot be read (an empty one says nothing)."""
    filled = [number for number, values in rows if not all(_empty(value) for value in values)]
    if not filled:
        return
    first, second = KEY, TABLES_BY_NAME[table].columns[0].name
    found.problems.append(
        Problem(
            replace(at, row=filled[0]),
            "table-no-header",
            {"rows": len(filled), "search": _HEADER_SEARCH, "first": first, "second": second},
        )
    )
    found.rows_left_out += len(filled)


def _tables_from_text(record: Record) -> None:
    """A table the record writes as text (办理流程 "1、申请；2、受理", 申请材料 a line each) is read
    as the table's rows, an item each in its first column (材料名称, 环节名称, …); a table whose
    rows need two columns (问题 and 解答) cannot be, and is told. Rows of the table's own (sheet,
    file, list) are the table: such text only sums them up. 办理地点 is also a record's element
    (its one place, with 办理时间) and stays one."""
    for name, table in TABLES_BY_NAME.items():
        cell = None if name in MAIN_NAMES else record.main.cells.pop(name, None)
        if cell is None or name in record.tables or str(cell.value).strip() in _NONE:
            continue
        if not table.from_text:
            first, second = (column.name for column in table.columns[:2])
            record.notes.append(
                Problem(cell.at, "table-as-text", {"table": name, "first": first, "second": second})
            )
            continue
        first = table.columns[0].name
        record.tables[name] = [
            Row(cell.at, {first: Cell(item, cell.at)}) for item in items(str(cell.value))
        ]


def _add_record(found: Read, record: Record) -> None:
    """A record is kept when it names its item and has a 实施编码 no other record has, and its
    codes are as the platform wrote them."""
    missing = [name for name in REQUIRED if name not in record.main.cells]
    damaged = [name for name in CODES if name in record.main.cells and _damaged(record.main, name)]
    if missing:
        at = record.main.location(missing[0])
        # the record by what it does have: its code, else its basic code; its name, if that is all
        named = next(
            (
                (name, _code(record.main.cells[name]))
                for name in (*(n for n in CODES if n not in damaged), REQUIRED[0])
                if name in record.main.cells
            ),
            None,
        )
        key = "record-missing" if len(missing) == 1 else "record-missing-both"
        found.problems.append(
            Problem(
                replace(at, named=named),
                key if at.spreadsheet else f"{key}-json",
                {"element": missing[0]},
            )
        )
    elif damaged:
        found.problems.append(_code_problem(record.main, damaged[0]))
    else:
        record.main.cells[KEY] = replace(
            record.main.cells[KEY], value=_code(record.main.cells[KEY])
        )
        if not any(other.code == record.code for other in found.records):
            found.records.append(record)
            return
        found.problems.append(
            Problem(record.main.location(KEY), "record-code-twice", {"code": record.code})
        )
    found.items_left_out += 1


# Excel keeps 15 significant digits and no leading zeros in a number: a code it turned into one
# (a long code typed or pasted into a cell formatted as a number, a CSV opened and saved again) has
# lost digits, and a CSV saved from it holds the code as 1.17015E+19. A JSON integer is exact.
_EXACT_DIGITS = 15
_EXPONENT = re.compile(r"\s*\d+(?:\.\d+)?[eE]\+?\d+\s*")


def _damaged(row: Row, name: str) -> bool:
    cell = row.cells[name]
    value = cell.value
    if _not_text(value):
        return True
    if isinstance(value, float):
        return not value.is_integer() or abs(value) >= 10**_EXACT_DIGITS
    if isinstance(value, int):
        return cell.at.sheet is not None and abs(value) >= 10**_EXACT_DIGITS
    return isinstance(value, str) and _EXPONENT.fullmatch(value) is not None


def _not_text(value: object) -> bool:
    """A JSON object, list or true/false where a code belongs: its Python text is no code."""
    return isinstance(value, (dict, list, bool))


def _code_problem(row: Row, name: str) -> Problem:
    key = "code-not-text" if _not_text(row.cells[name].value) else "code-number"
    return Problem(row.location(name), key, {"element": name})


def _code(cell: Cell) -> str:
    value = cell.value
    return (
        str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    )


def _add_table_row(found: Read, codes: dict[str, Record], table: str, row: Row) -> None:
    if KEY not in row.cells:
        found.problems.append(Problem(row.location(KEY), "row-no-code", {"table": table}))
    elif _damaged(row, KEY):
        found.problems.append(_code_problem(row, KEY))
    else:
        code = _code(row.cells[KEY])
        if code in codes:
            del row.cells[KEY]
            codes[code].tables.setdefault(table, []).append(row)
            return
        found.problems.append(
            Problem(row.location(KEY), "row-unknown-code", {"table": table, "code": code})
        )
    found.rows_left_out += 1


def _from_json(path: Path, mapping: Mapping) -> Read:
    try:
        text = _text(path)
    except OSError as error:
        raise UnreadableFile("file-unreadable", file=path.name, reason=error) from None
    try:
        document = json.loads(text)
    except ValueError as error:
        line = getattr(error, "lineno", 1)
        raise UnreadableFile("json-invalid", file=path.name, line=line) from None
    except RecursionError:  # Python's parser gives up on brackets thousands deep
        raise UnreadableFile("json-too-deep", file=path.name) from None
    document = _record_list(document)
    if document is None:
        raise UnreadableFile("json-no-records", file=path.name)
    found = Read()
    keys = Location(path.name)  # the keys of all records are told of the file
    if _told_keys_missing(found, document, mapping, keys):
        return found
    for number, item in enumerate(document, start=1):
        at = Location(path.name, row=number)
        if not isinstance(item, dict):
            found.problems.append(Problem(at, "record-not-object"))
            found.items_left_out += 1
            continue
        record = Record(Row(at))
        for written, value in item.items():
            name = mapping.national(written)
            if _empty(value):
                continue
            if name in TABLES_BY_NAME and isinstance(value, (list, dict)):
                # converters from the platforms' XML write a table of one row as that row
                rows = value if isinstance(value, list) else [value]
                record.tables[name] = _json_table(at, name, written, rows, mapping, found, keys)
            elif name in MAIN_NAMES or name in TABLES_BY_NAME:
                record.main.cells[name] = Cell(value, replace(at, column=written))
            else:
                found.ignore(keys, "keys", written)
        _tables_from_text(record)
        _add_record(found, record)
    return found


def _told_keys_missing(found: Read, document: list[object], mapping: Mapping, at: Location) -> bool:
    """Tells ``found`` each key every record needs that no record has, and whether there was one:
    a local key the mapping would name, told once, not at each of 2,000 records (as a header
    missing its column is). A single record is told as a record, by what it does have."""
    objects = [entry for entry in document if isinstance(entry, dict)]
    if len(objects) < 2:
        return False
    written = {key for entry in objects for key in entry}
    missing = [name for name in REQUIRED if all(mapping.national(key) != name for key in written)]
    for name in missing:
        found.problems.append(
            Problem(at, "key-missing", {"element": name, "records": len(document)})
        )
    if not missing:
        return False
    for entry in objects:
        for key in entry:
            if mapping.national(key) not in NAMES:
                found.ignore(at, "keys", key)
    found.items_left_out += len(document)
    return True


def _record_list(document: object) -> list[object] | None:
    """The records: the document, or the first list an object holds, however deep (a platform's
    API answers {"code": 0, "data": {"total": 22, "list": [...]}})."""
    lists, queue = [], [document]
    while queue:
        value = queue.pop(0)
        if isinstance(value, list):
            if value and all(isinstance(item, dict) for item in value):
                return value
            lists.append(value)
        elif isinstance(value, dict):
            queue.extend(value.values())
    return lists[0] if lists else None


def _json_table(
    at: Location,
    table: str,
    written: str,
    items: list[object],
    mapping: Mapping,
    found: Read,
    keys: Location,
) -> list[Row]:
    rows = []
    for index, item in enumerate(items, start=1):
        row = Row(replace(at, table=written, item=index))
        if isinstance(item, dict):
            for key, value in item.items():
                name = mapping.national(key)
                if name not in NAMES:
                    found.ignore(keys, "keys", key)
                elif not _empty(value):
                    row.cells[name] = Cell(value, replace(row.at, column=key))
        elif _empty(item):  # null or "" in the list: nothing, as an empty row of a sheet is
            continue
        else:  # a plain list entry: the table's first element (材料名称, 环节名称, …)
            row.cells[TABLES_BY_NAME[table].columns[0].name] = Cell(item, row.at)
        rows.append(row)
    return rows
