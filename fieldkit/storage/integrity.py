"""The database reads ``fieldkit check`` makes: SQLite's own checks and the stored coding spans.

Each function reads and returns what it found; judging it (and wording the problem for a
researcher) is ``fieldkit.checks``'s work. A database too damaged to read raises
``sqlite3.Error`` here, which the check reports as damage of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from fieldkit.storage.writer import Writer


class StoredSpan(NamedTuple):
    """A coding with a text span (or a time coding, which has one too), as stored, beside the
    length of its document's text."""

    id: int
    document_id: int
    start: int
    end: int
    quote: str
    orphaned: bool
    chars: int
    start_ms: int | None
    end_ms: int | None


def integrity_messages(store: Writer) -> list[str]:
    """What ``PRAGMA integrity_check`` says: ``["ok"]`` for a sound database file."""
    return [str(r[0]) for r in store.rows("PRAGMA integrity_check")]


def broken_links(store: Writer) -> list[tuple[str, int, str]]:
    """(table, row id, table it points at) of every row whose foreign key names a missing row
    (``PRAGMA foreign_key_check``)."""
    return [(str(r[0]), int(r[1]), str(r[2])) for r in store.rows("PRAGMA foreign_key_check")]


def texts_not_utf8(store: Writer) -> list[int]:
    """Ids of the documents whose text SQLite holds as bytes that are not UTF-8 (written by
    another tool, or damage): read as bytes, so reading them cannot fail."""
    found = []
    for key, blob in store.rows(
            "SELECT id, CAST(text AS BLOB) FROM documents WHERE text IS NOT NULL"):
        try:
            bytes(blob or b"").decode("utf-8")
        except UnicodeDecodeError:
            found.append(int(key))
    return found


def stored_spans(store: Writer) -> list[StoredSpan]:
    """Every coding with a text span (photo regions have none), in the order stored."""
    return [StoredSpan(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8])
            for r in store.rows(
                "SELECT c.id, c.document_id, c.start, c.end, c.quote, c.orphaned, d.chars, "
                "c.start_ms, c.end_ms FROM codings c JOIN documents d ON d.id = c.document_id "
                "WHERE c.start IS NOT NULL")]


def document_text(store: Writer, document_id: int) -> str:
    """A document's text as stored ('' for a document without one or no such document)."""
    return store.value("SELECT text FROM documents WHERE id = ?", (document_id,)) or ""


def case_parts_outside(store: Writer) -> list[tuple[str, int, int, int, int]]:
    """(case name, document id, start, end, the text's length) of every case part that
    reaches beyond its document's text (none before schema step 14)."""
    if store.value("SELECT 1 FROM sqlite_master WHERE name = 'case_parts'") is None:
        return []
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in store.rows(
        "SELECT c.name, p.document_id, p.start, p.end, d.chars FROM case_parts p "
        "JOIN cases c ON c.id = p.case_id JOIN documents d ON d.id = p.document_id "
        "WHERE p.end > d.chars ORDER BY c.name, p.document_id, p.start")]
