"""The classification sheet's table: cases (or documents) × attributes, typed, held in memory.

The values are read once (``project.attributes.values``) when the sheet is filled and again
after a change; ``data()`` answers from that copy, so a sheet of 5,000 cases × 40 attributes
scrolls without a query. Writing goes through the facade (``project.attributes.set``), each
edit, paste or clearing one undo step named in English (translated when shown).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from fieldkit.core.attributes import Condition, Value, display, parse_value
from fieldkit.core.errors import FieldkitError
from fieldkit.gui.i18n import tr
from fieldkit.operations.cases import CaseInfo
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                      Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole})
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TYPE_NAMES = {"text": "Text", "number": "Number", "date": "Date", "boolean": "Yes/no",
              "choice": "List of choices"}


@dataclass(frozen=True, slots=True)
class Column:
    """One attribute as the sheet shows it."""

    name: str
    type: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A case or a document: its id and its name."""

    id: int
    name: str


def shown(value: Value | None) -> str:
    """A value as the sheet shows and copies it: yes/no in the interface language, numbers
    with the language's decimal sign and no thousands separators (so a copy pastes back)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, float):
        return display(value).replace(".", QLocale().decimalPoint())
    return display(value)


def sort_key(value: Value | None) -> tuple[int, Any]:
    """Values of one column in order; a cell without a value after every value."""
    if value is None:
        return (1, 0)
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float)):
        return (0, float(value))
    return (0, str(value).casefold())


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated text from a spreadsheet's clipboard → rows of cells (quoted cells may hold
    tabs and line breaks, as Excel writes them); the last line break ends the block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t")] or [[""]]


def block_text(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells → tab-separated text a spreadsheet pastes (quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


class SheetModel(QAbstractTableModel):
    """Column 0: the case's (document's) name; then one column per attribute."""

    failed = Signal(str)  # an edit the project refused: its message

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.kind = "cases"
        self.rows: list[Row] = []
        self.columns: list[Column] = []
        self.values: dict[int, dict[str, Value]] = {}
        # row id → the texts its cells show, made when the row is first painted
        self._shown: dict[int, list[str]] = {}
        # the sorting, done here on the rows themselves (Qt's own compares pair by pair
        # through Python: seconds on 5,000 rows); an edit leaves its row where it is
        self.sort_column, self.descending = 0, False

    # -- reading ----------------------------------------------------------------------------

    def load(self, project: Project | None, kind: str | None = None, *,
             definitions: bool = True) -> None:
        """Read the rows, the attributes (unless only values changed: ``definitions`` False)
        and every value (once) from ``project``."""
        same = project is self.project and (kind or self.kind) == self.kind
        self.project = project
        self.kind = kind or self.kind
        rows, columns, values = self._read(definitions or not same)
        if {(r.id, r.name) for r in rows} == {(r.id, r.name) for r in self.rows} \
                and columns == self.columns:
            # the same cells: keep the rows' order, the view's place and selection, and tell
            # the view only of the rows whose values changed
            old, self.values = self.values, values
            for row, found in enumerate(self.rows):
                if old.get(found.id, {}) != values.get(found.id, {}):
                    self._shown.pop(found.id, None)
                    self.dataChanged.emit(self.index(row, 1), self.index(row, len(columns)))
            return
        self.beginResetModel()
        self.rows, self.columns, self.values = rows, columns, values
        self._shown = {}
        if self.sort_column >= self.columnCount():
            self.sort_column = 0
        self.rows = self._ordered(self.sort_column, self.descending)
        self.endResetModel()

    def _ordered(self, column: int, descending: bool) -> list[Row]:
        """The rows sorted by ``column``: typed values in order, rows without a value last
        whichever way the sort goes, ties by name."""
        by_name = sorted(self.rows, key=lambda r: r.name.casefold())
        if column == 0:
            return by_name[::-1] if descending else by_name
        name = self.columns[column - 1].name
        keyed = [(sort_key(self.values.get(r.id, {}).get(name)), r) for r in by_name]
        present = [(k, r) for k, r in keyed if k[0] == 0]
        try:
            present.sort(key=lambda kr: kr[0], reverse=descending)
        except TypeError:  # a value stored before its attribute had a type: as text
            present.sort(key=lambda kr: str(kr[0][1]), reverse=descending)
        return [r for _k, r in present] + [r for k, r in keyed if k[0]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows (a header click), keeping selections on their cells."""
        if not 0 <= column < self.columnCount():
            return
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        where = [(self.rows[i.row()].id, i.column()) for i in kept]
        self.rows = self._ordered(column, self.descending)
        position = {r.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(kept, [self.index(position[key], c) for key, c in where])
        self.layoutChanged.emit()

    def _read(self, definitions: bool = True) -> tuple[list[Row], list[Column],
                                                      dict[int, dict[str, Value]]]:
        project = self.project
        if project is None:
            return [], [], {}
        # the definitions list counts every value's use: read it only when it may have changed
        columns = [Column(a.name, a.type, tuple(a.choices)) for a in project.attributes.all()] \
            if definitions else list(self.columns)
        if self.kind == "cases":  # the light list: a case's members are not needed here
            rows = [Row(c.id, c.name) for c in project.cases()]
        else:
            rows = [Row(d.id, d.title) for d in project.documents()]
        rows.sort(key=lambda r: r.name.casefold())
        return rows, columns, project.attributes.values(self.kind)

    def value(self, row: int, column: int) -> Value | None:
        if column < 1:
            return None
        return self.values.get(self.rows[row].id, {}).get(self.columns[column - 1].name)

    def column_of(self, name: str) -> int | None:
        found = [i for i, c in enumerate(self.columns) if c.name.casefold() == name.casefold()]
        return found[0] + 1 if found else None

    # -- Qt's table -------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED or not index.isValid():
            return None  # the many roles a view asks for and the sheet leaves to the style
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.texts(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self.texts(row)[column]
            return text if column == 0 or len(text) > 16 else None  # cut short in its column
        if column and self.columns[column - 1].type == "number":  # TextAlignmentRole
            return RIGHT
        return None

    def texts(self, row: int) -> list[str]:
        """What the cells of ``row`` show, made once and kept until its values change."""
        found = self.rows[row]
        texts = self._shown.get(found.id)
        if texts is None:
            values = self.values.get(found.id, {})
            texts = [found.name, *(shown(values.get(c.name)) for c in self.columns)]
            self._shown[found.id] = texts
        return texts

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return tr("Case") if self.kind == "cases" else tr("Document")
            return None
        column = self.columns[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.name
        if role == Qt.ItemDataRole.ToolTipRole:  # the type in words: no meaning in colour only
            kind = tr(TYPE_NAMES.get(column.type, column.type))
            if column.choices:
                return f"{column.name} — {kind}: {', '.join(column.choices)}"
            return f"{column.name} — {kind}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() < 1:
            return False
        try:
            self.write([(index.row(), index.column(), value)])
        except FieldkitError as exc:
            self.failed.emit(str(exc))
            return False
        return True

    # -- writing (each call one undo step) --------------------------------------------------

    def check(self, row: int, column: int, raw: object) -> Value | None:
        """``raw`` as the typed value the attribute of ``column`` stores (BadInput if not)."""
        col = self.columns[column - 1]
        return parse_value(col.name, col.type, raw, col.choices)

    def write(self, cells: Iterable[tuple[int, int, object]], label: str | None = None) -> int:
        """Store raw values in (row, column) cells as one undo step; all or nothing. The
        values are checked against their types first, the project changed only then."""
        project = self.project
        planned = [(r, c, raw, self.check(r, c, raw)) for r, c, raw in cells]
        if project is None or not planned:
            return 0
        if label is None:
            r, c, _raw, _v = planned[0]
            label = (f"Set {self.columns[c - 1].name} of {self.rows[r].name}"
                     if len(planned) == 1 else f"Set {len(planned)} values")
        with project.action(label):
            for r, c, _raw, typed in planned:
                project.attributes.set(self.target(r), self.columns[c - 1].name,
                                       "" if typed is None else _canonical(typed))
        for r, c, _raw, typed in planned:  # shown at once; the change set re-reads them too
            kept = self.values.setdefault(self.rows[r].id, {})
            if typed is None:
                kept.pop(self.columns[c - 1].name, None)
            else:
                kept[self.columns[c - 1].name] = typed
            self._shown.pop(self.rows[r].id, None)
        for r, c, _raw, _typed in planned:
            self.dataChanged.emit(self.index(r, c), self.index(r, c))
        return len(planned)


    def target(self, row: int) -> CaseInfo | int:
        """What ``attributes.set`` takes for ``row``: the case (by id and name) or the
        document's id."""
        found = self.rows[row]
        return CaseInfo(found.id, "", found.name) if self.kind == "cases" else found.id


def _canonical(value: Value) -> str:
    """A typed value written back as text every parser reads the same way."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return display(value) if isinstance(value, float) else str(value)


class SheetProxy(QSortFilterProxyModel):
    """Sorting by typed value, and a filter: words in any cell, or an attribute condition."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.words = ""
        self.condition: Condition | None = None
        self.types: dict[str, str] = {}

    def sheet(self) -> SheetModel:
        model = self.sourceModel()
        assert isinstance(model, SheetModel)
        return model

    def set_filter(self, words: str = "", condition: Condition | None = None) -> None:
        if not words.strip() and condition is None and not self.words and self.condition is None:
            return  # no filter before or now: nothing to filter again
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 on
            self.beginFilterChange()
        self.words = words.casefold().strip()
        self.condition = condition
        self.types = {c.name: c.type for c in self.sheet().columns}
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        sheet = self.sheet()
        if self.condition is not None:
            values = sheet.values.get(sheet.rows[source_row].id, {})
            if not self.condition.matches(values, self.types):
                return False
        if self.words:
            return any(self.words in t.casefold() for t in sheet.texts(source_row))
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The sheet sorts its own rows; the filter keeps their order."""
        self.sheet().sort(column, order)
