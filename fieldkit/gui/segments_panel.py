"""The coded-segments view: choose codes and filters, read every segment, act on it.

Pick one or more codes (any of them, or only where all of them overlap), optionally a coder,
site, document and date range; each row shows the code, the quote, a line of context, where it
is (document, speaker, paragraph, timestamp or beep time), the coder and the memo. A click opens
the segment in its document; recode, remove, memo and bounds are one undo step each; the shown
(or selected) segments export to Word or Excel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.core.filenames import safe_file_name
from fieldkit.core.model import Coding
from fieldkit.gui import folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.condition_field import ConditionField
from fieldkit.gui.dialog_buttons import accept_button, dialog_buttons
from fieldkit.gui.focus_order import showing
from fieldkit.gui.headers import share_the_width
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.segment_preview import SegmentPreview
from fieldkit.gui.segments_model import CODING_ROLE, SegmentsModel
from fieldkit.operations.retrieval import SegmentQuery
from fieldkit.project import Project

CODE_ROLE = Qt.ItemDataRole.UserRole + 2


class CodePicker(QToolButton):
    """A button that opens a checkable, filterable list of the codebook's codes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.model = QStandardItemModel(self)
        self.model.itemChanged.connect(lambda _item: self._changed())
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListView()
        speak_as(self.list, "Codes to choose from")
        self.list.setModel(self.model)
        self.list.setMinimumSize(320, 300)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(lambda: self.set_checked([]))
        layout.addWidget(self.clear_button)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        menu.addAction(action)
        menu.aboutToShow.connect(self.filter.setFocus)
        self.setMenu(menu)
        self._quiet = False
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(tr("Find a code…"))
        self._label()

    def set_codes(self, codes: list[tuple[int, int, str, str]]) -> None:
        """``codes``: (depth, id, name, path) in codebook order; keeps what stays checked."""
        keep = set(self.checked())
        self._quiet = True
        self.model.clear()
        for depth, key, name, path in codes:
            item = QStandardItem("    " * depth + name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if key in keep else Qt.CheckState.Unchecked)
            item.setData(key, CODE_ROLE)
            item.setToolTip(path)
            self.model.appendRow(item)
        self._quiet = False
        self._label()

    def checked(self) -> list[int]:
        return [int(item.data(CODE_ROLE)) for item in self._items()
                if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, code_ids: list[int]) -> None:
        wanted = set(code_ids)
        self._quiet = True
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if int(item.data(CODE_ROLE)) in wanted
                               else Qt.CheckState.Unchecked)
        self._quiet = False
        self._changed()

    def _items(self) -> list[QStandardItem]:
        return [self.model.item(row) for row in range(self.model.rowCount())]

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row, item in enumerate(self._items()):
            self.list.setRowHidden(row, bool(needle) and needle not in
                                   str(item.toolTip()).casefold())

    def _changed(self) -> None:
        if not self._quiet:
            self._label()
            self.changed.emit()

    def _label(self) -> None:
        names = [item.text().strip() for item in self._items()
                 if item.checkState() == Qt.CheckState.Checked]
        if not names:
            self.setText(tr("Codes: choose…"))
        elif len(names) <= 2:
            self.setText(tr("Codes: {0}").format(", ".join(names)))
        else:
            self.setText(tr("Codes: {0} and {1} more").format(names[0], len(names) - 1))
        self.setToolTip("\n".join(names))
        # the button below the list says what it does, and how many it would unchoose
        self.clear_button.setEnabled(bool(names))
        self.clear_button.setText(ntr("Choose none (%Ln chosen)", len(names)) if names
                                  else tr("No codes chosen"))


