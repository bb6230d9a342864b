"""The network editor (the Networks tab of the Analysis window) under pytest-qt: nodes added by
the API and by drops of the codebook's, the Coded segments view's and the Memos list's own drag
data, links drawn with the mouse, moves, layout, undo and redo with the keys, export to PNG and
SVG, in English and Dutch. Every check reads the project (``project.networks.show``), not only
the widgets."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldkit.project import Project


@pytest.fixture
def editor(window, qtbot):
    """The main window's Analysis window with its Networks tab in front, on a project whose
    two coded segments overlap a third code's (so codes co-occur) and with a memo on a code."""
    project: Project = window.project
    doc = next(d for d in project.documents() if d.kind == "transcript")
    text = project.document(doc.id).text
    start = text.index("mee te kijken")
    project.code_text(doc.id, start, start + len("mee te kijken met Henk, de ervaren"),
                      "Technology/New machine")
    memo = project.memos.add("Waarom kijken", "Kijken gaat voor doen.", type="theoretical")
    project.memos.link(memo.id, "code", project.code("Learning/Informal/Observation").id)
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    analysis.resize(1200, 760)
    analysis.tabs.setCurrentWidget(analysis.networks)
    panel = analysis.networks
    panel.new_network("Leren")
    return panel


def shown(panel):  # type: ignore[no-untyped-def]
    return panel.project.networks.show(panel.current())


def node_of(panel, ref: str):  # type: ignore[no-untyped-def]
    return next(n for n in shown(panel).nodes if n.ref == ref or n.label == ref)


def mouse(widget, kind: QEvent.Type, pos: QPoint, buttons=Qt.MouseButton.LeftButton,  # type: ignore[no-untyped-def]
          modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else \
        Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        modifiers)
    QApplication.sendEvent(widget, event)


def drop(canvas, data, at: QPoint) -> None:  # type: ignore[no-untyped-def]
    """A drop of ``data`` on the canvas's viewport at ``at``, as Qt delivers one."""
    for kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
        from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

        cls = QDragEnterEvent if kind == QEvent.Type.DragEnter else QDragMoveEvent
        event = cls(at, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas.viewport(), event)
        assert event.isAccepted()
    event = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.viewport(), event)


def on_screen(panel, node_id: int) -> QPoint:  # type: ignore[no-untyped-def]
    item = panel.scene.nodes[node_id]
    return panel.canvas.mapFromScene(item.pos())


def test_nodes_come_by_the_api_and_by_drops_of_codes_segments_and_memos(
        editor, window, qtbot) -> None:
    panel, project = editor, editor.project
    observation = project.code("Learning/Informal/Observation")
    # by the API
    panel.add_at(["code:Technology/New machine"], QPointF(0, 0))
    assert [n.label for n in shown(panel).nodes] == ["New machine"]
    # a code dragged from the codebook: its model's own drag data
    book = window.codebook
    index = book.proxy.mapFromSource(book.model.index_of(observation.id))
    data = book.model.mimeData([book.proxy.mapToSource(index)])
    at = panel.canvas.viewport().rect().center() + QPoint(120, 40)
    drop(panel.canvas, data, at)
    placed = node_of(panel, "Observation")
    where = panel.canvas.mapToScene(at)
    assert (placed.x, placed.y) == (round(where.x()), round(where.y()))
    assert placed.kind == "code" and placed.groundedness == 1 and placed.colour == "#34a853"
    # segments dragged from the Coded segments view
    segments = window.show_segments([observation.id])
    qtbot.waitUntil(lambda: segments.model.rowCount() > 0)
    coding = segments.model.coding_at(0)
    drop(panel.canvas, segments.model.mimeData([segments.model.index(0, 1)]), at)
    segment = next(n for n in shown(panel).nodes if n.kind == "coding")
    assert segment.target == coding.id and segment.label.startswith("\u201cmee te kijken")
    # a memo dragged from the Memos list
    memos = panel.window_.memos
    memos.refresh()
    row = next(i for i, m in enumerate(memos.memos) if m.title == "Waarom kijken")
    drop(panel.canvas, memos.model.mimeData([memos.model.index(row, 3)]), at)
    assert {n.kind for n in shown(panel).nodes} == {"code", "memo", "coding"}
    # the scene shows what the project holds, item for item
    assert set(panel.scene.nodes) == {n.id for n in shown(panel).nodes}
    # each drop is one undo step
    window.undo()
    assert {n.kind for n in shown(panel).nodes} == {"code", "coding"}


