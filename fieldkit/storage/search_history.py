"""The search index as released schema steps made it, kept so those steps run unchanged.

Step v2 made the first index (``create``, ``fill``); step v4 added filter words, word offsets
and prefix indexes (``upgrade_v4``). Step v7 (``search_tables``) replaces both; a project
opened from an older version runs every step in order, so these must not change.
"""

from __future__ import annotations

import sqlite3

LANGUAGE = "(SELECT value FROM meta WHERE key = 'language')"

# The searchable text of a code: its name and every describing field, one per line.
CODE_TEXT = ("{t}.name || char(10) || {t}.definition || char(10) || {t}.inclusion || char(10) "
             "|| {t}.exclusion || char(10) || {t}.example || char(10) || {t}.memo")

V4_TABLE = """
CREATE VIRTUAL TABLE search_index USING fts5(
    field UNINDEXED, document_id UNINDEXED, meta, stems, words, offsets UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')
"""

# The date a document counts under for after:/before: its visit's date, else its creation day.
_DATE = ("coalesce((SELECT date FROM visits WHERE visits.id = {d}.visit_id), "
         "substr({d}.created, 1, 10))")


def _meta(field: str, kind: str, doc: str | None) -> str:
    if doc is None:
        return f"fk_meta({field}, {kind}, NULL, NULL)"
    return f"fk_meta({field}, {kind}, {doc}.site_id, {_DATE.format(d=doc)})"


def _row(rowid: str, text: str, field: str, document: str, meta: str, when: str) -> str:
    return (
        "INSERT INTO search_index (rowid, field, document_id, meta, stems, words, offsets) "
        f"SELECT {rowid}, {field}, {document}, {meta}, fk_stems({text}, {LANGUAGE}), "
        f"fk_words({text}, {LANGUAGE}), fk_offsets({text}, {LANGUAGE}) WHERE {when};"
    )


_TEXT_FIELD = "CASE new.kind WHEN 'photo' THEN 'caption' ELSE 'text' END"
_DOC_TEXT = _row("new.id * 8", "new.text", _TEXT_FIELD, "new.id",
                 _meta(_TEXT_FIELD, "new.kind", "new"), "new.text != ''")
_DOC_MEMO = _row("new.id * 8 + 1", "new.memo", "'memo'", "new.id",
                 _meta("'memo'", "new.kind", "new"), "new.memo != ''")
_CODING_MEMO = _row(
    "new.id * 8 + 2", "new.memo", "'coding memo'", "new.document_id",
    "(SELECT " + _meta("'coding memo'", "d.kind", "d") + " FROM documents d "
    "WHERE d.id = new.document_id)", "new.memo != ''")
_CODE = _row("new.id * 8 + 3", CODE_TEXT.format(t="new"), "'code'", "NULL",
             _meta("'code'", "'code'", None), "1")

# New filter words for the rows selected by ``{rows}`` (after a site, visit or date change).
_REMETA = (
    "UPDATE search_index SET meta = (SELECT fk_meta(search_index.field, d.kind, d.site_id, "
    + _DATE.format(d="d") + ") FROM documents d WHERE d.id = search_index.document_id) "
    "WHERE rowid IN ({rows});")
_DOC_ROWS = ("SELECT new.id * 8 UNION ALL SELECT new.id * 8 + 1 UNION ALL "
             "SELECT id * 8 + 2 FROM codings WHERE document_id = new.id")
_VISIT_ROWS = ("SELECT id * 8 FROM documents WHERE visit_id = new.id UNION ALL "
               "SELECT id * 8 + 1 FROM documents WHERE visit_id = new.id UNION ALL "
               "SELECT c.id * 8 + 2 FROM codings c JOIN documents d ON d.id = c.document_id "
               "WHERE d.visit_id = new.id")

