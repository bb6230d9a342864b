"""``project.attributes``: typed definitions, values on cases and documents, conditions; bad
input refused in one line with nothing changed; every change one undo step."""

from __future__ import annotations

import pytest

from fieldkit.core.attributes import parse_condition
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.project import Project
from fieldkit.storage import case_tables


def state(p: Project) -> tuple:
    """Everything attributes can change: definitions and every row's values."""
    return ([(a.name, a.type, a.choices) for a in case_tables.definitions(p._store)],
            {t: case_tables.values_of(p._store, t) for t in case_tables.HOLDERS})


@pytest.fixture
def study(project: Project) -> Project:
    for name in ("Jan", "Ilse", "Ahmed"):
        project.cases.add(name)
    for title in ("Bezoek 1", "Bezoek 2", "Jan"):
        project.add_note(site="Metaal", title=title, text=f"{title} 👍")
    return project


def test_values_are_stored_typed(study: Project) -> None:
    study.attributes.define("jaren", "number")
    study.attributes.define("start", "date")
    study.attributes.define("leerling", "boolean")
    study.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    study.attributes.set("case:Jan", "jaren", "3,5")
    study.attributes.set("Ilse", "jaren", "12")
    study.attributes.set("case:Jan", "start", "1-3-2024")
    study.attributes.set("Ilse", "leerling", "nee")
    study.attributes.set("Ahmed", "afdeling", "lasserij")
    study.attributes.set(1, "opmerking", "eerste bezoek")  # a new name: defined as text
    cases = {c.name: c.attributes for c in study.cases.all()}
    assert cases == {"Jan": {"jaren": 3.5, "start": "2024-03-01"},
                     "Ilse": {"jaren": 12, "leerling": False},
                     "Ahmed": {"afdeling": "Lasserij"}}
    assert study.attributes.values("documents")[1] == {"opmerking": "eerste bezoek"}
    assert study.attributes.get("opmerking").type == "text"
    infos = {a.name: (a.type, a.cases, a.documents) for a in study.attributes.all()}
    assert infos == {"jaren": ("number", 2, 0), "start": ("date", 1, 0),
                     "leerling": ("boolean", 1, 0), "afdeling": ("choice", 1, 0),
                     "opmerking": ("text", 0, 1)}
    # a blank clears; one undo step each
    study.attributes.set("case:Jan", "jaren", "")
    assert study.cases.get("Jan").attributes == {"start": "2024-03-01"}
    assert study.undo_label() == "Set jaren of case Jan"
    study.undo()
    assert study.cases.get("Jan").attributes == {"jaren": 3.5, "start": "2024-03-01"}


def test_wrong_values_and_unknown_targets_change_nothing(study: Project) -> None:
    study.attributes.define("jaren", "number")
    study.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    study.attributes.set("case:Jan", "jaren", "3")
    before, label = state(study), study.undo_label()
    with pytest.raises(BadInput, match=r"'drie' is not a number \(attribute jaren\)"):
        study.attributes.set("case:Jan", "jaren", "drie")
    with pytest.raises(BadInput, match="not one of the choices"):
        study.attributes.set("case:Jan", "afdeling", "Kantine")
    with pytest.raises(BadInput, match="names a case and 1 document"):
        study.attributes.set("Jan", "jaren", "4")  # a case and a document are called Jan
    with pytest.raises(NotFound, match="no case or document 'Piet'"):
        study.attributes.set("Piet", "jaren", "4")
    with pytest.raises(NotFound, match="no case 'Piet'"):
        study.attributes.set("case:Piet", "jaren", "4")
    with pytest.raises(NotFound, match="no document '99'"):
        study.attributes.set("doc:99", "jaren", "4")
    with pytest.raises(BadInput, match="already an attribute 'jaren'"):
        study.attributes.define("JAREN", "text")
    with pytest.raises(BadInput, match="Unknown attribute type 'getal'"):
        study.attributes.define("leeftijd", "getal")
    with pytest.raises(BadInput, match="needs its choices"):
        study.attributes.define("ploeg", "choice")
    study.attributes.change("jaren", type="text")
    study.attributes.set("case:Ilse", "jaren", "x")
    between = state(study)
    with pytest.raises(BadInput, match=r"case Ilse: 'x' is not a number"):
        study.attributes.change("jaren", type="number")
    assert state(study) == between
    study.undo()  # the two steps that worked: Ilse's value, the type change
    study.undo()
    assert state(study) == before and study.undo_label() == label