class BoundsDialog(QDialog):
    """Move a coding's start and end (code points), with the new quote shown as you go."""

    def __init__(self, text: str, coding: Coding, parent: QWidget | None = None,
                 selection: tuple[int, int] | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setWindowTitle(tr("Change the bounds of the segment"))
        self.start = QSpinBox()
        speak_as(self.start, "Start of the segment")
        self.end = QSpinBox()
        speak_as(self.end, "End of the segment")
        for box in (self.start, self.end):
            box.setRange(0, len(text))
        self.start.setValue(coding.start or 0)
        self.end.setValue(coding.end or 0)
        self.words = QPushButton(tr("Snap to whole words"))
        self.words.clicked.connect(self.snap_to_words)
        self.use_selection = QPushButton(tr("Use the selection in the document"))
        self.use_selection.setEnabled(selection is not None)
        if selection is not None:
            self.use_selection.clicked.connect(lambda: self.set_span(*selection))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMinimumSize(420, 120)
        form = QFormLayout()
        form.addRow(tr("Start (character)"), self.start)
        form.addRow(tr("End (character)"), self.end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.words)
        buttons.addWidget(self.use_selection)
        form.addRow(buttons)
        self.buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.start.valueChanged.connect(self._show)
        self.end.valueChanged.connect(self._show)
        self._show()

    def span(self) -> tuple[int, int]:
        return self.start.value(), self.end.value()

    def set_span(self, start: int, end: int) -> None:
        self.start.setValue(start)
        self.end.setValue(end)

    def snap_to_words(self) -> None:
        start, end = self.span()
        while start > 0 and self.text[start - 1].isalnum():
            start -= 1
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        self.set_span(start, end)

    def _show(self) -> None:
        start, end = self.span()
        ok = start < end
        accept_button(self.buttons).setEnabled(ok)
        before = self.text[max(0, start - 60):start]
        self.preview.setPlainText(f"…{before}«{self.text[start:end]}»{self.text[end:end + 60]}…"
                                  if ok else tr("The start must come before the end."))


class SegmentsPanel(QWidget):
    """Emits ``open_segment(coding_id)`` when a segment is clicked or activated."""

    open_segment = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self._choices_stale = True
        self.runner: Any = None  # the window's JobRunner, for exports
        # the selected span (code points) in a document open in the window, if any
        self.selection_in: Callable[[int], tuple[int, int] | None] = lambda _doc: None
        self.model = SegmentsModel(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self._build_filters()
        self._build_table()
        self._build_buttons()
        self._lay_out()
        self.retranslate()

    def _build_filters(self) -> None:
        """The codes to list and how, and the coder, site, document and date filters."""
        self.codes = CodePicker()
        self.codes.changed.connect(self.schedule)
        self.match = QComboBox()
        self.match.currentIndexChanged.connect(self.schedule)
        self.subcodes = QCheckBox()
        self.subcodes.setChecked(True)
        self.subcodes.toggled.connect(self.schedule)
        self.coder = QComboBox()
        self.site = QComboBox()
        self.document = QComboBox()
        self.document.setMinimumContentsLength(18)
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for combo in (self.coder, self.site, self.document):
            combo.currentIndexChanged.connect(self.schedule)
            combo.currentIndexChanged.connect(lambda _i: self._label_more())
        self.use_from, self.use_to = QCheckBox(), QCheckBox()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        speak_as(self.date_from, "Coded from")
        speak_as(self.date_to, "Coded until")
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.schedule)
            check.toggled.connect(lambda _on: self._label_more())
            edit.dateChanged.connect(self.schedule)
        # only codings of cases and documents whose attributes satisfy a condition
        self.condition = ConditionField(self._condition_changed)

    def _build_table(self) -> None:
        """The segments, one row each; Delete removes the selected ones."""
        self.table = QTableView()
        speak_as(self.table, "Coded segments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a segment dragged out lands on a network (the Analysis window's Networks tab)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(44)  # a 640-pixel screen still shows the whole pane
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Code, Segment, Context, Document, Where, Coder, Memo: all in view at 1024 pixels
        # (the context and place go first in a narrow pane: the preview beside it has them)
        share_the_width(self.table, [14, 24, 18, 14, 10, 8, 12], drop=[2, 4])
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)  # PySide ignores context=

    def _build_buttons(self) -> None:
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.count = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (("open", self.open_current), ("recode", lambda: self.recode()),
                           ("memo", lambda: self.edit_memo()),
                           ("bounds", lambda: self.change_bounds()),
                           ("remove", self.remove_selected),
                           ("word", lambda: self.export("docx")),
                           ("excel", lambda: self.export("xlsx"))):
            button = QPushButton()
            button.clicked.connect(slot)
            self.buttons[name] = button

    def _lay_out(self) -> None:
        """Codes on top, the filters folded below, the rows beside their preview, the actions
        at the foot."""
        self.labels = {name: QLabel() for name in ("match", "coder", "site", "document",
                                                    "where")}
        # the coder, site, document and date filters fold away: the rows get the room
        self.more = QToolButton()
        self.more.setCheckable(True)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more.setArrowType(Qt.ArrowType.RightArrow)
        top = QHBoxLayout()
        top.addWidget(self.codes)
        top.addWidget(self.match)
        top.addWidget(self.subcodes)
        top.addWidget(self.more)
        top.addStretch(1)
        # three short rows rather than two long ones: the pane fits a 1024-pixel screen
        second = QHBoxLayout()
        for name, combo in (("coder", self.coder), ("site", self.site)):
            second.addWidget(self.labels[name])
            second.addWidget(combo)
        second.addWidget(self.labels["document"])
        second.addWidget(self.document, 1)
        third = QHBoxLayout()
        third.addWidget(self.use_from)
        third.addWidget(self.date_from)
        third.addWidget(self.use_to)
        third.addWidget(self.date_to)
        third.addStretch(1)
        fourth = QHBoxLayout()
        self.labels["where"].setBuddy(self.condition)
        fourth.addWidget(self.labels["where"], 0, Qt.AlignmentFlag.AlignTop)
        fourth.addWidget(self.condition, 1)
        actions = QHBoxLayout()
        for name in ("open", "recode", "memo", "bounds", "remove"):
            actions.addWidget(self.buttons[name])
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addWidget(self.buttons["word"])
        actions.addWidget(self.buttons["excel"])
        self.filters = QWidget()
        folded = QVBoxLayout(self.filters)
        folded.setContentsMargins(0, 0, 0, 0)
        folded.setSpacing(4)
        folded.addLayout(second)
        folded.addLayout(third)
        folded.addLayout(fourth)
        self.filters.hide()
        self.more.toggled.connect(self._show_filters)
        self.preview = SegmentPreview()
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._preview())
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.table)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.hint)
        layout.addWidget(self.split, 1)
        layout.addLayout(actions)

    # -- language and project ---------------------------------------------------------------

    def _show_filters(self, on: bool) -> None:
        self.filters.setVisible(on)
        self.more.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def filters_in_use(self) -> int:
        """How many of the folded filters narrow the list (said on the fold's button)."""
        return sum((self.coder.currentIndex() > 0, self.site.currentIndex() > 0,
                    self.document.currentIndex() > 0, self.use_from.isChecked(),
                    self.use_to.isChecked(), self.condition.applied is not None))

    def _label_more(self) -> None:
        used = self.filters_in_use()
        self.more.setText(ntr("More filters (%Ln in use)", used) if used
                          else tr("More filters"))

    def _condition_changed(self) -> None:
        self._label_more()
        self.schedule()

    def _preview(self) -> None:
        index = self.table.currentIndex()
        value = index.data(CODING_ROLE) if index.isValid() else None
        self.preview.show_coding(self.project, int(value) if value is not None else None)

    def retranslate(self) -> None:
        self.codes.retranslate()
        self._label_more()
        index = max(0, self.match.currentIndex())
        self.match.blockSignals(True)
        self.match.clear()
        self.match.addItem(tr("any of them"), "any")
        self.match.addItem(tr("all of them, overlapping"), "all")
        self.match.setCurrentIndex(index)
        self.match.blockSignals(False)
        self.match.setToolTip(tr("Show segments of any chosen code, or only where all chosen "
                                 "codes overlap"))
        self.subcodes.setText(tr("with sub-codes"))
        self.labels["coder"].setText(tr("Coder"))
        self.labels["site"].setText(tr("Site"))
        self.labels["document"].setText(tr("Document"))
        self.labels["where"].setText(tr("Only where"))
        self.condition.retranslate()
        self.use_from.setText(tr("From"))
        self.use_to.setText(tr("To"))
        self.date_from.setToolTip(tr("The visit's date (or the day the document was made)"))
        self.date_to.setToolTip(self.date_from.toolTip())
        labels = {"open": tr("Open"), "recode": tr("Recode…"), "memo": tr("Memo…"),
                  "bounds": tr("Bounds…"), "remove": tr("Remove"), "word": tr("Word…"),
                  "excel": tr("Excel…")}
        for name, text in labels.items():
            self.buttons[name].setText(text)
        self.buttons["word"].setToolTip(tr("Export the selected segments (all shown ones when "
                                           "none is selected) as a Word report"))
        self.buttons["excel"].setToolTip(tr("Export the selected segments (all shown ones when "
                                            "none is selected) as an Excel workbook"))
        self._choices_stale = True
        if self.isVisible():
            self._fill_filters()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        self._show_count()
        if self.project is not None:  # the hint is written by refresh, in the old language
            self.refresh()

    def set_project(self, project: Project | None) -> None:
        self._timer.stop()  # a query scheduled for the previous project
        self.project = project
        self.codes.set_checked([])
        self.condition.reset()
        self.model.set_codings(None, [])  # the lookups are read when the view is first used
        self._choices_stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._choices_stale:  # once the window has settled, and only if it can be seen
            QTimer.singleShot(0, self, self._refresh_if_seen)

    def refresh_if_stale(self) -> None:
        """Its tab was chosen: fill the choices now if they were put off."""
        if self._choices_stale:
            self.refresh()

    def _refresh_if_seen(self) -> None:
        # a pane behind another pane's tab counts as visible to Qt but is not showing: its
        # choices wait until its tab is chosen
        if self._choices_stale and showing(self):
            self.refresh()

    def _ensure_choices(self) -> None:
        """Fill the code, coder, site and document choices (put off until the view is used:
        the large demo has 10,000 documents to list)."""
        if self._choices_stale:
            self._fill_filters()

    def _fill_filters(self) -> None:
        project = self.project
        self._choices_stale = False
        self.model.load_lookups(project)
        self.condition.set_project(project)
        if project is not None:
            book = project.codebook()
            self.codes.set_codes([(d, c.id, c.name, book.path(c.id)) for d, c in book.walk()])
        else:
            self.codes.set_codes([])
        for combo, everything, items in (
                (self.coder, tr("All coders"),
                 [(c.name, c.name) for c in project.coders()] if project else []),
                (self.site, tr("All sites"),
                 [(s.name, s.id) for s in project.sites()] if project else []),
                (self.document, tr("All documents"),
                 [(d.title, d.id) for d in project.documents()] if project else [])):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in items:
                combo.addItem(label, value)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def refresh_lookups(self) -> None:
        """Codes, coders, sites or documents changed: refill the choices and the rows."""
        self._choices_stale = True
        if self.isVisible():
            self._fill_filters()
        self.schedule()

    # -- the query --------------------------------------------------------------------------

    def show_codes(self, code_ids: list[int]) -> None:
        """Show the segments of these codes (what double-clicking a code in the codebook does)."""
        self._ensure_choices()
        self.codes.set_checked(code_ids)
        self.refresh()

    def query(self) -> SegmentQuery:
        doc = self.document.currentData()
        site = self.site.currentData()
        coder = self.coder.currentData()
        return SegmentQuery(
            codes=self.codes.checked(), match=str(self.match.currentData() or "any"),
            include_subcodes=self.subcodes.isChecked(),
            coders=[coder] if coder else [], sites=[site] if site is not None else [],
            documents=[doc] if doc is not None else [],
            date_from=self.date_from.date().toString("yyyy-MM-dd")
            if self.use_from.isChecked() else None,
            date_to=self.date_to.date().toString("yyyy-MM-dd")
            if self.use_to.isChecked() else None, where=self.condition.applied)

    def schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Run the query again, keeping the current segment where it still shows."""
        self._timer.stop()
        self._ensure_choices()
        current = self.current_coding()
        query = self.query()
        codings: list[Coding] = []
        if self.project is None:
            self.hint.setText("")
        elif not (query.codes or query.documents or query.coders):
            self.hint.setText(tr("Choose one or more codes (or a document or coder) to see "
                                 "their coded segments. Double-clicking a code in the codebook "
                                 "shows its segments here."))
        else:
            try:
                codings = self.project.retrieval.segments(query, light=True)
                self.hint.setText("")
            except FieldkitError as exc:
                self.hint.setText(str(exc))
        self.hint.setVisible(bool(self.hint.text()))
        self.model.set_codings(self.project, codings)
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 1))
        self._show_count()
        self._enable()
        self._preview()

    def _show_count(self) -> None:
        self.count.setText(ntr("%Ln segment(s)", len(self.model.codings)))

    # -- the rows ---------------------------------------------------------------------------

    def current_coding(self) -> Coding | None:
        index = self.table.currentIndex()
        return self.model.coding_at(index.row()) if index.isValid() else None

    def selected_codings(self) -> list[Coding]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = [self.model.coding_at(r) for r in rows]
        picked = [c for c in found if c is not None]
        if not picked and (current := self.current_coding()) is not None:
            picked = [current]
        return picked

    def select_coding(self, coding_id: int) -> bool:
        row = self.model.row_of(coding_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 1))
        return True

    def _enable(self) -> None:
        has = self.current_coding() is not None
        text = has and (c := self.current_coding()) is not None and c.start is not None
        for name in ("open", "recode", "memo", "remove"):
            self.buttons[name].setEnabled(has)
        self.buttons["bounds"].setEnabled(bool(text))
        for name in ("word", "excel"):
            self.buttons[name].setEnabled(bool(self.model.codings))

    def _clicked(self, index: QModelIndex) -> None:
        value = index.data(CODING_ROLE)
        if value is not None:
            self.open_segment.emit(int(value))

    def open_current(self) -> None:
        coding = self.current_coding()
        if coding is not None:
            self.open_segment.emit(coding.id)

    def _menu(self, pos: QPoint) -> None:
        if self.current_coding() is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("Open in its document"), self.open_current)
        menu.addAction(tr("Recode…"), lambda: self.recode())
        menu.addAction(tr("Edit memo…"), lambda: self.edit_memo())
        bounds = menu.addAction(tr("Change bounds…"), lambda: self.change_bounds())
        bounds.setEnabled(self.buttons["bounds"].isEnabled())
        menu.addAction(tr("Remove"), self.remove_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- acting on segments (each one undo step) ----------------------------------------------

    def _warn(self, exc: FieldkitError) -> None:
        QMessageBox.warning(self, tr("Coded segments"), str(exc))

    def recode(self, code_id: int | None = None) -> None:
        """Give the selected segments another code (asks which when none is given)."""
        project, picked = self.project, self.selected_codings()
        if project is None or not picked:
            return
        if code_id is None:
            rows = project.codes_with_counts()
            paths = [path for _d, _c, path, _n in rows]
            current = project.code_path(picked[0].code_id)
            path, ok = QInputDialog.getItem(self, tr("Recode"), ntr(
                "Recode %Ln segment(s) with:", len(picked)), paths,
                paths.index(current) if current in paths else 0, False)
            if not ok:
                return
            code_id = next(c.id for _d, c, p, _n in rows if p == path)
        try:
            with project.action(ntr("Recode %Ln segment(s)", len(picked))):
                for coding in picked:
                    if coding.code_id != code_id:
                        project.recode(coding.id, code_id)
        except FieldkitError as exc:
            self._warn(exc)

    def remove_selected(self) -> None:
        project, picked = self.project, self.selected_codings()
        if project is None or not picked:
            return
        try:
            with project.action(ntr("Remove %Ln segment(s)", len(picked))):
                for coding in picked:
                    project.uncode(coding.id)
        except FieldkitError as exc:
            self._warn(exc)

    def edit_memo(self, text: str | None = None) -> None:
        project, coding = self.project, self.current_coding()
        if project is None or coding is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, tr("Coding memo"),
                tr("Memo for this coding of {0}:").format(project.code_path(coding.code_id)),
                coding.memo)
            if not ok:
                return
        if text != coding.memo:
            try:
                project.memos.set_coding_memo(coding.id, text)
            except FieldkitError as exc:
                self._warn(exc)

    def bounds_dialog(self) -> BoundsDialog | None:
        project, coding = self.project, self.current_coding()
        if project is None or coding is None or coding.start is None:
            return None
        return BoundsDialog(project.document(coding.document_id).text, coding, self,
                            self.selection_in(coding.document_id))

    def change_bounds(self, span: tuple[int, int] | None = None) -> None:
        project, coding = self.project, self.current_coding()
        if project is None or coding is None or coding.start is None:
            return
        if span is None:
            dialog = self.bounds_dialog()
            if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted:
                return
            span = dialog.span()
        try:
            project.retrieval.set_bounds(coding.id, *span)
        except FieldkitError as exc:
            self._warn(exc)

    # -- export -----------------------------------------------------------------------------

    def export_ids(self) -> list[int]:
        selected = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if len(selected) > 1:
            return [c.id for r in selected if (c := self.model.coding_at(r)) is not None]
        return [c.id for c in self.model.codings]

    def export(self, kind: str, out: str | None = None) -> None:
        """Export the selected (or all shown) segments to Word or Excel, with progress."""
        project = self.project
        ids = self.export_ids()
        if project is None or not ids or self.runner is None:
            return
        if out is None:
            from fieldkit.gui import pseudonym_choice

            shown_name = pseudonym_choice.masker(project)(project.name)
            name = safe_file_name(f"{shown_name} – {tr('coded segments')}")
            default = folders.start_at("export", f"{name}.{kind}")
            out, _ = QFileDialog.getSaveFileName(self, tr("Export coded segments"), default,
                                                 f"*.{kind}")
            if not out:
                return
            folders.remember("export", out)
        target = out
        from fieldkit.gui import pseudonym_choice

        names = pseudonym_choice.choice(project)  # the export dialog's pseudonym options
        left: list[str] = []

        def job(progress: Any) -> Path:
            if kind == "docx":
                return project.exports.docx(target, codings=ids, progress=progress,
                                           warnings=left, **names)
            return project.exports.xlsx(target, progress=progress, codings=ids, warnings=left,
                                       **names)

        from fieldkit.gui.runner import show_status

        def done(_result: Any) -> None:
            show_status(self, tr("Exported to {0}.").format(target))
            pseudonym_choice.warn_left(self, target, left)

        self.runner.run(tr("Exporting"), job, done)
