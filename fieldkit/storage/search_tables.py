"""The search index's tables and the triggers that keep them in step with the text.

Two FTS5 tables with the same columns:

- ``search_index`` holds a row per searchable text: a document's text (or a photo's caption), a
  document memo, a coding memo, a code's name and description. Its rowid says what the row is:
  ``owner_id * 8 + part`` with the parts below.
- ``search_regions`` holds a row per coded segment and per speaker turn: the words of the
  document that lie wholly inside the segment or turn. Its rowid is
  ``document_id * 2**35 + owner_id * 8 + part``, so the document of a hit is known from the
  rowid alone and a document's regions are one rowid range. With these rows ``code:``,
  ``coder:`` and ``speaker:`` are part of the MATCH like the other filters: a hit inside a
  segment coded *X* is a hit in a row tagged *X*.

Triggers on ``documents``, ``codings``, ``turns``, ``codes``, ``visits`` and ``participants``
rewrite the rows inside the same transaction as the change, so every write path (the facade,
undo and redo, imports, merges) keeps the index right, and a crash can never leave index and
data disagreeing. ``fieldkit reindex`` rebuilds both tables from the data.

Columns (the small ones first, so reading them never walks a long text):

- ``field``, ``document_id`` (unindexed): what the row is and which document it belongs to;
- ``meta``: filter words (``fieldkit.index.meta``): the field, the kind, the site, the date at
  six grains, and per row what it is about: ``c<code>``/``r<coder>`` on coded segments and
  coding memos, ``p<person>`` on turns (their speaker) and on the texts of a participant;
- ``stems`` and ``words``: the stemmed and the folded words of the text, space separated;
- ``offsets`` (unindexed): where each word starts, code points packed as little-endian uint32,
  so a hit on word *i* maps to the text in O(1): in ``search_index`` counted from the start of
  the text, in ``search_regions`` from the start of the region (schema step 11: a region that an
  edit moves with its words keeps its row; readers add the region's start,
  ``fieldkit.index.regions.region_starts``).

The triggers call SQL functions that ``fieldkit.index`` registers: ``fk_stems``, ``fk_words``,
``fk_offsets`` (of ``text, lang``), ``fk_region(text, offsets, start, end, lang, column)``,
``fk_region_prime(document_id, text, offsets, lang)`` or ``fk_region_load(document_id, text,
lang)`` with ``fk_region_of(document_id, start, end, column)``, ``fk_filters(field, kind,
site_id, date, extra)`` and ``fk_person(name)``.

Writing a document's regions hands its text to Python once (``fk_region_prime``), not once per
region: a long text is copied every time it is handed over, which made importing a transcript
quadratic in its turns. A document listed in ``search_pending`` gets no region rows from the
turn trigger: a bulk insert of its turns (``regions_later``) writes them all at the end, in one
statement.

When a text changes, its region rows are compared with what they should be and only those that
differ are written again (``_sync``): the rows of regions an edit moved with their words stay.
A document listed in ``search_pending`` gets no region rows from the text and span triggers
either: an edit (``Project.edit_text``, its undo and redo) moves a thousand codings and changes
the text, and its regions are compared once at the end (``write_deferred``), not once for the
text and again for each coding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from fieldkit.core.changes import RowChange
from fieldkit.storage import sqlengine

DOC_TEXT, DOC_MEMO, CODING_MEMO, CODE = 0, 1, 2, 3  # rows of search_index
SEGMENT, TURN = 4, 5  # rows of search_regions
PARTS = 8
DOC_SHIFT = 1 << 35  # region rowid = document_id * DOC_SHIFT + owner_id * PARTS + part
OWNERS = 1 << 32
RELATIVE_SINCE = 11  # the schema step from which region offsets count from the region's start
FILL_BATCH = 200  # documents whose regions are indexed in one statement
# new documents whose regions are indexed in one statement (``write_deferred_many``): FTS5
# writes out the rows it gathered at each statement's savepoint, so fewer is faster
BULK_BATCH = 1000
MANY_REGIONS = 32  # more regions than this: a document's regions are written on their own

LANGUAGE = "(SELECT value FROM meta WHERE key = 'language')"

# The searchable text of a code: its name and every describing field, one per line.
CODE_TEXT = ("{t}.name || char(10) || {t}.definition || char(10) || {t}.inclusion || char(10) "
             "|| {t}.exclusion || char(10) || {t}.example || char(10) || {t}.memo")

# Column numbers, for bm25() weights and highlight().
COLUMNS = ("field", "document_id", "meta", "stems", "words", "offsets")
STEMS, WORDS = COLUMNS.index("stems"), COLUMNS.index("words")


def bm25(table: str) -> str:
    """bm25 over the text columns only: filter words in ``meta`` must not change the ranking."""
    return f"bm25({table}, 0, 0, 0, 1, 1, 0)"


BM25 = bm25("search_index")

_FTS = """
CREATE VIRTUAL TABLE {name} USING fts5(
    field UNINDEXED, document_id UNINDEXED, meta, stems, words, offsets UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')
"""
TABLE = _FTS.format(name="search_index")
REGIONS_TABLE = _FTS.format(name="search_regions")
# Every person word ever given (speakers, participants), so that ``speaker:`` becomes a few
# whole filter words instead of an FTS5 prefix query (which would read every turn's entry).
# Words of people no longer in the project may stay: they match nothing.
PEOPLE_TABLE = "CREATE TABLE IF NOT EXISTS search_people (word TEXT PRIMARY KEY) WITHOUT ROWID"
_PEOPLE = ("INSERT OR IGNORE INTO search_people SELECT fk_person({name}) "
           "WHERE fk_person({name}) != '';")
EXPECTED_PEOPLE = ("SELECT w FROM (SELECT fk_person(speaker) AS w FROM (SELECT DISTINCT speaker "
                   "FROM turns) UNION SELECT fk_person(pseudonym) FROM participants) "
                   "WHERE w != ''")
FILL_PEOPLE = f"INSERT OR IGNORE INTO search_people {EXPECTED_PEOPLE}"

# The date a document counts under for after:/before: its visit's date, else its creation day.
_DATE = ("coalesce((SELECT date FROM visits WHERE visits.id = {d}.visit_id), "
         "substr({d}.created, 1, 10))")
# Filter words of what a row is about (see the module docstring).
_PERSON = "fk_person((SELECT pseudonym FROM participants WHERE id = {d}.participant_id))"
_CODED = "'c' || {c}.code_id || ' r' || {c}.coder_id"


def _meta(field: str, kind: str, doc: str | None, extra: str = "''") -> str:
    if doc is None:
        return f"fk_filters({field}, {kind}, NULL, NULL, {extra})"
    return f"fk_filters({field}, {kind}, {doc}.site_id, {_DATE.format(d=doc)}, {extra})"


def _row(rowid: str, text: str, field: str, document: str, meta: str, when: str) -> str:
    return (
        "INSERT INTO search_index (rowid, field, document_id, meta, stems, words, offsets) "
        f"SELECT {rowid}, {field}, {document}, {meta}, fk_stems({text}, {LANGUAGE}), "
        f"fk_words({text}, {LANGUAGE}), fk_offsets({text}, {LANGUAGE}) WHERE {when};"
    )


_TEXT_FIELD = "CASE {d}.kind WHEN 'photo' THEN 'caption' ELSE 'text' END"
_DOC_TEXT = _row("new.id * 8", "new.text", _TEXT_FIELD.format(d="new"), "new.id",
                 _meta(_TEXT_FIELD.format(d="new"), "new.kind", "new", _PERSON.format(d="new")),
                 "new.text != ''")
_DOC_MEMO = _row("new.id * 8 + 1", "new.memo", "'memo'", "new.id",
                 _meta("'memo'", "new.kind", "new"), "new.memo != ''")
_CODING_MEMO = _row(
    "new.id * 8 + 2", "new.memo", "'coding memo'", "new.document_id",
    "(SELECT " + _meta("'coding memo'", "d.kind", "d", _CODED.format(c="new"))
    + " FROM documents d WHERE d.id = new.document_id)", "new.memo != ''")
_CODE = _row("new.id * 8 + 3", CODE_TEXT.format(t="new"), "'code'", "NULL",
             _meta("'code'", "'code'", None), "1")

# -- coded segments and turns (search_regions) ----------------------------------------------------


def region_rowid(document: str, owner: str, part: int) -> str:
    return f"({document}) * {DOC_SHIFT} + ({owner}) * {PARTS} + {part}"


def _region_select(part: int, document: str | None = None, *, primed: bool = False) -> str:
    """Every region row of one kind, with what ``fk_region`` needs to make its columns; with
    ``document`` (a trigger's ``new``) the regions of that document, whose text and word
    offsets are then read once rather than once per region."""
    if part == SEGMENT:
        source, field, extra = "codings", "'segment'", _CODED.format(c="c")
    else:
        source, field, extra = "turns", "'turn'", "fk_person(c.speaker)"
    if document is not None:
        d = document
        return (
            f"SELECT {region_rowid(f'{d}.id', 'c.id', part)} AS rid, {field} AS field, "
            f"{d}.id AS document_id, {_meta(field, f'{d}.kind', d, extra)} AS meta, "
            + ("" if primed else f"{d}.text AS body, (SELECT offsets FROM search_index WHERE "
                                 f"rowid = {d}.id * 8) AS starts, ")
            + f"c.start AS s, c.end AS e FROM {source} c "
            f"WHERE c.document_id = {d}.id AND {d}.text != ''")
    if primed:
        return (
            f"SELECT {region_rowid('d.id', 'c.id', part)} AS rid, {field} AS field, "
            f"d.id AS document_id, {_meta(field, 'd.kind', 'd', extra)} AS meta, "
            "c.start AS s, c.end AS e "
            f"FROM {source} c CROSS JOIN documents d CROSS JOIN search_index x "
            "WHERE d.id = c.document_id AND x.rowid = d.id * 8")
    return (
        f"SELECT {region_rowid('d.id', 'c.id', part)} AS rid, {field} AS field, "
        f"d.id AS document_id, {_meta(field, 'd.kind', 'd', extra)} AS meta, d.text AS body, "
        "x.offsets AS starts, c.start AS s, c.end AS e "
        f"FROM {source} c CROSS JOIN documents d CROSS JOIN search_index x "
        "WHERE d.id = c.document_id AND x.rowid = d.id * 8")


EXPECTED_REGIONS = (f"{_region_select(SEGMENT)} UNION ALL {_region_select(TURN)}")


def _loaded_insert(part: int, where: str) -> str:
    """Every region row of one kind of the documents ``where`` selects (over ``d``), each
    document's text and words handed over once (``fk_region_split_load``, a condition of the
    document's loop, so it runs before the document's regions are read) and each region's
    columns a slice of them (``fk_region_of``)."""
    if part == SEGMENT:
        source, field, extra = "codings", "'segment'", _CODED.format(c="c")
    else:
        source, field, extra = "turns", "'turn'", "fk_person(c.speaker)"
    return ("INSERT INTO search_regions (rowid, field, document_id, meta, stems, words, "
            f"offsets) SELECT {region_rowid('d.id', 'c.id', part)}, {field}, d.id, "
            f"{_meta(field, 'd.kind', 'd', extra)}, "
            + ", ".join(f"fk_region_of(d.id, c.start, c.end, {k})" for k in range(3))
            + f" FROM documents d CROSS JOIN search_index x CROSS JOIN {source} c "
            f"WHERE {where} AND x.rowid = d.id * 8 AND fk_region_split_load(d.id, d.text, "
            f"x.offsets, x.stems, x.words, {LANGUAGE}) AND c.document_id = d.id")


# The three text columns of a region row, over the columns of ``EXPECTED_REGIONS``.
REGION_COLUMNS = ", ".join(f"fk_region(body, starts, s, e, {LANGUAGE}, {k})" for k in range(3))


def _regions_insert(part: int, where: str, document: str | None = None) -> str:
    return ("INSERT INTO search_regions (rowid, field, document_id, meta, stems, words, offsets) "
            f"SELECT rid, field, document_id, meta, {REGION_COLUMNS} FROM "
            f"({_region_select(part, document)} AND {where});")


# The columns of a region row of the document last given to ``fk_region_prime``.
PRIMED_COLUMNS = ", ".join(f"fk_region_of(document_id, s, e, {k})" for k in range(3))
# Hand one document's text and word starts over once, before its regions are written.
_PRIME = ("SELECT fk_region_prime(d.id, d.text, x.offsets, " + LANGUAGE + ") FROM documents d "
          "CROSS JOIN search_index x WHERE d.id = {document} AND x.rowid = d.id * 8;")
PENDING_TABLE = ("CREATE TABLE IF NOT EXISTS search_pending "
                 "(document_id INTEGER PRIMARY KEY)")


def _primed_insert(part: int, where: str, document: str | None = None) -> str:
    return ("INSERT INTO search_regions (rowid, field, document_id, meta, stems, words, offsets) "
            f"SELECT rid, field, document_id, meta, {PRIMED_COLUMNS} FROM "
            f"({_region_select(part, document, primed=True)} AND {where});")


def _range(document: str) -> str:
    return f"rowid >= ({document}) * {DOC_SHIFT} AND rowid < (({document}) + 1) * {DOC_SHIFT}"


_DOC_REGIONS = (f"DELETE FROM search_regions WHERE {_range('new.id')}; "
                + _regions_insert(SEGMENT, "1", "new") + _regions_insert(TURN, "1", "new"))
# -- comparing a document's regions with their rows (schema step 11) ---------------------------

_PENDING = "EXISTS (SELECT 1 FROM search_pending WHERE document_id = {document})"
# Hand a document's text over once; its words come from the analysis its own row was made of.
_LOAD_NEW = f"SELECT fk_region_load(new.id, new.text, {LANGUAGE});"
_REGION_NAMES = ("stems", "words", "offsets")
_LOADED_COLUMNS = ", ".join(f"fk_region_of(document_id, s, e, {k}) AS {name}"
                            for k, name in enumerate(_REGION_NAMES))


def _regions_of(document: str) -> str:
    """Every region a trigger's document (``new``) should have a row for: rid, field,
    document_id, meta and the span (s, e) its words are taken from."""
    return " UNION ALL ".join(_region_select(part, document, primed=True)
                              for part in (SEGMENT, TURN))


def _sync_statements(document: str, regions: str) -> tuple[str, str, str]:
    """Make one document's region rows what ``regions`` (see ``_regions_of``) says, its text
    loaded (``fk_region_load``), writing only the rows that differ: a region moved with its
    words keeps its row, and the FTS5 rows of the regions an edit did not touch are never
    deleted and inserted again. Rows that differ go first, then rows of regions no longer
    there, then the missing rows are written."""
    return (
        f"DELETE FROM search_regions WHERE rowid IN (SELECT e.rid FROM ({regions}) e "
        "CROSS JOIN search_regions r ON r.rowid = e.rid WHERE r.meta IS NOT e.meta "
        "OR r.field IS NOT e.field OR r.document_id IS NOT e.document_id "
        "OR fk_region_differs(e.document_id, e.s, e.e, r.stems, r.words, r.offsets))",
        f"DELETE FROM search_regions WHERE {_range(document)} AND rowid NOT IN "
        f"(SELECT rid FROM ({regions}))",
        "INSERT INTO search_regions (rowid, field, document_id, meta, stems, words, offsets) "
        f"SELECT rid, field, document_id, meta, {_LOADED_COLUMNS} FROM ({regions}) e "
        "WHERE NOT EXISTS (SELECT 1 FROM search_regions r WHERE r.rowid = e.rid)")


def _sync(document: str, regions: str) -> str:
    return "".join(f"{statement}; " for statement in _sync_statements(document, regions))


# New filter words for rows of a table selected by ``{rows}`` (a site, visit, date or person
# changed). The extra words are what the row is about, found again from its rowid.
_REMETA_INDEX = (
    "UPDATE search_index SET meta = (SELECT fk_filters(search_index.field, d.kind, d.site_id, "
    + _DATE.format(d="d") + ", CASE search_index.field WHEN 'coding memo' THEN "
    "(SELECT " + _CODED.format(c="c") + " FROM codings c WHERE c.id = search_index.rowid / 8) "
    "WHEN 'memo' THEN '' ELSE " + _PERSON.format(d="d") + " END) "
    "FROM documents d WHERE d.id = search_index.document_id) WHERE rowid IN ({rows});")
_OWNER = f"(search_regions.rowid / {PARTS}) % {OWNERS}"
_REMETA_REGIONS = (
    "UPDATE search_regions SET meta = (SELECT fk_filters(search_regions.field, d.kind, "
    "d.site_id, " + _DATE.format(d="d") + ", CASE search_regions.field WHEN 'segment' THEN "
    "(SELECT " + _CODED.format(c="c") + f" FROM codings c WHERE c.id = {_OWNER}) ELSE "
    f"(SELECT fk_person(speaker) FROM turns WHERE id = {_OWNER}) END) "
    "FROM documents d WHERE d.id = search_regions.document_id) WHERE {rows};")
_DOC_ROWS = ("SELECT new.id * 8 UNION ALL SELECT new.id * 8 + 1 UNION ALL "
             "SELECT id * 8 + 2 FROM codings WHERE document_id = new.id")
_VISIT_DOCS = "SELECT id FROM documents WHERE visit_id = new.id"
_VISIT_ROWS = (f"SELECT id * 8 FROM ({_VISIT_DOCS}) UNION ALL "
               f"SELECT id * 8 + 1 FROM ({_VISIT_DOCS}) UNION ALL "
               f"SELECT id * 8 + 2 FROM codings WHERE document_id IN ({_VISIT_DOCS})")
_VISIT_REGIONS = (
    f"rowid IN (SELECT {region_rowid('document_id', 'id', SEGMENT)} FROM codings "
    f"WHERE document_id IN ({_VISIT_DOCS}) UNION ALL "
    f"SELECT {region_rowid('document_id', 'id', TURN)} FROM turns "
    f"WHERE document_id IN ({_VISIT_DOCS}))")


def _region_delete(document: str, owner: str, part: int) -> str:
    return f"DELETE FROM search_regions WHERE rowid = {region_rowid(document, owner, part)};"


TRIGGERS = [
    f"""CREATE TRIGGER search_document_added AFTER INSERT ON documents BEGIN
        {_DOC_TEXT} {_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_text AFTER UPDATE OF text, kind ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8; {_DOC_TEXT} END""",
    # Its own trigger, so that a document marked pending costs nothing here (schema step 11).
    f"""CREATE TRIGGER search_document_regions AFTER UPDATE OF text, kind ON documents
        WHEN NOT {_PENDING.format(document="new.id")} BEGIN {_LOAD_NEW}
        {_sync("new.id", _regions_of("new"))} END""",
    f"""CREATE TRIGGER search_document_memo AFTER UPDATE OF memo ON documents BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 1; {_DOC_MEMO} END""",
    f"""CREATE TRIGGER search_document_place AFTER UPDATE OF site_id, visit_id, created,
        participant_id ON documents BEGIN {_REMETA_INDEX.format(rows=_DOC_ROWS)}
        {_REMETA_REGIONS.format(rows=_range("new.id"))} END""",
    f"""CREATE TRIGGER search_document_removed AFTER DELETE ON documents BEGIN
        DELETE FROM search_index WHERE rowid IN (old.id * 8, old.id * 8 + 1);
        DELETE FROM search_regions WHERE {_range("old.id")}; END""",
    f"""CREATE TRIGGER search_visit_date AFTER UPDATE OF date ON visits BEGIN
        {_REMETA_INDEX.format(rows=_VISIT_ROWS)}
        {_REMETA_REGIONS.format(rows=_VISIT_REGIONS)} END""",
    f"""CREATE TRIGGER search_participant_name AFTER UPDATE OF pseudonym ON participants BEGIN
        {_REMETA_INDEX.format(rows="SELECT id * 8 FROM documents WHERE participant_id = new.id")}
        {_PEOPLE.format(name="new.pseudonym")} END""",
    f"""CREATE TRIGGER search_participant_added AFTER INSERT ON participants BEGIN
        {_PEOPLE.format(name="new.pseudonym")} END""",
    f"""CREATE TRIGGER search_coding_added AFTER INSERT ON codings BEGIN {_CODING_MEMO}
        {_regions_insert(SEGMENT, "c.id = new.id")} END""",
    f"""CREATE TRIGGER search_coding_memo AFTER UPDATE OF memo, document_id, code_id, coder_id
        ON codings BEGIN DELETE FROM search_index WHERE rowid = old.id * 8 + 2; {_CODING_MEMO}
        END""",
    f"""CREATE TRIGGER search_coding_owner AFTER UPDATE OF document_id, code_id, coder_id
        ON codings BEGIN {_region_delete("old.document_id", "old.id", SEGMENT)}
        {_regions_insert(SEGMENT, "c.id = new.id")} END""",
    # A span moves when its text is edited, and the text's own trigger then compares every
    # region of the document: a span whose quote is not (yet) the text it spans is left to it,
    # so an edit with 1,000 codings writes their rows once, not twice.
    f"""CREATE TRIGGER search_coding_span AFTER UPDATE OF start, end ON codings
        WHEN NOT {_PENDING.format(document="new.document_id")} AND (new.start IS NULL OR
        new.quote = (SELECT substr(d.text, new.start + 1, new.end - new.start) FROM documents d
        WHERE d.id = new.document_id)) BEGIN
        {_region_delete("old.document_id", "old.id", SEGMENT)}
        {_regions_insert(SEGMENT, "c.id = new.id")} END""",
    f"""CREATE TRIGGER search_coding_removed AFTER DELETE ON codings BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
        {_region_delete("old.document_id", "old.id", SEGMENT)} END""",
    f"""CREATE TRIGGER search_turn_added AFTER INSERT ON turns WHEN NOT EXISTS
        (SELECT 1 FROM search_pending WHERE document_id = new.document_id) BEGIN
        {_PRIME.format(document="new.document_id")}
        {_primed_insert(TURN, "c.id = new.id")} {_PEOPLE.format(name="new.speaker")} END""",
    f"""CREATE TRIGGER search_turn_changed AFTER UPDATE ON turns BEGIN
        {_region_delete("old.document_id", "old.id", TURN)}
        {_regions_insert(TURN, "c.id = new.id")} {_PEOPLE.format(name="new.speaker")} END""",
    f"""CREATE TRIGGER search_turn_removed AFTER DELETE ON turns BEGIN
        {_region_delete("old.document_id", "old.id", TURN)} END""",
    f"""CREATE TRIGGER search_code_added AFTER INSERT ON codes BEGIN {_CODE} END""",
    f"""CREATE TRIGGER search_code_changed AFTER UPDATE OF name, definition, inclusion,
        exclusion, example, memo ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; {_CODE} END""",
    """CREATE TRIGGER search_code_removed AFTER DELETE ON codes BEGIN
        DELETE FROM search_index WHERE rowid = old.id * 8 + 3; END""",
]

TRIGGER_NAMES = [t.split()[2] for t in TRIGGERS]

# Every row search_index should hold, computed from the data (used by rebuild and check).
_TEXT_META = _meta(_TEXT_FIELD.format(d="d"), "d.kind", "d", _PERSON.format(d="d"))
EXPECTED_ROWS = f"""
SELECT d.id * 8 AS rid, d.text AS body, {_TEXT_FIELD.format(d="d")} AS field,
       d.id AS document_id, {_TEXT_META} AS meta
       FROM documents d WHERE d.text != ''
UNION ALL SELECT d.id * 8 + 1, d.memo, 'memo', d.id, {_meta("'memo'", "d.kind", "d")}
       FROM documents d WHERE d.memo != ''
UNION ALL SELECT c.id * 8 + 2, c.memo, 'coding memo', c.document_id,
       {_meta("'coding memo'", "d.kind", "d", _CODED.format(c="c"))}
       FROM codings c JOIN documents d ON d.id = c.document_id WHERE c.memo != ''
UNION ALL SELECT id * 8 + 3, {CODE_TEXT.format(t="codes")}, 'code', NULL,
       {_meta("'code'", "'code'", None)} FROM codes
"""

INSERT = ("INSERT INTO search_index (rowid, field, document_id, meta, stems, words, offsets) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)")


def fill_regions(conn: sqlite3.Connection, documents: tuple[int, int] | None = None) -> int:
    """Index the coded segments and turns of every document (or of the ids ``first..last``),
    after ``search_index`` holds the documents' rows; returns how many rows were written.

    A few hundred documents at a time, in the order of the codings' and turns' document
    index (no sort: a sort would carry each region's whole document text through temporary
    files, tens of GB for a project of 100,000 documents).
    """
    if documents is None:
        last = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]
        return sum(fill_regions(conn, (first, first + FILL_BATCH - 1))
                   for first in range(0, last + 1, FILL_BATCH))
    first, last = int(documents[0]), int(documents[1])
    # A document with many regions has its text handed over once, not once per region.
    big = many_region_documents(conn, (first, last))
    where = f"d.id BETWEEN {first} AND {last}"
    if big:
        where += f" AND d.id NOT IN ({', '.join(map(str, big))})"
    written = 0
    for part, source in ((SEGMENT, "codings"), (TURN, "turns")):
        # each document of the range is handed over for each statement: none without regions
        if conn.execute(f"SELECT 1 FROM {source} WHERE document_id BETWEEN ? AND ? LIMIT 1",
                        (first, last)).fetchone() is not None:
            written += conn.execute(_loaded_insert(part, where)).rowcount
    for doc in big:
        written += _write_regions(conn, doc, (SEGMENT, TURN))
    return written


def reindex_document(conn: sqlite3.Connection, document_id: int) -> None:
    """Rewrite the coded segments and turns of one document (as its text trigger does)."""
    doc = int(document_id)
    conn.execute(f"DELETE FROM search_regions WHERE {_range(str(doc))}")
    _write_regions(conn, doc, (SEGMENT, TURN))


def _document_regions(conn: sqlite3.Connection, document_id: int,
                      parts: tuple[int, ...]) -> tuple[str, dict[str, object]] | None:
    """The regions of one document (rid, field, document_id, meta and the span s, e their
    words are taken from), as a SELECT with its parameters, its text loaded beforehand
    (``fk_region_load``); None when it has no text (and so no regions)."""
    doc = int(document_id)
    # What every row shares is read once: a join on the document per region would walk the
    # document's long text (its overflow pages) for each region to reach the columns after it.
    facts = conn.execute(f"SELECT d.kind, d.site_id, {_DATE.format(d='d')} FROM documents d "
                         "CROSS JOIN search_index x WHERE d.id = ? AND x.rowid = d.id * 8",
                         (doc,)).fetchone()
    if facts is None:
        return None
    conn.execute(f"SELECT fk_region_load(id, text, {LANGUAGE}) FROM documents WHERE id = ?",
                 (doc,))
    selects = []
    for part in parts:
        if part == SEGMENT:
            source, field, extra = "codings", "'segment'", _CODED.format(c="c")
        else:
            source, field, extra = "turns", "'turn'", "fk_person(c.speaker)"
        selects.append(
            f"SELECT {region_rowid(str(doc), 'c.id', part)} AS rid, {field} AS field, "
            f"{doc} AS document_id, fk_filters({field}, :kind, :site, :date, {extra}) AS meta, "
            f"c.start AS s, c.end AS e FROM {source} c WHERE c.document_id = {doc}")
    return " UNION ALL ".join(selects), {"kind": facts[0], "site": facts[1], "date": facts[2]}


def _document_rows(regions: str) -> str:
    """The region rows (rowid, field, document_id, meta, stems, words, offsets) of
    ``_document_regions``."""
    return f"SELECT rid, field, document_id, meta, {_LOADED_COLUMNS} FROM ({regions})"


def _write_regions(conn: sqlite3.Connection, document_id: int, parts: tuple[int, ...]) -> int:
    """Write the region rows of one document (none of them there yet), its text handed over
    once; returns how many were written."""
    found = _document_regions(conn, document_id, parts)
    if found is None:  # no text: no regions
        return 0
    return conn.execute(
        "INSERT INTO search_regions (rowid, field, document_id, meta, stems, words, offsets) "
        + _document_rows(found[0]), found[1]).rowcount


def sync_document(conn: sqlite3.Connection, document_id: int) -> None:
    """Make one document's region rows what its text, codings and turns say, writing only the
    rows that differ (``_sync_statements``)."""
    doc = int(document_id)
    found = _document_regions(conn, doc, (SEGMENT, TURN))
    if found is None:  # no text (or no document): no regions
        conn.execute(f"DELETE FROM search_regions WHERE {_range(str(doc))}")
        return
    for statement in _sync_statements(str(doc), found[0]):
        conn.execute(statement, found[1])


def many_region_documents(conn: sqlite3.Connection,
                          documents: tuple[int, int] | None = None) -> list[int]:
    """Documents (with ids in the range ``documents``, when given) with more than
    ``MANY_REGIONS`` coded segments and turns: their region rows are written and compared
    (``check``) one document at a time, the text handed over once."""
    within = "" if documents is None else " WHERE document_id BETWEEN ? AND ?"
    ranges = [] if documents is None else [int(documents[0]), int(documents[1])] * 2
    return [r[0] for r in conn.execute(
        f"SELECT document_id FROM (SELECT document_id FROM turns{within} UNION ALL "
        f"SELECT document_id FROM codings{within}) GROUP BY document_id HAVING count(*) > ?",
        (*ranges, MANY_REGIONS))]


def missing_document_regions(conn: sqlite3.Connection, document_id: int) -> int:
    """How many region rows one document lacks or holds wrong (see ``many_region_documents``)."""
    doc = int(document_id)
    found = _document_regions(conn, doc, (SEGMENT, TURN))
    if found is None:
        return 0
    return int(conn.execute(
        f"SELECT count(*) FROM ({_document_rows(found[0])} EXCEPT SELECT rowid, field, "
        "document_id, meta, "
        f"stems, words, offsets FROM search_regions WHERE {_range(str(doc))})",
        found[1]).fetchone()[0])


@contextmanager
def regions_later(conn: sqlite3.Connection, document_id: int) -> Iterator[None]:
    """Insert many turns of one document: the turn trigger leaves their region rows, which are
    written at the end in one statement (inside the caller's transaction: an error rolls the
    pending mark back with everything else)."""
    defer_regions(conn, document_id)
    yield
    write_deferred(conn, document_id)


def deferred_documents(changes: Iterable[RowChange]) -> set[int]:
    """Documents whose regions an undo or redo of ``changes`` should leave to ``write_deferred``:
    those whose text it changes (the text and a thousand coding spans change together, and each
    coding's trigger would otherwise compare its row with a text it is not on yet), and those
    it puts many turns back into (one by one they read the text once a turn)."""
    changes = list(changes)
    texts = {int(c.key) for c in changes if c.table == "documents" and c.before
             and c.after and "text" in c.after and c.before.get("text") != c.after["text"]}
    if sum(c.table == "turns" for c in changes) > 1:
        texts |= {int(c.after["document_id"]) for c in changes
                  if c.table == "turns" and c.before is None and c.after}
    return texts


def defer_regions(conn: sqlite3.Connection, document_id: int) -> None:
    """From now on the turn, text and span triggers leave this document's regions to
    ``write_deferred``."""
    conn.execute("INSERT OR IGNORE INTO search_pending (document_id) VALUES (?)",
                 (int(document_id),))


def defer_many(conn: sqlite3.Connection, documents: Iterable[int]) -> None:
    """``defer_regions`` for many documents."""
    conn.executemany("INSERT OR IGNORE INTO search_pending (document_id) VALUES (?)",
                     [(int(d),) for d in documents])


def write_deferred(conn: sqlite3.Connection, document_id: int) -> None:
    """Bring the region rows of a document ``defer_regions`` marked in step with its text,
    codings and turns (writing only the rows that differ), and end the mark."""
    doc = int(document_id)
    conn.execute("DELETE FROM search_pending WHERE document_id = ?", (doc,))
    sync_document(conn, doc)
    conn.execute("INSERT OR IGNORE INTO search_people SELECT w FROM (SELECT fk_person(speaker) "
                 "AS w FROM (SELECT DISTINCT speaker FROM turns WHERE document_id = ?)) "
                 "WHERE w != ''", (doc,))


def without_regions(conn: sqlite3.Connection, documents: Iterable[int]) -> set[int]:
    """Those of ``documents`` that have no region rows (what ``write_deferred_many`` takes)."""
    return {int(d) for d in documents if conn.execute(
        f"SELECT 1 FROM search_regions WHERE {_range('?')} LIMIT 1", (int(d), int(d))
    ).fetchone() is None}


def write_deferred_many(conn: sqlite3.Connection, documents: list[int]) -> None:
    """``write_deferred`` for many new documents (``defer_regions`` marked each before its
    turns went in, so none has region rows yet): each run of consecutive ids is filled a
    batch at a time (``fill_regions``), the marks ended, the speakers listed."""
    docs = sorted(set(int(d) for d in documents))
    runs: list[list[int]] = []
    for doc in docs:
        if runs and doc == runs[-1][1] + 1:
            runs[-1][1] = doc
        else:
            runs.append([doc, doc])
    for first, last in runs:
        for start in range(first, last + 1, BULK_BATCH):
            fill_regions(conn, (start, min(start + BULK_BATCH - 1, last)))
        conn.execute("DELETE FROM search_pending WHERE document_id BETWEEN ? AND ?",
                     (first, last))
        conn.execute("INSERT OR IGNORE INTO search_people SELECT w FROM (SELECT "
                     "fk_person(speaker) AS w FROM (SELECT DISTINCT speaker FROM turns WHERE "
                     "document_id BETWEEN ? AND ?)) WHERE w != ''", (first, last))


#: What FTS5 gathers in memory before it writes a segment: its own default, and what a bulk
#: write of many documents (``pending_in_bulk``) lets it gather (fewer, larger segments to merge:
#: a 5,000-respondent survey's index rows cost a third less to write).
DEFAULT_HASHSIZE, BULK_HASHSIZE = 1 << 20, 16 << 20


@contextmanager
def pending_in_bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """Within a transaction: both FTS5 tables gather up to ``BULK_HASHSIZE`` of new rows in
    memory before writing them out, and go back to their default at the end (the setting is
    kept in the tables' ``_config``, so it is put back inside the same transaction). An SQLite
    without the setting writes as usual."""
    _hashsize(conn, BULK_HASHSIZE)
    try:
        yield
    finally:
        _hashsize(conn, DEFAULT_HASHSIZE)


def _hashsize(conn: sqlite3.Connection, size: int) -> None:
    for table in ("search_index", "search_regions"):
        try:
            conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?)",
                         (int(size),))
        except sqlengine.Error:  # older SQLite: no such setting
            return


def upgrade_v10(conn: sqlite3.Connection) -> None:
    """Schema step v10: the triggers that write a document's or a turn's region rows hand the
    text over once per statement, and bulk turn inserts can leave their regions to the end."""
    conn.execute(PENDING_TABLE)
    _replace_triggers(conn, "search_document_text", "search_turn_added")


def _replace_triggers(conn: sqlite3.Connection, *names: str) -> None:
    """Drop the triggers ``names`` and create them again as ``TRIGGERS`` has them now."""
    for trigger in TRIGGERS:
        name = trigger.split()[2]
        if name in names:
            conn.execute(f"DROP TRIGGER IF EXISTS {name}")
            conn.execute(trigger)


def upgrade_v11(conn: sqlite3.Connection) -> None:
    """Schema step v11: region rows count their word starts from the region's start (rebuilt
    from the data), a text's regions are compared with their rows rather than all written
    again, and a document marked pending is left to ``write_deferred`` by the text and span
    triggers too."""
    conn.execute(PENDING_TABLE)
    _replace_triggers(conn, "search_document_text", "search_document_regions",
                      "search_coding_span")
    conn.execute("DROP TABLE IF EXISTS search_regions")
    conn.execute(REGIONS_TABLE)
    fill_regions(conn)
    conn.execute("INSERT INTO search_regions (search_regions) VALUES ('optimize')")


def upgrade(conn: sqlite3.Connection) -> None:
    """Schema step v7: coded segments and speaker turns as rows of their own, and filter
    words for codes, coders and people (the index rebuilt from the data)."""
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE IF EXISTS search_index")
    conn.execute("DROP TABLE IF EXISTS search_regions")
    conn.execute("DROP INDEX IF EXISTS turns_speaker")  # speaker: no longer reads turns
    conn.execute(TABLE)
    conn.execute(REGIONS_TABLE)
    conn.execute(PEOPLE_TABLE)
    conn.execute(PENDING_TABLE)
    conn.execute(FILL_PEOPLE)
    for trigger in TRIGGERS:
        conn.execute(trigger)
    conn.execute(
        "INSERT INTO search_index (rowid, field, document_id, meta, stems, words, offsets) "
        f"SELECT rid, field, document_id, meta, fk_stems(body, {LANGUAGE}), "
        f"fk_words(body, {LANGUAGE}), fk_offsets(body, {LANGUAGE}) FROM ({EXPECTED_ROWS})")
    fill_regions(conn)
    for table in ("search_index", "search_regions"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
