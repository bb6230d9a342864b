"""A table of attribute values (CSV or xlsx): its header and its rows of cells.

CSV in any common encoding with ",", ";" or tab between cells (``importers.table``); xlsx read
with openpyxl (values, not formulas), its dates as dates and numbers as numbers. Nothing here
knows of cases or documents: ``operations.attribute_tables`` matches the rows.
"""

from __future__ import annotations

import io
from pathlib import Path

from fieldkit.importers.common import bad, one_line, open_zip, read_bytes
from fieldkit.importers.table import read_table

Cell = object
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def read_attribute_table(path: Path,
                         sheet: str | None = None) -> tuple[list[str], list[list[Cell]]]:
    """(header, rows) of a CSV or xlsx table: headers stripped, rows padded to the header's
    width, blank rows left out. Of a workbook the sheet called ``sheet`` (without regard to
    case) when there is one, else its first. BadInput (one line) for anything else."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise bad(path.name, "not a table fieldkit reads; give a .csv or .xlsx file")
    data = read_bytes(path)
    if suffix in (".xlsx", ".xlsm"):
        return _workbook(data, path.name, sheet)
    header, rows = read_table(data, path.name)
    return header, [list(r) for r in rows]


def _workbook(data: bytes, name: str, sheet: str | None) -> tuple[list[str], list[list[Cell]]]:
    from openpyxl import load_workbook

    open_zip(data, name, "xlsx").close()  # the zip-bomb guard before openpyxl unpacks it
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise bad(name, f"not a workbook fieldkit can read ({one_line(exc)})") from None
    try:
        chosen = next((ws for ws in book.worksheets
                       if sheet is not None and ws.title.casefold() == sheet.casefold()),
                      book.worksheets[0] if book.worksheets else None)
        if chosen is None:
            raise bad(name, "the workbook has no sheet")
        found = [list(r) for r in chosen.iter_rows(values_only=True)]
    finally:
        book.close()
    found = [r for r in found if any(_given(c) for c in r)]
    if not found:
        raise bad(name, "the sheet is empty")
    width = max(i + 1 for r in found[:1] for i, c in enumerate(r) if _given(c))
    header = [str(c).strip() if _given(c) else f"column {i + 1}"
              for i, c in enumerate(found[0][:width])]
    rows = [(r + [None] * width)[:width] for r in found[1:]]
    return header, rows


def _given(cell: Cell) -> bool:
    return cell is not None and str(cell).strip() != ""
