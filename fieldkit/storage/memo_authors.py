"""Who wrote each memo, and when: the columns of schema step 12 and the stamping of a memo.

Every memo carries its first author and its last writer (coders, by row id) with the times:

- a code's, a coding's and a document's memo: ``memo_by`` and ``memo_created`` (who wrote it
  first, when), ``memo_modified_by`` and ``memo_modified`` (who changed it last, when) on the
  ``codes``, ``codings`` and ``documents`` row itself;
- a memo document: ``created_by`` and ``modified_by`` in its ``memo_info`` row, with the
  document's own ``created`` and ``modified`` times.

The author a researcher sees is the last writer (ATLAS.ti's "modified by"): a memo Anouk
rewrote on Bram's coding is Anouk's text now; the first author stays beside it. The stamp is
written in the same row change as the memo, so undo and redo put author and time back with the
text, and a team replica receives them with it. A memo emptied loses its stamp.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import new_uuid, utc_now

if TYPE_CHECKING:
    from fieldkit.storage.writer import Writer

#: the tables whose rows carry a memo of their own, with the four stamp columns
MEMO_TABLES = ("codes", "codings", "documents")
STAMP_COLUMNS = ("memo_by", "memo_created", "memo_modified_by", "memo_modified")
#: the author columns of a memo document's details
DETAIL_COLUMNS = ("created_by", "modified_by")
#: every column that names a memo's author (a coder): table -> columns
AUTHOR_COLUMNS: dict[str, tuple[str, ...]] = {
    **{t: ("memo_by", "memo_modified_by") for t in MEMO_TABLES}, "memo_info": DETAIL_COLUMNS}
#: what step 12 added, table -> columns (what a team server made before it does not know)
ADDED: dict[str, tuple[str, ...]] = {
    **{t: STAMP_COLUMNS for t in MEMO_TABLES}, "memo_info": DETAIL_COLUMNS}


def upgrade(conn: sqlite3.Connection) -> None:
    """Step 12: the stamp columns, filled with the best author and time known.

    A coding's memo is its coder's, from when the coding was made, unless the change log of
    this copy names who last wrote it; a document's or code's memo is whoever the change log
    says wrote it (no one, when it does not: fieldkit did not record it), dated by the
    document's last change; a memo document's details name the coder called like its author
    (a memo document without details gets them: type ``theoretical``, fieldkit's default).
    """
    fresh = [t for t in MEMO_TABLES if not _has(conn, t, "memo_modified_by")]
    for table in fresh:  # a step run again (a test putting user_version back) adds nothing
        conn.execute(f"ALTER TABLE {table} ADD COLUMN memo_by INTEGER REFERENCES coders(id)")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN memo_created TEXT NOT NULL DEFAULT ''")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN memo_modified_by INTEGER "
                     "REFERENCES coders(id)")
        conn.execute(f"ALTER TABLE {table} ADD COLUMN memo_modified TEXT NOT NULL DEFAULT ''")
    if "codings" in fresh:
        conn.execute("UPDATE codings SET memo_by = coder_id, memo_modified_by = coder_id, "
                     "memo_created = created, memo_modified = created WHERE memo != ''")
    if "documents" in fresh:
        conn.execute("UPDATE documents SET memo_created = modified, memo_modified = modified "
                     "WHERE memo != ''")
    for table, key, coder, at, first in _logged_writers(conn):
        if table not in fresh:
            continue
        values = {"memo_modified_by": coder, "memo_modified": at}
        if first:
            values.update(memo_by=coder, memo_created=at)
        sets = ", ".join(f"{c} = ?" for c in values)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ? AND memo != ''",
                     [*values.values(), key])
    if not _has(conn, "memo_info", "modified_by"):
        for column in DETAIL_COLUMNS:
            conn.execute(f"ALTER TABLE memo_info ADD COLUMN {column} INTEGER "
                         "REFERENCES coders(id)")
    conn.execute(
        "INSERT INTO memo_info (document_id, type, author, date) "
        "SELECT d.id, 'theoretical', CASE WHEN json_valid(d.attributes) THEN "
        "coalesce(CAST(json_extract(d.attributes, '$.author') AS TEXT), '') ELSE '' END, "
        "substr(d.created, 1, 10) FROM documents d WHERE d.kind = 'memo' "
        "AND NOT EXISTS (SELECT 1 FROM memo_info i WHERE i.document_id = d.id)")
    conn.execute(
        "UPDATE memo_info SET created_by = (SELECT c.id FROM coders c WHERE c.name = "
        "memo_info.author), modified_by = (SELECT c.id FROM coders c WHERE c.name = "
        "memo_info.author) WHERE author != '' AND created_by IS NULL AND modified_by IS NULL")


def _has(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def _logged_writers(conn: sqlite3.Connection) -> list[tuple[str, int, int, str, bool]]:
    """(table, row id, coder id, when, first) of each memo write the change log keeps, in
    order: who wrote or changed a memo (``first``: it was empty before). A writer the log
    names who is no coder yet (wrote memos, coded nothing) becomes one."""
    coders = {name.casefold(): key for key, name in conn.execute("SELECT id, name FROM coders")}
    found: list[tuple[str, int, int, str, bool]] = []
    for at, coder, changes in conn.execute(
            "SELECT at, coder, changes FROM change_log WHERE state = 0 "
            "AND changes LIKE '%\"memo\"%' ORDER BY id").fetchall():
        name = " ".join(str(coder).split())
        if not name:
            continue
        for table, row, before, after in json.loads(changes):  # RowChange.to_json
            before, after = before or {}, after or {}
            if table in MEMO_TABLES and after.get("memo") \
                    and after.get("memo") != before.get("memo"):
                key = coders.get(name.casefold())
                if key is None:
                    key = coders[name.casefold()] = int(conn.execute(
                        "INSERT INTO coders (uuid, name, created) VALUES (?, ?, ?)",
                        (new_uuid(), name, str(at))).lastrowid or 0)
                found.append((table, int(row), key, str(at), not before.get("memo")))
    return found


def stamped(table: str, before: dict[str, Any] | None, values: dict[str, Any],
            coder_id: int | None, now: str | None = None) -> dict[str, Any]:
    """``values`` for a row of ``table`` with the memo's stamp added when they change its
    memo (``before``: the row as it is, None for a new row) and name no author themselves:
    ``coder_id`` wrote it ``now`` (the first author too, when the memo was empty); an emptied memo
    has no stamp. Values that already carry a stamp (an import, a merge) are kept as given."""
    if table not in MEMO_TABLES or "memo" not in values or "memo_modified_by" in values:
        return values
    old = (before or {}).get("memo") or ""
    new = values["memo"] or ""
    if new == old:
        return values
    if not new:
        return {**values, "memo_by": None, "memo_created": "", "memo_modified_by": None,
                "memo_modified": ""}
    now = now or utc_now()
    out = {**values, "memo_modified_by": coder_id, "memo_modified": now}
    if not old or (before or {}).get("memo_by") is None:
        out.update(memo_by=coder_id, memo_created=now)
    return out


def present(conn: sqlite3.Connection) -> bool:
    """Whether this database has the stamp columns (an older one opened read-only has not)."""
    return _has(conn, "codings", "memo_modified_by")


def add_details(writer: Writer, document_id: int, author: str, date: str,
                coder_id: int | None) -> None:
    """The details row of a new memo document (none yet): type ``theoretical`` (fieldkit's
    default), ``author`` as written, dated ``date``, first and last written by ``coder_id``."""
    if writer.value("SELECT 1 FROM memo_info WHERE document_id = ?", (document_id,)):
        return
    writer.insert("memo_info", {"document_id": document_id, "type": "theoretical",
                                "author": author, "date": date, "created_by": coder_id,
                                "modified_by": coder_id})


def touch_details(writer: Writer, document_id: int, coder_id: int) -> None:
    """A memo document's text or title changed: ``coder_id`` wrote it last (the document's
    ``modified`` time says when)."""
    key = writer.value("SELECT id FROM memo_info WHERE document_id = ?", (document_id,))
    if key is not None:
        writer.update("memo_info", int(key), {"modified_by": coder_id})
