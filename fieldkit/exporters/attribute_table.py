"""The classification table: cases × attributes and documents × attributes, as an xlsx.

Each sheet has its key column first (a case's name, a document's title), then one column per
attribute, typed as the attribute is: numbers as numbers, dates as dates, yes/no as Excel's
TRUE/FALSE, text as text (never a formula). ``fieldkit attributes import`` reads it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from fieldkit.exporters.cells import keep_text, xlsx_value
from fieldkit.exporters.files import atomic_path, check_target


@dataclass(slots=True)
class Sheet:
    """One sheet: its title, the key column's header, the attributes (name, type) as
    columns, and (key, values) per row."""

    title: str
    key: str
    columns: Sequence[tuple[str, str]]
    rows: Sequence[tuple[str, Mapping[str, Any]]]


def write_attribute_table(out: str | Path, sheets: Sequence[Sheet]) -> Path:
    """Write the sheets to ``out`` (.xlsx), whole or not at all."""
    target = check_target(out, ".xlsx")
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        ws.append([xlsx_value(sheet.key), *(xlsx_value(n) for n, _ in sheet.columns)])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for key, values in sheet.rows:
            folded = {n.casefold(): v for n, v in values.items()}
            ws.append([xlsx_value(key), *(_cell(folded.get(n.casefold()), t)
                                          for n, t in sheet.columns)])
        for row in ws.iter_rows(min_row=2):
            for cell, (_, kind) in zip(row[1:], sheet.columns, strict=False):
                if kind == "date" and isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        ws.freeze_panes = "B2"
    keep_text(book)
    with atomic_path(target) as tmp:
        book.save(tmp)
    return target


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return xlsx_value(value)
