"""Cases, their parts of documents, and typed attribute definitions (schema step 14).

- ``attributes``: the definition of every attribute (variable) name: its type (text, number,
  date, boolean, choice) and, for a choice, its closed list. The values themselves stay in the
  JSON ``attributes`` columns of ``cases``, ``documents`` and ``participants``, typed (numbers
  as JSON numbers, booleans as true/false, dates as "YYYY-MM-DD").
- ``case_parts``: a part of a document (code points, half-open) that belongs to a case: a
  transcript's turns of one speaker, one respondent's answer in a per-question document, a
  REFI-QDA ``SelectionRef``.

Every write goes through ``Store.change`` (one undo step, recorded for the team); rows that
point at a deleted case or document go with it (``REFERENCES``, used by ``Store.delete``).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import Attribute, Value, infer_type, parse_value
from fieldkit.core.errors import BadInput
from fieldkit.core.model import new_uuid

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

TABLES = """
CREATE TABLE IF NOT EXISTS attributes (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'choice')),
    choices TEXT NOT NULL DEFAULT '[]', position INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS case_parts (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL, CHECK (0 <= start AND start < end));
CREATE INDEX IF NOT EXISTS case_parts_case ON case_parts(case_id);
CREATE INDEX IF NOT EXISTS case_parts_document ON case_parts(document_id, start);
CREATE INDEX IF NOT EXISTS case_documents_document ON case_documents(document_id);
"""

#: the tables of this step that a team shares (a server of an earlier step does not know them)
TEAM_TABLES = ("attributes", "case_parts")
#: the tables whose rows carry attribute values (a JSON object in their ``attributes`` column)
HOLDERS = ("cases", "documents", "participants")

# Rows that point at a row of the key table, as (table, column): deleted before it.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "cases": (("case_documents", "case_id"), ("case_participants", "case_id"),
              ("case_parts", "case_id")),
    "documents": (("case_parts", "document_id"),),
    "participants": (("case_participants", "participant_id"),),
}


def present(store: Store) -> bool:
    """Whether the tables exist: a project of an older schema opened read-only (so not
    upgraded) has no attribute definitions and no case parts yet; reads find none."""
    return store.value("SELECT 1 FROM sqlite_master WHERE name = 'case_parts'") is not None


def create(conn: sqlite3.Connection) -> None:
    """Make the tables (idempotent)."""
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)


# -- the migration ---------------------------------------------------------------------------

def upgrade(conn: sqlite3.Connection) -> None:
    """The migration step: the tables, then a definition for every attribute name already used
    (by documents, participants or cases; a name spelled in two ways is one attribute), its
    type inferred from its values, and those values stored typed."""
    create(conn)
    stored: dict[tuple[str, int], dict[str, Any]] = {}
    for table in HOLDERS:
        for key, raw in conn.execute(f"SELECT id, attributes FROM {table} "
                                     "WHERE attributes NOT IN ('', '{}')").fetchall():
            found = _loaded(raw)
            if found:
                stored[(table, key)] = found
    names = spellings(stored.values())
    converted = {k: dict(v) for k, v in stored.items()}
    for position, (folded, spelling) in enumerate(sorted(names.items())):
        raws = [_raw(v[n]) for v in stored.values() for n in v
                if n.casefold() == folded and not isinstance(v[n], (dict, list))]
        if not raws:
            continue  # only lists and objects: an import's own facts, not an attribute
        kind, choices = infer([r for r in raws if r.strip()])
        conn.execute("INSERT INTO attributes (uuid, name, type, choices, position) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (new_uuid(), spelling, kind, json.dumps(choices, ensure_ascii=False),
                      position))
        for values in converted.values():
            for name in [n for n in values if n.casefold() == folded]:
                typed = _typed(spelling, kind, values.pop(name), choices)
                if typed is not None:
                    values[spelling] = typed
    for (table, key), values in converted.items():
        if values != stored[(table, key)]:
            conn.execute(f"UPDATE {table} SET attributes = ? WHERE id = ?",
                         (json.dumps(values, ensure_ascii=False), key))


_TIME_OF_DAY = re.compile(r"\d[T ]\d{1,2}:\d{2}")


def infer(raws: Sequence[str]) -> tuple[str, list[str]]:
    """``infer_type``, except that moments (a date with a time of day, as an import writes a
    photo's or a beep's time) stay text: stored as a date they would lose their time."""
    kind, choices = infer_type(raws)
    if kind == "date" and any(_TIME_OF_DAY.search(r) for r in raws):
        return "text", []
    return kind, choices


def _loaded(raw: Any) -> dict[str, Any]:
    try:
        found = json.loads(raw or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def spellings(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """folded name -> its spelling used most (of two as common, the first seen)."""
    counts: dict[str, dict[str, int]] = {}
    for values in rows:
        for name in values:
            if name.strip():
                spellings = counts.setdefault(name.casefold(), {})
                spellings[name] = spellings.get(name, 0) + 1
    return {folded: max(spellings, key=lambda n: spellings[n])
            for folded, spellings in counts.items()}


def _raw(value: Any) -> str:
    """A stored value as the text a person would have typed (for inferring a type)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _typed(name: str, kind: str, value: Any, choices: list[str]) -> Value | None:
    """A stored value as its type stores it; one that does not parse (cannot happen after
    ``infer_type`` saw it, but a migration never fails on data) stays as it was, and so does a
    list or object (an import's own facts, not a value a researcher types)."""
    if isinstance(value, (dict, list)):
        return value  # type: ignore[return-value]
    try:
        return parse_value(name, kind, value, choices)
    except BadInput:
        return value if isinstance(value, (str, int, float, bool)) else _raw(value)


