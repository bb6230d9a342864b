"""Tables of assisted coding: the trained suggestion model and the suggestions a coder rejected.

The model is a numeric blob (an ``.npz`` archive, never a pickle) with its training facts as JSON.
Neither table goes into the change log: a model is rebuilt on demand and is not a user's edit, and
a rejection is a remembered preference, not a change to the data (accepting a suggestion makes a
coding, and that *is* undoable — see ``operations.assist``).
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import utc_now

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

TABLES = """
CREATE TABLE IF NOT EXISTS assist_models (
    id INTEGER PRIMARY KEY, trained TEXT NOT NULL, coders TEXT NOT NULL DEFAULT '',
    facts TEXT NOT NULL DEFAULT '{}', model BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS assist_rejections (
    id INTEGER PRIMARY KEY, document_uuid TEXT NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, code_uuid TEXT NOT NULL, coder TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL, UNIQUE (document_uuid, start, end, code_uuid));
CREATE INDEX IF NOT EXISTS assist_rejections_document ON assist_rejections(document_uuid);
"""


def create(conn: sqlite3.Connection) -> None:
    """The migration step's work: make both tables (idempotent)."""
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


def save_model(store: Store, coders: str, facts: dict[str, Any], model: bytes) -> int:
    """Replace the stored model with a new one (one transaction, kept out of the change log)."""
    with store.change("Train suggestions", log=False):
        for row in store.rows("SELECT id FROM assist_models"):
            store.delete("assist_models", row[0])
        return store.insert("assist_models", {
            "trained": utc_now(), "coders": coders,
            "facts": json.dumps(facts, ensure_ascii=False), "model": model})


def model_stamp(store: Store) -> tuple[int, str] | None:
    """(id, trained) of the stored model, cheaply, to tell whether a cached copy is current."""
    row = store.row("SELECT id, trained FROM assist_models ORDER BY id DESC LIMIT 1")
    return None if row is None else (int(row[0]), str(row[1]))


def load_model(store: Store) -> tuple[int, str, dict[str, Any], bytes] | None:
    """(id, trained, facts, blob) of the stored model, or None before the first training."""
    row = store.row("SELECT id, trained, facts, model FROM assist_models ORDER BY id DESC LIMIT 1")
    if row is None:
        return None
    return int(row["id"]), str(row["trained"]), json.loads(row["facts"]), bytes(row["model"])


def reject(store: Store, document_uuid: str, start: int, end: int, code_uuid: str,
           coder: str) -> None:
    """Remember that a suggestion was turned down, so it is never proposed again."""
    with store.change("Reject suggestion", log=False):
        found = store.value(
            "SELECT id FROM assist_rejections WHERE document_uuid = ? AND start = ? AND end = ? "
            "AND code_uuid = ?", (document_uuid, start, end, code_uuid))
        if found is None:
            store.insert("assist_rejections", {
                "document_uuid": document_uuid, "start": start, "end": end,
                "code_uuid": code_uuid, "coder": coder, "created": utc_now()})


def rejections(store: Store, document_uuid: str) -> set[tuple[int, int, str]]:
    """(start, end, code uuid) of every rejected suggestion in one document."""
    return {(int(r[0]), int(r[1]), str(r[2])) for r in store.rows(
        "SELECT start, end, code_uuid FROM assist_rejections WHERE document_uuid = ?",
        (document_uuid,))}


def all_rejections(store: Store) -> dict[str, set[tuple[int, int, str]]]:
    """Document uuid -> (start, end, code uuid) of every rejected suggestion in the project."""
    out: dict[str, set[tuple[int, int, str]]] = {}
    for r in store.rows("SELECT document_uuid, start, end, code_uuid FROM assist_rejections"):
        out.setdefault(str(r[0]), set()).add((int(r[1]), int(r[2]), str(r[3])))
    return out


def document_ids(store: Store) -> list[int]:
    """Ids of the documents that have text, in id order."""
    return [int(r[0]) for r in store.rows(
        "SELECT id FROM documents WHERE length(text) > 0 ORDER BY id")]


def rejection_count(store: Store) -> int:
    return int(store.value("SELECT count(*) FROM assist_rejections") or 0)


def training_rows(store: Store, coder_ids: list[int] | None) -> list[sqlite3.Row]:
    """Text codings to learn from: id, uuid, document, code, span, quote (orphans left out)."""
    sql = ("SELECT id, uuid, document_id, code_id, start, end, quote FROM codings "
           "WHERE start IS NOT NULL AND orphaned = 0")
    params: list[Any] = []
    if coder_ids is not None:
        sql += f" AND coder_id IN ({', '.join('?' * len(coder_ids))})"
        params.extend(coder_ids)
    return store.rows(sql + " ORDER BY document_id, start", params)


def document_texts(store: Store, document_ids: list[int] | None = None
                   ) -> list[tuple[int, str, str, str]]:
    """(id, uuid, kind, text) of documents (all of them when ``document_ids`` is None)."""
    if document_ids is None:
        found = store.rows("SELECT id, uuid, kind, text FROM documents ORDER BY id")
    else:
        found = []
        for i in range(0, len(document_ids), 500):
            chunk = document_ids[i:i + 500]
            found.extend(store.rows(
                f"SELECT id, uuid, kind, text FROM documents WHERE id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY id", chunk))
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in found]


