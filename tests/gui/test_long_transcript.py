"""A long transcript: codings far down the text are highlighted once they are scrolled to.

Qt is given the highlights of the codings on screen and a window either side (``WINDOW``), not
all of them, so opening a 50,000-word transcript stays fast; these tests check that no coded
text on screen is ever left without its colour, wherever the reader scrolls or jumps.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from fieldkit.gui import text_view
from tests.gui.conftest import open_window


@pytest.fixture
def window(qtbot, project):
    """The main window with the side panes closed, once it has fitted itself to the (800×800
    offscreen) screen: these tests scroll a document, and a screen of it must hold at least
    one coded line whatever the fonts make of the panes' widths."""
    for shown in open_window(qtbot, project):
        qtbot.wait(300)  # the window fits itself to the screen 200 ms after it is shown
        shown.nav_dock.hide()
        shown.code_dock.hide()
        yield shown


def long_transcript(project, tmp_path, lines: int = 2500) -> int:
    body = "\r\n".join(
        f"{'Interviewer' if i % 2 == 0 else 'Kees'}: regel {i} over de kantbank, één 😀 keer "
        "kijken hoe Henk het doet" for i in range(lines))
    source = tmp_path / "lang.txt"
    source.write_text(body, encoding="utf-8")
    [doc] = project.imports.files([source], site="Hendriks", kind="transcript")
    text = project.document(doc.id).text
    assert len(text) > 4 * text_view.WINDOW  # longer than what Qt is given at once
    for i in range(0, lines, 7):  # a coding on every seventh line, after the emoji
        start = text.index(f"regel {i} ") + len(f"regel {i} ")
        project.code_text(doc.id, start, start + len("over de kantbank"),
                          "Learning/Informal/Observation")
    return doc.id


def highlighted(view) -> set[int]:
    """The coding ids whose highlights Qt has now."""
    return {s.format.property(s.format.Property.UserProperty) for s in view.extraSelections()}


def on_screen(view) -> set[int]:
    first, last = view._on_screen()
    return {m.coding.id for m in view.marks if m.s16 < last and m.e16 > first}


def test_every_coding_on_screen_is_highlighted_wherever_one_scrolls(window, tmp_path,
                                                                    qtbot) -> None:
    doc_id = long_transcript(window.project, tmp_path)
    tab = window.open_document(doc_id)
    view = tab.text_view
    qtbot.wait(50)
    assert len(view.marks) == len(range(0, 2500, 7))
    assert on_screen(view) and on_screen(view) <= highlighted(view)
    assert len(highlighted(view)) < len(view.marks)  # the far end is not given to Qt yet
    bar = view.verticalScrollBar()
    for value in (bar.maximum(), bar.maximum() // 2, 0, bar.maximum() // 3, bar.maximum()):
        for _ in range(2):  # twice in a row: the second time nothing may be lost
            bar.setValue(value)
            qtbot.wait(10)
            assert on_screen(view), value
            assert on_screen(view) <= highlighted(view), value
    last = max(view.marks, key=lambda m: m.s16)
    assert last.coding.id in highlighted(view)
    # each highlight still covers exactly its coding's words, in UTF-16 after the emoji
    sel = next(s for s in view.extraSelections()
               if s.format.property(s.format.Property.UserProperty) == last.coding.id)
    assert sel.cursor.selectedText() == "over de kantbank"


def test_jumping_to_a_far_coding_highlights_it(window, tmp_path, qtbot) -> None:
    doc_id = long_transcript(window.project, tmp_path)
    tab = window.open_document(doc_id)
    view = tab.text_view
    far = max(view.marks, key=lambda m: m.s16)
    assert far.coding.id not in highlighted(view)
    cursor = view.textCursor()
    cursor.setPosition(far.s16)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    qtbot.wait(10)
    assert far.coding.id in highlighted(view)
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    view.setTextCursor(cursor)
    qtbot.wait(10)
    assert far.coding.id not in highlighted(view)
    assert on_screen(view) <= highlighted(view)


def test_a_new_coding_far_down_is_highlighted_at_once(window, tmp_path, qtbot) -> None:
    doc_id = long_transcript(window.project, tmp_path)
    tab = window.open_document(doc_id)
    view = tab.text_view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(10)
    text = tab.doc.text
    start = text.index("regel 2498 ") + len("regel 2498 ")
    view.select_span(start, start + len("over de"))
    code = window.project.code("Technology/New machine").id
    window.coding.apply(code)
    new = next(m for m in view.marks if m.coding.code_id == code)
    assert new.coding.id in highlighted(view)
    window.undo()
    assert all(m.coding.code_id != code for m in view.marks)
    assert new.coding.id not in highlighted(view)
    assert on_screen(view) <= highlighted(view)


def test_a_narrow_document_view_keeps_room_for_its_text(window, tmp_path, qtbot) -> None:
    """In a small window with the side panes open the document view is narrow: the code
    names beside the stripes narrow, then go, before the text gets less than MIN_TEXT."""
    doc_id = long_transcript(window.project, tmp_path)
    shown = window.open_document(doc_id).text_view
    view = text_view.TextView()
    qtbot.addWidget(view)
    view.set_text(shown.text, [])
    view.set_marks(shown.marks)
    stripes = min(max(view.lanes, 1), text_view.MAX_LANES) * text_view.LANE + 10
    view.resize(900, 400)
    view.show()
    qtbot.wait(10)
    assert view.viewportMargins().right() == stripes + text_view.LABELS  # names in full
    for _ in range(2):
        narrowed = []
        for width in (380, 300, 180, 900):
            view.resize(width, 400)
            qtbot.wait(10)
            narrowed.append(view.viewportMargins().right() - stripes)
            if width < 900:
                assert view.viewport().width() >= min(text_view.MIN_TEXT, width - 60), width
        assert 0 < narrowed[0] < text_view.LABELS  # narrower names
        assert narrowed[1:3] == [0, 0]  # no names: the stripes alone
        assert narrowed[3] == text_view.LABELS  # wide again: the names are back
