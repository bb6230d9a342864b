"""The command line contract: -p anywhere, --json, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import struct
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
    assert json.loads(out)[0]["citation"] == "¶ 1"  # where people look, beside start/end
    assert "¶ 1" in run(capsys, "codings")[1]
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


def _bad_files(folder: Path) -> dict[str, Path]:
    import io

    from PIL import Image

    files = {}
    files["corrupt docx"] = folder / "kapot.docx"
    files["corrupt docx"].write_bytes(b"PK\x03\x04 this is not really a zip")
    buf = io.BytesIO()
    Image.new("RGB", (200, 200), "orange").save(buf, "JPEG")
    files["truncated jpeg"] = folder / "half.jpg"
    files["truncated jpeg"].write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    files["empty file"] = folder / "leeg.txt"
    files["empty file"].write_bytes(b"")
    files["csv missing column"] = folder / "esm.csv"
    files["csv missing column"].write_text("foo;bar\n1;2\n", encoding="utf-8")
    return files


@pytest.mark.parametrize("which", ["corrupt docx", "truncated jpeg", "empty file",
                                   "csv missing column"])
def test_bad_files_are_refused_whole(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    good = tmp_path / "goed.txt"
    good.write_text("Interviewer: hoe leer je?\nSanne: door te kijken.\n", encoding="utf-8")
    bad = _bad_files(tmp_path)[which]
    before = _dump(Path(proj) / "project.sqlite")
    code, _, err = run(capsys, "-p", proj, "import", str(good), str(bad))
    assert code == 2, err
    assert bad.name in err and err.count("\n") == 1
    assert _dump(Path(proj) / "project.sqlite") == before  # not even the good file went in


def test_import_transcript_and_photo(proj: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from PIL import Image

    t = tmp_path / "interview.txt"
    t.write_bytes("[00:00:05] Interviewer: Wat leer je hier?\r\n[00:00:09] Sanne: Veel, "
                  "door één collega 😊.\r\n".encode("cp1252", "replace"))
    img = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x0132] = "2026:03:02 10:15:00"
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(buf.getvalue())
    code, out, err = run(capsys, "-p", proj, "import", str(t), str(photo), "--site", "Metaal",
                         "--visit", "2026-03-02", "--json")
    assert code == 0, err
    kinds = [d["kind"] for d in json.loads(out)]
    assert kinds == ["transcript", "photo"]
    shown = json.loads(run(capsys, "-p", proj, "show", "1", "--json")[1])
    assert "\r" not in shown["text"]
    assert [t["speaker"] for t in shown["turns"]] == ["Interviewer", "Sanne"]
    assert run(capsys, "-p", proj, "check")[0] == 0


def test_mpath_export_with_its_meta_file_in_the_same_import(
    proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    esm = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "esm"
    if not (esm / "mpath_basic.csv").is_file():
        pytest.fail(f"ESM fixtures not present at {esm}", pytrace=False)
    for name in ("mpath_basic.csv", "mpath_meta.csv"):
        shutil.copy(esm / name, tmp_path / name)
    code, out, err = run(capsys, "-p", proj, "import", str(tmp_path / "mpath_basic.csv"),
                         str(tmp_path / "mpath_meta.csv"), "--json")
    assert code == 0, err
    docs = json.loads(out)
    assert docs and all(d["kind"] == "esm" for d in docs)


# -- hostile command lines (issue 12): one line on stderr, exit code 2, nothing changed -------

HUGE = str(2**64 + 5)


@pytest.fixture
def notes_proj(proj: str, capsys: pytest.CaptureFixture[str]) -> str:
    for text in ("De kantbank staat stil; de machine wacht.", "De machine draait weer.",
                 "Jan bedient de kantbank."):
        assert run(capsys, "-p", proj, "note", "--site", "S", "--title", "T",
                   "--text", text)[0] == 0
    assert run(capsys, "-p", proj, "codebook", "add", "Techniek")[0] == 0
    assert run(capsys, "-p", proj, "code", "1", "3", "12", "Techniek")[0] == 0
    return proj


@pytest.mark.parametrize("argv, message", [
    (["codebook", "add", "Techniek/Kant\nbank"], "line breaks"),
    (["codebook", "add", "Pers\tkracht"], "control characters"),
    (["codebook", "add", "Rood\x1b[31m"], "control characters"),
    (["codebook", "add", "Omgekeerd\u202etxt"], "control characters"),
    (["codebook", "add", "x" * 201], "at most 200 characters"),
    (["code", "2", "0", "4", "Techniek", "--coder", "Anouk\nBram"], "coder name"),
    (["code", "2", "0", "4", "Techniek", "--coder", "A" * 101], "at most 100 characters"),
    (["coder", "Eva\rBram"], "coder name"),
    (["agreement", "--coders", "A", "B", "--threshold", "1.5"], "at most 1"),
    (["agreement", "--coders", "A", "B", "--threshold", "90"], "at most 1"),
    (["agreement", "--coders", "A", "B", "--threshold", "0"], "above 0"),
    (["agreement", "--coders", "A", "B", "--threshold", "nan"], "above 0"),
    (["agreement", "--coders", "A", "B", "--threshold", "150%"], "at most 1"),
    (["show", HUGE], "no document"),
    (["edit", HUGE, "--text", "x"], "no document"),
    (["code", HUGE, "0", "3", "Techniek"], "no document"),
    (["code", "1", "0", "3", HUGE], "no code"),
    (["uncode", HUGE], "no coding"),
    (["codings", "--doc", HUGE], "no document"),
    (["similar", HUGE], "no coding"),
    (["search", "machine", "--limit", HUGE], "too large"),
    (["code", "1", HUGE, "3", "Techniek"], "too large"),
    (["show"], "required"),
    (["docs", "--nope"], "unrecognized"),
    (["bogus"], "invalid choice"),
    (["search", "--limit"], "expected one argument"),
    (["agreement", "--coders", "A", "B", "--threshold", "veel"], "at most 1"),
])
def test_bad_command_lines_are_one_line_exit_2_and_change_nothing(
        notes_proj: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    before = _dump(Path(notes_proj) / "project.sqlite")
    code, out, err = _run_catching(capsys, "-p", notes_proj, *argv)
    assert code == 2, (argv, err)
    assert message in err, err
    assert err.startswith("fieldkit: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "usage:" not in err
    assert _dump(Path(notes_proj) / "project.sqlite") == before


def _run_catching(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Like ``run``, also for argparse's usage errors (which exit through SystemExit)."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_percentage_threshold_needs_its_percent_sign(notes_proj: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "-p", notes_proj, "agreement", "--coders", "A", "B",
                       "--threshold", "90%")
    assert code == 2 and "no coder 'A'" in err  # the threshold itself was accepted


@pytest.mark.parametrize("argv", [
    ["search", "-kantbank machine"],
    ["search", "-kantbank", "machine"],
    ["search", "machine", "-kantbank"],
    ["search", "--limit", "5", "-kantbank", "machine"],
    ["search", "--", "-kantbank", "machine"],
])
def test_a_search_may_start_with_a_minus(notes_proj: str, capsys: pytest.CaptureFixture[str],
                                         argv: list[str]) -> None:
    code, out, err = run(capsys, "-p", notes_proj, argv[0], "--json", *argv[1:])
    assert code == 0, err
    hits = json.loads(out)["hits"]
    assert {h["document_id"] for h in hits} == {2}  # the machine note without a kantbank


def test_note_file_that_is_a_folder(notes_proj: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notities").mkdir()
    for argv in (["note", "--site", "S", "--title", "T", "--file", str(tmp_path / "notities")],
                 ["edit", "1", "--file", str(tmp_path / "notities")],
                 ["import", str(tmp_path / "notities")]):
        code, _, err = run(capsys, "-p", notes_proj, *argv)
        assert code == 2 and "a folder" in err and err.count("\n") == 1, err


def test_a_pillow_warning_adds_no_line_to_the_error(notes_proj: str, tmp_path: Path) -> None:
    from PIL import Image

    # EXIF whose only tag points past the end of the data: Pillow warns while reading it.
    tiff = (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
            + struct.pack("<HHII", 0x010F, 2, 100, 0xFFF0) + b"\x00\x00\x00\x00")
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, "WEBP", exif=b"Exif\x00\x00" + tiff)
    photo = tmp_path / "foto.jpg"  # a WebP by another name: refused after the warning
    photo.write_bytes(out.getvalue())
    result = subprocess.run([sys.executable, "-m", "fieldkit", "-p", notes_proj, "import",
                             str(photo)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("fieldkit: foto.jpg: unsupported image format WEBP")
    assert result.stderr.count("\n") == 1, result.stderr


def test_fieldkit_alone_shows_a_newcomer_where_to_start() -> None:
    result = subprocess.run([sys.executable, "-m", "fieldkit"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""
    for first in ("fieldkit gui", "fieldkit demo", "fieldkit new", "import", "search"):
        assert first in result.stdout
    assert len(result.stdout.splitlines()) < 20  # a start, not the whole reference


def test_gui_texts_needs_a_screenshot(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "fieldkit", "gui", "--texts",
                             str(tmp_path / "t.json")], capture_output=True, text=True)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "t.json").exists()
