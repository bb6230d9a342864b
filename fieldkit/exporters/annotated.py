"""One document's full text with each coding as a Word comment anchored on the coded words.

Each paragraph of the text (one per line) is cut at every coding boundary; a coding's comment
range starts before its first character and ends after its last, so overlapping codings overlap
in Word too. The comment says the code's path, the coder and the memo. Coded stretches are shaded
in the colour of the code that starts there last (the innermost). Photo codings have no words to
anchor on and are listed as comments on the title.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import docx

from fieldkit.core.model import Document
from fieldkit.core.progress import Progress
from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.docx import _project_date
from fieldkit.exporters.files import normalise_zip
from fieldkit.exporters.pseudonyms import Moves
from fieldkit.exporters.segments import gather

if TYPE_CHECKING:
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.project import Project


def write_annotated(project: Project, doc: Document, target: Path, *,
                    masker: Pseudonymiser, coder: str | None,
                    progress: Progress) -> None:
    """Write ``doc`` with its codings (one coder's with ``coder``) as Word comments; every
    text (comments, their authors, the document's properties) goes through ``masker``."""
    masker.place = f"the document '{doc.title}'"
    coder_id = project.find_coder(coder).id if coder is not None else None
    codings = project.codings_of(document_id=doc.id, coder_id=coder_id)
    segments = gather(project, codings)
    book = project.codebook()
    progress.start(len(segments) + 2, f"Annotating {doc.title}")

    document = docx.Document()
    props = document.core_properties
    props.title = masker(doc.title)
    props.author = "fieldkit"
    props.created = props.modified = _project_date(project)
    props.revision = 1
    body = wx.Body(document)
    comments = wx.Comments(document)

    def note(segment_index: int) -> int:
        segment = segments[segment_index]
        text = masker(segment.code_path)
        if segment.coding.memo.strip():
            text += "\n" + masker(segment.coding.memo)
        return comments.add(text, author=masker(segment.coder), when=segment.coding.created,
                            initials="".join(w[:1] for w in masker(segment.coder).split())[:4])

    title = wx.paragraph(wx.run(masker(doc.title)), style="Title")
    for i, segment in enumerate(segments):
        if segment.coding.region is not None:
            key = note(i)
            title.insert(1 if title.find(wx.w("pPr")) is not None else 0, wx.range_start(key))
            for element in wx.range_end(key):
                title.append(element)
            progress.step()
    body.add(title)

    # The text is replaced whole (a coding may start or end inside a name, which pieces
    # replaced one by one would leave in halves); boundaries move with it.
    text, spans = masker.replace(doc.text)
    moves = Moves(spans)
    # Boundaries: where comment ranges start and end, in code points of the (replaced) text.
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    colour_at: list[tuple[int, int, str]] = []
    for i, segment in enumerate(segments):
        c = segment.coding
        if c.start is None or c.end is None or c.end <= c.start:
            continue
        key = note(i)
        start, end = moves(c.start), moves(c.end, end=True)
        starts.setdefault(start, []).append(key)
        ends.setdefault(end, []).append(key)
        colour_at.append((start, end, book.codes[c.code_id].colour
                          if c.code_id in book.codes else "#cccccc"))
        progress.step()

    def shade(a: int, b: int) -> str | None:
        best: tuple[int, str] | None = None
        for s, e, colour in colour_at:
            if s <= a and b <= e and (best is None or s >= best[0]):
                best = (s, colour)
        return best[1] if best else None

    cuts = sorted({0, len(text), *starts, *ends,
                   *(i + 1 for i, ch in enumerate(text) if ch == "\n")})
    p = wx.paragraph()
    for a, b in zip(cuts, cuts[1:] + [None], strict=False):
        for key in starts.get(a, []):
            p.append(wx.range_start(key))
        if b is None:
            break
        piece = text[a:b]
        newline = piece.endswith("\n")
        piece = piece.rstrip("\n")
        if piece:
            p.append(wx.run(piece, shade=shade(a, b) if colour_at else None))
        for key in ends.get(b, []):  # a range may close after a line's last character
            for element in wx.range_end(key):
                p.append(element)
        if newline:
            body.add(p)
            p = wx.paragraph()
    body.add(p)
    body.finish()
    document.save(str(target))
    normalise_zip(target)
    progress.step("Saved")
