"""The Words tab of the analysis window: the most frequent words of the chosen material, the
forms of each word, and a word cloud (``project.analysis.words``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.analysis.words import WordList
from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, number, tr

if TYPE_CHECKING:
    from fieldkit.gui.analysis_window import AnalysisWindow, ChartDialog
    from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class WordsModel(QAbstractTableModel):
    """A word list: word, count, documents, share of documents and the word's forms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found: WordList | None = None

    def show(self, found: WordList | None) -> None:
        self.beginResetModel()
        self.found = found
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.found is None else len(self.found.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Word"), tr("Count"), tr("Documents"), tr("Share of documents"),
                    tr("Forms"))[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.found is None:
            return None
        row = self.found.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.word, number(row.count), number(row.documents),
                    number(100 * row.share, 1) + " %",
                    ", ".join(f"{w} ({number(n)})" for w, n in row.variants))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class WordsView(QWidget):
    """Word frequencies of the project, a site, a code's segments or a speaker's turns."""

    def __init__(self, window: AnalysisWindow) -> None:
        super().__init__()
        self.window_ = window
        self.model = WordsModel(self)
        self.table = QTableView()
        speak_as(self.table, "Word frequencies")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # a word in context: the main window's search lists its hits (KWIC), to code them all
        self.table.activated.connect(self.in_context)
        self.site, self.code, self.speaker = QComboBox(), QComboBox(), QComboBox()
        self.top, self.shortest = QSpinBox(), QSpinBox()
        self.top.setRange(10, 1000)
        self.top.setValue(50)
        self.shortest.setRange(1, 30)
        self.shortest.setValue(3)
        self.labels = [QLabel() for _ in range(5)]
        self.cloud = QPushButton()
        self.cloud.clicked.connect(lambda: self.show_cloud())
        self.summary = QLabel()
        controls = QHBoxLayout()
        for label, widget in zip(self.labels, (self.site, self.code, self.speaker, self.top,
                                               self.shortest), strict=True):
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        for box in (self.site, self.code, self.speaker):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for spin in (self.top, self.shortest):
            spin.valueChanged.connect(lambda _v: self.refresh())
        controls.addStretch(1)
        controls.addWidget(self.cloud)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self.found: WordList | None = None

    @property
    def project(self) -> Project | None:
        return self.window_.project

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (tr("Site"), tr("Code"), tr("Speaker"),
                                             tr("Words"), tr("Shortest")), strict=True):
            label.setText(text)
        self.cloud.setText(tr("Word cloud…"))
        self.fill()

    def fill(self) -> None:
        """The choices of sites, codes and speakers, keeping what was chosen."""
        project = self.project
        if project is None:
            return
        book = project.codebook()
        for box, everything, items in (
                (self.site, tr("All sites"), [(s.name, s.name) for s in project.sites()]),
                (self.code, tr("Whole texts"),
                 [(book.path(c.id), c.id) for _, c in book.walk()]),
                (self.speaker, tr("Every speaker"),
                 [(s, s) for s in project.analysis.words.speakers()])):
            kept = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for label, key in items:
                box.addItem(label, key)
            found = box.findData(kept) if kept is not None else 0
            box.setCurrentIndex(max(0, found))
            box.blockSignals(False)

    def selection(self) -> dict[str, Any]:
        """The material chosen here and in the window's scope: its document set and its
        attribute condition ("Only where")."""
        scope = self.window_.filters.where()
        return {"site": self.site.currentData(), "code": self.code.currentData(),
                "speaker": self.speaker.currentData(), "document_set": scope["document_set"],
                "where": scope["where"]}

    def refresh(self) -> None:
        project = self.project
        if project is None:
            return
        try:
            self.found = project.analysis.words.frequencies(
                top=self.top.value(), min_length=self.shortest.value(), **self.selection())
        except FieldkitError as exc:
            self.found = None
            self.window_.say(str(exc))
        self.model.show(self.found)
        self.table.resizeColumnsToContents()
        if self.found is None:
            self.summary.clear()
            return
        self.summary.setText(ntr("%Ln word(s) counted", self.found.words) + ", " +
                             ntr("%Ln document(s)", self.found.documents) + ", " +
                             ntr("%Ln different word(s)", self.found.distinct))

    def in_context(self, index: QModelIndex) -> str | None:
        """Search the main window for a word's forms: its hits in context, each to open and
        all to code ("Code all hits…"). Returns the search run."""
        if self.found is None or not index.isValid():
            return None
        row = self.found.rows[index.row()]
        query = " OR ".join(f'"{form}"' for form, _ in row.variants)
        main: Any = self.window_.parentWidget()
        search = getattr(main, "search", None)
        if main is None or search is None or not hasattr(main, "focus_search"):
            return None
        main.focus_search()
        search.run(query)
        main.activateWindow()
        return query

    def show_cloud(self) -> ChartDialog | None:
        """The word cloud of the list, to save as PNG or SVG (with the pseudonym choices)."""
        from fieldkit.gui import pseudonym_choice
        from fieldkit.gui.analysis_window import ChartDialog

        project = self.project
        if project is None or self.found is None:
            return None
        where = self.selection()
        top, shortest = self.top.value(), self.shortest.value()
        cloud = project.analysis.words.cloud(top=top, min_length=shortest,
                                             title=tr("Most frequent words"), **where)
        dialog = ChartDialog(cloud, self, lambda: project.analysis.words.cloud(
            top=top, min_length=shortest, mask=pseudonym_choice.masker(project),
            title=tr("Most frequent words"), **where))
        self.window_.dialogs.append(dialog)
        dialog.show()
        return dialog
