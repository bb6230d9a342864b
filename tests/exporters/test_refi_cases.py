"""REFI-QDA cases and typed attributes, both ways: export valid against the schema, imported
again exactly (cases, documents, parts, definitions, values on cases and documents), names
replaced in a pseudonymised export with the parts moving with the text."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from fieldkit.project import Project

from .conftest import FIELDNOTE, TRANSCRIPT, require_fixtures

NS = {"q": "urn:QDA-XML:project:1.0"}
# ESM answers (beeps, questions: structures, not values) and participants' attributes
# (department, shift): REFI-QDA has no place for them
NOT_IN_REFI = ("beeps", "questions", "department", "shift")


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _doc(project: Project, title: str) -> int:
    return next(d.id for d in project.documents() if d.title == title)


def add_cases(project: Project) -> None:
    """Typed attributes (a closed list with an unused choice, whole and decimal numbers, a
    date, yes/no, text that looks like a closed list) and three cases: one with a document
    and parts (one over the emoji), one of a participant, one named after a real name."""
    attributes = project.attributes
    attributes.define("afdeling", "choice", ["Lasserij", "Zetterij", "Montage"])
    attributes.define("jaren_in_dienst", "number")
    attributes.define("score", "number")
    attributes.define("gestart", "date")
    attributes.define("leerling", "boolean")
    attributes.define("opmerking", "text")
    attributes.define("nooit_gebruikt", "date")
    note, transcript = _doc(project, "Kantbank ochtend"), _doc(project, "Interview Ahmed")
    esm = _doc(project, "ESM P01 2024-03-06")
    lasser = project.cases.add("Lasser A", documents=[note], description="Vroege ploeg")
    project.cases.add_part(lasser.id, note, *span(FIELDNOTE, "🙂 Daarna probeerde ik"))
    project.cases.add_part(lasser.id, transcript, *span(TRANSCRIPT, "Gewoon door mee te kijken"))
    named = project.cases.add("Ahmed Yilmaz", description="Named after the operator")
    project.cases.add_part(named.id, note, *span(FIELDNOTE, "Ahmed Yilmaz zien hoe"))
    project.cases.from_participants()  # "P01": the transcript and the ESM day
    for target, name, value in [
            (lasser, "afdeling", "Lasserij"), (lasser, "jaren_in_dienst", 4),
            (lasser, "score", 7.25), (lasser, "gestart", "2020-09-01"),
            (lasser, "leerling", False), (lasser, "opmerking", "Lasserij"),
            (named, "afdeling", "Zetterij"), (named, "jaren_in_dienst", 12),
            (named, "score", 8), (named, "leerling", True), (named, "opmerking", "Lasserij"),
            (note, "score", 0.00001), (transcript, "gestart", "2024-03-05"),
            (esm, "leerling", True), (transcript, "opmerking", "Ahmed Yilmaz vertelt")]:
        attributes.set(target, name, value)


def truth(project: Project) -> dict[str, Any]:
    """What must survive: definitions in order, cases with members and values, document
    values (typed: 8 and 8.0 differ here)."""
    uuid = {d.id: d.uuid for d in project.documents()}
    people = {p.id: p.pseudonym for p in project.participants()}

    def typed(values: dict[str, Any]) -> dict[str, tuple[str, Any]]:
        return {k: (type(v).__name__, v) for k, v in values.items() if k not in NOT_IN_REFI}

    return {
        "attributes": [(a.name, a.type, a.choices) for a in project.attributes.all()
                       if a.name not in NOT_IN_REFI],
        "cases": sorted((c.name, c.description, typed(c.attributes),
                         sorted(uuid[d] for d in c.documents),
                         sorted((uuid[p[0]], p[1], p[2]) for p in c.parts),
                         sorted(people[p] for p in c.participants))
                        for c in project.cases.all()),
        "documents": {uuid[k]: typed(v) for k, v in
                      project.attributes.values("documents").items() if v},
    }


def test_cases_and_typed_attributes_round_trip_exactly(project: Project, tmp_path: Path) -> None:
    add_cases(project)
    expected = truth(project)
    assert len(expected["cases"]) == 4 and expected["documents"]  # Zetterij, Lasser A, …
    out = project.exports.qdpx(tmp_path / "cases.qdpx")
    schema = etree.XMLSchema(etree.parse(str(require_fixtures() / "Project-mrt2019.xsd")))
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.endswith(".txt")}
    assert schema.validate(root), schema.error_log
    kinds = {v.get("name"): v.get("typeOfVariable") for v in root.iterfind(".//q:Variable", NS)}
    assert {k: kinds[k] for k in ("afdeling", "jaren_in_dienst", "score", "gestart",
                                  "leerling", "opmerking", "nooit_gebruikt")} == {
        "afdeling": "Text", "jaren_in_dienst": "Integer", "score": "Float", "gestart": "Date",
        "leerling": "Boolean", "opmerking": "Text", "nooit_gebruikt": "Date"}
    assert sorted(f.text for f in root.iterfind(".//q:FloatValue", NS)) == ["0.00001", "7.25", "8"]
    # QualCoder takes a case without a name for a document's variables, and finds a value's
    # variable by its GUID: every case is named, every value's variable declared
    assert all(c.get("name") for c in root.iterfind(".//q:Case", NS))
    declared = {v.get("guid") for v in root.iterfind(".//q:Variable", NS)}
    assert {r.get("targetGUID") for r in root.iterfind(".//q:VariableRef", NS)} <= declared
    # every SelectionRef names an uncoded selection whose text is the part's (brute force)
    selections = {s.get("guid"): (s, s.getparent()) for s in
                  root.iterfind(".//q:PlainTextSelection", NS)}
    quoted = []
    for ref in root.iterfind(".//q:Case/q:SelectionRef", NS):
        selection, source = selections[ref.get("targetGUID")]
        assert selection.find("q:Coding", NS) is None
        # QualCoder makes an uncoded selection an annotation of its Description
        assert selection.findtext("q:Description", namespaces=NS) == \
            f"Case: {ref.getparent().get('name')}"
        text = texts[f"sources/{source.get('guid')}.txt"]
        quoted.append(text[int(selection.get("startPosition")):int(selection.get("endPosition"))])
    assert sorted(quoted) == sorted(["🙂 Daarna probeerde ik", "Gewoon door mee te kijken",
                                     "Ahmed Yilmaz zien hoe"])
    with Project.import_qdpx(out, tmp_path / "again.fieldkit") as again:
        assert truth(again) == expected
        assert again.imports.warnings == []
        second = again.exports.qdpx(tmp_path / "again.qdpx")
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(second) as b:
        assert a.read("project.qde") == b.read("project.qde")


def test_a_pseudonymised_export_replaces_case_names_and_values_and_moves_parts(
        project: Project, tmp_path: Path) -> None:
    add_cases(project)
    out = project.exports.qdpx(tmp_path / "p.qdpx", pseudonymise=True)
    with zipfile.ZipFile(out) as archive:
        qde = archive.read("project.qde").decode("utf-8")
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.endswith(".txt")}
    assert "Ahmed" not in qde and "Yilmaz" not in qde
    assert not any("Yilmaz" in t for t in texts.values())
    with Project.import_qdpx(out, tmp_path / "back.fieldkit") as back:
        cases = {c.name: c for c in back.cases.all()}
        assert sorted(cases) == ["Lasser A", "P01", "P01 (2)", "Zetterij"]
        # the case named after the operator is "P01" too: one of the two gets " (2)"
        renamed = next(c for c in cases.values() if c.description == "Named after the operator")
        [(doc_id, start, end)] = renamed.parts
        text = back.document(doc_id).text
        assert text[start:end] == "P01 zien hoe"  # the part moved with the replaced name
        note_id = _doc(back, "Kantbank ochtend")
        note = back.document(note_id).text
        assert [note[s:e] for d, s, e in cases["Lasser A"].parts if d == note_id] == \
            ["🙂 Daarna probeerde ik"]
        values = back.attributes.values("documents")
        assert values[_doc(back, "Interview P01")]["opmerking"] == "P01 vertelt"


def test_merging_the_export_brings_cases_and_attributes_once(project: Project,
                                                             tmp_path: Path) -> None:
    # ``fieldkit merge X.qdpx`` reads the archive into a project and merges that by UUID:
    # into an empty project everything arrives; into the project it came from, nothing doubles
    # (parts are matched by their span, their selection GUIDs being derived ones).
    add_cases(project)
    expected = truth(project)
    out = project.exports.qdpx(tmp_path / "cases.qdpx")
    project.merge.project(out)
    assert truth(project) == expected
    with Project.create(tmp_path / "empty.fieldkit") as empty:
        empty.merge.project(out)
        assert truth(empty) == expected
