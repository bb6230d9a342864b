"""The codebook dock: the code tree with a filter, editing, and each code's definition."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QFrame,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.codebook_model import CODE_ROLE, CodebookModel
from fieldkit.gui.headers import names_get_the_width
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.set_menu import action_label, add_to_set
from fieldkit.project import Project

FIELDS = ("definition", "inclusion", "exclusion", "example", "memo")
FIELD_LABELS = {"definition": "Definition", "inclusion": "Use when", "exclusion": "Not when",
                "example": "Example", "memo": "Memo"}
SHORTCUT_KEYS = tuple(f"Ctrl+{n}" for n in range(1, 10))


class CodebookPanel(QWidget):
    """Emits ``apply_code(code_id)`` to code the selection and ``open_segments(code_id)`` when a
    code is double-clicked (its coded segments)."""

    apply_code = Signal(int)
    open_segments = Signal(int)
    keys_changed = Signal()
    new_code_requested = Signal(object)  # parent code id or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.model = CodebookModel(self)
        self.model.move_failed.connect(self._warn)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)

        self.tree = QTreeView()
        speak_as(self.tree, "Codes")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.installEventFilter(self)
        self.filter.installEventFilter(self)
        names_get_the_width(self.tree, 3)  # name, count and key explain themselves
        self.tree.setIndentation(14)  # Qt's 20 per level cost a sub-code's name 12 pixels
        self.tree.selectionModel().currentChanged.connect(self._show_details)

        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(2, 6, 2, 2)
        self.path_label = QLabel()
        self.path_label.setObjectName("docMeta")
        self.path_label.setWordWrap(True)
        form.addRow(self.path_label)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in FIELDS:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(44 if name != "definition" else 60)
            edit.textChanged.connect(self._field_edited)
            self.edits[name] = edit
            self.labels[name] = QLabel()
            form.addRow(self.labels[name], edit)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(800)
        self._save_timer.timeout.connect(self.save_details)
        self._showing: int | None = None
        self._loading = False

        # the definition fields scroll: on a 768-pixel screen the tree keeps its rows
        scroll = QScrollArea()
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(60)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields (and scrolls)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(scroll)
        self.split = split
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([480, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(split)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(tr("Find a code…"))
        for name, label in self.labels.items():
            label.setText(tr(FIELD_LABELS[name]))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    # -- data ------------------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()
        self.tree.expandToDepth(0)
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def refresh(self) -> None:
        expanded = self._expanded_ids()
        current = self.current_code()
        self.model.load(self.project)
        for code_id in expanded:
            self.tree.setExpanded(self.proxy.mapFromSource(self.model.index_of(code_id)), True)
        if current is not None:
            idx = self.proxy.mapFromSource(self.model.index_of(current))
            if idx.isValid():
                self.tree.setCurrentIndex(idx)
        if self.proxy.filterRegularExpression().pattern():
            self.tree.expandAll()

    def _expanded_ids(self) -> list[int]:
        out = []
        for code_id in self.model.items:
            idx = self.proxy.mapFromSource(self.model.index_of(code_id))
            if idx.isValid() and self.tree.isExpanded(idx):
                out.append(code_id)
        return out

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    def current_code(self) -> int | None:
        idx = self.tree.currentIndex()
        value = idx.data(CODE_ROLE) if idx.isValid() else None
        return int(value) if value is not None else None

    def select_code(self, code_id: int) -> None:
        idx = self.proxy.mapFromSource(self.model.index_of(code_id))
        if idx.isValid():
            self.tree.setCurrentIndex(idx)
            self.tree.scrollTo(idx)

    # -- details -----------------------------------------------------------------------------

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.save_details()
        code_id = current.data(CODE_ROLE) if current.isValid() else None
        self._showing = int(code_id) if code_id is not None else None
        self._load_details()

    def _load_details(self) -> None:
        self._loading = True
        item = self.model.items.get(self._showing) if self._showing is not None else None
        self.details.setEnabled(item is not None)
        self.path_label.setText(item.path if item else tr("Select a code to see its definition."))
        for name, edit in self.edits.items():
            value = getattr(item.code, name) if item and item.code else ""
            if edit.toPlainText() != value:
                edit.setPlainText(value)
        self._loading = False

    def _field_edited(self) -> None:
        if not self._loading:
            self._save_timer.start()

    def save_details(self) -> None:
        self._save_timer.stop()
        if self.project is None or self._showing not in self.model.items:
            return
        code = self.model.items[self._showing].code
        assert code is not None
        changes = {name: edit.toPlainText() for name, edit in self.edits.items()
                   if edit.toPlainText() != getattr(code, name)}
        if changes:
            try:
                self.project.update_code(code.id, **changes)
            except FieldkitError as exc:
                self._warn(str(exc))

    # -- keyboard ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter on a code (in the tree or its filter) codes the selection; Down leaves the
        filter for the tree; F2 still renames."""
        if event.type() == QEvent.Type.KeyPress and watched in (self.tree, self.filter):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                code_id = self._first_match() if watched is self.filter else self.current_code()
                editing = self.tree.state() == QAbstractItemView.State.EditingState
                if code_id is not None and not editing:
                    self.apply_code.emit(code_id)
                    return True
            # plain 1–9 in the tree: the code with that number's key (Ctrl+1–9 everywhere)
            if watched is self.tree and Qt.Key.Key_1 <= key <= Qt.Key.Key_9 \
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                wanted = f"Ctrl+{key - Qt.Key.Key_0}"
                code_id = next((c for c, k in self.model.keys.items() if k == wanted), None)
                if code_id is not None:
                    self.apply_code.emit(code_id)
                    return True
            if watched is self.filter and key == Qt.Key.Key_Down:
                self.tree.setFocus()
                if not self.tree.currentIndex().isValid():
                    self.tree.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def _first_match(self) -> int | None:
        """The first code (depth first) whose own name holds the filter text."""
        needle = self.filter.text().strip().casefold()

        def walk(parent: QModelIndex) -> int | None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if needle in str(index.data()).casefold():
                    return int(index.data(CODE_ROLE))
                found = walk(index)
                if found is not None:
                    return found
            return None

        return walk(QModelIndex()) if needle else self.current_code()

    # -- actions -----------------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        value = index.data(CODE_ROLE)
        if value is not None:
            self.open_segments.emit(int(value))

    def _menu(self, pos: QPoint) -> None:
        code_id = self.current_code() if self.tree.indexAt(pos).isValid() else None
        menu = QMenu(self)
        menu.addAction(tr("New code…"), lambda: self.new_code(None))
        if code_id is not None:
            menu.addAction(tr("New sub-code…"), lambda: self.new_code(code_id))
            menu.addSeparator()
            menu.addAction(tr("Apply to selection"), lambda: self.apply_code.emit(code_id))
            menu.addAction(tr("Show coded segments"), lambda: self.open_segments.emit(code_id))
            menu.addAction(tr("Rename…"), lambda: self.rename(code_id))
            menu.addAction(tr("Colour…"), lambda: self.recolour(code_id))
            menu.addAction(tr("Merge into…"), lambda: self.merge(code_id))
            menu.addAction(action_label("codes"), lambda: self.add_to_set())
            keys = menu.addMenu(tr("Shortcut"))
            for key in SHORTCUT_KEYS:
                action = QAction(key, keys)
                action.setCheckable(True)
                action.setChecked(self.model.keys.get(code_id) == key)
                action.triggered.connect(lambda _=False, k=key: self.set_key(code_id, k))
                keys.addAction(action)
            keys.addAction(tr("None"), lambda: self.set_key(code_id, None))
            menu.addSeparator()
            menu.addAction(tr("Show only this code"), lambda: self.show_only(code_id))
            menu.addAction(tr("Show all codes"), self.show_all)
            menu.addSeparator()
            menu.addAction(tr("Delete…"), lambda: self.delete(code_id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def selected_codes(self) -> list[int]:
        """The codes selected in the tree (the current one when none is)."""
        ids = [int(v) for i in self.tree.selectionModel().selectedRows(0)
               if (v := i.data(CODE_ROLE)) is not None]
        current = self.current_code()
        return ids or ([current] if current is not None else [])

    def add_to_set(self, name: str | None = None) -> Any:
        """Put the selected codes in a code set (asked for when ``name`` is None)."""
        if self.project is None:
            return None
        return add_to_set(self, self.project, "codes", self.selected_codes(), name)

    def new_code(self, parent_id: int | None) -> None:
        # the window's coding actions own the dialog (it may code the selected text too)
        self.new_code_requested.emit(parent_id)

    def rename(self, code_id: int) -> None:
        idx = self.proxy.mapFromSource(self.model.index_of(code_id))
        self.tree.setCurrentIndex(idx)
        self.tree.edit(idx)

    def recolour(self, code_id: int) -> None:
        item = self.model.items[code_id]
        assert item.code is not None and self.project is not None
        colour = QColorDialog.getColor(QColor(item.code.colour), self, tr("Colour of the code"))
        if colour.isValid():
            self.project.update_code(code_id, colour=colour.name())

    def merge(self, code_id: int) -> None:
        if self.project is None:
            return
        others = [item.path for cid, item in self.model.items.items()
                  if cid != code_id and cid not in self._descendant_ids(code_id)]
        target, ok = QInputDialog.getItem(self, tr("Merge code"),
                                          tr("Move all codings of '{0}' into:").format(
                                              self.model.items[code_id].path),
                                          others, 0, False)
        if not ok or not target:
            return
        try:
            merge_codes(self.project, code_id, self.project.code(target).id)
        except FieldkitError as exc:
            self._warn(str(exc))

    def _descendant_ids(self, code_id: int) -> set[int]:
        return set(self.model._descendants(self.model.items[code_id]))

    def delete(self, code_id: int, *, ask: bool = True) -> None:
        if self.project is None:
            return
        item = self.model.items[code_id]
        if ask:
            subs = len(self._descendant_ids(code_id))
            text = ntr("Delete '{0}'? %Ln coding(s) will go.", item.total).format(item.path)
            if subs:
                text += " " + ntr("Its %Ln sub-code(s) go too.", subs)
            text += " " + tr("You can undo this.")
            answer = QMessageBox.question(self, tr("Delete code"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.project.delete_code(code_id)

    def set_key(self, code_id: int, key: str | None) -> None:
        keys = {c: k for c, k in self.model.keys.items() if k != key and c != code_id}
        if key:
            keys[code_id] = key
        self.model.set_keys(keys)
        self.keys_changed.emit()

    def show_only(self, code_id: int) -> None:
        keep = {code_id, *self._descendant_ids(code_id)}
        self.model.hidden = set(self.model.items) - keep
        self.model._changed_all()
        self.model.visibility_changed.emit()

    def show_all(self) -> None:
        self.model.hidden = set()
        self.model._changed_all()
        self.model.visibility_changed.emit()

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, tr("Codebook"), message)


def merge_codes(project: Project, source_id: int, target_id: int) -> int:
    """Move every coding of ``source`` (and its sub-codes) to ``target``; delete ``source``.

    One undo step. Returns how many codings moved.
    """
    book = project.codebook()
    if target_id == source_id or target_id in book.descendants(source_id):
        raise FieldkitError(tr("A code cannot be merged into itself or one of its sub-codes."))
    moved = 0
    label = f"Merge {book.path(source_id)} into {book.path(target_id)}"
    with project.action(label):
        for coding in project.codings(code=source_id, include_subcodes=True):
            project.recode(coding.id, target_id)
            moved += 1
        project.delete_code(source_id)
    return moved
