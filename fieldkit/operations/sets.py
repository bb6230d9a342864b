"""``project.sets``: document sets and code sets, made by hand, from a query or from attributes.

A set is a named list of documents or of codes; analyses, searches and exports take one as a
filter. Sets travel through REFI-QDA ``<Sets>`` and through merges (by UUID).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput
from fieldkit.storage import analysis_rows, workbench_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

KINDS = ("documents", "codes")


@dataclass(slots=True)
class DocumentSet:
    """A set of documents or codes; ``members`` are their short ids, ``labels`` their titles or
    code paths."""

    id: int
    uuid: str
    name: str
    kind: str
    description: str
    members: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


class Sets:
    """The project's sets; reached as ``project.sets``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def all(self) -> list[DocumentSet]:
        return [self.get(r["id"]) for r in workbench_tables.sets(self._store)]

    def get(self, ref: str | int) -> DocumentSet:
        """A set by name, short id or UUID (NotFound names the sets there are)."""
        row = workbench_tables.find_set(self._store, ref)
        members = workbench_tables.set_members(self._store, row["id"], row["kind"])
        if row["kind"] == "documents":
            titles = analysis_rows.document_titles(self._store, members)
            labels = [titles[m] for m in members]
        else:
            labels = [self._project.code_path(m) for m in members]
        return DocumentSet(row["id"], row["uuid"], row["name"], row["kind"],
                           row["description"], members, labels)

    def members(self, ref: str | int, kind: str) -> list[int]:
        found = self.get(ref)
        if found.kind != kind:
            raise BadInput(f"'{found.name}' is a set of {found.kind}, not of {kind}.")
        return found.members

    def add(self, name: str, kind: str, members: Sequence[int | str], *,
            description: str = "", uuid: str | None = None) -> DocumentSet:
        """A new set of documents or codes (ids, UUIDs, titles' ids or code paths)."""
        name = name.strip()
        if not name:
            raise BadInput("A set needs a name.")
        if kind not in KINDS:
            raise BadInput(f"A set holds documents or codes, not '{kind}'.")
        keys = self._resolve(kind, members)
        if not keys:
            raise BadInput(f"The set '{name}' would be empty; nothing was made.")
        key = workbench_tables.add_set(self._store, name, kind, keys, description, uuid)
        return self.get(key)

    def add_from_query(self, name: str, expression: str, **where: object) -> DocumentSet:
        """A document set of the documents where a coding query finds text."""
        found = self._project.analysis.segments(expression, **where)  # type: ignore[arg-type]
        docs = list(dict.fromkeys(s.document_id for s in found))
        if not docs:
            raise BadInput(f"The query '{expression}' finds nothing, so the set '{name}' "
                           "would be empty; nothing was made.")
        return self.add(name, "documents", docs, description=f"query: {expression}")

    def add_from_attribute(self, name: str, attribute: str, value: str) -> DocumentSet:
        """A document set of the documents whose attribute (their own, their case's or their
        participant's) has this value: ``add_from_condition`` with ``attribute = value``."""
        quoted = '"' + attribute.strip().replace('"', '\\"') + '"'
        shown = '"' + value.strip().replace('"', '\\"') + '"'
        try:
            return self.add_from_condition(name, f"{quoted} = {shown}",
                                           description=f"{attribute} = {value}")
        except BadInput as problem:
            if "would be empty" not in str(problem) and "Unknown attribute" not in str(problem):
                raise
        raise BadInput(f"No document has {attribute} = {value}, so the set '{name}' would "
                       "be empty; nothing was made.")

    def add_from_condition(self, name: str, condition: str, *, kind: str = "documents",
                           description: str | None = None) -> DocumentSet:
        """A document set made from an attribute condition ("afdeling = Lasserij and jaren <
        5"). ``kind="documents"``: the documents whose values satisfy it (their own, else
        their case's — a document in a case, or holding a part of one — else their
        participant's; see ``fieldkit.analysis.attribute_facts``). ``kind="cases"``: the
        documents of the cases whose own values satisfy it (the documents in the case and
        those holding a part of it): sets hold documents or codes, so a "case set" is the
        document set of its cases' documents."""
        from fieldkit.analysis.attribute_facts import AttributeFacts

        facts = AttributeFacts.load(self._store)
        found = facts.condition(condition)
        if kind == "documents":
            docs = sorted(facts.documents_matching(found))
        elif kind == "cases":
            cases = {c for c in facts.case_names
                     if found.matches(facts.case_values(c), facts.types)}
            docs = sorted({d for c, d in facts.links[:, :2].tolist() if c in cases}
                          | {d for c, d in facts.parts[:, [0, 1]].tolist() if c in cases})
        else:
            raise BadInput(f"A set from a condition is made of documents or cases, not "
                           f"'{kind}'.")
        if not docs:
            raise BadInput(f"No {kind[:-1]} satisfies {condition.strip()}, so the set '{name}' "
                           "would be empty; nothing was made.")
        return self.add(name, "documents", docs,
                        description=description or f"{kind}: {condition.strip()}")

    def extend(self, ref: str | int, members: Sequence[int | str]) -> int:
        found = self.get(ref)
        return workbench_tables.add_members(self._store, found.id, found.kind,
                                            self._resolve(found.kind, members))

    def delete(self, ref: str | int) -> DocumentSet:
        found = self.get(ref)
        workbench_tables.delete_set(self._store, found.id, found.name)
        return found

    def coding_ids(self, document_set: str | None = None,
                   code_set: str | None = None) -> list[int] | None:
        """The codings in a document set's documents and of a code set's codes (None when no
        set is named): how exports and agreement take a set as their filter."""
        if not document_set and not code_set:
            return None
        scope = self._project.analysis.scope(document_set=document_set, code_set=code_set)
        table = self._project.analysis.table()
        return sorted(int(i) for i in table.id[table.mask(scope)])

    def _resolve(self, kind: str, members: Sequence[int | str]) -> list[int]:
        if kind == "documents":
            return [self._store.resolve("documents", m) for m in members]
        return [self._project.code(m).id for m in members]