# -- definitions -----------------------------------------------------------------------------

def _definition(r: sqlite3.Row) -> Attribute:
    return Attribute(r["id"], r["uuid"], r["name"], r["type"], json.loads(r["choices"]),
                     r["position"])


def definitions(store: Store) -> list[Attribute]:
    """Every attribute definition, in the order of their positions (then names)."""
    if not present(store):
        return []
    return [_definition(r) for r in store.rows(
        "SELECT * FROM attributes ORDER BY position, name COLLATE NOCASE")]


def definition(store: Store, name: str) -> Attribute | None:
    """The definition of ``name`` (matched without regard to case), if there is one."""
    if not present(store):
        return None
    found = store.row("SELECT * FROM attributes WHERE name = ?", (name.strip(),))
    if found is None:  # SQLite's NOCASE folds only A-Z: "ÉÉN" is "één" too
        folded = name.strip().casefold()
        found = next((r for r in store.rows("SELECT * FROM attributes")
                      if str(r["name"]).casefold() == folded), None)
    return _definition(found) if found is not None else None


def add_definition(store: Store, name: str, kind: str, choices: list[str],
                   uuid: str | None = None) -> int:
    """A new definition at the end of the list (a name already defined is refused)."""
    existing = definition(store, name)
    if existing is not None:
        raise BadInput(f"There is already an attribute '{existing.name}'.")
    position = int(store.value("SELECT coalesce(max(position), -1) + 1 FROM attributes"))
    with store.change(f"Define attribute {name}"):
        return store.insert("attributes", {
            "uuid": uuid or new_uuid(), "name": name, "type": kind,
            "choices": json.dumps(list(choices), ensure_ascii=False), "position": position})


def update_definition(store: Store, key: int, values: dict[str, Any]) -> None:
    """Change a definition's name, type or choices (a list, stored as JSON)."""
    if "choices" in values:
        values = {**values, "choices": json.dumps(list(values["choices"]), ensure_ascii=False)}
    with store.change("Change attribute"):
        store.update("attributes", key, values)


def delete_definition(store: Store, key: int) -> None:
    with store.change("Delete attribute"):
        store.delete("attributes", key)


# -- values ----------------------------------------------------------------------------------

