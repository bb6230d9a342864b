"""Files users give and files fieldkit makes (issue 22, items 10, 12 and 14).

A file given to a command is checked in one place: a symbolic link that loops or leads nowhere,
a pipe or a device is said as such in one line (exit 2), never a traceback and never "empty".
An export is made with the user's normal file mode, and a disk that refuses it is named by the
path the user gave, not by the hidden temporary file.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="pipes and /dev are POSIX")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "P.fieldkit"
    with Project.create(made) as p:
        p.set_coder("Anouk")
        p.add_note(site="S", title="Notitie", text="Jan helpt Piet 👍 bij de kantbank.")
        p.add_code("Leren")
        p.code_text(1, 0, 3, "Leren")
    return made


def _one_line(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 2) -> str:
    assert main(argv) == code, argv
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def _loop(tmp_path: Path, name: str) -> Path:
    loop = tmp_path / name
    loop.symlink_to(loop.name)
    return loop


@pytest.mark.parametrize("name", ["loop", "lus.txt", "lus.m4a", "lus.qdc"])
def test_a_symlink_loop_is_one_line_for_every_command_that_takes_a_file(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    loop = _loop(tmp_path, name)
    before = (folder / "project.sqlite").read_bytes()
    for argv in (["import", str(loop)], ["edit", "1", "--file", str(loop)],
                 ["note", "--site", "S", "--title", "T", "--file", str(loop)],
                 ["codebook", "import", str(loop)]):
        err = _one_line(capsys, ["-p", str(folder), *argv])
        assert "loops back on itself" in err and name in err, (argv, err)
    assert (folder / "project.sqlite").read_bytes() == before


def test_a_link_that_leads_nowhere_is_said_as_such(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dangling = tmp_path / "weg.txt"
    dangling.symlink_to(tmp_path / "bestaat-niet.txt")
    err = _one_line(capsys, ["-p", str(folder), "import", str(dangling)])
    assert "leads nowhere" in err


@POSIX_ONLY
def test_a_pipe_or_a_device_is_not_a_regular_file_not_an_empty_one(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)
    device = tmp_path / "ruis.txt"
    device.symlink_to("/dev/urandom")
    for path, kind in ((fifo, "pipe"), (device, "device")):
        for argv in (["import", str(path)], ["edit", "1", "--file", str(path)]):
            err = _one_line(capsys, ["-p", str(folder), *argv])
            assert "not a regular file" in err and kind in err and "empty" not in err
    bare = tmp_path / "pijp"
    os.mkfifo(bare)  # no extension: said for what it is before any talk of formats
    assert "not a regular file" in _one_line(capsys, ["-p", str(folder), "import", str(bare)])


@pytest.fixture
def umask_022() -> Iterator[int]:
    old = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no permission bits to set")
def test_exported_files_get_the_users_normal_mode(
        folder: Path, tmp_path: Path, umask_022: int) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    with Project.open(folder, readonly=True) as p:
        made = [p.exports.docx(out / "r.docx"), p.exports.xlsx(out / "t.xlsx"),
                p.exports.qdpx(out / "p.qdpx"), p.exports.codebook(out / "c.qdc")]
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask_022, path
    assert sorted(p.name for p in out.iterdir()) == ["c.qdc", "p.qdpx", "r.docx", "t.xlsx"]


def _refusing_folder() -> Path | None:
    """A folder this process may not write, even as root (sysfs refuses everyone)."""
    for candidate in (Path("/sys"), Path("/proc")):
        if candidate.is_dir() and not os.access(candidate, os.W_OK):
            return candidate
        if candidate.is_dir():
            try:
                (candidate / ".fieldkit-probe").touch()
            except OSError:
                return candidate
    return None


@pytest.mark.parametrize("kind", ["xlsx", "docx", "qdpx"])
def test_an_unwritable_place_is_named_by_the_path_the_user_gave(
        folder: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    place = _refusing_folder()
    if place is None:
        pytest.skip("no folder that refuses writing here")
    target = place / f"uit.{kind}"
    err = _one_line(capsys, ["-p", str(folder), "export", kind, str(target)], code=1)
    assert str(target) in err and ".fieldkit-" not in err
