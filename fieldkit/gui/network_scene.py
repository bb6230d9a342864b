"""The items of a network on its canvas: a box per node, a line per link.

Every item is built from Qt's own items (rectangles, paths, polygons, simple text), so painting
a frame runs no Python: a pan or zoom of 500 nodes and 2,000 links is Qt's C++ alone
(``benchmarks/network_view.py``). Python runs only when something changes: a node dragged moves
its links' lines, a change set from the project brings the scene in step (``sync``), item by item,
keyed by node id and link UUID, so a selection survives a refresh.

A node's place on the network is its centre, as the project keeps it. A code's box has its colour
as a bar on the left and its groundedness (number of codings) in braces, as ATLAS.ti writes it,
and grows with it; a memo's box has a dashed border, a segment's quote is in quotation marks and
italics, a free note is pale yellow.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from fieldkit.gui.i18n import tr
from fieldkit.operations.network_nodes import Link, NetworkView, Node

FILL = {"code": "#ffffff", "memo": "#f3f0ff", "document": "#eef3f8", "coding": "#ffffff",
        "note": "#fff8c4"}
PAD, BAR, HANDLE = 8.0, 6.0, 10.0
#: below this zoom a link's relation name is too small to read and is left out (a zoomed-out
#: frame of 2,000 links then paints in a third of the time); exports always write it
LABEL_ZOOM = 0.45
ARROW = 10.0
DASHES = {"solid": Qt.PenStyle.SolidLine, "dashed": Qt.PenStyle.DashLine,
          "dotted": Qt.PenStyle.DotLine}
#: ATLAS.ti's six relations, stored under their English names and shown in the user's language
DEFAULT_RELATIONS = ("is associated with", "is cause of", "is part of", "contradicts",
                     "is property of", "is a")


def relation_label(name: str, default: bool) -> str:
    """A relation's name as shown: a default one translated, one a researcher typed as typed."""
    return tr(name) if default and name in DEFAULT_RELATIONS else name


def node_scale(node: Node) -> float:
    """How much bigger than a plain box: a code (or a segment of it) grows with its codings."""
    if node.kind not in ("code", "coding") or node.groundedness <= 0:
        return 1.0
    return 1.0 + 0.06 * min(7.0, math.log2(1 + node.groundedness))


def canvas_font(share: float) -> QFont:
    """A font for the canvas, ``share`` of the application's size: it follows the system's
    font size (and the app's zoom), and the canvas's own zoom scales it from there."""
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(max(1.0, QGuiApplication.font().pointSizeF() * share))
    return font


def node_text(node: Node) -> str:
    if node.kind == "code":
        return f"{node.label} {{{node.groundedness}}}"
    return node.label


