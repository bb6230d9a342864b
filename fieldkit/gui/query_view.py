"""Coding queries and sets in the analysis window.

A query is typed in the language of ``fieldkit.analysis.query`` ("Peer help" AND "Time pressure",
A NOT B, A NEAR/10 B, A FOLLOWED BY B), optionally narrowed by a search; the regions it finds are
listed and open in their document, and go to Word with their citations; a query can be kept
with the project or turned into a document set. Sets are listed, made from an attribute value or
an attribute condition, and deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.core.filenames import safe_file_name
from fieldkit.gui import folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.analysis_models import RegionsModel
from fieldkit.gui.condition_field import WordCompleter
from fieldkit.gui.headers import share_the_width
from fieldkit.gui.i18n import ntr, tr

if TYPE_CHECKING:
    from fieldkit.gui.analysis_window import AnalysisWindow
    from fieldkit.project import Project


class QueryView(QWidget):
    """Type a coding query, run it, read and open the regions it finds."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.expression = QLineEdit()
        self.expression.returnPressed.connect(self.run)
        self.text = QLineEdit()
        self.text.returnPressed.connect(self.run)
        self.saved = QComboBox()
        self.saved.activated.connect(self._load)
        self.buttons = {name: QPushButton() for name in ("run", "save", "set", "word",
                                                                  "excel", "network")}
        self.buttons["run"].clicked.connect(self.run)
        self.buttons["save"].clicked.connect(lambda: self.save())
        self.buttons["set"].clicked.connect(lambda: self.make_set())
        self.buttons["word"].clicked.connect(lambda: self.export_docx())
        self.buttons["excel"].clicked.connect(lambda: self.export_xlsx())
        self.buttons["network"].clicked.connect(lambda: self.to_network())
        for name in ("word", "excel"):
            self.buttons[name].setEnabled(False)
        self.shown: tuple[str, str] = ("", "")  # the query and search behind the rows shown
        self.count = QLabel()
        self.model = RegionsModel(self)
        self.table = QTableView()
        speak_as(self.table, "Query results")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        share_the_width(self.table, [26, 16, 58])  # Document, Place, Text
        self.table.doubleClicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.expression, 3)
        top.addWidget(self.text, 1)
        top.addWidget(self.buttons["run"])
        below = QHBoxLayout()
        below.addWidget(self.saved, 1)
        below.addWidget(self.buttons["save"])
        below.addWidget(self.buttons["set"])
        below.addWidget(self.buttons["word"])
        below.addWidget(self.buttons["excel"])
        below.addWidget(self.buttons["network"])
        below.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(below)
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.expression.setPlaceholderText(tr('A coding query, e.g. "Peer help" AND '
                                              '"Time pressure", A NOT B, A NEAR/10 B'))
        self.text.setPlaceholderText(tr("Only where the text holds…"))
        for name, label in (("run", tr("Run")), ("save", tr("Keep query…")),
                            ("set", tr("Make document set…")), ("word", tr("Word…")),
                            ("excel", tr("Excel…")), ("network", tr("To network…"))):
            self.buttons[name].setText(label)
        self.buttons["network"].setToolTip(tr("Put the query's codes on the network in front "
                                              "of the Networks tab (or on a new one)"))
        self._fill_saved()

    def to_network(self, name: str | None = None) -> int | None:
        """Put the codes of the query on a network: the one in front of the Networks tab, or
        a new one (named ``name``; asked for when there is none), and show it."""
        project, panel = self.window_.project, self.window_.networks
        if project is None or not self.expression.text().strip():
            self.window_.say(tr("Type a coding query first."))
            return None
        try:
            codes = sorted(project.analysis.parse(self.expression.text()).code_ids())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        panel.refresh()
        key = panel.current() if name is None else None
        if key is None:
            key = panel.new_network(name)
            if key is None:
                return None
        panel.select(key)
        self.window_.tabs.setCurrentWidget(panel)
        panel.add_at([f"code:{c}" for c in codes])
        return key

    def _fill_saved(self) -> None:
        self.saved.clear()
        self.saved.addItem(tr("Kept queries"), None)
        if self.window_.project is not None:
            for q in self.window_.project.analysis.saved_queries():
                self.saved.addItem(q.name, q.expression)

    def _load(self, index: int) -> None:
        expression = self.saved.itemData(index)
        if expression:
            self.expression.setText(expression)
            self.run()

    def refresh(self) -> None:
        self._fill_saved()
        if self.expression.text().strip():
            self.run()

    def run(self) -> None:
        project = self.window_.project
        if project is None or not self.expression.text().strip():
            return
        try:
            found = project.analysis.segments(self.expression.text(), text=self.text.text(),
                                              **self.window_.filters.where())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            self.model.set_segments([])
            self.count.clear()
            for name in ("word", "excel"):
                self.buttons[name].setEnabled(False)
            return
        self.window_.say("")
        citations = project.retrieval.citations()
        self.model.set_segments(found, lambda seg: citations.citer(seg.document_id).cite(
            seg.start, seg.end).place(tr("beep")))
        self.shown = (self.expression.text().strip(), self.text.text().strip())
        for name in ("word", "excel"):
            self.buttons[name].setEnabled(bool(found))
        self.count.setText(ntr("%Ln segment(s)", len(found)))

    def export_docx(self, out: str | None = None) -> Path | None:
        """The segments shown, each quoted with its citation, to a Word file."""
        from fieldkit.exporters.query_report import write_query_report

        return self._export(out, ".docx", tr("Export to Word"), lambda project, target, mask:
                            write_query_report(project, self.shown[0], self.model.segments,
                                               target, text=self.shown[1], masker=mask))

    def export_xlsx(self, out: str | None = None) -> Path | None:
        """The segments shown to an Excel workbook (the layout of ``segments --xlsx``)."""
        from fieldkit.exporters import analysis_tables

        return self._export(out, ".xlsx", tr("Export to Excel"), lambda project, target, mask:
                            analysis_tables.write(
                                analysis_tables.segment_frames(self.model.segments, project,
                                                               mask), target,
                                project.created, mask))

    def _export(self, out: str | None, suffix: str, title: str,
                write: Callable[[Project, str, Any], Path]) -> Path | None:
        """Ask where (unless ``out``), write the segments shown (names replaced as the export
        dialog's pseudonym options say), say how it went."""
        from fieldkit.gui import pseudonym_choice

        project = self.window_.project
        if project is None or not self.model.segments:
            return None
        if out is None:
            shown_name = pseudonym_choice.masker(project)(project.name)
            name = safe_file_name(f"{shown_name} – {tr('coding query')}")
            out, _ = QFileDialog.getSaveFileName(
                self, title, folders.start_at("export", f"{name}{suffix}"), f"*{suffix}")
            if not out:
                return None
            folders.remember("export", out)
        mask = pseudonym_choice.masker(project)
        try:
            written = write(project, out, mask)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        self.window_.say(tr("Exported to {0}.").format(written))
        pseudonym_choice.warn_left(self, written, mask.warnings())
        return written

    def save(self, name: str | None = None) -> None:
        project = self.window_.project
        if project is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, tr("Keep query"), tr("Name"))
            if not ok:
                return
        try:
            project.analysis.save_query(name, self.expression.text())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self._fill_saved()

    def make_set(self, name: str | None = None) -> None:
        project = self.window_.project
        if project is None:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, tr("Make document set"), tr("Name"))
            if not ok:
                return
        try:
            made = project.sets.add_from_query(name, self.expression.text(),
                                               **self.window_.filters.where())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.window_.say(ntr("%Ln document(s) in the new set", len(made.members)))

    def _open(self, index: QModelIndex) -> None:
        s = self.model.segments[index.row()]
        self.window_.open_at(s.document_id, s.start, s.end)


