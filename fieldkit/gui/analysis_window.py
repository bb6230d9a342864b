"""The analyst's workbench window: code relations, code × variable matrices, coding queries, sets
and memos, over one project (``project.analysis``, ``project.sets``, ``project.memos``).

Every number drills down: a click on a cell lists its segments (in the coded-segments table),
and a double click there opens the segment in its document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import focus_order, folders, tab_keys
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.analysis_models import HeatTableModel
from fieldkit.gui.condition_field import ConditionField
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.headers import share_the_width
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.segments_model import SegmentsModel
from fieldkit.project import Project

Opener = Callable[[int, int, int], None]  # document, start, end


class Filters(QWidget):
    """Coder, document set, attribute condition and code set: the scope every view of the
    window uses."""

    def __init__(self, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coder, self.documents, self.codes = QComboBox(), QComboBox(), QComboBox()
        self.condition = ConditionField(changed)
        self.labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, field in zip(self.labels, (self.coder, self.documents, self.condition,
                                              self.codes), strict=True):
            label.setBuddy(field)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(field, 2 if field is self.condition else 0,
                             Qt.AlignmentFlag.AlignTop)
            if isinstance(field, QComboBox):
                field.currentIndexChanged.connect(lambda _i: changed())
        layout.addStretch(1)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (tr("Coder"), tr("Documents"), tr("Only where"),
                                             tr("Codes")), strict=True):
            label.setText(text)
        self.condition.retranslate()

    def fill(self, project: Project) -> None:
        self.condition.set_project(project)
        sets = project.sets.all()
        for combo, everyone, items in (
                (self.coder, tr("Every coder"), [c.name for c in project.coders()]),
                (self.documents, tr("All documents"),
                 [s.name for s in sets if s.kind == "documents"]),
                (self.codes, tr("All codes"), [s.name for s in sets if s.kind == "codes"])):
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for item in items:
                combo.addItem(item, item)
            combo.setCurrentIndex(max(0, combo.findData(kept)))
            combo.blockSignals(False)

    def where(self) -> dict[str, Any]:
        return {"coder": self.coder.currentData(), "document_set": self.documents.currentData(),
                "code_set": self.codes.currentData(), "where": self.condition.applied}


class SegmentList(QDialog):
    """The codings behind one number, in the coded-segments table; double click opens one."""

    def __init__(self, project: Project, title: str, coding_ids: list[int], open_at: Opener,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.open_at = open_at
        self.model = SegmentsModel(self)
        self.model.set_codings(project, [project.coding(i) for i in coding_ids])
        self.table = QTableView()
        speak_as(self.table, "Segments")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setDragEnabled(True)  # onto a network
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        # Code, Segment, Context, Document, Where, Coder, Memo: the segment gets the room
        share_the_width(self.table, [14, 28, 20, 14, 10, 7, 7])
        self.table.doubleClicked.connect(self._open)
        self.count = QLabel(ntr("%Ln segment(s)", len(coding_ids)))
        buttons = dialog_buttons(self, close=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def _open(self, index: QModelIndex) -> None:
        coding = self.model.coding_at(index.row())
        if coding is not None and coding.start is not None and coding.end is not None:
            self.open_at(coding.document_id, coding.start, coding.end)


class ChartDialog(QDialog):
    """A chart (``fieldkit.exporters.charts``) shown as drawn, to save as PNG or SVG."""

    def __init__(self, chart: Any, parent: QWidget | None = None,
                 saved: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        # the chart as saved: drawn again with the export dialog's pseudonym options
        self.saved = saved or (lambda: chart)
        self.setWindowTitle(tr("Chart"))
        picture = QPixmap()
        picture.loadFromData(chart.png(), "PNG")
        self.picture = QLabel()
        self.picture.setPixmap(picture)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        buttons = dialog_buttons(self, close=True)
        save = buttons.addButton(tr("Save as PNG or SVG…"),
                                 QDialogButtonBox.ButtonRole.ActionRole)
        save.clicked.connect(lambda: self.save())
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(min(1000, picture.width() + 40), min(760, picture.height() + 80))

    def save(self, out: str | None = None) -> Path | None:
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self, tr("Save chart"),
                                                 folders.start_at("chart", "chart.png"),
                                                 "PNG (*.png);;SVG (*.svg)")
            if not out:
                return None
            folders.remember("chart", out)
        try:
            return self.saved().save(out)  # type: ignore[no-any-return]
        except FieldkitError as exc:
            QMessageBox.warning(self, tr("Chart"), str(exc))
            return None


class HeatView(QWidget):
    """A coloured table of numbers with its controls above; a click drills down."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.model = HeatTableModel(self)
        self.table = QTableView()
        speak_as(self.table, "Analysis table")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(64)
        # a narrow column shows the start of its code's name ("Peer h…"), the tooltip the path
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.clicked.connect(self.drill)
        # names in full where the window has the room ("Hendriks", not "Hend…")
        self.model.modelReset.connect(self.fit_columns)
        self.model.layoutChanged.connect(self.fit_columns)
        self.controls = QHBoxLayout()
        self.chart_ = QPushButton()
        self.chart_.clicked.connect(lambda: self.show_chart())
        self.found: Any = None
        layout = QVBoxLayout(self)
        layout.addLayout(self.controls)
        layout.addWidget(self.table)

    def fit_columns(self) -> None:
        """Each column as wide as its header and numbers need, while the table has the room;
        only a table too wide for the window elides (a fair narrow width each)."""
        header = self.table.horizontalHeader()
        columns = self.model.columnCount()
        if not columns:
            return
        self.table.resizeColumnsToContents()
        room = self.table.viewport().width() - sum(header.sectionSize(c) for c in range(columns))
        if room < 0:  # too many columns: a fair narrow width each, the name in the tooltip
            for c in range(columns):
                header.resizeSection(c, max(64, min(header.sectionSize(c), 160)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def show_chart(self) -> ChartDialog | None:
        if self.project is None or self.found is None:
            return None
        from fieldkit.gui import pseudonym_choice

        project = self.project
        dialog = ChartDialog(self.chart(), self,
                             lambda: self.chart(mask=pseudonym_choice.masker(project)))
        self.window_.dialogs.append(dialog)
        dialog.show()
        return dialog

    def chart(self, mask: Any = None) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # the controls above the table are made after it (and the view is moved into the
        # window's tabs later, which reorders the chain): Tab goes through them first
        super().showEvent(event)
        items = (self.controls.itemAt(i) for i in range(self.controls.count()))
        above = [item.widget() for item in items if item is not None]
        focus_order.chain([w for w in above if w is not None] + [self.table])

    def combo(self, changed: Callable[[], None]) -> QComboBox:
        box = QComboBox()
        box.currentIndexChanged.connect(lambda _i: changed())
        self.controls.addWidget(box)
        return box

    @property
    def project(self) -> Project | None:
        return self.window_.project

    def drill(self, index: QModelIndex) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class RelationsView(HeatView):
    """MAXQDA's Code Relations Browser: codes × codes, how often they occur together."""

    MODES = ("overlap", "near", "turn", "document")

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__(window)
        self.mode = self.combo(self.refresh)
        self.distance = QSpinBox()
        speak_as(self.distance, "Distance in characters")
        self.distance.setRange(0, 10_000)
        self.distance.setValue(10)
        self.distance.valueChanged.connect(lambda _v: self.refresh())
        self.controls.addWidget(self.distance)
        self.measure = self.combo(self.refresh)
        self.controls.addStretch(1)
        self.controls.addWidget(self.chart_)

    def chart(self, mask: Any = None) -> Any:
        assert self.project is not None
        return self.project.analysis.chart("relations", mode=self.found.mode,
                                           distance=self.found.distance, mask=mask,
                                           **self.window_.filters.where())

    def retranslate(self) -> None:
        self.chart_.setText(tr("Chart…"))
        _relabel(self.mode, [tr("Overlapping"), tr("Within N words"),
                             tr("Same speaker turn or paragraph"), tr("Same document")])
        self.distance.setSuffix(" " + tr("words"))
        _relabel(self.measure, [tr("Counts"), tr("Coefficient")])

    def refresh(self) -> None:
        if self.project is None or self.mode.count() == 0 or self.measure.count() == 0:
            return
        mode = self.MODES[self.mode.currentIndex()]
        self.distance.setEnabled(mode == "near")
        try:
            found = self.project.analysis.relations(
                mode=mode, distance=self.distance.value() if mode == "near" else None,
                **self.window_.filters.where())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.found = found
        values: list[list[float]] = found.coefficients if self.measure.currentIndex() \
            else [[float(v) for v in row] for row in found.counts]
        paths = [c.path for c in found.codes]
        self.model.set_table(paths, [c.colour for c in found.codes], paths, values,
                             skip_diagonal=True, decimals=2 if self.measure.currentIndex() else 0)

    def drill(self, index: QModelIndex) -> None:
        if self.project is None or self.found is None or index.row() == index.column():
            return
        a, b = self.found.codes[index.row()], self.found.codes[index.column()]
        pairs = self.project.analysis.relation_pairs(
            a.id, b.id, mode=self.found.mode, distance=self.found.distance,
            **self.window_.filters.where())
        ids = [s.coding_id for pair in pairs for s in pair if s.coding_id is not None]
        self.window_.show_segments(f"{a.path} × {b.path}", list(dict.fromkeys(ids)))


class MatrixView(HeatView):
    """Codes × a variable: sites, visits, documents, attributes, cases, coders, months."""

    VARIABLES = ("site", "visit", "document", "case", "coder", "month", "week")
    MEASURES = ("segments", "documents", "words")

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__(window)
        self.variable = self.combo(self.refresh)
        self.measure = self.combo(self.refresh)
        self.percent = QCheckBox()
        self.percent.toggled.connect(lambda _on: self.refresh())
        self.controls.addWidget(self.percent)
        self.controls.addStretch(1)
        self.bars = QCheckBox()
        self.controls.addWidget(self.bars)
        self.controls.addWidget(self.chart_)

    def chart(self, mask: Any = None) -> Any:
        assert self.project is not None
        return self.project.analysis.chart(
            "bars" if self.bars.isChecked() else "matrix", columns=self.found.variable,
            measure=self.found.measure, percent=self.found.percent, mask=mask,
            **self.window_.filters.where())

    def retranslate(self) -> None:
        kept = self.variable.currentData()
        self.variable.blockSignals(True)
        self.variable.clear()
        for key, label in zip(self.VARIABLES, (tr("Site"), tr("Visit"), tr("Document"),
                                               tr("Case"), tr("Coder"), tr("Month"),
                                               tr("Week")), strict=True):
            self.variable.addItem(label, key)
        if self.project is not None:
            for name in self.project.analysis.attribute_names():
                self.variable.addItem(tr("Attribute: %1").replace("%1", name),
                                      f"attribute:{name}")
        self.variable.setCurrentIndex(max(0, self.variable.findData(kept)))
        self.variable.blockSignals(False)
        _relabel(self.measure, [tr("Segments"), tr("Documents"), tr("Words")])
        self.percent.setText(tr("% of column"))
        self.bars.setText(tr("as bars"))
        self.chart_.setText(tr("Chart…"))

    def refresh(self) -> None:
        if self.project is None or self.variable.count() == 0 or self.measure.count() == 0:
            return
        try:
            found = self.project.analysis.matrix(
                self.variable.currentData(), measure=self.MEASURES[self.measure.currentIndex()],
                percent=self.percent.isChecked(), **self.window_.filters.where())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.found = found
        self.model.set_table([c.path for c in found.codes], [c.colour for c in found.codes],
                             found.columns, found.values, decimals=1 if found.percent else 0)

    def drill(self, index: QModelIndex) -> None:
        if self.project is None or self.found is None:
            return
        code, key = self.found.codes[index.row()], self.found.keys[index.column()]
        found = self.project.analysis.cell(code.id, key, self.found.variable,
                                           **self.window_.filters.where())
        ids = [s.coding_id for s in found if s.coding_id is not None]
        self.window_.show_segments(f"{code.path} × {self.found.columns[index.column()]}", ids)


class AnalysisWindow(QWidget):
    """Code relations, matrices, coding queries, sets, memos, words and networks in one window
    of tabs."""

    def __init__(self, project: Project | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from fieldkit.gui.memos_view import MemosView
        from fieldkit.gui.network_panel import NetworkPanel
        from fieldkit.gui.query_view import QueryView, SetsView
        from fieldkit.gui.words_view import WordsView

        self.project = project
        self.filters = Filters(self.refresh)
        self.status = QLabel()
        self.tabs = QTabWidget()
        self.relations = RelationsView(self)
        self.matrix = MatrixView(self)
        self.query = QueryView(self)
        self.sets = SetsView(self)
        self.memos = MemosView(self)
        self.words = WordsView(self)
        self.networks = NetworkPanel(self)
        for view in self.views():
            self.tabs.addTab(view, "")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        tab_keys.install(self, self.tabs)  # Ctrl+Tab, Ctrl+Page Down, … from anywhere here
        # a code, segment or memo dragged over the Networks tab's title opens that tab to drop on
        self.tabs.tabBar().setAcceptDrops(True)
        self.tabs.tabBar().setChangeCurrentOnDrag(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        self.dialogs: list[QDialog] = []
        self.resize(1000, 640)
        self.retranslate()
        self.set_project(project)

    def views(self) -> list[Any]:
        return [self.relations, self.matrix, self.query, self.sets, self.memos, self.words,
                self.networks]

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Analysis"))
        self.filters.retranslate()
        for i, label in enumerate((tr("Code relations"), tr("Code matrix"), tr("Coding query"),
                                   tr("Sets"), tr("Memos"), tr("Words"), tr("Networks"))):
            self.tabs.setTabText(i, label)
        for view in self.views():
            view.retranslate()
        if self.project is not None:
            self.filters.fill(self.project)
        self.refresh()

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.filters.condition.reset()
        if project is not None:
            self.filters.fill(project)
            self.matrix.retranslate()
            self.words.fill()
        self.refresh()

    def refresh(self) -> None:
        """Recompute the view in front (the others when they come to the front)."""
        self.status.clear()
        view = self.tabs.currentWidget()
        if self.project is not None and view is not None:
            view.refresh()  # type: ignore[attr-defined]

    def on_change(self) -> None:
        if self.project is not None:
            self.filters.fill(self.project)
            self.words.fill()
        if self.isVisible():
            self.refresh()

    # The main window is asked through the Qt parent, not held: a reference back to it would
    # keep a closed main window alive in a cycle.

    def open_at(self, doc_id: int, start: int, end: int) -> None:
        """Open a document in the main window with ``[start, end)`` selected."""
        opener = getattr(self.parentWidget(), "open_at", None)
        if opener is not None:
            opener(doc_id, start, end)

    def current_document(self) -> int | None:
        """The document in front in the main window, if any."""
        current = getattr(self.parentWidget(), "current_tab", None)
        tab = current() if current is not None else None
        return getattr(tab, "doc_id", None)

    def say(self, message: str) -> None:
        self.status.setText(message)

    def show_segments(self, title: str, coding_ids: list[int]) -> SegmentList | None:
        if self.project is None:
            return None
        dialog = SegmentList(self.project, title, coding_ids, self.open_at, self)
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.show()
        return dialog


def _relabel(combo: QComboBox, labels: list[str]) -> None:
    index = combo.currentIndex()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(labels)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
