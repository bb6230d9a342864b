"""Reads for word frequencies: the index's own words of each text, and the spans to count in.

A document's text row in ``search_index`` (rowid ``id * 8``) already holds its words as the
index splits and folds them (``words``, space separated) and where each starts (``offsets``),
written by the same transaction that changed the text; counting reads these instead of
splitting every text again. Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from fieldkit.storage.search_tables import DOC_TEXT, PARTS

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

_CHUNK = 500


def _cursor(store: Store) -> sqlite3.Cursor:
    cursor = store.conn.cursor()
    cursor.row_factory = None  # plain tuples: no Row object per text
    return cursor


def document_words(store: Store, document_ids: list[int] | None = None
                   ) -> list[tuple[int, str]]:
    """(document id, its folded words space separated) of every document's text or caption
    (of ``document_ids`` only when given), as the search index holds them."""
    found: list[tuple[int, str]] = []
    with store.lock:
        if document_ids is None:
            return _cursor(store).execute(
                f"SELECT rowid / {PARTS}, words FROM search_index "
                f"WHERE rowid % {PARTS} = {DOC_TEXT}").fetchall()
        for i in range(0, len(document_ids), _CHUNK):
            chunk = [d * PARTS + DOC_TEXT for d in document_ids[i:i + _CHUNK]]
            found.extend(_cursor(store).execute(
                f"SELECT rowid / {PARTS}, words FROM search_index WHERE rowid IN "
                f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


def words_with_text(store: Store, document_ids: list[int]
                    ) -> list[tuple[int, str, bytes, str]]:
    """(document id, folded words, packed word starts, text) of some documents, for counting
    the words inside parts of them (coded segments, turns)."""
    found: list[tuple[int, str, bytes, str]] = []
    with store.lock:
        for i in range(0, len(document_ids), _CHUNK):
            chunk = document_ids[i:i + _CHUNK]
            found.extend(_cursor(store).execute(
                f"SELECT d.id, x.words, x.offsets, d.text FROM documents d "
                f"CROSS JOIN search_index x ON x.rowid = d.id * {PARTS} + {DOC_TEXT} "
                f"WHERE d.id IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


def document_sites(store: Store) -> dict[int, int | None]:
    """document id → its site's id."""
    with store.lock:
        return dict(_cursor(store).execute("SELECT id, site_id FROM documents").fetchall())


def code_spans(store: Store, code_id: int) -> dict[int, list[tuple[int, int]]]:
    """document id → the (start, end) of every text coding of one code still in place."""
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in store.rows(
            "SELECT document_id, start, end FROM codings WHERE code_id = ? AND orphaned = 0 "
            "AND start IS NOT NULL AND end IS NOT NULL ORDER BY document_id, start",
            (code_id,)):
        out.setdefault(int(doc), []).append((int(start), int(end)))
    return out


def speakers(store: Store) -> list[str]:
    """Every speaker name of the transcripts' turns."""
    return [str(r[0]) for r in store.rows("SELECT DISTINCT speaker FROM turns ORDER BY speaker")]


def speaker_spans(store: Store, names: list[str]) -> dict[int, list[tuple[int, int]]]:
    """document id → the (start, end) of every turn spoken by one of ``names``."""
    out: dict[int, list[tuple[int, int]]] = {}
    for i in range(0, len(names), _CHUNK):
        chunk = names[i:i + _CHUNK]
        for doc, start, end in store.rows(
                f"SELECT document_id, start, end FROM turns WHERE speaker IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY document_id, start", chunk):
            out.setdefault(int(doc), []).append((int(start), int(end)))
    return out


def turn_heads(store: Store, document_ids: list[int] | None = None
               ) -> list[tuple[int, int, str, str]]:
    """(document id, turn start, speaker, the first characters of the turn: enough for a
    label with the speaker's name) of every turn (of ``document_ids`` only when given), in
    document and start order. Each document's text is read once and cut here: SQLite's
    ``substr`` walks a text from its start for every turn."""
    turns: dict[int, list[tuple[int, int, str]]] = {}
    with store.lock:
        cursor = _cursor(store)
        if document_ids is None:
            rows = cursor.execute("SELECT document_id, start, end, speaker FROM turns "
                                  "ORDER BY document_id, start").fetchall()
        else:
            rows = []
            for i in range(0, len(document_ids), _CHUNK):
                chunk = document_ids[i:i + _CHUNK]
                rows.extend(cursor.execute(
                    f"SELECT document_id, start, end, speaker FROM turns WHERE document_id "
                    f"IN ({', '.join('?' * len(chunk))}) ORDER BY document_id, start",
                    chunk).fetchall())
        for doc, start, end, speaker in rows:
            turns.setdefault(doc, []).append((start, end, speaker))
    found: list[tuple[int, int, str, str]] = []
    for doc, text in texts(store, sorted(turns)):
        for start, end, speaker in turns[doc]:
            found.append((doc, start, speaker,
                          text[start:min(end, start + len(speaker) + 16)]))
    return found


def texts(store: Store, document_ids: list[int] | None = None) -> list[tuple[int, str]]:
    """(document id, text) of every document (of ``document_ids`` only when given)."""
    found: list[tuple[int, str]] = []
    with store.lock:
        if document_ids is None:
            return _cursor(store).execute(
                "SELECT id, text FROM documents WHERE text != '' ORDER BY id").fetchall()
        for i in range(0, len(document_ids), _CHUNK):
            chunk = document_ids[i:i + _CHUNK]
            found.extend(_cursor(store).execute(
                f"SELECT id, text FROM documents WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk).fetchall())
    return found


def documents_holding(store: Store, words: list[str]) -> list[int]:
    """The documents whose text or caption holds any of these folded words, as the search
    index finds them (each word a phrase of the ``words`` column)."""
    match = "words : (" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"
    with store.lock:
        return [r[0] for r in _cursor(store).execute(
            f"SELECT rowid / {PARTS} FROM search_index WHERE search_index MATCH ? "
            f"AND rowid % {PARTS} = {DOC_TEXT}", (match,)).fetchall()]


def count_documents_holding(store: Store, words: list[str]) -> int:
    """How many documents ``documents_holding`` finds, counted by SQLite."""
    match = "words : (" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"
    return int(store.value(
        f"SELECT count(*) FROM search_index WHERE search_index MATCH ? "
        f"AND rowid % {PARTS} = {DOC_TEXT}", (match,)))


# The index's own count of every word of the ``words`` column, over all of search_index's rows
# (an fts5vocab table reads the index's doclists, not the texts).
_VOCABULARY = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fk_word_vocabulary "
               "USING fts5vocab(main, 'search_index', 'col')")


def indexed_word_counts(store: Store) -> tuple[list[tuple[str, int]], int, list[str]]:
    """What the index knows of every document's words without reading them: (word, count)
    over every row of ``search_index`` (the index's vocabulary), how many document texts
    hold a word, and the words of the other rows (memos, coding memos, codes), whose counts
    the first includes. One pass over the rows, which hands over only the other rows' words."""
    with store.lock:
        cursor = _cursor(store)
        cursor.execute(_VOCABULARY)
        counts = cursor.execute("SELECT term, cnt FROM temp.fk_word_vocabulary "
                                "WHERE col = 'words'").fetchall()
        documents = 0
        other: list[str] = []
        for words, is_text in cursor.execute(
                f"SELECT CASE WHEN rowid % {PARTS} = {DOC_TEXT} THEN NULL ELSE words END, "
                f"rowid % {PARTS} = {DOC_TEXT} AND words != '' FROM search_index"):
            if is_text:
                documents += 1
            elif words:
                other.append(words)
    return counts, documents, other
