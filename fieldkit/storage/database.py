"""Opening the project database: pragmas, the writer lock, migrations and backups."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from fieldkit.core.errors import DamagedProject, NewerProject, NotAProject, ProjectLocked
from fieldkit.storage import backups, schema
from fieldkit.storage.lock import WriterLock

DB_NAME = "project.sqlite"
BACKUPS = backups.BACKUPS

# Functions that SQL (triggers, queries) may call; the index registers its own here.
FUNCTIONS: dict[str, tuple[int, object]] = {}


def register_function(name: str, nargs: int, func: object) -> None:
    """Make a Python function callable from SQL on every connection opened afterwards."""
    FUNCTIONS[name] = (nargs, func)


def connect(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas fieldkit relies on and our SQL functions registered."""
    if readonly:
        from fieldkit.storage.identity import read_only

        conn = read_only(db_path, check_same_thread=False, isolation_level=None)
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


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def has_hot_journal(db_path: Path) -> bool:
    """A rollback journal with content: a writer stopped in the middle of a transaction."""
    try:
        return Path(f"{db_path}-journal").stat().st_size > 0
    except OSError:
        return False


def recover_journal(folder: Path, db_path: Path, *, locked: bool) -> None:
    """Roll back what a killed writer left half-done in a rollback journal.

    A read-only connection cannot do this itself (readers got "attempt to write a readonly
    database"); a plain connection does it on its first read. Readers take the writer lock for
    that moment, so a live writer is never disturbed.
    """
    if not has_hot_journal(db_path):
        return
    if not _writable(folder):
        raise DamagedProject(
            f"{folder.name} was left half-written by a program that stopped; it must be "
            "opened once where it can be written to recover (this folder is read-only).")
    lock = None if locked else WriterLock(folder)
    if lock is not None:
        try:
            lock.acquire()
        except (ProjectLocked, OSError):
            return  # its writer is alive: leave the journal to it
    try:
        conn = sqlite3.connect(db_path, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedProject(f"{folder.name} is damaged ({exc}); nothing was changed.") \
            from None
    finally:
        if lock is not None:
            lock.release()


def backup(conn: sqlite3.Connection, folder: Path, reason: str) -> Path:
    """Copy the database into ``backups/`` (whole or not at all; see ``storage.backups``)."""
    return Path(backups.write(conn, folder, reason).path)


def migrate(conn: sqlite3.Connection, folder: Path) -> None:
    """Bring the schema to the latest version, one transaction per step, after a backup."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    latest = schema.latest_version()
    if version > latest:
        raise NewerProject(
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
            if conn.in_transaction:
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
