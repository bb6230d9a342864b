"""Reads of attribute values and case membership, for filtering and grouping by attributes.

What ``fieldkit.analysis.attribute_facts`` turns into each coding's cases and values: the
JSON ``attributes`` of documents, participants and cases, the attribute definitions (their
types), which documents belong to which case (directly or through their participant) and the
parts of documents that belong to a case. The definitions and case parts came with schema step
14; a project read before that step has neither, and these reads then answer with nothing.
Nothing here writes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fieldkit.storage import case_tables

if TYPE_CHECKING:
    from fieldkit.storage.store import Store


def _values(raw: str | None) -> dict[str, Any]:
    if not raw or raw == "{}":
        return {}
    found = json.loads(raw)
    return found if isinstance(found, dict) else {}


def attribute_types(store: Store) -> dict[str, str]:
    """name → type of every defined attribute (none before schema step 14)."""
    return {a.name: a.type for a in case_tables.definitions(store)}


def document_values(store: Store) -> dict[int, tuple[int | None, dict[str, Any]]]:
    """document id → (its participant, its own attribute values), for every document."""
    return {r[0]: (r[1], _values(r[2])) for r in store.rows(
        "SELECT id, participant_id, attributes FROM documents")}


def participant_values(store: Store) -> dict[int, dict[str, Any]]:
    """participant id → attribute values, ``role`` among them when the participant has one."""
    found: dict[int, dict[str, Any]] = {}
    for r in store.rows("SELECT id, role, attributes FROM participants"):
        values = _values(r[2])
        if r[1] and str(r[1]).strip() and "role" not in values:
            values["role"] = r[1]
        found[r[0]] = values
    return found


def case_values(store: Store) -> dict[int, tuple[str, dict[str, Any]]]:
    """case id → (name, attribute values)."""
    return {r[0]: (r[1], _values(r[2])) for r in store.rows(
        "SELECT id, name, attributes FROM cases")}


def case_links(store: Store) -> list[tuple[int, int]]:
    """(case, document) of every document that belongs to a case as a whole: listed in
    ``case_documents`` or written by a participant of the case."""
    return [(r[0], r[1]) for r in store.rows(
        "SELECT case_id, document_id FROM case_documents UNION "
        "SELECT cp.case_id, d.id FROM case_participants cp "
        "JOIN documents d ON d.participant_id = cp.participant_id")]


def case_parts(store: Store) -> list[tuple[int, int, int, int]]:
    """(case, document, start, end) of every part of a document that belongs to a case
    (none before schema step 14)."""
    return case_tables.parts(store)
