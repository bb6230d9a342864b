"""High contrast for low-vision researchers: white and yellow on black, a thick yellow focus
frame, and codings in the document that never make their text hard to read.

View → High contrast (Ctrl+Shift+H) switches it and is remembered; until the researcher
chooses, the app follows the system's own contrast setting where Qt can tell
(``QStyleHints.accessibility().contrastPreference()``, Qt 6.10 and later).
Every text colour here has a contrast ratio of at least 7:1 with its background
(WCAG 2 level AAA), computed with WCAG's formula (``ratio``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from fieldkit.gui import settings

KEY = "view/high_contrast"  # "true" or "false"; absent: follow the system
AAA = 7.0

BACK = "#000000"
TEXT = "#ffffff"
YELLOW = "#ffff00"  # focus, selection, links: the colour high-contrast themes mark with
DIM = "#c8c8c8"  # placeholder and secondary text, still 12:1 on black
DISABLED = "#a6a6a6"  # 8.5:1 on black
PANEL = "#121212"  # alternate rows, headers, title bars: still black enough for 7:1
LINE = "#ffffff"
CODING_TEXT = QColor(TEXT)
DARKEST = 0.09  # the luminance a coding's tint stays under: white text on it keeps 8:1


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of ``colour`` (alpha ignored)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def system_wants_it() -> bool:
    """Whether the system asks for high contrast (False where Qt cannot tell)."""
    app = QGuiApplication.instance()
    hints = QGuiApplication.styleHints() if app is not None else None
    access = getattr(hints, "accessibility", None)
    if access is None:
        return False
    preference = getattr(Qt, "ContrastPreference", None)
    return preference is not None and \
        access().contrastPreference() == preference.HighContrast


def chosen() -> bool | None:
    """The researcher's own choice, or None when they left it to the system."""
    value = str(settings.get(KEY) or "")
    return {"true": True, "false": False}.get(value)


def choose(on: bool | None) -> None:
    """Remember the choice (None: follow the system again)."""
    if on is None:
        settings.settings().remove(KEY)
    else:
        settings.put(KEY, "true" if on else "false")


def active() -> bool:
    """Whether the app is in high contrast now."""
    mine = chosen()
    return system_wants_it() if mine is None else mine


def palette() -> QPalette:
    """The high-contrast palette: white on black, black on yellow for what is selected."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: BACK, QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BACK, QPalette.ColorRole.AlternateBase: PANEL,
        QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.Button: BACK,
        QPalette.ColorRole.ButtonText: TEXT, QPalette.ColorRole.BrightText: YELLOW,
        QPalette.ColorRole.Highlight: YELLOW, QPalette.ColorRole.HighlightedText: BACK,
        QPalette.ColorRole.ToolTipBase: BACK, QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: DIM, QPalette.ColorRole.Link: YELLOW,
        QPalette.ColorRole.LinkVisited: "#ffb0ff", QPalette.ColorRole.Light: TEXT,
        QPalette.ColorRole.Midlight: DIM, QPalette.ColorRole.Mid: DISABLED,
        QPalette.ColorRole.Dark: DIM, QPalette.ColorRole.Shadow: TEXT,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(DISABLED))
    return p


def tint(colour: str) -> QColor:
    """A code's colour as a background white text stays readable on (at least 7:1): the
    same hue, darkened until its luminance is at most ``DARKEST``."""
    c = QColor(colour)
    hue, saturation, value = max(c.hsvHueF(), 0.0), c.hsvSaturationF(), c.valueF()
    dark = QColor.fromHsvF(hue, saturation, value)
    while luminance(dark) > DARKEST and value > 0:
        value = max(0.0, value - 0.02)
        dark = QColor.fromHsvF(hue, saturation, value)
    return dark


SHEET = f"""
QMainWindow, QDialog, QWidget {{ background: {BACK}; color: {TEXT}; }}
QDockWidget {{ font-weight: 600; color: {TEXT}; }}
QDockWidget::title {{ background: {PANEL}; padding: 5px 8px; border-bottom: 2px solid {LINE}; }}
QTreeView, QTableView, QListView {{ background: {BACK}; color: {TEXT};
    border: 1px solid {LINE}; selection-background-color: {YELLOW}; selection-color: {BACK};
    alternate-background-color: {PANEL}; }}
QTreeView::item, QListView::item {{ padding: 2px 0; }}
QHeaderView::section {{ background: {PANEL}; color: {TEXT}; border: none;
    border-bottom: 1px solid {LINE}; padding: 3px 6px; font-weight: 600; }}
QLineEdit, QComboBox, QAbstractSpinBox, QDateEdit {{ padding: 4px 6px; background: {BACK};
    color: {TEXT}; border: 1px solid {LINE}; border-radius: 4px; }}
QComboBox QAbstractItemView {{ background: {BACK}; color: {TEXT};
    selection-background-color: {YELLOW}; selection-color: {BACK}; }}
QTabWidget::pane {{ border: 1px solid {LINE}; background: {BACK}; }}
QTabBar::tab {{ background: {BACK}; color: {TEXT}; padding: 5px 12px;
    border: 1px solid {LINE}; border-bottom: none; margin-right: 2px; }}
QTabBar::tab:selected {{ background: {YELLOW}; color: {BACK}; }}
QPlainTextEdit, QTextEdit, QTextBrowser {{ background: {BACK}; color: {TEXT};
    selection-background-color: {YELLOW}; selection-color: {BACK}; }}
QPlainTextEdit, QTextEdit, QTextBrowser {{ border: 1px solid {LINE}; }}
QPlainTextEdit#documentText {{ border: none; }}
QLabel {{ color: {TEXT}; background: transparent; }}
QLabel#docTitle {{ font-weight: 600; }}
QLabel#docMeta, QLabel#hint {{ color: {DIM}; }}
QPushButton, QToolButton {{ padding: 4px 10px; background: {BACK}; color: {TEXT};
    border: 2px solid {LINE}; border-radius: 4px; }}
QPushButton:hover, QToolButton:hover {{ background: {PANEL}; }}
QPushButton:checked {{ background: {YELLOW}; color: {BACK}; }}
QPushButton:disabled, QToolButton:disabled, QLabel:disabled {{ color: {DISABLED};
    border-color: {DISABLED}; }}
QCheckBox, QRadioButton, QGroupBox {{ color: {TEXT}; }}
QMenuBar, QMenu {{ background: {BACK}; color: {TEXT}; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: {YELLOW}; color: {BACK}; }}
QToolTip {{ background: {BACK}; color: {TEXT}; border: 1px solid {LINE}; }}
QStatusBar {{ background: {PANEL}; color: {TEXT}; border-top: 1px solid {LINE}; }}
QTreeView:focus, QTableView:focus, QListView:focus, QPlainTextEdit:focus, QTextEdit:focus,
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QPlainTextEdit#documentText:focus,
QPushButton:focus, QToolButton:focus, QTabBar:focus, QCheckBox:focus, QRadioButton:focus {{
    border: 3px solid {YELLOW}; }}
"""
# the focus frame above: 3 pixels of yellow, seen from across the room
