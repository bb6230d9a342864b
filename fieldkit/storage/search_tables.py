"""The search index's tables and the triggers that keep it in step with the text.

One FTS5 table, ``search_index``, holds a row per searchable text: a document's text (or a
photo's caption), a document memo, a coding memo, a code's name and description. Its rowid says
what the row is: ``owner_id * 8 + part`` with the parts below. Triggers on ``documents``,
``codings`` and ``codes`` rewrite the rows inside the same transaction as the change, so every
write path (the facade, undo and redo, imports, merges) keeps the index right, and a crash can
never leave index and data disagreeing.

The triggers call two SQL functions that ``fieldkit.index`` registers: ``fk_stems(text, lang)``
and ``fk_words(text, lang)`` (the stemmed and the folded words of a text, space separated).
"""

from __future__ import annotations

import sqlite3

DOC_TEXT, DOC_MEMO, CODING_MEMO, CODE = 0, 1, 2, 3
PARTS = 8

LANGUAGE = "(SELECT value FROM meta WHERE key = 'language')"

# The searchable text of a code: its name and every describing field, one per line.
CODE_TEXT = ("{t}.name || char(10) || {t}.definition || char(10) || {t}.inclusion || char(10) "
             "|| {t}.exclusion || char(10) || {t}.example || char(10) || {t}.memo")

TABLE = """
CREATE VIRTUAL TABLE search_index USING fts5(
    stems, words, field UNINDEXED, document_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0')
"""


def _row(rowid: str, text: str, field: str, document: str, when: str) -> str:
    return (
        "INSERT INTO search_index (rowid, stems, words, field, document_id) "
        f"SELECT {rowid}, fk_stems({text}, {LANGUAGE}), fk_words({text}, {LANGUAGE}), "
        f"{field}, {document} WHERE {when};"
    )


_DOC_TEXT = _row("new.id * 8", "new.text",
                 "CASE new.kind WHEN 'photo' THEN 'caption' ELSE 'text' END", "new.id",
                 "new.text != ''")
_DOC_MEMO = _row("new.id * 8 + 1", "new.memo", "'memo'", "new.id", "new.memo != ''")
_CODING_MEMO = _row("new.id * 8 + 2", "new.memo", "'coding memo'", "new.document_id",
                    "new.memo != ''")
_CODE = _row("new.id * 8 + 3", CODE_TEXT.format(t="new"), "'code'", "NULL", "1")

TRIGGERS = [
    f"""CREATE TRIGGER search_document_added AFTER INSERT ON documents BEGIN
        {_DOC_TEXT} {_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_text AFTER UPDATE OF text, kind ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8; {_DOC_TEXT} END""",
    f"""CREATE TRIGGER search_document_memo AFTER UPDATE OF memo ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1; {_DOC_MEMO} END""",
    """CREATE TRIGGER search_document_removed AFTER DELETE ON documents BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 8, old.id * 8 + 1); END""",
    f"""CREATE TRIGGER search_coding_added AFTER INSERT ON codings BEGIN {_CODING_MEMO} END""",
    f"""CREATE TRIGGER search_coding_memo AFTER UPDATE OF memo, document_id ON codings BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2; {_CODING_MEMO} END""",
    """CREATE TRIGGER search_coding_removed AFTER DELETE ON codings BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2; END""",
    f"""CREATE TRIGGER search_code_added AFTER INSERT ON codes BEGIN {_CODE} END""",
    f"""CREATE TRIGGER search_code_changed AFTER UPDATE OF name, definition, inclusion,
        exclusion, example, memo ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; {_CODE} END""",
    """CREATE TRIGGER search_code_removed AFTER DELETE ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END""",
]

# Every row the index should hold, computed from the data (used by rebuild and check).
EXPECTED_ROWS = f"""
SELECT id * 8 AS rid, text AS body, CASE kind WHEN 'photo' THEN 'caption' ELSE 'text' END
       AS field, id AS document_id FROM documents WHERE text != ''
UNION ALL SELECT id * 8 + 1, memo, 'memo', id FROM documents WHERE memo != ''
UNION ALL SELECT id * 8 + 2, memo, 'coding memo', document_id FROM codings WHERE memo != ''
UNION ALL SELECT id * 8 + 3, {CODE_TEXT.format(t="codes")}, 'code', NULL FROM codes
"""


def create(conn: sqlite3.Connection) -> None:
    """Make the index table and its triggers (the migration step that adds search)."""
    conn.execute(TABLE)
    for trigger in TRIGGERS:
        conn.execute(trigger)


def fill(conn: sqlite3.Connection) -> None:
    """Index every text already in the database (after ``create`` on an existing project)."""
    conn.execute(
        "INSERT INTO search_index (rowid, stems, words, field, document_id) "
        f"SELECT rid, fk_stems(body, {LANGUAGE}), fk_words(body, {LANGUAGE}), field, "
        f"document_id FROM ({EXPECTED_ROWS})"
    )
