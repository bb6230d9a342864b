"""The main window: opening documents, coding in every way, undo/redo, search, language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldkit.gui.codebook_panel import merge_codes
from fieldkit.gui.document_tab import DocumentTab
from fieldkit.project import Project


def transcript_id(project) -> int:
    return next(d.id for d in project.documents() if d.kind == "transcript")


def open_transcript(window) -> DocumentTab:
    tab = window.open_document(transcript_id(window.project))
    assert tab is not None and tab.text_view is not None
    return tab


def select(tab: DocumentTab, words: str) -> tuple[int, int]:
    start = tab.doc.text.index(words)
    tab.text_view.select_span(start, start + len(words))
    return start, start + len(words)


def test_opening_a_transcript_shows_its_codings_and_turns(window) -> None:
    tab = open_transcript(window)
    view = tab.text_view
    assert view.toPlainText() == tab.doc.text
    assert {m.path for m in view.marks} == {"Learning/Informal/Observation",
                                           "Learning/Informal/Trial and error"}
    assert len(view.extraSelections()) == 2
    # the emoji is outside the BMP: the span after it must still land on the right words
    mark = next(m for m in view.marks if m.name == "Trial and error")
    assert view.toPlainText()[mark.s16:mark.e16] == "trial and error"
    assert "2 codings" in tab.meta.text()
    assert window.windowTitle().startswith("Study")
    assert not window.grab().isNull()  # stripes and gutter paint without errors


def test_code_by_shortcut_then_undo_and_redo(window, qtbot) -> None:
    project = window.project
    tab = open_transcript(window)
    start, end = select(tab, "de nieuwe machine")
    key = window.codebook.model.keys
    code_id = next(c for c, k in key.items() if k == "Ctrl+3")
    before = len(project.codings(doc=tab.doc_id))
    qtbot.keyClick(tab.text_view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    codings = project.codings(doc=tab.doc_id)
    assert len(codings) == before + 1
    new = next(c for c in codings if c.code_id == code_id)
    assert (new.start, new.end) == (start, end)
    assert any(m.coding.id == new.id for m in tab.text_view.marks)
    qtbot.keyClick(tab.text_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(project.codings(doc=tab.doc_id)) == before
    assert all(m.coding.id != new.id for m in tab.text_view.marks)
    qtbot.keyClick(tab.text_view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(project.codings(doc=tab.doc_id)) == before + 1
    assert window.actions_["undo"].text().startswith("&Undo ")


def test_quick_code_box_applies_an_existing_code(window, qtbot) -> None:
    tab = open_transcript(window)
    select(tab, "Henk, de ervaren operator")
    box = window.coding.quick_code()
    assert box is not None
    qtbot.keyClicks(box.edit, "new mach")
    assert box.list.currentItem().text() == "Technology/New machine"
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    paths = {window.project.code_path(c.code_id) for c in window.project.codings(doc=tab.doc_id)}
    assert "Technology/New machine" in paths


def test_quick_code_box_makes_a_new_code_in_one_undo_step(window, qtbot) -> None:
    project = window.project
    tab = open_transcript(window)
    select(tab, "schreef ik het op")
    box = window.coding.quick_code()
    qtbot.keyClicks(box.edit, "Documenting")
    assert box.list.currentItem().text().endswith("“Documenting”")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    code = project.code("Documenting")
    assert [c.quote for c in project.codings(code=code.id)] == ["schreef ik het op"]
    window.refresh_panels()
    assert window.codebook.model.index_of(code.id).isValid()
    window.undo()
    assert project.codebook().find_path("Documenting") is None


def test_quick_code_without_selection_says_so(window) -> None:
    open_transcript(window)
    assert window.coding.quick_code() is None


def test_in_vivo_makes_a_code_from_the_words(window) -> None:
    project = window.project
    tab = open_transcript(window)
    select(tab, "gewoon opnieuw")
    window.coding.in_vivo()
    code = project.code("In vivo/gewoon opnieuw")
    assert len(project.codings(code=code.id)) == 1


def test_drop_of_a_code_codes_the_selection(window) -> None:
    project = window.project
    tab = open_transcript(window)
    select(tab, "Vooral")
    code = project.code("Technology/New machine")
    tab.text_view.code_dropped.emit([code.id])
    assert [c.quote for c in project.codings(code=code.id)] == ["Vooral"]


def test_removing_a_coding_and_its_memo(window) -> None:
    project = window.project
    tab = open_transcript(window)
    coding = next(m.coding for m in tab.text_view.marks if m.name == "Observation")
    tab.text_view.remove_coding.emit(coding.id)
    assert all(m.coding.id != coding.id for m in tab.text_view.marks)
    assert len(project.codings(doc=tab.doc_id)) == 1
    other = project.codings(doc=tab.doc_id)[0]
    assert "Kees tries again." in tab.text_view.mark_tooltip(tab.text_view.marks)
    project.memos.set_coding_memo(other.id, "changed")
    assert tab.text_view.marks[0].coding.memo == "changed"


def test_show_one_coder_and_hide_codes(window) -> None:
    tab = open_transcript(window)
    window.set_coder_filter("Bram")
    assert [m.coder for m in tab.text_view.marks] == ["Bram"]
    window.set_coder_filter(None)
    code = window.project.code("Learning/Informal/Observation")
    window.codebook.show_only(code.id)
    assert [m.name for m in tab.text_view.marks] == ["Observation"]
    window.codebook.show_all()
    assert len(tab.text_view.marks) == 2


def test_codebook_edits_rename_recolour_merge_delete(window) -> None:
    project = window.project
    model = window.codebook.model
    obs = project.code("Learning/Informal/Observation")
    assert model.setData(model.index_of(obs.id), "Watching", Qt.ItemDataRole.EditRole)
    window.refresh_panels()
    assert model.items[obs.id].code.name == "Watching"
    window.codebook.select_code(obs.id)
    window.codebook.edits["example"].setPlainText("Kees kijkt mee met Henk.")
    window.codebook.save_details()
    assert project.code(obs.id).example == "Kees kijkt mee met Henk."
    trial = project.code("Learning/Informal/Trial and error")
    moved = merge_codes(project, trial.id, obs.id)
    assert moved == 1 and len(project.codings(code=obs.id)) == 2
    window.codebook.delete(obs.id, ask=False)
    window.refresh_panels()
    assert obs.id not in model.items
    window.undo()
    window.refresh_panels()
    assert obs.id in model.items and model.items[obs.id].count == 2


def test_search_and_jump_to_a_hit(window, qtbot) -> None:
    window.search.run("operator")
    assert window.search.model.rowCount() >= 1
    index = window.search.model.index(0, 2)
    window.search.table.clicked.emit(index)
    tab = window.current_tab()
    assert tab is not None
    assert tab.text_view.textCursor().selectedText().lower() == "operator"


def test_shortcuts_dialog_lists_frequent_actions(window) -> None:
    dialog = window.show_shortcuts()
    rows = dialog.rows()
    assert rows["Quick code"].startswith("Ctrl+K")
    assert rows["Undo"] == "Ctrl+Z"
    assert any(text.startswith("Code with Learning") for text in rows)
    dialog.close()


def test_switching_language_relabels_the_window(window) -> None:
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    assert "&File" in menus()
    window.set_language("nl")
    assert "&Bestand" in menus()
    assert window.code_dock.windowTitle() == "Codeboek"
    window.set_language("en")
    assert "&File" in menus()


def test_open_documents_are_remembered(qtbot, project) -> None:
    from fieldkit.gui.main_window import MainWindow

    w = MainWindow(project)
    qtbot.addWidget(w)
    w.open_document(transcript_id(project))
    w._save_open_documents()
    path = project.path
    w.set_project(None)
    from fieldkit.project import Project

    again = Project.open(path)
    w.set_project(again)
    assert w.current_tab() is not None and w.current_tab().doc_id == transcript_id(again)


def test_agreement_and_suggestions_open_from_the_coding_menu(window) -> None:
    from fieldkit.gui.agreement_dialog import AgreementDialog

    window.actions_["agreement"].trigger()
    dialogs = window.findChildren(AgreementDialog)
    assert dialogs and dialogs[0].isVisible()
    dialogs[0].close()
    window.actions_["suggestions"].trigger()
    assert window.suggestions_dock is not None and window.suggestions_dock.isVisible()


def test_f1_lists_the_keys_from_the_analysis_window_and_a_note_window(window, qtbot) -> None:
    """F1 works in every window of the app, and the list opens over the window it was pressed
    in (it opened only from the main window, so the Analysis window's keys were out of
    reach there)."""
    from fieldkit.gui.shortcuts_dialog import ShortcutsDialog

    def f1_in(top) -> ShortcutsDialog:  # type: ignore[no-untyped-def]
        top.show()
        top.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is top)
        QTest.keyClick(QApplication.focusWidget() or top, Qt.Key.Key_F1)
        [dialog] = [w for w in top.findChildren(ShortcutsDialog) if w.isVisible()]
        rows = list(dialog.rows())
        assert "Undo" in rows and "Network: move the chosen nodes (with Shift: further)" in rows
        dialog.close()
        dialog.deleteLater()
        return dialog

    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    note = window.quick_note()
    qtbot.waitExposed(note)
    for _ in range(2):
        for top in (analysis, note, window):
            assert f1_in(top).parentWidget() is top
    note.close()


def test_the_shortcuts_list_keeps_room_for_what_each_key_does(window, qtbot) -> None:
    """A long list of keys goes one per line, and long descriptions wrap, so no text is cut
    off (one list of three key combinations had left the descriptions a few letters wide)."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle

    for language in ("nl", "en", "nl"):
        window.set_language(language)
        dialog = window.show_shortcuts()
        qtbot.waitExposed(dialog)
        table = dialog.table
        room = table.viewport().width()
        # the text's own room in a cell, as Qt's style lays it out
        margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                                table) + 1)
        assert table.columnWidth(0) >= room * 0.55
        for row in range(table.rowCount()):
            for column in (0, 1):
                item = table.item(row, column)
                needed = table.fontMetrics().boundingRect(
                    QRect(0, 0, table.columnWidth(column) - margin, 10_000),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), item.text())
                assert needed.width() <= table.columnWidth(column), item.text()
                assert needed.height() <= table.rowHeight(row), item.text()
        dialog.close()
    window.set_language("en")