V4_TRIGGERS = [
    f"""CREATE TRIGGER search_document_added AFTER INSERT ON documents BEGIN
        {_DOC_TEXT} {_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_text AFTER UPDATE OF text, kind ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8; {_DOC_TEXT} END""",
    f"""CREATE TRIGGER search_document_memo AFTER UPDATE OF memo ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1; {_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_place AFTER UPDATE OF site_id, visit_id, created
        ON documents BEGIN {_REMETA.format(rows=_DOC_ROWS)} END""",
    """CREATE TRIGGER search_document_removed AFTER DELETE ON documents BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 8, old.id * 8 + 1); END""",
    f"""CREATE TRIGGER search_visit_date AFTER UPDATE OF date ON visits BEGIN
        {_REMETA.format(rows=_VISIT_ROWS)} END""",
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
V4_EXPECTED_ROWS = f"""
SELECT d.id * 8 AS rid, d.text AS body,
       CASE d.kind WHEN 'photo' THEN 'caption' ELSE 'text' END AS field, d.id AS document_id,
       {_meta("CASE d.kind WHEN 'photo' THEN 'caption' ELSE 'text' END", "d.kind", "d")} AS meta
       FROM documents d WHERE d.text != ''
UNION ALL SELECT d.id * 8 + 1, d.memo, 'memo', d.id, {_meta("'memo'", "d.kind", "d")}
       FROM documents d WHERE d.memo != ''
UNION ALL SELECT c.id * 8 + 2, c.memo, 'coding memo', c.document_id,
       {_meta("'coding memo'", "d.kind", "d")}
       FROM codings c JOIN documents d ON d.id = c.document_id WHERE c.memo != ''
UNION ALL SELECT id * 8 + 3, {CODE_TEXT.format(t="codes")}, 'code', NULL,
       {_meta("'code'", "'code'", None)} FROM codes
"""

# speaker: filters find a speaker's turns by name (a covering index: no table reads).
V4_SPEAKER_INDEX = ("CREATE INDEX IF NOT EXISTS turns_speaker "
                 "ON turns(speaker, document_id, start, end)")


def _fill_v4(conn: sqlite3.Connection) -> None:
    """Index every text already in the database (the index as it is since step v4)."""
    conn.execute(
        "INSERT INTO search_index (rowid, field, document_id, meta, stems, words, offsets) "
        f"SELECT rid, field, document_id, meta, fk_stems(body, {LANGUAGE}), "
        f"fk_words(body, {LANGUAGE}), fk_offsets(body, {LANGUAGE}) FROM ({V4_EXPECTED_ROWS})"
    )


def create(conn: sqlite3.Connection) -> None:
    """Make the index table and its triggers as schema step v2 made them (kept for that step)."""
    conn.execute(V2_TABLE)
    for trigger in V2_TRIGGERS:
        conn.execute(trigger)


def fill(conn: sqlite3.Connection) -> None:
    """Index every text as schema step v2 did (kept for that step)."""
    conn.execute(
        "INSERT INTO search_index (rowid, stems, words, field, document_id) "
        f"SELECT rid, fk_stems(body, {LANGUAGE}), fk_words(body, {LANGUAGE}), field, "
        f"document_id FROM ({V2_EXPECTED_ROWS})"
    )


def upgrade_v4(conn: sqlite3.Connection) -> None:
    """Schema step v4: filter words, word offsets, prefix indexes (rebuilt from the data) and
    an index of turns by speaker."""
    for name in V2_TRIGGER_NAMES:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DROP TABLE IF EXISTS search_index")
    conn.execute(V4_TABLE)
    for trigger in V4_TRIGGERS:
        conn.execute(trigger)
    conn.execute(V4_SPEAKER_INDEX)
    _fill_v4(conn)
    conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")



# -- the index as schema step v2 made it ---------------------------------------------------------

V2_TABLE = """
CREATE VIRTUAL TABLE search_index USING fts5(
    stems, words, field UNINDEXED, document_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0')
"""


def _v2_row(rowid: str, text: str, field: str, document: str, when: str) -> str:
    return (
        "INSERT INTO search_index (rowid, stems, words, field, document_id) "
        f"SELECT {rowid}, fk_stems({text}, {LANGUAGE}), fk_words({text}, {LANGUAGE}), "
        f"{field}, {document} WHERE {when};"
    )


_V2_DOC_TEXT = _v2_row("new.id * 8", "new.text", _TEXT_FIELD, "new.id", "new.text != ''")
_V2_DOC_MEMO = _v2_row("new.id * 8 + 1", "new.memo", "'memo'", "new.id", "new.memo != ''")
_V2_CODING_MEMO = _v2_row("new.id * 8 + 2", "new.memo", "'coding memo'", "new.document_id",
                          "new.memo != ''")
_V2_CODE = _v2_row("new.id * 8 + 3", CODE_TEXT.format(t="new"), "'code'", "NULL", "1")

V2_TRIGGERS = [
    f"""CREATE TRIGGER search_document_added AFTER INSERT ON documents BEGIN
        {_V2_DOC_TEXT} {_V2_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_text AFTER UPDATE OF text, kind ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8; {_V2_DOC_TEXT} END""",
    f"""CREATE TRIGGER search_document_memo AFTER UPDATE OF memo ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1; {_V2_DOC_MEMO} END""",
    """CREATE TRIGGER search_document_removed AFTER DELETE ON documents BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 8, old.id * 8 + 1); END""",
    f"""CREATE TRIGGER search_coding_added AFTER INSERT ON codings BEGIN {_V2_CODING_MEMO} END""",
    f"""CREATE TRIGGER search_coding_memo AFTER UPDATE OF memo, document_id ON codings BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2; {_V2_CODING_MEMO} END""",
    """CREATE TRIGGER search_coding_removed AFTER DELETE ON codings BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2; END""",
    f"""CREATE TRIGGER search_code_added AFTER INSERT ON codes BEGIN {_V2_CODE} END""",
    f"""CREATE TRIGGER search_code_changed AFTER UPDATE OF name, definition, inclusion,
        exclusion, example, memo ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; {_V2_CODE} END""",
    """CREATE TRIGGER search_code_removed AFTER DELETE ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END""",
]
V2_TRIGGER_NAMES = [t.split()[2] for t in V2_TRIGGERS]

V2_EXPECTED_ROWS = f"""
SELECT id * 8 AS rid, text AS body, CASE kind WHEN 'photo' THEN 'caption' ELSE 'text' END
       AS field, id AS document_id FROM documents WHERE text != ''
UNION ALL SELECT id * 8 + 1, memo, 'memo', id FROM documents WHERE memo != ''
UNION ALL SELECT id * 8 + 2, memo, 'coding memo', document_id FROM codings WHERE memo != ''
UNION ALL SELECT id * 8 + 3, {CODE_TEXT.format(t="codes")}, 'code', NULL FROM codes
"""
