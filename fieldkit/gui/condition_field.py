"""The "Only where" field: an attribute condition ("afdeling = Lasserij en jaren < 5") that narrows
what a window shows to the codings of matching cases and documents.

The condition is checked when it is finished (Enter, or leaving the field) through the
engine's own scope (``project.analysis.scope(where=...)``): one it cannot read, or one naming an
attribute the project does not have, shows its message under the field and is not applied, so
the window keeps the result of the last good condition until it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.attributes import ConditionError
from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import tr
from fieldkit.project import Project


class WordCompleter(QCompleter):
    """Completes the word being typed (an attribute name), keeping what comes before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [_last_word(path)[1]]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        before, _word = _last_word(typed)
        return before + str(index.data())


def condition_message(error: FieldkitError) -> str:
    """What is wrong with a condition, in the interface's language (the engine's message,
    English, only for what it does not name)."""
    from fieldkit.gui.sheet_model import TYPE_NAMES

    if not isinstance(error, ConditionError):
        return tr("Cannot use this condition: %1").replace("%1", str(error))
    facts = error.facts
    if error.kind == "unknown":
        return tr("There is no attribute '%1'.").replace("%1", facts["name"])
    if error.kind == "value":
        kind = tr(TYPE_NAMES.get(facts["type"], facts["type"]))
        return (tr("'%1' does not fit attribute %2 (%3).").replace("%1", facts["value"])
                .replace("%2", facts["name"]).replace("%3", kind))
    if error.kind == "operator":
        return tr("A yes/no attribute (%1) takes = or !=.").replace("%1", facts["name"])
    return tr("This condition cannot be read; write e.g. afdeling = Lasserij and jaren < 5.")


def _last_word(text: str) -> tuple[str, str]:
    """``text`` split before its last word (a name can follow a space, bracket or operator)."""
    at = len(text)
    while at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-."):
        at -= 1
    return text[:at], text[at:]


class ConditionField(QWidget):
    """A line for the condition with its message under it; ``applied`` is the condition in use
    (``None`` for none), and ``changed`` is called when it changes."""

    def __init__(self, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changed = changed
        self.project: Project | None = None
        self.applied: str | None = None
        self.edit = QLineEdit()
        speak_as(self.edit, "Attribute condition")
        self.edit.setClearButtonEnabled(True)
        self.names = QStringListModel(self)
        self.completer = WordCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.edit.setCompleter(self.completer)
        self.message = QLabel()
        self.message.setWordWrap(True)  # a long message wraps under the field, never widens it
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.apply)
        self.edit.textChanged.connect(self._cleared)

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(tr("e.g. afdeling = Lasserij and jaren < 5"))
        self.edit.setToolTip(tr("Only codings of cases and documents whose attributes satisfy "
                                "this condition (and, or, not, =, <, >)"))

    def set_project(self, project: Project | None) -> None:
        """Offer this project's attribute names; a condition in use stays if it still reads."""
        self.project = project
        self.names.setStringList(project.analysis.attribute_names() if project else [])

    def reset(self) -> None:
        """No condition (another project is open: its attributes are not this one's)."""
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.applied = None
        self.message.clear()
        self.message.hide()

    def apply(self) -> bool:
        """Check the typed condition and use it; False (message shown, nothing changed) when
        it cannot be used."""
        text = self.edit.text().strip() or None
        if text is not None and self.project is not None:
            try:
                self.project.analysis.scope(where=text)
            except FieldkitError as exc:
                self.message.setText(condition_message(exc))
                self.message.show()
                return False
        self.message.clear()
        self.message.hide()
        if text != self.applied:
            self.applied = text
            self.changed()
        return True

    def _cleared(self, text: str) -> None:
        # an emptied field (its clear button) means every case again, without waiting for Enter
        if not text.strip() and self.applied is not None:
            self.apply()