def turns_by_document(store: Store, document_id: int | None = None, *,
                      document_ids: list[int] | None = None
                      ) -> dict[int, list[tuple[int, int, str]]]:
    """Speaker turns (start, end, speaker) of transcripts, by document id (of one document,
    of ``document_ids``, or of every document)."""
    sql = "SELECT document_id, start, end, speaker FROM turns"
    out: dict[int, list[tuple[int, int, str]]] = {}
    for where, params in _which(document_id, document_ids):
        for r in store.rows(f"{sql}{where} ORDER BY document_id, start", params):
            out.setdefault(int(r[0]), []).append((int(r[1]), int(r[2]), str(r[3])))
    return out


def _which(document_id: int | None, document_ids: list[int] | None
           ) -> list[tuple[str, list[Any]]]:
    """WHERE clauses (with parameters) for one document, a list of them in chunks, or all."""
    if document_id is not None:
        return [(" WHERE document_id = ?", [document_id])]
    if document_ids is None:
        return [("", [])]
    return [(f" WHERE document_id IN ({', '.join('?' * len(document_ids[i:i + 500]))})",
             list(document_ids[i:i + 500])) for i in range(0, len(document_ids), 500)]


def code_spans(store: Store, document_id: int | None = None, *,
               document_ids: list[int] | None = None, code_id: int | None = None
               ) -> list[tuple[int, int, int, int]]:
    """(document id, code id, start, end) of text codings (of one document, of
    ``document_ids`` or of all; of one code when ``code_id`` is given), to avoid proposing
    them again."""
    out: list[tuple[int, int, int, int]] = []
    for where, params in _which(document_id, document_ids):
        sql = "SELECT document_id, code_id, start, end FROM codings" + (where or " WHERE 1")
        sql += " AND start IS NOT NULL"
        if code_id is not None:
            sql += " AND code_id = ?"
            params = [*params, code_id]
        out.extend((int(r[0]), int(r[1]), int(r[2]), int(r[3]))
                   for r in store.rows(sql, params))
    return out


def codings_by_uuid(store: Store, uuids: list[str]) -> dict[str, tuple[int, int, str]]:
    """uuid -> (coding id, document id, quote) for those of ``uuids`` that still exist."""
    out: dict[str, tuple[int, int, str]] = {}
    for i in range(0, len(uuids), 500):
        chunk = uuids[i:i + 500]
        for r in store.rows(
                f"SELECT uuid, id, document_id, quote FROM codings WHERE uuid IN "
                f"({', '.join('?' * len(chunk))})", chunk):
            out[str(r[0])] = (int(r[1]), int(r[2]), str(r[3]))
    return out


def code_uuids(store: Store) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in store.rows("SELECT uuid, id FROM codes")}


def document_titles(store: Store, document_ids: list[int]) -> dict[int, str]:
    """Document id -> title, of ``document_ids``."""
    out: dict[int, str] = {}
    for i in range(0, len(document_ids), 500):
        chunk = document_ids[i:i + 500]
        out.update((int(r[0]), str(r[1])) for r in store.rows(
            f"SELECT id, title FROM documents WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk))
    return out