def test_ctrl_tab_and_ctrl_page_keys_go_through_the_analysis_tabs(window, qtbot) -> None:
    """From the filters above the tabs (which the tab bar's own keys never reached) and from
    inside a tab, round from the last tab to the first; in the classification sheet too (its
    Cases and Documents); listed under F1 in both languages."""
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    analysis.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is analysis)
    tabs = analysis.tabs
    count = tabs.count()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for start in (analysis.filters.coder, analysis.relations.table):
        start.setFocus()
        qtbot.waitUntil(start.hasFocus)
        tabs.setCurrentIndex(0)
        for _ in range(2):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, ctrl)
            assert tabs.currentIndex() == 1
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, ctrl)
            assert tabs.currentIndex() == 2
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab, ctrl | shift)
            assert tabs.currentIndex() == 1
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, ctrl)
            assert tabs.currentIndex() == 0
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, ctrl)
            assert tabs.currentIndex() == count - 1  # round to the last
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, ctrl)
            assert tabs.currentIndex() == 0
            start.setFocus()
    sheet = window.show_sheet()
    qtbot.waitExposed(sheet)
    sheet.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sheet)
    sheet.filter.setFocus()
    qtbot.waitUntil(sheet.filter.hasFocus)
    for _ in range(2):
        assert sheet.kinds.currentIndex() == 0
        QTest.keyClick(sheet.filter, Qt.Key.Key_Tab, ctrl)
        assert sheet.kinds.currentIndex() == 1
        QTest.keyClick(sheet.filter, Qt.Key.Key_PageDown, ctrl)  # round to the first
        assert sheet.kinds.currentIndex() == 0
    sheet.close()
    for language, label in (("en", "Analysis, classification sheet: the next tab"),
                            ("nl", "Analyse, classificatieblad: het volgende tabblad")):
        window.set_language(language)
        dialog = window.show_shortcuts()
        rows = dialog.rows()
        dialog.close()
        assert rows[label] == "Ctrl+Tab, Ctrl+Page Down"
    window.set_language("en")


