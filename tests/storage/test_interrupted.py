"""Work killed with SIGKILL: no empty project that looks valid, no media nobody uses."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main


def _kill_when(child: subprocess.Popen[bytes], ready: object, what: str) -> None:
    deadline = time.monotonic() + 120
    try:
        while not ready():  # type: ignore[operator]
            assert child.poll() is None, f"{what} ended before it was killed"
            assert time.monotonic() < deadline, f"{what} never got there"
            time.sleep(0.01)
        child.kill()  # SIGKILL (TerminateProcess on Windows)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()


def _builds(parent: Path, name: str) -> list[Path]:
    return list(parent.glob(f".{name}.*.building"))


def test_a_killed_demo_leaves_no_project_and_does_not_block_a_retry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "Demo.fieldkit"
    child = subprocess.Popen([sys.executable, "-m", "fieldkit", "demo", str(target)])
    _kill_when(child, lambda: any((b / "project.sqlite").exists()
                                  for b in _builds(tmp_path, target.name)), "the demo build")
    assert not target.exists()  # nothing that looks like a project
    assert main(["demo", str(target)]) == 0
    assert _builds(tmp_path, target.name) == []  # the dead build folder was cleared away
    assert main(["-p", str(target), "check"]) == 0


def test_a_killed_creation_inside_the_folder_is_flagged_by_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # What older fieldkits left: the schema without the project's identity.
    from fieldkit.storage import database

    folder = tmp_path / "Half.fieldkit"
    folder.mkdir()
    conn = database.connect(folder / "project.sqlite")
    database.migrate(conn, folder)
    conn.close()
    assert main(["-p", str(folder), "check"]) == 1
    assert "no project identity" in capsys.readouterr().out


IMPORTER = r"""
import sys, time
from pathlib import Path
from fieldkit import Project
from fieldkit.core.progress import Progress

folder, marker = Path(sys.argv[1]), Path(sys.argv[2])
files = sorted(Path(sys.argv[3]).glob("*.txt"))

def report(done, total, message):
    if message.startswith("Stored") and done > total * 3 // 4:
        marker.write_text("storing")   # originals are in media/, their rows not committed
        time.sleep(60)

with Project.open(folder) as p:
    p.imports.files(files, site="Bakkerij", progress=Progress(report), duplicates="again")
"""


def test_media_a_killed_import_left_are_listed_and_removed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "S.fieldkit"
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(8):
        (texts / f"{i:02}.txt").write_text(f"Interviewer: vraag {i}\nSanne: antwoord {i}\n")
    with Project.create(folder) as p:
        kept = p.imports.files([texts / "00.txt"], site="Bakkerij")
    marker = tmp_path / "marker"
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(folder), str(marker),
                              str(texts)])
    _kill_when(child, marker.exists, "the import")
    with Project.open(folder, readonly=True) as p:
        unused = p.unused_media()
        assert len(unused) >= 4
        assert [d.title for d in p.documents()] == [kept[0].title]
    assert main(["-p", str(folder), "check"]) == 0  # warnings only
    out = capsys.readouterr().out
    assert out.count("used by no document") == len(unused)
    assert main(["-p", str(folder), "check", "--fix"]) == 0
    assert f"Removed {len(unused)} unused media files" in capsys.readouterr().out
    assert all(not u.exists() for u in unused)
    with Project.open(folder) as p:
        assert p.unused_media() == [] and p.check() == []
        assert len(list(p.media.files())) == 1  # the first import's original stays


def test_the_next_import_removes_what_a_killed_one_left(project: Project, tmp_path: Path) -> None:
    leftover = project.media.root / ("ab" * 32 + ".txt")
    leftover.write_text("half an import")
    (project.media.root / ("cd" * 32 + ".txt.part")).write_text("half a file")
    undoable = tmp_path / "x.txt"
    undoable.write_text("Interviewer: hoi\n")
    project.imports.files([undoable])
    project.undo()  # its original stays for redo
    project.imports.files([_write(tmp_path / "y.txt", "Interviewer: dag\n")])
    assert not leftover.exists()
    assert not list(project.media.root.glob("*.part"))
    project.redo()
    assert project.check() == []


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_originals_of_older_projects_are_registered_not_removed(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "Oud.fieldkit"
    with Project.create(folder) as p:
        p.imports.files([_write(tmp_path / "a.txt", "Interviewer: vraag\n")])
    # as an older fieldkit stored it: the original in media/, no row, schema step 4
    conn = sqlite3.connect(folder / "project.sqlite")
    conn.execute("DELETE FROM media")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Project.open(folder) as p:
        assert p.unused_media() == []
        assert len(p._store.all_media()) == 1


HALF_WRITER = r"""
import os, signal, sqlite3, sys
import fieldkit.index
from fieldkit.storage import database
conn = database.connect(__import__("pathlib").Path(sys.argv[1]))
conn.execute("PRAGMA journal_mode = DELETE")   # as an older tool or a migration left it
conn.execute("PRAGMA cache_size = 1")          # pages spill into the file mid-transaction
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE documents SET title = 'half', text = 'half'")
conn.execute("DELETE FROM change_log")
os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows: TerminateProcess
"""


def test_readers_recover_a_hot_journal_a_killed_writer_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "S.fieldkit"
    with Project.create(folder) as p:
        for i in range(40):
            p.add_note(site="Bakkerij", title=f"Notitie {i}", text=f"Deeg kneden {i}. " * 200)
    subprocess.run([sys.executable, "-c", HALF_WRITER, str(folder / "project.sqlite")])
    assert (folder / "project.sqlite-journal").stat().st_size > 0
    assert main(["-p", str(folder), "docs", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "readonly" not in err and "Notitie 39" in out and "half" not in out
    assert main(["-p", str(folder), "check"]) == 0