class NodeItem(QGraphicsRectItem):
    """One node: a box (moved and selected by the mouse) with its label, a code's colour bar and
    a handle on its right edge to drag a link from."""

    def __init__(self, node: Node, moved: Callable[[NodeItem], None]) -> None:
        super().__init__()
        self.node = node
        self.links: list[LinkItem] = []
        self._moved = moved
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)
        self.bar = QGraphicsRectItem(self)
        self.bar.setPen(QPen(Qt.PenStyle.NoPen))
        self.text = QGraphicsSimpleTextItem(self)
        self.text.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.handle = QGraphicsEllipseItem(self)
        self.handle.setBrush(QBrush(QColor("#1a73e8")))
        self.handle.setPen(QPen(QColor("#ffffff"), 1.5))
        self.handle.setVisible(False)
        self.handle.setToolTip(tr("Drag from here to link"))
        self.show_node(node)
        self.setPos(node.x, node.y)

    def show_node(self, node: Node) -> None:
        """Draw ``node`` (its label, colour or size may have changed)."""
        self.node = node
        scale = node_scale(node)
        font = canvas_font(0.9 * scale)
        font.setItalic(node.kind == "coding")
        font.setBold(node.kind == "code")
        self.text.setFont(font)
        self.text.setText(node_text(node))
        self.text.setBrush(QBrush(QColor("#202020")))
        metrics = QFontMetricsF(font)
        bar = BAR if node.kind in ("code", "coding") else 0.0
        width = metrics.horizontalAdvance(node_text(node)) + 2 * PAD + bar
        height = metrics.height() + PAD * 1.25 * scale
        rect = QRectF(-width / 2, -height / 2, width, height)
        self.setRect(rect)
        self.setBrush(QBrush(QColor(FILL.get(node.kind, "#ffffff"))))
        pen = QPen(QColor("#606060"), 1.0)
        if node.kind == "memo":
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.bar.setVisible(bool(bar))
        self.bar.setRect(QRectF(rect.left(), rect.top(), bar, height))
        self.bar.setBrush(QBrush(QColor(node.colour or "#808080")))
        self.text.setPos(rect.left() + bar + PAD, -metrics.height() / 2)
        self.handle.setRect(QRectF(rect.right() - HANDLE / 2, -HANDLE / 2, HANDLE, HANDLE))
        self.setToolTip(node.text or node.label)
        for link in self.links:
            link.adjust()

    def on_handle(self, scene_point: QPointF) -> bool:
        """Whether ``scene_point`` is on the link handle (a little more generous than drawn)."""
        return self.handle.rect().adjusted(-3, -3, 3, 3).contains(self.mapFromScene(scene_point))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange,  # noqa: N802
                   value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for link in self.links:
                link.adjust()
            self._moved(self)
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.handle.setVisible(bool(value) or self.isUnderMouse())
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: Any) -> None:  # noqa: N802
        self.handle.setVisible(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:  # noqa: N802
        self.handle.setVisible(self.isSelected())
        super().hoverLeaveEvent(event)

    def edge_towards(self, point: QPointF) -> QPointF:
        """Where the line from this box's centre towards ``point`` leaves the box."""
        centre = self.pos()
        dx, dy = point.x() - centre.x(), point.y() - centre.y()
        if dx == 0 and dy == 0:
            return centre
        rect = self.rect()
        scale = min(rect.width() / 2 / abs(dx) if dx else math.inf,
                    rect.height() / 2 / abs(dy) if dy else math.inf)
        return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class LinkItem(QGraphicsPathItem):
    """One link: a line in its relation's colour and style from box edge to box edge, arrowheads
    where the relation has a direction, the relation's name at the middle."""

    def __init__(self, link: Link, source: NodeItem, target: NodeItem, label: str) -> None:
        super().__init__()
        self.link = link
        self.source, self.target = source, target
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)
        self.heads = [QGraphicsPolygonItem(self), QGraphicsPolygonItem(self)]
        # the relation's name on a pale box over the line's middle, readable across the line
        self.label_box = QGraphicsRectItem(self)
        self.label_box.setBrush(QBrush(QColor(251, 251, 251, 225)))
        self.label_box.setPen(QPen(Qt.PenStyle.NoPen))
        self.label_box.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.label = QGraphicsSimpleTextItem(self.label_box)
        self.label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        font = canvas_font(0.8)
        font.setItalic(True)
        self.label.setFont(font)
        self.label.setBrush(QBrush(QColor("#404040")))
        source.links.append(self)
        target.links.append(self)
        self.show_link(link, label)

    def show_link(self, link: Link, label: str) -> None:
        self.link = link
        colour = QColor(link.colour)
        pen = QPen(colour, 1.6, DASHES.get(link.line_style, Qt.PenStyle.SolidLine))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.setPen(pen)
        for head in self.heads:
            head.setBrush(QBrush(colour))
            head.setPen(QPen(Qt.PenStyle.NoPen))
        self.label.setText(label)
        self.setToolTip(label)
        self.adjust()

    def adjust(self) -> None:
        """Follow the two boxes (after one moved or changed size)."""
        start = self.source.edge_towards(self.target.pos())
        end = self.target.edge_towards(self.source.pos())
        path = QPainterPath(start)
        path.lineTo(end)
        self.setPath(path)
        line = QLineF(start, end)
        tips = [(self.link.direction in ("OneWay", "Bidirectional"), end, start),
                (self.link.direction == "Bidirectional", start, end)]
        for head, (shown, tip, tail) in zip(self.heads, tips, strict=True):
            head.setVisible(shown and line.length() > ARROW)
            if shown:
                head.setPolygon(_arrow(tail, tip))
        # the name beside the middle of the line (above it, or left of an upright one), just
        # far enough that its box leaves the line and its arrowheads in sight
        box = self.label.boundingRect()
        w, h = box.width() + 4, box.height()
        length = line.length() or 1.0
        nx, ny = -line.dy() / length, line.dx() / length
        if ny > 0 or (ny == 0 and nx > 0):
            nx, ny = -nx, -ny
        away = abs(nx) * w / 2 + abs(ny) * h / 2 + 1
        middle = line.center()
        self.label_box.setRect(QRectF(-w / 2, -h / 2, w, h))
        self.label_box.setPos(middle.x() + nx * away, middle.y() + ny * away)
        self.label.setPos(-box.width() / 2, -h / 2)

    def detach(self) -> None:
        for end in (self.source, self.target):
            if self in end.links:
                end.links.remove(self)

    def shape(self) -> QPainterPath:
        # a thin line is hard to hit: a band a few pixels wide around it
        from PySide6.QtGui import QPainterPathStroker

        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path())


