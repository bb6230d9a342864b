"""The quick-code box: type part of a code's name, Enter applies it (or makes a new code)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui import style
from fieldkit.gui.accessibility import speak_as, tell
from fieldkit.gui.i18n import tr

NEW = "\x00new"
MAX_SHOWN = 40


class QuickCodeBox(QDialog):
    """Emits ``chosen(path, is_new)``; ``codes`` are (path, colour) in codebook order."""

    chosen = Signal(str, bool)

    def __init__(self, codes: list[tuple[str, str]], title: str,
                 parent: QWidget | None = None, recent: list[str] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("quickCode")
        self.setStyleSheet("#quickCode { background: #ffffff; border: 1px solid #9aa8b3; "
                           "border-radius: 6px; }")
        self.codes = codes
        self.recent = [p for p in (recent or []) if any(p == c for c, _ in codes)]
        self.label = QLabel(title)
        self.label.setObjectName("hint")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("Type to find a code; Enter applies it"))
        self.list = QListWidget()
        speak_as(self.list, "Matching codes")
        self.list.setMinimumHeight(260)
        self.list.itemActivated.connect(self._take)
        self.list.itemClicked.connect(self._take)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.resize(440, 340)
        self.edit.textChanged.connect(self._fill)
        self.edit.installEventFilter(self)
        self._fill("")

    def _fill(self, text: str) -> None:
        self.list.clear()
        needle = text.strip().casefold()
        colours = dict(self.codes)
        if needle:
            words = needle.split()
            found = [p for p, _ in self.codes if all(w in p.casefold() for w in words)]
            # names starting with the typed text first, then the rest in codebook order
            found.sort(key=lambda p: (not p.rsplit("/", 1)[-1].casefold().startswith(needle)))
        else:
            found = self.recent + [p for p, _ in self.codes if p not in self.recent]
        for path in found[:MAX_SHOWN]:
            item = QListWidgetItem(style.swatch_icon(colours[path]), path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.list.addItem(item)
        exact = any(p.casefold() == needle or p.rsplit("/", 1)[-1].casefold() == needle
                    for p, _ in self.codes)
        if needle and not exact:
            item = QListWidgetItem("+ " + tr("New code “{0}”").format(text.strip()))
            item.setData(Qt.ItemDataRole.UserRole, NEW)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._say_choice()

    def _say_choice(self) -> None:
        """The field's description names what Enter will do, so a screen reader user hears
        the code before applying it (the list itself never has the focus)."""
        item = self.list.currentItem()
        if item is None:
            said = tr("No code matches.")
        elif item.data(Qt.ItemDataRole.UserRole) == NEW:
            said = tr("Enter makes the new code “{0}”.").format(self.edit.text().strip())
        else:
            said = tr("Enter codes with {0}.").format(item.text())
        tell(self.edit, said)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)  # type: ignore[attr-defined]
                self._say_choice()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._take(item)
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(obj, event)

    def _take(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        self.close()
        if value == NEW:
            self.chosen.emit(self.edit.text().strip(), True)
        else:
            self.chosen.emit(str(value), False)

    def popup(self, near: QWidget) -> None:
        centre = near.mapToGlobal(near.rect().center())
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