def test_a_long_title_ends_in_an_ellipsis_with_the_whole_title_in_its_tooltip(
        window, qtbot) -> None:
    """A title wider than the tab was cut off at its edge mid-letter (seen at 1440 × 900 with
    the side panes open); now it ends in "…", the tooltip holds all of it, and the label's text
    (what a screen reader reads) stays whole. Wide enough again, the whole title shows."""
    project = window.project
    title = "Veldnotities 2026-02-17 Hendriks Machinebouw (Assemblage, ochtenddienst) 🙂 één"
    doc = project.add_note(site="Hendriks", title=title, text="Tekst.\r\nMeer tekst.")
    window.open_document(doc.id)
    tab = window.current_tab()
    label = tab.title
    for width in (360, 2400, 360):  # narrow, wide, narrow again
        tab.resize(width, 400)
        label.resize(width - 32, label.height())
        QApplication.processEvents()
        shown = label.shown_text()
        assert label.text() == title and label.accessibleName() in ("", title)
        if label.fontMetrics().horizontalAdvance(title) > label.contentsRect().width():
            assert shown.endswith("…") and title.startswith(shown[:-1])
            assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
            assert label.toolTip() == title
        else:
            assert shown == title and label.toolTip() == ""
    assert width == 360 and label.toolTip() == title  # the last pass was a narrow one


