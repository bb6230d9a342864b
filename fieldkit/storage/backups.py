"""Backups of the project database in ``backups/``: whole or absent, rotated safely, restorable.

A backup is written under a temporary name (``….sqlite.part``), checked (SQLite's
``quick_check`` and the project's identity) and only then renamed to its final name, so a full
disk or a killed process never leaves something that looks like a backup. Rotation only ever
counts and deletes backups under their final name, keeps the last ``KEEP_LAST`` plus the newest
of each of the last ``KEEP_DAYS`` days, and never deletes the newest one.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.storage import keys, sqlengine
from fieldkit.storage.keys import project_folder_of

BACKUPS = "backups"
KEEP_LAST = 10
KEEP_DAYS = 7
DEFAULT_INTERVAL_HOURS = 24.0
PART = ".part"
VERIFIED = "verified.json"  # size and time of each backup when it last verified

_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(\d{8}T\d{12}Z)-([A-Za-z0-9_-]+)\.sqlite$")
_HEADER = b"SQLite format 3\x00"
_CIPHER_PAGE = 4096  # SQLCipher 4's page size


@dataclass(slots=True)
class Backup:
    """One complete backup: ``id`` is its file name without ``.sqlite``."""

    id: str
    created: str  # UTC ISO-8601
    reason: str
    size: int
    path: str
    damaged: str = ""  # why SQLite finds the copy damaged; empty for a sound backup


def folder_of(project_folder: Path) -> Path:
    return project_folder / BACKUPS


def write(conn: sqlite3.Connection, project_folder: Path, reason: str,
          *, keep_last: int = KEEP_LAST) -> Backup:
    """Copy the database with SQLite's online backup API; rename it into place once checked."""
    reason = re.sub(r"[^A-Za-z0-9_-]+", "-", reason).strip("-") or "manual"
    target_dir = folder_of(project_folder)
    target_dir.mkdir(exist_ok=True)
    remove_leftovers(project_folder)  # backups that never finished are not backups
    stamp = datetime.now(UTC).strftime(_STAMP)
    final = target_dir / f"{stamp}-{reason}.sqlite"
    part = final.with_name(final.name + PART)
    try:
        _copy(conn, part, "DELETE")  # a backup is one self-contained file: no -wal beside it
        _verify(part)
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, final)
        _sync_folder(target_dir)
        _remember_sound(target_dir, [final])
    finally:
        for leftover in (part, Path(f"{part}-journal")):
            leftover.unlink(missing_ok=True)
    rotate(project_folder, keep_last=keep_last)
    return _describe(final)


def _verify(path: Path, *, full: bool = False) -> None:
    """Refuse a copy that SQLite finds damaged or that lost the project's identity
    (``full``: SQLite's whole ``integrity_check`` instead of its ``quick_check``)."""
    check = sqlengine.connect(f"{path.resolve().as_uri()}?mode=ro", keys.sql_key(path), uri=True)
    try:
        pragma = "integrity_check" if full else "quick_check"
        result = check.execute(f"PRAGMA {pragma}").fetchone()[0]
        identity = check.execute("SELECT value FROM meta WHERE key = 'uuid'").fetchone()
    finally:
        check.close()
    if result != "ok" or identity is None:
        found = " ".join(str(result).split()) if result != "ok" else "no project identity"
        raise sqlite3.DatabaseError(f"the copy did not verify: {found}")


def verify_copy(path: Path) -> None:
    """The whole ``integrity_check`` and the project's identity of a copied database;
    ``sqlite3.DatabaseError`` saying what is wrong otherwise (a restore uses this)."""
    _verify(path, full=True)


def _state(path: Path) -> list[int]:
    found = path.stat()
    return [found.st_size, found.st_mtime_ns]


def _remember_sound(target_dir: Path, paths: list[Path]) -> None:
    """Note backups that verified, with their size and time, so that listing them again need
    not read them whole; any change to a file makes it be checked anew. Best effort: a folder
    that cannot be written only makes the next listing slower."""
    known = _sound_ones(target_dir)
    try:
        for path in paths:
            known[path.name] = _state(path)
        present = {p.name for p in target_dir.iterdir()}
        known = {name: state for name, state in known.items() if name in present}
        note = target_dir / VERIFIED
        part = note.with_name(note.name + PART)
        part.write_text(json.dumps(known, sort_keys=True), encoding="utf-8")
        os.replace(part, note)
    except OSError:
        pass


