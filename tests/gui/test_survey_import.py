"""A survey imported from the window (issue 28): the Import dialog's kind Survey, the preview
of what each column becomes, the import on the job runner with Cancel, the warnings box, the
new cases in the Cases pane and their attributes in the classification sheet; errors leave
the project as it was; Dutch throughout."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QPushButton

from fieldkit.gui import i18n, runner
from fieldkit.gui.import_dialog import KINDS
from fieldkit.gui.survey_preview import SurveyPreview
from fieldkit.importers.survey import read_survey
from tests.gui.test_dutch_screens import still_english, walk
from tests.importers import survey_files as files

# a table typed by hand: "nr" is the respondent column the reader finds, "medewerker" could be
# one too (unique names), "afdeling" could not (it repeats)
TABLE = ("nr,medewerker,afdeling,jaren,wat leerde u?\r\n"
         "1,Anna,Lasserij,3,Hoe je de kantbank instelt 😀\r\n"
         "2,Bram,Montage,12,\"Dat je bij twijfel\r\neven vraagt.\"\r\n"
         "3,Cem,Lasserij,1,Café-praat over de robot.\r\n")


def _state(project) -> tuple[int, int, int]:  # noqa: ANN001
    return len(project.documents()), len(project.cases.all()), len(project.attributes.all())


def preview_of(window, qtbot, path: Path, kind: str = "auto") -> SurveyPreview:  # noqa: ANN001
    """The Import dialog with ``path`` and ``kind`` accepted: the survey's preview."""
    dialog = window.import_dialog([str(path)])
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(SurveyPreview) is not None, timeout=5000)
    preview = window.findChild(SurveyPreview)
    assert preview.isVisible()
    return preview


def rows(preview: SurveyPreview) -> dict[str, str]:
    model = preview.model
    return {model.rows[r][0]: model.becomes(r) for r in range(model.rowCount())}


def imported(window, qtbot, preview: SurveyPreview) -> None:  # noqa: ANN001
    cases = len(window.project.cases.all())
    preview.accept()
    qtbot.waitUntil(lambda: len(window.project.cases.all()) > cases, timeout=10000)
    window.runner.wait()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)


def test_the_import_dialog_offers_survey(window) -> None:
    assert ("survey", "Survey") in KINDS
    dialog = window.import_dialog()
    assert dialog.kind.itemText(dialog.kind.findData("survey")) == "Survey"
    dialog.close()
    i18n.install("nl")
    try:
        dialog = window.import_dialog()
        assert dialog.kind.itemText(dialog.kind.findData("survey")) == "Enquête"
        hint = dialog.findChild(QLabel, "hint").text()
        assert "enquête-exports" in hint  # the dialog says surveys are welcome
        dialog.close()
    finally:
        i18n.install("en")


def test_a_qualtrics_survey_is_previewed_then_imported(window, qtbot, tmp_path: Path) -> None:
    path = files.qualtrics_csv(tmp_path)
    truth = read_survey(path)
    before = _state(window.project)
    preview = preview_of(window, qtbot, path)  # recognised automatically
    assert preview.layout_label.text() == "Qualtrics"
    assert preview.case.currentText() == "ResponseId"
    found = rows(preview)
    assert found["ResponseId"] == "Respondent (case)"
    assert found["Q3"] == found["Q5"] == "Open: codable text"
    assert found["Q1"] == "Closed: attribute (List of choices)"
    assert found["Q2"] == "Closed: attribute (Number)"
    assert found["Q4"] == "Closed: attribute (Yes/no)"
    assert found["StartDate"] == "Closed: attribute (Text)"  # moments keep their time of day
    for personal in ("IPAddress", "RecipientEmail", "LocationLatitude"):
        assert found[personal] == "Left out (personal or technical)"
    assert preview.model.rows[[r[0] for r in preview.model.rows].index("Q3")][1] \
        == "Wat heeft u het laatst van een collega geleerd?"
    shown = [preview.warnings.item(i).text() for i in range(preview.warnings.count())]
    assert shown == truth.warnings and any("R_3prevXY" in w for w in shown)
    assert "4 respondents as cases" in preview.summary.text()
    assert _state(window.project) == before  # a preview stores nothing
    imported(window, qtbot, preview)
    project = window.project
    cases = {c.name: c for c in project.cases.all()}
    assert set(cases) == {r.id for r in truth.respondents}
    for respondent in truth.respondents:
        assert cases[respondent.id].attributes == respondent.values
        [doc] = cases[respondent.id].documents  # one document per respondent
        turns = project.turns(doc)
        text = project.document(doc).text
        assert {t.speaker: text[t.start:t.end] for t in turns} == respondent.answers
    # every skipped row in the warnings box
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "import-warnings") is not None,
                    timeout=5000)
    box = window.findChild(QMessageBox, "import-warnings")
    said = box.informativeText() + box.detailedText()
    assert "R_3prevXY" in said and "R_5spamZZ" in said
    assert box.text() == f"{len(truth.warnings)} points to note about this import:"
    box.accept()
    # the Cases pane lists them, the classification sheet holds their answers
    panel = window.cases_dock.widget()
    qtbot.waitUntil(lambda: {c.name for c in panel.model.cases} == set(cases), timeout=5000)
    sheet = window.show_sheet()
    sheet.reload()
    row = [r.name for r in sheet.model.rows].index("R_1abcDEF")
    q2 = sheet.model.column_of("Q2")
    assert q2 is not None and sheet.model.value(row, q2) == 3
    sheet.close()


