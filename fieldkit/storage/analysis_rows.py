"""Reads for the analysis engine: codings and document facts as columns, in few queries.

``fieldkit.analysis`` turns these into numpy arrays once and answers every relation, matrix and
query from them; nothing here writes.
"""

from __future__ import annotations

import json
from itertools import chain
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import display
from fieldkit.storage import case_tables

if TYPE_CHECKING:
    from fieldkit.core.attributes import Attribute
    from fieldkit.storage.store import Store


def data_version(store: Store) -> int:
    """Changes when another connection commits (our own commits are seen from change sets)."""
    with store.lock:
        return int(store.conn.execute("PRAGMA data_version").fetchone()[0])


# Every coding's span and owners, read from the index on (document, start, end, code, coder,
# orphaned) that schema step 11 made: a scan of the table itself walks each row's quote,
# context and memo (and their overflow pages) to reach ``orphaned`` at its end.
CODING_COLUMNS = (
    "SELECT id, (document_id << 32) + coalesce(start, 4294967295), "
    "(code_id << 32) + coder_id, coalesce(end, 4294967295) FROM codings WHERE orphaned = 0")
SEGMENT_COLUMNS = (
    "SELECT id, (document_id << 32) + coalesce(start, 4294967295), "
    "(code_id << 32) + coder_id, (coalesce(end, 4294967295) << 1) + orphaned FROM codings")


def coding_columns(store: Store) -> list[int]:
    """Every coding in place (not orphaned) as four integers after another, ``id, document <<
    32 | start, code << 32 | coder, end`` (start and end are 0xFFFFFFFF for photo regions), in
    document and start order: four integers a row read faster than six, and one flat list
    becomes an array without a Python tuple per row being looked into."""
    return _flat(store, CODING_COLUMNS)


def _flat(store: Store, sql: str) -> list[int]:
    with store.lock:
        cursor = store.conn.cursor()
        cursor.row_factory = None
        return list(chain.from_iterable(cursor.execute(sql)))


def document_columns(store: Store) -> list[Any]:
    """(id, kind, site, visit, participant, date) of every document; date is the visit's or the
    creation day."""
    return store.rows(
        "SELECT d.id, d.kind, d.site_id, d.visit_id, d.participant_id, "
        "coalesce(v.date, substr(d.created, 1, 10)) AS date "
        "FROM documents d LEFT JOIN visits v ON v.id = d.visit_id ORDER BY d.id")


def names(store: Store, table: str) -> dict[int, str]:
    """id → name of sites, coders or cases; id → date for visits."""
    column = {"sites": "name", "coders": "name", "cases": "name", "visits": "date"}[table]
    return {r[0]: r[1] for r in store.rows(f"SELECT id, {column} FROM {table}")}


def attribute_values(store: Store, name: str) -> dict[int, str]:
    """document id → the value of attribute ``name``: the document's own, else its
    participant's (``role`` is a participant attribute too). Documents without one are left out.
    """
    people: dict[int, str] = {}
    for r in store.rows("SELECT id, role, attributes FROM participants"):
        attrs = {"role": r["role"], **json.loads(r["attributes"] or "{}")}
        if _given(attrs.get(name)):
            people[r["id"]] = display(attrs[name])
    found: dict[int, str] = {}
    for r in store.rows("SELECT id, participant_id, attributes FROM documents"):
        raw = r["attributes"]
        own = json.loads(raw).get(name) if raw and raw != "{}" else None
        if _given(own):
            found[r["id"]] = display(own)
        elif r["participant_id"] in people:
            found[r["id"]] = people[r["participant_id"]]
    return found


def attribute_names(store: Store) -> list[str]:
    """Every attribute name used by documents or participants, sorted; lists and objects an
    import keeps beside the attributes (ESM's ``beeps``, ``questions``) are no attributes."""
    seen: set[str] = {"role"}
    for table in ("participants", "documents"):  # SQLite reads the JSON: 10,000 rows at once
        seen.update(r[0] for r in store.rows(
            f"SELECT DISTINCT j.key FROM {table} t, json_each(t.attributes) j "
            "WHERE t.attributes != '{}' AND j.type NOT IN ('array', 'object')"))
    return sorted(seen)


