"""Typed editors for the classification sheet's cells: a number field that takes only a
number, a date field with a calendar, yes/no and closed lists as choices, text as text.

An editor hands the model raw text; the model checks it against the attribute's type (the same
``parse_value`` the command line uses) before anything is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.i18n import tr
from fieldkit.gui.sheet_model import Column, SheetModel, SheetProxy

Index = QModelIndex | QPersistentModelIndex
NUMBER = r"^\s*-?\d*([.,]\d*)?\s*$"


def column_at(model: QAbstractItemModel, index: Index) -> Column | None:
    """The attribute of ``index``'s column (through the sorting proxy), None for the names."""
    sheet = model.sourceModel() if isinstance(model, SheetProxy) else model
    if not isinstance(sheet, SheetModel) or index.column() < 1:
        return None
    return sheet.columns[index.column() - 1]


class TypedDelegate(QStyledItemDelegate):
    """Makes the editor that fits the attribute's type."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        column = column_at(index.model(), index)
        if column is None:
            return super().createEditor(parent, option, index)
        if column.type in ("boolean", "choice"):
            combo = QComboBox(parent)
            combo.setAccessibleName(column.name)
            combo.addItem(tr("(no value)"), "")
            if column.type == "boolean":
                combo.addItem(tr("yes"), "true")
                combo.addItem(tr("no"), "false")
            else:
                for choice in column.choices:
                    combo.addItem(choice, choice)
            return combo
        if column.type == "date":
            edit = QDateEdit(parent)
            edit.setAccessibleName(column.name)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            return edit
        line = QLineEdit(parent)
        line.setAccessibleName(column.name)
        if column.type == "number":
            line.setValidator(QRegularExpressionValidator(NUMBER, line))
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            column = column_at(index.model(), index)
            if column is not None and column.type == "boolean":
                found = {tr("yes"): 1, tr("no"): 2}.get(text, 0)
            else:
                found = max(0, editor.findData(text))
            editor.setCurrentIndex(found)
        elif isinstance(editor, QDateEdit):
            date = QDate.fromString(text, "yyyy-MM-dd")
            editor.setDate(date if date.isValid() else QDate.currentDate())
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        raw: Any
        if isinstance(editor, QComboBox):
            raw = editor.currentData()
        elif isinstance(editor, QDateEdit):
            raw = editor.date().toString("yyyy-MM-dd")
        elif isinstance(editor, QLineEdit):
            raw = editor.text()
        else:
            super().setModelData(editor, model, index)
            return
        if unchanged(model, index, raw):
            return  # no undo step that changes nothing
        model.setData(index, raw, Qt.ItemDataRole.EditRole)


def unchanged(model: QAbstractItemModel, index: Index, raw: object) -> bool:
    """Whether ``raw`` is the value the cell holds already (a wrong value is a change: the
    model refuses it and says why)."""
    sheet, source = model, index
    if isinstance(model, SheetProxy):
        sheet, source = model.sourceModel(), model.mapToSource(index)
    if not isinstance(sheet, SheetModel):
        return False
    try:
        return sheet.check(source.row(), source.column(), raw) == \
            sheet.value(source.row(), source.column())
    except FieldkitError:
        return False
