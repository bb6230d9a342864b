"""A survey stored through ``project.imports``: cases per respondent with typed attributes,
documents per respondent or per question with turns and case parts, one undo step, nothing
stored on bad input, duplicates of the file skipped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput, DuplicateImport
from fieldkit.importers.survey import read_survey
from fieldkit.project import Project
from tests.importers import survey_files as files


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "S.fieldkit", name="Survey test")


def _table(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _counts(project: Project) -> tuple[int, int, int, int]:
    cases = project.cases.all()
    return (len(project.documents()), len(cases), len(project.attributes.all()),
            sum(len(c.parts) for c in cases))


def test_qualtrics_per_respondent(project: Project, tmp_path: Path) -> None:
    path = files.qualtrics_csv(tmp_path)
    truth = read_survey(path)
    done = project.imports.survey(path)
    assert done is not None and done.layout == "qualtrics" and done.per == "respondent"
    assert project.imports.surveys == [done]
    assert any("R_3prevXY" in w and "preview" in w for w in project.imports.warnings)
    assert any("IPAddress" in w for w in project.imports.warnings)
    cases = {c.name: c for c in project.cases.all()}
    assert set(cases) == {r.id for r in truth.respondents}
    types = {a.name: a.type for a in project.attributes.all()}
    assert types["Q1"] == "choice" and types["Q2"] == "number" and types["Q4"] == "boolean"
    assert types["StartDate"] == "text" and "IPAddress" not in types and "Q3" not in types
    for respondent in truth.respondents:
        case = cases[respondent.id]
        assert case.attributes == respondent.values  # typed: 3, True, "2024-03-01"
        [doc_id] = case.documents
        doc = project.document(doc_id)
        assert doc.title == f"Werkbeleving 2024 — {respondent.id}"
        turns = project.turns(doc_id)
        assert {t.speaker: doc.text[t.start:t.end] for t in turns} == respondent.answers
    assert cases["R_1abcDEF"].attributes["Q2"] == 3
    assert cases["R_1abcDEF"].attributes["Q4"] is True
    assert len(project.documents()) == len(truth.respondents) == len(done.documents)


def test_per_question_documents_make_case_parts(project: Project, tmp_path: Path) -> None:
    path = files.qualtrics_csv(tmp_path)
    truth = read_survey(path)
    done = project.imports.survey(path, per="question")
    assert done is not None
    docs = {project.document(d).title: project.document(d) for d in done.documents}
    assert set(docs) == {"Werkbeleving 2024 — Q3", "Werkbeleving 2024 — Q5"}
    for case in project.cases.all():
        respondent = next(r for r in truth.respondents if r.id == case.name)
        assert case.documents == []
        found = {}
        for doc_id, start, end in case.parts:
            doc = project.document(doc_id)
            found[doc.title.rsplit(" — ", 1)[1]] = doc.text[start:end]
        assert found == respondent.answers  # emoji, accents and the CRLF-made LF intact
        for doc_id, start, end in case.parts:
            turn = next(t for t in project.turns(doc_id) if t.start == start)
            assert (turn.end, turn.speaker) == (end, case.name)


def test_one_undo_step(project: Project, tmp_path: Path) -> None:
    before = _counts(project)
    project.imports.survey(files.limesurvey_csv(tmp_path))
    assert project.undo_label() == "Import survey results-survey845132"
    assert _counts(project) != before
    project.undo()
    assert _counts(project) == before
    project.redo()
    assert _counts(project)[1] == 4


@pytest.mark.parametrize("rows,words", [
    ([["respondent", "opmerking"], ["R1", "Een lang antwoord van een respondent."],
      ["R1", "Dubbel ingevuld door dezelfde persoon."]], "'R1' appears twice"),
    ([["respondent", "afdeling"], ["R1", "Lasserij"], ["R2", "Montage"], ["R3", "Lasserij"]],
     "no open-ended question"),
])
def test_bad_input_stores_nothing(project: Project, tmp_path: Path,
                                  rows: list[list[str]], words: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(_table(rows), encoding="utf-8")
    before = _counts(project)
    with pytest.raises(BadInput, match=words):
        project.imports.survey(path)
    assert _counts(project) == before and project.undo_label() is None


def test_a_value_of_the_wrong_type_for_an_existing_attribute(project: Project,
                                                             tmp_path: Path) -> None:
    project.attributes.define("jaren", "number")
    path = tmp_path / "typed.csv"
    path.write_text(_table([["respondent", "jaren", "opmerking"],
                            ["R1", "3", "Een lang antwoord van een respondent."],
                            ["R2", "veel", "Nog een lang antwoord over het werk."]]),
                    encoding="utf-8")
    before = _counts(project)
    with pytest.raises(BadInput, match="row 3, column jaren"):
        project.imports.survey(path)
    assert _counts(project) == before


def test_a_second_wave_joins_the_cases(project: Project, tmp_path: Path) -> None:
    first = tmp_path / "golf1.csv"
    first.write_text(_table([["respondent", "afdeling", "opmerking"],
                             ["R1", "Lasserij", "Een lang antwoord van een respondent."],
                             ["R2", "Montage", "Nog een lang antwoord over het werk."]]),
                     encoding="utf-8")
    second = tmp_path / "golf2.csv"
    second.write_text(_table([["respondent", "Afdeling", "opmerking"],
                              ["r1", "Montage", "Inmiddels overgeplaatst naar de montage."],
                              ["R3", "Lasserij", "Nieuw in het panel, net begonnen."]]),
                      encoding="utf-8")
    project.imports.survey(first)
    done = project.imports.survey(second)
    assert done is not None and done.joined == 1
    cases = {c.name: c for c in project.cases.all()}
    assert set(cases) == {"R1", "R2", "R3"}
    assert cases["R1"].attributes == {"afdeling": "Montage"}  # the newer value
    assert len(cases["R1"].documents) == 2


def test_the_same_file_again_is_a_duplicate(project: Project, tmp_path: Path) -> None:
    path = files.forms_xlsx(tmp_path)
    project.imports.survey(path)
    before = _counts(project)
    with pytest.raises(DuplicateImport):
        project.imports.survey(path)
    assert project.imports.survey(path, duplicates="skip") is None
    assert _counts(project) == before


def test_files_with_kind_auto_take_surveys(project: Project, tmp_path: Path) -> None:
    docs = project.imports.files([files.hand_xlsx(tmp_path), files.limesurvey_csv(tmp_path)],
                                 mapping={"per": "respondent"})
    assert len(project.imports.surveys) == 2
    assert len(docs) == 3 + 3  # the hand-made sheet's 3 respondents, LimeSurvey's 3 with text
    names = {c.name for c in project.cases.all()}
    assert {"P01", "P02", "P03", "1", "2", "3", "4"} <= names
    assert project.undo_label() == "Import 2 files"


def test_codings_per_question_through_the_speaker(project: Project, tmp_path: Path) -> None:
    project.imports.survey(files.qualtrics_csv(tmp_path))
    case = next(c for c in project.cases.all() if c.name == "R_1abcDEF")
    [doc_id] = case.documents
    turn = next(t for t in project.turns(doc_id) if t.speaker == "Q5")
    code = project.add_code("Leren/Uitleg")
    coding = project.code_text(doc_id, turn.start, turn.end, code.id)
    assert project.cases.coding_cases()[coding.id] == [case.id]
    found = project.search("speaker:Q5 storingen")
    assert [h.document_id for h in found.hits] == [doc_id]
    assert project.search("speaker:Q3 storingen").hits == []  # the word is in Q5's answer


@pytest.mark.parametrize("per", ["respondent", "question"])
def test_the_search_index_is_whole_after_a_bulk_survey(project: Project, tmp_path: Path,
                                                       per: str) -> None:
    project.add_note(site="Metaal BV", title="Eerder", text="Jan helpt Piet.")  # before it
    project.imports.survey(files.qualtrics_csv(tmp_path), per=per)
    project.add_note(site="Metaal BV", title="Later", text="Piet helpt Jan.")  # and after
    assert project.index.problems() == []
    speaker = "Q5" if per == "respondent" else "R_6stuVWX"
    hits = project.search(f"speaker:{speaker} mensen").hits
    assert len(hits) == 1 and hits[0].title.startswith("Werkbeleving 2024")
    project.undo(), project.undo()
    assert project.index.problems() == []
    project.redo()
    assert project.index.problems() == [] and len(project.search(
        f"speaker:{speaker} mensen").hits) == 1


def test_a_question_document_too_long_is_refused(project: Project, tmp_path: Path) -> None:
    answer = "Een heel lang verhaal over het werk. " * 2_703  # 100,011 characters
    path = tmp_path / "lang.csv"
    path.write_text(_table([["respondent", "verhaal"]]
                           + [[f"R{i}", f"{i}. {answer}"] for i in range(100)]),
                    encoding="utf-8")
    with pytest.raises(BadInput, match="lang.csv: the text is too long"):
        project.imports.survey(path, per="question")
    assert _counts(project) == (0, 0, 0, 0)
    assert project.imports.survey(path) is not None  # per respondent each is short enough
    assert _counts(project)[:2] == (100, 100)


def test_a_name_in_use_without_definition_is_defined_by_the_survey(project: Project,
                                                                    tmp_path: Path) -> None:
    from fieldkit.core.model import ImportedDocument

    project.imports.document(ImportedDocument(kind="text", title="Notitie", text="Tekst.",
                                              attributes={"afdeling": "Expeditie"}))
    path = tmp_path / "afd.csv"
    path.write_text(_table([["respondent", "afdeling", "opmerking"],
                            ["R1", "Lasserij", "Een lang antwoord van een respondent."],
                            ["R2", "Montage", "Nog een lang antwoord over het werk."],
                            ["R3", "Lasserij", "Nieuw in het panel, net begonnen."]]),
                    encoding="utf-8")
    project.imports.survey(path)
    assert project.attributes.get("afdeling").type == "choice"
    assert {c.name: c.attributes["afdeling"] for c in project.cases.all()} == {
        "R1": "Lasserij", "R2": "Montage", "R3": "Lasserij"}


def test_values_in_use_that_do_not_fit_refuse_the_survey(project: Project,
                                                         tmp_path: Path) -> None:
    from fieldkit.core.model import ImportedDocument

    project.imports.document(ImportedDocument(kind="text", title="Notitie", text="Tekst.",
                                              attributes={"jaren": "heel lang"}))
    path = tmp_path / "jaren.csv"
    path.write_text(_table([["respondent", "jaren", "opmerking"],
                            ["R1", "3", "Een lang antwoord van een respondent."],
                            ["R2", "12", "Nog een lang antwoord over het werk."]]),
                    encoding="utf-8")
    before = _counts(project)
    with pytest.raises(BadInput, match="jaren.csv: column jaren: .*'heel lang' is not a number"):
        project.imports.survey(path)
    assert _counts(project) == before
