"""Is this database a whole fieldkit project this version can open? Asked before anything writes.

A fieldkit project database carries its identity in the ``meta`` table (a UUID and a name) and
holds only tables fieldkit's own schema steps made. Anything else — someone's SQLite file, a
project whose creation was killed, one written by a newer fieldkit, a truncated or overwritten
file — is refused with one line, for readers and writers alike, before a writer's connection
switches on WAL or runs a migration. The probe itself opens the file read-only.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

from fieldkit.core.errors import DamagedProject, NewerProject, NotAProject
from fieldkit.storage import failures, keys, schema, sqlengine

# Writers check the whole file up to this size (~1.5 ms per MB); bigger files only cheaply.
QUICK_CHECK_LIMIT = 128 * 1024 * 1024
# An encrypted database is checked up to a size that takes about as long (every page is
# decrypted, ~25 ms per MB); beyond it, SQLCipher's HMAC of each page still refuses any page
# changed on disk when it is read, and `fieldkit check` checks the whole file.
QUICK_CHECK_LIMIT_ENCRYPTED = 8 * 1024 * 1024
# Texts a writer reads back and rewrites (re-anchoring, merging): bytes that are not UTF-8 there
# are damage that ``check`` reports, so a writer refuses them too.
_TEXTS = ("SELECT CAST(text AS BLOB), CAST(title AS BLOB) FROM documents",
          "SELECT CAST(name AS BLOB), CAST(definition AS BLOB) FROM codes",
          "SELECT CAST(quote AS BLOB), CAST(memo AS BLOB) FROM codings")


@functools.cache
def known_tables() -> frozenset[str]:
    """Every table any schema step makes (built once per process in memory)."""
    from fieldkit.storage import database

    conn = sqlite3.connect(":memory:", isolation_level=None)
    database.install_functions(conn)
    seen: set[str] = set()
    try:
        for step in schema.MIGRATIONS:
            step(conn)
            seen.update(_tables(conn))
    finally:
        conn.close()
    return frozenset(seen)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_")}


def read_only_uri(db_path: Path, *, immutable: bool = False) -> str:
    return f"{db_path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")


def read_only(db_path: Path, **options: object) -> sqlite3.Connection:
    """A read-only connection, also where SQLite cannot make its WAL index beside the file.

    On a read-only share or a full disk the ``-shm`` file cannot be made; when there is no
    ``-wal`` file either, the database file alone holds everything committed, and it is read
    as immutable.
    """
    key = keys.sql_key(db_path)
    conn = sqlengine.connect(read_only_uri(db_path), key, uri=True, **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlengine.OperationalError as exc:
        conn.close()
        code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
        if code not in (10, 14) or _wal_size(db_path):  # IOERR, CANTOPEN
            raise
    return sqlengine.connect(read_only_uri(db_path, immutable=True), key, uri=True, **options)


def _wal_size(db_path: Path) -> int:
    try:
        return Path(f"{db_path}-wal").stat().st_size
    except OSError:
        return 0


def truncated(db_path: Path) -> str | None:
    """A sentence when the file is shorter than its header says (cut off by a copy or a crash).

    Only asked when no ``-wal`` file is beside it: then the file alone is the database. An
    encrypted database's header is encrypted: SQLCipher's own checks say what is wrong there.
    """
    if Path(f"{db_path}-wal").exists() or keys.is_encrypted(keys.project_folder_of(db_path)):
        return None
    with open(db_path, "rb") as fh:
        header = fh.read(100)
    size = db_path.stat().st_size
    if len(header) < 100:
        return f"it is only {size} bytes long"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the in-header page count is trustworthy
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is damaged"
    if valid and pages and size < pages * page_size:
        return f"it is cut off ({size} of {pages * page_size} bytes)"
    return None


def probe(folder: Path, db_path: Path) -> None:
    """Raise a one-line error unless ``db_path`` is a whole project this fieldkit can open."""
    cut = truncated(db_path)
    if cut:
        raise DamagedProject(_damaged(folder, cut))
    try:
        conn = read_only(db_path, isolation_level=None)
    except sqlengine.DatabaseError as exc:
        if failures.is_io(exc):
            raise
        raise DamagedProject(_damaged(folder, str(exc))) from None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = _tables(conn)
        latest = schema.latest_version()
        if version > latest:
            raise NewerProject(
                f"{folder.name} was written by a newer fieldkit (schema {version}, this "
                f"version knows {latest}); please update fieldkit to open it.")
        if "meta" not in tables:
            listed = ", ".join(sorted(tables)[:5]) or "no tables"
            raise NotAProject(f"{folder} is not a fieldkit project: its database holds "
                              f"{listed} and no fieldkit identity; nothing was changed.")
        unknown = sorted(tables - known_tables())
        if unknown:
            raise NotAProject(f"{folder} is not a fieldkit project: its database holds "
                              f"tables fieldkit does not know ({', '.join(unknown[:5])}); "
                              "nothing was changed.")
        identity = dict(conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('uuid', 'name')").fetchall())
        if "uuid" not in identity:
            raise NotAProject(f"{folder} has no project identity: making it was interrupted "
                              "before it was complete. Make the project again (or restore a "
                              "backup with `fieldkit backup restore`).")
    except sqlengine.DatabaseError as exc:
        if failures.is_io(exc):
            raise
        raise DamagedProject(_damaged(folder, str(exc))) from None
    finally:
        conn.close()


def check_structure(folder: Path, db_path: Path) -> None:
    """Before writing: SQLite's ``quick_check`` over the whole file (up to a size)."""
    encrypted = keys.is_encrypted(keys.project_folder_of(db_path))
    if db_path.stat().st_size > (QUICK_CHECK_LIMIT_ENCRYPTED if encrypted else QUICK_CHECK_LIMIT):
        return
    conn = read_only(db_path, isolation_level=None)
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
        if result == ["ok"]:
            for sql in _TEXTS:
                for row in conn.execute(sql):
                    for blob in row:
                        bytes(blob or b"").decode("utf-8")
    except sqlengine.DatabaseError as exc:
        if failures.is_io(exc):
            raise
        result = [str(exc)]
    except UnicodeDecodeError:
        result = ["it holds text that is not valid UTF-8"]
    finally:
        conn.close()
    if result != ["ok"]:
        raise DamagedProject(_damaged(folder, "; ".join(result)))


def _damaged(folder: Path, detail: str) -> str:
    detail = " ".join(detail.replace("*** in database main ***", "").split())
    return (f"{folder.name} is damaged ({detail}); nothing was changed. `fieldkit check` "
            "tells more; `fieldkit backup list` shows backups to restore.")
