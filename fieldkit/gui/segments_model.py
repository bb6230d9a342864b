"""The table of the coded-segments view: one row per coding, filled in as it scrolls.

The query (``project.retrieval.segments(..., light=True)``) returns codings without their texts;
the model shows them a page at a time (``canFetchMore``/``fetchMore``), reads a page's quotes,
context and memos when a row of it is first painted, and works out a row's citation only then,
so a code with thousands of segments opens at once on the large demo.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from fieldkit.core.errors import FieldkitError
from fieldkit.core.model import Coding
from fieldkit.gui.drag_mime import SEGMENT_MIME, ids_mime
from fieldkit.gui.i18n import tr
from fieldkit.operations.retrieval import Citations
from fieldkit.project import Project

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
CODING_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200
QUOTE_CHARS = 160
COLUMNS = ("Code", "Segment", "Context", "Document", "Where", "Coder", "Memo")


def one_line(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class SegmentsModel(QAbstractTableModel):
    """Rows of codings with code, quote, context, citation, coder and memo."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.codings: list[Coding] = []  # light: ids, positions and codes only
        self._full: dict[int, Coding] = {}
        self._shown = 0
        self._citations: Citations | None = None
        self._places: dict[int, str] = {}
        self._paths: dict[int, str] = {}
        self._colours: dict[int, str] = {}
        self._coders: dict[int, str] = {}
        self._titles: dict[int, str] = {}

    def load_lookups(self, project: Project | None) -> None:
        """Code paths and colours, coder names and document titles (after those change)."""
        self.project = project
        book = project.codebook() if project is not None else None
        self._paths = {key: book.path(key) for key in book.codes} if book else {}
        self._colours = {key: code.colour for key, code in book.codes.items()} if book else {}
        self._coders = {c.id: c.name for c in project.coders()} if project else {}
        self._titles = {d.id: d.title for d in project.documents()} if project else {}

    def set_codings(self, project: Project | None, codings: list[Coding]) -> None:
        """Show ``codings`` (first page at once, the rest as the view scrolls)."""
        self.beginResetModel()
        if project is not self.project:
            self.load_lookups(project)
        self.codings = codings
        self._full = {}
        self._shown = min(PAGE, len(codings))
        self._places = {}
        self._citations = project.retrieval.citations() if project is not None else None
        self.endResetModel()

    def coding_at(self, row: int) -> Coding | None:
        """The full coding shown in ``row`` (its page is read on first use)."""
        if not 0 <= row < self._shown:
            return None
        light = self.codings[row]
        full = self._full.get(light.id)
        if full is None and self.project is not None:
            first = row - row % PAGE
            keys = [c.id for c in self.codings[first:first + PAGE]]
            self._full.update((c.id, c) for c in self.project.retrieval.by_id(keys))
            full = self._full.get(light.id)
        return full or light  # gone since the query: the refresh that follows drops it

    def row_of(self, coding_id: int) -> int | None:
        for row, coding in enumerate(self.codings):
            if coding.id == coding_id:
                if row >= self._shown:
                    self.fetch_to(row)
                return row
        return None

    def fetch_to(self, row: int) -> None:
        while self._shown <= row and self.canFetchMore(ROOT):
            self.fetchMore(ROOT)

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and self._shown < len(self.codings)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = min(PAGE, len(self.codings) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(ROOT, self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    # a row dragged out is its coding (onto a network, in the Analysis window)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [SEGMENT_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override] # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self.codings[r].id for r in rows if 0 <= r < self._shown]
        first = self.coding_at(rows[0]) if rows else None
        return ids_mime(SEGMENT_MIME, ids, one_line(first.quote) if first else "")

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        coding = self.coding_at(index.row())
        if coding is None:
            return None
        column = index.column()
        if role == CODING_ROLE:
            return coding.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(coding, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (1, 2):
                return self._context(coding, limit=2000)
            if column == 6 and coding.memo:
                return coding.memo
            return self._text(coding, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(self._colours.get(coding.code_id, "#808080"))
        return None

    def _text(self, coding: Coding, column: int) -> str:
        if column == 0:
            return self._paths.get(coding.code_id, "?")
        if column == 1:
            if coding.region is not None:
                r = coding.region
                if r.page is not None:  # a PDF's area: its text, else its size in points
                    return one_line(coding.quote) or \
                        tr("Area of page {0}, {1}×{2} pt").format(r.page, r.width, r.height)
                return tr("Photo region {0}×{1} px").format(r.width, r.height)
            return one_line(coding.quote)
        if column == 2:
            return self._context(coding)
        if column == 3:
            return self._titles.get(coding.document_id, "?")
        if column == 4:
            return self.place(coding)
        if column == 5:
            return self._coders.get(coding.coder_id, "?")
        return one_line(coding.memo, 80)

    def _context(self, coding: Coding, limit: int = QUOTE_CHARS * 2) -> str:
        if coding.region is not None:
            return one_line(coding.quote, limit)
        return one_line(f"…{coding.before}«{coding.quote}»{coding.after}…", limit)

    def place(self, coding: Coding) -> str:
        """Where in its document: ``Ahmed · ¶ 12 · 00:14:32`` (speaker, paragraph, time)."""
        known = self._places.get(coding.id)
        if known is not None:
            return known
        parts: list[str] = []
        if self._citations is not None:
            try:
                cited = self._citations.of(coding)
            except FieldkitError:  # the document went away under us; the refresh follows
                cited = None
            if cited is not None:
                if cited.speaker:
                    parts.append(cited.speaker)
                parts.append(cited.place(tr("beep")))
        if coding.orphaned:
            parts.append(tr("text gone"))
        text = " · ".join(p for p in parts if p)
        self._places[coding.id] = text
        return text
