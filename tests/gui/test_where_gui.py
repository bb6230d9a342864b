"""The "Only where" attribute condition in the app (issue 28, "use them everywhere"): the analysis
window's relations, matrix, drill-down and coding query, the Coded segments pane and a document
set made from a condition, on the small demo with attributes set through ``project.attributes``.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldkit.operations.retrieval import SegmentQuery
from fieldkit.project import Project
from tests.gui.conftest import open_window

CONDITION = "afdeling = Lasserij en jaren < 5"


def department(doc_id: int) -> str:
    return "Lasserij" if doc_id % 3 else "Zagerij"


def years(doc_id: int) -> int:
    return doc_id % 9


@pytest.fixture
def study(demo: Project) -> tuple[Project, set[int]]:
    """The demo with afdeling and jaren on every document; the documents CONDITION holds for,
    worked out here by hand."""
    demo.attributes.define("afdeling", "choice", ["Lasserij", "Zagerij"])
    demo.attributes.define("jaren", "number")
    for doc in demo.documents():
        demo.attributes.set(doc.id, "afdeling", department(doc.id))
        demo.attributes.set(doc.id, "jaren", str(years(doc.id)))
    matching = {d.id for d in demo.documents()
                if department(d.id) == "Lasserij" and years(d.id) < 5}
    return demo, matching


@pytest.fixture
def analysis(study, qtbot):  # type: ignore[no-untyped-def]
    project, _matching = study
    for main in open_window(qtbot, project):
        window = main.show_analysis()
        qtbot.waitExposed(window)
        yield window


def type_condition(field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.edit.setFocus()
    field.edit.setText(text)
    QTest.keyClick(field.edit, Qt.Key.Key_Return)


def test_a_condition_narrows_relations_matrix_and_drill_down_as_the_engine_does(
        study, analysis) -> None:
    project, matching = study
    everything = project.analysis.relations().counts
    type_condition(analysis.filters.condition, CONDITION)
    assert analysis.filters.condition.applied == CONDITION
    assert not analysis.filters.condition.message.isVisible()
    found = analysis.relations.found
    assert found.counts == project.analysis.relations(where=CONDITION).counts
    assert found.counts != everything

    analysis.tabs.setCurrentWidget(analysis.matrix)
    view = analysis.matrix
    view.variable.setCurrentIndex(view.variable.findData("document"))
    truth = project.analysis.matrix("document", where=CONDITION)
    assert view.found.values == truth.values and view.found.columns == truth.columns
    # brute force: the documents with codings in the matrix are exactly the matching ones
    coded = {c.document_id for c in project.codings()}
    assert set(view.found.keys) == matching & coded
    row = next(r for r, values in enumerate(truth.values) if any(values))
    column = next(c for c, v in enumerate(truth.values[row]) if v)
    view.drill(view.model.index(row, column))
    shown = analysis.dialogs[-1].model
    ids = [shown.coding_at(r).id for r in range(shown.rowCount())]
    cell = project.analysis.cell(truth.codes[row].id, truth.keys[column], "document",
                                 where=CONDITION)
    assert ids and sorted(ids) == sorted(s.coding_id for s in cell)
    assert all(project.coding(i).document_id in matching for i in ids)

    # the emptied field shows everything again
    analysis.tabs.setCurrentWidget(analysis.relations)
    analysis.filters.condition.edit.clear()
    assert analysis.filters.condition.applied is None
    assert analysis.relations.found.counts == everything


def test_a_bad_condition_says_why_and_keeps_the_last_result(study, analysis) -> None:
    project, _matching = study
    field = analysis.filters.condition
    type_condition(field, CONDITION)
    before = analysis.relations.found
    type_condition(field, "afdeling = ")
    assert field.message.isVisible() and "afdeling" in field.message.text()
    assert field.applied == CONDITION and analysis.relations.found is before
    type_condition(field, "ploegleider = ja")
    assert field.message.isVisible() and "ploegleider" in field.message.text()
    assert analysis.relations.found is before
    type_condition(field, "afdeling = Zagerij")
    assert not field.message.isVisible() and field.applied == "afdeling = Zagerij"
    assert analysis.relations.found.counts == \
        project.analysis.relations(where="afdeling = Zagerij").counts


def test_the_coding_query_follows_the_condition(study, analysis) -> None:
    project, matching = study
    book = project.codebook()
    code = next(c for _d, c in book.walk() if len(project.codings(code=c.id)) > 3)
    name = book.path(code.id)
    analysis.tabs.setCurrentWidget(analysis.query)
    type_condition(analysis.filters.condition, CONDITION)
    analysis.query.expression.setText(f'"{name}"')
    analysis.query.run()
    truth = project.analysis.segments(f'"{name}"', where=CONDITION)
    shown = analysis.query.model.segments
    assert [(s.document_id, s.start, s.end) for s in shown] == \
        [(s.document_id, s.start, s.end) for s in truth]
    assert {s.document_id for s in shown} <= matching
    everything = project.analysis.segments(f'"{name}"')
    assert len(shown) < len(everything)


def test_attribute_names_are_offered_as_completions_of_the_word_typed(analysis) -> None:
    field = analysis.filters.condition
    assert {"afdeling", "jaren"} <= set(field.names.stringList())
    field.edit.setText("jaren < 5 en afd")
    assert field.completer.splitPath(field.edit.text()) == ["afd"]
    row = field.names.stringList().index("afdeling")
    assert field.completer.pathFromIndex(field.names.index(row, 0)) == \
        "jaren < 5 en afdeling"


def test_the_segments_pane_lists_only_codings_that_satisfy_the_condition(study, qtbot) -> None:
    project, matching = study
    code_ids = [c.id for _d, c in project.codebook().walk()][:6]
    for window in open_window(qtbot, project):
        panel = window.show_segments()
        panel.show_codes(code_ids)
        everything = panel.model.rowCount()
        panel.more.setChecked(True)
        type_condition(panel.condition, CONDITION)
        assert panel._timer.isActive()  # the list is asked again, as any filter does
        panel.refresh()
        assert panel.model.rowCount() != everything
        while panel.model.canFetchMore(panel.model.index(-1, -1)):
            panel.model.fetchMore(panel.model.index(-1, -1))
        shown = sorted(panel.model.coding_at(r).id for r in range(panel.model.rowCount()))
        brute = sorted(c.id for c in project.codings()
                       if c.document_id in matching and c.code_id in _with_subcodes(
                           project, code_ids))
        assert shown and shown == brute
        truth = project.retrieval.segments(SegmentQuery(codes=code_ids, where=CONDITION))
        assert shown == sorted(c.id for c in truth)
        assert "1" in panel.more.text()  # the folded filter counts as one in use
        type_condition(panel.condition, "nergens = 1")
        assert panel.condition.message.isVisible()
        assert panel.condition.applied == CONDITION
        # a project opened again (or another one) starts without a condition
        window.set_project(project)
        assert window.segments.condition.applied is None
        assert window.show_analysis().filters.condition.applied is None
        assert not panel.condition.message.isVisible()


def _with_subcodes(project: Project, code_ids: list[int]) -> set[int]:
    book = project.codebook()
    return {c.id for _d, c in book.walk()
            if any(book.path(c.id) == book.path(i) or book.path(c.id).startswith(
                book.path(i) + "/") for i in code_ids)}


def test_a_document_set_from_a_condition_holds_the_matching_documents(study, analysis) -> None:
    project, matching = study
    analysis.tabs.setCurrentWidget(analysis.sets)
    sets = analysis.sets
    assert "afdeling" in sets.condition_names.stringList()
    sets.condition.setText(CONDITION)
    sets.from_condition("Lasserij, kort in dienst")
    made = project.sets.get("Lasserij, kort in dienst")
    assert made.kind == "documents" and set(made.members) == matching
    assert analysis.filters.documents.findData("Lasserij, kort in dienst") >= 0
    assert str(len(matching)) in analysis.status.text()
    # a condition that cannot be read: its message, no set
    sets.condition.setText("afdeling = Lasserij en")
    sets.from_condition("Kapot")
    assert "Kapot" not in [s.name for s in project.sets.all()]
    assert "condition" in analysis.status.text().lower()


def test_dutch_labels_of_the_condition(analysis) -> None:
    from fieldkit.gui import i18n

    i18n.install("nl")
    try:
        analysis.retranslate()
        assert analysis.filters.labels[2].text() == "Alleen waar"
        assert analysis.filters.condition.edit.placeholderText().startswith("bijv. afdeling")
        assert analysis.sets.buttons["condition"].text() == \
            "Nieuwe documentenset uit voorwaarde…"
        # what is wrong is said in Dutch, naming what the researcher typed
        field = analysis.filters.condition
        for typed, said in (
                ("afdeling = ", "Deze voorwaarde is niet te lezen; schrijf bijv. afdeling = "
                                "Lasserij en jaren < 5."),
                ("afdling = Lasserij", "Er is geen kenmerk ‘afdling’."),
                ("jaren < veel", "‘veel’ past niet bij kenmerk jaren (Getal)."),
                ("(jaren < 5", "Deze voorwaarde is niet te lezen; schrijf bijv. afdeling = "
                               "Lasserij en jaren < 5.")):
            type_condition(field, typed)
            assert field.message.text() == said, typed
            assert field.message.wordWrap()  # a long message never widens the window
    finally:
        i18n.install("en")


def test_a_document_set_from_cases_that_satisfy_a_condition(study, analysis) -> None:
    project, _matching = study
    docs = [d.id for d in project.documents()]
    project.cases.add("Ploeg vroeg", documents=docs[:3])
    project.cases.add("Ploeg laat", documents=docs[3:5])
    project.attributes.set("case:Ploeg vroeg", "ploeg", "vroeg")
    project.attributes.set("case:Ploeg laat", "ploeg", "laat")
    # a document's own value goes before its case's: only the case's values decide a case set
    project.attributes.set(docs[0], "ploeg", "laat")
    analysis.tabs.setCurrentWidget(analysis.sets)
    sets = analysis.sets
    sets.refresh()
    sets.condition.setText("ploeg = vroeg")
    sets.condition_kind.setCurrentIndex(sets.condition_kind.findData("cases"))
    sets.from_condition("Vroege ploeg")
    assert set(project.sets.get("Vroege ploeg").members) == set(docs[:3])
    sets.condition_kind.setCurrentIndex(sets.condition_kind.findData("documents"))
    sets.from_condition("Vroeg, eigen waarden")
    assert set(project.sets.get("Vroeg, eigen waarden").members) == set(docs[1:3])
