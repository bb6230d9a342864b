"""A PDF's text from the keyboard: a caret on the pages moved by character, word, line, page
and to the text's ends, kept in sight; Shift extends the selection from where it began and
Ctrl+A selects everything; the selection is coded by the window's commands as a mouse
selection is; a screen reader hears the page, the line (or selection) and the codings at the
caret, in English and Dutch. The PDF is written in DejaVu Sans so that its text holds accents,
symbols and an emoji outside the BMP (one code point, two UTF-16 units)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest

from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.pdf_caret import SAID, shorten
from tests.gui.conftest import open_window
from tests.pdf.makers import LEADING, LEFT, SIZE, TOP, UNICODE_FONT, text_pdf

PAGES = [
    ["Werk café 😀 één ✓ goed.", "Tweede regel met crème en 😀 erbij."],
    ["Pagina twee: veiligheid eerst.", "Draag handschoenen bij het zetten."],
    ["Laatste pagina, met résumé."],
]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def pdf_tab(qtbot, project, tmp_path: Path):
    """The window on the test project with a three-page PDF open in its tab, the pages focused."""
    if not UNICODE_FONT.is_file():
        pytest.skip(f"no {UNICODE_FONT.name} to write an emoji into a PDF")
    pdf = text_pdf(tmp_path / "werk.pdf", PAGES, unicode=True)
    [doc] = project.imports.files([pdf.path])
    window = next(open_window(qtbot, project))
    QTest.qWait(300)  # the window first fits itself to the (small) offscreen screen
    window.resize(1600, 700)  # then gets room for the pages beside the panes (not all in sight)
    tab = window.open_document(doc.id)
    assert isinstance(tab, DocumentTab) and tab.pdf_view is not None
    qtbot.waitExposed(tab.pdf_view)
    QTest.qWait(50)
    tab.pdf_view.setFocus()
    qtbot.waitUntil(tab.pdf_view.hasFocus, timeout=3000)
    yield window, tab
    window.runner.wait()
    window.close()


def press(view, key: Qt.Key, mods=NONE) -> None:
    QTest.keyClick(view, key, mods)


def caret(view) -> int:
    assert view.keys.position is not None
    return view.keys.position


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_-'’"


def word_starts(text: str) -> list[int]:
    """Where each word begins (a brute-force reading, character by character)."""
    return [i for i, ch in enumerate(text)
            if _in_word(ch) and (i == 0 or not _in_word(text[i - 1]))]


def lines(text: str) -> list[tuple[int, int]]:
    """Every text line with characters on a page, as [start, end)."""
    out, start = [], 0
    for part in text.split("\n"):
        if part:
            out.append((start, start + len(part)))
        start += len(part) + 1
    return out


def caret_x(project, doc_id: int, offset: int, line_end: int) -> float:
    """Where a caret at ``offset`` stands on its line (points): the left of the character after
    it, the right of the last at the line's end; boxes straight from project.pdfs."""
    page = next(p for p in project.pdfs.pages(doc_id) if p.start <= offset <= p.end)
    boxes = project.pdfs.char_boxes(doc_id, page.number)
    if offset < line_end:
        return float(boxes[offset - page.start, 0])
    return float(boxes[offset - 1 - page.start, 2])


def nearest_on(project, doc_id: int, line: tuple[int, int], x: float) -> int:
    """The caret on ``line`` nearest ``x`` (brute force over every caret of the line)."""
    return min(range(line[0], line[1] + 1),
               key=lambda p: (abs(caret_x(project, doc_id, p, line[1]) - x), p))


def in_sight(view) -> bool:
    found = view.keys.rect()
    assert found is not None
    return view.viewport().rect().contains(found[1].center().toPoint())


