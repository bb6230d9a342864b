"""The app's look: a calm light theme, icons per document kind, colour swatches for codes."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from fieldkit.core import patterns
from fieldkit.gui import contrast

ACCENT = "#2f6f8f"
HIGHLIGHT_ALPHA = 80  # code colours behind text: light enough that black text stays readable

# kind → (colour, glyph)
KIND_MARKS = {
    "fieldnote": ("#5b8c5a", "F"), "transcript": ("#2f6f8f", "T"), "photo": ("#c07a2c", "P"),
    "memo": ("#8a6bb1", "M"), "esm": ("#b0476b", "E"), "text": ("#6b7b8c", "D"),
    "recording": ("#a0522d", "R"), "pdf": ("#b03a2e", "¶"),
    "site": ("#3d5a73", "S"), "visit": ("#6f8fa6", "V"), "participant": ("#7a6a53", "@"),
    "case": ("#8c7b3d", "C"), "group": ("#8895a0", "≡"), "code": ("#55707f", "#"),
}

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f9; }}
QDockWidget {{ font-weight: 600; }}
QDockWidget::title {{ background: #e9edf1; padding: 5px 8px; border-bottom: 1px solid #d5dbe1; }}
QTreeView, QTableView, QListView {{ background: #ffffff; border: 1px solid #d5dbe1;
    selection-background-color: #cfe3ee; selection-color: #111;
    alternate-background-color: #fafbfc; }}
QTreeView::item, QListView::item {{ padding: 2px 0; }}
QHeaderView::section {{ background: #eef1f4; border: none; border-bottom: 1px solid #d5dbe1;
    padding: 3px 6px; font-weight: 600; color: #40505c; }}
QLineEdit {{ padding: 4px 6px; border: 1px solid #c8d0d8; border-radius: 4px; background: #fff; }}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QTabWidget::pane {{ border: 1px solid #d5dbe1; background: #fff; }}
QTabBar::tab {{ background: #e9edf1; padding: 5px 12px; border: 1px solid #d5dbe1;
    border-bottom: none; margin-right: 2px; border-top-left-radius: 4px;
    border-top-right-radius: 4px; color: #40505c; }}
QTabBar::tab:selected {{ background: #ffffff; color: #111; }}
QPlainTextEdit#documentText {{ background: #ffffff; border: none; color: #1d2329;
    selection-background-color: #9cc7de; selection-color: #111; }}
QLabel#docTitle {{ font-weight: 600; color: #1d2329; }}
QLabel#docMeta {{ color: #5b6770; }}
QLabel#hint {{ color: #6b7780; }}
QPushButton {{ padding: 4px 10px; border: 1px solid #c0c9d1; border-radius: 4px;
    background: #fdfdfd; }}
QPushButton:hover {{ background: #eef4f8; }}
QPushButton:checked {{ background: #d9e8f1; border-color: {ACCENT}; }}
QStatusBar {{ background: #e9edf1; color: #40505c; }}
QTreeView:focus, QTableView:focus, QListView:focus, QPlainTextEdit:focus, QTextEdit:focus,
QLineEdit:focus, QPlainTextEdit#documentText:focus, QPushButton:focus {{
    border: 2px solid {ACCENT}; }}
"""
# the focus frame above: a keyboard user sees where they are in every list, field and button
# (font sizes are not here: ``zoom.sheet_for`` sizes them from the application's font)

# colours the app paints itself (gutter, stripes, speaker names, secondary text)
PAINT = {"gutter": "#f3f5f7", "gutter_line": "#e0e4e8", "gutter_text": "#6b7780",
         "stripes": "#fafbfc", "label_text": "#1d2329", "speaker": "#2f4f63",
         "dim": "#6b7780", "accent": ACCENT}
PAINT_HIGH = {"gutter": contrast.BACK, "gutter_line": contrast.LINE,
              "gutter_text": contrast.TEXT, "stripes": contrast.BACK,
              "label_text": contrast.TEXT, "speaker": contrast.YELLOW, "dim": contrast.DIM,
              "accent": contrast.YELLOW}


def high_contrast() -> bool:
    return contrast.active()


def paint(name: str) -> QColor:
    """A colour the app paints with, in the current contrast."""
    return QColor((PAINT_HIGH if contrast.active() else PAINT)[name])


def sheet() -> str:
    """The style sheet of the current contrast (without the zoom's font sizes)."""
    return contrast.SHEET if contrast.active() else STYLESHEET


def focus_colour() -> str:
    return contrast.YELLOW if contrast.active() else ACCENT


