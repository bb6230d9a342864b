"""Opening a project folder safely: the checks, the writer lock and the connection.

``Project.open`` and a merge's read of a colleague's copy (``open_store``) both come here, so a
folder that is not a whole fieldkit project is refused the same way, with one line, before
anything in it changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldkit.core.errors import BadInput, StorageFailure
from fieldkit.storage import conversion, database, failures, identity, sqlengine
from fieldkit.storage.lock import WriterLock
from fieldkit.storage.store import Store


def connect(folder: Path, readonly: bool) -> tuple[Store, WriterLock | None]:
    """The store of the project in ``folder`` (and the writer lock unless ``readonly``), after
    every check ``Project.open`` promises; a failure is its one-line domain error. An
    encryption or decryption a killed process left is finished or undone first."""
    conversion.finish_interrupted_if_free(folder)
    db_path = database.require_project(folder)
    hot = database.has_hot_journal(db_path)
    if not hot:  # refused before even a lock file is made beside it
        _explained(identity.probe, folder, db_path)
    lock = None if readonly else writer_lock(folder)
    try:
        if hot:
            database.recover_journal(folder, db_path, locked=lock is not None)
            identity.probe(folder, db_path)
        if not readonly:
            identity.check_structure(folder, db_path)
        conn = database.connect(db_path, readonly=readonly)
        try:
            if not readonly:
                database.migrate(conn, folder)
            store = Store(conn, readonly=readonly)
            store.meta("name")  # a file that is no database fails here, not later
        except BaseException:
            conn.close()
            raise
    except BaseException as exc:
        if lock:
            lock.release()
        explained = failures.explain(exc, folder)
        if explained is None or explained is exc:
            raise
        raise explained from None
    return store, lock


@contextmanager
def open_store(path: str | Path) -> Iterator[Store]:
    """Another project's store, read-only, with every check of ``Project.open`` (a merge reads
    a colleague's copy this way)."""
    store, _ = connect(Path(path), readonly=True)
    try:
        yield store
    finally:
        store.close()


def _explained(step: Callable[[Path, Path], None], folder: Path, db_path: Path) -> None:
    """Run ``step``; a disk or database failure becomes its one-line domain error."""
    try:
        step(folder, db_path)
    except sqlengine.Error + (OSError,) as exc:
        raise failures.explain(exc, folder) from None  # type: ignore[misc]


def writer_lock(folder: Path) -> WriterLock:
    """The writer lock, or one line saying why this folder cannot be written."""
    lock = WriterLock(folder)
    if lock.path.is_dir():
        raise BadInput(f"{lock.path} is a folder; fieldkit keeps its lock file under that "
                       "name. Move that folder away and try again.")
    if not os.access(folder, os.W_OK):
        raise StorageFailure(f"{folder.name} is in a read-only place: it can be read "
                             "(fieldkit docs, search, show, export) but not changed here.")
    try:
        lock.acquire()
    except OSError as exc:
        raise failures.explain(exc, folder) from None  # type: ignore[misc]
    return lock
