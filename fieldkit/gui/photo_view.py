"""A photo with its coded regions; drawing a rectangle codes a region."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from fieldkit.core.model import Region
from fieldkit.gui import style
from fieldkit.gui.text_view import Mark


class PhotoView(QGraphicsView):
    """Scene coordinates are image pixels (orientation applied), the unit of ``Region``."""

    region_drawn = Signal(object)  # Region
    remove_coding = Signal(int)

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

    def set_image(self, path: str) -> bool:
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        image = reader.read()
        self.scene().clear()
        self._regions = []
        if image.isNull():
            self.pixmap_item = None
            return False
        self.pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(image.rect()))
        self.fit()
        return True

    def set_marks(self, marks: list[Mark]) -> None:
        for item in self._regions:
            self.scene().removeItem(item)
        self._regions = []
        if self.pixmap_item is None:
            return
        scale = max(1.0, self.scene().sceneRect().width() / 800)
        for m in marks:
            r = m.coding.region
            if r is None:
                continue
            colour = QColor(m.colour)
            item = self.scene().addRect(QRectF(r.x, r.y, r.width, r.height),
                                        QPen(colour, 3 * scale),
                                        QBrush(style.highlight(m.colour, 50)))
            memo = f"\n{m.coding.memo}" if m.coding.memo else ""
            item.setToolTip(f"{m.path} · {m.coder}{memo}")
            item.setData(0, m.coding.id)
            label = QGraphicsSimpleTextItem(m.name, item)
            font = label.font()
            font.setPointSizeF(10 * scale)
            label.setFont(font)
            label.setBrush(style.text_on(colour))
            back = QGraphicsRectItem(label.boundingRect().adjusted(-3, -1, 3, 1), item)
            back.setBrush(colour)
            back.setPen(QPen(Qt.PenStyle.NoPen))
            back.setPos(r.x, r.y)
            label.setParentItem(back)
            self._regions.append(item)

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
        if event.button() == Qt.MouseButton.RightButton:
            item = self.itemAt(event.position().toPoint())
            while item is not None and item.data(0) is None:
                item = item.parentItem()
            if item is not None:
                self.remove_coding.emit(int(item.data(0)))
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
