"""Schema step 14: attribute definitions and case parts, and the migration that types the
attribute values a project already holds."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.project import Project
from fieldkit.storage import case_tables, database, identity, replica_tables, schema

TEXT = "Interviewer: Hoe leer je dat? 😀\nJan: Gewoon kijken bij Piet.\nInterviewer: En?\n"
JAN = (TEXT.index("Jan:"), TEXT.index("\nInterviewer: En"))  # Jan's turn, in code points


def build_step_13(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A project as fieldkit of schema step 13 wrote it: attribute values as strings on
    documents, participants and a case, one name spelled in two ways."""
    with monkeypatch.context() as m:
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:13])
        with Project.create(path) as p:
            p.set_coder("Bram", remember=False)
            store = p._store
            people = [store.add_participant(f"P0{i}", attributes=values) for i, values in
                      enumerate([{"afdeling": "Lasserij", "jaren": "3", "leerling": "ja"},
                                 {"afdeling": "Montage", "jaren": "12,5", "leerling": "nee"},
                                 {"afdeling": "lasserij", "jaren": "7"}], start=1)]
            docs = [p.add_note(site="Metaal", title=f"Bezoek {i}", text="tekst").id
                    for i in range(3)]
            store.update_document(docs[0], {"attributes": {"start": "1-3-2024",
                                                           "opmerking": "eerste",
                                                           "codes": ["Leren", "Tijd"],
                                                           "taken": "2024-03-01T09:14:00"}})
            store.update_document(docs[1], {"attributes": {"start": "2024-03-08",
                                                           "opmerking": "tweede"}})
            case = store.add_case("Team A", attributes={"Afdeling": "Montage",
                                                        "ploeg": "vroeg"})
            assert store.value("PRAGMA user_version") == 13
            ids = {"p1": people[0], "p2": people[1], "p3": people[2], "d0": docs[0],
                    "d1": docs[1], "case": case}
    identity.known_tables.cache_clear()  # it was made of the first 13 steps only
    return ids


def test_step_14_defines_every_name_in_use_and_types_its_values(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Oud.fieldkit"
    ids = build_step_13(path, monkeypatch)
    with Project.open(path) as p:
        store = p._store
        assert store.value("PRAGMA user_version") == schema.latest_version() >= 14
        found = replica_tables.schema_of(store.conn)[1] - replica_tables.SQLITE_OWN
        assert found == replica_tables.expected_schema(schema.latest_version())
        defined = {a.name: (a.type, a.choices) for a in case_tables.definitions(store)}
        assert defined == {
            "afdeling": ("choice", ["Lasserij", "Montage"]),  # "lasserij" is the same choice
            "jaren": ("number", []), "leerling": ("boolean", []), "start": ("date", []),
            "opmerking": ("text", []), "ploeg": ("text", []),
            "taken": ("text", [])}  # a moment stays text: as a date it would lose its time;
        # "codes" holds only a list (an import's fact): no attribute
        people = case_tables.values_of(store, "participants")
        assert people[ids["p1"]] == {"afdeling": "Lasserij", "jaren": 3, "leerling": True}
        assert people[ids["p2"]] == {"afdeling": "Montage", "jaren": 12.5, "leerling": False}
        assert people[ids["p3"]] == {"afdeling": "Lasserij", "jaren": 7}
        docs = case_tables.values_of(store, "documents")
        assert docs[ids["d0"]] == {"start": "2024-03-01", "opmerking": "eerste",
                                   "codes": ["Leren", "Tijd"],  # an import's list: kept
                                   "taken": "2024-03-01T09:14:00"}
        assert docs[ids["d1"]] == {"start": "2024-03-08", "opmerking": "tweede"}
        # the case's "Afdeling" is the attribute afdeling, spelled as its definition
        assert case_tables.values_of(store, "cases")[ids["case"]] == {
            "afdeling": "Montage", "ploeg": "vroeg"}
        assert [x for x in p.check() if x.severity == "error"] == []
    backups = list((path / database.BACKUPS).glob("*before-migration-v13*.sqlite"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert json.loads(old.execute("SELECT attributes FROM participants WHERE id = ?",
                                  (ids["p2"],)).fetchone()[0])["jaren"] == "12,5"
    old.close()


def test_a_project_of_step_13_opened_read_only_reads_no_definitions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Oud.fieldkit"
    build_step_13(path, monkeypatch)
    with Project.open(path, readonly=True) as old:
        assert case_tables.definitions(old._store) == []
        assert case_tables.parts(old._store) == []
        assert {a.name for a in old.attributes.all()} >= {"afdeling", "jaren"}
        assert [c.name for c in old.cases.all()] == ["Team A"]


def _transcript(p: Project) -> int:
    turns = [Turn(0, JAN[0] - 1, "Interviewer"), Turn(*JAN, "Jan"),
             Turn(JAN[1] + 1, len(TEXT) - 1, "Interviewer")]
    return p.imports.document(ImportedDocument("transcript", "Interview Jan", TEXT,
                                               turns=turns), site="Metaal").id


def test_case_parts_go_with_their_document_and_come_back_with_undo(project: Project) -> None:
    doc = _transcript(project)
    case = project.cases.add("Jan", speaker="Jan")
    assert case.parts == [(doc, *JAN)]
    assert project.document(doc).text[slice(*JAN)] == "Jan: Gewoon kijken bij Piet."
    project.delete_document(doc)
    assert project.cases.get("Jan").parts == []
    assert case_tables.parts(project._store) == []
    project.undo()
    assert project.cases.get("Jan").parts == [(doc, *JAN)]


def test_deleting_a_case_takes_its_memberships_in_one_undo_step(project: Project) -> None:
    doc = _transcript(project)
    note = project.add_note(site="Metaal", title="Bezoek", text="tekst").id
    person = project._store.add_participant("P01")
    case = project.cases.add("Jan", speaker="Jan")
    project.cases.add_documents(case, [note])
    project._store.add_to_case(case.id, participant_id=person)
    before = project.cases.get("Jan")
    assert (before.documents, before.parts, before.participants) == \
        ([note], [(doc, *JAN)], [person])
    project.cases.delete("jan")
    assert project.cases.all() == []
    for table in ("case_documents", "case_participants", "case_parts"):
        assert project._store.value(f"SELECT count(*) FROM {table}") == 0
    project.undo()
    assert project.cases.get("Jan") == before


def test_a_case_part_is_a_span_of_at_least_one_code_point(project: Project) -> None:
    doc = _transcript(project)
    case = project._store.add_case("Jan")
    with pytest.raises(sqlite3.IntegrityError):
        with project._store.change("empty part"):
            project._store.insert("case_parts", {"uuid": "u1", "case_id": case,
                                                 "document_id": doc, "start": 5, "end": 5})
    assert case_tables.parts(project._store) == []


def test_check_reports_a_case_part_beyond_its_text(project: Project) -> None:
    doc = _transcript(project)
    project.cases.add("Jan", speaker="Jan")
    assert [x for x in project.check() if x.severity == "error"] == []
    with project._store.change("damage"):  # what another tool could leave
        project._store.update("case_parts", 1, {"end": len(TEXT) + 5})
    found = [x.message for x in project.check() if x.severity == "error"]
    assert found == [f"A part of case Jan ({JAN[0]}–{len(TEXT) + 5}) lies outside the text of "
                     f"document {doc} ({len(TEXT)} characters)."]
