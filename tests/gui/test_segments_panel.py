"""The coded-segments view and the export dialog, driven in the real window."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt

from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.segments_model import CODING_ROLE, PAGE, SegmentsModel
from fieldkit.gui.segments_panel import SegmentsPanel


def code_id(project, path: str) -> int:
    return project.code(path).id


def rows(panel: SegmentsPanel) -> list[tuple[str, str, str, str]]:
    m = panel.model
    return [tuple(m.index(r, c).data() for c in (0, 1, 4, 5))  # type: ignore[misc]
            for r in range(m.rowCount())]


def transcript(project):
    return next(d for d in project.documents() if d.kind == "transcript")


@pytest.fixture
def panel(window) -> SegmentsPanel:
    project = window.project
    note = next(d for d in project.documents() if d.kind == "fieldnote")
    text = project.document(note.id).text
    start = text.index("de nieuwe machine")
    project.code_text(note.id, start, start + len("de nieuwe machine"), "Technology/New machine",
                      coder="Bram")
    project.code_text(note.id, start, start + len("de nieuwe machine"),
                      "Learning/Informal/Observation")
    return window.segments


def test_double_clicking_a_code_shows_its_segments_with_citations(window, panel, qtbot) -> None:
    project = window.project
    codebook = window.codebook
    observation = code_id(project, "Learning/Informal/Observation")
    codebook.select_code(observation)
    index = codebook.tree.currentIndex()
    rect = codebook.tree.visualRect(index)
    # Qt's item views see a double click only after a press and release at the same place
    qtbot.mouseClick(codebook.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(codebook.tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.segments_dock.isVisible()
    assert panel.codes.checked() == [observation]
    shown = rows(panel)
    assert [r[1] for r in shown] == ["mee te kijken met Henk", "de nieuwe machine"]
    assert shown[0][2] == "Kees · ¶ 2 · 00:00:12"  # speaker, paragraph, time: not offsets
    assert panel.model.index(0, 3).data() == transcript(project).title
    assert (shown[1][2], panel.model.index(1, 3).data()) == ("¶ 1", "Veldnotitie ochtend")
    assert "«mee te kijken met Henk»" in panel.model.index(0, 2).data()  # a line of context
    # (the dock takes its height when the window lays out again)
    qtbot.waitUntil(lambda: window.segments_dock.geometry().height() >= 200, timeout=3000)


def test_filters_any_all_coder_site_document_and_dates(window, panel, qtbot) -> None:
    project = window.project
    learning = code_id(project, "Learning")
    machine = code_id(project, "Technology/New machine")
    panel.show_codes([learning, machine])
    assert len(rows(panel)) == 4
    panel.match.setCurrentIndex(panel.match.findData("all"))
    panel.refresh()
    assert [r[0] for r in rows(panel)] == ["Technology/New machine",
                                          "Learning/Informal/Observation"]
    panel.match.setCurrentIndex(panel.match.findData("any"))
    panel.subcodes.setChecked(False)
    panel.refresh()
    assert [r[0] for r in rows(panel)] == ["Technology/New machine"]
    panel.subcodes.setChecked(True)
    panel.coder.setCurrentIndex(panel.coder.findData("Bram"))
    panel.refresh()
    assert sorted(r[0] for r in rows(panel)) == ["Learning/Informal/Trial and error",
                                                 "Technology/New machine"]
    panel.coder.setCurrentIndex(0)
    panel.document.setCurrentIndex(panel.document.findData(transcript(project).id))
    panel.refresh()
    assert len(rows(panel)) == 2 and "2 segments" in panel.count.text()
    panel.document.setCurrentIndex(0)
    panel.use_from.setChecked(True)
    from PySide6.QtCore import QDate
    panel.date_from.setDate(QDate(2026, 3, 14))  # the visit was on the 13th
    panel.refresh()
    assert rows(panel) == [] and panel.count.text() == "0 segments"
    panel.date_from.setDate(QDate(2026, 3, 13))
    panel.use_to.setChecked(True)
    panel.date_to.setDate(QDate(2026, 3, 13))
    panel.refresh()
    assert len(rows(panel)) == 4
    panel.date_to.setDate(QDate(2026, 3, 1))  # ends before it starts: said, not raised
    panel.refresh()
    assert "ends before it starts" in panel.hint.text() and rows(panel) == []


def test_clicking_a_segment_opens_it_in_its_document(window, panel, qtbot) -> None:
    panel.show_codes([code_id(window.project, "Learning/Informal/Observation")])
    window.segments_dock.show()
    rect = panel.table.visualRect(panel.model.index(1, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = window.current_tab()
    assert isinstance(tab, DocumentTab) and tab.doc.title == "Veldnotitie ochtend"
    assert tab.text_view.textCursor().selectedText() == "de nieuwe machine"
    # the keyboard works too: Up then Enter opens the transcript segment
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    tab = window.current_tab()
    assert tab.doc.kind == "transcript"
    assert tab.text_view.textCursor().selectedText() == "mee te kijken met Henk"


def test_recode_remove_memo_and_bounds_each_undo(window, panel, qtbot, monkeypatch) -> None:
    project = window.project
    observation = code_id(project, "Learning/Informal/Observation")
    panel.show_codes([observation])
    panel.select_coding(panel.model.codings[1].id)
    target = panel.model.codings[1].id

    # recode through the dialog
    from fieldkit.gui import segments_panel

    monkeypatch.setattr(segments_panel.QInputDialog, "getItem",
                        lambda *a, **k: ("Technology/New machine", True))
    panel.buttons["recode"].click()
    assert project.coding(target).code_id == code_id(project, "Technology/New machine")
    window.refresh_panels()
    assert len(panel.model.codings) == 1  # no longer Observation
    window.undo()
    assert project.coding(target).code_id == observation
    window.refresh_panels()
    assert len(panel.model.codings) == 2

    # memo
    panel.select_coding(target)
    monkeypatch.setattr(segments_panel.QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Henk explains it.", True))
    panel.buttons["memo"].click()
    assert project.coding(target).memo == "Henk explains it."
    window.refresh_panels()
    panel.select_coding(target)
    assert panel.model.index(panel.table.currentIndex().row(), 6).data() == "Henk explains it."
    window.undo()
    assert project.coding(target).memo == ""

    # bounds: the dialog previews and snaps; the change is one undo step
    window.refresh_panels()
    panel.select_coding(target)
    dialog = panel.bounds_dialog()
    assert dialog is not None
    dialog.start.setValue(dialog.start.value() + 3)  # "nieuwe machine"
    assert "«nieuwe machine»" in dialog.preview.toPlainText()
    dialog.start.setValue(dialog.start.value() - 2)  # mid-word "e nieuwe…"
    dialog.snap_to_words()
    assert "«de nieuwe machine»" in dialog.preview.toPlainText()
    dialog.end.setValue(dialog.start.value())
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    # or take the words selected in the open document
    tab = window.open_document(project.coding(target).document_id)
    start = tab.doc.text.index("Henk aan Kees")
    tab.text_view.select_span(start, start + len("Henk aan Kees"))
    dialog = panel.bounds_dialog()
    dialog.use_selection.click()
    assert dialog.span() == (start, start + len("Henk aan Kees"))
    assert "«Henk aan Kees»" in dialog.preview.toPlainText()
    before = project.coding(target)
    panel.change_bounds((before.start + 3, before.end))
    assert project.coding(target).quote == "nieuwe machine"
    window.undo()
    assert project.coding(target).quote == "de nieuwe machine"

    # remove two selected segments at once, one undo brings both back
    window.refresh_panels()
    panel.table.selectAll()
    panel.buttons["remove"].click()
    assert project.codings(code=observation) == []
    assert project.undo_label() == "Remove 2 segments"
    window.undo()
    assert len(project.codings(code=observation)) == 2


def test_export_the_selection_to_word_and_excel(window, panel, qtbot, tmp_path: Path) -> None:
    project = window.project
    panel.show_codes([code_id(project, "Learning")])
    assert len(panel.model.codings) == 3
    word, excel = tmp_path / "segments.docx", tmp_path / "segments.xlsx"
    panel.export("docx", str(word))
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    texts = [p.text for p in docx.Document(str(word)).paragraphs]
    assert "mee te kijken met Henk" in texts and "trial and error" in texts
    assert any(t.startswith("kees") and "¶ 2 · 00:00:12" in t for t in texts)
    # two selected rows: only those go to Excel
    panel.table.selectRow(0)
    panel.table.selectionModel().select(
        panel.model.index(2, 0), panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows)
    panel.export("xlsx", str(excel))
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    sheet = openpyxl.load_workbook(excel)["Segments"]
    values = list(sheet.iter_rows(values_only=True))
    header = values[0]
    quotes = sorted(r[header.index("Quote")] for r in values[1:])
    assert quotes == ["de nieuwe machine", "mee te kijken met Henk"]
    assert {r[header.index("Paragraph")] for r in values[1:]} == {1, 2}


def test_the_model_pages_thousands_of_rows(window, qtmodeltester) -> None:
    from fieldkit.operations.retrieval import SegmentQuery

    project = window.project
    doc = transcript(project)
    with project._store.change("Many codings"):
        for i in range(PAGE * 3 + 5):
            project.code_text(doc.id, i % 200, i % 200 + 1 + i // 200, "Technology/New machine")
    light = project.retrieval.segments(SegmentQuery(codes=["Technology/New machine"]),
                                       light=True)
    assert len(light) == PAGE * 3 + 5 and all(c.quote == "" for c in light)
    model = SegmentsModel(window)
    model.set_codings(project, light)
    assert model.rowCount() == PAGE and model.canFetchMore(model.index(-1, -1))
    first = model.index(0, 1).data()
    assert first == project.coding(light[0].id).quote and len(model._full) == PAGE
    model.fetch_to(PAGE * 3 + 1)
    assert model.rowCount() == PAGE * 3 + 5
    last = model.rowCount() - 1
    assert model.index(last, 1).data() == project.coding(light[last].id).quote
    assert len(model._full) == PAGE + 5  # only the pages asked for were read in full
    assert model.index(last, 0).data(CODING_ROLE) == light[last].id
    assert len(model._places) == 0  # citations are worked out only for the Where column
    assert model.index(last, 4).data().startswith("Kees · ¶ ")
    qtmodeltester.check(model)


def test_dutch_labels_and_fit_at_1366(window, panel, qtbot) -> None:
    from fieldkit.gui.i18n import read_language

    window.set_language("nl")
    try:
        window.resize(1366, 768)
        window.show_segments([code_id(window.project, "Learning")])
        qtbot.wait(50)
        dutch = read_language("nl")
        from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

        shown = [w.text() for w in panel.findChildren(QLabel)]
        shown += [w.text() for w in panel.findChildren(QAbstractButton) if w is not panel.codes]
        shown += [w.placeholderText() for w in panel.findChildren(QLineEdit)]
        shown += [c.itemText(0) for c in panel.findChildren(QComboBox)]
        shown += [panel.match.itemText(i) for i in range(panel.match.count())]
        shown += [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
        allowed = set(dutch.values()) | {"", "3 segmenten", "Geen kiezen (1 gekozen)"}
        left = sorted(t for t in shown if t not in allowed)
        assert left == [], left
        assert "3 segmenten" in shown and "Vindplaats" in shown
        assert window.segments_dock.windowTitle() == dutch["Coded segments"]
        assert "piep" in dutch["beep"]
        right = window.mapToGlobal(QPoint(window.width(), window.height()))
        for button in panel.buttons.values():
            corner = button.mapToGlobal(QPoint(button.width(), button.height()))
            assert button.isVisible() and corner.x() <= right.x() and corner.y() <= right.y()
    finally:
        window.set_language("en")


def test_export_dialog_options_and_cancel(window, qtbot, tmp_path: Path) -> None:
    from fieldkit.core.errors import BadInput
    from fieldkit.gui.export_dialog import ExportDialog, parse_terms

    project = window.project
    dialog = window.export_dialog("docx")
    assert isinstance(dialog, ExportDialog)
    assert dialog.codes.isEnabled() and not dialog.document.isEnabled()
    dialog.codes.set_checked([code_id(project, "Learning/Informal/Trial and error")])
    dialog.coder.setCurrentIndex(dialog.coder.findData("Bram"))
    dialog.terms.setText("Henk=H.; Kees = K.")
    assert dialog.options() == {"codes": [code_id(project, "Learning/Informal/Trial and error")],
                                "coder": "Bram", "pseudonymise": True,
                                "terms": {"Henk": "H.", "Kees": "K."}}
    out = tmp_path / "report.docx"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "trial and error" in texts and "mee te kijken met Henk" not in texts
    assert any("K." in t and "coded by Bram" in t for t in texts)  # Kees pseudonymised
    with pytest.raises(BadInput):
        parse_terms("Henk")

    # the annotated document, CSV and REFI-QDA options
    dialog = window.export_dialog("annotated")
    assert dialog.document.isEnabled() and not dialog.codes.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert not dialog.coder.isEnabled() and not dialog.path.text().endswith(".docx")
    folder = tmp_path / "tables"
    dialog.path.setText(str(folder))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert (folder / "segments.csv").exists()

    # cancelling a long export writes nothing
    from fieldkit.core.progress import Progress

    dialog = window.export_dialog("qdpx")
    target = tmp_path / "project.qdpx"
    token_box: list = []
    real_run = window.runner.run

    def cancelled_run(title, job, done=None, **kw):
        def cancelling(progress: Progress):
            progress.token.cancel()
            return job(progress)
        token_box.append(real_run(title, cancelling, done, **kw))
        return token_box[-1]

    window.runner.run = cancelled_run
    try:
        dialog.path.setText(str(target))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    finally:
        window.runner.run = real_run
    assert token_box and token_box[0].cancelled and not target.exists()


def test_export_dialog_speaks_dutch(window, qtbot) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

    from fieldkit.gui.export_dialog import FORMATS
    from fieldkit.gui.i18n import read_language

    dutch = read_language("nl")
    window.set_language("nl")
    try:
        dialog = window.export_dialog("docx")
        shown = [w.text() for w in dialog.findChildren(QLabel)]
        shown += [w.text() for w in dialog.findChildren(QAbstractButton)]
        shown += [w.placeholderText() for w in dialog.findChildren(QLineEdit)]
        shown += [dialog.format.itemText(i) for i in range(dialog.format.count())]
        shown += [c.itemText(0) for c in dialog.findChildren(QComboBox) if c is not dialog.format]
        # every visible string is a Dutch translation (or Qt's own Dutch button, or data)
        allowed = set(dutch.values()) | {"Annuleren", "OK", ""}
        allowed |= {d.title for d in window.project.documents()}
        left = sorted(t for t in shown if t not in allowed)
        assert left == [], left
        assert dialog.format.itemText(0) == dutch[FORMATS[0][1]]
        assert dialog.windowTitle() == dutch["Export"]
    finally:
        window.set_language("en")


def test_export_dialog_warns_of_names_it_could_not_replace(window, qtbot, tmp_path: Path,
                                                           monkeypatch) -> None:
    from fieldkit.gui import pseudonym_choice
    from fieldkit.gui.i18n import read_language

    project = window.project
    note = project.add_note(site="Metaal", title="Namen", text="Jan Bakker legt uit; jan lacht.")
    project.code_text(note.id, 0, len(note.text), "Learning/Informal/Observation")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(pseudonym_choice.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    window.set_language("nl")
    try:
        dialog = window.export_dialog("docx")
        dialog.terms.setText("Jan Bakker=P1")
        out = tmp_path / "namen.docx"
        dialog.path.setText(str(out))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    finally:
        window.set_language("en")
    texts = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "P1 legt uit; jan lacht." in texts
    dutch = read_language("nl")
    assert shown[0][0] == dutch["Names left in the export"]
    assert shown[0][1].startswith("Deze namen staan nog in") and ": jan." in shown[0][1]
