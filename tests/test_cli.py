"""The command line contract: -p anywhere, --json, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit import __version__
from fieldkit.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def proj(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", path, "--language", "nl")[0] == 0
    return path


def test_version_and_module_entry_point() -> None:
    out = subprocess.run([sys.executable, "-m", "fieldkit", "--version"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"fieldkit {__version__}"


def test_note_code_list_show_with_project_before_or_after(
    proj: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "-p", proj, "note", "--site", "Metaal BV", "--visit", "2026-03-02",
               "--title", "Bezoek", "--text", "Jan helpt Piet 👍 bij de kantbank.")[0] == 0
    assert run(capsys, "codebook", "add", "Leren/Collega helpt", "--colour", "#112233",
               "--definition", "Uitleg door een collega", "-p", proj)[0] == 0
    code, out, _ = run(capsys, "code", "1", "0", "14", "Leren/Collega helpt",
                       "--coder", "Bram", "-p", proj, "--json")
    assert code == 0 and json.loads(out)["quote"] == "Jan helpt Piet"
    monkeypatch.setenv("FIELDKIT_PROJECT", proj)
    code, out, _ = run(capsys, "docs", "--json")
    docs = json.loads(out)
    assert docs[0]["title"] == "Bezoek" and docs[0]["codings"] == 1
    assert docs[0]["site"] == "Metaal BV" and docs[0]["visit"] == "2026-03-02"
    code, out, _ = run(capsys, "codebook", "list", "--json")
    tree = json.loads(out)
    assert tree[0]["name"] == "Leren" and tree[0]["total"] == 1
    assert tree[0]["children"][0]["colour"] == "#112233"
    code, out, _ = run(capsys, "codings", "--coder", "Bram", "--json")
    assert [c["code"] for c in json.loads(out)] == ["Leren/Collega helpt"]
    code, out, _ = run(capsys, "show", "1", "--json")
    shown = json.loads(out)
    assert shown["text"].startswith("Jan helpt") and shown["codings"][0]["coder"] == "Bram"


@pytest.mark.parametrize("argv,message", [
    (["code", "1", "5", "3", "Leren"], "not inside"),
    (["code", "1", "0", "4", "Bestaat/Niet"], "no code"),
    (["code", "42", "0", "4", "Leren"], "no document '42'"),
    (["uncode", "7"], "no coding '7'"),
    (["edit", "1", "--file", "/nonexistent/x.txt"], "does not exist"),
    (["note", "--site", "S", "--visit", "gisteren", "--title", "T", "--text", "x"], "not a date"),
    (["import", "--map", "nonsense", "x.csv"], "ROLE=COLUMN"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    proj: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    run(capsys, "-p", proj, "note", "--site", "S", "--title", "T", "--text", "tekst")
    run(capsys, "-p", proj, "codebook", "add", "Leren")
    db = Path(proj) / "project.sqlite"
    before = _dump(db)
    code, out, err = run(capsys, "-p", proj, *argv)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert _dump(db) == before


def _dump(db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return [line for line in conn.iterdump() if "change_log" not in line]
    finally:
        conn.close()


def test_not_a_project_and_missing_project_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIELDKIT_PROJECT", raising=False)
    code, _, err = run(capsys, "-p", str(tmp_path), "docs")
    assert code == 2 and "not a fieldkit project" in err
    code, _, err = run(capsys, "docs")
    assert code == 2 and "Which project" in err


def test_undo_redo_and_check_on_the_command_line(
    proj: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "-p", proj, "note", "--site", "S", "--title", "T", "--text", "tekst hier")
    run(capsys, "-p", proj, "codebook", "add", "X")
    run(capsys, "-p", proj, "code", "1", "0", "5", "X")
    code, out, _ = run(capsys, "-p", proj, "undo")
    assert code == 0 and "Apply code" in out
    assert json.loads(run(capsys, "-p", proj, "codings", "--json")[1]) == []
    run(capsys, "-p", proj, "redo")
    assert len(json.loads(run(capsys, "-p", proj, "codings", "--json")[1])) == 1
    code, out, _ = run(capsys, "-p", proj, "check", "--json")
    assert code == 0 and json.loads(out) == {"ok": True, "problems": []}


def test_second_writer_gets_a_clear_message(proj: str) -> None:
    from fieldkit import Project

    with Project.open(proj):
        result = subprocess.run(
            [sys.executable, "-m", "fieldkit", "-p", proj, "codebook", "add", "X"],
            capture_output=True, text=True)
    assert result.returncode == 2
    assert "open for writing in another fieldkit" in result.stderr
    assert "Traceback" not in result.stderr
