"""Opening the project database: pragmas, the writer lock, migrations and backups."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fieldkit.core.errors import DamagedProject, NewerProject, NotAProject, ProjectLocked
from fieldkit.storage import backups, keys, schema, sqlengine
from fieldkit.storage.lock import WriterLock

DB_NAME = "project.sqlite"
BACKUPS = backups.BACKUPS

# Functions that SQL (triggers, queries) may call; the index registers its own here.
FUNCTIONS: dict[str, tuple[int, Callable[..., Any]]] = {}

# What the search triggers (``search_tables``) call. ``fieldkit.index`` registers them when it is
# imported; storage sits below the index and never imports it (the layers contract in
# pyproject.toml), so whoever writes to a project imports the index first: ``fieldkit.project``
# does, and a script that opens the database on its own starts with ``import fieldkit.index``.
TRIGGER_FUNCTIONS = ("fk_stems", "fk_words", "fk_offsets", "fk_meta", "fk_filters", "fk_person",
                     "fk_region", "fk_region_prime", "fk_region_of", "fk_region_load",
                     "fk_region_differs", "fk_region_split_load")
_UNREGISTERED = ("the search index's SQL functions are not registered ({}): import fieldkit.index "
                 "before writing to a project database (fieldkit.project does)")


def register_function(name: str, nargs: int, func: Callable[..., Any]) -> None:
    """Make a Python function callable from SQL on every connection opened afterwards."""
    FUNCTIONS[name] = (nargs, func)


def require_functions() -> None:
    """Raise ``RuntimeError`` naming ``fieldkit.index`` unless every function the search
    triggers call is registered: asked before anything writes through the triggers."""
    missing = [name for name in TRIGGER_FUNCTIONS if name not in FUNCTIONS]
    if missing:
        raise RuntimeError(_UNREGISTERED.format(", ".join(missing)))


def _stand_in(name: str) -> Callable[..., Any]:
    def unregistered(*_args: object) -> None:
        raise RuntimeError(_UNREGISTERED.format(name))

    return unregistered


def install_functions(conn: sqlite3.Connection, *names: str) -> None:
    """Give ``conn`` the SQL functions ``names`` (when none are named: every one the triggers
    call and every other one registered).

    One not registered (``fieldkit.index`` not imported) gets a stand-in that raises when it is
    called: statements that name it can still be prepared, which is all that building an empty
    schema needs (``identity.known_tables`` lists a backup's tables without loading the index).
    ``migrate`` and the other writers ask ``require_functions`` first.
    """
    wanted = names or (*TRIGGER_FUNCTIONS, *(n for n in FUNCTIONS if n not in TRIGGER_FUNCTIONS))
    for name in wanted:
        nargs, func = FUNCTIONS.get(name) or (-1, _stand_in(name))
        conn.create_function(name, nargs, func, deterministic=True)


def connect(db_path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas fieldkit relies on and our SQL functions registered.

    An encrypted project's database (its folder holds ``storage.keys.HEADER``) is opened with
    SQLCipher and keyed with the key this process unlocked (``PassphraseNeeded`` otherwise);
    SQLCipher encrypts its WAL and journal too. A plain project's uses ``sqlite3``.
    """
    key = keys.sql_key(db_path)
    if readonly:
        from fieldkit.storage.identity import read_only

        conn = read_only(db_path, check_same_thread=False, isolation_level=None)
    else:
        conn = sqlengine.connect(db_path, key, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlengine.row_type(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed coding survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA cache_size = -65536")
    install_functions(conn)
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
        conn = sqlengine.connect(db_path, keys.sql_key(db_path), isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlengine.DatabaseError as exc:
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
    require_functions()  # the steps rebuild the search index from the data
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
    """The database of the project in ``folder``; ``NotAProject`` (one line) when there is
    none. An encrypted one (the key file beside it) has no readable header to look at."""
    db_path = folder / DB_NAME
    if not folder.is_dir() or not db_path.is_file():
        raise NotAProject(f"{folder} is not a fieldkit project (no {DB_NAME} inside).")
    if keys.is_encrypted(folder):
        return db_path
    with open(db_path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotAProject(f"{db_path} is not a fieldkit project database.")
    return db_path
