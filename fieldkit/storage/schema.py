"""Schema migrations, numbered steps keyed on ``PRAGMA user_version``.

Each step runs in one transaction, after a backup of the database (when it already held data).
Append new steps; never edit a released one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE coders (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created TEXT NOT NULL);
CREATE TABLE sites (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '');
CREATE TABLE visits (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    site_id INTEGER NOT NULL REFERENCES sites(id), date TEXT NOT NULL,
    observers TEXT NOT NULL DEFAULT '', UNIQUE (site_id, date));
CREATE TABLE participants (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    pseudonym TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '', site_id INTEGER REFERENCES sites(id),
    attributes TEXT NOT NULL DEFAULT '{}');
CREATE TABLE cases (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '', attributes TEXT NOT NULL DEFAULT '{}');
CREATE TABLE media (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, filename TEXT NOT NULL,
    mime TEXT NOT NULL, size INTEGER NOT NULL, width INTEGER, height INTEGER,
    taken TEXT, orientation INTEGER);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('fieldnote','transcript','photo','memo','esm','text')),
    title TEXT NOT NULL, text TEXT NOT NULL DEFAULT '', chars INTEGER NOT NULL DEFAULT 0,
    site_id INTEGER REFERENCES sites(id), visit_id INTEGER REFERENCES visits(id),
    participant_id INTEGER REFERENCES participants(id), media_id INTEGER REFERENCES media(id),
    created TEXT NOT NULL, modified TEXT NOT NULL, source_name TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '', attributes TEXT NOT NULL DEFAULT '{}');
CREATE INDEX documents_site ON documents(site_id);
CREATE INDEX documents_visit ON documents(visit_id);
CREATE TABLE case_documents (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
    document_id INTEGER NOT NULL REFERENCES documents(id), UNIQUE (case_id, document_id));
CREATE TABLE case_participants (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases(id),
    participant_id INTEGER NOT NULL REFERENCES participants(id),
    UNIQUE (case_id, participant_id));
CREATE TABLE turns (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL, speaker TEXT NOT NULL,
    t_start REAL, t_end REAL);
CREATE INDEX turns_document ON turns(document_id, start);
CREATE TABLE codes (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, parent_id INTEGER REFERENCES codes(id),
    name TEXT NOT NULL, colour TEXT NOT NULL DEFAULT '#808080',
    definition TEXT NOT NULL DEFAULT '', inclusion TEXT NOT NULL DEFAULT '',
    exclusion TEXT NOT NULL DEFAULT '', example TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL DEFAULT 0);
CREATE INDEX codes_parent ON codes(parent_id);
CREATE TABLE codings (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    code_id INTEGER NOT NULL REFERENCES codes(id),
    coder_id INTEGER NOT NULL REFERENCES coders(id),
    start INTEGER, end INTEGER, quote TEXT NOT NULL DEFAULT '',
    before TEXT NOT NULL DEFAULT '', after TEXT NOT NULL DEFAULT '',
    x INTEGER, y INTEGER, width INTEGER, height INTEGER,
    memo TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, orphaned INTEGER NOT NULL DEFAULT 0,
    CHECK ((start IS NULL AND x IS NOT NULL) OR (start IS NOT NULL AND start <= end)));
CREATE INDEX codings_document ON codings(document_id, start);
CREATE INDEX codings_code ON codings(code_id);
CREATE INDEX codings_coder ON codings(coder_id);
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, coder TEXT NOT NULL, label TEXT NOT NULL,
    changes TEXT NOT NULL, state INTEGER NOT NULL DEFAULT 0);
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query TEXT NOT NULL, created TEXT NOT NULL);
"""

Step = Callable[[sqlite3.Connection], None]


def _v1(conn: sqlite3.Connection) -> None:
    for statement in V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2_search(conn: sqlite3.Connection) -> None:
    """The full-text search index and the triggers that keep it in step (search_tables)."""
    from fieldkit.storage import search_history

    _search_functions(conn, "fk_stems", "fk_words")
    search_history.create(conn)
    search_history.fill(conn)


def _v3_assist(conn: sqlite3.Connection) -> None:
    """The stored suggestion model and remembered rejections (assist_tables)."""
    from fieldkit.storage import assist_tables

    assist_tables.create(conn)


def _v4_search_speed(conn: sqlite3.Connection) -> None:
    """Search index with filter words, word offsets and prefix indexes (rebuilt from the data)."""
    from fieldkit.storage import search_history

    _search_functions(conn, "fk_stems", "fk_words", "fk_offsets", "fk_meta")
    search_history.upgrade_v4(conn)


def _v5_media_registry(conn: sqlite3.Connection) -> None:
    """Every file in ``media/`` gets a ``media`` row (imported originals had none), so that a
    file without one is known to be left by an interrupted import (``check`` lists those)."""
    import mimetypes
    from pathlib import Path

    from fieldkit.storage.mediastore import MediaStore

    db_file = conn.execute("PRAGMA database_list").fetchone()[2]
    if not db_file:
        return
    known = {sha for (sha,) in conn.execute("SELECT sha256 FROM media")}
    for sha, path in MediaStore(Path(db_file).parent).files():
        if sha not in known:
            known.add(sha)
            conn.execute("INSERT INTO media (sha256, filename, mime, size) VALUES (?, ?, ?, ?)",
                         (sha, path.name, mimetypes.guess_type(path.name)[0]
                          or "application/octet-stream", path.stat().st_size))


def _v6_workbench(conn: sqlite3.Connection) -> None:
    """Sets, memo details, memo links and saved coding queries (workbench_tables)."""
    from fieldkit.storage import workbench_tables

    workbench_tables.create(conn)


