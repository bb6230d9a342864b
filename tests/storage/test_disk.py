"""A full disk and a read-only place: one line, nothing half-written, nothing lost.

These need a real small file system: a tmpfs mounted for the test (root on Linux). Where that
is not allowed the tests are skipped; ``tools/stress.py`` runs the same cases.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="tmpfs mounts are Linux's")


def _mount(point: Path, options: str) -> bool:
    point.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "disk"
    if not _mount(point, "size=3m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fieldkit(*argv: str) -> tuple[int, str, str]:
    done = subprocess.run([sys.executable, "-m", "fieldkit", *argv], capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def _one_line(err: str) -> None:
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def _fill(disk: Path) -> None:
    """Leave no free block on the disk."""
    with open(disk / "filler", "wb", buffering=0) as fh:
        for size in (65536, 4096, 512, 1):
            try:
                while fh.write(b"\0" * size):
                    pass
            except OSError:
                continue


def _state(folder: Path) -> tuple[list[str], list[str]]:
    with Project.open(folder, readonly=True) as p:
        docs = [d.title for d in p.documents()]
    good = sorted(hashlib.sha256(b.read_bytes()).hexdigest()
                  for b in (folder / "backups").glob("*.sqlite"))
    return docs, good


def test_a_full_disk_gives_one_line_and_changes_nothing(disk: Path, tmp_path: Path) -> None:
    folder = disk / "S.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="S", title="Eerste", text="Jan werkt aan de kantbank. " * 50)
        p.backups.make("manual")
        p.add_note(site="S", title="Tweede", text="Piet ook. " * 50)
    big = tmp_path / "groot.txt"
    big.write_text("Interviewer: vraag\nSanne: " + "antwoord " * 40000 + "\n")
    _fill(disk)
    before = _state(folder)
    for argv in (["import", str(big)], ["backup"], ["export", "xlsx", str(disk / "o.xlsx")],
                 ["export", "csv", str(disk / "csv")], ["export", "qdpx", str(disk / "o.qdpx")],
                 ["note", "--site", "S", "--title", "Derde", "--text", "x " * 50000],
                 ["undo"]):
        code, _, err = fieldkit("-p", str(folder), *argv)
        if code != 0:
            _one_line(err)
            assert "cannot rollback" not in err
    assert _state(folder)[1] == before[1]  # every backup there before is still there
    assert not list((folder / "backups").glob("*.part"))
    assert not (disk / "o.xlsx").exists() and not (disk / "o.qdpx").exists()
    assert not (disk / "csv").exists() or not any((disk / "csv").iterdir())
    assert not [p for p in disk.iterdir() if p.name.startswith(".fieldkit-")]
    (disk / "filler").unlink()
    code, out, err = fieldkit("-p", str(folder), "check")
    assert code == 0, out + err


def test_undo_after_a_failed_write_names_the_real_error(disk: Path) -> None:
    folder = disk / "S.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="S", title="Groot", text="woorden " * 20000)
    _fill(disk)
    code, _, err = fieldkit("-p", str(folder), "undo")
    if code != 0:  # SQLite may find room in the WAL; then the undo simply worked
        _one_line(err)
        assert "disk is full" in err and "cannot rollback" not in err


def test_a_read_only_place_lets_readers_read_and_stops_writers_in_one_line(
        tmp_path: Path) -> None:
    point = tmp_path / "ro"
    if not _mount(point, "size=3m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        folder = point / "S.fieldkit"
        with Project.create(folder) as p:
            p.add_note(site="S", title="Bezoek", text="Jan werkt aan de kantbank.")
        assert subprocess.run(["mount", "-o", "remount,ro", str(point)]).returncode == 0
        for argv in (["docs"], ["search", "kantbank"], ["show", "1"], ["check"],
                     ["export", "csv", str(tmp_path / "csv")], ["backup", "list"]):
            code, out, err = fieldkit("-p", str(folder), *argv)
            assert code == 0, (argv, err)
        code, out, _ = fieldkit("-p", str(folder), "docs")
        assert "Bezoek" in out
        for argv in (["note", "--site", "S", "--title", "T", "--text", "t"], ["coder", "X"],
                     ["backup"], ["undo"]):
            code, _, err = fieldkit("-p", str(folder), *argv)
            assert code == 1, argv
            _one_line(err)
        code, _, err = fieldkit("new", str(point / "Nieuw.fieldkit"))
        assert code == 2
        _one_line(err)
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
