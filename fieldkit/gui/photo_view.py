"""A photo with its coded regions; drawing a rectangle codes a region.

Each coded region is outlined in its code's colour and line style (solid, dashed, dotted… as
the code's pattern elsewhere, so regions differ without colour) with the code's name on a tab at
its corner, after a swatch of the code's colour and pattern;
hovering shows code, coder and memo, the context menu removes the coding or edits its memo.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from fieldkit.core.model import Region
from fieldkit.core.patterns import PATTERNS, pattern_of
from fieldkit.gui import style
from fieldkit.gui.i18n import tr
from fieldkit.gui.text_view import Mark, coding_entries, mark_tooltip


class PhotoView(QGraphicsView):
    """Scene coordinates are image pixels (orientation applied), the unit of ``Region``."""

    region_drawn = Signal(object)  # Region
    remove_coding = Signal(int)
    memo_coding = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor("#2b2f33"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pixmap_item: QGraphicsPixmapItem | None = None
        self._origin: QPointF | None = None
        self._rubber: QGraphicsRectItem | None = None
        self._regions: list[QGraphicsRectItem] = []
        self._tabs: list[QGraphicsRectItem] = []  # the code names on the outlines
        self.marks: list[Mark] = []

    def set_image(self, path: str, data: bytes | None = None) -> bool:
        """Show the picture at ``path``, or in ``data`` (an encrypted project's photo,
        decrypted in memory: its file holds only ciphertext)."""
        buffer = QBuffer()
        if data is not None:
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer) if data is not None else QImageReader(path)
        reader.setAutoTransform(True)
        image = reader.read()
        self.scene().clear()
        self._regions, self._tabs = [], []
        if image.isNull():
            self.pixmap_item = None
            return False
        self.pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(image.rect()))
        self.fit()
        return True

    def set_marks(self, marks: list[Mark]) -> None:
        for item in [*self._regions, *self._tabs]:
            self.scene().removeItem(item)
        self._regions, self._tabs = [], []
        self.marks = [m for m in marks if m.coding.region is not None]
        if self.pixmap_item is None:
            return
        scale = max(1.0, self.scene().sceneRect().width() / 800)
        # larger regions first, so a small one inside a large one stays on top
        for m in sorted(self.marks, key=_area, reverse=True):
            r = m.coding.region
            assert r is not None
            pen = QPen(QColor(m.colour), 3 * scale)
            pen.setStyle(outline_style(m.coding.code_id))
            item = self.scene().addRect(QRectF(r.x, r.y, r.width, r.height), pen,
                                        QBrush(style.highlight(m.colour, 50)))
            item.setData(0, m.coding.id)
            self._regions.append(item)
        # name tabs above every outline; the same code on (nearly) the same rectangle by
        # another coder gets no second tab, as in the text's coding stripes
        placed: list[tuple[QRectF, Mark]] = []
        for m in sorted(self.marks, key=lambda m: (_corner(m), m.coder)):
            r = m.coding.region
            assert r is not None
            if any(o.coding.code_id == m.coding.code_id and _near(o, m, 24 * scale)
                   for _t, o in placed):
                continue
            colour = QColor(m.colour)
            label = QGraphicsSimpleTextItem(m.name)
            font = label.font()
            font.setPointSizeF(QApplication.font().pointSizeF() * scale)
            label.setFont(font)
            label.setBrush(style.text_on(colour))
            side = label.boundingRect().height() - 4
            label.setPos(side + 4, 0)
            box = label.boundingRect().adjusted(-4, -2, side + 8, 2)
            x, y = float(r.x + 2 * scale), float(r.y + 2 * scale)
            while any(box.translated(x, y).intersects(t) for t, _o in placed):
                y += box.height() + 1
            back = self.scene().addRect(box, QPen(Qt.PenStyle.NoPen), QBrush(colour))
            back.setPos(x, y)
            back.setZValue(1)
            label.setParentItem(back)
            _Swatch(QRectF(0, 2, side, side), m, back)
            placed.append((box.translated(x, y), m))
            self._tabs.append(back)

    def marks_at(self, scene_pos: QPointF) -> list[Mark]:
        """The region codings under a point of the picture (innermost first)."""
        found = []
        for m in self.marks:
            r = m.coding.region
            assert r is not None
            if QRectF(r.x, r.y, r.width, r.height).contains(scene_pos):
                found.append(m)
        return sorted(found, key=_area)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and self.pixmap_item is not None:
            assert isinstance(event, QHelpEvent)
            marks = self.marks_at(self.mapToScene(event.pos()))
            tip = mark_tooltip(marks) if marks else tr(
                "Drag a rectangle over part of the photo to code it.")
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        marks = self.marks_at(self.mapToScene(event.pos()))
        if not marks:
            return
        menu = QMenu(self)
        self.fill_menu(menu, marks)
        menu.exec(event.globalPos())

    def fill_menu(self, menu: QMenu, marks: list[Mark]) -> None:
        for label, slot in coding_entries(marks, self.remove_coding, self.memo_coding):
            menu.addAction(label).triggered.connect(slot)

    def fit(self) -> None:
        if self.pixmap_item is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.pixmap_item is not None:
            self._origin = self.mapToScene(event.position().toPoint())
            self._rubber = self.scene().addRect(QRectF(self._origin, self._origin),
                                                QPen(QColor("#ffffff"), 0, Qt.PenStyle.DashLine))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._origin is not None and self._rubber is not None:
            here = self.mapToScene(event.position().toPoint())
            self._rubber.setRect(QRectF(self._origin, here).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._origin is None or self._rubber is None:
            super().mouseReleaseEvent(event)
            return
        rect = self._rubber.rect().intersected(self.scene().sceneRect())
        self.scene().removeItem(self._rubber)
        self._origin = self._rubber = None
        if rect.width() >= 4 and rect.height() >= 4:
            self.region_drawn.emit(Region(int(rect.x()), int(rect.y()),
                                          int(rect.width()), int(rect.height())))


OUTLINES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
            Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine)


def outline_style(code_id: int) -> Qt.PenStyle:
    """The line a code's regions are outlined with, following the code's pattern."""
    return OUTLINES[PATTERNS.index(pattern_of(code_id)) % len(OUTLINES)]


class _Swatch(QGraphicsRectItem):
    """The code's colour and pattern, drawn at screen resolution whatever the zoom."""

    def __init__(self, rect: QRectF, mark: Mark, parent: QGraphicsItem) -> None:
        super().__init__(rect, parent)
        self.mark = mark
        self.setPen(QPen(Qt.PenStyle.NoPen))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        zoom = painter.worldTransform().m11() or 1.0
        style.fill_coded(painter, self.rect(), self.mark.colour, self.mark.coding.code_id,
                         pattern_scale=1 / abs(zoom))
        painter.setPen(QPen(QColor("#ffffff"), 0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.rect())


def _area(mark: Mark) -> int:
    r = mark.coding.region
    return r.width * r.height if r is not None else 0


def _corner(mark: Mark) -> tuple[int, int]:
    r = mark.coding.region
    return (r.y, r.x) if r is not None else (0, 0)


def _near(a: Mark, b: Mark, pixels: float) -> bool:
    ra, rb = a.coding.region, b.coding.region
    if ra is None or rb is None:
        return False
    return all(abs(p - q) <= pixels for p, q in zip(
        (ra.x, ra.y, ra.x + ra.width, ra.y + ra.height),
        (rb.x, rb.y, rb.x + rb.width, rb.y + rb.height), strict=True))
