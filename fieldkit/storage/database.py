"""Opening the project database: pragmas, the writer lock, migrations and backups."""

from __future__ import annotations

import fcntl
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from fieldkit.core.errors import IntegrityProblem, NotAProject, ProjectLocked
from fieldkit.storage import schema

DB_NAME = "project.sqlite"
LOCK_NAME = "project.lock"
BACKUPS = "backups"
KEEP_BACKUPS = 10

# Functions that SQL (triggers, queries) may call; the index registers its own here.
FUNCTIONS: dict[str, tuple[int, object]] = {}


def register_function(name: str, nargs: int, func: object) -> None:
    """Make a Python function callable from SQL on every connection opened afterwards."""
    FUNCTIONS[name] = (nargs, func)


class WriterLock:
    """An exclusive advisory lock on the project folder, held while the project is open.

    The OS drops it when the process dies, so a crash never leaves a stale lock behind.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder else ""
            raise ProjectLocked(
                f"{self.path.parent.name} is open for writing in another fieldkit{who}; "
                "close it there, or open this one read-only."
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def connect(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas fieldkit relies on and our SQL functions registered."""
    if readonly:
        conn = sqlite3.connect(
            f"file:{db_path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
        )
    else:
        conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed coding survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -65536")
    for name, (nargs, func) in FUNCTIONS.items():
        conn.create_function(name, nargs, func, deterministic=True)  # type: ignore[arg-type]
    return conn


def backup(conn: sqlite3.Connection, folder: Path, reason: str) -> Path:
    """Copy the database with SQLite's online backup API into ``backups/``; keep the last N."""
    target_dir = folder / BACKUPS
    target_dir.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = target_dir / f"{stamp}-{reason}.sqlite"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    old = sorted(target_dir.glob("*.sqlite"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def migrate(conn: sqlite3.Connection, folder: Path) -> None:
    """Bring the schema to the latest version, one transaction per step, after a backup."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = schema.latest_version()
    if version > latest:
        raise IntegrityProblem(
            f"This project was written by a newer fieldkit (schema {version}, "
            f"this version knows {latest}); please update fieldkit."
        )
    if version == latest:
        return
    if version > 0:
        backup(conn, folder, f"before-migration-v{version}")
    for step in range(version, latest):
        conn.execute("BEGIN IMMEDIATE")
        try:
            schema.MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def require_project(folder: Path) -> Path:
    db_path = folder / DB_NAME
    if not folder.is_dir() or not db_path.is_file():
        raise NotAProject(f"{folder} is not a fieldkit project (no {DB_NAME} inside).")
    with open(db_path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotAProject(f"{db_path} is not a fieldkit project database.")
    return db_path