def test_a_link_drawn_with_the_mouse_asks_the_relation_and_is_kept(editor) -> None:
    panel, project = editor, editor.project
    a, b = panel.add_at(["code:Learning/Informal/Observation", "code:Technology/New machine"],
                        QPointF(0, 0))
    viewport = panel.canvas.viewport()
    panel.project.networks.move_node(panel.current(), b.id, 300, 0)
    panel.show_current(fit=True)
    handle = panel.scene.nodes[a.id].handle
    start = panel.canvas.mapFromScene(handle.mapToScene(handle.rect().center()))
    end = on_screen(panel, b.id)
    mouse(viewport, QEvent.Type.MouseButtonPress, start)
    mouse(viewport, QEvent.Type.MouseMove, (start + end) / 2)
    mouse(viewport, QEvent.Type.MouseMove, end)
    mouse(viewport, QEvent.Type.MouseButtonRelease, end, buttons=Qt.MouseButton.NoButton)
    menu = panel.relation_menu
    assert menu is not None
    names = [x.text() for x in menu.actions()]
    assert names[:3] == ["is associated with", "is cause of", "is part of"]
    next(x for x in menu.actions() if x.text() == "is cause of").trigger()
    [link] = shown(panel).links
    assert (link.source, link.target, link.relation, link.kind) == (a.id, b.id, "is cause of",
                                                                   "code")
    assert project.networks.code_links("Technology/New machine")[0][1] == "is cause of"
    item = panel.scene.links[link.uuid]
    assert item.heads[0].isVisible() and not item.heads[1].isVisible()  # one way: one arrow
    assert item.label.text() == "is cause of"
    # a plain drag on a node moves it instead, and the place is kept (one undo step)
    before = (node_of(panel, "New machine").x, node_of(panel, "New machine").y)
    end = on_screen(panel, b.id)
    mouse(viewport, QEvent.Type.MouseButtonPress, end)
    mouse(viewport, QEvent.Type.MouseMove, end + QPoint(20, 60))
    mouse(viewport, QEvent.Type.MouseMove, end + QPoint(40, 120))
    mouse(viewport, QEvent.Type.MouseButtonRelease, end + QPoint(40, 120),
          buttons=Qt.MouseButton.NoButton)
    after = (node_of(panel, "New machine").x, node_of(panel, "New machine").y)
    assert after != before and after[1] > before[1]
    assert project.undo_label() == "Move in network"
    # the line follows the box
    assert item.path().elementAt(1).y > 0
    project.undo()
    assert (node_of(panel, "New machine").x, node_of(panel, "New machine").y) == before


