"""The search dock: a query box, hits as keyword-in-context lines, "code all hits"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import style
from fieldkit.gui.accessibility import speak_as, tell
from fieldkit.gui.elided_label import ElidedLabel
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.said import say
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SCOPES = (("hit", "the words found"), ("turn", "the whole turn"),
          ("paragraph", "the whole paragraph"))


class HitsModel(QAbstractTableModel):
    """Columns: document, text before, the match, text after."""

    HEADERS = ("Document", "Before", "Match", "After")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[Any] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_hits(self, hits: list[Any]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return hit.title
            text = (hit.before, hit.match, hit.after)[col - 1]
            return " ".join(str(text).split())
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return style.kind_icon(hit.kind)
        if role == Qt.ItemDataRole.FontRole and col == 2:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return style.paint("accent")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignRight if col == 1 else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = " · ".join(str(x) for x in (hit.site, hit.visit, hit.speaker) if x)
            return f"{hit.title}\n{where}\n\n{hit.snippet}" if where else hit.snippet
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section]) if 0 <= section < 4 else None
        return None


class _ElideLeft(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft  # type: ignore[attr-defined]


class SearchPanel(QWidget):
    """Emits ``open_hit(hit)``; ``code_all(query, scope)`` asks the window for a code."""

    open_hit = Signal(object)
    code_all = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run)
        self.query.installEventFilter(self)
        self.help_button = QPushButton("?")
        self.help_button.setFixedWidth(30)
        self.help_button.clicked.connect(self.show_help)
        self.scope = QComboBox()
        self.code_button = QPushButton()
        self.code_button.clicked.connect(self._code_all)
        self.code_button.setEnabled(False)
        self.summary = ElidedLabel()  # what does not fit ends in "…", all of it in the tooltip
        self.summary.setObjectName("hint")
        top = QHBoxLayout()
        # the summary can be long; it must not make the dock wider than a small screen
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.query, 2)
        top.addWidget(self.help_button)
        top.addWidget(self.summary, 1)
        top.addWidget(self.code_button)
        top.addWidget(self.scope)
        self.model = HitsModel(self)
        self.table = QTableView()
        speak_as(self.table, "Search hits")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(1, _ElideLeft(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 200)
        self.table.activated.connect(self._open)
        self.table.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.last_query = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(
            tr('Search, e.g.  "learning by doing"  OR  mistake*  speaker:operator'))
        self.help_button.setToolTip(tr("How to write a query"))
        self.code_button.setText(tr("Code all hits…"))
        current = self.scope.currentIndex()
        self.scope.clear()
        for _key, label in SCOPES:
            self.scope.addItem(tr(label))
        self.scope.setCurrentIndex(max(current, 0))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.model.set_hits([])
        self.summary.setText("")
        self.code_button.setEnabled(False)

    def run(self, text: str | None = None) -> None:
        if text is not None:
            self.query.setText(text)
        query = self.query.text().strip()
        if self.project is None or not query:
            return
        try:
            result = self.project.search(query, limit=500)
        except FieldkitError as exc:
            self.model.set_hits([])
            self.summary.setText(str(exc))
            tell(self.query, str(exc))
            self.code_button.setEnabled(False)
            return
        self.last_query = query
        self.model.set_hits(result.hits)
        shown = len(result.hits)
        text_ = ntr("%Ln hit(s)", result.total)
        if shown < result.total:
            text_ += " " + tr("(first {0} shown)").format(shown)
        # hits on codes and in memo fields are shown but cannot be coded: say how many
        not_codable = sum(1 for h in result.hits if h.field not in ("text", "caption"))
        if not_codable:
            text_ += " " + ntr("(%Ln in the codebook or memos, not codable)", not_codable)
        if result.note:
            text_ += " — " + say(result.note)
        self.summary.setText(text_)
        tell(self.query, text_)  # a screen reader user hears the count where they typed
        self.code_button.setEnabled(len(result.hits) > not_codable or shown < result.total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down in the search box goes to the results (Enter there opens one)."""
        if (watched is self.query and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.model.rowCount()):
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_hit.emit(self.model.hits[index.row()])

    def _code_all(self) -> None:
        if self.last_query:
            self.code_all.emit(self.last_query, SCOPES[self.scope.currentIndex()][0])

    def show_help(self) -> None:
        from fieldkit.index import QUERY_HELP

        box = QMessageBox(self)
        box.setWindowTitle(tr("How to write a query"))
        box.setText(f"<pre>{QUERY_HELP}</pre>")
        box.exec()
