"""Backups: whole or absent, rotated without losing good ones, automatic, restored beside."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.storage import backups


def _fake_backup(folder: Path, when: datetime, reason: str, source: Path) -> Path:
    """A complete backup file dated ``when`` (a real copy of the project database)."""
    target = folder / backups.BACKUPS / f"{when.strftime('%Y%m%dT%H%M%S%fZ')}-{reason}.sqlite"
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return target


def test_zero_byte_leftovers_never_push_out_real_backups(project: Project) -> None:
    # What a full disk left with the old code: empty files under backup names.
    real = [project.backups.make("manual") for _ in range(3)]
    stamp = datetime.now(UTC) + timedelta(seconds=5)
    for i in range(12):
        empty = project.path / "backups" / \
            f"{(stamp + timedelta(seconds=i)).strftime('%Y%m%dT%H%M%S%fZ')}-manual.sqlite"
        empty.write_bytes(b"")
    (project.path / "backups" / "20990101T000000000000Z-x.sqlite.part").write_bytes(b"half")
    newest = project.backups.make("manual")
    ids = [b.id for b in project.backups.list()]
    assert ids == [newest.id, *[b.id for b in reversed(real)]]
    assert not list((project.path / "backups").glob("*.part"))


def test_a_failing_backup_leaves_no_file_and_keeps_the_others(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    good = project.backups.make("manual")

    def full_disk(path: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_verify", full_disk)
    with pytest.raises(sqlite3.OperationalError):
        project.backups.make("manual")
    left = [p.name for p in (project.path / "backups").iterdir() if p.name != backups.VERIFIED]
    assert left == [Path(good.path).name]


def test_rotation_keeps_the_last_n_and_one_per_day_for_a_week(project: Project) -> None:
    db = project.path / "project.sqlite"
    now = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    days = [_fake_backup(project.path, now - timedelta(days=d, hours=h), "automatic", db)
            for d in range(1, 10) for h in (2, 1)]  # oldest of each day first
    latest = [_fake_backup(project.path, now - timedelta(minutes=m), "manual", db)
              for m in (3, 2, 1)]
    gone = backups.rotate(project.path, keep_last=3, now=now)
    kept = {Path(b.path) for b in backups.list_backups(project.path)}
    # the 3 latest, the newest of each day within the week; days 7 to 9 and the older
    # backup of each day rotate out
    assert kept == {*latest, *(days[2 * d + 1] for d in range(6))}
    assert len(gone) == 18 - 6


def test_rotation_never_deletes_the_last_good_backup(project: Project) -> None:
    old = _fake_backup(project.path, datetime.now(UTC) - timedelta(days=60), "manual",
                       project.path / "project.sqlite")
    assert backups.rotate(project.path, keep_last=0) == []
    assert old.exists()


def test_automatic_backup_on_open_when_the_last_is_older_than_the_interval(
        tmp_path: Path) -> None:
    folder = tmp_path / "A.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="S", title="T", text="tekst")
        assert p.backups.interval_hours == 24
    with Project.open(folder) as p:  # created just now: nothing due
        assert p.backups.list() == []
    old = _fake_backup(folder, datetime.now(UTC) - timedelta(hours=25), "manual",
                       folder / "project.sqlite")
    with Project.open(folder, readonly=True) as p:  # readers never write backups
        assert len(p.backups.list()) == 1
    with Project.open(folder) as p:
        found = p.backups.list()
        assert [b.reason for b in found] == ["automatic", "manual"]
        assert Path(found[1].path) == old
        p.backups.configure(interval_hours=0)
    _fake_backup(folder, datetime.now(UTC) - timedelta(days=3), "manual",
                 folder / "project.sqlite")
    os.unlink(found[0].path)
    os.unlink(old)
    with Project.open(folder) as p:  # switched off
        assert [b.reason for b in p.backups.list()] == ["manual"]


def test_restore_makes_a_new_project_with_its_media_and_never_overwrites(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    folder = tmp_path / "A.fieldkit"
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (40, 30), "red").save(photo)
    with Project.create(folder) as p:
        p.add_note(site="S", title="Voor", text="eerste versie")
        p.imports.files([photo], site="S")
        made = p.backups.make("manual")
        p.add_note(site="S", title="Na", text="later")
    assert main(["-p", str(folder), "backup", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [b["id"] for b in listed] == [made.id]
    assert {"id", "created", "reason", "size"} <= set(listed[0])
    before = (folder / "project.sqlite").read_bytes()
    assert main(["-p", str(folder), "backup", "restore", made.id[:12], str(tmp_path / "B")]) == 0
    with Project.open(tmp_path / "B") as restored:
        assert sorted(d.title for d in restored.documents()) == ["Voor", "foto"]
        assert restored.check() == []
    assert (folder / "project.sqlite").read_bytes() == before
    with pytest.raises(BadInput):  # not into the project, not over another one
        backups_restore(folder, made.id, folder)
    with pytest.raises(BadInput):
        backups_restore(folder, made.id, tmp_path / "B")
    with pytest.raises(NotFound):
        backups_restore(folder, "1999", tmp_path / "C")
    assert main(["-p", str(folder), "backup", "restore", "nope", str(tmp_path / "C")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert not (tmp_path / "C").exists()


def backups_restore(folder: Path, ref: str, target: Path) -> None:
    from fieldkit.operations.backups import restore_backup

    restore_backup(folder, ref, target)


def test_restore_works_when_the_project_itself_no_longer_opens(tmp_path: Path) -> None:
    folder = tmp_path / "A.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="S", title="Bewaard", text="tekst")
        made = p.backups.make("manual")
    (folder / "project.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert main(["-p", str(folder), "backup", "restore", made.id, str(tmp_path / "R")]) == 0
    with Project.open(tmp_path / "R", readonly=True) as p:
        assert [d.title for d in p.documents()] == ["Bewaard"]


def test_backup_settings_are_kept_in_the_project(
        proj_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-p", str(proj_path), "backup", "settings", "--every", "6", "--keep", "4"]) == 0
    capsys.readouterr()
    assert main(["-p", str(proj_path), "backup", "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"every_hours": 6, "keep": 4}
    assert main(["-p", str(proj_path), "backup", "settings", "--keep", "0"]) == 2


@pytest.fixture
def proj_path(tmp_path: Path) -> Path:
    Project.create(tmp_path / "P.fieldkit").close()
    return tmp_path / "P.fieldkit"


def _malformed(path: Path) -> None:
    """Damage the pages after the first few (a disk error in the middle of the file)."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page + 10:n * page + 200] = b"\xa5" * 190
    path.write_bytes(bytes(data))