def test_a_hand_made_xlsx_per_question(window, qtbot, tmp_path: Path) -> None:
    path = files.hand_xlsx(tmp_path)
    truth = read_survey(path)
    preview = preview_of(window, qtbot, path, kind="survey")
    assert preview.layout_label.text() == "A table typed by hand"
    found = rows(preview)
    assert found["Deelnemer"] == "Respondent (case)"
    assert found["Afdeling / Ploeg"] == "Closed: attribute (List of choices)"
    assert found["Jaren in dienst"] == "Closed: attribute (Number)"
    assert found["Wat heeft u geleerd van collega's?"] == "Open: codable text"
    preview.per_choice.setCurrentIndex(preview.per_choice.findData("question"))
    assert preview.choice() == {"case": None, "per": "question"}
    docs = len(window.project.documents())
    imported(window, qtbot, preview)
    project = window.project
    assert len(project.documents()) == docs + len(truth.open_questions)  # one per question
    cases = {c.name: c for c in project.cases.all()}
    assert set(cases) == {r.id for r in truth.respondents}
    assert all(len(cases[r.id].parts) == len(r.answers) for r in truth.respondents)


def test_changing_the_case_column_changes_the_import(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "enquete.csv"
    path.write_bytes(TABLE.encode("utf-8"))
    preview = preview_of(window, qtbot, path, kind="survey")
    assert preview.case.currentText() == "nr"
    assert "nr" not in {r.name for r in window.project.attributes.all()}
    preview.case.setCurrentText("medewerker")
    found = rows(preview)
    assert found["medewerker"] == "Respondent (case)"
    assert found["nr"] == "Closed: attribute (Number)"
    assert preview.choice()["case"] == "medewerker"
    imported(window, qtbot, preview)
    cases = {c.name: c.attributes for c in window.project.cases.all()}
    assert cases == {"Anna": {"nr": 1, "afdeling": "Lasserij", "jaren": 3},
                     "Bram": {"nr": 2, "afdeling": "Montage", "jaren": 12},
                     "Cem": {"nr": 3, "afdeling": "Lasserij", "jaren": 1}}
    [doc] = window.project.cases.get("Bram").documents
    text = window.project.document(doc).text
    [turn] = window.project.turns(doc)
    assert text[turn.start:turn.end] == "Dat je bij twijfel\neven vraagt."
    [doc] = window.project.cases.get("Anna").documents
    text = window.project.document(doc).text
    [turn] = window.project.turns(doc)
    assert text[turn.start:turn.end] == "Hoe je de kantbank instelt 😀"


def test_without_a_respondent_column_the_researcher_chooses_one(window, qtbot,
                                                              tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Enquête ploegleiders"])  # a title above the table
    sheet.merge_cells("A1:D1")
    sheet.append(["volgnummer", "Naam", "Ploeg", "Wat leerde u van collega's?"])
    sheet.append([1, "Ahmed Kaya", "vroeg", "Een collega liet me de planning zien."])
    sheet.append([2, "Fleur de Vries", "nacht", "De kantbank programmeren 😀"])
    path = tmp_path / "ploegleiders.xlsx"
    book.save(path)
    preview = preview_of(window, qtbot, path)  # an .xlsx is taken for a survey
    assert preview.case.currentIndex() == -1 and preview.model.rowCount() == 0
    assert preview.problem.isVisible() and not preview.import_button.isEnabled()
    assert [preview.case.itemText(i) for i in range(preview.case.count())] == [
        "volgnummer", "Naam", "Ploeg", "Wat leerde u van collega's?"]
    preview.case.setCurrentText("Naam")
    assert preview.import_button.isEnabled() and not preview.problem.isVisible()
    assert rows(preview)["volgnummer"] == "Closed: attribute (Number)"
    assert preview.choice() == {"case": "Naam", "per": "respondent"}
    imported(window, qtbot, preview)
    cases = {c.name: c.attributes for c in window.project.cases.all()}
    assert cases == {"Ahmed Kaya": {"volgnummer": 1, "Ploeg": "vroeg"},
                     "Fleur de Vries": {"volgnummer": 2, "Ploeg": "nacht"}}
    panel = window.cases_dock.widget()  # the Cases pane shows them, the first one chosen
    assert panel.current_case().name == "Ahmed Kaya"


def test_a_column_that_cannot_be_the_case_says_why(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "enquete.csv"
    path.write_bytes(TABLE.encode("utf-8"))
    preview = preview_of(window, qtbot, path, kind="survey")
    preview.case.setCurrentText("afdeling")  # Lasserij twice
    assert preview.problem.isVisible() and "Lasserij" in preview.problem.text()
    assert not preview.import_button.isEnabled()
    preview.case.setCurrentText("nr")
    assert not preview.problem.isVisible() and preview.import_button.isEnabled()
    preview.reject()


def test_cancel_stores_nothing(window, qtbot, tmp_path: Path) -> None:
    path = files.qualtrics_csv(tmp_path)
    before = _state(window.project)
    preview = preview_of(window, qtbot, path)
    hold = threading.Event()
    window.runner.run("Holding", lambda progress: hold.wait(10))  # the survey waits its turn
    preview.accept()
    progress = window.findChildren(QProgressDialog)
    [survey_job] = [p for p in progress if p.windowTitle() == "Importing a survey"]
    [cancel] = survey_job.findChildren(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()  # the researcher's Cancel
    hold.set()
    window.runner.wait()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage()
                    == "Cancelled; nothing was changed.", timeout=5000)
    assert _state(window.project) == before
    assert window.findChild(QMessageBox, "import-warnings") is None


def test_errors_leave_the_project_unchanged(window, qtbot, tmp_path: Path, monkeypatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(runner.QMessageBox, "warning",
                        lambda parent, title, text: said.append(text))
    before = _state(window.project)
    twice = tmp_path / "twice.csv"
    twice.write_text("nr,wat leerde u?\n1,Veel\n1,Weinig\n", encoding="utf-8")
    closed = tmp_path / "closed.csv"
    closed.write_text("nr,afdeling\n1,Lasserij\n2,Montage\n", encoding="utf-8")
    for path, reason in ((twice, "1"), (closed, "no open-ended question")):
        dialog = window.import_dialog([str(path)])
        dialog.kind.setCurrentIndex(dialog.kind.findData("survey"))
        dialog.accept()
        qtbot.waitUntil(lambda: len(said) > 0, timeout=5000)
        message = said.pop()
        assert path.name in message and reason in message and "\n" not in message
        assert window.findChild(SurveyPreview) is None
    assert _state(window.project) == before
    # a file that changes after its preview: the import itself refuses it, one line
    path = tmp_path / "enquete.csv"
    path.write_bytes(TABLE.encode("utf-8"))
    preview = preview_of(window, qtbot, path, kind="survey")
    path.write_bytes(TABLE.replace("\r\n2,", "\r\n1,").encode("utf-8"))
    preview.accept()
    qtbot.waitUntil(lambda: len(said) > 0, timeout=10000)
    assert "enquete.csv" in said[0]
    window.runner.wait()
    assert _state(window.project) == before


def test_the_preview_speaks_dutch(window, qtbot, tmp_path: Path) -> None:
    window.set_language("nl")
    try:
        preview = preview_of(window, qtbot, files.qualtrics_csv(tmp_path))
        assert preview.windowTitle() == "Enquête importeren"
        found = rows(preview)
        assert found["Q2"] == "Gesloten: kenmerk (Getal)"
        assert found["Q3"] == "Open: codeerbare tekst"
        assert "4 respondenten als cases" in preview.summary.text()
        bad = still_english(walk(preview))
        assert bad == [], "\n".join(bad)
        imported(window, qtbot, preview)
        assert window.actions_["undo"].text().replace("&", "").endswith(
            "Enquête Werkbeleving 2024 importeren")
    finally:
        i18n.install("en")
