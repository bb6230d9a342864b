"""``project.cases``: cases, the units of analysis (a worker, a team, a plant).

A case groups whole documents (``case_documents``), participants (``case_participants``: their
documents belong to it) and parts of documents (``case_parts``: a transcript's turns of one
speaker, one respondent's answer). Attributes on a case are set through
``project.attributes``. Every change is one undo step.

A coding belongs to a case when its document is in the case, its document's participant is
linked to the case, or it overlaps (by at least one code point) a part of the case in its
document (``coding_cases``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import parse_value
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import Case
from fieldkit.core.names import check_name
from fieldkit.storage import analysis_rows, case_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

CASE_NAME_MAX = 200


@dataclass(slots=True)
class CaseInfo:
    """A case with its attribute values and members: documents in it whole, parts of documents
    as (document, start, end), and linked participants (all by short id)."""

    id: int
    uuid: str
    name: str
    description: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    documents: list[int] = field(default_factory=list)
    parts: list[tuple[int, int, int]] = field(default_factory=list)
    participants: list[int] = field(default_factory=list)


class Cases:
    """The project's cases; reached as ``project.cases``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def __call__(self) -> list[Case]:
        """Every case as the domain's ``Case`` (``project.cases()``, which the navigator and
        the exports call): id, name, description, attributes."""
        return self._store.cases()

    # -- reading ---------------------------------------------------------------------------

    def all(self) -> list[CaseInfo]:
        """Every case, by name, with its attributes and members."""
        docs, people, parts = case_tables.memberships(self._store)
        return [CaseInfo(int(r["id"]), r["uuid"], r["name"], r["description"],
                         case_tables.values_of_row(r["attributes"]), docs.get(r["id"], []),
                         parts.get(r["id"], []), people.get(r["id"], []))
                for r in case_tables.case_rows(self._store)]

    def get(self, ref: str | int | CaseInfo) -> CaseInfo:
        """A case by name (without regard to case), short id or UUID; NotFound lists the
        names there are."""
        if isinstance(ref, CaseInfo):
            ref = ref.id
        found = case_tables.case_row(self._store, ref)
        if found is None:
            names = case_tables.case_names(self._store)
            shown = ", ".join(names[:20]) + (" …" if len(names) > 20 else "") or "none yet"
            raise NotFound(f"There is no case '{ref}' in this project (cases: {shown}).")
        return self._info(found)

    def _info(self, row: Any) -> CaseInfo:
        key = int(row["id"])
        people = self._store.case_members(key)[1]
        return CaseInfo(key, row["uuid"], row["name"], row["description"],
                        case_tables.values_of_row(row["attributes"]),
                        case_tables.case_documents(self._store, key),
                        [(d, s, e) for _c, d, s, e in case_tables.parts(self._store, key)],
                        sorted(people))

    # -- making and changing ---------------------------------------------------------------

    def add(self, name: str, *, documents: Sequence[int | str] = (),
            speaker: str | None = None, description: str = "") -> CaseInfo:
        """A new case. Without ``speaker`` the ``documents`` belong to it whole; with it, that
        speaker's turns in ``documents`` (or in every transcript when none are given) become
        its parts. A name already used, an unknown document or a speaker with no turn there is
        refused and nothing is made."""
        name = check_name(name, "case", CASE_NAME_MAX)
        self._unused(name)
        docs = [self._store.resolve("documents", d) for d in documents]
        parts = self._speaker_parts(speaker, docs) if speaker is not None else []
        with self._store.change(f"Add case {name}"):
            key = self._store.add_case(name, description)
            for doc in ([] if speaker is not None else dict.fromkeys(docs)):
                self._store.add_to_case(key, document_id=doc)
            for doc, start, end in parts:
                case_tables.add_part(self._store, key, doc, start, end)
        return self.get(key)

    def _unused(self, name: str, *, but: int | None = None) -> None:
        found = case_tables.case_row(self._store, name)
        if found is not None and found["name"].casefold() == name.casefold() \
                and found["id"] != but:
            raise BadInput(f"There is already a case '{found['name']}'; choose another name.")

    def _speaker_parts(self, speaker: str, docs: list[int]) -> list[tuple[int, int, int]]:
        who = speaker.strip()
        if not who:
            raise BadInput("A speaker needs a name.")
        if not docs:
            docs = [d.id for d in self._store.document_summaries(kind="transcript")]
        found = [(doc, t.start, t.end) for doc in docs for t in self._store.turns(doc)
                 if t.speaker.strip().casefold() == who.casefold() and t.end > t.start]
        if not found:
            where = "these documents" if docs else "this project (it has no transcripts)"
            raise BadInput(f"No turn of speaker '{who}' in {where}; nothing was made.")
        return found

    def rename(self, ref: str | int | CaseInfo, name: str) -> CaseInfo:
        case = self.get(ref)
        name = check_name(name, "case", CASE_NAME_MAX)
        self._unused(name, but=case.id)
        with self._store.change(f"Rename case {case.name}"):
            case_tables.update_case(self._store, case.id, {"name": name})
        return self.get(case.id)

    def describe(self, ref: str | int | CaseInfo, text: str) -> CaseInfo:
        case = self.get(ref)
        with self._store.change(f"Describe case {case.name}"):
            case_tables.update_case(self._store, case.id, {"description": text})
        return self.get(case.id)

    def delete(self, ref: str | int | CaseInfo) -> CaseInfo:
        """Delete a case and its memberships (the documents themselves stay): one undo step."""
        case = self.get(ref)
        case_tables.delete_case(self._store, case.id, case.name)
        return case

    def add_documents(self, ref: str | int | CaseInfo, doc_ids: Iterable[int | str]) -> int:
        """Put documents in a case whole; returns how many were not in it yet."""
        case = self.get(ref)
        docs = [self._store.resolve("documents", d) for d in doc_ids]
        new = [d for d in dict.fromkeys(docs) if d not in case.documents]
        with self._store.change(f"Add to case {case.name}"):
            for doc in new:
                self._store.add_to_case(case.id, document_id=doc)
        return len(new)

    def remove_documents(self, ref: str | int | CaseInfo, doc_ids: Iterable[int | str]) -> int:
        """Take documents out of a case; returns how many were in it."""
        case = self.get(ref)
        docs = [self._store.resolve("documents", d) for d in doc_ids]
        with self._store.change(f"Remove from case {case.name}"):
            return case_tables.remove_documents(self._store, case.id, docs)

    def add_part(self, ref: str | int | CaseInfo, doc: int | str, start: int,
                 end: int) -> CaseInfo:
        """Make ``[start, end)`` of a document (code points) a part of the case."""
        case = self.get(ref)
        key = self._store.resolve("documents", doc)
        length = len(self._store.document(key).text)
        if not 0 <= start < end <= length:
            raise BadInput(f"{start}–{end} is not a part of document {key} "
                           f"(its text has {length} characters; start < end).")
        with self._store.change(f"Add part to case {case.name}"):
            case_tables.add_part(self._store, case.id, key, start, end)
        return self.get(case.id)

    def from_participants(self) -> list[CaseInfo]:
        """One case per participant (named by pseudonym, linked to it, with a copy of its
        attributes); participants already linked to a case, or whose pseudonym names a case
        already, are skipped. Returns the cases made."""
        linked = case_tables.participant_cases(self._store)
        made: list[int] = []
        with self._store.change("Cases from participants"):
            for person in self._store.participants():
                if person.id in linked or case_tables.case_row(self._store,
                                                               person.pseudonym) is not None:
                    continue
                key = self._store.add_case(person.pseudonym,
                                           attributes=self._typed(person.attributes))
                self._store.add_to_case(key, participant_id=person.id)
                made.append(key)
        return [self.get(key) for key in made]

    def _typed(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values copied from a participant, typed as their definitions say (a value that does
        not fit, or a name without a definition, stays as it was)."""
        out = {}
        for name, value in values.items():
            found = case_tables.definition(self._store, name)
            try:
                out[name] = value if found is None else parse_value(
                    found.name, found.type, value, found.choices)
            except BadInput:
                out[name] = value
            if out[name] is None:
                del out[name]
        return out

    # -- membership of codings -------------------------------------------------------------

    def coding_cases(self) -> dict[int, list[int]]:
        """coding id → the ids of the cases it belongs to (see the module docstring); codings
        in no case are left out."""
        whole: dict[int, set[int]] = {}
        for case, doc in analysis_rows.case_documents(self._store):
            whole.setdefault(int(doc), set()).add(int(case))
        parts: dict[int, list[tuple[int, int, int]]] = {}
        for case, doc, start, end in analysis_rows.case_parts(self._store):
            parts.setdefault(doc, []).append((start, end, case))
        flat = analysis_rows.segment_columns(self._store)
        out: dict[int, list[int]] = {}
        for i in range(0, len(flat), 4):
            coding, doc, start = flat[i], flat[i + 1] >> 32, flat[i + 1] & 0xFFFFFFFF
            end = flat[i + 3] >> 1
            found = set(whole.get(doc, ()))
            if start != 0xFFFFFFFF:
                found.update(c for s, e, c in parts.get(doc, ()) if s < end and start < e)
            if found:
                out[coding] = sorted(found)
        return out
