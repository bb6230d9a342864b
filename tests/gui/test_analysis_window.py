"""The analysis window under pytest-qt: relations, matrix, query, sets and memos, drill-down to
segments and into documents, in English and Dutch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldkit.project import Project


@pytest.fixture
def analysed(window, qtbot):
    """The main window with an overlap of Observation and New machine, and the analysis open."""
    project: Project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    text = project.document(doc.id).text
    start = text.index("mee te kijken")
    project.code_text(doc.id, start, start + len("mee te kijken met Henk, de ervaren"),
                      "Technology/New machine")
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    return analysis


def cell(model, row_name: str, column_name: str):  # type: ignore[no-untyped-def]
    row = next(i for i, r in enumerate(model.rows) if r.endswith(row_name))
    column = next(i for i, c in enumerate(model.columns) if c.endswith(column_name))
    return model.index(row, column)


def test_relations_table_counts_and_drills_down_into_the_document(
        window, analysed, qtbot, qtmodeltester) -> None:
    view = analysed.relations
    index = cell(view.model, "Observation", "New machine")
    assert view.model.data(index) == "1"
    assert view.model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() != "#ffffff"
    qtmodeltester.check(view.model)
    view.drill(index)
    dialog = analysed.dialogs[-1]
    assert dialog.model.rowCount() == 2 and dialog.isVisible()
    dialog._open(dialog.model.index(0, 0))
    tab = window.current_tab()
    assert tab is not None and tab.text_view.textCursor().selectedText().startswith("mee te")
    view.mode.setCurrentIndex(3)  # same document
    assert view.found.mode == "document"
    view.measure.setCurrentIndex(1)
    assert view.model.data(cell(view.model, "Observation", "Trial and error")) == "1.00"


def test_matrix_by_site_and_coder_with_drill_down(analysed, qtmodeltester) -> None:
    analysed.tabs.setCurrentWidget(analysed.matrix)
    view = analysed.matrix
    assert view.found.columns == ["Hendriks"]
    assert view.model.data(cell(view.model, "Observation", "Hendriks")) == "1"
    view.variable.setCurrentIndex(view.variable.findData("coder"))
    assert view.found.columns == ["Anouk", "Bram"]
    view.percent.setChecked(True)
    assert view.model.data(cell(view.model, "Trial and error", "Bram")) == "100.0"
    qtmodeltester.check(view.model)
    view.drill(cell(view.model, "New machine", "Anouk"))
    assert analysed.dialogs[-1].model.rowCount() == 1


def test_query_runs_keeps_and_makes_a_set(window, analysed, qtmodeltester) -> None:
    analysed.tabs.setCurrentWidget(analysed.query)
    view = analysed.query
    view.expression.setText('"Observation" AND "New machine"')
    view.run()
    assert view.model.rowCount() == 1 and "mee te kijken met Henk" in view.model.segments[0].text
    qtmodeltester.check(view.model)
    view.save("Kijken")
    assert [q.name for q in window.project.analysis.saved_queries()] == ["Kijken"]
    view.make_set("Kijkers")
    assert window.project.sets.get("Kijkers").kind == "documents"
    assert analysed.filters.documents.findData("Kijkers") >= 0
    view.expression.setText('"Observation" AND Nope')
    view.run()
    assert "Nope" in analysed.status.text() and view.model.rowCount() == 0
    analysed.tabs.setCurrentWidget(analysed.sets)
    assert analysed.sets.model.item(0, 0).text() == "Kijkers"
    analysed.sets.table.selectRow(0)
    analysed.sets.delete_selected()
    assert window.project.sets.all() == []


def test_memos_view_writes_links_and_opens(window, analysed, qtbot) -> None:
    analysed.tabs.setCurrentWidget(analysed.memos)
    view = analysed.memos
    made = view.new_memo("Kijken leert", "Observation komt met nieuwe machines.", "reflexive")
    assert made is not None
    row = [m.title for m in view.memos].index("Kijken leert")
    note = next(d for d in window.project.documents() if d.kind == "fieldnote")
    window.open_document(note.id)
    view.table.selectRow(row)
    view.link_current_document()
    assert [x.label for x in window.project.memos.get(made.id).links] == [note.title]
    assert view.links.count() == 1
    window.close_all_tabs()
    view._open_link(view.links.item(0))
    assert window.current_tab().doc_id == note.id
    coding_memo = [m for m in view.memos if m.source == "coding memo"]
    assert coding_memo and coding_memo[0].text == "Kees tries again."


def test_dutch_labels(window, analysed) -> None:
    from fieldkit.gui.i18n import read_language

    window.set_language("nl")
    try:
        dutch = read_language("nl")
        titles = [analysed.tabs.tabText(i) for i in range(analysed.tabs.count())]
        assert titles == [dutch[t] for t in ("Code relations", "Code matrix", "Coding query",
                                             "Sets", "Memos", "Words", "Networks")]
        shown = titles + [analysed.relations.mode.itemText(i)
                          for i in range(analysed.relations.mode.count())]
        shown += [analysed.matrix.measure.itemText(i) for i in range(3)]
        shown += [analysed.matrix.percent.text(), analysed.windowTitle(),
                  analysed.query.buttons["run"].text(), analysed.memos.buttons["new"].text()]
        english = {"Code relations", "Overlapping", "Same document", "Segments", "Words",
                   "% of column", "Analysis", "Run", "New memo…", "Memos"}
        assert not english & set(shown), shown
        assert "Coderelaties" in shown and "Zelfde document" in shown
        analysed.tabs.setCurrentWidget(analysed.memos)
        types = [analysed.memos.type.itemText(i) for i in range(analysed.memos.type.count())]
        assert "Reflexief" in types and "Reflexive" not in types
    finally:
        window.set_language("en")


def test_charts_drawn_and_saved_and_the_memo_trail(window, analysed, tmp_path) -> None:
    dialog = analysed.relations.show_chart()
    assert dialog is not None and not dialog.picture.pixmap().isNull()
    assert dialog.save(str(tmp_path / "relations.svg")).read_text().startswith("<svg")
    analysed.tabs.setCurrentWidget(analysed.matrix)
    analysed.matrix.bars.setChecked(True)
    bars = analysed.matrix.show_chart()
    assert bars.save(str(tmp_path / "bars.png")).stat().st_size > 0
    analysed.tabs.setCurrentWidget(analysed.memos)
    analysed.memos.new_memo("Eerste", "Een gedachte.", "field diary")
    out = analysed.memos.export_trail(str(tmp_path / "trail.docx"))
    assert out is not None and out.stat().st_size > 0


def test_memos_open_beside_their_material_and_jottings_expand(window, analysed) -> None:
    analysed.tabs.setCurrentWidget(analysed.memos)
    view = analysed.memos
    made = view.new_memo("Los idee", "Iets.")
    row = next(i for i, m in enumerate(view.memos) if m.source == "memo" and m.id == made.id)
    view.open_memo(view.model.index(row, 0))
    assert window.current_tab().doc_id == made.id
    row = next(i for i, m in enumerate(view.memos) if m.source == "coding memo")
    view.open_memo(view.model.index(row, 0))
    assert "trial and error" in window.current_tab().text_view.textCursor().selectedText()
    note = next(d for d in window.project.documents() if d.kind == "fieldnote")
    window.open_document(note.id)
    full = view.expand_current()
    assert full is not None and window.current_tab().doc_id == full
    assert window.project.memos.expanded_from(full) == note.id
