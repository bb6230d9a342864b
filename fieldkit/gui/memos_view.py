"""The Memos view: every memo (memo documents and the older code, coding and document memos),
filtered by type and words; the chosen memo is read beside its links, which open their material.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import folders
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.drag_mime import MEMO_MIME, ids_mime
from fieldkit.gui.i18n import tr
from fieldkit.operations.memos import Memo

if TYPE_CHECKING:
    from fieldkit.gui.analysis_window import AnalysisWindow

TYPE_LABELS = {"field diary": "Field diary", "reflexive": "Reflexive",
               "theoretical": "Theoretical", "methodological": "Methodological",
               "code memo": "Code memo", "coding memo": "Coding memo",
               "document memo": "Document memo"}


def type_label(memo_type: str) -> str:
    return tr(TYPE_LABELS[memo_type]) if memo_type in TYPE_LABELS else memo_type


class MemoListModel(QStandardItemModel):
    """The memos' rows; a memo document dragged out lands on a network."""

    def __init__(self, view: MemosView) -> None:
        super().__init__(view)
        self.view = view

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MEMO_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override] # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        memos = [self.view.memos[r] for r in rows if 0 <= r < len(self.view.memos)]
        documents = [m for m in memos if m.source == "memo"]  # the others are no documents
        return ids_mime(MEMO_MIME, [m.id for m in documents],
                        documents[0].title if documents else "")


