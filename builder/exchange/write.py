"""Guides back out as 实施清单 records, in the layout ``read`` reads: JSON or XLSX."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from ..source.load import load_guides
from .convert import FEES_TEXT, record_of
from .layout import IS_CHARGED, IS_ONLINE, KEY, MAIN_COLUMNS, MAIN_SHEET, TABLES

# The main sheet's columns: the layout's, with the elements derived from others beside them
MAIN_ORDER = [
    name
    for column in MAIN_COLUMNS
    for name in (
        [IS_CHARGED, column.name]
        if column.name == FEES_TEXT
        else [IS_ONLINE, column.name]
        if column.name == "网办地址"
        else [column.name]
    )
]
_JOINERS = {
    column.name: column.kind.joiner
    for column in (*MAIN_COLUMNS, *(column for table in TABLES for column in table.columns))
    if column.kind.joiner
}


@dataclass
class Exported:
    records: list[dict[str, object]] = field(default_factory=list)
    without_code: list[str] = field(default_factory=list)  # guides with no 实施编码: not records
    findings: list[Finding] = field(default_factory=list)  # guides that could not be read


def export_records(source: Path, default_lang: str) -> Exported:
    loaded = load_guides(source, default_lang)
    done = Exported(findings=[finding for finding in loaded.findings if finding.blocking])
    for guide in loaded.guides:
        codes = guide.meta.item_codes
        if codes is None or not codes.implementation:
            done.without_code.append(guide.rel)
        else:
            done.records.append(record_of(guide.meta))
    return done


def write_json(records: list[dict[str, object]], path: Path) -> None:
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2) + "\n", "utf-8")


def _cell(name: str, value: object) -> object:
    return _JOINERS[name].join(value) if isinstance(value, list) else value


def write_xlsx(records: list[dict[str, object]], path: Path) -> None:
    from openpyxl import Workbook  # imported on first use: most commands never write XLSX
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    main = workbook.active
    main.title = MAIN_SHEET
    sheets = [(main, MAIN_ORDER, [[_cell(n, r.get(n)) for n in MAIN_ORDER] for r in records])]
    for table in TABLES:
        header = [KEY] + [column.name for column in table.columns]
        rows = [
            [record[KEY]] + [_cell(name, row.get(name)) for name in header[1:]]
            for record in records
            for row in record.get(table.name, [])  # type: ignore[attr-defined]
        ]
        sheets.append((workbook.create_sheet(table.name), header, rows))
    for sheet, header, rows in sheets:
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
    workbook.save(path)
