"""The CHECK of ``documents.kind`` widened in place when a schema step adds a kind of document.

SQLite cannot alter a CHECK constraint; rebuilding ``documents`` would drop its search triggers
and copy every text. The constraint is text in ``sqlite_master``, so a step replaces the list of
kinds there (``writable_schema``) and bumps ``schema_version`` so every connection re-reads it.
"""

from __future__ import annotations

from typing import Any


def widen(conn: Any, old_kinds: str, new_kinds: str) -> None:
    """Replace ``old_kinds`` by ``new_kinds`` in the documents table's CHECK (once: a step run
    again finds ``new_kinds`` there and changes nothing)."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = "
                       "'documents'").fetchone()[0]
    if new_kinds in sql:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
            "WHERE type = 'table' AND name = 'documents'", (old_kinds, new_kinds))
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
