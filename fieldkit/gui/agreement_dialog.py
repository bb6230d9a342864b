"""The intercoder agreement dialog: choose coders, read the figures worst first, and open the
disagreeing segments of one code side by side.

The table sits on ``AgreementTableModel`` (a ``QAbstractTableModel`` over the rows of
``Project.agreement_dict``) behind a sort proxy; it starts sorted by kappa, lowest first, so the
codes the team most needs to talk about are on top. Double-clicking a row opens
``SideBySideDialog`` with each coder's segments of that code (in that document, or in every
document on a per-code row), unmatched segments and the stretches only some coders coded marked.
"""

from __future__ import annotations

import html
import math
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldkit.core.errors import FieldkitError
from fieldkit.gui import focus_order
from fieldkit.gui.accessibility import speak_as
from fieldkit.gui.dialog_buttons import dialog_buttons
from fieldkit.gui.i18n import number, tr
from fieldkit.operations.retrieval import Citations

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's dict

# NVivo's kappa (per code × document, weighted by length) and the pooled figures, each labelled.
COLUMNS = (("code_path", "Code"), ("document_title", "Document"), ("coders", "Coders"),
           ("percent", "Agreement % (pooled)"), ("kappa_weighted", "Kappa (NVivo)"),
           ("kappa", "Kappa (pooled)"), ("alpha", "Alpha"),
           ("a", "Both"), ("b", "Only first"), ("c", "Only second"), ("d", "Neither"))
KAPPA_COLUMN = 4
FIGURES = ("percent", "kappa_weighted", "kappa", "alpha")


def _number(value: float | None, digits: int) -> str:
    # "99,6" beside the spin box's "90 %" in Dutch, not "99.6"
    return "–" if value is None else number(value, digits)


class AgreementTableModel(QAbstractTableModel):
    """Rows of agreement figures (one per code, or per code × document, and pair of coders)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "coders":
                return " / ".join(value or ())
            if key == "code_path":
                return value or tr("(all codes)")
            if key == "document_title":
                return value or tr("(all documents)")
            if key == "percent":
                return _number(value, 1)
            if key in FIGURES:
                return _number(value, 3)
            return str(value)
        if role == SORT_ROLE:
            if key == "coders":
                return " / ".join(value or ())
            if isinstance(value, (int, float)):
                return float(value)
            if key in FIGURES:
                return math.inf  # undefined figures sort after the worst ones
            return (value or "").casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None


class SideBySideDialog(QDialog):
    """Each coder's segments of one code in one column, unmatched ones marked."""

    def __init__(self, views: list[Any], parent: QWidget | None = None,
                 citations: Citations | None = None) -> None:
        super().__init__(parent)
        self.views = views
        self.citations = citations
        coders = views[0].coders if views else []
        self.setWindowTitle(tr("Disagreements: {code}").format(
            code=views[0].code_path if views else ""))
        self.resize(1000, 600)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.columns: dict[str, QTextBrowser] = {}
        for coder in coders:
            browser = QTextBrowser()
            browser.setHtml(self._column_html(coder))
            self.columns[coder] = browser
            splitter.addWidget(browser)
        layout.addWidget(splitter)
        buttons = dialog_buttons(self, close=True)
        layout.addWidget(buttons)
        focus_order.chain([*self.columns.values(), buttons])  # the columns, then Close

    def _column_html(self, coder: str) -> str:
        parts = [f"<h3>{html.escape(coder)}</h3>"]
        for view in self.views:
            parts.append(f"<h4>{html.escape(view.document_title)}</h4>")
            segments = view.segments.get(coder, [])
            if not segments:
                parts.append(f"<p><i>{tr('No segments with this code.')}</i></p>")
            for seg in segments:
                mark = "✓" if seg.matched else "✗"
                style = "" if seg.matched else " style='background:#ffe0e0'"
                parts.append(
                    f"<p{style}><b>{mark} {self._place(view.document, seg.start, seg.end)}</b> "
                    f"({tr('best overlap')} {number(seg.best_overlap * 100)} %)<br>"
                    f"{html.escape(seg.quote)}</p>")
            alone = [d for d in view.differences if d.coded_by == [coder]]
            if alone:
                parts.append(f"<p><i>{tr('Only this coder coded:')}</i></p>")
                parts += [f"<p>{self._place(view.document, d.start, d.end)}: "
                          f"{html.escape(d.text)}</p>" for d in alone]
        return "".join(parts)

    def _place(self, document: int, start: int, end: int) -> str:
        """Where a span is, by paragraph (and timestamp or beep time), not by characters."""
        if self.citations is None:
            return f"{start}–{end}"
        return self.citations.citer(document).cite(start, end).place(tr("beep"))