def _arrow(tail: QPointF, tip: QPointF) -> QPolygonF:
    angle = math.atan2(tip.y() - tail.y(), tip.x() - tail.x())
    return QPolygonF([tip] + [QPointF(tip.x() - ARROW * math.cos(angle + s),
                                      tip.y() - ARROW * math.sin(angle + s))
                              for s in (0.4, -0.4)])


class NetworkScene(QGraphicsScene):
    """The scene of one network, kept in step with the project by ``sync``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # the canvas is mostly still: a BSP tree finds the items of an exposed strip quickly
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.nodes: dict[int, NodeItem] = {}
        self.links: dict[str, LinkItem] = {}
        self.moving: set[int] = set()  # nodes moved by the mouse since the last save
        self._syncing = False
        self.labels_shown = True

    def set_detail(self, zoom: float) -> None:
        """Show the links' relation names only where the zoom lets them be read."""
        self.show_labels(zoom >= LABEL_ZOOM)

    def show_labels(self, shown: bool) -> None:
        if shown != self.labels_shown:
            self.labels_shown = shown
            for link in self.links.values():
                link.label_box.setVisible(shown)

    def _moved(self, item: NodeItem) -> None:
        if not self._syncing:
            self.moving.add(item.node.id)

    def sync(self, view: NetworkView | None, relation_labels: dict[int, str]) -> None:
        """Make the scene show ``view`` (None: nothing), changing only what differs."""
        self._syncing = True
        try:
            self._sync(view, relation_labels)
        finally:
            self._syncing = False

    def _sync(self, view: NetworkView | None, relation_labels: dict[int, str]) -> None:
        nodes = {n.id: n for n in view.nodes} if view is not None else {}
        links = {x.uuid: x for x in view.links} if view is not None else {}
        for uuid in [k for k, line in self.links.items() if k not in links
                     or line.link.source != links[k].source
                     or line.link.target != links[k].target]:
            line = self.links.pop(uuid)
            line.detach()
            self.removeItem(line)
        for gone in [k for k in self.nodes if k not in nodes]:
            self.removeItem(self.nodes.pop(gone))
        for node_id, node in nodes.items():
            box = self.nodes.get(node_id)
            if box is None:
                self.nodes[node_id] = box = NodeItem(node, self._moved)
                self.addItem(box)
                continue
            if node != box.node:
                box.show_node(node)
            if box.pos() != QPointF(node.x, node.y):
                box.setPos(node.x, node.y)
        for key, link in links.items():
            label = relation_labels.get(link.relation_id, link.relation)
            found = self.links.get(key)
            if found is None:
                if link.source in self.nodes and link.target in self.nodes:
                    found = LinkItem(link, self.nodes[link.source], self.nodes[link.target],
                                     label)
                    found.label_box.setVisible(self.labels_shown)
                    self.links[key] = found
                    self.addItem(found)
            elif found.link != link or found.label.text() != label:
                found.show_link(link, label)
        self.moving.clear()

    def node_at(self, point: QPointF) -> NodeItem | None:
        for item in self.items(point):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return item
        return None

    def link_at(self, point: QPointF) -> LinkItem | None:
        for item in self.items(point):
            while item is not None and not isinstance(item, (LinkItem, NodeItem)):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return None
            if isinstance(item, LinkItem):
                return item
        return None

    def selected_nodes(self) -> list[NodeItem]:
        return [i for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_links(self) -> list[LinkItem]:
        return [i for i in self.selectedItems() if isinstance(i, LinkItem)]

    def drawing_rect(self, margin: float = 30.0) -> QRectF:
        """What an export shows: every item, with a margin."""
        rect = self.itemsBoundingRect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        return rect.adjusted(-margin, -margin, margin, margin)
