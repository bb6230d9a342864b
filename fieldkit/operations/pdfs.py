"""``project.pdfs``: PDF documents as printed: their pages, where each character sits on its
page, the rectangles a span of text covers, the character at a point, pages rendered.

A PDF document's text (``document.text``) is what it is for every other document: codings,
search and citations use code points of it. This part adds the page: each page's range of that
text, its size in points, and the boxes of its characters (see ``docs/pdf.md``). Pages are
numbered from 1 everywhere.
"""

from __future__ import annotations

import difflib
import math
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput, MediaUnfit
from fieldkit.core.model import Document, PdfInfo, PdfPage, Region
from fieldkit.storage import pdf_tables

if TYPE_CHECKING:  # numpy and the geometry load with the first PDF (a project opens without)
    import numpy as np
    from PIL import Image

    from fieldkit.operations.pdf_layout import PageRects
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

_OPEN_PDFS = 4  # PDFs kept open for rendering (a few documents side by side)


class Pdfs:
    """PDF documents: pages, character boxes, text ↔ page geometry, rendering."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self._lock = threading.RLock()
        self._open: OrderedDict[int, Any] = OrderedDict()  # document id -> PdfDocument

    # -- facts ----------------------------------------------------------------------------

    def info(self, doc: int | str) -> PdfInfo:
        """Page count, metadata title and creation date, text layer and media row of a PDF
        document; ``BadInput`` for a document that is no PDF."""
        document = self._document(doc)
        found = pdf_tables.info(self._store, document.id)
        if found is None:
            raise BadInput(f"'{document.title}' is not a PDF document.")
        return found

    def is_pdf(self, doc: int | str) -> bool:
        """Whether a document is a PDF document."""
        return self._project.document(doc).kind == "pdf"

    def pages(self, doc: int | str) -> list[PdfPage]:
        """Every page of a PDF document in order: number, text range ``[start, end)`` and size
        in points as shown."""
        document = self._document(doc)
        return pdf_tables.pages(self._store, document.id)

    def page(self, doc: int | str, number: int) -> PdfPage:
        """One page (from 1); ``BadInput`` naming the pages there are when there is none."""
        return _page(self._store, self._document(doc), number)

    def page_at(self, doc: int | str, offset: int) -> int | None:
        """The page holding text position ``offset`` (the empty line between two pages counts
        to the page before; the end of the text to the last page); None for a document that is
        no PDF or has no text."""
        return page_of(pdf_tables.pages(self._store, self._project.document(doc).id), offset)

    # -- text on the page -----------------------------------------------------------------

    def char_boxes(self, doc: int | str, page: int) -> np.ndarray:
        """The boxes of page ``page``'s characters: an (n, 4) float32 array of x0, y0, x1, y1 in
        points from the page's top-left as shown, row ``i`` for the code point at ``start + i``
        of the document's text (``n = end - start``); NaN rows for characters without a place on
        the page (a line break). Kept in the project; rebuilt from the original when missing."""
        document = self._document(doc)
        return page_boxes(self._project, self._store, document, page)

    def text_range_to_rects(self, doc: int | str, start: int, end: int) -> list[PageRects]:
        """The rectangles text ``[start, end)`` covers, per page in page order, one per line
        (what a reader highlights for a selection or a coding); pages it does not touch are
        left out."""
        from fieldkit.operations.pdf_layout import PageRects, line_rects

        document = self._document(doc)
        out = []
        for page in pdf_tables.pages(self._store, document.id):
            lo, hi = max(start, page.start), min(end, page.end)
            if lo >= hi:
                continue
            boxes = page_boxes(self._project, self._store, document, page.number)
            rects = line_rects(boxes[lo - page.start:hi - page.start])
            if rects:
                out.append(PageRects(page.number, rects))
        return out

    def point_to_offset(self, doc: int | str, page: int, x: float, y: float) -> int | None:
        """The text position (a caret, between characters) nearest the point ``(x, y)`` of
        page ``page`` (points from its top-left): before the nearest character when the point
        is left of its middle, else after it; a mouse selection runs from the position of
        its press to the one of its release. None on a page without text."""
        from fieldkit.operations.pdf_layout import caret_at

        document = self._document(doc)
        found = _page(self._store, document, page)
        local = caret_at(page_boxes(self._project, self._store, document, page), x, y)
        return None if local is None else found.start + local

    def char_at(self, doc: int | str, page: int, x: float, y: float) -> int | None:
        """The text position of the character under ``(x, y)`` of page ``page``, else of the
        nearest one (the nearest line first); None on a page without text."""
        from fieldkit.operations.pdf_layout import nearest_char

        document = self._document(doc)
        found = _page(self._store, document, page)
        local = nearest_char(page_boxes(self._project, self._store, document, page), x, y)
        return None if local is None else found.start + local

    def text_in_area(self, doc: int | str, region: Region) -> str:
        """The text whose characters have their middle inside ``region`` (on ``region.page``),
        in reading order: what an area coding quotes ('' on a scanned page)."""
        return area_quote(self._project, self._store, self._document(doc), region)

    # -- the page as printed --------------------------------------------------------------

    def render_page(self, doc: int | str, page: int, scale: float = 1.0) -> Image.Image:
        """Page ``page`` as printed, an RGB ``PIL.Image`` of ``scale`` pixels a point (its size
        is the page's size times ``scale``, rounded up), the frame of ``char_boxes``."""
        from fieldkit.importers.pdf import render_open

        if not (0 < scale <= 16) or math.isnan(scale):
            raise BadInput("A page is rendered at a scale above 0 and at most 16.")
        document = self._document(doc)
        with self._lock:
            pdf = self._opened(document)
            return render_open(pdf, page, scale)

    def file(self, doc: int | str) -> Path:
        """The stored PDF in ``media/`` (ciphertext in an encrypted project: read it with
        ``project.open_media``)."""
        return self._project.media_file(self.info(doc).media_id)

    def close(self) -> None:
        """Close the PDFs kept open for rendering."""
        if not self._open:
            return  # nothing rendered: PDFium and numpy need not even load
        from fieldkit.importers.pdf import PDFIUM_LOCK

        with self._lock, PDFIUM_LOCK:
            while self._open:
                self._open.popitem()[1].close()

    # -- inside ---------------------------------------------------------------------------

    def _opened(self, document: Document) -> Any:
        pdf = self._open.get(document.id)
        if pdf is not None:
            self._open.move_to_end(document.id)
            return pdf
        pdf = open_original(self._project, self._store, document)
        self._open[document.id] = pdf
        if len(self._open) > _OPEN_PDFS:
            from fieldkit.importers.pdf import PDFIUM_LOCK

            with PDFIUM_LOCK:
                self._open.popitem(last=False)[1].close()
        return pdf

    def _document(self, doc: int | str) -> Document:
        document = self._project.document(doc)
        if document.kind != "pdf":
            raise BadInput(f"'{document.title}' is not a PDF document.")
        return document


def _page(store: Store, document: Document, number: int) -> PdfPage:
    """One page (one indexed row, however long the PDF); BadInput naming the pages there are
    when there is none."""
    found = pdf_tables.page(store, document.id, number)
    if found is None:
        count = pdf_tables.page_count(store, document.id)
        raise BadInput(f"'{document.title}' has no page {number} (pages 1–{count}).")
    return found


def page_of(pages: list[PdfPage], offset: int) -> int | None:
    """The page of ``pages`` holding text position ``offset`` (see ``Pdfs.page_at``)."""
    found = None
    for page in pages:
        if page.start > offset:
            break
        found = page.number
    return found if found is not None or not pages else pages[0].number


def open_original(project: Project, store: Store, document: Document) -> Any:
    """The original PDF of a document, open (a ``pypdfium2.PdfDocument``), read through the
    media store's safe opening; ``BadInput`` when the file is missing or damaged."""
    from fieldkit.importers.pdf import open_pdf

    info = pdf_tables.info(store, document.id)
    if info is None:
        raise BadInput(f"'{document.title}' is not a PDF document.")
    try:  # decrypted chunk by chunk in an encrypted project
        with project.open_media(info.media_id) as fh:
            data = fh.read()
    except MediaUnfit as exc:
        raise BadInput(f"The PDF of '{document.title}' is {exc} in media/; import the "
                       "original again to repair it.") from None
    return open_pdf(data, document.title)


def page_boxes(project: Project, store: Store, document: Document, page: int) -> np.ndarray:
    """The character boxes of one page of ``document`` (see ``Pdfs.char_boxes``): kept ones,
    else read from the original and kept."""
    import numpy as np

    found = _page(store, document, page)
    chars = found.end - found.start
    kept = pdf_tables.boxes(store, document.id, page)
    if kept is not None and kept[0] == chars and len(kept[1]) == chars * 16:
        return np.frombuffer(kept[1], dtype=np.float32).reshape(chars, 4)
    from fieldkit.importers.pdf import PDFIUM_LOCK, page_text

    pdf = open_original(project, store, document)
    try:
        with PDFIUM_LOCK:
            text, boxes, _size = page_text(pdf, page - 1)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    boxes = aligned(boxes, text, document.text[found.start:found.end])
    pdf_tables.save_boxes(store, document.id, [(page, chars, boxes.tobytes())])
    return boxes


def aligned(boxes: np.ndarray, text: str, stored: str) -> np.ndarray:
    """``boxes`` of ``text`` moved onto ``stored`` (the document's text of that page): the
    same when the texts are equal; else each character of ``stored`` that a character of
    ``text`` matches (difflib) takes its box, the rest NaN (a text brought by another tool)."""
    import numpy as np

    if text == stored:
        return boxes.astype(np.float32)
    out = np.full((len(stored), 4), np.nan, dtype=np.float32)
    matcher = difflib.SequenceMatcher(None, text, stored, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        out[b:b + size] = boxes[a:a + size]
    return out


def area_quote(project: Project, store: Store, document: Document, region: Region) -> str:
    """The text inside an area of a page of ``document`` (see ``Pdfs.text_in_area``)."""
    import numpy as np

    from fieldkit.operations.pdf_layout import chars_inside

    if region.page is None:
        return ""
    found = _page(store, document, region.page)
    boxes = page_boxes(project, store, document, region.page)
    inside = chars_inside(boxes, (region.x, region.y, region.x + region.width,
                                  region.y + region.height))
    text = document.text[found.start:found.end]
    pieces: list[str] = []
    last = -1
    for index in np.flatnonzero(inside).tolist():
        if pieces and index > last + 1:  # the area's text goes on in a later line or column
            pieces.append("\n" if "\n" in text[last + 1:index] else " ")
        pieces.append(text[index])
        last = index
    return "".join(pieces).strip()


def checked_area(project: Project, store: Store, document: Document,
                 region: Region) -> tuple[Region, str]:
    """An area of a PDF page to code, checked to lie on the page, with its quote: the page
    defaults to 1 on a one-page PDF and must be given on a longer one."""
    number = region.page
    if number is None:
        count = pdf_tables.page_count(store, document.id)
        if count != 1:
            raise BadInput(f"Say which page of '{document.title}' the area is on "
                           f"(--page, 1–{count}).")
        number = 1
    page = _page(store, document, number)
    if (region.width <= 0 or region.height <= 0 or region.x < 0 or region.y < 0
            or region.x + region.width > math.ceil(page.width)
            or region.y + region.height > math.ceil(page.height)):
        raise BadInput(f"That rectangle is not on page {number} of '{document.title}' "
                       f"({page.width:.0f} × {page.height:.0f} points).")
    area = Region(region.x, region.y, region.width, region.height, number)
    return area, area_quote(project, store, document, area)
