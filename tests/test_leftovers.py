"""What killed work leaves is cleaned up, and only what is provably ours and stale (issue 22,
item 11).

An export killed mid-way leaves its hidden ``.fieldkit-XXXXXXXX.<suffix>`` beside the output;
the next export into that folder removes it, but never the temporary file of an export another
fieldkit is writing right now (it holds a lock on it). A killed backup leaves
``backups/….sqlite.part``: ``check`` names it and ``check --fix`` removes it, holding the writer
lock that says no other fieldkit is writing a backup.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main

WRITER = """
import sys, time
from pathlib import Path
from fieldkit.exporters.files import atomic_path

with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half an export")
    Path(sys.argv[2]).write_text(tmp.name)
    time.sleep(120)
"""


BUILDER = """
import sys, time
from pathlib import Path
from fieldkit.storage import newfolder

with newfolder.building(Path(sys.argv[1])) as build:
    (build / "project.sqlite").write_bytes(b"half a copy")
    Path(sys.argv[2]).write_text(build.name)
    time.sleep(120)
"""


def _writer(target: Path, marker: Path,
            script: str = WRITER) -> tuple[subprocess.Popen[bytes], Path]:
    """Another fieldkit process in the middle of an export (or a build) of ``target``."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    child = subprocess.Popen([sys.executable, "-c", script, str(target), str(marker)],
                             env=env)
    deadline = time.monotonic() + 60
    while not marker.exists() or not marker.read_text():
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail("the writer did not start its export")
        time.sleep(0.05)
    return child, target.parent / marker.read_text()


def _kill(child: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        child.kill()
    else:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "P.fieldkit"
    with Project.create(made) as p:
        p.add_note(site="S", title="Notitie", text="Jan helpt Piet 👍")
        p.add_code("Leren")
    return made


def test_the_next_export_removes_a_killed_exports_file_but_not_a_live_ones(
        folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    live, busy = _writer(out / "b.docx", tmp_path / "b.marker")
    try:
        killed, stale = _writer(out / "a.xlsx", tmp_path / "a.marker")  # left busy alone
        _kill(killed)
        # what older versions left (mkstemp's names) and files that only look alike
        fd, older = tempfile.mkstemp(prefix=".fieldkit-", suffix=".qdpx", dir=out)
        os.close(fd)
        lookalikes = [out / ".fieldkit-notities.txt", out / "fieldkit-abcdefgh.xlsx",
                      out / ".fieldkit-abcdefgh.xlsx.bak", out / ".fieldkit-mijnnotities.docx"]
        for path in lookalikes:
            path.write_text("van de gebruiker")
        assert stale.exists() and busy.exists()
        assert main(["-p", str(folder), "export", "xlsx", str(out / "c.xlsx")]) == 0
        assert not stale.exists() and not Path(older).exists()
        assert busy.exists(), "the live export's file was removed"
        assert all(path.exists() for path in lookalikes)
    finally:
        _kill(live)
    assert main(["-p", str(folder), "export", "qdpx", str(out / "d.qdpx")]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["c.xlsx", "d.qdpx", *(p.name for p in lookalikes)])


def test_check_names_a_half_written_backup_and_fix_removes_it(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(folder) as p:
        kept = p.backups.make("manual")
    half = folder / "backups" / "20990101T000000000000Z-manual.sqlite.part"
    half.write_bytes(b"SQLite format 3\x00half")
    journal = Path(f"{half}-journal")
    journal.write_bytes(b"journal")
    media_part = folder / "media" / ("ab" * 32 + ".jpg.part")
    media_part.write_bytes(b"half a photo")
    assert main(["-p", str(folder), "check"]) == 0  # warnings only
    out = capsys.readouterr().out
    assert half.name in out and journal.name in out and "check --fix" in out
    assert main(["-p", str(folder), "check", "--fix"]) == 0
    assert "2 other leftovers" in capsys.readouterr().out
    assert not half.exists() and not journal.exists() and not media_part.exists()
    assert Path(kept.path).exists()
    assert main(["-p", str(folder), "check"]) == 0
    assert "All is well" in capsys.readouterr().out


def test_check_names_an_export_temporary_a_killed_export_left_beside_the_project(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    killed, stale = _writer(tmp_path / "rapport.docx", tmp_path / "a.marker")
    _kill(killed)
    assert main(["-p", str(folder), "check"]) == 0
    assert stale.name in capsys.readouterr().out
    assert main(["-p", str(folder), "check", "--fix"]) == 0
    assert not stale.exists()


def test_a_live_build_is_never_removed_and_a_killed_one_goes_with_the_next_restore(
        folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldkit.storage import newfolder

    with Project.open(folder) as p:
        made = p.backups.make("manual")
    target = tmp_path / "Terug.fieldkit"
    live, build = _writer(target, tmp_path / "b.marker", BUILDER)
    try:
        # still copying the database: no project.lock inside yet, but its builder lives
        assert newfolder.stale_builds(target) == []
    finally:
        _kill(live)
    assert newfolder.stale_builds(target) == [build]
    assert main(["-p", str(folder), "backup", "restore", made.id, str(target)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if target.name in p.name) == [target.name]
    assert not (target / newfolder.BUILDER).exists()
