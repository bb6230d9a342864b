"""A REFI-QDA PDF source stored as a ``pdf`` document (``operations.refi_import``).

Its text is the source's Representation (the text its codings count in). fieldkit reads the
PDF itself for its pages and character boxes: where the other tool's text is the text PDFium
reads, pages and boxes are kept as an import of the file keeps them; where it differs (another
extraction), each page's range is found in that text by the page's first words and the boxes
are matched onto it when a page is first shown (``operations.pdfs.aligned``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.model import ImportedDocument, PdfPage
from fieldkit.storage import pdf_tables

if TYPE_CHECKING:
    from fieldkit.core.model import Region
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

_PROBE = 8  # words of a page's text looked for in the other tool's text


def read_original(source: Any, warnings: list[str]) -> ImportedDocument | None:
    """The source's PDF read as an import reads a file; None (with a warning: the source is
    kept as a text document) when it cannot be read."""
    from fieldkit.importers.pdf import read_pdf

    try:
        return read_pdf(source.media, source.media_name or f"{source.name}.pdf")
    except BadInput as exc:
        warnings.append(f"'{source.name}': its PDF cannot be read ({exc}); kept as a text "
                        "document.")
        return None


def store_pages(store: Store, document_id: int, media_id: int, text: str,
                read: ImportedDocument) -> None:
    """Within a change: the PDF facts and pages of a document whose text is ``text``."""
    pdf = read.pdf
    assert pdf is not None
    if text == read.text:
        pages, boxes = pdf.pages, pdf.boxes
    else:
        pages, boxes = pages_in(text, read), []
    pdf_tables.add(store, document_id, media_id, pages, boxes, pdf.title, pdf.created)


def pages_in(text: str, read: ImportedDocument) -> list[PdfPage]:
    """The pages of ``read`` placed in another extraction of its text: each page starts where
    its first words are found (after the page before), and ends where the next one starts
    (trailing white space left out); a page not found is empty, at the end of the one before."""
    assert read.pdf is not None
    starts: list[int | None] = []
    at = 0
    for page in read.pdf.pages:
        words = read.text[page.start:page.end].split()[:_PROBE]
        # the first words, whatever white space the other tool put between them
        found = re.compile(r"\s+".join(map(re.escape, words))).search(text, at) \
            if words else None
        starts.append(found.start() if found else None)
        if found:
            at = found.end()
    out: list[PdfPage] = []
    for i, page in enumerate(read.pdf.pages):
        start = starts[i]
        if start is None:
            start = out[-1].end if out else 0
            end = start
        else:
            following = next((s for s in starts[i + 1:] if s is not None), len(text))
            end = start + len(text[start:following].rstrip())
        out.append(PdfPage(page.number, start, end, page.width, page.height))
    return out


def area_text(project: Project, store: Store, document_id: int, region: Region) -> str:
    """The text inside an area of a page of an imported PDF source ('' when the area is not on
    a page the PDF has: the coding is kept, as the other tool made it)."""
    from fieldkit.operations.pdfs import area_quote

    try:
        return area_quote(project, store, store.document(document_id), region)
    except BadInput:
        return ""
