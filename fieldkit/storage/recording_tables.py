"""Tables of recordings: a recording's facts, transcripts linked to it, its waveform overview.

``recordings`` has one row per ``recording`` document (its media file's duration and format),
``transcript_links`` ties a transcript document to the recording it transcribes (with the
offset to add to the transcript's times), ``waveforms`` caches the overview the player draws,
and codings gain ``start_ms``/``end_ms`` for a coded stretch of time.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from fieldkit.core.model import Recording
from fieldkit.storage import document_kinds
from fieldkit.storage.writer import Writer

_TABLES = """
CREATE TABLE IF NOT EXISTS recordings (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    media_id INTEGER NOT NULL REFERENCES media(id), duration_ms INTEGER NOT NULL,
    format TEXT NOT NULL, video INTEGER NOT NULL DEFAULT 0, width INTEGER, height INTEGER,
    recorded TEXT);
CREATE TABLE IF NOT EXISTS transcript_links (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
    recording_id INTEGER NOT NULL REFERENCES documents(id),
    offset_ms INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS transcript_links_recording ON transcript_links(recording_id);
CREATE TABLE IF NOT EXISTS waveforms (
    id INTEGER PRIMARY KEY, media_id INTEGER NOT NULL UNIQUE REFERENCES media(id),
    per_second INTEGER NOT NULL, peaks BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS codings_time ON codings(document_id, start_ms) WHERE start_ms IS NOT NULL
"""
_OLD_KINDS = "'esm','text')"
_NEW_KINDS = "'esm','text','recording')"


def create(conn: sqlite3.Connection) -> None:
    """The migration step: new tables and columns, and ``recording`` allowed as a kind.

    SQLite cannot alter a CHECK constraint; its documented way to widen one is to edit the
    stored schema text and bump ``schema_version`` (the rows on disk do not change).
    """
    columns = {r[1] for r in conn.execute("PRAGMA table_info(codings)")}
    for column in ("start_ms", "end_ms"):
        if column not in columns:  # the step may run again on a project set back by hand
            conn.execute(f"ALTER TABLE codings ADD COLUMN {column} INTEGER")
    for statement in _TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    document_kinds.widen(conn, _OLD_KINDS, _NEW_KINDS)


def present(store: Writer) -> bool:
    """Whether the tables exist (a project of an older schema opened read-only has none)."""
    return store.value("SELECT 1 FROM sqlite_master WHERE name = 'recordings'") is not None


def recording(store: Writer, document_id: int) -> Recording | None:
    if not present(store):
        return None
    r = store.row("SELECT * FROM recordings WHERE document_id = ?", (document_id,))
    if r is None:
        return None
    return Recording(
        document_id=r["document_id"], media_id=r["media_id"], duration_ms=r["duration_ms"],
        format=r["format"], video=bool(r["video"]), width=r["width"], height=r["height"],
        recorded=r["recorded"], transcripts=[t[0] for t in store.rows(
            "SELECT document_id FROM transcript_links WHERE recording_id = ? "
            "ORDER BY document_id", (document_id,))])


def add_recording(store: Writer, values: dict[str, Any]) -> int:
    with store.change("Add recording"):
        return store.insert("recordings", values)


def link(store: Writer, transcript_id: int, recording_id: int, offset_ms: int = 0) -> None:
    """Tie a transcript to a recording (replacing an earlier link of that transcript)."""
    with store.change("Link transcript"):
        old = store.value("SELECT id FROM transcript_links WHERE document_id = ?",
                          (transcript_id,))
        if old is not None:
            store.update("transcript_links", int(old),
                         {"recording_id": recording_id, "offset_ms": offset_ms})
        else:
            store.insert("transcript_links", {"document_id": transcript_id,
                                              "recording_id": recording_id,
                                              "offset_ms": offset_ms})


def linked_recording(store: Writer, transcript_id: int) -> tuple[int, int] | None:
    """(recording document id, offset in ms) of a transcript, if it has one."""
    if not present(store):
        return None
    r = store.row("SELECT recording_id, offset_ms FROM transcript_links WHERE document_id = ?",
                  (transcript_id,))
    return (int(r[0]), int(r[1])) if r else None


def set_offset(store: Writer, transcript_id: int, offset_ms: int) -> None:
    key = store.value("SELECT id FROM transcript_links WHERE document_id = ?", (transcript_id,))
    if key is not None:
        with store.change("Shift transcript times"):
            store.update("transcript_links", int(key), {"offset_ms": offset_ms})


def unlink_all(store: Writer, document_id: int) -> None:
    """Within a change: drop the recording row and every link to or from a document."""
    if not present(store):
        return
    for table, column in (("recordings", "document_id"), ("transcript_links", "document_id"),
                          ("transcript_links", "recording_id")):
        for r in store.rows(f"SELECT id FROM {table} WHERE {column} = ?", (document_id,)):
            store.delete(table, r[0])


def durations(store: Writer) -> dict[int, int]:
    """Each recording document's duration in milliseconds."""
    if not present(store):
        return {}
    return {r[0]: r[1] for r in store.rows("SELECT document_id, duration_ms FROM recordings")}


def waveform(store: Writer, media_id: int) -> tuple[int, bytes] | None:
    r = store.row("SELECT per_second, peaks FROM waveforms WHERE media_id = ?", (media_id,))
    return (int(r[0]), bytes(r[1])) if r else None


def save_waveform(store: Writer, media_id: int, per_second: int, peaks: bytes) -> None:
    """Cache a waveform overview (derived data: not an undo step, not in the change log)."""
    with store.lock:
        store.conn.execute(
            "INSERT INTO waveforms (media_id, per_second, peaks) VALUES (?, ?, ?) "
            "ON CONFLICT(media_id) DO UPDATE SET per_second = excluded.per_second, "
            "peaks = excluded.peaks", (media_id, per_second, peaks))


def time_coding(store: Writer, document_id: int, code_id: int, coder_id: int, start_ms: int,
                end_ms: int) -> int | None:
    """The id of the coding of this stretch of time with this code by this coder, if any."""
    found = store.value(
        "SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? "
        "AND start_ms = ? AND end_ms = ?", (document_id, code_id, coder_id, start_ms, end_ms))
    return None if found is None else int(found)


def turn_ids(store: Writer, document_id: int) -> list[int]:
    """The ids of a document's turns."""
    return [r[0] for r in store.rows("SELECT id FROM turns WHERE document_id = ?",
                                     (document_id,))]
