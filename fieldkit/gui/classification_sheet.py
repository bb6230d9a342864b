"""The classification sheet: cases (or documents) × attributes, edited like a spreadsheet.

Typed editors per attribute, sort by a header click, a filter of words or of a condition
("afdeling = Lasserij and jaren_in_dienst < 5"), paste a block from Excel (checked cell by cell
against the types first: one wrong value and nothing is pasted), copy, clear, and the project's
undo and redo (a paste is one step). Attributes are added, changed and deleted here too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.attributes import parse_condition
from fieldkit.core.errors import FieldkitError
from fieldkit.gui import tab_keys
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.attribute_dialog import AttributeDialog
from fieldkit.gui.condition_field import condition_message
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.sheet_editors import TypedDelegate
from fieldkit.gui.sheet_model import SheetModel, SheetProxy, block_text, parse_block
from fieldkit.project import Project

KINDS = ("cases", "documents")
OPERATORS = "=<>~"


class ClassificationSheet(QWidget):
    """A window of its own beside the main window (View → Classification sheet…)."""

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 undo: Callable[[], object] | None = None,
                 redo: Callable[[], object] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.project = project
        self._undo = undo or project.undo
        self._redo = redo or project.redo
        self.model = SheetModel(self)
        self.model.failed.connect(self._refused)
        self.proxy = SheetProxy(self)
        self.proxy.setSourceModel(self.model)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(80)
        self._reload_timer.timeout.connect(self._reload_if_seen)
        self._definitions_stale = True
        self._build()
        self._build_actions()
        self.retranslate()
        self.resize(980, 560)
        self.reload()

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.kinds = QTabBar()
        for _kind in KINDS:
            self.kinds.addTab("")
        self.kinds.currentChanged.connect(lambda _i: self.reload())
        tab_keys.install(self, self.kinds)  # Ctrl+Tab, Ctrl+Page Down, … from anywhere here
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.apply_filter())
        self.said = QLabel()  # the filter's problem, or how many rows show
        self.said.setObjectName("hint")
        self.table = QTableView()
        speak_as(self.table, "Classification sheet")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(TypedDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultSectionSize(130)
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (("new", lambda: self.new_attribute()),
                           ("change", lambda: self.change_attribute()),
                           ("delete", lambda: self.delete_attribute())):
            button = QPushButton()
            button.clicked.connect(slot)
            self.buttons[name] = button
        top = QHBoxLayout()
        top.addWidget(self.kinds)
        top.addWidget(self.filter, 1)
        foot = QHBoxLayout()
        for button in self.buttons.values():
            foot.addWidget(button)
        foot.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.said)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable())

    def _build_actions(self) -> None:
        """Copy, paste, clear, undo and redo: keys of this window (the main window's do not
        reach it)."""
        self.actions_: dict[str, QAction] = {}
        std = QKeySequence.StandardKey
        for name, keys, slot in (
                ("copy", [QKeySequence(std.Copy)], self.copy),
                ("paste", [QKeySequence(std.Paste)], lambda: self.paste()),
                ("clear", [QKeySequence(std.Delete), QKeySequence(Qt.Key.Key_Backspace)],
                 self.clear_selected),
                ("undo", [QKeySequence("Ctrl+Z")], self._undo),
                ("redo", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self._redo)):
            action = QAction(self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.table.addAction(action)
            self.actions_[name] = action
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        find = QAction(self)  # Ctrl+F: to the filter, as in the main window's search
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.focus_filter)
        self.addAction(find)

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Classification sheet"))
        for i, label in enumerate((tr("Cases"), tr("Documents"))):
            self.kinds.setTabText(i, label)
        self.filter.setPlaceholderText(tr("Filter: words, or a condition such as "
                                          "afdeling = Lasserij and jaren < 5"))
        for name, label in (("new", tr("&New attribute…")),
                            ("change", tr("&Change attribute…")),
                            ("delete", tr("&Delete attribute"))):
            self.buttons[name].setText(label)
        for name, label in (("copy", tr("Copy")), ("paste", tr("Paste")),
                            ("clear", tr("Delete values")), ("undo", tr("Undo")),
                            ("redo", tr("Redo"))):
            self.actions_[name].setText(label)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          max(0, self.model.columnCount() - 1))
        self.apply_filter()

    # -- reading ----------------------------------------------------------------------------

    def kind(self) -> str:
        return KINDS[max(0, self.kinds.currentIndex())]

    def reload(self, definitions: bool = True) -> None:
        """Read rows, attributes (unless ``definitions`` is False) and values again (once:
        the view answers from memory)."""
        self._reload_timer.stop()
        before = (self.model.kind, list(self.model.columns))
        self.model.load(self.project, self.kind(), definitions=definitions)
        self._definitions_stale = False
        if before[0] != self.model.kind or len(before[1]) != len(self.model.columns):
            self.fit_columns()
        if before[1] != self.model.columns or not self.filter.text().strip():
            self.apply_filter()  # a condition is read against the attributes there are now
        else:  # the same filter: the rows whose values changed were filtered again already
            self.show_count()
        self._enable()

    def _reload_if_seen(self) -> None:
        if self.isVisible():
            self.reload(definitions=self._definitions_stale)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._reload_timer.stop()  # closed (or the project with it): nothing to read
        super().hideEvent(event)

    def fit_columns(self) -> None:
        """Each column as wide as its name (measuring the names only: 5,000 rows are not
        read for it), the names of cases or documents wider."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            wanted = metrics.horizontalAdvance(title) + 40
            header.resizeSection(column, max(200 if column == 0 else 80, min(wanted, 260)))

    def on_change(self, tables: set[str] | None = None) -> None:
        """The project changed (an edit here, an undo, an import): read it again, shortly
        (the attributes' definitions too when ``tables`` say they may have changed)."""
        if tables is None or "attributes" in tables:
            self._definitions_stale = True
        if self.isVisible():
            self._reload_timer.start()

    def apply_filter(self) -> None:
        text = self.filter.text().strip()
        if any(op in text for op in OPERATORS):
            try:
                condition = parse_condition(text)
                condition.check({c.name: c.type for c in self.model.columns})
            except FieldkitError as exc:
                self.proxy.set_filter()
                self.said.setText(condition_message(exc))
                return
            self.proxy.set_filter(condition=condition)
        else:
            self.proxy.set_filter(words=text)
        self.show_count()

    def show_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.said.setText(ntr("%Ln row(s)", total) if shown == total
                          else tr("{0} of {1} rows").format(shown, total))

    def _enable(self) -> None:
        column = self.table.currentIndex().column()
        for name in ("change", "delete"):
            self.buttons[name].setEnabled(column > 0)

    # -- cells ------------------------------------------------------------------------------

    def _refused(self, message: str) -> None:
        QMessageBox.warning(self, tr("Classification sheet"), message)

    def selected(self) -> list[QModelIndex]:
        """The selected cells (the current one when none is), in the proxy's order."""
        found = self.table.selectionModel().selectedIndexes()
        if not found and self.table.currentIndex().isValid():
            found = [self.table.currentIndex()]
        return sorted(found, key=lambda i: (i.row(), i.column()))

    def copy(self) -> str:
        """The selected block as tab-separated text on the clipboard (what Excel pastes)."""
        cells = self.selected()
        if not cells:
            return ""
        rows = range(min(i.row() for i in cells), max(i.row() for i in cells) + 1)
        columns = range(min(i.column() for i in cells), max(i.column() for i in cells) + 1)
        chosen = {(i.row(), i.column()) for i in cells}
        text = block_text([[str(self.proxy.index(r, c).data() or "") if (r, c) in chosen else ""
                            for c in columns] for r in rows])
        QApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> bool:
        """Paste a block (the clipboard's, as Excel copies it) from the current cell on; one
        value fills every selected cell. Every value is checked first: one that does not fit
        its attribute is named in a dialog and nothing is pasted."""
        block = parse_block(QApplication.clipboard().text() if text is None else text)
        current = self.table.currentIndex()
        if not block or not current.isValid():
            return False
        if len(block) == 1 and len(block[0]) == 1 and len(self.selected()) > 1:
            targets = [(i.row(), i.column(), block[0][0]) for i in self.selected()]
        else:
            targets = [(current.row() + r, current.column() + c, raw)
                       for r, line in enumerate(block) for c, raw in enumerate(line)]
        problem = self._paste_problem(targets)
        if problem:
            QMessageBox.warning(self, tr("Nothing was pasted"), problem)
            return False
        cells = [(self.proxy.mapToSource(self.proxy.index(r, c)), raw) for r, c, raw in targets]
        try:
            self.model.write([(s.row(), s.column(), raw) for s, raw in cells],
                             label=f"Paste {len(cells)} values")
        except FieldkitError as exc:
            QMessageBox.warning(self, tr("Nothing was pasted"), str(exc))
            return False
        return True

    def _paste_problem(self, targets: list[tuple[int, int, str]]) -> str:
        """What stops the paste (already translated), or "" when every value fits."""
        rows, columns = self.proxy.rowCount(), self.proxy.columnCount()
        for r, c, raw in targets:
            if r >= rows or c >= columns:
                return tr("The block does not fit: it reaches past the last row or column "
                          "of the sheet.")
            if c == 0:
                return tr("Names cannot be pasted over: start the paste in an attribute's "
                          "column.")
            source = self.proxy.mapToSource(self.proxy.index(r, c))
            try:
                self.model.check(source.row(), source.column(), raw)
            except FieldkitError as exc:
                return tr("{row}, {attribute}: {problem}").format(
                    row=self.model.rows[source.row()].name,
                    attribute=self.model.columns[source.column() - 1].name, problem=str(exc))
        return ""

    def clear_selected(self) -> int:
        """Delete the values of the selected cells (one undo step); the names stay."""
        cells = [self.proxy.mapToSource(i) for i in self.selected() if i.column() > 0]
        cells = [s for s in cells if self.model.value(s.row(), s.column()) is not None]
        if not cells:
            return 0
        try:
            return self.model.write([(s.row(), s.column(), "") for s in cells],
                                    label=f"Clear {len(cells)} values")
        except FieldkitError as exc:
            self._refused(str(exc))
            return 0

    def go_to(self, row_name: str, attribute: str | None = None) -> QModelIndex:
        """Make the cell of ``row_name`` × ``attribute`` (or its name) current; its index."""
        column = self.model.column_of(attribute) if attribute else 0
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, column or 0)
            if self.proxy.index(row, 0).data() == row_name:
                self.table.setCurrentIndex(index)
                self.table.selectionModel().select(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return index
        return QModelIndex()

    # -- attributes -------------------------------------------------------------------------

    def current_attribute(self) -> str | None:
        column = self.proxy.mapToSource(self.table.currentIndex()).column()
        return self.model.columns[column - 1].name if column > 0 else None

    def new_attribute(self, values: tuple[str, str, list[str]] | None = None) -> bool:
        if values is None:
            dialog = AttributeDialog(self)
            if dialog.exec() != AttributeDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        name, type_, choices = values
        return self._attempt(f"Define attribute {name}",
                             lambda: self.project.attributes.define(name, type_, choices))

    def change_attribute(self, values: tuple[str, str, list[str]] | None = None) -> bool:
        name = self.current_attribute()
        if name is None:
            return False
        column = self.model.columns[(self.model.column_of(name) or 1) - 1]
        if values is None:
            dialog = AttributeDialog(self, name=name, type_=column.type, choices=column.choices)
            if dialog.exec() != AttributeDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        new_name, type_, choices = values
        return self._attempt(f"Change attribute {name}", lambda: self.project.attributes.change(
            name, type=type_ if type_ != column.type else None,
            choices=choices if type_ == "choice" else None,
            rename=new_name if new_name != name else None))

    def delete_attribute(self, ask: bool = True) -> bool:
        name = self.current_attribute()
        if name is None:
            return False
        if ask and QMessageBox.question(
                self, tr("Delete attribute"),
                tr("Delete the attribute {0} and all its values? Undo brings it back.")
                .format(name)) != QMessageBox.StandardButton.Yes:
            return False
        return self._attempt(f"Delete attribute {name}",
                             lambda: self.project.attributes.delete(name))

    def _attempt(self, label: str, work: Callable[[], object]) -> bool:
        try:
            with self.project.action(label):
                work()
        except FieldkitError as exc:
            self._refused(str(exc))
            return False
        self.reload()
        return True