def test_changing_a_type_converts_every_value_or_nothing(study: Project) -> None:
    study.attributes.set("case:Jan", "jaren", "3")
    study.attributes.set("case:Ilse", "jaren", "12")
    assert study.attributes.get("jaren").type == "number"
    study.attributes.change("jaren", type="text", rename="Jaren in dienst")
    assert {c.name: c.attributes for c in study.cases.all()}["Jan"] == {"Jaren in dienst": "3"}
    study.attributes.set("case:Ahmed", "jaren in dienst", "veel")
    before = state(study)
    with pytest.raises(BadInput, match=r"case Ahmed: 'veel' is not a number"):
        study.attributes.change("Jaren in dienst", type="number")
    assert state(study) == before
    study.undo()  # Ahmed's value
    study.attributes.change("Jaren in dienst", type="number")
    assert study.cases.get("Ilse").attributes == {"Jaren in dienst": 12}
    study.attributes.change("Jaren in dienst", type="choice", choices=["3", "12"])
    assert study.cases.get("Ilse").attributes == {"Jaren in dienst": "12"}


def test_delete_takes_the_values_too_in_one_undo_step(study: Project) -> None:
    study.attributes.set("case:Jan", "ploeg", "vroeg")
    study.attributes.set("doc:2", "ploeg", "laat")
    study._store.add_participant("P01", attributes={"Ploeg": "vroeg"})
    before = state(study)
    study.attributes.delete("PLOEG")
    after = state(study)
    assert after[0] == [] and all(v == {} for rows in after[1].values() for v in rows.values())
    assert study.undo_label() == "Delete attribute ploeg"
    study.undo()
    assert state(study) == before
    with pytest.raises(NotFound, match="no attribute 'shift'"):
        study.attributes.delete("shift")


def test_a_name_in_use_without_a_definition_is_typed_by_its_values(project: Project) -> None:
    """An ESM or REFI import writes values as text, without a definition."""
    project._store.add_participant("P01", attributes={"jaren": "3"})
    project._store.add_participant("P02", attributes={"jaren": "7"})
    found = {a.name: (a.type, a.defined) for a in project.attributes.all()}
    assert found == {"jaren": ("number", False)}
    assert project.attributes.get("jaren").id == 0
    before = state(project)
    project.attributes.define("jaren", "number")
    assert [v["jaren"] for v in project.attributes._stored()["participants"].values()] == [3, 7]
    project.undo()
    assert state(project) == before


def brute(values: dict, condition: str, types: dict[str, str]) -> list[int]:
    parsed = parse_condition(condition)
    return sorted(k for k, v in values.items() if parsed.matches(v, types))


def test_matching_cases_and_documents(study: Project) -> None:
    store = study._store
    person = store.add_participant("P01", attributes={"afdeling": "Montage", "jaren": "20"})
    store.update_document(2, {"participant_id": person})
    study.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    study.attributes.define("jaren", "number")
    study.attributes.set("case:Jan", "afdeling", "Lasserij")
    study.attributes.set("case:Jan", "jaren", "3")
    study.attributes.set("case:Ilse", "afdeling", "Lasserij")
    study.attributes.set("case:Ilse", "jaren", "8")
    study.attributes.set("case:Ahmed", "jaren", "4")
    study.cases.add_documents("Jan", [1])
    study.attributes.set("doc:1", "jaren", "1")  # its own value before its case's
    found = study.attributes.matching("afdeling = lasserij and jaren < 5")
    assert found.cases == [study.cases.get("Jan").id]
    # document 1: its own jaren (1), Jan's afdeling; document 2: its participant's values
    assert found.documents == [1]
    assert study.attributes.matching("jaren >= 20 of afdeling = Montage").documents == [2]
    assert study.attributes.matching("not afdeling = Lasserij").cases == [
        study.cases.get("Ahmed").id]
    with pytest.raises(BadInput, match="Unknown attribute 'leeftijd'"):
        study.attributes.matching("leeftijd > 3")
    types = study.attributes.types()
    cases = study.attributes.values("cases")
    for condition in ("jaren > 3", "afdeling != Lasserij", "jaren <= 8 and afdeling ~ ass"):
        assert study.attributes.matching(condition).cases == brute(cases, condition, types)