class SetsView(QWidget):
    """The project's document sets and code sets."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.model = QStandardItemModel(self)
        self.table = QTableView()
        speak_as(self.table, "Document and code sets")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.attribute = QComboBox()
        self.value = QLineEdit()
        self.buttons = {name: QPushButton() for name in ("attribute", "delete")}
        self.buttons["attribute"].clicked.connect(lambda: self.from_attribute())
        self.buttons["delete"].clicked.connect(self.delete_selected)
        row = QHBoxLayout()
        row.addWidget(self.attribute)
        row.addWidget(self.value)
        row.addWidget(self.buttons["attribute"])
        row.addStretch(1)
        row.addWidget(self.buttons["delete"])
        # a set from a condition over several attributes ("afdeling = Lasserij en jaren < 5")
        self.condition = QLineEdit()
        speak_as(self.condition, "Attribute condition")
        self.condition_names = QStringListModel(self)
        completer = WordCompleter(self.condition_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.condition.setCompleter(completer)
        self.condition_kind = QComboBox()
        self.buttons["condition"] = QPushButton()
        self.buttons["condition"].clicked.connect(lambda: self.from_condition())
        by_condition = QHBoxLayout()
        by_condition.addWidget(self.condition, 1)
        by_condition.addWidget(self.condition_kind)
        by_condition.addWidget(self.buttons["condition"])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addLayout(by_condition)

    def retranslate(self) -> None:
        self.value.setPlaceholderText(tr("Value"))
        self.buttons["attribute"].setText(tr("New document set from attribute…"))
        self.buttons["delete"].setText(tr("Delete set"))
        self.condition.setPlaceholderText(tr("Condition, e.g. afdeling = Lasserij and jaren < 5"))
        self.buttons["condition"].setText(tr("New document set from condition…"))
        kind = self.condition_kind.currentIndex()
        self.condition_kind.clear()
        self.condition_kind.addItem(tr("documents that satisfy it"), "documents")
        self.condition_kind.addItem(tr("documents of cases that satisfy it"), "cases")
        self.condition_kind.setCurrentIndex(max(0, kind))
        self.refresh()

    def refresh(self) -> None:
        project = self.window_.project
        self.model.clear()
        self.model.setHorizontalHeaderLabels([tr("Set"), tr("Holds"), tr("Members"),
                                              tr("Description")])
        if project is None:
            return
        kinds = {"documents": tr("Documents"), "codes": tr("Codes")}
        for s in project.sets.all():
            items = [QStandardItem(s.name), QStandardItem(kinds[s.kind]),
                     QStandardItem("; ".join(s.labels)), QStandardItem(s.description)]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        kept = self.attribute.currentText()
        self.attribute.clear()
        self.attribute.addItems(project.analysis.attribute_names())
        if kept:
            self.attribute.setCurrentText(kept)
        self.condition_names.setStringList(project.analysis.attribute_names())

    def from_attribute(self, name: str | None = None) -> None:
        project = self.window_.project
        if project is None:
            return
        attribute, value = self.attribute.currentText(), self.value.text()
        if name is None:
            name, ok = QInputDialog.getText(self, tr("New document set"), tr("Name"),
                                            text=f"{attribute} = {value}")
            if not ok:
                return
        try:
            project.sets.add_from_attribute(name, attribute, value)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.window_.filters.fill(project)
        self.refresh()

    def from_condition(self, name: str | None = None) -> None:
        """A document set of the documents (or the cases' documents) whose attributes satisfy
        the condition typed beside the button (``project.sets.add_from_condition``)."""
        project = self.window_.project
        condition = self.condition.text().strip()
        if project is None:
            return
        if not condition:
            self.window_.say(tr("Type a condition first, e.g. afdeling = Lasserij."))
            return
        if name is None:
            name, ok = QInputDialog.getText(self, tr("New document set"), tr("Name"),
                                            text=condition)
            if not ok:
                return
        try:
            made = project.sets.add_from_condition(name, condition,
                                                   kind=self.condition_kind.currentData())
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.window_.filters.fill(project)
        self.refresh()
        self.window_.say(ntr("%Ln document(s) in the new set", len(made.members)))

    def delete_selected(self) -> None:
        project = self.window_.project
        rows = self.table.selectionModel().selectedRows()
        if project is None or not rows:
            return
        project.sets.delete(self.model.item(rows[0].row(), 0).text())
        self.window_.filters.fill(project)
        self.refresh()