def values_of(store: Store, table: str) -> dict[int, dict[str, Any]]:
    """id -> the attribute values of every row of ``table`` (cases, documents, participants),
    an empty dict for a row without any."""
    if table not in HOLDERS:
        raise ValueError(table)
    return {int(r[0]): _loaded(r[1]) for r in store.rows(
        f"SELECT id, attributes FROM {table} ORDER BY id")}


def values_of_one(store: Store, table: str, key: int) -> dict[str, Any]:
    """The attribute values of one row of ``table`` (cases, documents, participants)."""
    if table not in HOLDERS:
        raise ValueError(table)
    return _loaded(store.value(f"SELECT attributes FROM {table} WHERE id = ?", (key,)))


def values_of_row(raw: Any) -> dict[str, Any]:
    """The attribute values of one row's ``attributes`` column (an empty dict when none)."""
    return _loaded(raw)


def set_values(store: Store, table: str, key: int, values: Mapping[str, Any]) -> None:
    """Replace the attribute values of one row (inside the caller's change, or its own)."""
    if table not in HOLDERS:
        raise ValueError(table)
    with store.change("Set attributes"):
        store.update(table, key, {"attributes": json.dumps(dict(values), ensure_ascii=False)})


def label(store: Store, table: str, key: int) -> str:
    """How a message names a row: a case's name, a document's id and title, a participant's
    pseudonym."""
    if table == "cases":
        found = store.value("SELECT name FROM cases WHERE id = ?", (key,))
    elif table == "documents":
        title = store.value("SELECT title FROM documents WHERE id = ?", (key,))
        found = f"{key} ({title})" if title is not None else None
    else:
        found = store.value("SELECT pseudonym FROM participants WHERE id = ?", (key,))
    return str(found if found is not None else key)


def documents_titled(store: Store, title: str) -> list[int]:
    """The ids of the documents whose title is ``title`` (without regard to case)."""
    return [int(r[0]) for r in store.rows(
        "SELECT id FROM documents WHERE title = ? COLLATE NOCASE ORDER BY id", (title.strip(),))]


def titles(store: Store) -> dict[int, str]:
    """document id -> title, of every document."""
    return {int(r[0]): str(r[1]) for r in store.rows("SELECT id, title FROM documents")}


def document_participants(store: Store) -> dict[int, int]:
    """document id -> its participant, of every document that has one."""
    return {int(r[0]): int(r[1]) for r in store.rows(
        "SELECT id, participant_id FROM documents WHERE participant_id IS NOT NULL")}


# -- cases -----------------------------------------------------------------------------------

def case_row(store: Store, ref: str | int) -> sqlite3.Row | None:
    """The case called ``ref`` (without regard to case), or with that short id or UUID."""
    text = str(ref).strip()
    found = store.row("SELECT * FROM cases WHERE name = ?", (text,))
    if found is None and text.isdecimal() and int(text) < 2**63:
        found = store.row("SELECT * FROM cases WHERE id = ?", (int(text),))
    if found is None:
        found = store.row("SELECT * FROM cases WHERE uuid = ?", (text.lower(),))
    if found is None:  # SQLite's NOCASE folds only A-Z: "RENÉE" is "Renée" too
        folded = text.casefold()
        found = next((r for r in case_rows(store) if str(r["name"]).casefold() == folded),
                     None)
    return found


def case_rows(store: Store) -> list[sqlite3.Row]:
    """Every case row, by name."""
    return store.rows("SELECT * FROM cases ORDER BY name COLLATE NOCASE")


def case_names(store: Store) -> list[str]:
    return [r[0] for r in store.rows("SELECT name FROM cases ORDER BY name")]


def update_case(store: Store, key: int, values: dict[str, Any]) -> None:
    """Change a case's name or description."""
    with store.change("Edit case"):
        store.update("cases", key, values)


def delete_case(store: Store, key: int, name: str) -> None:
    """Delete a case with its memberships (documents, participants, parts): one undo step."""
    with store.change(f"Delete case {name}"):
        store.delete("cases", key)


