"""A PDF document in the window: pages as printed, text selected with the mouse and coded every
way text is coded, areas drawn on a page and coded with their page, codings highlighted on the
rendered page, page navigation, undo, the scan's note, the password asked at import, Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMenu

from fieldkit.core.model import Region
from fieldkit.gui.document_tab import DocumentTab
from fieldkit.gui.pdf_paint import wash
from fieldkit.gui.text_view import word_bounds
from tests.gui.conftest import open_window
from tests.pdf.makers import LEADING, LEFT, SIZE, TOP, picture_pdf, text_pdf

PAGES = [
    ["Werkinstructie kantbank: café-operator controleert de matrijs.",
     "Tweede regel met één woord en een crème."],
    ["Pagina twee: veiligheid eerst.", "Draag handschoenen bij het zetten."],
    ["Laatste pagina, met résumé."],
]


@pytest.fixture
def pdf_window(qtbot, project, tmp_path: Path):
    """The window on the test project with a three-page PDF imported (opened by the test)."""
    pdf = text_pdf(tmp_path / "werkinstructie.pdf", PAGES, title="Werkinstructie kantbank")
    [doc] = project.imports.files([pdf.path])
    window = next(open_window(qtbot, project))
    QTest.qWait(300)  # the window first fits itself to the (small) offscreen screen
    window.resize(1600, 900)  # then gets room for the pages beside the panes
    window.pdf_doc = doc.id
    yield window
    window.runner.wait()
    window.close()


def open_pdf(window, qtbot, doc_id: int) -> DocumentTab:
    tab = window.open_document(doc_id)
    assert tab is not None and tab.pdf_view is not None
    qtbot.waitExposed(tab.pdf_view)
    QTest.qWait(50)  # the pane gets its width: the pages their scale
    return tab


def line_point(view, page: int, line: int, prefix: str) -> QPoint:
    """The viewport point just after ``prefix`` on line ``line`` of ``page``, on the middle of
    the letters (where the writer placed them: the truth the boxes were read from)."""
    assert PAGES[page - 1][line].startswith(prefix)
    return view.point_of(page, LEFT + text_width(prefix) - 1, TOP + line * LEADING - SIZE * 0.35)


def text_width(line: str) -> float:
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("helvetica", size=SIZE)
    return float(pdf.get_string_width(line))


def drag(view, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    port = view.viewport()
    QTest.mousePress(port, Qt.MouseButton.LeftButton, modifier, start)
    QTest.mouseMove(port, (start + end) / 2)
    QTest.mouseMove(port, end)
    QTest.mouseRelease(port, Qt.MouseButton.LeftButton, modifier, end)


def test_pages_are_shown_with_the_page_box_and_no_text_note_hidden(pdf_window, qtbot) -> None:
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    pane, view = tab.pdf_pane, tab.pdf_view
    assert pane.page_box.maximum() == 3 and pane.of.text() == "of 3"
    assert not pane.no_text.isVisible() and not tab.text_view.isVisible()
    assert view.visible_pages()[0] == 1
    # the widest page and its stripe margin fill the width exactly: no scrolling sideways
    assert view.viewport().width() > 500
    assert view.horizontalScrollBar().maximum() == 0
    assert view.viewport().width() - view._content_width <= 4
    for width in range(560, 1000, 7):  # whatever the width (the page's pixels round up)
        view.resize(width, 500)
        assert view.horizontalScrollBar().maximum() == 0, width
    assert "3 pages" in tab.meta.text()
    # only the pages in sight were rendered
    view.viewport().grab()
    assert {key[0] for key in view._images} <= set(view.visible_pages())


def test_a_mouse_selection_codes_the_text_under_the_mouse(pdf_window, qtbot) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    text = project.document(tab.doc_id).text
    # from inside "kantbank" to inside "controleert": snapped to whole words
    start = line_point(view, 1, 0, "Werkinstructie kan")
    end = line_point(view, 1, 0, "Werkinstructie kantbank: café-operator contr")
    drag(view, start, end)
    page = project.pdfs.pages(tab.doc_id)[0]
    scale = view.scale

    def caret(p: QPoint) -> int:
        rect = view.page_rect(1)
        return project.pdfs.point_to_offset(tab.doc_id, 1, (p.x() - rect.x()) / scale,
                                            (p.y() - rect.y()) / scale)

    expected = word_bounds(text, caret(start), caret(end))
    assert page.start <= expected[0] < expected[1] <= page.end
    assert tab.text_view.selection_span() == expected
    assert text[expected[0]:expected[1]].startswith("kantbank")
    assert text[expected[0]:expected[1]].endswith("controleert")
    assert view.selection == expected
    code = project.code("Technology/New machine")
    assert pdf_window.coding.apply(code.id)
    [coding] = project.codings(doc=tab.doc_id)
    assert (coding.start, coding.end) == expected and coding.region is None
    assert coding.quote == text[expected[0]:expected[1]]
    assert [pm.mark.coding.id for pm in view.page_marks(1)] == [coding.id]


def test_a_drag_across_lines_and_the_ctrl_keys_code_it(pdf_window, qtbot) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    text = project.document(tab.doc_id).text
    drag(view, line_point(view, 1, 0, "Werkinstructie kantbank: café-operator controleert de ma"),
         line_point(view, 1, 1, "Tweede regel met é"))
    span = tab.text_view.selection_span()
    assert span is not None and "\n" in text[span[0]:span[1]]
    assert text[span[0]:span[1]] == "matrijs.\nTweede regel met één"
    view.setFocus()
    QTest.keyClick(pdf_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    codings = project.codings(doc=tab.doc_id)
    assert [(c.start, c.end) for c in codings] == [span]
    # two lines coded: two rectangles on the page
    [pm] = view.page_marks(1)
    assert len(pm.rects) == 2


def drop_code(view, code_id: int, at: QPoint) -> None:
    from PySide6.QtCore import QByteArray, QMimeData
    from PySide6.QtGui import QDropEvent

    from fieldkit.gui.codebook_model import CODE_MIME

    mime = QMimeData()
    mime.setData(CODE_MIME, QByteArray(str(code_id).encode()))
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)  # (Qt delivers a drop only after a real drag entered the widget)
    assert event.isAccepted()


def test_a_code_dropped_codes_the_selection_or_the_line(pdf_window, qtbot) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    text = project.document(tab.doc_id).text
    code = project.code("Technology/New machine").id
    view.go_to_page(2)
    drag(view, line_point(view, 2, 1, "Draag hand"),
         line_point(view, 2, 1, "Draag handschoenen bij het zet"))
    drop_code(view, code, line_point(view, 2, 0, "Pagina"))
    [coding] = project.codings(doc=tab.doc_id)
    assert text[coding.start:coding.end] == "handschoenen bij het zetten"
    # nothing selected: the line under the drop point is coded
    view.select(0, 0)
    assert view.selection is None
    drop_code(view, code, line_point(view, 2, 0, "Pagina tw"))
    second = next(c for c in project.codings(doc=tab.doc_id) if c.id != coding.id)
    assert text[second.start:second.end] == "Pagina twee: veiligheid eerst."


def test_a_coding_is_highlighted_on_the_rendered_page(pdf_window, qtbot) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    text = project.document(tab.doc_id).text
    start = text.index("veiligheid")
    project.code_text(tab.doc_id, start, start + len("veiligheid eerst"),
                      "Technology/New machine")
    view.go_to_page(2)
    qtbot.waitUntil(lambda: bool(view.page_marks(2)), timeout=3000)
    QTest.qWait(100)  # the window settles (the change set repaints the tab)
    [pm] = view.page_marks(2)
    [rect] = [view.to_view(2, r) for r in pm.rects]
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    # the paper between letters takes the code's colour; outside the coding it stays white
    inside = QColor(image.pixelColor(int((rect.left() + 1) * ratio),
                                     int((rect.top() + 1) * ratio)))
    outside = QColor(image.pixelColor(int(rect.center().x() * ratio),
                                      int((rect.top() - 3) * ratio)))
    want = wash("#fa903e")
    assert abs(inside.red() - want.red()) < 12 and abs(inside.blue() - want.blue()) < 12
    assert outside.name() == "#ffffff"
    # and undo takes it away again; redo brings it back
    pdf_window.undo()
    qtbot.waitUntil(lambda: not view.page_marks(2), timeout=3000)
    pdf_window.redo()
    qtbot.waitUntil(lambda: bool(view.page_marks(2)), timeout=3000)


def test_an_area_drawn_with_shift_is_coded_with_its_page(pdf_window, qtbot,
                                                         monkeypatch) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    drawn: list[Region] = []
    view.region_drawn.connect(drawn.append)
    a, b = view.point_of(1, 60, 70), view.point_of(1, 300, 130)
    drag(view, a, b, Qt.KeyboardModifier.ShiftModifier)
    [region] = drawn
    assert region.page == 1
    assert abs(region.x - 60) <= 2 and abs(region.y - 70) <= 2
    assert abs(region.width - 240) <= 3 and abs(region.height - 60) <= 3
    box = pdf_window.coding.box  # the quick-code box asks for the code
    assert box is not None and box.label.text() == "Code this area of the page with…"
    box.chosen.emit("Technology/New machine", False)
    [coding] = project.codings(doc=tab.doc_id)
    assert coding.region == region and coding.start is None
    # the area's text is quoted (the first line lies inside it)
    assert coding.quote.startswith("Werkinstructie")
    assert project.undo_label() == "Code area of page 1 with Technology/New machine"
    qtbot.waitUntil(lambda: bool(view.page_marks(1)), timeout=3000)
    [pm] = view.page_marks(1)
    assert pm.area and pm.mark.coding.id == coding.id
    assert "1 coding  ·  1 coded area" in tab.meta.text()
    # the context menu under the area offers removing it and its memo
    menu = QMenu()
    view.text_view.fill_menu(menu, view.marks_at(QPointF(view.point_of(1, 100, 100))))
    labels = [a.text() for a in menu.actions()]
    assert "Remove coding: Technology/New machine by Anouk" in labels
    # its memo, written from the same menu
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("Matrijs op de foto.", True)))
    next(a for a in menu.actions() if a.text().startswith("Memo for coding")).trigger()
    assert project.coding(coding.id).memo == "Matrijs op de foto."
    pdf_window.undo()  # the memo
    pdf_window.undo()
    assert project.codings(doc=tab.doc_id) == []


def test_draw_areas_switch_draws_without_shift(pdf_window, qtbot) -> None:
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    tab.pdf_pane.area.click()
    drawn: list[Region] = []
    view.region_drawn.connect(drawn.append)
    drag(view, view.point_of(1, 100, 100), view.point_of(1, 200, 200))
    assert len(drawn) == 1 and drawn[0].page == 1
    assert tab.text_view.selection_span() is None


def test_page_box_and_page_keys_go_from_page_to_page(pdf_window, qtbot) -> None:
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    pane, view = tab.pdf_pane, tab.pdf_view
    pane.page_box.setValue(3)
    assert view.current_page == 3 and 3 in view.visible_pages()
    assert view.verticalScrollBar().value() > 0
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current_page == 2 and pane.page_box.value() == 2
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_page == 3 and pane.page_box.value() == 3
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.current_page == 1 and pane.page_box.value() == 1


def test_zoom_keys_scale_the_pages(pdf_window, qtbot) -> None:
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    before = view.scale
    pdf_window.actions_["zoom_in"].trigger()  # Ctrl+plus
    qtbot.waitUntil(lambda: abs(view.scale - before * 1.15) < 1e-6, timeout=3000)
    pdf_window.actions_["zoom_reset"].trigger()  # Ctrl+0
    # back to fitting the width (offscreen the zoom may have shrunk the window for good)
    qtbot.waitUntil(lambda: abs(view.scale - view._fit()) < 1e-6, timeout=3000)


def test_ctrl_wheel_magnifies_the_pages_alone_and_keeps_the_page(pdf_window, qtbot) -> None:
    from PySide6.QtGui import QWheelEvent

    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    view = tab.pdf_view
    view.go_to_page(2)
    before, font = view.scale, view.font().pointSizeF()
    middle = QPointF(view.viewport().rect().center())
    at = QPointF(view.viewport().mapToGlobal(middle.toPoint()))
    event = QWheelEvent(middle, at, QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert abs(view.scale - before * 1.15) < 1e-6 and view.font().pointSizeF() == font
    assert view.current_page == 2 and 2 in view.visible_pages()


def test_a_coded_segment_opens_at_its_page(pdf_window, qtbot) -> None:
    project = pdf_window.project
    doc_id = pdf_window.pdf_doc
    text = project.document(doc_id).text
    start = text.index("résumé")
    coding = project.code_text(doc_id, start, start + len("résumé"), "Technology/New machine")
    area = project.code_region(doc_id, Region(70, 80, 200, 40, page=2),
                               "Learning/Informal/Observation")
    pdf_window.open_coding(coding.id)
    tab = pdf_window.current_tab()
    assert tab is not None and tab.pdf_view is not None
    qtbot.waitExposed(tab.pdf_view)
    assert tab.pdf_view.selection == (start, start + len("résumé"))
    assert tab.pdf_view.current_page == 3 and 3 in tab.pdf_view.visible_pages()
    pdf_window.open_coding(area.id)
    assert tab.pdf_view.current_page == 2
    assert tab.pdf_view.shown_area == (2, (70, 80, 270, 120))  # ringed until the next click
    QTest.qWait(50)
    image = tab.pdf_view.viewport().grab().toImage()
    ring = tab.pdf_view.to_view(2, (70, 80, 270, 120)).adjusted(-4, -4, 4, 4)
    ratio = image.devicePixelRatio()
    colour = image.pixelColor(int(ring.center().x() * ratio), int(ring.top() * ratio))
    assert colour.name() == tab.pdf_view.palette().highlight().color().name()


def test_code_all_hits_codes_the_pdf_and_the_page_shows_it(pdf_window, qtbot) -> None:
    project = pdf_window.project
    tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
    made = project.index.code_hits("veiligheid", "Technology/New machine")
    assert made == 1
    [coding] = project.codings(doc=tab.doc_id)
    assert project.document(tab.doc_id).text[coding.start:coding.end] == "veiligheid"
    qtbot.waitUntil(lambda: bool(tab.pdf_view.page_marks(2)), timeout=3000)
    [pm] = tab.pdf_view.page_marks(2)
    assert pm.mark.coding.id == coding.id and len(pm.rects) == 1
    assert tab.pdf_view.page_marks(1) == []


def test_a_scanned_pdf_says_it_has_no_text(pdf_window, qtbot, tmp_path: Path) -> None:
    project = pdf_window.project
    [scan] = project.imports.files([picture_pdf(tmp_path / "scan.pdf")])
    tab = open_pdf(pdf_window, qtbot, scan.id)
    assert tab.pdf_pane.no_text.isVisible()
    assert "no text layer" in tab.pdf_pane.no_text.text()
    assert "word" not in tab.meta.text() and "2 pages" in tab.meta.text()
    assert tab.pdf_pane.area.isChecked()  # drawing areas is all there is to do


def test_an_encrypted_pdf_asks_for_its_password(pdf_window, qtbot, tmp_path: Path,
                                                monkeypatch) -> None:
    project = pdf_window.project
    locked = text_pdf(tmp_path / "geheim.pdf", [["Vertrouwelijk verslag."]], password="kaas")
    answers = iter([("brood", True), ("kaas", True)])
    asked: list[str] = []

    def ask(parent, title, label, mode, text=""):  # noqa: ANN001, ANN202
        assert mode == QLineEdit.EchoMode.Password
        asked.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(ask))
    pdf_window.import_files([str(locked.path)])
    qtbot.waitUntil(lambda: any(d.title == "geheim" for d in project.documents())
                    or len(asked) >= 2, timeout=10000)
    qtbot.waitUntil(lambda: any(d.kind == "pdf" and "Vertrouwelijk" in d.text
                                for d in (project.document(x.id) for x in project.documents())),
                    timeout=10000)
    assert len(asked) == 2 and "wrong" in asked[1]


def test_dutch_labels(pdf_window, qtbot) -> None:
    from fieldkit.gui import i18n

    i18n.install("nl")
    try:
        tab = open_pdf(pdf_window, qtbot, pdf_window.pdf_doc)
        assert tab.pdf_pane.of.text() == "van 3"
        assert tab.pdf_pane.area.text() == "Gebieden tekenen"
        assert "3 pagina's" in tab.meta.text()
    finally:
        i18n.install("en")


def test_the_coded_segments_view_cites_pdf_segments_by_page(pdf_window, qtbot) -> None:
    """Found in the real-window round: a PDF area was listed as a "Photo region … px" with no
    place, text as "¶ 3–4"; a reader cites a printed document by its page."""
    project = pdf_window.project
    doc_id = pdf_window.pdf_doc
    text = project.document(doc_id).text
    start = text.index("handschoenen")
    project.code_text(doc_id, start, start + len("handschoenen"), "Technology/New machine")
    project.code_region(doc_id, Region(int(LEFT) - 5, int(TOP) - 5, 400, int(LEADING) + 10, page=2),
                        "Technology/New machine")
    project.code_region(doc_id, Region(20, 700, 30, 30, page=3), "Technology/New machine")
    panel = pdf_window.show_segments([project.code("Technology/New machine").id])
    panel.refresh()
    model = panel.model
    rows = {(model.index(r, 1).data(), model.index(r, 4).data()) for r in range(model.rowCount())}
    assert ("handschoenen", "p. 2") in rows
    area_text = next(q for q, p in rows if q != "handschoenen" and p == "p. 2")
    assert "veiligheid" in area_text.lower()  # an area quotes the words inside it
    assert ("Area of page 3, 30×30 pt", "p. 3") in rows  # an area with no words in it
    assert not any("Photo region" in q for q, _ in rows)
