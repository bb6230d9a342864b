"""A photo in the demo study: its caption coded like any text, its regions drawn on the picture,
counts said in words that agree with the number."""

from __future__ import annotations

from html import escape

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QSplitter, QToolTip

from fieldkit.gui.document_tab import DocumentTab
from tests.gui.conftest import open_window


@pytest.fixture
def demo_window(qtbot, demo):
    from fieldkit.gui import i18n

    yield from open_window(qtbot, demo)
    i18n.install("en")


def photo_with(project, *, text: bool, regions: int) -> int:
    """A demo photo with (or without) caption codings and at least ``regions`` regions."""
    for d in project.documents():
        if d.kind != "photo":
            continue
        codings = project.codings(doc=d.id)
        if (any(c.start is not None for c in codings) == text
                and sum(c.region is not None for c in codings) >= regions):
            return d.id
    raise AssertionError("the demo has no such photo")


def open_photo(window, doc_id: int) -> DocumentTab:
    tab = window.open_document(doc_id)
    assert tab is not None and tab.is_photo and tab.photo_view is not None
    return tab


def test_caption_sits_in_the_coded_text_view_below_the_picture(demo_window) -> None:
    project = demo_window.project
    tab = open_photo(demo_window, photo_with(project, text=True, regions=2))
    assert isinstance(tab.splitter, QSplitter)
    assert tab.splitter.widget(0) is tab.photo_view and tab.splitter.widget(1) is tab.text_view
    assert tab.text_view.toPlainText() == tab.doc.text and tab.doc.text
    codings = project.codings(doc=tab.doc_id)
    text = [c for c in codings if c.start is not None]
    regions = [c for c in codings if c.region is not None]
    # caption codings are highlighted and striped like any text; regions go on the picture
    assert {m.coding.id for m in tab.text_view.marks} == {c.id for c in text}
    assert len(tab.text_view.extraSelections()) == len(text)
    for m in tab.text_view.marks:
        assert tab.text_view.toPlainText()[m.s16:m.e16] == m.coding.quote
    assert {m.coding.id for m in tab.photo_view.marks} == {c.id for c in regions}
    assert len(tab.photo_view._regions) == len(regions)
    assert tab.photo_view._tabs  # code names on the outlines
    for item in tab.photo_view._regions:
        coding = project.coding(int(item.data(0)))
        r = item.rect()
        assert (r.x(), r.y(), r.width(), r.height()) == (
            coding.region.x, coding.region.y, coding.region.width, coding.region.height)
    assert f"{len(codings)} codings, {len(regions)} on the picture" in tab.meta.text()
    assert not demo_window.grab().isNull()


def test_caption_is_coded_by_shortcut_and_quick_code_box(demo_window, qtbot) -> None:
    project = demo_window.project
    tab = open_photo(demo_window, photo_with(project, text=False, regions=1))
    words = tab.doc.text.split(".")[0].split()[-2:]  # the last two words of the first sentence
    phrase = " ".join(words)
    start = tab.doc.text.index(phrase)
    tab.text_view.select_span(start, start + len(phrase))
    key_code = next(c for c, k in demo_window.codebook.model.keys.items() if k == "Ctrl+2")
    qtbot.keyClick(tab.text_view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    [coded] = [c for c in project.codings(doc=tab.doc_id) if c.start is not None]
    assert (coded.start, coded.end, coded.code_id) == (start, start + len(phrase), key_code)
    assert [m.coding.id for m in tab.text_view.marks] == [coded.id]
    assert "on the picture" in tab.meta.text()

    tab.text_view.select_span(0, len(tab.doc.text.split(" ")[0]))
    box = demo_window.coding.quick_code()
    assert box is not None
    qtbot.keyClicks(box.edit, "Peer help")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    paths = {project.code_path(c.code_id) for c in project.codings(doc=tab.doc_id)
             if c.start == 0}
    assert paths == {"Learning/Informal/Peer help"}
    assert len(tab.text_view.marks) == 2

    demo_window.undo()
    demo_window.undo()
    assert [c for c in project.codings(doc=tab.doc_id) if c.start is not None] == []
    assert tab.text_view.marks == [] and tab.photo_view.marks  # the regions stay


def test_hovering_a_region_names_code_coder_and_memo(demo_window) -> None:
    project = demo_window.project
    tab = open_photo(demo_window, photo_with(project, text=True, regions=1))
    region = next(c for c in project.codings(doc=tab.doc_id) if c.region is not None)
    project.memos.set_coding_memo(region.id, "tablet naast de <machine>")
    mark = next(m for m in tab.photo_view.marks if m.coding.id == region.id)
    r = region.region
    middle = (r.x + r.width / 2, r.y + r.height / 2)
    view = tab.photo_view
    assert mark in view.marks_at(QPointF(*middle))
    assert view.marks_at(QPointF(-5, -5)) == []
    # a real tooltip event over the middle of the region
    at = view.mapFromScene(QPointF(*middle))
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at,
                                                       view.viewport().mapToGlobal(at)))
    tip = QToolTip.text()
    assert escape(project.code_path(region.code_id)) in tip
    assert f"· {mark.coder}" in tip and "tablet naast de &lt;machine&gt;" in tip


def test_region_context_menu_removes_the_coding_and_edits_nothing_else(demo_window) -> None:
    project = demo_window.project
    tab = open_photo(demo_window, photo_with(project, text=True, regions=2))
    before = project.codings(doc=tab.doc_id)
    region = next(c for c in before if c.region is not None)
    mark = next(m for m in tab.photo_view.marks if m.coding.id == region.id)
    menu = QMenu()
    tab.photo_view.fill_menu(menu, [mark])
    labels = [a.text() for a in menu.actions()]
    path = project.code_path(region.code_id)
    assert labels == [f"Remove coding: {path} by {mark.coder}",
                      f"Memo for coding: {path} by {mark.coder}…"]
    # the memo action reaches the window's memo editor the way the caption's does
    asked: list[int] = []
    tab.text_view.memo_coding.disconnect()
    tab.text_view.memo_coding.connect(asked.append)
    menu.actions()[1].trigger()
    assert asked == [region.id]
    menu.actions()[0].trigger()
    after = project.codings(doc=tab.doc_id)
    assert {c.id for c in after} == {c.id for c in before} - {region.id}
    assert region.id not in {m.coding.id for m in tab.photo_view.marks}
    assert len(tab.photo_view._regions) == len(tab.photo_view.marks)
    demo_window.undo()
    assert region.id in {m.coding.id for m in tab.photo_view.marks}


def test_counts_use_the_right_plural_in_both_languages(demo_window) -> None:
    from fieldkit.gui import i18n
    from fieldkit.gui.i18n import ntr

    project = demo_window.project
    tab = open_photo(demo_window, photo_with(project, text=False, regions=1))
    for c in project.codings(doc=tab.doc_id)[1:]:
        project.uncode(c.id)
    assert tab.meta.text().endswith("1 coding, 1 on the picture")
    assert ntr("%Ln coding(s)", 1) == "1 coding" and ntr("%Ln coding(s)", 2) == "2 codings"
    assert ntr("%Ln word(s)", 1) == "1 word" and ntr("%Ln hit(s)", 0) == "0 hits"
    demo_window.set_language("nl")
    assert tab.meta.text().endswith("1 codering, 1 op de foto")
    assert ntr("%Ln coding(s)", 2) == "2 coderingen"
    assert ntr("Imported %Ln document(s).", 1) == "1 document geïmporteerd."
    assert ntr("%Ln word(s)", 12345) == "12.345 woorden"
    i18n.install("en")