class NewMemoDialog(QDialog):
    """Title, type (one of the usual or a new one) and text of a new memo."""

    def __init__(self, types: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New memo"))
        self.title = QLineEdit()
        self.type = QComboBox()
        self.type.setEditable(True)
        for t in types:
            self.type.addItem(type_label(t), t)
        self.text = QPlainTextEdit()
        speak_as(self.text, "Memo text")
        form = QFormLayout(self)
        form.addRow(tr("Title"), self.title)
        form.addRow(tr("Type"), self.type)
        form.addRow(tr("Text"), self.text)
        form.addRow(dialog_buttons(self))

    def chosen_type(self) -> str:
        index = self.type.findText(self.type.currentText())
        return self.type.itemData(index) if index >= 0 else self.type.currentText()


class MemosView(QWidget):
    """List, filter and read memos; write one; link it to the document in front."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.memos: list[Memo] = []
        self.type = QComboBox()
        self.type.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.buttons = {name: QPushButton() for name in ("new", "link", "expand", "trail")}
        self.buttons["trail"].clicked.connect(lambda: self.export_trail())
        self.buttons["expand"].clicked.connect(lambda: self.expand_current())
        self.buttons["new"].clicked.connect(lambda: self.new_memo())
        self.buttons["link"].clicked.connect(lambda: self.link_current_document())
        self.model = MemoListModel(self)
        self.table = QTableView()
        speak_as(self.table, "Memos")
        self.table.setModel(self.model)
        self.table.setDragEnabled(True)  # a memo onto a network
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(self.show_memo)
        self.table.doubleClicked.connect(self.open_memo)
        self.text = QPlainTextEdit()
        speak_as(self.text, "Memo text")
        self.text.setReadOnly(True)
        self.links = QListWidget()
        speak_as(self.links, "Linked documents and codes")
        self.links.itemDoubleClicked.connect(self._open_link)
        right = QSplitter()
        right.setOrientation(right.orientation().Vertical)
        right.addWidget(self.text)
        right.addWidget(self.links)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        # the filters on a row of their own: beside the four buttons, the words field was
        # squeezed to a few letters at the window's first width, in Dutch
        top = QHBoxLayout()
        top.addWidget(self.type)
        top.addWidget(self.search, 1)
        actions = QHBoxLayout()
        for name in ("new", "link", "expand", "trail"):
            actions.addWidget(self.buttons[name])
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(split)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Words in the title or text"))
        self.buttons["new"].setText(tr("New memo…"))
        self.buttons["link"].setText(tr("Link to the open document"))
        self.buttons["trail"].setText(tr("Memo trail to Word…"))
        self.buttons["expand"].setText(tr("Expand the open jotting"))
        self.refresh()

    def refresh(self) -> None:
        project = self.window_.project
        kept = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem(tr("Every type"), None)
        if project is not None:
            for t in [*project.memos.types(), "coding memo", "document memo"]:
                self.type.addItem(type_label(t), t)
        self.type.setCurrentIndex(max(0, self.type.findData(kept)))
        self.type.blockSignals(False)
        self.model.clear()
        self.model.setHorizontalHeaderLabels([tr("Date"), tr("Type"), tr("Author"), tr("Title")])
        self.memos = [] if project is None else project.memos.all(
            type=self.type.currentData(), text=self.search.text() or None)
        for memo in self.memos:
            items = [QStandardItem(x) for x in (memo.date, type_label(memo.type), memo.author,
                                                memo.title)]
            for item in items:
                item.setEditable(False)
                item.setDragEnabled(memo.source == "memo")
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
            self.model.appendRow(items)

    def show_memo(self, index: QModelIndex) -> None:
        memo = self.memos[index.row()]
        self.text.setPlainText(memo.text)
        self.links.clear()
        kinds = {"document": tr("Document"), "memo": tr("Memo"), "coding": tr("Segment"),
                 "code": tr("Code")}
        for link in memo.links:
            item = QListWidgetItem(f"{kinds[link.target]}: {link.label}")
            item.setData(256, (link.target, link.target_id))
            self.links.addItem(item)

    def open_memo(self, index: QModelIndex) -> None:
        """A memo document (or a document's memo) opens as a tab beside the material; a
        coding's memo opens its segment."""
        project, memo = self.window_.project, self.memos[index.row()]
        if project is None:
            return
        if memo.source in ("memo", "document memo"):
            self.window_.open_at(memo.id, 0, 0)
        elif memo.source == "coding memo":
            coding = project.coding(memo.id)
            if coding.start is not None and coding.end is not None:
                self.window_.open_at(coding.document_id, coding.start, coding.end)

    def expand_current(self) -> int | None:
        """The fieldnote in front, expanded into a full fieldnote that links back to it."""
        project, doc = self.window_.project, self.window_.current_document()
        if project is None or doc is None:
            self.window_.say(tr("Open the jotting (a fieldnote) to expand first."))
            return None
        try:
            made = project.memos.expand(doc)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        self.window_.open_at(made.id, 0, 0)
        return int(made.id)

    def selected(self) -> Memo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.memos[rows[0].row()] if rows else None

    def new_memo(self, title: str | None = None, text: str = "",
                 memo_type: str = "theoretical") -> Memo | None:
        project = self.window_.project
        if project is None:
            return None
        if title is None:
            dialog = NewMemoDialog(project.memos.types(), self)
            if not dialog.exec():
                return None
            title, text = dialog.title.text(), dialog.text.toPlainText()
            memo_type = dialog.chosen_type()
        try:
            made = project.memos.add(title, text, type=memo_type)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        self.refresh()
        return made

    def link_current_document(self) -> None:
        project, memo = self.window_.project, self.selected()
        target = self.window_.current_document()
        if project is None or memo is None or memo.source != "memo" or target is None:
            self.window_.say(tr("Choose a memo and open a document to link it to."))
            return
        try:
            project.memos.link(memo.id, "document", target)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return
        self.refresh()
        row = next(i for i, m in enumerate(self.memos) if (m.source, m.id) == ("memo", memo.id))
        self.table.selectRow(row)
        self.show_memo(self.model.index(row, 0))

    def export_trail(self, out: str | None = None) -> Path | None:
        """The memos shown (of the chosen type) in date order, with their links, to Word."""
        from fieldkit.exporters.memo_trail import write_memo_trail

        project = self.window_.project
        if project is None:
            return None
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self, tr("Memo trail to Word"),
                                                 folders.start_at("export", "memos.docx"),
                                                 "Word (*.docx)")
            if not out:
                return None
            folders.remember("export", out)
        from fieldkit.gui import pseudonym_choice

        mask = pseudonym_choice.masker(project)  # the export dialog's pseudonym options
        try:
            written = write_memo_trail(project, Path(out), type=self.type.currentData(),
                                       masker=mask)
        except FieldkitError as exc:
            self.window_.say(str(exc))
            return None
        pseudonym_choice.warn_left(self, written, mask.warnings())
        return written

    def _open_link(self, item: QListWidgetItem) -> None:
        project = self.window_.project
        target, key = item.data(256)
        if project is None:
            return
        if target == "coding":
            coding = project.coding(key)
            if coding.start is not None and coding.end is not None:
                self.window_.open_at(coding.document_id, coding.start, coding.end)
        elif target in ("document", "memo"):
            self.window_.open_at(key, 0, 0)
