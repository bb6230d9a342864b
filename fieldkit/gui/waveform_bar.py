"""The position slider of the player: the recording's waveform, the play head, coded ranges.

A click moves the play head (``seek``); a drag selects a stretch of time (``selected``) that
the player can code. The peaks come from ``project.recordings`` (computed off the GUI thread,
cached in the project); until they arrive the bar is a plain slider. Coded stretches sit under
the waveform, one lane per code (overlapping codings of two codes never hide each other), in
their code's colour and pattern with the code's name written on them where there is room, so
they read without colour; the tooltip names the stretches under the mouse, and a click on one
selects its stretch (to play it, or code it with another code).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fieldkit.core.timecode import format_ms
from fieldkit.gui import style

DRAG_PIXELS = 4  # a press that moves less than this is a click, not a selection
WAVE = 48  # the height of the waveform itself
LANE_GAP = 1


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
        self.setMinimumHeight(WAVE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.IBeamCursor)
        self.duration_ms = 0
        self.position_ms = 0
        self.per_second = 0
        self.peaks = b""
        self.selection: tuple[int, int] | None = None
        self.marks: list[TimeMark] = []  # coded stretches
        self.named: list[tuple[QRectF, str]] = []  # the names painted last, where they stand
        self.lanes: list[int] = []  # code ids, one lane each, top to bottom
        self._press_x: float | None = None
        self._columns: list[int] = []
        self._columns_for = (0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, WAVE + len(self.lanes) * (self.lane_height() + LANE_GAP))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.sizeHint().height())

    def lane_height(self) -> int:
        """One lane: the height of a code's name in the lanes' smaller font."""
        return QFontMetrics(self._lane_font()).height()

    def _lane_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        return font

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
        lanes: list[int] = []
        for mark in sorted(marks):
            if mark.code_id not in lanes:
                lanes.append(mark.code_id)
        if lanes != self.lanes:
            self.lanes = lanes
            self.setMinimumHeight(self.sizeHint().height())
            self.updateGeometry()
        self.update()

    def lane_rect(self, code_id: int) -> QRectF:
        """The strip of the bar where the stretches coded with ``code_id`` are drawn."""
        step = self.lane_height() + LANE_GAP
        top = self.height() - len(self.lanes) * step + self.lanes.index(code_id) * step
        return QRectF(0, top, self.width(), self.lane_height())

    def mark_rect(self, mark: TimeMark) -> QRectF:
        lane = self.lane_rect(mark.code_id)
        x = self.x_of(mark.start)
        return QRectF(x, lane.top(), max(2.0, self.x_of(mark.end) - x), lane.height())

    def mark_at(self, x: float, y: float) -> TimeMark | None:
        """The coded stretch drawn at (x, y), if any."""
        for mark in sorted(self.marks):
            if self.mark_rect(mark).adjusted(-1, 0, 1, 0).contains(x, y):
                return mark
        return None

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
        middle = (height - len(self.lanes) * (self.lane_height() + LANE_GAP)) / 2
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
        """The coded stretches, each code in its own lane: colour and pattern, and the code's
        name on the stretch where it fits."""
        painter.setFont(self._lane_font())
        metrics = painter.fontMetrics()
        self.named = []
        for mark in sorted(self.marks):
            box = self.mark_rect(mark)
            style.fill_coded(painter, box, mark.colour, mark.code_id)
            room = min(box.width(), self.width() - box.x()) - 4
            if room < metrics.horizontalAdvance("Ab…"):
                continue
            name = metrics.elidedText(mark.name, Qt.TextElideMode.ElideRight, int(room))
            label = QRectF(box.x() + 1, box.y(), metrics.horizontalAdvance(name) + 4,
                           box.height())
            back = QColor("#ffffff")
            back.setAlpha(210)
            painter.fillRect(label, back)
            painter.setPen(QColor("#1d2329"))
            painter.drawText(label.adjusted(2, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            self.named.append((label, name))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the codes of the stretches under the mouse
            assert isinstance(event, QHelpEvent)
            ms = self.ms_at(event.pos().x())
            pointed = self.mark_at(event.pos().x(), event.pos().y())
            here = [f"{m.name}  {format_ms(m.start)}–{format_ms(m.end)}"
                    for m in ([pointed] if pointed else sorted(self.marks))
                    if m.start <= ms < max(m.end, m.start + 1)]
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
        mark = self.mark_at(x, event.position().y())
        if abs(x - self._press_x) <= DRAG_PIXELS and mark is not None:
            self.selection = (mark.start, max(mark.end, mark.start + 1))
            self.seek.emit(mark.start)
            self.selected.emit(*self.selection)
        elif abs(x - self._press_x) <= DRAG_PIXELS:
            self.seek.emit(self.ms_at(x))
        else:
            a, b = sorted((self.ms_at(self._press_x), self.ms_at(x)))
            if b > a:
                self.selection = (a, b)
                self.selected.emit(a, b)
        self._press_x = None
        self.update()
