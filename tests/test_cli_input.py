"""Hostile command lines (issue 12): one line on stderr, exit code 2, nothing changed."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.cli import main

HUGE = str(2**64 + 5)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def proj(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", path)[0] == 0
    for text in ("De kantbank staat stil; de machine wacht.", "De machine draait weer.",
                 "Jan bedient de kantbank."):
        assert run(capsys, "-p", path, "note", "--site", "S", "--title", "T",
                   "--text", text)[0] == 0
    assert run(capsys, "-p", path, "codebook", "add", "Techniek")[0] == 0
    assert run(capsys, "-p", path, "code", "1", "3", "12", "Techniek")[0] == 0
    return path


def _dump(project: str) -> list[str]:
    conn = sqlite3.connect(Path(project) / "project.sqlite")
    try:
        return [line for line in conn.iterdump() if "change_log" not in line]
    finally:
        conn.close()


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
        proj: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    before = _dump(proj)
    code, out, err = _run_catching(capsys, "-p", proj, *argv)
    assert code == 2, (argv, err)
    assert message in err, err
    assert err.startswith("fieldkit: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "usage:" not in err
    assert _dump(proj) == before


def _run_catching(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Like ``run``, also for argparse's usage errors (which exit through SystemExit)."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_percentage_threshold_needs_its_percent_sign(proj: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "-p", proj, "agreement", "--coders", "A", "B",
                       "--threshold", "90%")
    assert code == 2 and "no coder 'A'" in err  # the threshold itself was accepted


@pytest.mark.parametrize("argv", [
    ["search", "-kantbank machine"],
    ["search", "-kantbank", "machine"],
    ["search", "machine", "-kantbank"],
    ["search", "--limit", "5", "-kantbank", "machine"],
    ["search", "--", "-kantbank", "machine"],
])
def test_a_search_may_start_with_a_minus(proj: str, capsys: pytest.CaptureFixture[str],
                                         argv: list[str]) -> None:
    code, out, err = run(capsys, "-p", proj, argv[0], "--json", *argv[1:])
    assert code == 0, err
    hits = json.loads(out)["hits"]
    assert {h["document_id"] for h in hits} == {2}  # the machine note without a kantbank


def test_note_file_that_is_a_folder(proj: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notities").mkdir()
    for argv in (["note", "--site", "S", "--title", "T", "--file", str(tmp_path / "notities")],
                 ["edit", "1", "--file", str(tmp_path / "notities")],
                 ["import", str(tmp_path / "notities")]):
        code, _, err = run(capsys, "-p", proj, *argv)
        assert code == 2 and "a folder" in err and err.count("\n") == 1, err


def test_a_pillow_warning_adds_no_line_to_the_error(proj: str, tmp_path: Path) -> None:
    from PIL import Image

    # EXIF whose only tag points past the end of the data: Pillow warns while reading it.
    tiff = (b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
            + struct.pack("<HHII", 0x010F, 2, 100, 0xFFF0) + b"\x00\x00\x00\x00")
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, "WEBP", exif=b"Exif\x00\x00" + tiff)
    photo = tmp_path / "foto.jpg"  # a WebP by another name: refused after the warning
    photo.write_bytes(out.getvalue())
    result = subprocess.run([sys.executable, "-m", "fieldkit", "-p", proj, "import",
                             str(photo)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("fieldkit: foto.jpg: unsupported image format WEBP")
    assert result.stderr.count("\n") == 1, result.stderr
