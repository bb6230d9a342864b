"""Item models of the analysis views: a coloured table of numbers (code relations, matrices) and
a list of text regions (coding query results)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from fieldkit.gui import contrast
from fieldkit.gui.i18n import tr
from fieldkit.operations.analysis import Segment

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEAT = QColor("#1a73e8")
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


def heat(fraction: float) -> QColor:
    """White for nothing, deep blue for the largest value (MAXQDA's relations browser); in
    high contrast black for nothing, a dark blue that white text reads on for the largest."""
    f = max(0.0, min(1.0, fraction))
    if contrast.active():
        top = contrast.tint(HEAT.name())
        return QColor(round(top.red() * f), round(top.green() * f), round(top.blue() * f))
    return QColor(round(255 - (255 - HEAT.red()) * f), round(255 - (255 - HEAT.green()) * f),
                  round(255 - (255 - HEAT.blue()) * f))


def text_for(background: QColor) -> QColor:
    """Black or white text, whichever has the higher contrast (WCAG) on ``background``."""
    black, white = QColor("#202020"), QColor("#ffffff")
    return black if contrast.ratio(black, background) >= contrast.ratio(white, background) \
        else white


class HeatTableModel(QAbstractTableModel):
    """Rows of codes × columns of anything, each cell shaded by its share of the largest value.

    ``skip_diagonal`` leaves the diagonal (a code with itself) grey and out of the scale.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[str] = []
        self.colours: list[str] = []
        self.columns: list[str] = []
        self.values: list[list[float]] = []
        self.skip_diagonal = False
        self.decimals = 0
        self._top = 1.0

    def set_table(self, rows: list[str], colours: list[str], columns: list[str],
                  values: list[list[float]], *, skip_diagonal: bool = False,
                  decimals: int = 0) -> None:
        self.beginResetModel()
        self.decimals = decimals
        self.rows, self.colours, self.columns, self.values = rows, colours, columns, values
        self.skip_diagonal = skip_diagonal
        cells = [v for i, row in enumerate(values) for j, v in enumerate(row)
                 if not (skip_diagonal and i == j)]
        self._top = max(cells, default=0) or 1.0
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        names = self.columns if horizontal else self.rows
        if not 0 <= section < len(names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return names[section] if not horizontal or len(names[section]) < 24 \
                else names[section].rsplit("/", 1)[-1][:24]
        if role == Qt.ItemDataRole.ToolTipRole:
            return names[section]
        if role == Qt.ItemDataRole.DecorationRole and not horizontal and self.colours:
            return QColor(self.colours[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.values[index.row()][index.column()]
        diagonal = self.skip_diagonal and index.row() == index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(value)
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            back = QColor(contrast.PANEL if contrast.active() else "#e8e8e8") if diagonal \
                else heat(value / self._top)
            return QBrush(back if role == Qt.ItemDataRole.BackgroundRole else text_for(back))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.rows[index.row()]} × {self.columns[index.column()]}: {self.text(value)}"
        return None

    def text(self, value: float) -> str:
        return f"{value:.{self.decimals}f}" if self.decimals else str(int(round(value)))


class RegionsModel(QAbstractTableModel):
    """Text regions a coding query found: document, place and the text itself."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.segments: list[Segment] = []
        self._cite: Callable[[Segment], str] | None = None
        self._places: dict[int, str] = {}

    def set_segments(self, segments: list[Segment],
                     cite: Callable[[Segment], str] | None = None) -> None:
        """Show ``segments``; ``cite`` gives each its place (¶, time, beep) when it is shown."""
        self.beginResetModel()
        self.segments = segments
        self._cite, self._places = cite, {}
        self.endResetModel()

    def place(self, row: int) -> str:
        s = self.segments[row]
        if self._cite is None:
            return f"{s.start}–{s.end}"
        if row not in self._places:
            self._places[row] = self._cite(s)
        return self._places[row]

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.segments)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < 3:
            return (tr("Document"), tr("Place"), tr("Text"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.segments[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return self.place(index.row())
            return (s.document, "", " ".join(s.text.split())[:200])[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return s.text
        return None

