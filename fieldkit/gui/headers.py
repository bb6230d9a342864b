"""Trees whose names get the width: a hidden header that does not size the columns.

The material and codebook trees hide their header (name, count and key explain themselves) and
size the count columns to their contents. Qt's ResizeToContents also measures the header's own
label even while the header is hidden, so in Dutch "Coderingen" took 101 of 199 pixels and the
names shrank to nothing on a 1024-pixel screen. This header measures nothing of its own while it
is hidden; the numbers alone set the width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QTreeView


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
