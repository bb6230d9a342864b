"""Trees whose names get the width: a hidden header that does not size the columns.

The material and codebook trees hide their header (name, count and key explain themselves) and
size the count columns to their contents. Qt's ResizeToContents also measures the header's own
label even while the header is hidden, so in Dutch "Coderingen" took 101 of 199 pixels and the
names shrank to nothing on a 1024-pixel screen. This header measures nothing of its own while it
is hidden; the numbers alone set the width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
    QTreeView,
)


class QuietHeader(QHeaderView):
    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803
        if self.isHidden():
            return QSize(0, 0)
        return super().sectionSizeFromContents(logicalIndex)


def names_get_the_width(tree: QTreeView, columns: int) -> None:
    """Hide ``tree``'s header; column 0 stretches, the other ``columns - 1`` fit their numbers."""
    header = QuietHeader(Qt.Orientation.Horizontal, tree)
    tree.setHeader(header)
    header.hide()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    # the numbers' width from the first 200 rows shown, not 1,000 (Qt's default): a site of
    # thousands of ESM answers opened at start made each fit read 1,000 rows, several times
    header.setResizeContentsPrecision(200)


class _Shares(QObject):
    """Keeps a table's columns at their shares of its width until the researcher drags one."""

    def __init__(self, view: QAbstractItemView, header: QHeaderView, shares: list[float],
                 least: int, drop: list[int]) -> None:
        super().__init__(view)
        self.view, self.header, self.least, self.drop = view, header, least, drop
        total = sum(shares) or 1.0
        self.shares = [s / total for s in shares]
        self.ours = False
        self.dragged = False
        header.sectionResized.connect(self._resized)
        view.viewport().installEventFilter(self)

    def _resized(self, *_: object) -> None:
        if not self.ours:  # a drag by the researcher (a mouse button is down)
            self.dragged = self.dragged or bool(QApplication.mouseButtons())

    def fit(self) -> None:
        if self.dragged:
            return
        width = self.view.viewport().width()
        columns = min(len(self.shares), self.header.count())
        # a cramped table leaves out its least needed columns rather than cut every one short
        hidden = set(self.drop)
        for column in reversed(self.drop):
            if (columns - len(hidden) + 1) * self.least <= width * 0.6:
                hidden.discard(column)
        for column in self.drop:
            if column < columns:
                self.header.setSectionHidden(column, column in hidden)
        shown = [c for c in range(columns) if not self.header.isSectionHidden(c)]
        total = sum(self.shares[c] for c in shown) or 1.0
        sizes = {c: max(self.least, int(width * self.shares[c] / total)) for c in shown}
        if shown:  # rounding and minimums: the widest column gives or takes the difference
            widest = max(shown, key=lambda c: sizes[c])
            sizes[widest] = max(self.least, sizes[widest] + width - sum(sizes.values()))
        self.ours = True
        for column, size in sizes.items():
            self.header.resizeSection(column, size)
        self.ours = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def share_the_width(view: QAbstractItemView, shares: list[float], least: int = 48,
                    drop: list[int] | None = None) -> None:
    """Columns of ``view`` take ``shares`` of its width (each at least ``least`` pixels), and
    follow its size, so no column is cut short while space is free; a column the researcher
    drags keeps its width from then on. ``drop``: columns left out, first ones first, while
    the table is too narrow for them all."""
    if isinstance(view, QTableView):
        head = view.horizontalHeader()
    else:
        assert isinstance(view, QTreeView)
        head = view.header()
    head.setStretchLastSection(False)
    for column in range(len(shares)):
        head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    keeper = _Shares(view, head, shares, least, drop or [])
    view.setProperty("fkShares", True)
    keeper.fit()