class CalmStyle(QProxyStyle):
    """Fusion with a quiet grey "×" on document tabs (Qt's own one is a red square offscreen)."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def standardIcon(self, icon: QStyle.StandardPixmap,  # noqa: N802
                     option: QStyleOption | None = None, widget: QWidget | None = None) -> QIcon:
        if icon == QStyle.StandardPixmap.SP_TabCloseButton:
            return close_icon()
        return super().standardIcon(icon, option, widget)


def apply(app: QApplication) -> None:
    app.setStyle(CalmStyle())
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    apply_contrast(app)


def apply_contrast(app: QApplication) -> None:
    """The palette and style sheet of the current contrast (normal or high)."""
    app.setPalette(contrast.palette() if contrast.active() else app.style().standardPalette())
    from fieldkit.gui import zoom

    zoom.apply()


@lru_cache(maxsize=64)
def kind_icon(kind: str) -> QIcon:
    colour, glyph = KIND_MARKS.get(kind, KIND_MARKS["text"])
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(2, 2, 28, 28), 7, 7)
    p.fillPath(path, QColor(colour))
    font = QFont()
    font.setPixelSize(18)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(2, 2, 28, 28), Qt.AlignmentFlag.AlignCenter, glyph)
    p.end()
    return QIcon(pix)


@lru_cache(maxsize=512)
def swatch_icon(colour: str, code_id: int | None = None) -> QIcon:
    """A code's colour; with ``code_id`` also its pattern, as on its stripes (the codebook is
    then the legend of the document's margin, in greyscale too)."""
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if code_id is not None:  # drawn at twice the size: the icon is shown at about 16 pixels
        fill_coded(p, QRectF(5, 5, 22, 22), colour, code_id, 6, pattern_scale=2.0)
        p.setBrush(Qt.BrushStyle.NoBrush)
    else:
        p.setBrush(QColor(colour))
    p.setPen(QColor(colour).darker(130))
    p.drawRoundedRect(QRectF(5, 5, 22, 22), 6, 6)
    p.end()
    return QIcon(pix)


def _close_pixmap(size: int, cross: str, backdrop: str | None) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if backdrop is not None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(backdrop))
        p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    pen = QPen(QColor(cross), size / 10)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    a, b = size * 0.32, size * 0.68
    p.drawLine(QPointF(a, a), QPointF(b, b))
    p.drawLine(QPointF(a, b), QPointF(b, a))
    p.end()
    return pix


@lru_cache(maxsize=1)
def close_icon() -> QIcon:
    """The tab close "×": grey at rest, darker on a soft backdrop under the mouse."""
    icon = QIcon()
    for size in (16, 32):
        icon.addPixmap(_close_pixmap(size, "#6b7780", None), QIcon.Mode.Normal)
        icon.addPixmap(_close_pixmap(size, "#a3adb5", None), QIcon.Mode.Disabled)  # other tabs
        icon.addPixmap(_close_pixmap(size, "#1d2329", "#d9e0e6"), QIcon.Mode.Active)  # hover
        icon.addPixmap(_close_pixmap(size, "#1d2329", "#c4ced6"), QIcon.Mode.Selected)
    return icon


def highlight(colour: str, alpha: int = HIGHLIGHT_ALPHA, *, high: bool | None = None) -> QColor:
    """The background of text coded with ``colour``: a light wash of it; in high contrast a
    dark tint of it that white text stays readable on (7:1 or more). ``high``: whether high
    contrast is on, when the caller already knows (asking reads the settings file)."""
    if contrast.active() if high is None else high:
        return contrast.tint(colour)
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    lum = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#111111") if lum > 150 else QColor("#ffffff")


@lru_cache(maxsize=64)
def pattern_brush(pattern: str, ink: str) -> QBrush | None:
    """A brush painting ``pattern`` (``fieldkit.core.patterns``) in ``ink`` on a transparent
    ground, to lay over a code's colour; None for the solid pattern."""
    inked = patterns.tile(pattern)
    if not inked:
        return None
    image = QImage(patterns.PERIOD, patterns.PERIOD, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    for x, y in inked:
        image.setPixelColor(x, y, QColor(ink))
    return QBrush(image)


def fill_coded(painter: QPainter, rect: QRectF, colour: str, code_id: int,
               radius: float = 0.0, pattern_scale: float = 1.0) -> None:
    """Fill ``rect`` with a code's colour and its pattern, so codes differ without colour;
    ``pattern_scale`` keeps the pattern's pixels screen-sized in a zoomed scene."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(rect, radius, radius)
    brush = pattern_brush(patterns.pattern_of(code_id), patterns.ink_on(QColor(colour).name()))
    if brush is not None:
        if pattern_scale != 1.0:
            brush = QBrush(brush)
            brush.setTransform(QTransform.fromScale(pattern_scale, pattern_scale))
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, radius, radius)
    painter.restore()


def app_icon() -> QIcon:
    return kind_icon("fieldnote")
