"""What import and export say, in the editor's language: a problem with where it sits (file, sheet,
row, column for spreadsheets; file, record, item, key for JSON)."""

from __future__ import annotations

from ..messages import best_language, catalogue, fill
from .read import Location, Problem


def exchange_template(key: str, lang: str) -> str:
    """A message whose fields are filled in later (per record)."""
    return catalogue("exchange")[key][best_language(lang)]


def exchange_text(key: str, lang: str, /, **args: object) -> str:
    return fill(exchange_template(key, lang), args)


def where(at: Location, lang: str) -> str:
    parts = [at.file]
    if at.sheet is not None:
        parts.append(exchange_text("at-sheet", lang, sheet=at.sheet))
    if at.row is not None:
        key = "at-row" if at.spreadsheet else "at-record"
        row = exchange_text(key, lang, row=at.row)
        if at.named is not None:
            element, value = at.named
            row += exchange_text("at-named", lang, element=element, value=value)
        parts.append(row)
    if at.table is not None:
        parts.append(exchange_text("at-item", lang, table=at.table, item=at.item))
    if at.column:
        key = "at-column" if at.spreadsheet else "at-key"
        parts.append(exchange_text(key, lang, column=at.column))
    return exchange_text("at-separator", lang).join(parts)


def problem_text(problem: Problem, lang: str) -> str:
    return exchange_text(
        "located",
        lang,
        where=where(problem.at, lang),
        problem=exchange_text(problem.key, lang, **problem.args),
    )
