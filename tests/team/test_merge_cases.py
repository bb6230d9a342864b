"""Merging a colleague's cases: attribute definitions and case parts by UUID, values a case of
ours lacks added, differing ones kept ours and reported; twice is once; one undo step."""

from __future__ import annotations

from fieldkit.project import Project
from fieldkit.storage import case_tables

from .conftest import Study


def everything(p: Project) -> tuple:
    return ([(a.uuid, a.name, a.type, a.choices) for a in case_tables.definitions(p._store)],
            [(c.uuid, c.name, c.attributes, sorted(p.document(d).uuid for d in c.documents),
              [(p.document(d).uuid, s, e) for d, s, e in c.parts]) for c in p.cases.all()])


def test_definitions_parts_and_values_come_in_once(study: Study) -> None:
    anna, bram = study.copy("anna"), study.copy("bram")
    with Project.open(bram) as p:
        p.set_coder("Bram")
        p.attributes.define("jaren", "number")
        p.attributes.define("afdeling", "choice", ["Lasserij", "Zagerij"])
        p.attributes.set("case:Ahmed", "jaren", "4")
        p.attributes.set("case:Ahmed", "afdeling", "Zagerij")
        p.cases.add("Worker", speaker="Worker")
        p.attributes.set("case:Worker", "jaren", "9")
        p.attributes.set(f"doc:{study.note}", "afdeling", "lasserij")
        theirs = everything(p)
    with Project.open(anna) as p:
        p.set_coder("Anna")
        p.attributes.define("afdeling", "text")  # the same name, another type: ours kept
        p.attributes.set("case:Ahmed", "afdeling", "Zaag")
        before = everything(p)
        summary = p.merge.project(bram)
        assert (summary.attributes, summary.case_parts, summary.cases) == (1, 1, 1)
        assert summary.attribute_values == 2  # Ahmed's jaren, the note's afdeling
        conflicts = {(c.kind, c.name): c.detail for c in summary.conflicts}
        assert "kept ours (a text)" in conflicts[("attribute", "afdeling")]
        assert "afdeling is Zagerij in bram.fieldkit; kept ours (Zaag)" in \
            conflicts[("case", "Ahmed")]
        ours = everything(p)
        jaren = next(d for d in theirs[0] if d[1] == "jaren")
        assert jaren in ours[0]  # by its UUID
        cases = {c[1]: c for c in ours[1]}
        assert cases["Worker"] == next(c for c in theirs[1] if c[1] == "Worker")
        assert cases["Ahmed"][2] == {"afdeling": "Zaag", "jaren": 4}
        assert p.attributes.values("documents")[p.document(study.note).id] == {
            "afdeling": "Lasserij"}
        again = p.merge.project(bram)
        assert not again.changed and everything(p) == ours
        assert p.undo_label() == "Merge bram.fieldkit"  # the second changed nothing
        p.undo()
        assert everything(p) == before and case_tables.parts(p._store) == []


def test_a_participants_values_merge_attribute_by_attribute(study: Study) -> None:
    """Both values of one participant survive a merge (before, a participant of ours kept only
    its own values); one attribute both set differently stays ours and is reported."""
    anna, bram = study.copy("anna"), study.copy("bram")

    def set_values(p: Project, values: dict) -> None:
        person = p._store.participant_by_pseudonym("Ahmed")
        case_tables.set_values(p._store, "participants", person.id, values)

    with Project.open(bram) as p:
        set_values(p, {"leeftijd": 30, "functie": "Lasser"})
    with Project.open(anna) as p:
        set_values(p, {"functie": "Zager", "ploeg": "nacht 🌙"})
        summary = p.merge.project(bram)
        person = p._store.participant_by_pseudonym("Ahmed")
        assert case_tables.values_of_one(p._store, "participants", person.id) == {
            "functie": "Zager", "ploeg": "nacht 🌙", "leeftijd": 30}
        assert [(c.kind, c.name, c.detail) for c in summary.conflicts] == [
            ("participant", "Ahmed", "functie is Lasser in bram.fieldkit; kept ours (Zager)")]
