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
        c.id for c in project.store.codings() if c.document_id == talk)
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
