"""Ctrl+Tab / Ctrl+Page Down and Ctrl+Shift+Tab / Ctrl+Page Up through the tabs of a window
with tabs (the Analysis window, the classification sheet), as in a browser.

A tab bar's own keys reach it only from inside the tab widget; from a filter field beside or
above the tabs no key changed the tab. These work from anywhere in the window, and go round
from the last tab to the first. (The main window's Ctrl+Tab goes to the next document.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from fieldkit.gui.i18n import tr

KEYS = (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1))


def install(window: QWidget, tabs: QTabWidget | QTabBar) -> None:
    """The keys, in ``window``, going through ``tabs``."""
    for keys, by in KEYS:
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda by=by: step(tabs, by))


def step(tabs: QTabWidget | QTabBar, by: int) -> None:
    """The tab ``by`` places on (1 the next, -1 the one before), round from the last to the
    first."""
    if tabs.count():
        tabs.setCurrentIndex((tabs.currentIndex() + by) % tabs.count())


def shortcut_rows() -> list[tuple[str, str]]:
    """The keys for the Keyboard shortcuts dialog: (what, keys)."""
    return [(tr("Analysis, classification sheet: the next tab"), "Ctrl+Tab, Ctrl+Page Down"),
            (tr("Analysis, classification sheet: the tab before"),
             "Ctrl+Shift+Tab, Ctrl+Page Up")]
