"""A PDF document's tab body: a bar with the page number and the "Draw areas" switch, a clear
note when the PDF has no text layer (a scan: areas only), and the pages (``PdfView``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldkit.gui.i18n import tr
from fieldkit.gui.pdf_text import PageText
from fieldkit.gui.pdf_view import PdfView
from fieldkit.project import Project


class PdfPane(QWidget):
    def __init__(self, project: Project, doc_id: int, text_view: PageText,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = PdfView(project, doc_id, text_view, self)
        count = len(self.view.pages)
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pdfPage")
        self.page_box.setRange(1, max(1, count))
        self.page_box.setKeyboardTracking(False)
        self.page_box.setAccessibleName(tr("Page"))
        self.page_box.valueChanged.connect(self._page_chosen)
        self.view.page_changed.connect(self._page_shown)
        self.of = QLabel(tr("of {0}").format(count))
        self.area = QToolButton()
        self.area.setObjectName("pdfArea")
        self.area.setText(tr("Draw areas"))
        self.area.setCheckable(True)
        self.area.setToolTip(tr("Drag a rectangle on a page to code that area "
                                "(or hold Shift while dragging)."))
        self.area.toggled.connect(self.view.set_area_mode)
        bar = QHBoxLayout()
        bar.setContentsMargins(16, 2, 16, 4)
        bar.addWidget(QLabel(tr("Page")))
        bar.addWidget(self.page_box)
        bar.addWidget(self.of)
        bar.addStretch(1)
        bar.addWidget(self.area)
        self.no_text = QLabel(tr("This PDF has no text layer (a scan or photographs): its text "
                                 "cannot be selected or searched. Draw areas on its pages to "
                                 "code them."))
        self.no_text.setObjectName("pdfNoText")
        self.no_text.setWordWrap(True)
        self.no_text.setContentsMargins(16, 6, 16, 6)
        self.no_text.setStyleSheet("background: #fff3cd; color: #3d2f00;")
        has_text = project.pdfs.info(doc_id).text_layer
        self.no_text.setVisible(not has_text)
        if not has_text:
            self.area.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.no_text)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

    def _page_chosen(self, number: int) -> None:
        if number != self.view.current_page:
            self.view.go_to_page(number)

    def _page_shown(self, number: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(number)
        self.page_box.blockSignals(False)
