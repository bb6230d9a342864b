"""Drawing the codings on a rendered PDF page, and their stripes in the margin beside it.

Coded text is washed in its code's colour by multiplying (the print stays as dark as it was,
the paper takes the colour), so overlapping codings blend as they do in the text view; a coded
area is outlined in the code's colour and line style, as a photo's regions are. Beside each page
the stripe margin draws one bar per coding over the lines it covers, in a lane of its own where
codings overlap, with the code's name after a swatch of its colour and pattern (the text view's
margin, page by page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from fieldkit.gui import contrast, style
from fieldkit.gui.photo_view import outline_style
from fieldkit.gui.text_view import LANE, MAX_LANES, SWATCH

if TYPE_CHECKING:
    from fieldkit.gui.pdf_view import PageMarks

LANES_SHOWN = 3  # lanes beside a page before stripes share the last one
LABELS = 116  # the code names: narrower than the text view's, the page wants the room
WASH = 0.45  # how much of a code's colour goes into the paper under coded text


def stripes_width() -> int:
    return LANES_SHOWN * LANE + 10 + LABELS


def wash(colour: str) -> QColor:
    """The paper's colour under coded text: the code's colour, lightened."""
    c = QColor(colour)
    return QColor(round(255 - (255 - c.red()) * WASH), round(255 - (255 - c.green()) * WASH),
                  round(255 - (255 - c.blue()) * WASH))


def codings(painter: QPainter, placed: list[tuple[PageMarks, list[QRectF]]]) -> None:
    """Coded text washed in its code's colour, coded areas outlined (larger ones first)."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    for pm, rects in placed:
        if not pm.area:
            painter.setBrush(wash(pm.mark.colour))
            for rect in rects:
                painter.drawRect(rect)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    high = style.high_contrast()
    for pm, rects in sorted((p for p in placed if p[0].area),
                            key=lambda p: -p[1][0].width() * p[1][0].height()):
        pen = QPen(QColor(pm.mark.colour), 3 if high else 2)
        pen.setStyle(outline_style(pm.mark.coding.code_id))
        painter.setPen(pen)
        painter.setBrush(style.highlight(pm.mark.colour, 40) if not high
                         else Qt.BrushStyle.NoBrush)
        painter.drawRect(rects[0])
    if high:  # underline coded text in its colour too: the wash alone is faint
        for pm, rects in placed:
            if not pm.area:
                painter.setPen(QPen(QColor(pm.mark.colour), 2))
                for rect in rects:
                    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    painter.restore()


def selection(painter: QPainter, rects: list[QRectF], colour: QColor) -> None:
    """The text selected with the mouse, as a reader shows it."""
    if not rects:
        return
    painter.save()
    fill = QColor(colour)
    fill.setAlpha(90)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    for rect in rects:
        painter.drawRect(rect)
    painter.restore()


def caret(painter: QPainter, line: QRectF, colour: QColor) -> None:
    """The text caret: a thin upright line at a character's edge, in the selection's colour;
    in high contrast (its selection colour is yellow, faint on white paper) a yellow line
    edged in black, wider."""
    painter.save()
    top, bottom = line.top() - 1, line.bottom() + 1
    x = line.left()
    if style.high_contrast():
        painter.setPen(QPen(QColor(contrast.BACK), 5))
        painter.drawLine(QPointF(x, top - 1), QPointF(x, bottom + 1))
        painter.setPen(QPen(QColor(contrast.YELLOW), 3))
    else:
        painter.setPen(QPen(colour, 2))
    painter.drawLine(QPointF(x, top), QPointF(x, bottom))
    painter.restore()


def outline(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """An area opened from a coded segment: ringed in the selection's colour."""
    painter.save()
    painter.setPen(QPen(colour, 3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(-4, -4, 4, 4))
    painter.restore()


def stripes(painter: QPainter, placed: list[tuple[PageMarks, list[QRectF]]], left: float,
            page: QRectF) -> None:
    """The stripe margin beside one page: a bar per coding, named once per code and line."""
    width = stripes_width()
    margin = QRectF(left, page.top(), width, page.height())
    painter.save()
    painter.fillRect(margin, style.paint("gutter"))  # not white: no second, empty page
    painter.setPen(style.paint("gutter_line"))
    painter.drawLine(margin.topLeft(), margin.bottomLeft())
    bars = _bars(placed, left)
    for rect, pm in bars:
        style.fill_coded(painter, rect, pm.mark.colour, pm.mark.coding.code_id, 2.5)
    font = QFont(painter.font())
    font.setPointSizeF(max(7.5, font.pointSizeF() * 0.85))
    painter.setFont(font)
    metrics = painter.fontMetrics()
    label_h = metrics.height() + 2
    label_x = left + 5 + LANES_SHOWN * LANE + 6
    label_w = width - (label_x - left) - 4
    next_free = -1e9
    shown: list[tuple[int, float]] = []
    for rect, pm in sorted(bars, key=lambda b: (b[0].top(), b[0].left())):
        code_id = pm.mark.coding.code_id
        if any(c == code_id and abs(top - rect.top()) < label_h for c, top in shown):
            continue  # the same code on the same lines (another coder): one label
        y = max(rect.top(), next_free)
        if y > page.bottom():
            break
        next_free = y + label_h
        shown.append((code_id, rect.top()))
        colour = QColor(pm.mark.colour)
        painter.setPen(colour)
        painter.drawLine(int(rect.right()), int(rect.top() + 4), int(label_x),
                         int(y + label_h / 2))
        back = QColor(colour)
        back.setAlpha(45)
        if style.high_contrast():
            back = contrast.tint(pm.mark.colour)
        box = QRectF(label_x, y, label_w, label_h - 1)
        painter.setBrush(back)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(box, 3, 3)
        style.fill_coded(painter, QRectF(label_x + 3, y + 3, SWATCH, label_h - 7),
                         pm.mark.colour, code_id, 1.5)
        painter.setPen(style.paint("label_text"))
        name = metrics.elidedText(pm.mark.name, Qt.TextElideMode.ElideRight,
                                  int(label_w) - 10 - SWATCH)
        painter.drawText(box.adjusted(SWATCH + 7, 0, -2, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    painter.restore()


def _bars(placed: list[tuple[PageMarks, list[QRectF]]],
          left: float) -> list[tuple[QRectF, PageMarks]]:
    """One bar per coding over the height it covers on the page, in lanes (greedy: a coding
    takes the first lane free at its top)."""
    spans = sorted(((min(r.top() for r in rects), max(r.bottom() for r in rects), pm)
                    for pm, rects in placed if rects), key=lambda s: (s[0], -s[1]))
    ends: list[float] = []
    out = []
    for top, bottom, pm in spans:
        for lane, end in enumerate(ends):
            if end <= top:
                ends[lane] = bottom
                break
        else:
            lane = len(ends)
            ends.append(bottom)
        x = left + 5 + min(lane, min(LANES_SHOWN, MAX_LANES) - 1) * LANE
        out.append((QRectF(x, top + 1, LANE - 2, max(6.0, bottom - top - 2)), pm))
    return out
