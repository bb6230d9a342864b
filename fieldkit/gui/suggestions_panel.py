"""The suggestions panel: review codes proposed by the offline model, one by one, by keyboard.

J / ↓ next, K / ↑ previous, A accept, R reject (remembered), S skip. A threshold slider filters the
list and "Accept all shown" accepts everything at or above it as one undo step. Selecting a
suggestion emits ``suggestionSelected(document_id, start, end)`` (code points) so the main window
can select the passage in the viewer. The chooser's first entry, "All documents", reviews the
uncoded text of the whole project, most confident first; like training, it runs off the GUI thread
with progress and Cancel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldkit.assist import DEFAULT_THRESHOLD
from fieldkit.assist.results import Suggestion
from fieldkit.core.errors import Cancelled, FieldkitError
from fieldkit.core.progress import CancelToken
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, tr
from fieldkit.project import Project

FLOOR = 0.2  # suggestions below this confidence are never listed
ALL = -1  # the chooser's "All documents" entry
ALL_LIMIT = 2000  # the most confident suggestions listed for all documents
Index = QModelIndex | QPersistentModelIndex


class SuggestionsModel(QAbstractTableModel):
    """Suggestions at or above a threshold: confidence, code, passage."""

    HEADERS = ("Confidence", "Code", "Passage")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[Suggestion] = []
        self.shown: list[Suggestion] = []
        self.threshold = DEFAULT_THRESHOLD

    def set_suggestions(self, found: list[Suggestion]) -> None:
        self.beginResetModel()
        self._all = list(found)
        self.shown = [s for s in self._all if s.confidence >= self.threshold]
        self.endResetModel()

    def set_threshold(self, value: float) -> None:
        self.threshold = value
        self.set_suggestions(self._all)

    def remove(self, row: int) -> Suggestion:
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self.shown.pop(row)
        self._all.remove(gone)
        self.endRemoveRows()
        return gone

    def discard(self, gone: list[Suggestion]) -> None:
        """Leave out these suggestions (accepted or rejected elsewhere)."""
        drop = {id(s) for s in gone}
        self.set_suggestions([s for s in self._all if id(s) not in drop])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.shown):
            return None
        s = self.shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{s.confidence:.0%}", s.code, s.quote.replace("\n", " "))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.quote
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class SuggestionsPanel(QWidget):
    """Suggested codings for one document or all uncoded text, reviewed with the keyboard."""

    suggestionSelected = Signal(int, int, int)  # document id, start, end (code points)
    codingsChanged = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document_id: int | None = None  # None with "All documents"
        self.all_documents = False
        self.model = SuggestionsModel(self)
        self._asked = 0  # the latest background suggesting; older answers are dropped
        self._all_token: CancelToken | None = None

        self.documents = QComboBox()
        # titles can be long: the chooser must not make the dock (and window) wider
        self.documents.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.documents.setMinimumContentsLength(12)
        self.documents.currentIndexChanged.connect(self._document_chosen)
        self.train_button = QPushButton()
        self.train_button.clicked.connect(self.train)
        self.facts = QLabel()
        self.facts.setWordWrap(True)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        speak_as(self.slider, "Lowest confidence shown")
        self.slider.setRange(int(FLOOR * 100), 100)
        self.slider.setValue(int(DEFAULT_THRESHOLD * 100))
        self.slider.valueChanged.connect(self._threshold_changed)
        self.slider.setMinimumWidth(50)
        self.threshold_label = QLabel()
        self.at_least = QLabel()
        self.accept_all_button = QPushButton()
        self.accept_all_button.clicked.connect(self.accept_all)

        self.table = QTableView()
        speak_as(self.table, "Suggested codings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 140)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.installEventFilter(self)
        self.table.setMinimumHeight(60)
        self.empty = QLabel()  # why the list is empty, when it is
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.like = QLabel()
        self.reasons = QTextBrowser()
        self.reasons.setMaximumHeight(140)
        self.reasons.setMinimumHeight(36)  # short screens: the list keeps the room
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.documents, 1)
        top.addWidget(self.train_button)
        limit = QHBoxLayout()
        limit.addWidget(self.at_least)
        limit.addWidget(self.slider, 1)
        limit.addWidget(self.threshold_label)
        limit.addWidget(self.accept_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addLayout(limit)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.like)
        layout.addWidget(self.reasons)
        layout.addWidget(self.hint)
        self.model.modelReset.connect(self._explain_empty)
        self.model.rowsRemoved.connect(self._explain_empty)
        self.retranslate()
        self._threshold_changed(self.slider.value())
        self._fill_documents()
        self._show_facts()

    def retranslate(self) -> None:
        """(Re)label the panel in the current language."""
        self.train_button.setText(tr("Train"))
        self.train_button.setToolTip(tr("Learn suggestions from the codings made so far "
                                        "(on this computer)"))
        self.at_least.setText(tr("At least"))
        self.accept_all_button.setText(tr("Accept all shown"))
        self.like.setText(tr("Like these coded segments:"))
        self.hint.setText(tr("J/K next/previous · A accept · R reject · S skip"))
        if self.documents.count():
            self.documents.setItemText(0, tr("All documents"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._show_facts()
        self._explain_empty()

    def follow(self, document_id: int) -> None:
        """The main window shows another document: show its suggestions (not with "All")."""
        if self.all_documents or document_id == self.document_id:
            return
        if self.documents.findData(document_id) >= 0:
            self.set_document(document_id)

    def _explain_empty(self, *_: object) -> None:
        """Say why the list is empty: nothing learned, all below the threshold, or none."""
        if self.model.shown:
            self.empty.hide()
            return
        below = len(self.model._all)
        if self.project.assist.facts() is None:
            text = tr("No model yet: press Train to learn from the codings made so far.")
        elif below:
            text = ntr("%Ln suggestion(s) below the threshold of {0}: lower “At least” to "
                       "see them.", below).format(f"{self.slider.value()}%")
        elif self.all_documents:
            text = tr("No suggestions for the uncoded text.")
        else:
            text = tr("No suggestions for this document: its uncoded text looks like none "
                      "of the codes.")
        self.empty.setText(text)
        self.empty.show()

    # -- what is shown ---------------------------------------------------------------------

    def _fill_documents(self) -> None:
        self.documents.blockSignals(True)
        self.documents.clear()
        self.documents.addItem(tr("All documents"), ALL)
        for d in self.project.documents():
            if d.chars:
                self.documents.addItem(d.title, d.id)
        self.documents.blockSignals(False)
        current = _current_document(self.parent())
        if current is not None:
            self.set_document(current)
        elif self.documents.count() > 1:
            self.set_document(int(self.documents.itemData(1)))

    def _show_facts(self) -> None:
        facts = self.project.assist.facts()
        if facts is None:
            self.facts.setText(tr("No suggestions yet: press Train to learn from the codings "
                                  "made so far. Nothing leaves this computer."))
        else:
            self.facts.setText(
                ntr("Learned from %Ln coding(s) by {0} ({1}).", facts["codings"]).format(
                    ", ".join(facts["coders"]), facts["trained"][:10]))

    def set_document(self, document_id: int) -> None:
        """Show the suggestions for one document (also selects it in the chooser)."""
        self.document_id = document_id
        self.all_documents = False
        self._choose(document_id)
        self.refresh()

    def set_all_documents(self) -> None:
        """Review the uncoded text of every document (suggested in the background)."""
        self.document_id = None
        self.all_documents = True
        self._choose(ALL)
        self.refresh()

    def _choose(self, data: int) -> None:
        index = self.documents.findData(data)
        if index >= 0 and index != self.documents.currentIndex():
            self.documents.blockSignals(True)
            self.documents.setCurrentIndex(index)
            self.documents.blockSignals(False)

    def refresh(self) -> None:
        self._asked += 1
        if self._all_token is not None:  # a run for all documents no longer wanted
            self._all_token.cancel()
            self._all_token = None
        if self.all_documents and self.project.assist.facts() is not None:
            self.model.set_suggestions([])
            self._select(0)
            self._suggest_all()
            return
        found: list[Suggestion] = []
        if self.document_id is not None and self.project.assist.facts() is not None:
            try:
                found = self.project.assist.suggest(self.document_id, threshold=FLOOR)
            except FieldkitError as exc:
                self.facts.setText(str(exc))
        self.model.set_suggestions(found)
        self._select(0)

    def _suggest_all(self) -> None:
        """Suggest for all uncoded text off the GUI thread (progress dialog with Cancel)."""
        from fieldkit.gui.runner import JobRunner

        self._runner = getattr(self, "_runner", None) or JobRunner(self)
        asked = self._asked

        def done(found: list[Suggestion]) -> None:
            if asked != self._asked:
                return
            self._all_token = None
            self.model.set_suggestions(found)
            self._select(0)
            self._show_facts()
            if len(found) >= ALL_LIMIT:
                self.facts.setText(self.facts.text() + " " + tr(
                    "Showing the {0} most confident suggestions.").format(ALL_LIMIT))

        def failed(exc: BaseException) -> None:
            if asked != self._asked:
                return
            self._all_token = None
            self.facts.setText(tr("Cancelled; nothing was changed.")
                               if isinstance(exc, Cancelled) else str(exc))

        self._all_token = self._runner.run(
            tr("Suggesting codes for all documents"),
            lambda progress: self.project.assist.suggest_all(threshold=FLOOR, limit=ALL_LIMIT,
                                                      progress=progress),
            done, failed=failed)

    def _document_chosen(self, index: int) -> None:
        if index < 0:
            return
        data = int(self.documents.itemData(index))
        if data == ALL:
            self.set_all_documents()
        else:
            self.set_document(data)

    def _threshold_changed(self, value: int) -> None:
        self.threshold_label.setText(f"{value}%")
        row = self.current_row()
        self.model.set_threshold(value / 100)
        self._select(max(0, row))
        self._explain_empty()

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current(self) -> Suggestion | None:
        row = self.current_row()
        return self.model.shown[row] if 0 <= row < len(self.model.shown) else None

    def _select(self, row: int) -> None:
        if not self.model.shown:
            self.table.clearSelection()
            self.reasons.clear()
            return
        row = min(max(row, 0), len(self.model.shown) - 1)
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        s = self.current()
        if s is None:
            self.reasons.clear()
            return
        self.reasons.setPlainText("\n\n".join(
            f"#{r.coding_id} ({r.similarity:.0%}): {r.quote}" for r in s.reasons))
        self.suggestionSelected.emit(s.document_id, s.start, s.end)

    # -- review ----------------------------------------------------------------------------

    def next(self) -> None:
        self._select(self.current_row() + 1)

    def previous(self) -> None:
        self._select(self.current_row() - 1)

    skip = next

    def accept(self) -> None:
        row, s = self.current_row(), self.current()
        if s is None:
            return
        if self._try(lambda: self.project.assist.accept(s)):
            self.model.remove(row)
            self._select(row)
            self.codingsChanged.emit()

    def reject(self) -> None:
        row, s = self.current_row(), self.current()
        if s is None:
            return
        if self._try(lambda: self.project.assist.reject(s)):
            self.model.remove(row)
            self._select(row)

    def accept_all(self) -> None:
        shown = list(self.model.shown)
        if shown and self._try(lambda: self.project.assist.accept_all(
                shown, threshold=self.model.threshold)):
            self.codingsChanged.emit()
            if self.all_documents:  # no need to ask again: what was shown is coded now
                self.model.discard(shown)
                self._select(0)
            else:
                self.refresh()

    def _try(self, action: Any) -> bool:
        try:
            action()
        except FieldkitError as exc:
            self.facts.setText(str(exc))
            self.refresh()
            return False
        return True

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress and not event.modifiers():
            handler = {Qt.Key.Key_J: self.next, Qt.Key.Key_Down: self.next,
                       Qt.Key.Key_K: self.previous, Qt.Key.Key_Up: self.previous,
                       Qt.Key.Key_A: self.accept, Qt.Key.Key_R: self.reject,
                       Qt.Key.Key_S: self.skip}.get(Qt.Key(event.key()))
            if handler is not None:
                handler()
                return True
        return super().eventFilter(watched, event)

    # -- training --------------------------------------------------------------------------

    def train(self) -> None:
        """Retrain in the background (progress dialog with Cancel), then show new suggestions."""
        from fieldkit.gui.runner import JobRunner

        self._runner = getattr(self, "_runner", None) or JobRunner(self)
        self.train_button.setEnabled(False)

        def done(_summary: Any) -> None:
            self.train_button.setEnabled(True)
            self._show_facts()
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.train_button.setEnabled(True)
            self.facts.setText(str(exc))

        self._runner.run(tr("Learning suggestions"),
                         lambda progress: self.project.assist.train(progress=progress),
                         done, failed=failed)


def _current_document(window: Any) -> int | None:
    """The document open in the main window's current tab, when there is one."""
    tab = getattr(window, "current_tab", lambda: None)()
    doc_id = getattr(tab, "doc_id", None)
    return int(doc_id) if doc_id is not None else None
