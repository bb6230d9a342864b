"""A coding round as a researcher does it: the dead ends found by trying the app (issue 11)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu

from fieldkit.core.model import Region
from fieldkit.gui.code_hits_dialog import CodeHitsDialog
from fieldkit.gui.new_code_dialog import NewCodeDialog
from fieldkit.gui.text_view import word_bounds
from tests.gui.conftest import make_photo
from tests.gui.test_window import open_transcript, select


def choose_in_box(window, qtbot, text: str) -> None:
    box = window.coding.box
    assert box is not None and box.isVisible()
    qtbot.keyClicks(box.edit, text)
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    # the closed box is deleted as the running app's event loop would (the old code then
    # touched the deleted box on the next Ctrl+K)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


# -- defect 1: the quick-code box works more than once ------------------------------------

def test_quick_code_box_three_times_then_code_all_hits_then_a_photo_region(
        window, qtbot, tmp_path: Path) -> None:
    project = window.project
    tab = open_transcript(window)
    for words, code in (("Henk", "New machine"), ("de ervaren operator", "Observation"),
                        ("Daarna schreef", "Trial and error")):
        select(tab, words)
        assert window.coding.quick_code() is not None
        choose_in_box(window, qtbot, code)
        assert words in {c.quote for c in project.codings(doc=tab.doc_id)}
    # code all hits after the box was used: the list, then the box, then the codings
    window.search.run("machine")
    dialog = window.coding.code_hits("machine", "hit")
    assert isinstance(dialog, CodeHitsDialog)
    dialog.accept()
    choose_in_box(window, qtbot, "Technology/New machine")
    window.runner.wait()
    qtbot.waitUntil(lambda: len(project.codings(code="Technology/New machine")) >= 4)
    # and a photo region
    [photo] = project.imports.files([make_photo(tmp_path / "pers.png")], site="Hendriks")
    ptab = window.open_document(photo.id)
    ptab.photo_view.region_drawn.emit(Region(10, 20, 100, 80))
    choose_in_box(window, qtbot, "Observation")
    [coding] = project.codings(doc=photo.id)
    assert coding.region == Region(10, 20, 100, 80)


# -- defect 4: one rule for new codes, shown; the selection gets coded ---------------------

def test_new_code_from_the_menu_is_made_at_the_top_and_codes_the_selection(window) -> None:
    project = window.project
    tab = open_transcript(window)
    # a code is selected in the codebook: the old dialog nested the new code under it
    window.codebook.select_code(project.code("Learning/Informal/Observation").id)
    select(tab, "trial and error")
    window.actions_["new_code"].trigger()
    dialog = window.findChild(NewCodeDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.under.currentData() == ""  # the top of the codebook, and it says so
    dialog.name.setText("Work organisation/Canteen talk")
    assert "Work organisation/Canteen talk" in dialog.preview.text()
    assert dialog.code_it.isVisible() and dialog.code_it.isChecked()
    assert "trial and error" in dialog.code_it.text()
    dialog.accept()
    code = project.code("Work organisation/Canteen talk")
    assert project.codebook().find_path("Learning/Work organisation/Canteen talk") is None
    assert [c.quote for c in project.codings(code=code.id)] == ["trial and error"]
    window.undo()  # one step: the code and its coding go together
    assert project.codebook().find_path("Work organisation/Canteen talk") is None


def test_new_sub_code_from_the_codebook_names_its_parent(window) -> None:
    project = window.project
    parent = project.code("Technology")
    window.codebook.new_code(parent.id)
    dialog = window.findChild(NewCodeDialog)
    assert dialog.under.currentText() == "Technology"
    assert not dialog.code_it.isVisible()  # no text selected: nothing to code
    dialog.name.setText("Tablets")
    assert dialog.preview.text().endswith("Technology/Tablets")
    dialog.accept()
    assert project.codebook().find_path("Technology/Tablets") is not None


# -- defect 6: code all hits codes what it shows -------------------------------------------

def test_code_all_hits_lists_occurrences_per_document_and_leaves_memos_out(window, qtbot) -> None:
    project = window.project
    project.add_note(site="Hendriks", title="Memo over machines", kind="memo",
                     text="De machine, de machine en nog eens de machine.")
    project.add_code("Technology/Machines")
    plan = project.index.hit_plan("machine")
    by_title = {t.title: len(t.spans) for t in plan}
    assert by_title["Memo over machines"] == 3
    assert sum(by_title.values()) > len(by_title)  # more occurrences than documents
    window.search.run("machine")
    window.search._code_all()
    dialog = window.findChild(CodeHitsDialog)
    assert dialog is not None
    shown = {dialog.list.topLevelItem(i).text(0): dialog.list.topLevelItem(i).text(2)
             for i in range(dialog.list.topLevelItemCount())
             if not dialog.list.topLevelItem(i).isHidden()}
    assert "Memo over machines" not in shown  # memos are left out unless asked for
    expected = sum(n for t, n in by_title.items() if t != "Memo over machines")
    assert sum(int(v) for v in shown.values()) == expected == dialog.passages()
    assert str(expected) in dialog.total.text()
    dialog.accept()
    choose_in_box(window, qtbot, "Technology/Machines")
    window.runner.wait()
    code = project.code("Technology/Machines")
    qtbot.waitUntil(lambda: len(project.codings(code=code.id)) == expected)
    memo = next(d for d in project.documents() if d.title == "Memo over machines")
    assert project.codings(doc=memo.id) == []


def test_codebook_matches_are_not_counted_as_codable(window) -> None:
    # "Observation" is a code name and in its definition; no document text says it
    window.search.run("Observation")
    assert "not codable" in window.search.summary.text()
    assert not window.search.code_button.isEnabled()
    assert window.project.index.hit_plan("Observation") == []


# -- defect 7: context menus name coder and code --------------------------------------------

def test_two_coders_on_one_span_give_two_distinct_menu_entries(window) -> None:
    project = window.project
    tab = open_transcript(window)
    start = tab.doc.text.index("trial and error")
    project.code_text(tab.doc_id, start, start + len("trial and error"),
                      "Learning/Informal/Trial and error")  # Anouk, beside Bram's coding
    marks = [m for m in tab.text_view.marks if m.name == "Trial and error"]
    assert {m.coder for m in marks} == {"Anouk", "Bram"}
    menu = QMenu()
    tab.text_view.fill_menu(menu, marks)
    removes = [a.text() for a in menu.actions() if a.text().startswith("Remove coding")]
    assert sorted(removes) == ["Remove coding: Learning/Informal/Trial and error by Anouk",
                               "Remove coding: Learning/Informal/Trial and error by Bram"]


# -- defect 8: selections snap to whole words ----------------------------------------------

def test_word_bounds() -> None:
    text = "de afdelingen werken samen 🙂 goed"
    start = text.index("delingen")
    assert word_bounds(text, start, start + 3) == (text.index("afdelingen"),
                                                   text.index("afdelingen") + 10)
    assert word_bounds(text, 0, 2) == (0, 2)  # already whole
    emoji = text.index("goed")
    assert word_bounds(text, emoji + 1, emoji + 2) == (emoji, emoji + 4)


def drag(view, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press, move and release the left button from ``start`` to ``end`` (code points)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent, QTextCursor

    def point(pos: int) -> QPoint:
        c = QTextCursor(view.document())
        c.setPosition(view.map.to_utf16(pos))
        return view.cursorRect(c).center()

    vp = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    # sent by hand: QTest's mouseMove drops the modifier, so an Alt drag would not select
    for kind, pos, buttons in ((QEvent.Type.MouseButtonPress, start, left),
                               (QEvent.Type.MouseMove, end, left),
                               (QEvent.Type.MouseButtonRelease, end, none)):
        p = QPointF(point(pos))
        QApplication.sendEvent(vp, QMouseEvent(kind, p, QPointF(vp.mapToGlobal(p)), left,
                                               buttons, modifier))
    QApplication.processEvents()


def test_mouse_selection_snaps_to_words_alt_keeps_exact_and_a_setting_turns_it_off(
        window) -> None:
    tab = open_transcript(window)
    view = tab.text_view
    text = tab.doc.text
    word = text.index("ervaren")
    drag(view, word + 2, word + 5)  # "er|var|en"
    assert view.selection_span() == (word, word + len("ervaren"))
    view.moveCursor(view.textCursor().MoveOperation.Start)  # a press inside would drag it
    drag(view, word + 2, word + 5, Qt.KeyboardModifier.AltModifier)
    assert view.selection_span() == (word + 2, word + 5)
    view.moveCursor(view.textCursor().MoveOperation.Start)
    window.actions_["snap_words"].setChecked(False)
    drag(view, word + 2, word + 5)
    assert view.selection_span() == (word + 2, word + 5)
    window.actions_["snap_words"].setChecked(True)


# -- keyboard-only coding ------------------------------------------------------------------

def test_a_coding_round_by_keyboard_only(window, qtbot) -> None:
    project = window.project
    tab = open_transcript(window)
    window.actions_["focus_search"].trigger()
    assert window.search.query.hasFocus() or QApplication.focusWidget() is window.search.query
    qtbot.keyClicks(window.search.query, "opnieuw")
    qtbot.keyClick(window.search.query, Qt.Key.Key_Return)
    assert window.search.model.rowCount() > 0
    qtbot.keyClick(window.search.query, Qt.Key.Key_Down)  # into the results
    assert QApplication.focusWidget() is window.search.table
    assert window.search.table.currentIndex().row() == 0
    window.search.table.activated.emit(window.search.table.currentIndex())  # Enter opens it
    tab = window.current_tab()
    span = tab.text_view.selection_span()
    assert span is not None and tab.doc.text[span[0]:span[1]] == "opnieuw"
    window.actions_["focus_codebook"].trigger()  # Alt+2: "Find a code…", Down for the tree
    assert QApplication.focusWidget() is window.codebook.filter
    qtbot.keyClick(window.codebook.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.codebook.tree
    window.actions_["find_code"].trigger()
    qtbot.keyClicks(window.codebook.filter, "new mach")
    qtbot.keyClick(window.codebook.filter, Qt.Key.Key_Return)  # codes the selection
    quotes = {c.quote for c in project.codings(code="Technology/New machine")}
    assert tab.doc.text[span[0]:span[1]] in quotes
    window.actions_["focus_document"].trigger()
    assert QApplication.focusWidget() is tab.text_view
    window.actions_["focus_material"].trigger()
    assert QApplication.focusWidget() is window.navigator.focus_target()
    while window.current_tab() is not None:  # with no document open, Alt+4 goes to Material
        window.tabs.removeTab(0)
    window.actions_["focus_codebook"].trigger()
    window.actions_["focus_document"].trigger()
    assert QApplication.focusWidget() is window.navigator.focus_target()


def test_enter_on_a_code_in_the_tree_codes_the_selection(window, qtbot) -> None:
    project = window.project
    tab = open_transcript(window)
    select(tab, "de nieuwe machine")
    window.codebook.select_code(project.code("Technology/New machine").id)
    window.codebook.tree.setFocus()
    qtbot.keyClick(window.codebook.tree, Qt.Key.Key_Return)
    assert "de nieuwe machine" in {c.quote for c in project.codings(doc=tab.doc_id)}


def test_code_keys_are_shown_and_can_be_changed(window) -> None:
    model = window.codebook.model
    code_id = window.project.code("Technology/New machine").id
    index = model.index_of(code_id)
    key = model.keys[code_id]
    assert model.index(index.row(), 2, index.parent()).data() == key
    assert f"Shortcut: {key}" in index.data(Qt.ItemDataRole.ToolTipRole)
    window.codebook.set_key(code_id, "Ctrl+9")
    assert model.keys[code_id] == "Ctrl+9"
    assert "Shortcut: Ctrl+9" in index.data(Qt.ItemDataRole.ToolTipRole)


# -- after an import; suggestions follow the document --------------------------------------

def test_the_imported_document_opens(window, qtbot, tmp_path: Path) -> None:
    source = tmp_path / "interview2.txt"
    source.write_text("Interviewer: Wat leerde je?\nSanne: Veel van mijn collega.\n",
                      encoding="utf-8")
    window.import_files([str(source)], kind="transcript", site="Hendriks")
    qtbot.waitUntil(lambda: window.current_tab() is not None
                    and window.current_tab().doc.title == "interview2", timeout=10000)


def test_suggestions_follow_the_document_and_say_why_they_are_empty(window) -> None:
    project = window.project
    docs = [d for d in project.documents() if d.chars]
    window.open_document(docs[0].id)
    window.show_suggestions()
    panel = window.suggestions_dock.widget()
    assert panel.document_id == docs[0].id
    assert not panel.empty.isHidden() and "Train" in panel.empty.text()  # no model yet
    window.open_document(docs[1].id)
    assert panel.document_id == docs[1].id


def test_code_all_hits_with_a_new_code_is_one_undo_step(window, qtbot) -> None:
    """Found in a real-window round: the new code was its own step, so one Ctrl+Z left an
    empty code behind (and a second pass of the same search found the code's name)."""
    project = window.project
    codes_before = {c.id for _, c in project.codebook().walk()}
    codings_before = len(project.codings())
    window.search.run("machine")
    dialog = window.coding.code_hits("machine", "hit")
    assert isinstance(dialog, CodeHitsDialog)
    dialog.accept()
    choose_in_box(window, qtbot, "Technologie/Nieuwe pers")
    window.runner.wait()
    qtbot.waitUntil(lambda: len(project.codings()) > codings_before)
    made = project.codings(code="Technologie/Nieuwe pers")
    assert made and all("machine" in c.quote.lower() for c in made)
    window.undo()
    assert {c.id for _, c in project.codebook().walk()} == codes_before
    assert len(project.codings()) == codings_before
    window.redo()
    assert len(project.codings(code="Technologie/Nieuwe pers")) == len(made)
