"""The Words tab of the analysis window: the most frequent words of the chosen material, the
forms of each word, and a word cloud (``project.analysis.words``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.analysis.words import Keyness, WordList
from fieldkit.core.errors import FieldkitError
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.i18n import ntr, number, tr

if TYPE_CHECKING:
    from fieldkit.gui.analysis_window import AnalysisWindow, ChartDialog
    from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class _Rows(QAbstractTableModel):
    """A numbered table of ``found.rows``, five columns, the three middle ones numbers; the
    subclass names the columns (``headers``) and fills a row's cells (``cells``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found: Any = None

    def show(self, found: Any) -> None:
        self.beginResetModel()
        self.found = found
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.found is None else len(self.found.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.found is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(self.found.rows[index.row()])[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class WordsModel(_Rows):
    """A word list: word, count, documents, share of documents and the word's forms."""

    found: WordList | None

    def headers(self) -> tuple[str, ...]:
        return (tr("Word"), tr("Count"), tr("Documents"), tr("Share of documents"),
                tr("Forms"))

    def cells(self, row: Any) -> tuple[str, ...]:
        return (row.word, number(row.count), number(row.documents),
                number(100 * row.share, 1) + " %",
                ", ".join(f"{w} ({number(n)})" for w, n in row.variants))


class KeynessModel(_Rows):
    """Two materials compared: word, its count in A and in B, G² and where it is more
    frequent (relative to each material's size)."""

    found: Keyness | None

    def headers(self) -> tuple[str, ...]:
        return (tr("Word"), "A", "B", tr("Log-likelihood"), tr("More in"))

    def cells(self, row: Any) -> tuple[str, ...]:
        return (row.word, number(row.count_a), number(row.count_b),
                number(row.log_likelihood, 2), row.more_in)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and self.found is not None and section in (1, 2):
            return self.found.label_a if section == 1 else self.found.label_b
        return super().headerData(section, orientation, role)


class WordsView(QWidget):
    """Word frequencies of the project, a site, a code's segments or a speaker's turns; or
    that material compared with another group (the rest, a site, a speaker, a case or a
    document set) by log-likelihood."""

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
        self.keyed = KeynessModel(self)
        self.site, self.code, self.speaker = QComboBox(), QComboBox(), QComboBox()
        self.compare = QComboBox()  # another group, to compare by log-likelihood
        self.top, self.shortest = QSpinBox(), QSpinBox()
        self.top.setRange(10, 1000)
        self.top.setValue(50)
        self.shortest.setRange(1, 30)
        self.shortest.setValue(3)
        self.labels = [QLabel() for _ in range(6)]
        self.cloud = QPushButton()
        self.cloud.clicked.connect(lambda: self.show_cloud())
        self.summary = QLabel()
        # Two rows of choices, each list as wide as some 16 letters whatever it holds (a code's
        # path, a case's name): in one row they made the Analysis window 1,576 pixels wide in
        # Dutch, past a 1,366 or 1,440 pixel screen.
        controls = QGridLayout()
        pairs = zip(self.labels, (self.site, self.code, self.speaker, self.top, self.shortest,
                                  self.compare), strict=True)
        for at, (label, widget) in enumerate(pairs):
            label.setBuddy(widget)
            controls.addWidget(label, at // 3, 2 * (at % 3))
            controls.addWidget(widget, at // 3, 2 * (at % 3) + 1)
        for box in (self.site, self.code, self.speaker, self.compare):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for spin in (self.top, self.shortest):
            spin.valueChanged.connect(lambda _v: self.refresh())
        controls.setColumnStretch(6, 1)
        controls.addWidget(self.cloud, 1, 7)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self.found: WordList | None = None
        self.compared: Keyness | None = None

    @property
    def project(self) -> Project | None:
        return self.window_.project

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (tr("Site"), tr("Code"), tr("Speaker"),
                                             tr("Words"), tr("Shortest"), tr("Compare with")),
                               strict=True):
            label.setText(text)
        self.cloud.setText(tr("Word cloud…"))
        self.fill()

    def fill(self) -> None:
        """The choices of sites, codes and speakers, keeping what was chosen."""
        project = self.project
        if project is None:
            return
        book = project.codebook()
        groups = [(tr("the rest"), "rest")]
        groups += [(f"{tr('Site')}: {s.name}", f"site:{s.name}") for s in project.sites()]
        groups += [(f"{tr('Speaker')}: {s}", f"speaker:{s}")
                   for s in project.analysis.words.speakers()]
        groups += [(f"{tr('Case')}: {c.name}", f"case:{c.name}") for c in project.cases.all()]
        groups += [(f"{tr('Set')}: {s.name}", f"set:{s.name}") for s in project.sets.all()
                   if s.kind == "documents"]
        for box, everything, items in (
                (self.site, tr("All sites"), [(s.name, s.name) for s in project.sites()]),
                (self.code, tr("Whole texts"),
                 [(book.path(c.id), c.id) for _, c in book.walk()]),
                (self.speaker, tr("Every speaker"),
                 [(s, s) for s in project.analysis.words.speakers()]),
                (self.compare, tr("Nothing"), groups)):
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
        other = self.compare.currentData()
        self.found = self.compared = None
        try:
            if other:
                self.compared = project.analysis.words.compare(
                    other, top=self.top.value(), min_length=self.shortest.value(),
                    **self.selection())
            else:
                self.found = project.analysis.words.frequencies(
                    top=self.top.value(), min_length=self.shortest.value(), **self.selection())
        except FieldkitError as exc:
            self.window_.say(str(exc))
        self.model.show(self.found)
        self.keyed.show(self.compared)
        shown = self.keyed if other else self.model
        if self.table.model() is not shown:
            self.table.setModel(shown)
        self.table.resizeColumnsToContents()
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        if self.compared is not None:
            k = self.compared
            return (f"A: {k.label_a} (" + ntr("%Ln word(s) counted", k.words_a) + "); "
                    f"B: {k.label_b} (" + ntr("%Ln word(s) counted", k.words_b) + ")")
        if self.found is None:
            return ""
        return (ntr("%Ln word(s) counted", self.found.words) + ", " +
                ntr("%Ln document(s)", self.found.documents) + ", " +
                ntr("%Ln different word(s)", self.found.distinct))

    def in_context(self, index: QModelIndex) -> str | None:
        """Search the main window for a word's forms: its hits in context, each to open and
        all to code ("Code all hits…"). Returns the search run."""
        shown: Any = self.compared if self.compare.currentData() else self.found
        if shown is None or not index.isValid():
            return None
        row = shown.rows[index.row()]
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