def _v7_search_regions(conn: sqlite3.Connection) -> None:
    """Coded segments and speaker turns as index rows of their own, so code:, coder: and
    speaker: are part of the MATCH (rebuilt from the data)."""
    from fieldkit.storage import search_tables

    _search_functions(conn, "fk_stems", "fk_words", "fk_offsets", "fk_filters", "fk_person",
                      "fk_region", "fk_region_prime", "fk_region_of", "fk_region_split_load")
    search_tables.upgrade(conn)


def _search_functions(conn: sqlite3.Connection, *names: str) -> None:
    """Give ``conn`` the SQL functions of ``fieldkit.index`` that the search triggers call.

    The index registers them when it is imported (``database.install_functions``); this module
    never imports it: storage sits below the index.
    """
    from fieldkit.storage import database

    database.install_functions(conn, *names)


def _v8_recordings(conn: sqlite3.Connection) -> None:
    """Recordings: the ``recording`` document kind, a recording's facts, transcripts linked to
    it, codings of a time range (milliseconds) and the cached waveform overview."""
    from fieldkit.storage import recording_tables

    recording_tables.create(conn)


def _v9_team(conn: sqlite3.Connection) -> None:
    """A team replica's outbox, name aliases and held edit locks (replica_tables)."""
    from fieldkit.storage import replica_tables

    replica_tables.create(conn)


def _v10_linear_regions(conn: sqlite3.Connection) -> None:
    """The region triggers hand a document's text to Python once, not three times per turn
    (importing a transcript was quadratic in its turns); bulk turn inserts write their regions
    at the end (search_tables.upgrade_v10)."""
    from fieldkit.storage import search_tables

    search_tables.upgrade_v10(conn)


def _v11_segments(conn: sqlite3.Connection) -> None:
    """Editing a long coded text rewrites only the coded segments whose words changed: region
    rows count their word starts from the region's start (rebuilt from the data) and a text's
    regions are compared with their rows (search_tables.upgrade_v11). And the codings' spans
    get an index that holds all the analysis engine reads of them (document, start, end, code,
    coder, orphaned; it replaces the one on document and start): reading every coding then
    never walks the quotes, contexts and memos of the table's rows."""
    from fieldkit.storage import search_tables

    _search_functions(conn, "fk_stems", "fk_words", "fk_offsets", "fk_filters", "fk_person",
                      "fk_region", "fk_region_prime", "fk_region_of", "fk_region_load",
                      "fk_region_differs", "fk_region_split_load")
    search_tables.upgrade_v11(conn)
    conn.execute("DROP INDEX IF EXISTS codings_document")
    conn.execute("CREATE INDEX codings_document ON codings(document_id, start, end, code_id, "
                 "coder_id, orphaned)")


def _v12_memo_authors(conn: sqlite3.Connection) -> None:
    """Who wrote each memo and when: the first author and last writer of a code's, coding's
    and document's memo, and of a memo document (memo_authors)."""
    from fieldkit.storage import memo_authors

    memo_authors.upgrade(conn)


def _v13_document_lengths(conn: sqlite3.Connection) -> None:
    """Documents found by the length of their text, so an import can tell at once whether a
    file's text is already in the project (a duplicate) without reading every text."""
    conn.execute("CREATE INDEX IF NOT EXISTS documents_chars ON documents(chars)")


def _v14_cases(conn: sqlite3.Connection) -> None:
    """Cases and typed attributes: attribute definitions, parts of documents in cases, and
    every attribute name already used defined with the type its values show, the values
    stored typed (case_tables.upgrade)."""
    from fieldkit.storage import case_tables

    case_tables.upgrade(conn)


def _v15_pdf(conn: sqlite3.Connection) -> None:
    """PDF documents: the ``pdf`` kind, a PDF's facts and pages, its characters' boxes (derived
    data) and the page of an area coding (pdf_tables)."""
    from fieldkit.storage import pdf_tables

    pdf_tables.create(conn)


def _v16_networks(conn: sqlite3.Connection) -> None:
    """Networks: relation types (ATLAS.ti's six defaults seeded), named networks, their nodes
    and links, and links between codes (network_tables)."""
    from fieldkit.storage import network_tables

    network_tables.create(conn)


def _v17_document_list(conn: sqlite3.Connection) -> None:
    """The document list read from an index: a document's row holds its text before its
    length, place and dates, so listing 10,000 documents read every text (30 MB on the large
    demo, 43 ms); this index holds what the list shows (25 ms, and the app starts sooner)."""
    conn.execute("CREATE INDEX IF NOT EXISTS documents_listed ON documents(id, uuid, kind, "
                 "title, chars, site_id, visit_id, participant_id, created)")


def _v18_change_log_state(conn: sqlite3.Connection) -> None:
    """The undo history found by its state: a change's row holds its changes (a 200 KB note's
    edit holds the text twice) before its state, so every action's "forget what was undone"
    and every undo and redo read the whole history, growing with the project's age."""
    conn.execute("CREATE INDEX IF NOT EXISTS change_log_state ON change_log(state, id)")


# Index i holds the step from user_version i to i + 1. Later packages (search, assist) append.
MIGRATIONS: list[Step] = [_v1, _v2_search, _v3_assist, _v4_search_speed, _v5_media_registry,
                         _v6_workbench, _v7_search_regions,
                         _v8_recordings, _v9_team, _v10_linear_regions, _v11_segments,
                         _v12_memo_authors, _v13_document_lengths, _v14_cases, _v15_pdf,
                         _v16_networks, _v17_document_list,
                         _v18_change_log_state]


def latest_version() -> int:
    return len(MIGRATIONS)
