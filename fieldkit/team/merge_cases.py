"""Merging attribute definitions, case parts and attribute values of a colleague's copy.

Called by ``team.merge`` after cases and documents are in, so every case and document is
found. Definitions match by UUID, else by name: ours is kept, a different type or list of
choices is reported as a conflict. Case parts match by UUID, else by case, document and span.
A value of theirs that a case, document or participant of ours lacks is added (typed as our
definition says; one that does not fit is reported and left out); a value both have,
differently, stays ours and is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import Attribute, display, parse_value
from fieldkit.core.errors import BadInput
from fieldkit.storage import case_tables

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

#: (kind, uuid, name, detail) of one conflict, as ``MergeConflict`` takes it
Report = Callable[[str, str, str, str], None]


@dataclass(slots=True)
class CaseMergeCounts:
    attributes: int = 0  # definitions added
    case_parts: int = 0
    values: int = 0  # values added to our cases and documents


def merge_case_data(ours: Store, theirs: Store, cases: Mapping[int, int],
                    documents: Mapping[int, int], source: str,
                    conflict: Report,
                    participants: Mapping[int, int] | None = None) -> CaseMergeCounts:
    """Bring in their definitions, case parts and attribute values of cases, documents and
    participants (see the module docstring), attribute by attribute. A copy from before
    schema step 14 (read-only) has no definitions or parts."""
    counts = CaseMergeCounts()
    if not case_tables.present(ours):
        return counts
    if case_tables.present(theirs):
        _definitions(ours, theirs, source, conflict, counts)
        _parts(ours, theirs, cases, documents, counts)
    for table, mapping in (("cases", cases), ("documents", documents),
                           ("participants", participants or {})):
        _values(ours, theirs, table, mapping, source, conflict, counts)
    return counts


def _definitions(ours: Store, theirs: Store, source: str, conflict: Report,
                 counts: CaseMergeCounts) -> None:
    for their in case_tables.definitions(theirs):
        mine = _ours_of(ours, their)
        if mine is None:
            case_tables.add_definition(ours, their.name, their.type, their.choices,
                                       uuid=their.uuid)
            counts.attributes += 1
        elif (mine.type, mine.choices) != (their.type, their.choices):
            conflict("attribute", mine.uuid, mine.name,
                     f"it is {_shown(their)} in {source}; kept ours ({_shown(mine)})")


def _ours_of(ours: Store, their: Attribute) -> Attribute | None:
    for mine in case_tables.definitions(ours):
        if mine.uuid == their.uuid:
            return mine
    return case_tables.definition(ours, their.name)


def _shown(attribute: Attribute) -> str:
    if attribute.type == "choice":
        return f"a choice of {', '.join(attribute.choices)}"
    return f"a {attribute.type}"


def _parts(ours: Store, theirs: Store, cases: Mapping[int, int],
           documents: Mapping[int, int], counts: CaseMergeCounts) -> None:
    for their_case, our_case in cases.items():
        for row in case_tables.part_rows(theirs, their_case):
            doc = documents.get(row["document_id"])
            if doc is None or ours.id_by_uuid("case_parts", row["uuid"]) is not None:
                continue
            if case_tables.add_part(ours, our_case, doc, row["start"], row["end"],
                                    uuid=row["uuid"]) is not None:
                counts.case_parts += 1


def _values(ours: Store, theirs: Store, table: str, mapping: Mapping[int, int], source: str,
            conflict: Report, counts: CaseMergeCounts) -> None:
    their_values = case_tables.values_of(theirs, table)
    our_values = case_tables.values_of(ours, table)
    for their_id, our_id in mapping.items():
        have = our_values.get(our_id)
        if have is None:
            continue
        added = dict(have)
        for name, value in their_values.get(their_id, {}).items():
            same = next((n for n in have if n.casefold() == name.casefold()), None)
            label = case_tables.label(ours, table, our_id)
            if same is not None:
                if display(have[same]) != display(value):
                    conflict(table.rstrip("s"), "", label,
                             f"{same} is {display(value)} in {source}; kept ours "
                             f"({display(have[same])})")
                continue
            typed = _typed(ours, name, value)
            if isinstance(typed, BadInput):
                conflict(table.rstrip("s"), "", label, f"{typed} Left out.")
            elif typed is not None:
                added[name] = typed
        if added != have:
            counts.values += len(added) - len(have)
            case_tables.set_values(ours, table, our_id, added)


def _typed(ours: Store, name: str, value: Any) -> Any:
    found = case_tables.definition(ours, name)
    if found is None:
        return value
    try:
        return parse_value(found.name, found.type, value, found.choices)
    except BadInput as exc:
        return exc