def test_layout_undo_and_redo_with_the_keys(editor, window, qtbot) -> None:
    panel, project = editor, editor.project
    nodes = panel.add_at(["code:Learning/Informal/Observation", "code:Technology/New machine",
                          "code:Learning/Informal/Trial and error"], QPointF(0, 0))
    panel.link(nodes[0].id, "is associated with", nodes[1].id)
    panel.link(nodes[1].id, "is cause of", nodes[2].id)
    before = {n.id: (n.x, n.y) for n in shown(panel).nodes}
    panel.lay_out("layered")
    laid = {n.id: (n.x, n.y) for n in shown(panel).nodes}
    assert laid != before and len(set(laid.values())) == 3
    # the scene stands where the project says
    assert {k: (round(i.pos().x()), round(i.pos().y())) for k, i in panel.scene.nodes.items()} \
        == laid
    panel.canvas.setFocus()
    QTest.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {n.id: (n.x, n.y) for n in shown(panel).nodes} == before
    assert {k: (round(i.pos().x()), round(i.pos().y())) for k, i in panel.scene.nodes.items()} \
        == before
    QTest.keyClick(panel.canvas, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert {n.id: (n.x, n.y) for n in shown(panel).nodes} == laid
    assert window.actions_["undo"].text().startswith("&Undo Lay out network")
    # undo back to an empty network, then the network itself
    for _ in range(4):
        QTest.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown(panel).nodes == [] and panel.scene.nodes == {}
    QTest.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.networks.all() == [] and panel.list.count() == 0


def test_remove_with_the_delete_key_and_unlink_codes(editor) -> None:
    panel, project = editor, editor.project
    a, b, note = panel.add_at(["code:Learning/Informal/Observation",
                               "code:Technology/New machine", "note:Kijken eerst 🙂"],
                              QPointF(0, 0))
    panel.link(a.id, "contradicts", b.id)
    panel.link(note.id, "is property of", a.id)
    panel.show_current()
    panel.scene.nodes[note.id].setSelected(True)
    panel.canvas.setFocus()
    QTest.keyClick(panel.canvas, Qt.Key.Key_Delete)
    view = shown(panel)
    assert [n.id for n in view.nodes] == [a.id, b.id]
    assert [x.relation for x in view.links] == ["contradicts"]
    [link] = view.links
    panel.scene.links[link.uuid].setSelected(True)
    panel.remove_selected()
    assert shown(panel).links == [] and project.networks.code_links() == []
    project.undo()
    assert project.networks.code_links()[0][1] == "contradicts"


def test_add_neighbours_and_double_click_opens(editor, window) -> None:
    panel, project = editor, editor.project
    [code] = panel.add_at(["code:Learning/Informal/Observation"], QPointF(0, 0))
    added = panel.add_neighbours([code.id])
    kinds = sorted((n.kind, n.label) for n in added)
    assert ("code", "New machine") in kinds  # co-occurs
    assert ("memo", "Waarom kijken") in kinds
    assert any(k == "coding" for k, _l in kinds)
    assert len(shown(panel).nodes) == 1 + len(added)
    assert project.undo_label() == "Add to network Leren"
    segment = next(n for n in shown(panel).nodes if n.kind == "coding")
    viewport = panel.canvas.viewport()
    panel.canvas.fit()
    mouse(viewport, QEvent.Type.MouseButtonDblClick, on_screen(panel, segment.id))
    tab = window.current_tab()
    assert tab is not None and tab.text_view.textCursor().selectedText().startswith(
        "mee te kijken")
    panel.open_node(next(n for n in shown(panel).nodes if n.kind == "code"
                         and n.label == "New machine"))
    assert window.segments.codes.checked() == [project.code("Technology/New machine").id]


def test_export_png_and_svg_draw_the_network(editor, tmp_path: Path) -> None:
    panel = editor
    a, b = panel.add_at(["code:Learning/Informal/Observation", "code:Technology/New machine"],
                        QPointF(0, 0))
    panel.link(a.id, "is cause of", b.id)
    panel.lay_out()
    panel.scene.nodes[a.id].setSelected(True)
    out = panel.export(str(tmp_path / "leren.png"))
    assert out == tmp_path / "leren.png"
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 100 and image.height() > 40
    colours = {image.pixelColor(x, y).name() for x in range(image.width())
               for y in range(image.height())}
    assert "#ffffff" in colours and "#34a853" in colours  # Observation's bar
    assert QColor("#c0392b").name() in colours  # the "is cause of" line and arrow
    assert panel.scene.nodes[a.id].isSelected()  # the selection is back after the export
    panel.canvas.set_zoom(0.2)  # too small to read the relations' names on screen
    assert not panel.scene.links[shown(panel).links[0].uuid].label_box.isVisible()
    svg = panel.export(str(tmp_path / "leren.svg"))
    assert not panel.scene.labels_shown  # the canvas as it was
    assert svg is not None
    text = " ".join(t.text or "" for t in ElementTree.parse(svg).iter()
                    if t.tag.endswith("text"))
    assert "Observation" in text and "is cause of" in text
    assert panel.export(str(tmp_path / "leren.gif")) is None
    assert not (tmp_path / "leren.gif").exists()
    assert "png or .svg" in panel.window_.status.text()


def test_a_coding_query_becomes_a_network_and_bad_names_are_one_line(editor) -> None:
    panel, project = editor, editor.project
    query = panel.window_.query
    project.add_code("Technology/Cobot and welding robot")
    project.add_code("Learning/Formal/Training course")
    query.expression.setText('"Observation" OR "New machine" OR "Trial and error" OR '
                             '"Cobot and welding robot" OR "Training course"')
    key = query.to_network("Uit een zoekvraag")
    assert panel.window_.tabs.currentWidget() is panel and panel.current() == key
    assert sorted(n.label for n in shown(panel).nodes) == [
        "Cobot and welding robot", "New machine", "Observation", "Training course",
        "Trial and error"]
    # the first nodes of a network are all in view
    seen = panel.canvas.mapToScene(panel.canvas.viewport().rect()).boundingRect()
    assert seen.contains(panel.scene.itemsBoundingRect())
    before = [n.name for n in project.networks.all()]
    assert panel.new_network("uit een ZOEKVRAAG") is None
    assert "already a network" in panel.window_.status.text()
    assert [n.name for n in project.networks.all()] == before
    panel.rename_network("Theorie")
    assert panel.list.currentItem().text() == "Theorie"
    panel.delete_network(ask=False)
    assert [n.name for n in project.networks.all()] == ["Leren"]


def test_dutch_labels_menus_and_undo_steps(editor, window) -> None:
    from tests.gui.test_dutch_screens import still_english, visible_strings, walk

    window.set_language("nl")
    panel = editor
    analysis = panel.window_
    assert analysis.tabs.tabText(analysis.tabs.indexOf(panel)) == "Netwerken"
    a, b = panel.add_at(["code:Learning/Informal/Observation", "code:Technology/New machine"],
                        QPointF(0, 0))
    menu = panel.ask_relation(a.id, b.id)
    assert [x.text() for x in menu.actions()][:2] == ["hangt samen met", "is oorzaak van"]
    next(x for x in menu.actions() if x.text() == "is oorzaak van").trigger()
    menu.close()
    [link] = shown(panel).links
    assert link.relation == "is cause of"  # the project keeps the English key
    assert panel.scene.links[link.uuid].label.text() == "is oorzaak van"
    assert window.actions_["undo"].text().startswith("&Ongedaan maken: Koppelen in netwerk")
    context = panel.context_menu(panel.scene.nodes[a.id], None, QPointF(0, 0), QPoint(0, 0))
    strings = walk(analysis) + visible_strings(menu) + visible_strings(context)
    assert panel.count.text() == "2 knooppunten · 1 koppeling"
    bad = still_english(strings)
    assert bad == [], "\n".join(bad)
    context.close()
    window.set_language("en")
    assert panel.scene.links[link.uuid].label.text() == "is cause of"
    assert panel.buttons["layout"].text() == "Lay out"


def test_the_network_goes_into_the_word_report(editor, window, qtbot, tmp_path: Path) -> None:
    import zipfile

    panel, project = editor, editor.project
    a, b = panel.add_at(["code:Learning/Informal/Observation", "code:Technology/New machine"],
                        QPointF(0, 0))
    panel.link(a.id, "is cause of", b.id)
    labels = [x.text() for x in panel.export_menu().actions()]
    assert labels == ["PNG or SVG…", "Word report with this network…"]
    dialog = panel.word_report()
    assert dialog.networks.checked() == [panel.current()]
    assert dialog.networks.text() == "Networks: Leren"
    out = tmp_path / "rapport.docx"
    dialog.path.setText(str(out))
    dialog.accept()
    window.runner.wait()
    qtbot.waitUntil(out.exists, timeout=20000)
    with zipfile.ZipFile(out) as docx:
        body = docx.read("word/document.xml").decode()
        pictures = [n for n in docx.namelist() if n.startswith("word/media/")]
    [link] = project.networks.show("Leren").links
    assert "Networks" in body and "Leren" in body and link.relation in body
    assert pictures
    # without a network chosen the report has no such section
    dialog = panel.word_report()
    for action in dialog.networks.menu().actions():
        action.setChecked(False)
    assert "networks" not in dialog.options() and dialog.networks.text() == "No networks"
    dialog.close()


def test_a_drag_over_the_networks_tab_opens_it(editor) -> None:
    bar = editor.window_.tabs.tabBar()
    assert bar.acceptDrops() and bar.changeCurrentOnDrag()
