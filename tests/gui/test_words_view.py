"""The Words tab of the analysis window under pytest-qt: the list is the facade's, the choices
change it, the cloud opens and saves, and the tab speaks Dutch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fieldkit.gui import i18n
from fieldkit.project import Project


def words_tab(window, qtbot):  # type: ignore[no-untyped-def]
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    analysis.tabs.setCurrentWidget(analysis.words)
    return analysis, analysis.words


def test_the_word_list_is_the_projects(window, qtbot, qtmodeltester, tmp_path: Path) -> None:
    project: Project = window.project
    analysis, view = words_tab(window, qtbot)
    expected = project.analysis.words.frequencies(top=50)
    model = view.model
    qtmodeltester.check(model)
    assert model.rowCount() == len(expected.rows) > 0
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        [r.word for r in expected.rows]
    assert model.index(0, 1).data() == str(expected.rows[0].count)
    speaker = project.analysis.words.speakers()[0]
    view.speaker.setCurrentIndex(view.speaker.findData(speaker))
    spoken = project.analysis.words.frequencies(top=50, speaker=speaker)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == \
        [r.word for r in spoken.rows]
    view.speaker.setCurrentIndex(0)
    view.shortest.setValue(8)
    assert all(len(model.index(r, 0).data()) >= 8 for r in range(model.rowCount()))
    dialog = view.show_cloud()
    assert dialog is not None and not dialog.picture.pixmap().isNull()
    out = dialog.save(str(tmp_path / "cloud.svg"))
    assert view.found is not None and view.found.rows
    assert out is not None and view.found.rows[0].word in out.read_text(encoding="utf-8")
    dialog.close()
    assert analysis.tabs.tabText(analysis.tabs.indexOf(view)) == "Words"
    # a word in context: the main window's search lists its hits, ready to code them all
    view.shortest.setValue(3)
    row = next(i for i, r in enumerate(view.found.rows) if r.word == "machine")
    query = view.in_context(model.index(row, 0))
    assert query == '"machine"' and window.search.query.text() == query
    hits = window.search.model.rowCount()
    assert hits == len(project.search(query).hits) > 0
    assert window.search.code_button.isEnabled()


def test_the_words_tab_speaks_dutch(window, qtbot) -> None:
    analysis, view = words_tab(window, qtbot)
    try:
        i18n.install("nl")
        analysis.retranslate()
        assert analysis.tabs.tabText(analysis.tabs.indexOf(view)) == "Woorden"
        assert view.cloud.text() == "Woordwolk…"
        assert view.model.headerData(0, Qt.Orientation.Horizontal) == "Woord"
        assert view.speaker.itemText(0) == "Elke spreker"
        assert "geteld" in view.summary.text()
    finally:
        i18n.install("en")
        analysis.retranslate()


def test_only_where_narrows_the_word_list(window, qtbot) -> None:
    from tests.gui.test_where_gui import type_condition

    project: Project = window.project
    note = next(d for d in project.documents() if d.kind == "fieldnote")
    project.attributes.set(note.id, "afdeling", "Lasserij")
    analysis, view = words_tab(window, qtbot)
    analysis.on_change()
    everything = [r.word for r in project.analysis.words.frequencies(top=50).rows]
    type_condition(analysis.filters.condition, "afdeling = Lasserij")
    assert analysis.filters.condition.applied == "afdeling = Lasserij"
    expected = project.analysis.words.frequencies(top=50, where="afdeling = Lasserij")
    shown = [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
    assert shown == [r.word for r in expected.rows] != everything
    assert expected.documents == 1
    # the turn labels are not words: "kees" only where it is said, not where it opens turns
    assert "kees" in shown  # the note: "legt Henk aan Kees uit"


def test_two_groups_compared_by_log_likelihood(window, qtbot) -> None:
    project: Project = window.project
    analysis, view = words_tab(window, qtbot)
    view.speaker.setCurrentIndex(view.speaker.findData("Kees"))
    view.compare.setCurrentIndex(view.compare.findData("rest"))
    expected = project.analysis.words.compare("rest", top=50, speaker="Kees")
    assert view.table.model() is view.keyed
    keyed = view.keyed
    shown = [(keyed.index(r, 0).data(), keyed.index(r, 1).data(), keyed.index(r, 2).data(),
              keyed.index(r, 4).data()) for r in range(keyed.rowCount())]
    assert shown == [(k.word, str(k.count_a), str(k.count_b), k.more_in)
                     for k in expected.rows] and shown
    assert view.summary.text().startswith("A: speaker Kees (")
    assert keyed.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == \
        "speaker Kees"
    # a compared word in context too
    query = view.in_context(keyed.index(0, 0))
    assert query is not None and window.search.query.text() == query
    site = project.sites()[0].name
    view.compare.setCurrentIndex(view.compare.findData(f"site:{site}"))
    assert view.compared is not None and view.compared.label_b == f"site {site}"
    view.compare.setCurrentIndex(0)
    assert view.table.model() is view.model and view.found is not None
    try:
        i18n.install("nl")
        analysis.retranslate()
        assert view.compare.itemText(0) == "Niets"
        assert view.compare.itemText(1) == "de rest"
        assert view.labels[5].text() == "Vergelijk met"
    finally:
        i18n.install("en")
        analysis.retranslate()
