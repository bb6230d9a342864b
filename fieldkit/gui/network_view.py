"""The canvas of the network editor: pan, zoom, drop, drag nodes and draw links.

- Ctrl + wheel (or Ctrl + plus/minus) zooms about the mouse; the wheel alone scrolls; dragging
  the background pans; Shift + dragging the background selects with a rubber band.
- Dragging a node moves it (the selection moves with it); on release the new places are kept
  in the project, one undo step.
- Dragging from a node's handle (the dot on its right edge; Shift + drag from anywhere on it)
  to another node draws a link: a menu of the project's relation types asks which.
- The keyboard (``network_keys``): arrows go to nodes, Ctrl + arrows move them, L links,
  Enter opens; the canvas's description tells a screen reader the chosen node.
- Codes from the codebook, segments from the Coded segments view and memos from the Memos list
  drop onto the canvas where they are let go.

The canvas knows the editor it serves (``network_panel.NetworkPanel``) and hands every change
to it; it changes nothing in the project itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsView

from fieldkit.gui.codebook_model import CODE_MIME, code_ids_from_mime
from fieldkit.gui.drag_mime import MEMO_MIME, SEGMENT_MIME, ids_from_mime
from fieldkit.gui.network_keys import CanvasKeys
from fieldkit.gui.network_scene import NetworkScene, NodeItem

if TYPE_CHECKING:
    from fieldkit.gui.network_panel import NetworkPanel

ZOOM_STEP = 1.2
ZOOM_RANGE = (0.1, 5.0)


def dropped(data: Any) -> list[str]:
    """The nodes a drag carries, written as the networks API takes them."""
    return ([f"code:{i}" for i in code_ids_from_mime(data)]
            + [f"segment:{i}" for i in ids_from_mime(data, SEGMENT_MIME)]
            + [f"memo:{i}" for i in ids_from_mime(data, MEMO_MIME)])


class NetworkCanvas(QGraphicsView):
    """A QGraphicsView of one ``NetworkScene`` with the editor's mouse and keyboard."""

    def __init__(self, editor: NetworkPanel, scene: NetworkScene) -> None:
        super().__init__(scene)
        self.editor = editor
        self.network_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        # a pan repaints only the strip that comes into view; items keep no painter state
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(True)
        self.setBackgroundBrush(QColor("#fbfbfb"))
        self._link_from: NodeItem | None = None
        self._rubber: QGraphicsLineItem | None = None
        self.keys = CanvasKeys(self)  # going to nodes, moving and linking them by keyboard

    # -- zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        factor = max(low / self.zoom(), min(high / self.zoom(), factor))
        self.scale(factor, factor)
        self.network_scene.set_detail(self.zoom())

    def set_zoom(self, zoom: float) -> None:
        """Show the network at ``zoom`` (1: life size) about the middle of the view."""
        self.zoom_by(zoom / self.zoom())

    def fit(self) -> None:
        """Everything in view (no larger than life)."""
        rect = self.network_scene.drawing_rect()
        self.setSceneRect(rect.adjusted(-2000, -2000, 2000, 2000))
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.resetTransform()
            self.centerOn(rect.center())
        self.network_scene.set_detail(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if self.keys.handle(event):
            event.accept()
        elif ctrl and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif ctrl and event.key() == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif ctrl and event.key() == Qt.Key.Key_0:
            self.fit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.editor.remove_selected()
        else:
            super().keyPressEvent(event)

    # -- mouse: pan, move, link ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = self.mapToScene(event.position().toPoint())
        node = self.network_scene.node_at(point)
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if event.button() == Qt.MouseButton.LeftButton and node is not None \
                and (node.on_handle(point) or shift):
            self.start_link(node)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton and node is None \
                and self.network_scene.link_at(point) is None:
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag if shift
                             else QGraphicsView.DragMode.ScrollHandDrag)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._link_from is not None:
            self.draw_link_to(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._link_from is not None:
            self.finish_link(self.mapToScene(event.position().toPoint()),
                             event.globalPosition().toPoint())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        if self.network_scene.moving:
            self.editor.save_moves()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        node = self.network_scene.node_at(self.mapToScene(event.position().toPoint()))
        if node is not None:
            self.editor.open_node(node.node)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def start_link(self, node: NodeItem) -> None:
        """Begin drawing a link from ``node`` (the line follows the mouse)."""
        self._link_from = node
        self._rubber = QGraphicsLineItem(QLineF(node.pos(), node.pos()))
        self._rubber.setPen(QPen(QColor("#1a73e8"), 1.5, Qt.PenStyle.DashLine))
        self._rubber.setZValue(10)
        self.network_scene.addItem(self._rubber)

    def draw_link_to(self, point: QPointF) -> None:
        if self._link_from is not None and self._rubber is not None:
            self._rubber.setLine(QLineF(self._link_from.pos(), point))

    def finish_link(self, point: QPointF, global_pos: Any) -> None:
        """Let go at ``point``: on another node, ask for the relation."""
        source = self._link_from
        self._link_from = None
        if self._rubber is not None:
            self.network_scene.removeItem(self._rubber)
            self._rubber = None
        target = self.network_scene.node_at(point)
        if source is not None and target is not None and target is not source:
            self.editor.ask_relation(source.node.id, target.node.id, global_pos)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # Shift+F10 or the Menu key: the menu of the chosen node (or link), at it
            chosen = self.keys.menu_place()
            if chosen is not None:
                self.editor.context_menu(chosen[0], None, chosen[1], chosen[2])
                return
            links = self.network_scene.selected_links()
            middle = self.viewport().rect().center()
            point = links[0].path().pointAtPercent(0.5) if links else self.mapToScene(middle)
            self.editor.context_menu(
                None, links[0] if links else None, point,
                self.viewport().mapToGlobal(self.mapFromScene(point)))
            return
        point = self.mapToScene(event.pos())
        node = self.network_scene.node_at(point)
        link = self.network_scene.link_at(point) if node is None else None
        self.editor.context_menu(node, link, point, event.globalPos())

    # -- drops ---------------------------------------------------------------------------------

    def _accepts(self, data: Any) -> bool:
        return any(data.hasFormat(m) for m in (CODE_MIME, SEGMENT_MIME, MEMO_MIME)) \
            and self.editor.current() is not None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if self._accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        nodes = dropped(event.mimeData())
        if not nodes or self.editor.current() is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.editor.add_at(nodes, self.mapToScene(event.position().toPoint()))