def _beside(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if target.name in p.name)


def test_a_damaged_backup_is_marked_in_the_list_and_restores_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "A.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="S", title="Bewaard", text="tekst")
        good = p.backups.make("manual")
        bad = p.backups.make("manual")
    assert main(["-p", str(folder), "backup", "list", "--json"]) == 0
    assert [b["damaged"] for b in json.loads(capsys.readouterr().out)] == ["", ""]
    _malformed(Path(bad.path))
    assert main(["-p", str(folder), "backup", "list", "--json"]) == 0  # seen again: changed
    listed = {b["id"]: b["damaged"] for b in json.loads(capsys.readouterr().out)}
    assert listed[good.id] == "" and "malformed" in listed[bad.id]
    assert main(["-p", str(folder), "backup", "list"]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[2:]}
    assert "DAMAGED" in rows[bad.id] and rows[good.id].rstrip().endswith("ok")

    target = tmp_path / "Terug.fieldkit"
    for _ in range(2):  # refused again, the same way: nothing was left to block a retry
        assert main(["-p", str(folder), "backup", "restore", bad.id, str(target)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and bad.id in err and "damaged" in err
        assert _beside(target) == []
    assert main(["-p", str(folder), "backup", "restore", good.id, str(target)]) == 0
    with Project.open(target, readonly=True) as p:
        assert [d.title for d in p.documents()] == ["Bewaard"] and p.check() == []


def test_damage_only_the_whole_integrity_check_finds_leaves_nothing_behind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "A.fieldkit"
    with Project.create(folder) as p:
        for i in range(30):
            p.add_note(site="S", title=f"Notitie {i}", text=f"tekst {i}")
        made = p.backups.make("manual")
    # An index whose entries no longer fit its table: SQLite's quick_check (what the list
    # runs) passes it, the whole integrity_check (what a restore runs) does not.
    conn = sqlite3.connect(made.path)
    name, sql = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                             "tbl_name = 'documents' AND sql IS NOT NULL").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?",
                 (sql[:sql.index("(")] + "(title)", name))
    conn.commit()
    conn.close()
    conn = sqlite3.connect(made.path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    conn.close()
    target = tmp_path / "Terug.fieldkit"
    assert main(["-p", str(folder), "backup", "restore", made.id, str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nothing was restored" in err
    assert _beside(target) == []


def test_a_backup_that_does_not_open_at_this_version_is_refused_before_it_is_in_place(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "A.fieldkit"
    with Project.create(folder) as p:
        made = p.backups.make("manual")
    conn = sqlite3.connect(made.path)
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()
    target = tmp_path / "Terug.fieldkit"
    assert main(["-p", str(folder), "backup", "restore", made.id, str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "newer fieldkit" in err and ".building" not in err
    assert _beside(target) == []


def test_the_list_reads_a_backup_whole_only_when_it_changed(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    made = [project.backups.make("manual") for _ in range(3)]
    checked: list[str] = []
    real = backups._verify

    def counting(path: Path, *, full: bool = False) -> None:
        checked.append(path.name)
        real(path, full=full)

    monkeypatch.setattr(backups, "_verify", counting)
    assert all(not b.damaged for b in project.backups.list())
    assert checked == []  # each verified when it was written
    _malformed(Path(made[1].path))
    assert [b.id for b in project.backups.list() if b.damaged] == [made[1].id]
    assert checked == [Path(made[1].path).name]
    project.backups.list()
    assert checked == [Path(made[1].path).name] * 2  # a damaged one is never trusted