def test_a_search_note_is_said_in_dutch_on_a_dutch_screen(window) -> None:
    """The note under a search (an unknown speaker, a query read as plain words) was English
    on a Dutch screen; the names, words and values the researcher typed stay as typed."""
    cases = (("machine speaker:nobody",
              "Geen spreker komt overeen met 'nobody', dus er is niets gevonden.",
              "No speaker matches 'nobody', so nothing was found."),
             ('machine "open',
              "Gezocht naar de losse woorden machine open: een aanhalingsteken is niet "
              "gesloten.",
              "Searched for the plain words machine open: a quotation mark is not closed."),
             ("machine kind:boek site:Nergens",
              "'boek' is geen soort (",
              "'boek' is not a kind ("),
             ("machine attr:nergens=1",
              "Er is geen kenmerk ‘nergens’. Er is niets gevonden.",
              "There is no attribute 'nergens'. Nothing was found."))
    for language in ("nl", "en", "nl"):
        window.set_language(language)
        for query, dutch, english in cases:
            window.search.run(query)
            said = window.search.summary.text()
            assert (dutch if language == "nl" else english) in said, said
            if language == "nl":
                assert "nothing" not in said and "matches" not in said
    window.set_language("en")


def test_closing_the_main_window_closes_the_analysis_window(project, qtbot) -> None:
    """The Analysis window shows the project the main window closes; it stayed open, on a
    closed project (and, in the test run, visible into the tests after it)."""
    from tests.gui.conftest import open_window

    for _ in range(2):
        opened = open_window(qtbot, project if _ == 0 else Project.open(project.path))
        window = next(opened)
        analysis = window.show_analysis()
        sheet = window.show_sheet()
        qtbot.waitExposed(analysis)
        assert analysis.isVisible() and sheet.isVisible()
        window.close()
        assert not analysis.isVisible() and not sheet.isVisible()
        assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []
        opened.close()
