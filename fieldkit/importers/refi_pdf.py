"""A REFI-QDA ``PDFSource`` read into plain data: the PDF file, the text of its
``Representation`` (the text its text codings count in) with those codings, and its
``PDFSelection`` areas (``page`` from 0 in the file, from 1 here; points from the top-left of
the page as shown, the convention ``exporters.refi_pdf`` writes and QualCoder reads and writes).
"""

from __future__ import annotations

from typing import Any

from .refi_cases import RefiVariable, raw_values


def read_pdf_source(element: Any, archive: Any, variables: dict[str, RefiVariable],
                    warnings: list[str]) -> Any:
    """A ``RefiSource`` of kind "pdf" (None when its file is not in the archive)."""
    from .refi import _coding, _first_text, _int, _kids, _media_source, _text_source, guid

    source = _media_source(element, archive, "pdf", warnings)
    if source is None:
        return None
    name = source.name
    for representation in _kids(element, "Representation")[:1]:
        text = _text_source(representation, archive, "text", variables, warnings)
        source.text = text.text
        source.codings.extend(text.codings)
        source.selections.update(text.selections)
    for selection in _kids(element, "PDFSelection"):
        page = _int(selection, "page", name) + 1
        x1, y1 = _int(selection, "firstX", name), _int(selection, "firstY", name)
        x2, y2 = _int(selection, "secondX", name), _int(selection, "secondY", name)
        region = (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
        source.selections[guid(selection.get("guid"))] = None
        for coding_el in _kids(selection, "Coding"):
            coding = _coding(coding_el, guid(selection.get("creatingUser")) or None,
                             selection.get("creationDateTime"))
            if coding is None:
                continue
            if page < 1 or region[2] <= 0 or region[3] <= 0:
                warnings.append(f"'{name}': skipped an area coding on page {page} that has "
                                "no size or no page.")
                continue
            coding.region, coding.page = region, page
            coding.note_refs += [guid(r.get("targetGUID")) for r in _kids(selection, "NoteRef")]
            coding.memo = _first_text(selection, "Description")
            source.codings.append(coding)
    source.note_refs = [guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")]
    source.variables = raw_values(element, variables)
    return source
