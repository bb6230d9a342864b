"""``fieldkit relations | matrix | segments | sets | memo``: JSON, spreadsheets, one-line errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from fieldkit.cli import main
from tests.analysis.conftest import Hand


def run(capsys: pytest.CaptureFixture[str], hand: Hand, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "-p", str(hand.project.path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def closed(hand: Hand) -> Hand:
    """The hand-made study, closed so the command line can open it."""
    hand.project.close()
    return hand


def digest(hand: Hand) -> str:
    return hashlib.sha256((hand.project.path / "project.sqlite").read_bytes()).hexdigest()


def test_relations_json_xlsx_and_pairs(closed: Hand, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, closed, "relations", "--codes", "A", "B", "C", "--json",
                       "--xlsx", str(tmp_path / "r.xlsx"))
    found = json.loads(out)
    assert code == 0 and found["counts"] == [[2, 2, 0], [2, 3, 1], [0, 1, 1]]
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]] == ["Code", "A", "B", "C"]
    assert [c.value for c in sheet[2]] == ["A", 2, 2, 0]
    code, out, _ = run(capsys, closed, "relations", "--mode", "near", "11", "--codes", "A", "E",
                       "--json")
    assert json.loads(out)["counts"][0][1] == 1
    code, out, _ = run(capsys, closed, "relations", "--pairs", "A", "C", "--mode", "near", "0",
                       "--json")
    pair = json.loads(out)[0]
    assert (pair["first"]["text"], pair["second"]["text"]) == ("aa bb cc", " dd ee")


def test_matrix_json_percent_cell_and_xlsx(closed: Hand, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, closed, "matrix", "--columns", "site", "--codes", "A", "B",
                       "--json")
    found = json.loads(out)
    assert found["columns"] == ["Oost", "West"] and found["values"] == [[1, 1], [2, 1]]
    code, out, _ = run(capsys, closed, "matrix", "--columns", "site", "--codes", "A", "B",
                       "--percent", "--json")
    assert json.loads(out)["values"][0] == [33.33, 50.0]
    code, out, _ = run(capsys, closed, "matrix", "--columns", "site", "--cell", "B", "Oost",
                       "--json")
    assert sorted(s["coder"] for s in json.loads(out)) == ["Anouk", "Bram"]
    code, _, _ = run(capsys, closed, "matrix", "--columns", "coder", "--xlsx",
                     str(tmp_path / "m.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").worksheets[0]
    assert code == 0 and [c.value for c in sheet[1]] == ["Code", "Anouk", "Bram"]


def test_segments_and_saved_queries(closed: Hand, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, closed, "segments", "A NOT B", "--json", "--save", "A zonder B")
    assert code == 0 and [s["text"] for s in json.loads(out)] == [" bb ", "hoe leer"]
    code, out, _ = run(capsys, closed, "segments", "--saved", "a zonder b", "--json")
    assert [s["start"] for s in json.loads(out)] == [2, 13]


def test_sets_and_memos(closed: Hand, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, closed, "sets", "add", "Kern", "--codes", "A", "B")[0] == 0
    assert run(capsys, closed, "sets", "add", "Met E", "--query", "E")[0] == 0
    code, out, _ = run(capsys, closed, "sets", "list", "--json")
    assert [(s["name"], s["kind"], s["labels"]) for s in json.loads(out)] == [
        ("Kern", "codes", ["A", "B"]), ("Met E", "documents", ["Notitie"])]
    code, out, _ = run(capsys, closed, "relations", "--code-set", "Kern", "--json")
    assert [c["path"] for c in json.loads(out)["codes"]] == ["A", "B"]
    assert run(capsys, closed, "sets", "delete", "Kern")[0] == 0
    code, out, _ = run(capsys, closed, "memo", "add", "--title", "Over A", "--text", "Denk na.",
                       "--type", "reflexive", "--date", "2026-03-04", "--json")
    memo = json.loads(out)
    assert code == 0 and (memo["type"], memo["date"]) == ("reflexive", "2026-03-04")
    assert run(capsys, closed, "memo", "link", str(memo["id"]), "--code", "A")[0] == 0
    code, out, _ = run(capsys, closed, "memo", "list", "--json")
    assert json.loads(out)[0]["links"][0]["label"] == "A"
    code, out, _ = run(capsys, closed, "memo", "export", str(tmp_path / "trail.docx"))
    assert code == 0 and (tmp_path / "trail.docx").stat().st_size > 0


@pytest.mark.parametrize("argv", [
    ("relations", "--codes", "A", "Nope"),
    ("relations", "--mode", "near", "-1"),
    ("relations", "--mode", "near"),
    ("relations", "--mode", "overlap", "3"),
    ("matrix", "--columns", "colour"),
    ("matrix", "--columns", "site", "--cell", "A", "Noord"),
    ("segments", "A AND Nope"),
    ("segments", "A NEAR/-3 B", "--save", "x"),
    ("segments", "(A"),
    ("segments", "--saved", "nope"),
    ("sets", "add", "Leeg", "--query", "A AND E"),
    ("sets", "add", "Leeg", "--documents"),
    ("sets", "add", "Leeg"),
    ("sets", "delete", "Nope"),
    ("memo", "add", "--title", "T", "--date", "morgen"),
    ("memo", "link", "1", "--code", "A"),
    ("relations", "--xlsx", "/no/such/folder/r.xlsx"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_changes(closed: Hand, capsys, argv) -> None:  # type: ignore[no-untyped-def]
    before = digest(closed)
    try:
        code, out, err = run(capsys, closed, *argv)
    except SystemExit as stop:  # argparse's own usage errors
        code, err = int(stop.code or 0), capsys.readouterr().err.strip().splitlines()[-1]
        out = ""
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert digest(closed) == before


def test_sets_filter_exports_and_agreement(closed: Hand, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, closed, "sets", "add", "Notitie", "--documents", str(closed.note))[0] == 0
    assert run(capsys, closed, "sets", "add", "AB", "--codes", "A", "B")[0] == 0
    code, _, _ = run(capsys, closed, "export", "xlsx", str(tmp_path / "s.xlsx"), "--set",
                     "Notitie", "--code-set", "AB")
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx")["Segments"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    codes = sorted(r[header.index("Code")] for r in rows[1:])
    assert code == 0 and codes == ["A", "B", "B"]
    code, _, _ = run(capsys, closed, "export", "docx", str(tmp_path / "s.docx"), "--set",
                     "Notitie")
    assert code == 0 and (tmp_path / "s.docx").exists()
    code, out, _ = run(capsys, closed, "agreement", "--coders", "Anouk", "Bram",
                       "--code-set", "AB", "--json")
    assert code == 0 and json.loads(out)
    before = digest(closed)
    assert run(capsys, closed, "export", "xlsx", str(tmp_path / "x.xlsx"), "--set", "AB")[0] == 2
    assert digest(closed) == before and not (tmp_path / "x.xlsx").exists()
