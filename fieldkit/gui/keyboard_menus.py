"""Context menus from the keyboard: Shift+F10 and the Menu key, everywhere in the app.

Qt opens a context menu only for a right click (and, on X11, for the Menu key at the *mouse*
position, where a keyboard user's item is not). This filter turns both keys into a context-menu
event at the keyboard's place: the current row of a list, tree or table, the text cursor of a
text field, or the middle of any other widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from fieldkit.gui import accessibility, focus_order, zoom


def is_menu_key(event: QKeyEvent) -> bool:
    """Shift+F10 or the Menu key (with no other modifier)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Menu and mods == Qt.KeyboardModifier.NoModifier:
        return True
    return event.key() == Qt.Key.Key_F10 and mods == Qt.KeyboardModifier.ShiftModifier


def menu_place(widget: QWidget) -> tuple[QWidget, QPoint]:
    """Where a keyboard context menu for ``widget`` belongs: (receiver, position in it)."""
    if isinstance(widget, QAbstractItemView):
        rect = widget.visualRect(widget.currentIndex())
        point = rect.center() if rect.isValid() else QPoint(8, 8)
        return widget.viewport(), point
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.viewport(), widget.cursorRect().center()
    return widget, widget.rect().center()


_from_keys: list[bool] = []  # a keyboard context menu is being opened


def open_menu_for(widget: QWidget) -> bool:
    """Send ``widget`` the context-menu event a right click at its keyboard place would."""
    receiver, point = menu_place(widget)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point,
                              receiver.mapToGlobal(point), Qt.KeyboardModifier.NoModifier)
    _from_keys.append(True)
    try:
        return QCoreApplication.sendEvent(receiver, event)
    finally:
        _from_keys.clear()


def first_item_active(menu: QMenu) -> None:
    """A menu opened from the keyboard starts on its first item, as on Windows: a screen
    reader says it at once (with none active, Orca said nothing until an arrow was pressed)."""
    for action in menu.actions():
        if action.isVisible() and action.isEnabled() and not action.isSeparator():
            menu.setActiveAction(action)
            return


class KeyboardMenus(QObject):
    """The app's one event filter (every event passes it, so it is kept cheap): keyboard
    context menus, and each control named for screen readers (and given its Tab behaviour)
    as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Show:
            if isinstance(watched, QWidget):
                accessibility.name_widget(watched)
                focus_order.tidy(watched)
            if _from_keys and isinstance(watched, QMenu):
                _from_keys.clear()  # its submenus open on their first item by themselves
                first_item_active(watched)
            return False
        if kind == QEvent.Type.ApplicationFontChange and watched is QCoreApplication.instance():
            zoom.follow_app_font()  # the system's font size changed: every size follows
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and is_menu_key(event):
            focus = QApplication.focusWidget()
            if focus is not None and watched is focus and not QApplication.activePopupWidget():
                open_menu_for(focus)
                return True
        # X11's own Menu-key event sits at the mouse: ours above replaces it
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent) \
                and event.spontaneous() \
                and event.reason() == QContextMenuEvent.Reason.Keyboard:
            return True
        return False


_installed: list[KeyboardMenus] = []


def install() -> None:
    """Install the filter on the application once."""
    app = QCoreApplication.instance()
    if app is None or _installed:
        return
    keeper = KeyboardMenus(app)
    app.installEventFilter(keeper)
    _installed.append(keeper)
