"""One open document: a header with what it is, and its text, photo or pages with the codings.

A photo shows its picture with the coded regions above its caption; the caption is the photo
document's text and sits in the same coded text view as every other document, so its codings
are highlighted, striped and codable like any text.

A PDF shows its pages as printed (``PdfPane``); its text view (``PageText``) is not shown but
holds the selection made on the pages, so the window codes it as it codes any text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from fieldkit.core.model import Coding, Document
from fieldkit.gui import settings
from fieldkit.gui.elided_label import ElidedLabel
from fieldkit.gui.i18n import ntr, tr
from fieldkit.gui.navigator import kind_name
from fieldkit.gui.pdf_text import PageText
from fieldkit.gui.photo_view import PhotoView
from fieldkit.gui.text_view import Mark, TextView
from fieldkit.project import Project

if TYPE_CHECKING:  # the page view (and numpy with it) is imported with the first PDF
    from fieldkit.gui.pdf_pane import PdfPane
    from fieldkit.gui.pdf_view import PdfView

MarkMaker = Callable[[Coding, list[int]], Mark | None]
SPLITTER_KEY = "window/photo_splitter"


class DocumentTab(QWidget):
    def __init__(self, project: Project, doc_id: int, make_mark: MarkMaker,
                 hidden: list[int] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.doc_id = doc_id
        self.make_mark = make_mark
        self.codings: list[Coding] = []
        self.hidden = hidden or []
        self.title = ElidedLabel()
        self.title.setObjectName("docTitle")
        self.meta = ElidedLabel()
        self.meta.setObjectName("docMeta")
        # a long title or line of facts must not hold the window wider than a small screen;
        # what does not fit ends in "…" (the whole of it in the tooltip)
        for label in (self.title, self.meta):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(80)
        head = QVBoxLayout()
        head.setContentsMargins(16, 10, 16, 8)
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.meta)
        self.photo_view: PhotoView | None = None
        self.pdf_view: PdfView | None = None
        self.pdf_pane: PdfPane | None = None
        self.splitter: QSplitter | None = None
        # a document memo (photos captured in a quick note carry their caption there)
        self.memo = QLabel()
        self.memo.setWordWrap(True)
        self.memo.setObjectName("docMemo")
        self.memo.setContentsMargins(16, 6, 16, 8)
        self.memo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.memo.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        self.layout_.addLayout(head)
        self.doc: Document | None = None
        first = self.project.document(doc_id)
        # a PDF's text is not shown: a view of it holds the selection made on its pages
        self.text_view = PageText(self) if first.kind == "pdf" else TextView(self)
        self.player: Any = None
        if first.media_id is not None and first.kind == "photo":
            self._photo_layout()
        elif isinstance(self.text_view, PageText):
            from fieldkit.gui.pdf_pane import PdfPane

            self.pdf_pane = PdfPane(project, doc_id, self.text_view, self)
            self.pdf_view = self.pdf_pane.view
            self.layout_.addWidget(self.pdf_pane, 1)
            self.text_view.hide()
        elif first.kind == "recording" and project.recordings.has_recording(doc_id):
            from fieldkit.gui.player import RecordingPlayer  # QtMultimedia only when needed

            self.player = RecordingPlayer(project, doc_id, self)
            self.layout_.addWidget(self.player, 1)
            self.text_view.hide()
        else:
            self.layout_.addWidget(self.text_view, 1)
        self.layout_.addWidget(self.memo)
        self.reload()

    def _photo_layout(self) -> None:
        self.photo_view = PhotoView(self)
        self.photo_view.memo_coding.connect(self.text_view.memo_coding)
        self.text_view.setPlaceholderText(tr("This photo has no caption yet."))
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("photoSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.photo_view)
        self.splitter.addWidget(self.text_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([600, 200])
        state = settings.get(SPLITTER_KEY)
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(self._remember_splitter)
        self.layout_.addWidget(self.splitter, 1)

    def _remember_splitter(self, *_: object) -> None:
        if self.splitter is not None:
            settings.put(SPLITTER_KEY, self.splitter.saveState())

    @property
    def is_photo(self) -> bool:
        return self.photo_view is not None

    def _picture(self, media_id: int) -> bytes | None:
        """An encrypted project's photo, decrypted in memory (None in a plain project: the
        view reads the file itself)."""
        if self.project.media.key is None:
            return None
        with self.project.open_media(media_id) as fh:
            return fh.read()

    def reload(self) -> None:
        """Read the document again (its text changed, or it was just opened)."""
        doc = self.project.document(self.doc_id)
        self.doc = doc
        self.words = len(doc.text.split())
        self.title.setText(doc.title)
        if self.photo_view is not None and doc.media_id is not None:
            self.photo_view.set_image(str(self.project.media_file(doc.media_id)),
                                      self._picture(doc.media_id))
        self.memo.setText(doc.memo)
        self.memo.setVisible(bool(doc.memo.strip()) and doc.memo.strip() != doc.text.strip())
        bar = self.text_view.verticalScrollBar().value()
        self.text_view.set_text(doc.text, self.project.turns(doc.id))
        self.text_view.verticalScrollBar().setValue(bar)
        self.refresh_codings()

    def refresh_codings(self, hidden: list[int] | None = None) -> None:
        if hidden is not None:
            self.hidden = hidden
        self.codings = self.project.codings(doc=self.doc_id)
        marks = [m for m in (self.make_mark(c, self.hidden) for c in self.codings) if m]
        if self.pdf_view is not None:  # drawn on the pages; the hidden text needs none
            self.pdf_view.set_marks(marks)
            self._meta()
            return
        to16 = self.text_view.map.to_utf16
        text_marks = [m for m in marks if m.coding.start is not None]
        for m in text_marks:
            m.s16, m.e16 = to16(m.coding.start), to16(m.coding.end)  # type: ignore[arg-type]
        self.text_view.set_marks(text_marks)
        if self.photo_view is not None:
            self.photo_view.set_marks([m for m in marks if m.coding.region is not None])
        self._meta()

    def _meta(self) -> None:
        doc = self.doc
        assert doc is not None
        parts = [kind_name(doc.kind)]
        if doc.site_id is not None:
            parts.append(self.project.site(doc.site_id).name)
        if doc.visit_id is not None:
            parts.append(self.project.visit(doc.visit_id).date)
        if self.pdf_view is not None:
            parts.append(ntr("%Ln page(s)", len(self.pdf_view.pages)))
        if doc.kind != "photo" and (self.words or self.pdf_view is None):  # a scan: no words
            parts.append(ntr("%Ln word(s)", self.words))
        regions = sum(1 for c in self.codings if c.region is not None)
        if regions and self.pdf_view is not None:
            parts.append(ntr("%Ln coding(s)", len(self.codings)))
            parts.append(ntr("%Ln coded area(s)", regions))
        elif regions:
            parts.append(ntr("%Ln coding(s), {0} on the picture", len(self.codings))
                         .format(regions))
        else:
            parts.append(ntr("%Ln coding(s)", len(self.codings)))
        self.meta.setText("  ·  ".join(p for p in parts if p))
