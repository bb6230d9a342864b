"""Databases fieldkit must not take over or trip on: foreign, unfinished, newer, damaged.

Every command answers in one line (no traceback), ``check`` reports instead of crashing, and
nothing in the file changes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.storage import schema

READERS = (["docs"], ["docs", "--json"], ["show", "1"], ["codings"], ["codebook", "list"],
           ["search", "kantbank"], ["backup", "list"])
WRITERS = (["note", "--site", "S", "--title", "N", "--text", "nieuw"], ["coder", "Anouk"],
           ["codebook", "add", "Nieuw"], ["undo"], ["backup"], ["reindex"])


def _digest(folder: Path) -> tuple[str, list[str]]:
    """The database's bytes and the folder's names (a reader's empty WAL index aside)."""
    names = sorted(p.name for p in folder.iterdir()
                   if p.name not in ("project.lock", "project.sqlite-shm", "project.sqlite-wal"))
    return hashlib.sha256((folder / "project.sqlite").read_bytes()).hexdigest(), names


def _one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> int:
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 1, err
    return code


@pytest.fixture
def made(tmp_path: Path) -> Path:
    folder = tmp_path / "S.fieldkit"
    with Project.create(folder) as p:
        for i in range(30):
            p.add_note(site="Metaal", title=f"Notitie {i}",
                       text=f"Jan werkt aan de kantbank {i}. " * 40)
        p.add_code("Leren")
        p.code_text(1, 0, 10, "Leren")
    return folder


def test_a_foreign_sqlite_file_is_refused_and_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "F.fieldkit"
    folder.mkdir()
    conn = sqlite3.connect(folder / "project.sqlite")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = _digest(folder)
    for argv in (*READERS, *WRITERS):
        assert _one_line(capsys, ["-p", str(folder), *argv]) == 2, argv
    assert _digest(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["project.sqlite"]
    assert main(["-p", str(folder), "check"]) == 1
    assert "not a fieldkit project" in capsys.readouterr().out


def test_a_project_with_a_table_fieldkit_does_not_know_is_refused(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(made / "project.sqlite")
    conn.execute("CREATE TABLE zotero_items (x)")
    conn.commit()
    conn.close()
    before = _digest(made)
    assert _one_line(capsys, ["-p", str(made), "coder", "Anouk"]) == 2
    assert _one_line(capsys, ["-p", str(made), "docs"]) == 2
    assert _digest(made) == before


def test_a_project_without_identity_is_refused_and_check_flags_it(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(made / "project.sqlite")
    conn.execute("DELETE FROM meta")
    conn.commit()
    conn.close()
    assert _one_line(capsys, ["-p", str(made), "docs"]) == 2
    assert main(["-p", str(made), "check"]) == 1
    assert "no project identity" in capsys.readouterr().out


def test_a_newer_project_is_refused_with_exit_2_for_readers_too(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(made / "project.sqlite")
    conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    conn.commit()
    conn.close()
    before = _digest(made)
    for argv in (["docs"], ["search", "jan"], ["coder", "X"], ["note", "--site", "S",
                                                               "--title", "T", "--text", "t"]):
        assert _one_line(capsys, ["-p", str(made), *argv]) == 2
    assert main(["-p", str(made), "check", "--json"]) == 1
    assert "newer fieldkit" in capsys.readouterr().out
    assert _digest(made) == before


def _truncate(db: Path, fraction: float) -> None:
    data = db.read_bytes()
    db.write_bytes(data[:max(1, int(len(data) * fraction))])


def _flip_header(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[16:24] = b"\xff" * 8
    db.write_bytes(bytes(data))


def _malformed_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(3, len(data) // page, 4):
        data[n * page:n * page + 64] = b"\xa5" * 64
    db.write_bytes(bytes(data))


def _drop_search_index(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE search_index")
    conn.commit()
    conn.close()


def _undecodable_text(db: Path) -> None:
    """Bytes that are not UTF-8 in a text column (another tool wrote them; triggers bypassed)."""
    conn = sqlite3.connect(db)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                            "AND tbl_name = 'documents'").fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE documents SET text = CAST(X'4a616efffe20' AS TEXT) WHERE id = 1")
    for _, sql in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()


DAMAGE = {
    "truncated 0.1%": lambda db: _truncate(db, 0.001),
    "truncated 30%": lambda db: _truncate(db, 0.3),
    "truncated 90%": lambda db: _truncate(db, 0.9),
    "flipped header": _flip_header,
    "malformed pages": _malformed_pages,
    "dropped search_index": _drop_search_index,
    "undecodable text": _undecodable_text,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_database_gets_one_line_from_every_command_and_check_reports(
        made: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = made / "project.sqlite"
    DAMAGE[damage](db)
    before = _digest(made)
    code = _one_line(capsys, ["-p", str(made), "check"])
    assert code == 1, damage
    for argv in (*READERS, *WRITERS[:4]):
        _one_line(capsys, ["-p", str(made), *argv])
    if damage != "dropped search_index":
        assert _digest(made) == before, damage


def test_reindex_repairs_a_dropped_search_index(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _drop_search_index(made / "project.sqlite")
    assert _one_line(capsys, ["-p", str(made), "reindex"]) == 0
    assert main(["-p", str(made), "check"]) == 0


def test_a_writer_refuses_a_database_check_finds_damaged(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _malformed_pages(made / "project.sqlite")
    before = _digest(made)
    assert _one_line(capsys, ["-p", str(made), "coder", "Anouk"]) == 1
    assert _one_line(capsys, ["-p", str(made), "note", "--site", "S", "--title", "N",
                              "--text", "nieuw"]) == 1
    assert _digest(made) == before


def test_the_lock_being_a_folder_stops_writers_with_one_line_not_readers(
        made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (made / "project.lock").unlink(missing_ok=True)
    (made / "project.lock").mkdir()
    assert _one_line(capsys, ["-p", str(made), "coder", "Anouk"]) == 2
    assert _one_line(capsys, ["-p", str(made), "docs"]) == 0


def test_new_on_a_self_loop_symlink_or_an_impossible_place_is_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert _one_line(capsys, ["new", str(loop)]) == 2
    afile = tmp_path / "file"
    afile.write_text("x")
    assert _one_line(capsys, ["new", str(afile / "P.fieldkit")]) == 2
    assert _one_line(capsys, ["new", "/proc/fieldkit-cannot-be-here"]) == 2
