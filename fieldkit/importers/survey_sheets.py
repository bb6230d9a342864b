"""The cells of a survey file as rows of text: a CSV export or the first sheet of an xlsx.

CSV: any encoding ``textfile.decode_text`` reads (UTF-8 with or without BOM, UTF-16,
Windows-1252), delimited by ``,`` ``;`` or tab (the one the first line uses most); newlines
inside answers arrive as LF, so positions later counted in them are the stored text's.

xlsx: the first sheet, read with python-calamine (a Rust reader: a 5,000-respondent export in a
fifth of a second, where openpyxl's read-only mode takes three); without it, with openpyxl,
whose read-only mode keeps no merged cells, so they are read from the sheet's XML. A merged
cell's text is copied into every cell it spans, so "Afdeling" merged over two header columns
names both.
Cells become text the way a researcher reads them: whole numbers without ".0", dates as
``YYYY-MM-DD`` (with `` HH:MM:SS`` when they hold a time), booleans as ``true``/``false``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from .common import bad, open_zip, read_zip_member
from .table import csv_rows

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


@dataclass(slots=True)
class Sheet:
    """The rows of a survey file as text cells (every row as wide as the widest), with
    ``merged``: the ranges (first row, first column, last row, last column; 0-based,
    inclusive) of merged cells, whose text each cell of the range now holds."""

    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_sheet(data: bytes, name: str) -> Sheet:
    """The cells of ``data``: an xlsx workbook when it is a zip, else a delimited text file.

    Raises ``BadInput`` (one line naming the file) for a damaged workbook, a text without a
    delimiter, broken quoting, or a file without any cell.
    """
    if name.lower().endswith(".xlsx") and data[:2] != b"PK":
        raise bad(name, "not an xlsx workbook (protected with a password, or an old .xls "
                        "renamed?); save it again as .xlsx or .csv")
    sheet = _read_xlsx(data, name) if data[:2] == b"PK" else _read_csv(data, name)
    width = max((len(r) for r in sheet.rows), default=0)
    if width == 0 or not any(c.strip() for r in sheet.rows for c in r):
        raise bad(name, "the survey holds no cells")
    sheet.rows = [r + [""] * (width - len(r)) for r in sheet.rows]
    while not any(c.strip() for c in sheet.rows[-1]):  # rows of blanks below the table: the
        sheet.rows.pop()                                # sheet's end, not respondents skipped
    return sheet


def _read_csv(data: bytes, name: str) -> Sheet:
    rows = [[cell.strip() for cell in row] for row in csv_rows(data, name)]
    if rows and rows[0]:
        rows[0][0] = rows[0][0].lstrip("\ufeff")
    return Sheet(rows)


def _read_xlsx(data: bytes, name: str) -> Sheet:
    archive = open_zip(data, name, "xlsx")  # refuses zip bombs before a reader unpacks
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # an install without it: openpyxl, some 15 times slower
        return _read_xlsx_openpyxl(data, name, archive)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = book.sheet_names
        first = book.get_sheet_by_index(0) if names else None
        cells = first.to_python(skip_empty_area=False) if first is not None else []
        ranges = first.merged_cell_ranges if first is not None else None
    except Exception as exc:  # calamine raises its own kinds on a damaged workbook
        raise bad(name, f"not a readable xlsx workbook ({type(exc).__name__})") from None
    if first is None:
        raise bad(name, "the workbook has no sheet")
    rows = _text_rows(cells)
    notes = [f"read the first sheet, '{names[0]}' (the workbook has {len(names)})"] \
        if len(names) > 1 else []
    merged = [(top, left, bottom, right) for (top, left), (bottom, right) in ranges or ()]
    return Sheet(_spread(rows, merged), merged, notes)


def _read_xlsx_openpyxl(data: bytes, name: str, archive: Any) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise bad(name, f"not a readable xlsx workbook ({type(exc).__name__})") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise bad(name, "the workbook has no sheet")
        first = sheets[0]
        rows = _sheet_rows(first)
        path = getattr(first, "_worksheet_path", None)  # read-only sheets keep no merges
        xml = read_zip_member(archive, path, name, "xlsx") if path else b""
        notes = [f"read the first sheet, '{first.title}' (the workbook has {len(sheets)})"] \
            if len(sheets) > 1 else []
    finally:
        book.close()
    merged = [_range(m) for m in _MERGE.finditer(xml)]
    return Sheet(_spread(rows, merged), merged, notes)


def _spread(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """``rows`` with a merged cell's text copied into every cell it spans."""
    for top, left, bottom, right in merged:
        if top < len(rows) and left < len(rows[top]):
            text = rows[top][left]
            for r in range(top, min(bottom, len(rows) - 1) + 1):
                rows[r] += [""] * (right + 1 - len(rows[r]))
                for c in range(left, right + 1):
                    rows[r][c] = text
    return rows


#: Blank rows in a row after which a sheet is taken to have ended: a sheet formatted down to
#: its last row (a million) would otherwise be read blank row by blank row.
BLANK_ROWS_END = 10_000


def _sheet_rows(sheet: Any) -> list[list[str]]:
    return _text_rows(sheet.iter_rows(values_only=True))


def _text_rows(cells: Any) -> list[list[str]]:
    """Rows of cell values as rows of text, up to the sheet's end (``BLANK_ROWS_END``)."""
    rows: list[list[str]] = []
    blank = 0
    for values in cells:
        row = [_cell_text(v) for v in values]
        blank = 0 if any(row) else blank + 1
        if blank > BLANK_ROWS_END:
            break
        rows.append(row)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


def _range(match: re.Match[bytes]) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import column_index_from_string

    first_col, first_row, last_col, last_row = (g.decode() for g in match.groups())
    return (int(first_row) - 1, column_index_from_string(first_col) - 1,
            int(last_row) - 1, column_index_from_string(last_col) - 1)


def _cell_text(value: object) -> str:
    """A cell's value as the text a researcher sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.replace(microsecond=0).isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
