"""The position slider of the player: the recording's waveform, the play head, coded ranges.

A click moves the play head (``seek``); a drag selects a stretch of time (``selected``) that
the player can code. The peaks come from ``project.recordings`` (computed off the GUI thread,
cached in the project); until they arrive the bar is a plain slider. Coded stretches are a band
along the bottom in their code's colour and pattern, named above the band where there is room,
so they read without colour.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fieldkit.core.timecode import format_ms
from fieldkit.gui import style

DRAG_PIXELS = 4  # a press that moves less than this is a click, not a selection
BAND = 8  # the height of the coded stretches' band


class TimeMark(NamedTuple):
    """A coded stretch of the recording as drawn."""

    start: int  # ms
    end: int  # ms
    colour: str
    name: str  # the code's name, written above the band where the stretch has room
    code_id: int  # gives the stretch its code's pattern


class WaveformBar(QWidget):
    seek = Signal(int)  # ms
    selected = Signal(int, int)  # [start, end) in ms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveform")
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.duration_ms = 0
        self.position_ms = 0
        self.per_second = 0
        self.peaks = b""
        self.selection: tuple[int, int] | None = None
        self.marks: list[TimeMark] = []  # coded stretches
        self.named: list[tuple[QRectF, str]] = []  # the names painted last, where they stand
        self._press_x: float | None = None
        self._columns: list[int] = []
        self._columns_for = (0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 64)

    def set_duration(self, ms: int) -> None:
        self.duration_ms = max(0, int(ms))
        self.update()

    def set_peaks(self, per_second: int, peaks: bytes) -> None:
        self.per_second, self.peaks = per_second, peaks
        self._columns_for = (0, 0)
        self.update()

    def set_position(self, ms: int) -> None:
        self.position_ms = int(ms)
        self.update()

    def set_marks(self, marks: list[TimeMark]) -> None:
        self.marks = marks
        self.update()

    def clear_selection(self) -> None:
        self.selection = None
        self.update()

    # -- geometry ----------------------------------------------------------------------------

    def ms_at(self, x: float) -> int:
        width = max(1, self.width())
        return int(max(0.0, min(1.0, x / width)) * self.duration_ms)

    def x_of(self, ms: int) -> float:
        return ms / self.duration_ms * self.width() if self.duration_ms else 0.0

    def _column_peaks(self) -> list[int]:
        """The loudest peak under each pixel column (recomputed only when the width changes)."""
        width = self.width()
        key = (width, len(self.peaks))
        if key != self._columns_for:
            count = len(self.peaks)
            self._columns = [max(self.peaks[count * x // width:max(count * (x + 1) // width,
                                                                    count * x // width + 1)],
                                 default=0) if count else 0 for x in range(width)]
            self._columns_for = key
        return self._columns

    # -- painting and mouse ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        height = self.height()
        middle = height / 2
        if self.peaks:
            painter.setPen(QPen(QColor("#7a93a8")))
            for x, peak in enumerate(self._column_peaks()):
                half = max(1.0, peak / 255 * (middle - 4))
                painter.drawLine(x, int(middle - half), x, int(middle + half))
        else:
            painter.fillRect(QRectF(0, middle - 2, self.width(), 4), QColor("#c9d3dc"))
        self._paint_marks(painter)
        if self.selection is not None:
            a, b = self.selection
            shade = QColor("#2f6f8f")
            shade.setAlpha(60)
            painter.fillRect(QRectF(self.x_of(a), 0, self.x_of(b) - self.x_of(a), height), shade)
        painter.setPen(QPen(QColor("#c0392b"), 2))
        head = self.x_of(self.position_ms)
        painter.drawLine(int(head), 0, int(head), height)
        painter.end()

    def _paint_marks(self, painter: QPainter) -> None:
        """The coded stretches: colour and pattern, and the code's name where it fits."""
        height = self.height()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        label_h = metrics.height()
        free_from = -1.0  # the names never overlap: each starts right of the one before
        self.named = []
        for mark in sorted(self.marks):
            x = self.x_of(mark.start)
            width = max(2.0, self.x_of(mark.end) - x)
            style.fill_coded(painter, QRectF(x, height - BAND - 1, width, BAND), mark.colour,
                             mark.code_id)
            room = min(width, self.width() - x) - 4
            if x < free_from or room < metrics.horizontalAdvance("Ab…"):
                continue
            name = metrics.elidedText(mark.name, Qt.TextElideMode.ElideRight, int(room))
            box = QRectF(x, height - BAND - 2 - label_h, metrics.horizontalAdvance(name) + 4,
                         label_h)
            back = QColor("#ffffff")
            back.setAlpha(200)
            painter.fillRect(box, back)
            painter.setPen(QColor("#1d2329"))
            painter.drawText(box.adjusted(2, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            free_from = box.right() + 2
            self.named.append((box, name))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the codes of the stretches under the mouse
            assert isinstance(event, QHelpEvent)
            ms = self.ms_at(event.pos().x())
            here = [f"{m.name}  {format_ms(m.start)}–{format_ms(m.end)}"
                    for m in sorted(self.marks) if m.start <= ms < max(m.end, m.start + 1)]
            if here:
                QToolTip.showText(event.globalPos(), "\n".join(here), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_x = event.position().x()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press_x is not None and abs(event.position().x() - self._press_x) > DRAG_PIXELS:
            a, b = sorted((self.ms_at(self._press_x), self.ms_at(event.position().x())))
            self.selection = (a, b)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press_x is None:
            return
        x = event.position().x()
        if abs(x - self._press_x) <= DRAG_PIXELS:
            self.seek.emit(self.ms_at(x))
        else:
            a, b = sorted((self.ms_at(self._press_x), self.ms_at(x)))
            if b > a:
                self.selection = (a, b)
                self.selected.emit(a, b)
        self._press_x = None
        self.update()
