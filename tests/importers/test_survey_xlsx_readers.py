"""An xlsx survey reads the same with python-calamine (the fast reader) as with openpyxl (the
reader without it): every cell's text, the merged ranges, the note on other sheets, and the
same one-line refusal of a damaged workbook."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.importers import survey_sheets
from fieldkit.importers.common import open_zip
from tests.importers import survey_files as files


def _typed(folder: Path) -> Path:
    """Cells of every kind, the table starting at C3 (an empty area above and left), an
    emoji, accents and a line break inside an answer."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = [["respondent", "open", "getal", "breuk", "datum", "moment", "tijd", "ja"],
            ["R1", "Café 😀\r\nkoffie", 3, 32.5, date(2024, 3, 1),
             datetime(2024, 3, 1, 9, 30, 5), time(7, 45), True],
            ["R2", "coo\u0308rdinatie", 1e16, -0.25, datetime(2023, 12, 31), None, None, False]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.cell(row=r + 3, column=c + 3, value=value)
    path = folder / "getypt.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("make", [files.hand_xlsx, files.forms_xlsx, files.qualtrics_xlsx,
                                  _typed])
def test_both_readers_give_the_same_sheet(tmp_path: Path, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    data = path.read_bytes()
    fast = survey_sheets._read_xlsx(data, path.name)
    slow = survey_sheets._read_xlsx_openpyxl(data, path.name, open_zip(data, path.name, "xlsx"))
    assert fast.rows == slow.rows
    assert fast.merged == slow.merged
    assert fast.notes == slow.notes


def test_the_typed_cells_as_a_researcher_reads_them(tmp_path: Path) -> None:
    path = _typed(tmp_path)
    rows = survey_sheets.read_sheet(path.read_bytes(), path.name).rows
    assert rows[3][2:] == ["R1", "Café 😀\nkoffie", "3", "32.5", "2024-03-01",
                           "2024-03-01 09:30:05", "07:45:00", "true"]
    assert rows[4][2:] == ["R2", "coo\u0308rdinatie", "1e+16", "-0.25",
                           "2023-12-31", "", "", "false"]


def test_a_damaged_workbook_is_one_line(tmp_path: Path) -> None:
    good = files.forms_xlsx(tmp_path).read_bytes()
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item)
            zout.writestr(item, body[: len(body) // 2] if item.filename.startswith(
                "xl/worksheets/") else body)
    with pytest.raises(BadInput) as caught:
        survey_sheets.read_sheet(out.getvalue(), "kapot.xlsx")
    assert "kapot.xlsx" in str(caught.value) and "\n" not in str(caught.value)
