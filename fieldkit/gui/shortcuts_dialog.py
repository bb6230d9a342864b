"""Help → Shortcuts: every action with a key, read from the window's own actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.i18n import tr


def shortcut_rows(actions: list[tuple[str, QAction]]) -> list[tuple[str, str]]:
    """(what it does, keys) for every labelled action that has a key."""
    rows = []
    seen = set()
    for label, action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        text = label.replace("&", "").rstrip("…").strip()
        if keys and text and text not in seen:
            seen.add(text)
            rows.append((text, ", ".join(keys)))
    return rows


def one_per_line(keys: str) -> str:
    """A long list of keys with each on its own line: the keys column is as wide as its
    widest line, so one long list ("Shift+arrow keys, Shift+Page Down, Shift+Page Up") left the
    descriptions beside it a few letters wide."""
    return keys.replace(", ", ",\n") if len(keys) > LONG_KEYS else keys


LONG_KEYS = 24  # characters


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.resize(640, 600)
        table = QTableWidget(len(rows), 2)
        speak_as(table, "Keyboard shortcuts")
        table.setHorizontalHeaderLabels([tr("Action"), tr("Keys")])
        table.verticalHeader().hide()
        # long descriptions wrap, and each row is as high as its lines
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for i, (action, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(action))
            table.setItem(i, 1, QTableWidgetItem(one_per_line(keys)))
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(dialog_buttons(self, close=True))

    def rows(self) -> dict[str, str]:
        """What the list shows: what each key does → its keys (as shown, one per line)."""
        cells = [[self.table.item(r, c) for c in (0, 1)] for r in range(self.table.rowCount())]
        return {what.text(): keys.text() for what, keys in cells
                if what is not None and keys is not None}
