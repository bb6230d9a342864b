"""The code tree as a Qt item model: colours, counts, visibility ticks, drag to move."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

from fieldkit.core.errors import FieldkitError
from fieldkit.core.model import Code
from fieldkit.gui import style
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.tree_model import ParentLinkedModel
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
CODE_MIME = "application/x-fieldkit-code"
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # the code id
PATH_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(eq=False)
class CodeItem:
    code: Code | None
    path: str = ""
    count: int = 0
    children: list[CodeItem] = field(default_factory=list)
    parent: CodeItem | None = None

    @property
    def total(self) -> int:
        return self.count + sum(c.total for c in self.children)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class CodebookModel(ParentLinkedModel):
    """Columns: code (swatch, visibility tick), codings (own + sub-codes), shortcut key."""

    visibility_changed = Signal()
    move_failed = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.root = CodeItem(None)
        self.items: dict[int, CodeItem] = {}
        self.hidden: set[int] = set()
        self.keys: dict[int, str] = {}  # code id → shortcut text

    def load(self, project: Project | None) -> None:
        self.beginResetModel()
        self.project = project
        self.root = CodeItem(None)
        self.items = {}
        if project is not None:
            book = project.codebook()
            counts = project.coding_counts()
            for _depth, code in book.walk():
                parent = self.items.get(code.parent_id, self.root) if code.parent_id else self.root
                item = CodeItem(code, book.path(code.id), counts.get(code.id, 0), parent=parent)
                parent.children.append(item)
                self.items[code.id] = item
        self.hidden &= set(self.items)
        self.endResetModel()

    def item(self, index: Index) -> CodeItem:
        found: CodeItem = self.node(index)
        return found

    def index_of(self, code_id: int) -> QModelIndex:
        item = self.items.get(code_id)
        return QModelIndex() if item is None else self.createIndex(item.row(), 0, item)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index)
        code = item.code
        assert code is not None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return code.name
            if col == 1:
                return str(item.total) if item.total else ""
            return self.keys.get(code.id, "")
        if role == Qt.ItemDataRole.AccessibleTextRole and col > 0:  # said with its meaning
            if col == 1:
                return ntr("%Ln coding(s)", item.total) if item.total else ""
            key = self.keys.get(code.id)
            return tr("Shortcut {0}").format(key) if key else ""
        if role == Qt.ItemDataRole.EditRole and col == 0:
            return code.name
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return style.swatch_icon(code.colour, code.id)
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return (Qt.CheckState.Unchecked if code.id in self.hidden
                    else Qt.CheckState.Checked)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"<b>{item.path}</b>"
            if code.definition:
                tip += f"<br>{code.definition}"
            tip += "<br><i>" + ntr("%Ln coding(s)", item.total) + "</i>"
            key = self.keys.get(code.id)
            tip += "<br>" + (tr("Shortcut: {0} (change it in the context menu)").format(key)
                             if key else tr("No shortcut (give it one in the context menu)"))
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return style.paint("dim")
        if role == CODE_ROLE:
            return code.id
        if role == PATH_ROLE:
            return item.path
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if item.code is None:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            ids = [item.code.id, *self._descendants(item)]
            if checked:
                self.hidden -= set(ids)
            else:
                self.hidden |= set(ids)
            self._changed_all()
            self.visibility_changed.emit()
            return True
        if role == Qt.ItemDataRole.EditRole and self.project is not None:
            name = str(value).strip()
            if not name or name == item.code.name:
                return False
            try:
                self.project.update_code(item.code.id, name=name)
            except FieldkitError as exc:
                self.move_failed.emit(str(exc))
                return False
            return True
        return False

    def set_keys(self, keys: dict[int, str]) -> None:
        self.keys = keys
        self._changed_all(2, Qt.ItemDataRole.DisplayRole)

    def _changed_all(self, column: int = 0,
                     role: Qt.ItemDataRole = Qt.ItemDataRole.CheckStateRole) -> None:
        def walk(parent: QModelIndex) -> None:
            n = self.rowCount(parent)
            if n:
                self.dataChanged.emit(self.index(0, column, parent),
                                      self.index(n - 1, column, parent), [role])
                for row in range(n):
                    walk(self.index(row, 0, parent))

        walk(QModelIndex())

    def _descendants(self, item: CodeItem) -> list[int]:
        out: list[int] = []
        for child in item.children:
            assert child.code is not None
            out.append(child.code.id)
            out.extend(self._descendants(child))
        return out

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        f = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        return f

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Code"), tr("Codings"), tr("Key"))[section] if 0 <= section < 3 else None
        return None

    # drag and drop: codes move within the tree and drop onto selected text

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CODE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override] # noqa: N802
        ids = sorted({self.item(i).code.id for i in indexes if i.isValid()})  # type: ignore[union-attr]
        mime = QMimeData()
        mime.setData(CODE_MIME, QByteArray(",".join(map(str, ids)).encode()))
        if ids:
            mime.setText(self.items[ids[0]].path)
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: Index) -> bool:
        return data.hasFormat(CODE_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: Index) -> bool:
        if self.project is None or not data.hasFormat(CODE_MIME):
            return False
        target = self.item(parent).code
        ids = [int(x) for x in bytes(data.data(CODE_MIME).data()).decode().split(",") if x]
        try:
            with self.project.action("Move code"):
                for code_id in ids:
                    position = row if row >= 0 else None
                    self.project.move_code(code_id, target.id if target else None, position)
        except FieldkitError as exc:
            self.move_failed.emit(str(exc))
        # the model reloads from the change set; the view must not remove rows itself
        return False


def code_ids_from_mime(data: QMimeData) -> list[int]:
    if not data.hasFormat(CODE_MIME):
        return []
    return [int(x) for x in bytes(data.data(CODE_MIME).data()).decode().split(",") if x]


def take_codes(event: QDragEnterEvent | QDragMoveEvent) -> None:
    """A text or page view's drag enter and move: take a drag of codes, refuse anything else."""
    if code_ids_from_mime(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()