def _sound_ones(target_dir: Path) -> dict[str, list[int]]:
    try:
        found = json.loads((target_dir / VERIFIED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _damage(path: Path, known: dict[str, list[int]]) -> str:
    """Why a backup is damaged, or "" when sound (read whole only when it changed since it
    was last found sound)."""
    try:
        if known.get(path.name) == _state(path):
            return ""
        _verify(path)
    except sqlengine.Error + (OSError,) as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    return ""


def leftovers(project_folder: Path) -> list[Path]:
    """Half-written backups (``….sqlite.part`` and its journal) a killed or failed backup left;
    only a writer makes backups, so while one holds the project they may be its own."""
    target_dir = folder_of(project_folder)
    if not target_dir.is_dir():
        return []
    return sorted(p for p in target_dir.glob(f"*{PART}*") if p.is_file() or p.is_symlink())


def remove_leftovers(project_folder: Path) -> list[Path]:
    """Remove what ``leftovers`` finds (call it holding the writer lock); returns what went."""
    gone = leftovers(project_folder)
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows makes a rename durable without a folder fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _looks_complete(path: Path) -> bool:
    """A final name, the SQLite header and a whole number of pages (cheap; no full read)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    if keys.is_encrypted(project_folder_of(path)):  # SQLCipher's pages, all encrypted
        return size > 0 and size % _CIPHER_PAGE == 0
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    return page_size >= 512 and size % page_size == 0 and size >= pages * page_size


def _describe(path: Path) -> Backup:
    match = _NAME.match(path.name)
    assert match is not None
    created = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
    return Backup(id=path.stem, created=created.isoformat(timespec="seconds"),
                  reason=match.group(2), size=path.stat().st_size, path=str(path))


def list_backups(project_folder: Path, *, check: bool = True) -> list[Backup]:
    """The complete backups of a project, newest first (without opening the project).

    ``check`` marks damaged ones (``Backup.damaged``): SQLite's quick check of each backup
    that changed since it last verified, so a listing reads only new or altered files.
    """
    target_dir = folder_of(project_folder)
    if not target_dir.is_dir():
        return []
    found = [_describe(p) for p in target_dir.iterdir()
             if _NAME.match(p.name) and p.is_file() and _looks_complete(p)]
    if not check:
        return sorted(found, key=lambda b: b.id, reverse=True)
    known = _sound_ones(target_dir)
    for backup in found:
        backup.damaged = _damage(Path(backup.path), known)
    newly = [Path(b.path) for b in found
             if not b.damaged and known.get(Path(b.path).name) != _state(Path(b.path))]
    if newly:
        _remember_sound(target_dir, newly)
    return sorted(found, key=lambda b: b.id, reverse=True)


def rotate(project_folder: Path, *, keep_last: int = KEEP_LAST, keep_days: int = KEEP_DAYS,
           now: datetime | None = None) -> list[Backup]:
    """Delete old complete backups: keep the last ``keep_last`` and one per day for a week.

    Returns what was deleted. Incomplete files are not counted (they are never backups) and the
    newest backup always stays.
    """
    now = now or datetime.now(UTC)
    # A damaged backup holds no place among those kept, and is not deleted here either: it
    # stays, marked in `fieldkit backup list`, for the user to judge.
    good = [b for b in list_backups(project_folder) if not b.damaged]
    keep = {b.id for b in good[:max(1, keep_last)]}
    days: set[str] = set()
    for b in good:  # newest first: the first one seen of a day is that day's newest
        created = datetime.fromisoformat(b.created)
        day = b.created[:10]
        if now - created <= timedelta(days=keep_days) and day not in days:
            days.add(day)
            keep.add(b.id)
    gone = [b for b in good if b.id not in keep]
    for b in gone:
        Path(b.path).unlink(missing_ok=True)
    return gone


def latest(project_folder: Path) -> Backup | None:
    found = list_backups(project_folder, check=False)
    return found[0] if found else None


def is_due(project_folder: Path, interval_hours: float, since: str,
           now: datetime | None = None) -> bool:
    """Whether an automatic backup is due: the last one (or the project's creation, ``since``)
    is older than ``interval_hours``; an interval of 0 or less switches automatic backups off."""
    if interval_hours <= 0:
        return False
    now = now or datetime.now(UTC)
    newest = latest(project_folder)
    reference = newest.created if newest else since
    try:
        then = datetime.fromisoformat(reference.replace("Z", "+00:00"))
    except ValueError:
        return True
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return now - then >= timedelta(hours=interval_hours)


def find(project_folder: Path, ref: str) -> Backup:
    """A backup by its id (file name, with or without ``.sqlite``) or a unique start of it."""
    text = ref.strip().removesuffix(".sqlite")
    found = list_backups(project_folder)
    exact = [b for b in found if b.id == text]
    if exact:
        return exact[0]
    matches = [b for b in found if text and b.id.startswith(text)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise BadInput(f"'{ref}' fits {len(matches)} backups; give more of its id "
                       "(fieldkit backup list).")
    raise NotFound(f"There is no backup '{ref}' in {project_folder.name} "
                   "(fieldkit backup list shows them).")


def copy_database(source: Path, target: Path) -> None:
    """Copy a backup file into a new project database (WAL, as fieldkit projects are)."""
    src = sqlengine.connect(f"{source.resolve().as_uri()}?mode=ro", keys.sql_key(source),
                            uri=True)
    try:
        _copy(src, target, "WAL")
    finally:
        src.close()


def _copy(source: sqlite3.Connection, target: Path, journal_mode: str) -> None:
    """SQLite's online backup of ``source`` into the file ``target`` (encrypted with the
    project's key when its project is encrypted: SQLCipher copies between two databases
    with the same key)."""
    dest = sqlengine.connect(target, keys.sql_key(target), isolation_level=None)
    try:
        source.backup(dest)
        dest.execute(f"PRAGMA journal_mode = {journal_mode}")
    finally:
        dest.close()


def media_rows(db_path: Path) -> list[tuple[str, str]]:
    """(sha256, file name) of every media row of the database at ``db_path``, read-only."""
    conn = sqlengine.connect(f"{db_path.resolve().as_uri()}?mode=ro", keys.sql_key(db_path),
                             uri=True)
    try:
        return [(r[0], r[1]) for r in conn.execute("SELECT sha256, filename FROM media")]
    finally:
        conn.close()
