"""Storing a read REFI-QDA project's attribute definitions and cases (``refi_import`` calls
this after the sources, inside its one transaction).

Every variable but the ones fieldkit writes a document's facts in (kind, site, visit date,
participant, recording) becomes an attribute definition under the variable's GUID, with the
type ``importers.refi_cases`` settled on, in the order the file lists them. Each case is stored
with its values, its documents and its parts (under their selection's GUID). A case that
fieldkit wrote for a participant (named by the pseudonym, holding every document of that
participant) is linked to the participant again instead of to those documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldkit.core.model import new_uuid

if TYPE_CHECKING:
    from fieldkit.importers.refi import RefiCase
    from fieldkit.operations.refi_import import _Import


def store_attributes(job: _Import) -> None:
    """One definition per variable that is not a document fact."""
    from fieldkit.importers.refi_cases import fact_variables
    from fieldkit.storage import case_tables

    facts = fact_variables()
    for variable in job.data.variables.values():  # each at the end: the file's order
        if variable.name in facts:
            continue
        uuid = variable.guid if job.store.id_by_uuid("attributes", variable.guid) is None \
            else new_uuid()
        case_tables.add_definition(job.store, variable.name, variable.type, variable.choices,
                                   uuid=uuid)


def store_cases(job: _Import) -> None:
    """Cases with their documents and parts; a repeated case name gets " (2)", " (3)" …"""
    names: set[str] = set()
    ours = job.data.origin.startswith("fieldkit")
    by_person: dict[str, set[int]] = {}  # pseudonym → the documents of that participant
    for summary in job.project.documents() if ours else []:
        if summary.participant:
            by_person.setdefault(summary.participant, set()).add(summary.id)
    for case in job.data.cases:
        name, n = case.name, 2
        while name.casefold() in names:
            name, n = f"{case.name} ({n})", n + 1
        names.add(name.casefold())
        case_id = job.store.add_case(name, case.description, case.variables, uuid=case.guid)
        documents = [job.doc_ids[g] for g in dict.fromkeys(case.source_guids)
                     if g in job.doc_ids]
        missing = len(dict.fromkeys(case.source_guids)) - len(documents)
        if ours:
            documents = _relink_participant(job, case_id, name, documents, by_person)
        for doc_id in documents:
            job.store.add_to_case(case_id, document_id=doc_id)
        missing += _store_parts(job, case_id, case)
        if missing:
            job.warnings.append(f"Case '{name}': left out {missing} member(s) that are not in "
                                "the project.")


def _store_parts(job: _Import, case_id: int, case: RefiCase) -> int:
    """The case's parts, each kept inside its document's text; returns how many were left out
    (their source is not in the project)."""
    from fieldkit.storage import case_tables

    missing = 0
    for part in case.parts:
        doc_id = job.doc_ids.get(part.source_guid)
        if doc_id is None:
            missing += 1
            continue
        uuid = part.guid if part.guid and job.store.id_by_uuid("case_parts", part.guid) is None \
            else new_uuid()
        case_tables.add_part(job.store, case_id, doc_id, part.start, part.end, uuid=uuid)
    return missing


def _relink_participant(job: _Import, case_id: int, name: str, documents: list[int],
                        by_person: dict[str, set[int]]) -> list[int]:
    """A case named by a participant's pseudonym that holds every one of that participant's
    documents is that participant's case (fieldkit writes a participant's documents as the
    case's sources): link the participant; the other documents stay members."""
    theirs = by_person.get(name, set())
    person = job.store.participant_by_pseudonym(name) if theirs else None
    if person is None or not theirs <= set(documents):
        return documents
    job.store.add_to_case(case_id, participant_id=person.id)
    return [doc_id for doc_id in documents if doc_id not in theirs]
