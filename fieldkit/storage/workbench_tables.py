"""Tables of the analyst's workbench: sets, memo details, links and saved coding queries.

- ``sets`` / ``set_members``: document sets and code sets (MAXQDA sets, NVivo sets, ATLAS.ti
  groups); a member is a document or a code.
- ``memo_info``: what makes a memo document a first-class memo: its type, author and date.
- ``links``: from a document (a memo, or a fieldnote expanded from a jotting) to a document, a
  coding or a code; ``relation`` says what the link means (``link`` or ``expands``).
- ``saved_queries``: coding queries kept with the project.

All of them go through ``Store.change`` like every other write, so they are undoable, and rows
that point at a deleted document, coding or code go with it (``REFERENCES`` below, used by
``Store.delete``) so undo brings them back together.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.storage import memo_authors

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

TABLES = """
CREATE TABLE IF NOT EXISTS sets (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('documents', 'codes')),
    description TEXT NOT NULL DEFAULT '', created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS set_members (
    id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL REFERENCES sets(id),
    document_id INTEGER REFERENCES documents(id), code_id INTEGER REFERENCES codes(id),
    CHECK ((document_id IS NULL) != (code_id IS NULL)),
    UNIQUE (set_id, document_id), UNIQUE (set_id, code_id));
CREATE INDEX IF NOT EXISTS set_members_document ON set_members(document_id);
CREATE INDEX IF NOT EXISTS set_members_code ON set_members(code_id);
CREATE TABLE IF NOT EXISTS memo_info (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    type TEXT NOT NULL DEFAULT 'theoretical', author TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS links (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    from_document_id INTEGER NOT NULL REFERENCES documents(id),
    document_id INTEGER REFERENCES documents(id), coding_id INTEGER REFERENCES codings(id),
    code_id INTEGER REFERENCES codes(id), relation TEXT NOT NULL DEFAULT 'link',
    created TEXT NOT NULL,
    CHECK ((document_id IS NOT NULL) + (coding_id IS NOT NULL) + (code_id IS NOT NULL) = 1));
CREATE INDEX IF NOT EXISTS links_from ON links(from_document_id);
CREATE INDEX IF NOT EXISTS links_document ON links(document_id);
CREATE INDEX IF NOT EXISTS links_coding ON links(coding_id);
CREATE INDEX IF NOT EXISTS links_code ON links(code_id);
CREATE TABLE IF NOT EXISTS saved_queries (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    expression TEXT NOT NULL, created TEXT NOT NULL);
"""

# Rows that point at a row of the key table, as (table, column): deleted before it.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("set_members", "document_id"), ("links", "from_document_id"),
                  ("links", "document_id"), ("memo_info", "document_id")),
    "codings": (("links", "coding_id"),),
    "codes": (("set_members", "code_id"), ("links", "code_id")),
    "sets": (("set_members", "set_id"),),
}

TARGETS = ("document", "coding", "code")


def present(store: Store) -> bool:
    """Whether the tables exist: a project of an older schema opened read-only (so not
    upgraded) has no sets, memo details, links or saved queries yet, and reads find none."""
    return store.value("SELECT 1 FROM sqlite_master WHERE name = 'saved_queries'") is not None


def create(conn: sqlite3.Connection) -> None:
    """The migration step's work: make the tables (idempotent)."""
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


# -- sets ----------------------------------------------------------------------------------

def sets(store: Store) -> list[sqlite3.Row]:
    """Every set with its number of members, by name."""
    if not present(store):
        return []
    return store.rows(
        "SELECT s.*, (SELECT count(*) FROM set_members m WHERE m.set_id = s.id) AS size "
        "FROM sets s ORDER BY s.name")


def find_set(store: Store, ref: str | int) -> sqlite3.Row:
    text = str(ref).strip()
    if not present(store):
        raise NotFound(f"There is no set '{ref}' in this project (sets: none yet).")
    found = store.row("SELECT * FROM sets WHERE name = ? OR uuid = ? OR CAST(id AS TEXT) = ?",
                      (text, text.lower(), text))
    if found is None:
        known = ", ".join(r["name"] for r in sets(store)) or "none yet"
        raise NotFound(f"There is no set '{ref}' in this project (sets: {known}).")
    return found


def set_named(store: Store, name: str) -> sqlite3.Row | None:
    """The set called exactly ``name`` (its id and kind), if there is one."""
    if not present(store):
        return None
    return store.row("SELECT id, kind FROM sets WHERE name = ?", (name,))


def add_set(store: Store, name: str, kind: str, members: list[int], description: str = "",
            uuid: str | None = None) -> int:
    """A new set of documents or codes (ids); a name already used is refused."""
    if store.value("SELECT id FROM sets WHERE name = ?", (name,)) is not None:
        raise BadInput(f"There is already a set '{name}'; choose another name.")
    column = _member_column(kind)
    with store.change(f"New set {name}"):
        key = store.insert("sets", {"uuid": uuid or new_uuid(), "name": name, "kind": kind,
                                    "description": description, "created": utc_now()})
        for member in dict.fromkeys(members):
            store.insert("set_members", {"set_id": key, column: member})
        return key


def add_members(store: Store, set_id: int, kind: str, members: list[int]) -> int:
    """Add members not yet in the set; returns how many were added."""
    column = _member_column(kind)
    have = set(set_members(store, set_id, kind))
    added = [m for m in dict.fromkeys(members) if m not in have]
    with store.change("Add to set"):
        for member in added:
            store.insert("set_members", {"set_id": set_id, column: member})
    return len(added)


def set_members(store: Store, set_id: int, kind: str) -> list[int]:
    column = _member_column(kind)
    return [r[0] for r in store.rows(
        f"SELECT {column} FROM set_members WHERE set_id = ? ORDER BY id", (set_id,))]


def delete_set(store: Store, set_id: int, name: str) -> None:
    with store.change(f"Delete set {name}"):
        store.delete("sets", set_id)


def _member_column(kind: str) -> str:
    if kind not in ("documents", "codes"):
        raise BadInput(f"A set holds documents or codes, not '{kind}'.")
    return "document_id" if kind == "documents" else "code_id"


# -- memos and links -----------------------------------------------------------------------

def memo_rows(store: Store) -> list[sqlite3.Row]:
    """Memo documents with their details (a memo without details reads as a plain memo)."""
    if not present(store):
        return store.rows(
            "SELECT id, uuid, title, text, created, modified, site_id, '' AS type, "
            "'' AS author, '' AS created_by, NULL AS author_id, NULL AS created_by_id, "
            "substr(created, 1, 10) AS date FROM documents WHERE kind = 'memo' "
            "ORDER BY date, id")
    if not memo_authors.present(store.conn):  # older schema, read-only: no writers yet
        return store.rows(
            "SELECT d.id, d.uuid, d.title, d.text, d.created, d.modified, d.site_id, "
            "coalesce(i.type, '') AS type, coalesce(i.author, '') AS author, "
            "coalesce(i.author, '') AS created_by, NULL AS author_id, NULL AS created_by_id, "
            "coalesce(nullif(i.date, ''), substr(d.created, 1, 10)) AS date "
            "FROM documents d LEFT JOIN memo_info i ON i.document_id = d.id "
            "WHERE d.kind = 'memo' ORDER BY date, d.id")
    # the author is the last writer; the name typed as author only where no coder is known
    # (a memo of an older fieldkit): a name typed is nobody's word for who wrote it
    return store.rows(
        "SELECT d.id, d.uuid, d.title, d.text, d.created, d.modified, d.site_id, "
        "coalesce(i.type, '') AS type, "
        "CASE WHEN i.created_by IS NULL AND i.modified_by IS NULL THEN coalesce(i.author, '') "
        "ELSE coalesce(m.name, f.name, '') END AS author, "
        "CASE WHEN i.created_by IS NULL AND i.modified_by IS NULL THEN coalesce(i.author, '') "
        "ELSE coalesce(f.name, m.name, '') END AS created_by, "
        "coalesce(i.modified_by, i.created_by) AS author_id, i.created_by AS created_by_id, "
        "coalesce(nullif(i.date, ''), substr(d.created, 1, 10)) AS date "
        "FROM documents d LEFT JOIN memo_info i ON i.document_id = d.id "
        "LEFT JOIN coders f ON f.id = i.created_by LEFT JOIN coders m ON m.id = i.modified_by "
        "WHERE d.kind = 'memo' ORDER BY date, d.id")


def set_memo_info(store: Store, document_id: int, values: dict[str, Any]) -> None:
    with store.change("Memo details"):
        key = store.value("SELECT id FROM memo_info WHERE document_id = ?", (document_id,))
        if key is None:
            store.insert("memo_info", {"document_id": document_id, **values})
        else:
            store.update("memo_info", int(key), values)


def memo_details(store: Store) -> list[sqlite3.Row]:
    """Every memo's details row (document_id, type, author, date), in the order stored."""
    if not present(store):
        return []
    return store.rows("SELECT * FROM memo_info ORDER BY id")


def has_memo_details(store: Store, document_id: int) -> bool:
    """Whether the memo ``document_id`` has a details row."""
    return present(store) and store.value(
        "SELECT id FROM memo_info WHERE document_id = ?", (document_id,)) is not None


def add_link(store: Store, from_document_id: int, target: str, key: int,
             relation: str = "link", uuid: str | None = None) -> int:
    """Link a document (a memo) to a document, a coding or a code; an existing link is kept."""
    if target not in TARGETS:
        raise BadInput(f"A memo links to a document, a coding or a code, not '{target}'.")
    column = f"{target}_id"
    found = store.value(
        f"SELECT id FROM links WHERE from_document_id = ? AND {column} = ? AND relation = ?",
        (from_document_id, key, relation))
    if found is not None:
        return int(found)
    with store.change("Link memo"):
        return store.insert("links", {"uuid": uuid or new_uuid(),
                                      "from_document_id": from_document_id, column: key,
                                      "relation": relation, "created": utc_now()})


def links_from(store: Store, document_id: int | None = None) -> list[sqlite3.Row]:
    """Links (of one document, or all) with what they point at."""
    if not present(store):
        return []
    sql = "SELECT * FROM links"
    params: tuple[Any, ...] = ()
    if document_id is not None:
        sql += " WHERE from_document_id = ?"
        params = (document_id,)
    return store.rows(sql + " ORDER BY id", params)


def links_to(store: Store, target: str, key: int) -> list[sqlite3.Row]:
    if target not in TARGETS:
        raise BadInput(f"Nothing links to a '{target}'.")
    if not present(store):
        return []
    return store.rows(f"SELECT * FROM links WHERE {target}_id = ? ORDER BY id", (key,))


def delete_link(store: Store, key: int) -> None:
    with store.change("Unlink memo"):
        store.delete("links", key)


# -- saved coding queries ------------------------------------------------------------------

def saved_queries(store: Store) -> list[sqlite3.Row]:
    if not present(store):
        return []
    return store.rows("SELECT * FROM saved_queries ORDER BY name")


def save_query(store: Store, name: str, expression: str, uuid: str | None = None) -> int:
    with store.change(f"Save query {name}"):
        found = store.value("SELECT id FROM saved_queries WHERE name = ?", (name,))
        if found is not None:
            store.update("saved_queries", int(found), {"expression": expression})
            return int(found)
        return store.insert("saved_queries", {"uuid": uuid or new_uuid(), "name": name,
                                              "expression": expression, "created": utc_now()})


def delete_query(store: Store, key: int) -> None:
    with store.change("Delete saved query"):
        store.delete("saved_queries", key)


def coding_memos(store: Store) -> list[sqlite3.Row]:
    """Codings with a memo (id, uuid, memo, created, quote, document title, coder) and who
    wrote the memo (``author`` last, ``created_by`` first; their ids) and when (``modified``,
    ``written``), by id. An older schema read as it is names the coding's coder."""
    if not memo_authors.present(store.conn):
        return store.rows(
            "SELECT c.id, c.uuid, c.memo, c.created, c.quote, d.title, k.name AS coder, "
            "k.name AS author, k.name AS created_by, c.coder_id AS author_id, "
            "c.coder_id AS created_by_id, c.created AS modified, c.created AS written "
            "FROM codings c JOIN documents d ON d.id = c.document_id "
            "JOIN coders k ON k.id = c.coder_id WHERE c.memo != '' ORDER BY c.id")
    return store.rows(
        "SELECT c.id, c.uuid, c.memo, c.created, c.quote, d.title, k.name AS coder, "
        # a memo no writer is known of (sent by an older copy) is its coding's coder's
        f"{_WRITERS.format(t='c').replace('f.name, ', 'f.name, k.name, ', 1)} "
        "FROM codings c JOIN documents d ON d.id = c.document_id "
        "JOIN coders k ON k.id = c.coder_id "
        "LEFT JOIN coders m ON m.id = c.memo_modified_by LEFT JOIN coders f ON f.id = c.memo_by "
        "WHERE c.memo != '' ORDER BY c.id")


def document_memos(store: Store) -> list[sqlite3.Row]:
    """Documents with a memo (id, uuid, title, memo, created) and who wrote the memo and when
    (as ``coding_memos``; '' when nobody is known), by id."""
    if not memo_authors.present(store.conn):
        return store.rows(
            "SELECT id, uuid, title, memo, created, '' AS author, '' AS created_by, "
            "NULL AS author_id, NULL AS created_by_id, modified, modified AS written "
            "FROM documents WHERE memo != '' ORDER BY id")
    return store.rows(
        f"SELECT d.id, d.uuid, d.title, d.memo, d.created, {_WRITERS.format(t='d')} "
        "FROM documents d LEFT JOIN coders m ON m.id = d.memo_modified_by "
        "LEFT JOIN coders f ON f.id = d.memo_by WHERE d.memo != '' ORDER BY d.id")


def code_memo_writers(store: Store) -> dict[int, sqlite3.Row]:
    """Who wrote each code's memo and when (as ``coding_memos``), by code id."""
    if not memo_authors.present(store.conn):
        return {}
    return {r["id"]: r for r in store.rows(
        f"SELECT k.id, {_WRITERS.format(t='k')} FROM codes k "
        "LEFT JOIN coders m ON m.id = k.memo_modified_by "
        "LEFT JOIN coders f ON f.id = k.memo_by WHERE k.memo != ''")}


# a memo's writers, for a row ``t`` joined with its last (``m``) and first (``f``) writer
_WRITERS = ("coalesce(m.name, f.name, '') AS author, coalesce(f.name, '') AS created_by, "
            "coalesce({t}.memo_modified_by, {t}.memo_by) AS author_id, "
            "{t}.memo_by AS created_by_id, {t}.memo_modified AS modified, "
            "{t}.memo_created AS written")