def case_documents(store: Store, case_id: int) -> list[int]:
    """The documents of a case itself (not through its participants), by id."""
    return [r[0] for r in store.rows(
        "SELECT document_id FROM case_documents WHERE case_id = ? ORDER BY document_id",
        (case_id,))]


def remove_documents(store: Store, case_id: int, document_ids: Iterable[int]) -> int:
    """Take documents out of a case; returns how many were in it."""
    removed = 0
    with store.change("Remove from case"):
        for doc in document_ids:
            found = store.value("SELECT id FROM case_documents WHERE case_id = ? AND "
                                "document_id = ?", (case_id, doc))
            if found is not None:
                store.delete("case_documents", int(found))
                removed += 1
    return removed


def add_part(store: Store, case_id: int, document_id: int, start: int, end: int,
             uuid: str | None = None) -> int | None:
    """A part of a document in a case; None (nothing added) when the case has it already."""
    if store.value("SELECT id FROM case_parts WHERE case_id = ? AND document_id = ? AND "
                   "start = ? AND end = ?", (case_id, document_id, start, end)) is not None:
        return None
    with store.change("Add part to case"):
        return store.insert("case_parts", {"uuid": uuid or new_uuid(), "case_id": case_id,
                                           "document_id": document_id, "start": start,
                                           "end": end})


def parts(store: Store, case_id: int | None = None) -> list[tuple[int, int, int, int]]:
    """(case, document, start, end) of every case part (of one case), in document order."""
    if not present(store):
        return []
    if case_id is None:
        found = store.rows("SELECT case_id, document_id, start, end FROM case_parts "
                           "ORDER BY document_id, start, end, case_id")
    else:
        found = store.rows("SELECT case_id, document_id, start, end FROM case_parts "
                           "WHERE case_id = ? ORDER BY document_id, start, end", (case_id,))
    return [(int(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in found]


def move_parts(store: Store, document_id: int,
               place: Callable[[int, int], tuple[int, int] | None]) -> None:
    """After a text edit: every part of the document moves where ``place`` puts its span (on
    its words, as codings are); a part whose words are gone (None) goes."""
    if not present(store):
        return
    with store.change("Move case parts"):
        for r in store.rows("SELECT id, start, end FROM case_parts WHERE document_id = ?",
                            (document_id,)):
            found = place(int(r["start"]), int(r["end"]))
            if found is None:
                store.delete("case_parts", int(r["id"]))
            else:
                store.update("case_parts", int(r["id"]), {"start": found[0], "end": found[1]})


def part_rows(store: Store, case_id: int) -> list[sqlite3.Row]:
    """The case's parts as rows (with their uuids), for merging."""
    return store.rows("SELECT * FROM case_parts WHERE case_id = ? ORDER BY document_id, start",
                      (case_id,))


def memberships(store: Store) -> tuple[dict[int, list[int]], dict[int, list[int]],
                                        dict[int, list[tuple[int, int, int]]]]:
    """case id -> its documents, its participants and its parts (document, start, end), of
    every case, in three queries (the Cases pane lists thousands of survey respondents)."""
    docs: dict[int, list[int]] = {}
    for case, doc in store.rows("SELECT case_id, document_id FROM case_documents "
                                "ORDER BY case_id, document_id"):
        docs.setdefault(int(case), []).append(int(doc))
    people: dict[int, list[int]] = {}
    for case, person in store.rows("SELECT case_id, participant_id FROM case_participants "
                                   "ORDER BY case_id, participant_id"):
        people.setdefault(int(case), []).append(int(person))
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for case, doc, start, end in parts(store):
        spans.setdefault(case, []).append((doc, start, end))
    return docs, people, spans


def participant_cases(store: Store) -> dict[int, list[int]]:
    """participant id -> the cases it is linked to."""
    out: dict[int, list[int]] = {}
    for r in store.rows("SELECT participant_id, case_id FROM case_participants "
                        "ORDER BY case_id"):
        out.setdefault(int(r[0]), []).append(int(r[1]))
    return out