def test_matching_reads_undefined_text_values_as_their_type(project: Project) -> None:
    """An import's "12" and "3" (text, no definition yet) compare as numbers, not as text."""
    for name, years in (("Jan", "12"), ("Ilse", "3")):
        project._store.add_case(name, attributes={"jaren": years, "Afdeling": "Lasserij"})
    before = state(project)
    found = project.attributes.matching("jaren < 5 and afdeling = lasserij")
    assert found.cases == [project.cases.get("Ilse").id]
    assert state(project) == before  # a question writes nothing


def test_names_differing_only_in_case_of_accented_letters_are_one(project: Project) -> None:
    project.attributes.define("één", "number")
    with pytest.raises(BadInput, match="already an attribute 'één'"):
        project.attributes.define("ÉÉN", "text")
    project.cases.add("Renée")
    project.attributes.set("case:RENÉE", "ÉÉN", "1")
    assert project.cases.get("renée").attributes == {"één": 1}
    with pytest.raises(BadInput, match="already a case 'Renée'"):
        project.cases.add("RENÉE")


def test_set_many_is_one_undo_step_or_nothing(study: Project) -> None:
    jan, ilse, ahmed = (study.cases.get(n).id for n in ("Jan", "Ilse", "Ahmed"))
    with study._store.change("an import's text value"):
        study._store.update("cases", ahmed, {"attributes": '{"jaren": "20"}'})
    study.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
    before = state(study)
    with pytest.raises(BadInput, match=r"case Ilse: 'Kantine' is not one of the choices"):
        study.attributes.set_many("cases", {jan: {"afdeling": "lasserij", "jaren": "4"},
                                            ilse: {"afdeling": "Kantine"}})
    assert state(study) == before
    with pytest.raises(NotFound, match="no case 99"):
        study.attributes.set_many("cases", {99: {"jaren": "1"}})
    changed = study.attributes.set_many("cases", {
        jan: {"afdeling": "lasserij", "jaren": "4", "leerling": "ja"},
        ilse: {" Afdeling": "Montage", "jaren": "12,5"}})
    assert changed == 2
    assert {c.name: c.attributes for c in study.cases.all()} == {
        "Jan": {"afdeling": "Lasserij", "jaren": 4, "leerling": True},
        "Ilse": {"afdeling": "Montage", "jaren": 12.5},
        "Ahmed": {"jaren": 20}}  # typed when jaren was defined, in the same step
    assert study.undo_label() == "Set attributes of 2 cases"
    study.undo()
    assert state(study) == before


def test_lists_and_objects_an_import_stores_are_no_attributes(project: Project) -> None:
    """An ESM document's beeps and questions stay as the import wrote them."""
    beeps = [{"time": "2024-07-31T13:57:28", "answers": {"stress": 3}}]
    note = project.add_note(site="Metaal", title="ESM", text="tekst").id
    project._store.update_document(note, {"attributes": {"beeps": beeps, "date": "2024-07-31"}})
    assert [(a.name, a.type) for a in project.attributes.all()] == [("date", "date")]
    project.attributes.define("date", "date")
    project.attributes.set(f"doc:{note}", "beeps2", "tekst")
    assert project.attributes.values("documents")[note] == {
        "beeps": beeps, "date": "2024-07-31", "beeps2": "tekst"}