class AgreementDialog(QDialog):
    """Choose coders and a threshold; see agreement per code (or per code and document)."""

    def __init__(self, project: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.report: Any = None
        self.setWindowTitle(tr("Intercoder agreement"))
        self.resize(1100, 650)

        self.coder_list = QListWidget()
        speak_as(self.coder_list, "Coders to compare")
        self.coder_list.setMaximumWidth(220)
        for i, coder in enumerate(project.coder_summaries()):
            item = QListWidgetItem(f"{coder.name} ({coder.codings})")
            item.setData(Qt.ItemDataRole.UserRole, coder.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i < 2 else Qt.CheckState.Unchecked)
            self.coder_list.addItem(item)
        self.threshold = QDoubleSpinBox()
        speak_as(self.threshold, "Agreement threshold")
        self.threshold.setDecimals(0)
        self.threshold.setRange(1.0, 100.0)
        self.threshold.setValue(90.0)
        self.threshold.setSuffix(" %")
        self.threshold.setToolTip(tr("Segment overlap (of the union) needed for a match"))
        self.level = QComboBox()
        self.level.addItem(tr("Per code"), "codes")
        self.level.addItem(tr("Per code and document"), "documents")
        self.level.currentIndexChanged.connect(self._show_rows)
        self.compute_button = QPushButton(tr("Compute"))
        self.compute_button.clicked.connect(self.compute)

        self.model = AgreementTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        speak_as(self.table, "Agreement per code")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(KAPPA_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.doubleClicked.connect(self.show_disagreements)
        self.summary = QLabel(tr("Choose two or more coders and press Compute."))
        self.summary.setWordWrap(True)

        side = QVBoxLayout()
        side.addWidget(QLabel(tr("Coders")))
        side.addWidget(self.coder_list)
        side.addWidget(QLabel(tr("Segment overlap")))
        side.addWidget(self.threshold)
        side.addWidget(self.level)
        side.addWidget(self.compute_button)
        main = QVBoxLayout()
        main.addWidget(self.summary)
        main.addWidget(self.table)
        row = QHBoxLayout(self)
        row.addLayout(side)
        row.addLayout(main, 1)
        if self.coder_list.count() >= 2:
            self.compute()

    def checked_coders(self) -> list[str]:
        items = (self.coder_list.item(i) for i in range(self.coder_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def compute(self) -> None:
        try:
            report = self.project.agreement.report(self.checked_coders(),
                                            threshold=self.threshold.value() / 100.0)
        except FieldkitError as error:
            self.report = None
            self.model.set_rows([])
            self.summary.setText(str(error))
            return
        self.report = report
        self.data = self.project.agreement.as_dict(report)
        lines = []
        for row in self.data["overall"]:
            lines.append(tr(
                "{coders}: NVivo kappa {nvivo} (per code × document, weighted by length; "
                "{uncoded} of {cells} cells nobody coded count as kappa 1 and raise it, "
                "{coded} without them); pooled: kappa {kappa}, {percent} % agreement; "
                "alpha {alpha}").format(
                coders=" / ".join(row["coders"]), nvivo=_number(row["kappa_weighted"], 3),
                uncoded=row["uncoded_cells"], cells=row["uncoded_cells"] + row["coded_cells"],
                coded=_number(row["kappa_weighted_coded"], 3), percent=_number(row["percent"], 1),
                kappa=_number(row["kappa"], 3), alpha=_number(row["alpha"], 3)))
        for seg in self.data["segments"]:
            lines.append(tr("{coders}: segments (MAXQDA, a pair counted once) {percent} % "
                            "agree, Brennan–Prediger kappa {kappa}").format(
                coders=" / ".join(seg["coders"]), percent=_number(seg["percent"], 1),
                kappa=_number(seg["kappa"], 3)))
        self.summary.setText("\n".join(lines))
        self._show_rows()

    def _show_rows(self) -> None:
        if self.report is None:
            return
        self.model.set_rows(self.data[self.level.currentData()])
        self.table.resizeColumnsToContents()

    def show_disagreements(self, index: QModelIndex) -> SideBySideDialog | None:
        row = self.proxy.data(index, ROW_ROLE)
        if not row or row.get("code") is None:
            return None
        coders = list(row["coders"])
        try:
            views = self.project.agreement.disagreements(row["code"], row.get("document"), coders,
                                               self.report.threshold)
        except FieldkitError as error:
            QMessageBox.warning(self, tr("Disagreements"), str(error))
            return None
        dialog = SideBySideDialog(views, self, self.project.retrieval.citations())
        dialog.show()
        return dialog