def test_the_caret_moves_by_character_word_line_and_page(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    assert "😀" in text and text.count("\n\n") == 2
    press(view, Qt.Key.Key_Home, CTRL)
    assert caret(view) == 0 and view.current_page == 1
    for expected in range(1, 14):  # through the emoji: one code point, one key
        press(view, Qt.Key.Key_Right)
        assert caret(view) == expected
    assert text[caret(view) - 3:caret(view)] == "😀 é"
    for expected in range(12, 9, -1):
        press(view, Qt.Key.Key_Left)
        assert caret(view) == expected
    # Right over a page break: straight from the end of page 1 to the start of page 2
    pages = project.pdfs.pages(tab.doc_id)
    for _ in range(2):
        view.keys.move_to(pages[0].end, False)
        press(view, Qt.Key.Key_Right)
        assert caret(view) == pages[1].start and view.current_page == 2
        press(view, Qt.Key.Key_Left)
        assert caret(view) == pages[0].end and view.current_page == 1
    # Ctrl+Right: from word start to word start over the emoji and the ✓; Ctrl+Left back
    press(view, Qt.Key.Key_Home, CTRL)
    starts = word_starts(text)
    for expected in [*starts[1:], len(text)]:
        press(view, Qt.Key.Key_Right, CTRL)
        assert caret(view) == expected
        assert in_sight(view)
    for expected in reversed(starts):  # from the text's end: the last word's start first
        press(view, Qt.Key.Key_Left, CTRL)
        assert caret(view) == expected
        assert in_sight(view)
    # Home and End: the line's ends (twice: the second press stays)
    start = text.index("regel")
    view.keys.move_to(start, False)
    line = next(ln for ln in lines(text) if ln[0] <= start <= ln[1])
    for _ in range(2):
        press(view, Qt.Key.Key_End)
        assert caret(view) == line[1] and text[caret(view)] == "\n"
    for _ in range(2):
        press(view, Qt.Key.Key_Home)
        assert caret(view) == line[0]


def test_up_and_down_go_to_the_nearest_character_and_keep_it_in_sight(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    every = lines(text)
    press(view, Qt.Key.Key_Home, CTRL)
    at = text.index("café") + 2  # inside a word: the goal x is between two letters
    view.keys.move_to(at, False)
    goal = caret_x(project, tab.doc_id, at, every[0][1])
    for line in every[1:]:  # down over every line, the gap between pages passed by
        press(view, Qt.Key.Key_Down)
        assert caret(view) == nearest_on(project, tab.doc_id, line, goal), line
        assert in_sight(view)
    assert view.current_page == 3
    press(view, Qt.Key.Key_Down)  # below the last line: the end of the text
    assert caret(view) == len(text)
    for line in reversed(every[:-1]):
        press(view, Qt.Key.Key_Up)  # the x the moves began from is kept all the way
        assert caret(view) == nearest_on(project, tab.doc_id, line, goal), line
        assert in_sight(view)
    assert view.current_page == 1
    press(view, Qt.Key.Key_Up)
    assert caret(view) == 0


def test_page_keys_and_ctrl_home_end_move_the_page_and_the_caret(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view, pane = window.project, tab.pdf_view, tab.pdf_pane
    text = project.document(tab.doc_id).text
    pages = project.pdfs.pages(tab.doc_id)
    for number in (2, 3):
        press(view, Qt.Key.Key_PageDown)
        assert view.current_page == number and pane.page_box.value() == number
        assert caret(view) == pages[number - 1].start and in_sight(view)
    press(view, Qt.Key.Key_PageDown)  # the last page: it stays
    assert view.current_page == 3 and caret(view) == pages[2].start
    press(view, Qt.Key.Key_PageUp)
    assert view.current_page == 2 and caret(view) == pages[1].start
    for _ in range(2):
        press(view, Qt.Key.Key_Home, CTRL)
        assert view.current_page == 1 and caret(view) == 0 and in_sight(view)
        assert view.visible_pages()[0] == 1
    for _ in range(2):
        press(view, Qt.Key.Key_End, CTRL)
        assert view.current_page == 3 and caret(view) == len(text) and in_sight(view)


def test_shift_extends_the_selection_from_where_it_began(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    press(view, Qt.Key.Key_Home, CTRL)
    for n in range(1, 7):
        press(view, Qt.Key.Key_Right, SHIFT)
        assert tab.text_view.selected() == (0, n) and view.selection == (0, n)
    press(view, Qt.Key.Key_Left, SHIFT)
    assert tab.text_view.selected() == (0, 5)
    starts = word_starts(text)
    press(view, Qt.Key.Key_Right, CTRL | SHIFT)
    assert tab.text_view.selected() == (0, starts[2])  # "Werk café 😀 " up to "één"
    assert text[slice(*tab.text_view.selection_span())] == "Werk café 😀"
    every = lines(text)
    press(view, Qt.Key.Key_Down, SHIFT)
    down = nearest_on(project, tab.doc_id, every[1],
                      caret_x(project, tab.doc_id, starts[2], every[0][1]))
    assert tab.text_view.selected() == (0, down)
    for _ in range(2):
        press(view, Qt.Key.Key_End, SHIFT)
        assert tab.text_view.selected() == (0, every[1][1])
    press(view, Qt.Key.Key_PageDown, SHIFT)  # over the page break
    pages = project.pdfs.pages(tab.doc_id)
    assert tab.text_view.selected() == (0, pages[1].start)
    # backwards past the anchor: the selection turns round it
    view.keys.move_to(text.index("crème"), False)
    assert view.selection is None
    anchor = caret(view)
    press(view, Qt.Key.Key_Home, SHIFT)
    assert tab.text_view.selected() == (every[1][0], anchor)
    press(view, Qt.Key.Key_Up, SHIFT)
    assert tab.text_view.selected()[1] == anchor and tab.text_view.selected()[0] < every[0][1]
    # a plain arrow collapses the selection to its side
    press(view, Qt.Key.Key_Right)
    assert view.selection is None and caret(view) == anchor
    # Ctrl+A: the whole text, twice
    for _ in range(2):
        press(view, Qt.Key.Key_A, CTRL)
        assert tab.text_view.selected() == (0, len(text))
    assert tab.text_view.selection_span() == (0, len(text.rstrip()))
    press(view, Qt.Key.Key_C, CTRL)  # and Ctrl+C copies it, emoji and all
    assert QGuiApplication.clipboard().text() == text
    # the selection shown on the pages is the keyboard's
    assert view.span_rects(3, *view.selection)


def test_a_click_places_the_caret_and_shift_extends_from_it(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    view.go_to_page(2)
    boxes = project.pdfs.char_boxes(tab.doc_id, 2)
    page = project.pdfs.pages(tab.doc_id)[1]
    at = text.index("veiligheid")
    x0, y0, _x1, y1 = (float(v) for v in boxes[at - page.start])
    point = view.point_of(2, x0 + 0.5, (y0 + y1) / 2)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NONE, point)
    assert caret(view) == at and view.hasFocus()
    for n in range(1, 3):
        press(view, Qt.Key.Key_Right, CTRL | SHIFT)
        assert tab.text_view.selected() == (at, word_starts(text)[
            next(i for i, s in enumerate(word_starts(text)) if s == at) + n])
    # a mouse drag leaves the caret at its end: Shift+Left shortens the dragged selection
    end = text.index("eerst") + 3
    ex0, ey0, _ex1, ey1 = (float(v) for v in boxes[end - page.start])
    QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, NONE, point)
    QTest.mouseMove(view.viewport(), view.point_of(2, ex0 + 0.5, (ey0 + ey1) / 2))
    QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, NONE,
                       view.point_of(2, ex0 + 0.5, (ey0 + ey1) / 2))
    drag_end = text.index("eerst") + len("eerst")  # snapped to the whole word
    assert tab.text_view.selected() == (at, drag_end) and caret(view) == drag_end
    press(view, Qt.Key.Key_Left, SHIFT)
    assert tab.text_view.selected() == (at, drag_end - 1)


def select_by_keys(view, start: int, length: int) -> None:
    press(view, Qt.Key.Key_Home, CTRL)
    for _ in range(start):
        press(view, Qt.Key.Key_Right)
    for _ in range(length):
        press(view, Qt.Key.Key_Right, SHIFT)


def test_a_keyboard_selection_is_coded_by_the_code_keys_and_the_quick_code_box(pdf_tab) -> None:
    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    start = text.index("café")
    select_by_keys(view, start, len("café 😀 één"))
    assert text[start:start + 10] == "café 😀 één"  # ten code points (eleven UTF-16 units)
    QTest.keyClick(window, Qt.Key.Key_1, CTRL)  # the first code key
    [coding] = project.codings(doc=tab.doc_id)
    assert (coding.start, coding.end) == (start, start + 10) and coding.region is None
    assert coding.quote == "café 😀 één"
    # the quick-code box codes a second keyboard selection, across the page break
    second = text.index("zetten")
    view.keys.move_to(second, False)
    press(view, Qt.Key.Key_Down, SHIFT)  # onto page 3's only line
    press(view, Qt.Key.Key_End, SHIFT)
    assert tab.text_view.selected() == (second, len(text))
    box = window.coding.quick_code()
    assert box is not None
    box.chosen.emit("Technology/New machine", False)
    made = next(c for c in project.codings(doc=tab.doc_id) if c.id != coding.id)
    assert (made.start, made.end) == (second, len(text))
    assert made.quote == text[second:] and "\n\nLaatste" in made.quote
    qtbot_wait_marks(view, 3)


def test_a_code_dropped_on_the_pages_codes_the_keyboard_selection(pdf_tab) -> None:
    from tests.gui.test_pdf_view import drop_code

    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    start = text.index("crème")
    select_by_keys(view, start, len("crème en 😀"))
    code = project.code("Technology/New machine").id
    drop_code(view, code, view.point_of(1, 300, 400))  # anywhere on the page
    [coding] = project.codings(doc=tab.doc_id)
    assert (coding.start, coding.end) == (start, start + len("crème en 😀"))
    assert coding.quote == "crème en 😀"


def test_focus_arriving_places_the_caret_and_says_where(pdf_tab) -> None:
    window, tab = pdf_tab
    view = tab.pdf_view
    text = window.project.document(tab.doc_id).text
    assert view.keys.position == 0  # focused by the fixture: the start of the page in sight
    assert view.accessibleDescription() == (
        "Page 1. Line: Werk café 😀 één ✓ goed. Not coded here.")
    assert view.keys.rect() is not None
    window.search.query.setFocus()
    view.go_to_page(2)
    view.keys.position = None
    window.actions_["focus_document"].trigger()  # Alt+4, "Go to the document"
    assert view.hasFocus() and view.keys.position == text.index("Pagina twee")
    assert view.accessibleDescription().startswith("Page 2. Line: Pagina twee")


def qtbot_wait_marks(view, page: int) -> None:
    for _ in range(100):
        if view.page_marks(page):
            return
        QTest.qWait(20)
    raise AssertionError(f"no coding drawn on page {page}")


def test_a_screen_reader_hears_the_page_line_selection_and_codings(pdf_tab, qtbot) -> None:
    from fieldkit.gui import i18n

    window, tab = pdf_tab
    project, view = window.project, tab.pdf_view
    text = project.document(tab.doc_id).text
    at = text.index("veiligheid")
    for _ in range(2):
        view.keys.move_to(at, False)
        assert view.accessibleDescription() == (
            "Page 2. Line: Pagina twee: veiligheid eerst. Not coded here.")
    press(view, Qt.Key.Key_Down)
    assert view.accessibleDescription() == (
        "Page 2. Line: Draag handschoenen bij het zetten. Not coded here.")
    press(view, Qt.Key.Key_Up)
    press(view, Qt.Key.Key_Right, CTRL | SHIFT)
    assert view.accessibleDescription() == "Page 2. Selected: veiligheid Not coded here."
    coding = project.code_text(tab.doc_id, at, at + len("veiligheid"), "Technology/New machine")
    qtbot.waitUntil(lambda: "Coded" in view.accessibleDescription(), timeout=3000)
    assert view.accessibleDescription() == (
        "Page 2. Selected: veiligheid Coded: Technology/New machine by Anouk")
    press(view, Qt.Key.Key_Right)  # the selection collapses to its end: after the coding
    assert caret(view) == at + len("veiligheid ")
    assert view.accessibleDescription() == (
        "Page 2. Line: Pagina twee: veiligheid eerst. Not coded here.")
    press(view, Qt.Key.Key_Left)
    assert view.accessibleDescription().endswith("Not coded here.")  # at its end: not in it
    press(view, Qt.Key.Key_Left)
    assert view.accessibleDescription() == (
        "Page 2. Line: Pagina twee: veiligheid eerst. Coded: Technology/New machine by Anouk")
    # the empty line between two pages (reached only from elsewhere: the keys pass it)
    view.keys.move_to(text.index("\n\n") + 1, False)
    assert view.accessibleDescription() == "Page 2. Empty line. Not coded here."
    # an area of a page around the caret is named too
    from fieldkit.core.model import Region

    project.code_region(tab.doc_id, Region(int(LEFT) - 5, int(TOP - SIZE) - 5, 400,
                                           int(LEADING) * 2, page=3),
                        "Learning/Informal/Observation")
    press(view, Qt.Key.Key_End, CTRL)
    qtbot.waitUntil(lambda: "Observation" in view.accessibleDescription(), timeout=3000)
    assert view.accessibleDescription().startswith("Page 3. Line: Laatste pagina, met résumé.")
    i18n.install("nl")
    try:
        dutch = i18n.read_language("nl")
        QTest.qWait(10)  # the change of language reaches the view: it is said in Dutch at once
        assert view.accessibleDescription().startswith("Pagina 3. Regel: Laatste pagina")
        press(view, Qt.Key.Key_Home, CTRL)
        view.keys.move_to(at + 2, False)
        for _ in range(2):
            press(view, Qt.Key.Key_Right)
            coded = dutch["{0} by {1}"].format(project.code_path(coding.code_id), "Anouk")
            assert view.accessibleDescription() == (
                "Pagina 2. Regel: Pagina twee: veiligheid eerst. "
                + dutch["Coded: {0}"].format(coded))
        press(view, Qt.Key.Key_End)
        assert view.accessibleDescription() == (
            "Pagina 2. Regel: Pagina twee: veiligheid eerst. " + dutch["Not coded here."])
        press(view, Qt.Key.Key_Home, SHIFT)
        assert view.accessibleDescription().startswith(
            "Pagina 2. Geselecteerd: Pagina twee: veiligheid eerst.")
        press(view, Qt.Key.Key_Down)
        assert view.selection is None
        assert view.accessibleDescription() == (
            "Pagina 2. Regel: Draag handschoenen bij het zetten. " + dutch["Not coded here."])
    finally:
        i18n.install("en")


def test_a_long_selection_is_said_shortened(pdf_tab) -> None:
    window, tab = pdf_tab
    view = tab.pdf_view
    text = window.project.document(tab.doc_id).text
    press(view, Qt.Key.Key_A, CTRL)
    said = view.accessibleDescription()
    assert said.startswith("Page 3. Selected: Werk café 😀 één") and " … " in said
    selected = said.removeprefix("Page 3. Selected: ").removesuffix(" Not coded here.")
    assert selected.endswith("met résumé.") and len(selected) <= SAID + 3 < len(text)


def test_shorten_keeps_both_ends_whatever_the_length() -> None:
    import random

    rng = random.Random(7)
    words = ["café", "😀", "één", "kantbank", "x", "\n", "  ", "matrijs."]
    for n in range(0, 600, 7):
        text = " ".join(rng.choice(words) for _ in range(n))
        flat = " ".join(text.split())  # the whole text on one line: the truth
        said = shorten(text)
        if len(flat) <= SAID:
            assert said == flat
        else:
            head, tail = said.split(" … ")
            assert flat.startswith(head) and flat.endswith(tail)
            assert len(head) >= SAID // 2 and len(tail) >= SAID // 4 and len(said) <= SAID + 3


def caret_pixels(view, beside: float = 3) -> tuple[QColor, QColor]:
    """The colour on the caret's line and just left of it, where the view draws them."""
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    found = view.keys.rect()
    assert found is not None
    line = found[1]
    y = int(line.center().y() * ratio)
    return (QColor(image.pixelColor(int(line.left() * ratio), y)),
            QColor(image.pixelColor(int((line.left() - beside) * ratio), y)))


def test_the_caret_is_drawn_in_the_selection_colour_and_in_high_contrast(pdf_tab) -> None:
    window, tab = pdf_tab
    view = tab.pdf_view
    text = window.project.document(tab.doc_id).text
    view.keys.move_to(text.index(" goed"), False)  # before a space: paper under the caret
    on, beside = caret_pixels(view)
    want = view.palette().highlight().color()
    assert abs(on.red() - want.red()) < 30 and abs(on.blue() - want.blue()) < 30
    assert beside.name() == "#ffffff"
    press(view, Qt.Key.Key_Right)  # it moves with the key: the old place is paper again
    assert caret(view) == text.index("goed")
    window.set_high_contrast(True)
    try:
        view.keys.move_to(text.index(" goed"), False)
        on, beside = caret_pixels(view, 2)
        assert on.name() == "#ffff00"  # yellow, edged in black on the white paper
        assert beside.name() == "#000000"
    finally:
        window.set_high_contrast(None)
    # the caret is not drawn when the pages lose the focus
    window.search.query.setFocus()
    QTest.qWait(20)
    on, _ = caret_pixels(view)
    assert on.name() == "#ffffff"


def test_a_scan_has_no_caret_but_its_page_keys_work(pdf_tab, tmp_path: Path, qtbot) -> None:
    """A scan has no text: the arrows place no caret, the page keys still turn pages."""
    from tests.pdf.makers import picture_pdf

    window, _tab = pdf_tab
    [scan] = window.project.imports.files([picture_pdf(tmp_path / "scan.pdf", pages=3)])
    tab = window.open_document(scan.id)
    view = tab.pdf_view
    qtbot.waitExposed(view)
    view.setFocus()
    for _ in range(2):
        press(view, Qt.Key.Key_Right, SHIFT)
        press(view, Qt.Key.Key_A, CTRL)
        assert view.selection is None and view.keys.rect() is None
    press(view, Qt.Key.Key_PageDown)
    assert view.current_page == 2
    press(view, Qt.Key.Key_End, CTRL)
    assert view.current_page == 3
