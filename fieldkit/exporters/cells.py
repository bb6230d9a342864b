"""Spreadsheet cells that stay data: no formula runs when an exported table is opened.

A code name, site, title or quote that starts with ``=``, ``+``, ``-`` or ``@`` would otherwise
be a live formula in Excel (formula injection). In ``.xlsx`` every text cell is written as text
(openpyxl's string type), so a quote beginning with "=" stays exactly that quote; characters an
``.xlsx`` cannot hold (control characters) become U+FFFD instead of failing the export. In CSV,
which carries no types, a text cell that starts with one of those characters (or a tab or
carriage return) gets a leading apostrophe, as OWASP recommends; the csv writer quotes
separators and doubles embedded quotes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook import Workbook

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xlsx_value(value: Any) -> Any:
    """A value an xlsx cell can hold: text without control characters, anything else as is."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value


def csv_value(value: Any) -> Any:
    """A CSV cell that no spreadsheet will run: text starting like a formula gets a "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def frame_cells(frame: pd.DataFrame, cell: Any) -> pd.DataFrame:
    """``frame`` with ``cell`` applied to every text value and column name."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(cell)
    out.columns = [cell(c) for c in out.columns]
    return out


def keep_text(book: Workbook) -> None:
    """Every cell openpyxl took for a formula (text starting with "=") is text again.

    fieldkit writes no formulas, so any such cell came from the data.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
