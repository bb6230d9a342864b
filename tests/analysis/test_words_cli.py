"""``fieldkit words`` and ``fieldkit stopwords``: JSON, spreadsheet, cloud, one-line errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.model import ImportedDocument, Turn

TALK = ("Interviewer: Hoe leer je de kantbank?\n"
        "Monique: Monique leert de kantbank van Piet; coördinatie 👍 met de planner.")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    with Project.create(tmp_path / "Cli.fieldkit", language="nl") as p:
        p.add_note(site="Oost", title="Notitie",
                   text="De kantbank en de\r\nkantbanken: Coördinatie, coördinatie!")
        cut = TALK.index("\n") + 1
        p.imports.document(ImportedDocument(
            "transcript", "Gesprek", TALK,
            turns=[Turn(0, cut, "Interviewer"), Turn(cut, len(TALK), "Monique")]), site="West")
        p.add_code("Machines")
        p.code_text(1, 3, 12, "Machines")  # "kantbank"
        with p._store.change("Names"):
            p._store.add_participant("Kees", name="Monique van der Wal")
        return p.path


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "-p", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256((path / "project.sqlite").read_bytes()).hexdigest()


def test_words_json_table_and_files(path: Path, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    code, out, _ = run(capsys, path, "words", "--json")
    found = json.loads(out)
    first = found["rows"][0]
    assert code == 0 and first["word"] == "kantbank" and first["count"] == 4
    assert first["variants"] == [["kantbank", 3], ["kantbanken", 1]]
    assert first["documents"] == 2 and first["share"] == 1.0
    code, out, _ = run(capsys, path, "words", "--code", "Machines")
    assert code == 0 and "kantbank" in out and "coordinatie" not in out
    code, out, _ = run(capsys, path, "words", "--speaker", "monique", "--top", "2",
                       "--xlsx", str(tmp_path / "w.xlsx"), "--cloud", str(tmp_path / "w.svg"))
    # "Monique:" opens her turn: a label, not a word she said (she says her name once)
    assert code == 0 and out.splitlines()[2].split()[:3] == ["1", "coordinatie", "1"]
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx").worksheets[0]
    assert [c.value for c in sheet[1]] == ["Word", "Count", "Documents", "Share of documents",
                                           "Variants"]
    assert sheet.max_row == 3
    assert "coordinatie" in (tmp_path / "w.svg").read_text(encoding="utf-8")
    code, out, _ = run(capsys, path, "words", "--speaker", "monique", "--json")
    counted = {r["word"]: r["count"] for r in json.loads(out)["rows"]}
    assert counted["monique"] == 1 and "interviewer" not in counted
    code, out, _ = run(capsys, path, "words", "--site", "Oost", "--compare", "site:West",
                       "--json")
    found = json.loads(out)
    assert code == 0 and (found["label_a"], found["label_b"]) == ("site Oost", "site West")


def test_pseudonymised_files_name_no_one(path: Path, capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, out, err = run(capsys, path, "words", "--min-length", "1", "--pseudonymise",
                         "--xlsx", str(tmp_path / "p.xlsx"), "--cloud", str(tmp_path / "p.svg"))
    assert code == 0 and "monique" in out  # the screen is the researcher's own
    cells = [str(c.value) for row in openpyxl.load_workbook(tmp_path / "p.xlsx").worksheets[0]
             .iter_rows() for c in row]
    assert not any("onique" in c.lower() for c in cells)
    assert "onique" not in (tmp_path / "p.svg").read_text(encoding="utf-8").lower()
    code, _, _ = run(capsys, path, "words", "--min-length", "1", "--cloud",
                     str(tmp_path / "plain.svg"))
    assert "monique" in (tmp_path / "plain.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, message", [
    (["words", "--speaker", "Piet"], "No turns of a speaker 'Piet'"),
    (["words", "--code", "Nope"], "There is no code"),
    (["words", "--site", "Noord"], "There is no site"),
    (["words", "--compare", "plaats:Oost"], "is not a group"),
    (["words", "--top", "0"], "--top must be 1 or more"),
    (["words", "--cloud", "OUT.jpg"], "a word cloud is saved as .png or .svg"),
    (["words", "--xlsx", "OUT.csv"], ".xlsx"),
])
def test_bad_input_is_one_line_and_changes_nothing(path: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   argv: list[str], message: str) -> None:
    before = digest(path)
    argv = [str(tmp_path / a) if a.startswith("OUT") else a for a in argv]
    code, out, err = run(capsys, path, *argv)
    assert code == 2 and out == "" and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert digest(path) == before
    assert list(tmp_path.glob("OUT*")) == []


def test_stopwords_show_add_remove_reset(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, path, "stopwords", "nl")
    assert code == 0 and "de" in out.split() and "kantbank" not in out.split()
    code, out, _ = run(capsys, path, "stopwords", "nl", "--add", "Kantbank", "planner",
                       "--json")
    assert code == 0 and json.loads(out)[-2:] == ["kantbank", "planner"]
    _, out, _ = run(capsys, path, "words", "--json")
    assert "kantbank" not in [r["word"] for r in json.loads(out)["rows"]]
    code, out, _ = run(capsys, path, "stopwords", "nl", "--remove", "planner", "--json")
    assert "planner" not in json.loads(out) and "kantbank" in json.loads(out)
    code, out, _ = run(capsys, path, "stopwords", "nl", "--reset", "--json")
    assert code == 0 and "kantbank" not in json.loads(out)
    _, out, _ = run(capsys, path, "words", "--json")
    assert json.loads(out)["rows"][0]["word"] == "kantbank"
