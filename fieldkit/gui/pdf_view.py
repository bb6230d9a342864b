"""A PDF document as printed: its pages one under the other, with the codings on them.

Pages are rendered through ``project.pdfs.render_page`` (PDFium), only those in sight and only
once per zoom (a few kept in a small cache), so a 300-page PDF opens as fast as a short one.
Everything on a page is in points from its top-left (``docs/pdf.md``): a box times the view's
scale is its place on the screen.

The text layer: a mouse drag selects characters as in a PDF reader (the caret nearest the
press to the one nearest the release, ``pdf_layout.caret_at``), snapped to whole words as in the
text view. The selection itself is held by the tab's ``PageText`` (a text view never shown),
so every way the window codes a selection (quick-code, Ctrl+1–9, the codebook's apply, a code
dropped, in vivo) works on a PDF unchanged; this view draws that selection as rectangles.
With Shift held, or the "Draw areas" switch on, a drag draws a rectangle instead: an area of the
page to code, like a region of a photo.
The keyboard moves a caret through the text and extends the same selection with Shift
(``pdf_caret``); the view forwards its keys there and draws the caret.
"""

from __future__ import annotations

import importlib
import math
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QToolTip, QWidget

from fieldkit.core.model import PdfPage, Region
from fieldkit.gui import pdf_paint, zoom
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.codebook_model import code_ids_from_mime, take_codes
from fieldkit.gui.i18n import tr
from fieldkit.gui.pdf_caret import PdfCaret
from fieldkit.gui.pdf_text import PageText
from fieldkit.gui.text_view import Mark, mark_tooltip, snap_words_on, word_bounds
from fieldkit.operations.pdf_layout import Rect, caret_at, line_rects, nearest_char
from fieldkit.project import Project

if TYPE_CHECKING:  # numpy (90 ms) is imported with the first PDF's boxes, not at start
    import numpy as np

GAP = 14  # pixels between two pages, and around them
CACHED_PAGES = 8  # rendered pages kept (a screen shows one to three)
BOXES_KEPT = 24
MIN_AREA = 4  # points: a smaller drag is a click, not an area


def warm_renderer() -> None:
    """Load PDFium in the background when a project with PDFs opens: loading it takes longer
    than rendering a page, and the first PDF a researcher opens shows without that wait."""
    if "pypdfium2" in sys.modules:
        return
    threading.Thread(target=importlib.import_module, args=("pypdfium2",), daemon=True,
                     name="load-pdfium").start()


@dataclass(slots=True)
class PageMarks:
    """What is drawn on one page for one coding: its rectangles there (points)."""

    mark: Mark
    rects: list[Rect]
    area: bool