def case_documents(store: Store) -> list[tuple[int, int]]:
    """(case, document) for documents in a case directly or through their participant."""
    return store.rows(  # type: ignore[return-value]
        "SELECT case_id, document_id FROM case_documents UNION "
        "SELECT cp.case_id, d.id FROM case_participants cp "
        "JOIN documents d ON d.participant_id = cp.participant_id")


def turn_starts(store: Store) -> list[tuple[int, int]]:
    """(document, start) of every speaker turn."""
    return store.rows("SELECT document_id, start FROM turns")  # type: ignore[return-value]


def texts(store: Store, document_ids: list[int]) -> dict[int, str]:
    """The texts of some documents (for word distances and paragraphs)."""
    return {r[0]: r[1] for r in _by_ids(store, "SELECT id, text FROM documents", "id",
                                        document_ids)}


def segment_rows(store: Store, coding_ids: list[int]) -> list[Any]:
    """Codings with their document's title, for lists of segments, in document order."""
    found = _by_ids(store, "SELECT c.id, c.uuid, c.document_id, d.title, c.code_id, "
                    "c.coder_id, c.start, c.end, c.quote FROM codings c "
                    "JOIN documents d ON d.id = c.document_id", "c.id", coding_ids)
    return sorted(found, key=lambda r: (r["document_id"], r["start"] or 0, r["id"]))


def document_titles(store: Store, document_ids: list[int]) -> dict[int, str]:
    return {r[0]: r[1] for r in _by_ids(store, "SELECT id, title FROM documents", "id",
                                        document_ids)}


def _by_ids(store: Store, select: str, column: str, ids: list[int]) -> list[Any]:
    """``select`` for the rows whose ``column`` is one of ``ids`` (asked 500 at a time)."""
    found: list[Any] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found.extend(store.rows(f"{select} WHERE {column} IN ({', '.join('?' * len(chunk))})",
                                chunk))
    return found


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def segment_columns(store: Store) -> list[int]:
    """Every coding, orphaned ones too (the coded-segments view lists them), as four integers
    after another, ``id, document << 32 | start, code << 32 | coder, end << 1 | orphaned``;
    start and end are 0xFFFFFFFF when there is none (photo regions)."""
    return _flat(store, SEGMENT_COLUMNS)


def coding_regions(store: Store) -> list[tuple[int, int, int, int, int]]:
    """(id, x, y, width, height) of every coding of a photo region."""
    with store.lock:
        cursor = store.conn.cursor()
        cursor.row_factory = None
        return cursor.execute(
            "SELECT id, x, y, width, height FROM codings WHERE x IS NOT NULL").fetchall()


def text_quotes(store: Store) -> dict[int, str]:
    """id → quote of every coding of a text span (for counting coded words)."""
    return {r[0]: r[1] for r in store.rows(
        "SELECT id, quote FROM codings WHERE start IS NOT NULL")}


def case_parts(store: Store) -> list[tuple[int, int, int, int]]:
    """(case, document, start, end) of every part of a document that belongs to a case (code
    points, half-open), in document and start order; none before schema step 14."""
    return case_tables.parts(store)


def attribute_definitions(store: Store) -> list[Attribute]:
    """Every typed attribute definition (name, type, choices), in their order."""
    return case_tables.definitions(store)


def case_attribute_values(store: Store) -> dict[int, dict[str, Any]]:
    """case id → its attribute values (typed; an empty dict for a case without any)."""
    return case_tables.values_of(store, "cases")


def participant_cases(store: Store) -> list[tuple[int, int]]:
    """(case, participant) of every participant linked to a case."""
    return store.rows(  # type: ignore[return-value]
        "SELECT case_id, participant_id FROM case_participants ORDER BY case_id")
