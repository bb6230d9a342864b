"""A read-only tree of labelled nodes on ``QAbstractItemModel`` (navigator, attributes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from fieldkit.gui.i18n import ntr

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
REF_ROLE = Qt.ItemDataRole.UserRole + 1  # ("document", id) / ("site", id) / ...


@dataclass(eq=False)
class Node:
    label: str
    ref: tuple[str, int] | None = None
    icon: QIcon | None = None
    count: int | None = None
    tooltip: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    # children made only when first asked for: a big study's thousands of documents are not
    # built (nor their tooltips written) until their site or visit is opened
    later: Callable[[], list[Node]] | None = None
    rows: int | None = None  # how many children ``later`` makes, when known beforehand

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def kids(self) -> list[Node]:
        """The children, made now if they were left for later."""
        if self.later is not None:
            make, self.later = self.later, None
            for child in make():
                self.add(child)
        return self.children

    def has_kids(self) -> bool:
        return bool(self.children) or self.later is not None

    def row_count(self) -> int | None:
        """How many children it has, without making them (None: not known until made)."""
        if self.later is None:
            return len(self.children)
        return self.rows

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class ParentLinkedModel(QAbstractItemModel):
    """Index, parent and row count over items that know their ``children`` and ``parent``.

    Subclasses set ``self.root`` and answer ``columnCount`` and ``data``.
    """

    root: Any

    def node(self, index: Index) -> Any:
        return index.internalPointer() if index.isValid() else self.root

    def kids(self, item: Any) -> list[Any]:
        """``item``'s children (a subclass may make them on demand)."""
        return item.children  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.kids(self.node(parent))[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.kids(self.node(parent)))


class TreeModel(ParentLinkedModel):
    """Two columns: the label and a count (of codings)."""

    def __init__(self, headers: tuple[str, str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.root = Node("")

    def set_root(self, root: Node) -> None:
        self.beginResetModel()
        self.root = root
        self.endResetModel()

    def node(self, index: Index) -> Node:
        found: Node = super().node(index)
        return found

    def kids(self, item: Any) -> list[Any]:
        return item.kids()  # type: ignore[no-any-return]

    def hasChildren(self, parent: Index = ROOT) -> bool:  # noqa: N802
        """Whether a node can be opened, answered without making its children."""
        if parent.isValid() and parent.column() != 0:
            return False
        return self.node(parent).has_kids()

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return node.label
            return "" if not node.count else str(node.count)
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 1 and node.count:
            return ntr("%Ln coding(s)", node.count)  # a screen reader says what it counts
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return node.icon
        if role == Qt.ItemDataRole.ToolTipRole and node.tooltip:
            return node.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == REF_ROLE:
            return node.ref
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < 2 else None
        return None
