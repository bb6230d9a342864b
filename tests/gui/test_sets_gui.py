"""Sets in the app: filters in the export dialog; a coding query's segments to Word."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl


def test_export_dialog_filters_by_document_set_and_code_set(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = window.project
    note = next(d.id for d in project.documents() if d.kind != "transcript")
    talk = next(d.id for d in project.documents() if d.kind == "transcript")
    project.code_text(note, 0, 14, "Technology/New machine")
    project.sets.add("Notities", "documents", [note])
    project.sets.add("Informeel", "codes", ["Learning/Informal/Observation",
                                            "Learning/Informal/Trial and error"])
    project.sets.add("Gesprek", "documents", [talk])
    dialog = window.export_dialog("xlsx")
    assert dialog.docset.isEnabled() and dialog.codeset.isEnabled()
    assert sorted(dialog.docset.itemData(i) or "" for i in range(dialog.docset.count())) == [
        "", "Gesprek", "Notities"]
    assert dialog.codeset.findData("Informeel") > 0 and dialog.codeset.findData("Notities") < 0
    assert "codings" not in dialog.options()
    dialog.docset.setCurrentIndex(dialog.docset.findData("Notities"))
    out = tmp_path / "notes.xlsx"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    rows = list(openpyxl.load_workbook(out)["Segments"].iter_rows(values_only=True))
    codes = [r[rows[0].index("Code")] for r in rows[1:]]
    assert codes == ["Technology/New machine"]

    dialog = window.export_dialog("docx")
    dialog.docset.setCurrentIndex(dialog.docset.findData("Gesprek"))
    dialog.codeset.setCurrentIndex(dialog.codeset.findData("Informeel"))
    assert sorted(dialog.options()["codings"]) == sorted(
        c.id for c in project._store.codings() if c.document_id == talk)
    out = tmp_path / "talk.docx"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "trial and error" in texts and not any("Bij de kantbank" in t for t in texts)

    dialog = window.export_dialog("qdpx")  # a format without sets greys them out
    assert not dialog.docset.isEnabled() and "codings" not in dialog.options()


def test_coding_query_tab_exports_its_segments_to_word(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    view = analysis.query
    assert not view.buttons["word"].isEnabled()  # nothing found yet
    view.expression.setText('"Trial and error" OR "Observation"')
    view.text.setText("Henk")
    view.run()
    assert view.model.rowCount() == 1 and view.buttons["word"].isEnabled()
    view.expression.setText("changed but not run")
    out = tmp_path / "query.docx"
    assert view.export_docx(str(out)) == out
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert 'Coding query: "Trial and error" OR "Observation"' in texts
    assert "1 segment holding “Henk”" in texts and "mee te kijken met Henk" in texts
    assert any(t.startswith("Kees · ¶") for t in texts)
    assert str(out) in analysis.status.text()
    assert view.export_docx(str(tmp_path / "no" / "q.docx")) is None
    assert "does not exist" in analysis.status.text()
    view.expression.setText("Nope")
    view.run()
    assert not view.buttons["word"].isEnabled() and view.export_docx(str(out)) is None


def test_coding_query_tab_exports_its_segments_to_excel(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    view = analysis.query
    assert not view.buttons["excel"].isEnabled()  # nothing found yet
    view.expression.setText('"Trial and error" OR "Observation"')
    view.text.setText("Henk")
    view.run()
    assert view.buttons["excel"].isEnabled()
    assert view.model.data(view.model.index(0, 1)).startswith("¶ ")  # a place, not offsets
    out = tmp_path / "query.xlsx"
    assert view.export_xlsx(str(out)) == out
    sheet = openpyxl.load_workbook(out)["Segments"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["Document id", "Document"] and len(rows) == 2
    assert "mee te kijken met Henk" in rows[1][-1]
    assert view.export_xlsx(str(tmp_path / "no" / "q.xlsx")) is None
    assert "does not exist" in analysis.status.text()


def test_navigator_selection_goes_into_a_new_then_an_existing_document_set_undoably(
        window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QInputDialog

    project = window.project
    nav = window.navigator
    docs = {d.title: d.id for d in project.documents()}
    talk = next(d.id for d in project.documents() if d.kind == "transcript")
    nav.tabs.setCurrentIndex(1)  # the flat list
    assert nav.selected_documents() == []
    assert not nav.context_menu().actions()[0].isEnabled()
    rows = {nav.proxy.index(r, 0).data(): r for r in range(nav.proxy.rowCount())}
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    nav.table.selectionModel().select(nav.proxy.index(rows["Veldnotitie ochtend"], 0), flags)
    assert nav.selected_documents() == [docs["Veldnotitie ochtend"]]
    # the context menu offers it; the dialog lists the document sets there are and takes a new name
    assert [(a.text(), a.isEnabled()) for a in nav.context_menu().actions()] == [
        ("Add to document set…", True), ("New case of these documents…", True),
        ("Transcribe…", False),  # not a recording
        ("Attach recording…", False)]  # not a transcript
    project.sets.add("Codes", "codes", ["Technology/New machine"])
    asked: list[list[str]] = []

    def answer(parent, title, label, items, current, editable):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return "Ochtend", True

    monkeypatch.setattr(QInputDialog, "getItem", answer)
    made = nav.add_to_set()
    assert asked == [[]] and made.kind == "documents"
    assert project.sets.get("Ochtend").members == [docs["Veldnotitie ochtend"]]
    qtbot.waitUntil(lambda: "Ochtend" in window.statusBar().currentMessage())
    # a site in the tree stands for its documents; the existing set grows
    nav.tabs.setCurrentIndex(0)
    nav.tree.selectionModel().select(nav.tree_model.index(0, 0), flags)
    assert set(nav.selected_documents()) == set(docs.values())
    nav.add_to_set("ochtend")
    assert project.sets.get("Ochtend").members == [docs["Veldnotitie ochtend"], talk]
    window.undo()
    assert project.sets.get("Ochtend").members == [docs["Veldnotitie ochtend"]]
    window.undo()
    assert project.sets.all()[0].name == "Codes" and len(project.sets.all()) == 1


def test_codebook_selection_goes_into_a_code_set_and_a_document_set_is_refused(
        window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QMessageBox

    project = window.project
    book = window.codebook
    project.sets.add("Docs", "documents", [project.documents()[0].id])
    wanted = ["Learning/Informal/Observation", "Technology/New machine"]
    ids = [project.code(path).id for path in wanted]
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    book.tree.selectionModel().clearSelection()
    for code_id in ids:
        book.tree.selectionModel().select(book.proxy.mapFromSource(book.model.index_of(code_id)),
                                          flags)
    assert sorted(book.selected_codes()) == sorted(ids)
    made = book.add_to_set("Kijken en machine")
    assert made.kind == "codes" and made.labels == wanted
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    assert book.add_to_set("Docs") is None
    assert "set of documents" in warned[0]
    assert len(project.sets.get("Docs").members) == 1
    window.undo()
    assert [s.name for s in project.sets.all()] == ["Docs"]


def test_set_undo_labels_speak_dutch() -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.change_labels import shown

    i18n.install("nl")
    try:
        assert shown("New set Ochtend") == "Nieuwe set Ochtend"
        assert shown("Add to set") == "Aan set toevoegen"
        assert shown("Delete set Ochtend") == "Set Ochtend verwijderen"
    finally:
        i18n.install("en")
