"""PDF documents in a REFI-QDA project: ``PDFSource`` with its text ``Representation``.

A PDF document becomes a ``PDFSource`` whose original file goes into ``sources/`` as
``<GUID>.pdf`` (QualCoder adds ".pdf" to a name without it and keeps the file under that name,
so the source is named with the extension). Its text, the one every text coding counts in, is
the source's ``Representation`` (a TextSource: ``sources/<representation GUID>.txt``, the GUID
derived from the document's) holding a ``PlainTextSelection`` per text coding (code points, as
everywhere). Each area coding is a ``PDFSelection``: ``page`` counted from 0 and
``firstX``/``firstY``/``secondX``/``secondY`` in whole points from the top-left corner of the
page as shown (the page's rotation applied) — the convention QualCoder reads and writes;
fieldkit numbers pages from 1 and converts both ways.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldkit.core.model import Coding, Document, derived_uuid
from fieldkit.exporters.files import StoredMedia

if TYPE_CHECKING:
    from fieldkit.exporters.refi_writer import _Export
    from fieldkit.project import Project

REPRESENTATION_ROLE = "text of a PDF"


def representation_guid(document_uuid: str) -> str:
    """The GUID of a PDF document's text representation."""
    return derived_uuid(document_uuid, REPRESENTATION_ROLE)


def pdf_source(parent: Any, doc: Document, codings: list[Coding], project: Project,
               export: _Export, facts: dict[str, Any]) -> None:
    """Write one PDF document: its file, its text representation with the text codings, its
    area codings as PDFSelections, its memo and variables."""
    from fieldkit.exporters.refi_recordings import source_name
    from fieldkit.exporters.refi_writer import (
        _datetime,
        _selection,
        _sub,
        _text_source,
        _variable_values,
    )

    info = project.pdfs.info(doc.id)
    media = project.media_info(info.media_id)
    name = f"{doc.uuid}.pdf"
    stamp = export.stamp(doc.created)
    stamp["modifiedDateTime"] = _datetime(doc.modified) or stamp["modifiedDateTime"]
    element = _sub(parent, "PDFSource", guid=doc.uuid,
                   name=source_name(doc.title, media.filename or name),
                   path=f"internal://{name}", **stamp)
    export.files.append((f"sources/{name}", StoredMedia(
        project.media, media.sha256, media.filename, export.damaged)))
    for coding in codings:
        r = coding.region
        if r is None or r.page is None:
            continue
        _selection(element, "PDFSelection", coding, export, name=coding.memo.strip() or None,
                   page=str(r.page - 1), firstX=str(r.x), firstY=str(r.y),
                   secondX=str(r.x + r.width), secondY=str(r.y + r.height))
    _text_source(element, "Representation", doc, codings, export, {},
                 guid=representation_guid(doc.uuid),
                 name=source_name(doc.title, media.filename or name), twin=False)
    if doc.memo.strip():
        _sub(element, "NoteRef", targetGUID=export.memo(
            doc.uuid, doc.memo, *export.written(doc, doc.modified, None)))
    _variable_values(element, facts, export)


def pdf_as_text(parent: Any, doc: Document, codings: list[Coding], export: _Export,
                facts: dict[str, Any]) -> None:
    """A PDF in a pseudonymised export: its text (names replaced with the rest of the archive)
    as a TextSource with its text codings; the file, whose pages still show every name, and
    its area codings are left out, and said so in ``export.left_out``."""
    from fieldkit.exporters.refi_writer import _text_source

    _text_source(parent, "TextSource", doc, codings, export, facts)
    areas = sum(1 for c in codings if c.region is not None)
    export.left_out.append(
        f"'{doc.title}': exported as its text only, names replaced; the PDF itself (its pages "
        "still show the names)" + (f" and its {areas} area coding{'s' if areas != 1 else ''}"
                                   if areas else "") + " left out.")
