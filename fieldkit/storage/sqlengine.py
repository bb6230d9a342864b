"""The two SQLite engines a project database is opened with: Python's ``sqlite3`` for a plain
project, SQLCipher (the ``sqlcipher3`` package) for an encrypted one.

``sqlcipher3`` is a separate build of the ``sqlite3`` module with its own classes: its errors
are not ``sqlite3``'s and ``sqlite3.Row`` refuses its cursors. Code that catches a database
error therefore catches the tuples here (``Error``, ``DatabaseError``, ...), which hold both
engines' classes, and a connection's row factory is its own engine's ``Row``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

try:
    from sqlcipher3 import dbapi2 as _cipher
except ImportError:  # pragma: no cover - a runtime dependency; encrypted projects need it
    _cipher = None

_ENGINES: tuple[Any, ...] = (sqlite3,) if _cipher is None else (sqlite3, _cipher)

Error: tuple[type[Exception], ...] = tuple(m.Error for m in _ENGINES)
DatabaseError: tuple[type[Exception], ...] = tuple(m.DatabaseError for m in _ENGINES)
IntegrityError: tuple[type[Exception], ...] = tuple(m.IntegrityError for m in _ENGINES)
OperationalError: tuple[type[Exception], ...] = tuple(m.OperationalError for m in _ENGINES)

if _cipher is not None:
    # SQLCipher writes every failed page decryption (a wrong key) to stderr by default; the
    # wrong passphrase is said once, in one line, by fieldkit.
    _quiet = _cipher.connect(":memory:")
    _quiet.execute("PRAGMA cipher_log_level = NONE")
    _quiet.close()


def available() -> bool:
    """Whether SQLCipher is installed (encrypted projects need it)."""
    return _cipher is not None


def is_cipher(conn: Any) -> bool:
    """Whether ``conn`` is a SQLCipher connection (an encrypted database)."""
    return _cipher is not None and isinstance(conn, _cipher.Connection)


def row_type(conn: Any) -> Any:
    """The ``Row`` class that fits ``conn``'s engine (``sqlite3.Row`` refuses SQLCipher's)."""
    return _cipher.Row if is_cipher(conn) else sqlite3.Row


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the data key is used as is, with no key derivation (the
    passphrase was already stretched with Argon2id; see ``storage.keys``)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(target: str | Path, key: bytes | None, **options: Any) -> sqlite3.Connection:
    """A connection to ``target`` (a path or, with ``uri=True``, a URI): ``sqlite3`` when
    ``key`` is None, SQLCipher keyed with ``key`` otherwise. ``options`` are
    ``sqlite3.connect``'s."""
    if key is None:
        return sqlite3.connect(target, **options)
    if _cipher is None:
        from fieldkit.core.errors import StorageFailure

        raise StorageFailure("This project is encrypted and SQLCipher is not installed: "
                             "pip install sqlcipher3")
    conn = _cipher.connect(str(target), **options)
    conn.execute(key_pragma(key))
    return conn  # type: ignore[no-any-return]


def attach_sql(path: Path, key: bytes | None, alias: str) -> str:
    """``ATTACH`` of another database file with its key ('' for a plain one), for
    ``sqlcipher_export``."""
    quoted = str(path).replace("'", "''")
    secret = f"\"x'{key.hex()}'\"" if key is not None else "''"
    return f"ATTACH DATABASE '{quoted}' AS {alias} KEY {secret}"


def cipher_connect(target: str | Path, key: bytes | None, **options: Any) -> Any:
    """A SQLCipher connection even to a plain database (``key`` None): what converting
    between the two needs (``sqlcipher_export`` runs in SQLCipher)."""
    if _cipher is None:
        from fieldkit.core.errors import StorageFailure

        raise StorageFailure("Encrypting needs SQLCipher: pip install sqlcipher3")
    conn = _cipher.connect(str(target), **options)
    if key is not None:
        conn.execute(key_pragma(key))
    return conn