class PdfView(QAbstractScrollArea):
    """The pages of one PDF document, its codings and its selection; draws areas to code."""

    region_drawn = Signal(object)  # Region, with its page
    page_changed = Signal(int)  # the page mostly in sight, from 1

    def __init__(self, project: Project, doc_id: int, text_view: PageText,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.project = project
        self.doc_id = doc_id
        self.text_view = text_view  # holds the selection (and the coding signals)
        self.pages: list[PdfPage] = project.pdfs.pages(doc_id)
        self.area_mode = False
        self.marks: list[Mark] = []
        self._on_page: dict[int, list[PageMarks]] = {}
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()
        self._boxes: OrderedDict[int, np.ndarray] = OrderedDict()
        self._selection: tuple[int, int] | None = None
        self.shown_area: tuple[int, Rect] | None = None  # an area just opened from elsewhere
        self._anchor: int | None = None  # the caret where a text drag began
        self._exact = False
        self._area_from: tuple[int, QPointF] | None = None
        self._area_to: QPointF | None = None
        self._current = 1
        self.scale = 1.0
        self._base: float | None = None
        self._fit_step = 0  # the zoom step the base scale was worked out at
        self.magnified = 1.0  # Ctrl+wheel: the pages alone larger or smaller
        self.tops: list[int] = []
        self.keys = PdfCaret(self)  # the caret, the keys that move it, what is said of it
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(lambda *_: self.viewport().update())
        text_view.selectionChanged.connect(self._selection_followed)
        speak_as(self, "Document pages")
        self._layout()

    @property
    def text(self) -> str:
        return self.text_view.text

    # -- geometry --------------------------------------------------------------------------

    def _fit(self) -> float:
        """The scale (pixels a point) at zoom step 0: the widest page and its margin fill the
        width. It follows the view's width, except when the width changed because the app's
        zoom grew or shrank the panes beside the pages (that would undo the zoom)."""
        if self._base is None:
            widest = max((p.width for p in self.pages), default=595.0)
            # (two pixels spare: the page's width in pixels is rounded up)
            room = self.viewport().width() - 2 * GAP - pdf_paint.stripes_width() - 2
            if not self.isVisible() or room < 100:
                return max(0.4, min(2.0, room / widest))
            self._base = max(0.4, min(2.0, room / widest / zoom.FACTOR ** zoom.step()))
            self._fit_step = zoom.step()
        return self._base

    def _layout(self) -> None:
        """Place the pages at the current zoom step; keep the page in sight in sight."""
        keep = self._current
        into = 0.0  # how far down the page in sight the view was, kept through the change
        if self.tops:
            into = ((self.verticalScrollBar().value() - self.tops[keep - 1])
                    / max(1.0, self.pages[keep - 1].height * self.scale))
        self.scale = self._fit() * zoom.FACTOR ** zoom.step() * self.magnified
        self.tops, y = [], GAP
        for page in self.pages:
            self.tops.append(y)
            y += math.ceil(page.height * self.scale) + GAP
        widest = max((math.ceil(p.width * self.scale) for p in self.pages), default=0)
        full = widest + 2 * GAP + pdf_paint.stripes_width()
        self.verticalScrollBar().setRange(0, max(0, y - self.viewport().height()))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, full - self.viewport().width()))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self._content_width = full
        if self.tops:
            self.verticalScrollBar().setValue(round(
                self.tops[keep - 1] + into * self.pages[keep - 1].height * self.scale))
            self._set_current(keep)
        self.viewport().update()

    def page_rect(self, number: int) -> QRectF:
        """Where page ``number`` is drawn, in viewport pixels."""
        page = self.pages[number - 1]
        width = page.width * self.scale
        widest = max(p.width for p in self.pages) * self.scale
        left = max(0, (self.viewport().width() - self._content_width) / 2)
        x = left + GAP + (widest - width) / 2 - self.horizontalScrollBar().value()
        y = self.tops[number - 1] - self.verticalScrollBar().value()
        return QRectF(x, y, width, page.height * self.scale)

    def stripes_left(self, number: int) -> float:
        widest = max(p.width for p in self.pages) * self.scale
        left = max(0, (self.viewport().width() - self._content_width) / 2)
        return left + GAP + widest + 6 - self.horizontalScrollBar().value()

    def visible_pages(self) -> list[int]:
        """The pages (from 1) at least partly in sight."""
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        out = []
        for i, y in enumerate(self.tops):
            if y > bottom:
                break
            if y + self.pages[i].height * self.scale >= top:
                out.append(i + 1)
        return out

    def page_point(self, pos: QPointF) -> tuple[int, QPointF] | None:
        """The page under a viewport point and the point on it (points); None between pages."""
        for number in self.visible_pages():
            rect = self.page_rect(number)
            if rect.adjusted(0, -GAP / 2, 0, GAP / 2).contains(pos):
                return number, QPointF((pos.x() - rect.x()) / self.scale,
                                       (pos.y() - rect.y()) / self.scale)
        return None

    def to_view(self, number: int, rect: Rect) -> QRectF:
        page = self.page_rect(number)
        x0, y0, x1, y1 = rect
        return QRectF(page.x() + x0 * self.scale, page.y() + y0 * self.scale,
                      (x1 - x0) * self.scale, (y1 - y0) * self.scale)

    # -- pages and boxes -------------------------------------------------------------------

    def image(self, number: int) -> QImage:
        """Page ``number`` rendered at the view's scale (from the cache when it is there)."""
        ratio = self.devicePixelRatioF()
        key = (number, round(self.scale * ratio, 4))
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
            return found
        picture = self.project.pdfs.render_page(self.doc_id, number, self.scale * ratio)
        image = QImage(picture.tobytes(), picture.width, picture.height, picture.width * 3,
                       QImage.Format.Format_RGB888).copy()
        image.setDevicePixelRatio(ratio)
        self._images[key] = image
        while len(self._images) > CACHED_PAGES:
            self._images.popitem(last=False)
        return image

    def boxes(self, number: int) -> np.ndarray:
        found = self._boxes.get(number)
        if found is None:
            found = self.project.pdfs.char_boxes(self.doc_id, number)
            self._boxes[number] = found
            while len(self._boxes) > BOXES_KEPT:
                self._boxes.popitem(last=False)
        else:
            self._boxes.move_to_end(number)
        return found

    def span_rects(self, number: int, start: int, end: int) -> list[Rect]:
        """The rectangles text ``[start, end)`` covers on page ``number`` (points)."""
        page = self.pages[number - 1]
        lo, hi = max(start, page.start), min(end, page.end)
        if lo >= hi:
            return []
        return line_rects(self.boxes(number)[lo - page.start:hi - page.start])

    def page_marks(self, number: int) -> list[PageMarks]:
        """The codings drawn on page ``number``, worked out once per change of codings."""
        found = self._on_page.get(number)
        if found is None:
            found = []
            for m in self.marks:
                region = m.coding.region
                if region is not None:
                    if region.page == number:
                        found.append(PageMarks(m, [(region.x, region.y, region.x + region.width,
                                                    region.y + region.height)], True))
                elif m.coding.start is not None and m.coding.end is not None:
                    rects = self.span_rects(number, m.coding.start, m.coding.end)
                    if rects:
                        found.append(PageMarks(m, rects, False))
            self._on_page[number] = found
        return found

    # -- content ---------------------------------------------------------------------------

    def set_marks(self, marks: list[Mark]) -> None:
        """The codings to draw (text and areas); only the pages in sight are worked out."""
        self.marks = marks
        self._on_page = {}
        self.viewport().update()
        self.keys.announce()  # a coding made or removed at the caret is said at once

    def set_area_mode(self, on: bool) -> None:
        self.area_mode = on
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on
                                  else Qt.CursorShape.IBeamCursor)

    @property
    def current_page(self) -> int:
        return self._current

    def go_to_page(self, number: int) -> None:
        """Scroll so that page ``number`` (from 1) starts at the top."""
        number = max(1, min(len(self.pages), number))
        self.verticalScrollBar().setValue(self.tops[number - 1] - GAP // 2)
        self._set_current(number)

    def show_page(self, number: int) -> None:
        """Name page ``number`` the page in sight (the caret is there) without scrolling."""
        self._set_current(number)

    def show_rect(self, number: int, rect: Rect) -> None:
        """Scroll so that a rectangle of page ``number`` is in sight (a third from the top)."""
        y = self.tops[number - 1] + rect[1] * self.scale
        bar = self.verticalScrollBar()
        if not bar.value() <= y <= bar.value() + self.viewport().height() - 40:
            bar.setValue(int(y - self.viewport().height() / 3))
        self._set_current(number)

    def show_span(self, start: int, end: int) -> None:
        for page in self.pages:
            rects = self.span_rects(page.number, start, max(end, start + 1))
            if rects:
                self.show_rect(page.number, rects[0])
                return

    def show_region(self, region: Region) -> None:
        """Scroll to an area of a page and outline it in the selection's colour (until the
        next click): the area a coded segment names, found at a glance."""
        if region.page is not None and 1 <= region.page <= len(self.pages):
            rect = (region.x, region.y, region.x + region.width, region.y + region.height)
            self.shown_area = (region.page, rect)
            self.show_rect(region.page, rect)
            self.viewport().update()

    def _scrolled(self, *_: object) -> None:
        middle = self.verticalScrollBar().value() + self.viewport().height() / 3
        number = 1
        for i, y in enumerate(self.tops):
            if y <= middle:
                number = i + 1
        self._set_current(number)
        self.viewport().update()

    def _set_current(self, number: int) -> None:
        if number != self._current:
            self._current = number
            self.page_changed.emit(number)

    # -- the selection (held by the text view) ---------------------------------------------

    @property
    def selection(self) -> tuple[int, int] | None:
        return self._selection

    def _selection_followed(self) -> None:
        before = self._selection
        self._selection = self.text_view.selected()
        if self._anchor is None and not self.keys.moving and self._selection != before:
            if self._selection:
                self.show_span(*self._selection)  # chosen elsewhere: a search hit, a segment
            self.keys.followed(self._selection)
        self.viewport().update()

    def select(self, start: int, end: int) -> None:
        """Select text ``[start, end)`` (code points) as a mouse drag does."""
        self.text_view.select_span(min(start, end), max(start, end))

    def caret(self, number: int, point: QPointF) -> int | None:
        local = caret_at(self.boxes(number), point.x(), point.y())
        return None if local is None else self.pages[number - 1].start + local

    def marks_at(self, pos: QPointF) -> list[Mark]:
        """The codings under a viewport point: areas containing it, text lines under it."""
        found = self.page_point(pos)
        if found is None:
            return []
        number, point = found
        out = []
        for pm in self.page_marks(number):
            if any(x0 - 1 <= point.x() <= x1 + 1 and y0 - 1 <= point.y() <= y1 + 1
                   for x0, y0, x1, y1 in pm.rects):
                out.append(pm.mark)
        return out

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), QColor("#5b6066"))
        for number in self.visible_pages():
            rect = self.page_rect(number)
            painter.drawImage(rect.topLeft(), self.image(number))
            placed = [(pm, [self.to_view(number, r) for r in pm.rects])
                      for pm in self.page_marks(number)]
            pdf_paint.codings(painter, placed)
            if self._selection is not None:
                pdf_paint.selection(painter, [self.to_view(number, r) for r in self.span_rects(
                    number, *self._selection)], self.palette().highlight().color())
            pdf_paint.stripes(painter, placed, self.stripes_left(number), rect)
            if self.hasFocus():
                self.keys.paint(painter, number)
            if self.shown_area is not None and self.shown_area[0] == number:
                pdf_paint.outline(painter, self.to_view(number, self.shown_area[1]),
                                  self.palette().highlight().color())
        if self._area_from is not None and self._area_to is not None:
            number, start = self._area_from
            painter.setPen(QPen(QColor("#1f6feb"), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.to_view(number, (start.x(), start.y(), self._area_to.x(),
                                                   self._area_to.y())).normalized())
        painter.end()

    # -- events ----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit_step == zoom.step():
            self._base = None  # the window or a pane was resized: fit the width again
        self._layout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.keys.announce()  # said again in the new language
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.tops:
            # Ctrl+plus, Ctrl+minus, Ctrl+0 restyle the app before they remember the step
            QTimer.singleShot(0, self, self._zoomed)

    def _zoomed(self) -> None:
        if abs(self._fit() * zoom.FACTOR ** zoom.step() * self.magnified - self.scale) > 1e-6:
            self._layout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._layout()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.magnified = max(0.5, min(4.0, self.magnified * zoom.FACTOR ** steps))
                self._layout()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self.keys.key(event):  # the caret's keys (pdf_caret), the page keys among them
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.keys.focused()  # the caret shows (and is said) while the pages have the focus

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.shown_area = None
        found = self.page_point(event.position())
        if found is None:
            return
        number, point = found
        if self.area_mode or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._area_from, self._area_to = (number, point), point
            return
        self._exact = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._anchor = self.caret(number, point)
        if self._anchor is not None:
            self.keys.clicked(self._anchor)
            self.select(self._anchor, self._anchor)
            self.viewport().update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._area_from is not None:
            number, _start = self._area_from
            page = self.page_rect(number)
            self._area_to = QPointF(
                min(max(0.0, (event.position().x() - page.x()) / self.scale),
                    self.pages[number - 1].width),
                min(max(0.0, (event.position().y() - page.y()) / self.scale),
                    self.pages[number - 1].height))
            self.viewport().update()
            return
        if self._anchor is not None:
            found = self.page_point(event.position())
            if found is not None:
                here = self.caret(*found)
                if here is not None:
                    self.keys.dragged(here)
                    self.select(self._anchor, here)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._area_from is not None:
            self._area_drawn()
            return
        if self._anchor is not None:
            self.mouseMoveEvent(event)
            exact = self._exact or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if self._selection is not None and not exact and snap_words_on():
                self.select(*word_bounds(self.text, *self._selection))
            self._anchor = None
            self.keys.released()
            return
        super().mouseReleaseEvent(event)

    def _area_drawn(self) -> None:
        assert self._area_from is not None and self._area_to is not None
        number, start = self._area_from
        end = self._area_to
        self._area_from = self._area_to = None
        self.viewport().update()
        x0, x1 = sorted((start.x(), end.x()))
        y0, y1 = sorted((start.y(), end.y()))
        if x1 - x0 >= MIN_AREA and y1 - y0 >= MIN_AREA:
            self.region_drawn.emit(Region(int(x0), int(y0), max(1, round(x1 - x0)),
                                          max(1, round(y1 - y0)), page=number))

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            marks = self.marks_at(QPointF(event.pos()))
            if marks:
                QToolTip.showText(event.globalPos(), mark_tooltip(marks), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = QMenu(self)
        self.text_view.fill_menu(menu, self.marks_at(QPointF(event.pos())))
        if self._selection is not None:
            menu.addSeparator()
            menu.addAction(tr("Copy")).triggered.connect(self.text_view.copy)
        if menu.actions():
            menu.exec(event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        take_codes(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        take_codes(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = code_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        if self._selection is None:  # no selection: code the line under the drop point
            found = self.page_point(event.position())
            line = self._line_at(*found) if found is not None else None
            if line is None:
                event.ignore()
                return
            self.select(*line)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.text_view.code_dropped.emit(ids)

    def _line_at(self, number: int, point: QPointF) -> tuple[int, int] | None:
        local = nearest_char(self.boxes(number), point.x(), point.y())
        if local is None:
            return None
        at = self.pages[number - 1].start + local
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def point_of(self, number: int, x: float, y: float) -> QPoint:
        """The viewport point of ``(x, y)`` (points) on page ``number`` (tests, drivers)."""
        rect = self.page_rect(number)
        return QPoint(round(rect.x() + x * self.scale), round(rect.y() + y * self.scale))
