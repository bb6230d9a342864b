"""One open document: a header with what it is, and its text or photo with the codings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldkit.core.model import Coding, Document
from fieldkit.gui.i18n import tr
from fieldkit.gui.navigator import kind_name
from fieldkit.gui.photo_view import PhotoView
from fieldkit.gui.text_view import Mark, TextView
from fieldkit.project import Project

MarkMaker = Callable[[Coding, list[int]], Mark | None]


class DocumentTab(QWidget):
    def __init__(self, project: Project, doc_id: int, make_mark: MarkMaker,
                 hidden: list[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.doc_id = doc_id
        self.make_mark = make_mark
        self.codings: list[Coding] = []
        self.hidden = hidden or []
        self.title = QLabel()
        self.title.setObjectName("docTitle")
        self.meta = QLabel()
        self.meta.setObjectName("docMeta")
        head = QVBoxLayout()
        head.setContentsMargins(16, 10, 16, 8)
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.meta)
        self.text_view: TextView | None = None
        self.photo_view: PhotoView | None = None
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("docMeta")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        self.body = QHBoxLayout()
        layout.addLayout(self.body, 1)
        self.doc: Document | None = None
        self.reload()

    @property
    def is_photo(self) -> bool:
        return self.photo_view is not None

    def reload(self) -> None:
        """Read the document again (its text changed, or it was just opened)."""
        doc = self.project.document(self.doc_id)
        self.doc = doc
        self.words = len(doc.text.split())
        self.title.setText(doc.title)
        if doc.media_id is not None and doc.kind == "photo":
            if self.photo_view is None:
                self.photo_view = PhotoView(self)
                self.body.addWidget(self.photo_view)
                layout = self.layout()
                assert layout is not None  # set in __init__
                layout.addWidget(self.caption)
            self.photo_view.set_image(str(self.project.media_file(doc.media_id)))
            self.caption.setText(doc.memo or doc.text)
            self.caption.setVisible(bool(doc.memo or doc.text))
        else:
            if self.text_view is None:
                self.text_view = TextView(self)
                self.body.addWidget(self.text_view)
            bar = self.text_view.verticalScrollBar().value()
            self.text_view.set_text(doc.text, self.project.turns(doc.id))
            self.text_view.verticalScrollBar().setValue(bar)
        self.refresh_codings()

    def refresh_codings(self, hidden: list[int] | None = None) -> None:
        if hidden is not None:
            self.hidden = hidden
        self.codings = self.project.codings(doc=self.doc_id)
        marks = [m for m in (self.make_mark(c, self.hidden) for c in self.codings) if m]
        if self.text_view is not None:
            to16 = self.text_view.map.to_utf16
            marks = [m for m in marks if m.coding.start is not None]
            for m in marks:
                m.s16, m.e16 = to16(m.coding.start), to16(m.coding.end)  # type: ignore[arg-type]
            self.text_view.set_marks(marks)
        if self.photo_view is not None:
            self.photo_view.set_marks(marks)
        self._meta()

    def _meta(self) -> None:
        doc = self.doc
        assert doc is not None
        parts = [kind_name(doc.kind)]
        if doc.site_id is not None:
            parts.append(self.project.site(doc.site_id).name)
        if doc.visit_id is not None:
            parts.append(self.project.store.visit(doc.visit_id).date)
        if doc.kind != "photo":
            parts.append(tr("{0} words").format(f"{self.words:,}"))
        parts.append(tr("{0} codings").format(len(self.codings)))
        self.meta.setText("  ·  ".join(p for p in parts if p))
