"""One document's full text with each coding as a Word comment anchored on the coded words.

Each paragraph of the text (one per line) is cut at every coding boundary; a coding's comment
range starts before its first character and ends after its last, so overlapping codings overlap
in Word too. The comment says the code's path, the coder and the memo. Coded stretches are shaded
in the colour of the code that starts there last (the innermost). Photo codings have no words to
anchor on and are listed as comments on the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx

from fieldkit.core.model import Document
from fieldkit.core.progress import Progress
from fieldkit.exporters import wordxml as wx
from fieldkit.exporters.docx import _project_date
from fieldkit.exporters.files import normalise_zip
from fieldkit.exporters.pseudonyms import Moves
from fieldkit.exporters.segments import Segment, gather

if TYPE_CHECKING:
    from fieldkit.core.codebook import Codebook
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

    document = _new_document(project, doc, masker)
    body = wx.Body(document)
    notes = _Notes(wx.Comments(document), segments, masker)
    body.add(_title(doc, segments, notes, masker, progress))
    # The text is replaced whole (a coding may start or end inside a name, which pieces
    # replaced one by one would leave in halves); boundaries move with it.
    text, spans = masker.replace(doc.text)
    ranges = _Ranges.of(segments, Moves(spans), book, notes, progress)
    _add_text(body, text, ranges)
    body.finish()
    document.save(str(target))
    normalise_zip(target)
    progress.step("Saved")


def _new_document(project: Project, doc: Document, masker: Pseudonymiser) -> Any:
    """An empty Word document whose properties are fixed (the same project gives the same
    bytes) and name nobody but fieldkit."""
    document = docx.Document()
    props = document.core_properties
    props.title = masker(doc.title)
    props.author = "fieldkit"
    props.created = props.modified = _project_date(project)
    props.revision = 1
    return document


class _Notes:
    """Each segment's comment: the code's path and the coding memo, by the coder."""

    def __init__(self, comments: wx.Comments, segments: list[Segment],
                 masker: Pseudonymiser) -> None:
        self.comments = comments
        self.segments = segments
        self.masker = masker

    def add(self, segment_index: int) -> int:
        """Write the comment of ``segments[segment_index]``; returns its key."""
        segment = self.segments[segment_index]
        masker = self.masker
        text = masker(segment.code_path)
        if segment.coding.memo.strip():  # another's memo on this coding says whose it is
            by = f"{masker(segment.memo_by)}: " if segment.memo_by != segment.coder else ""
            text += "\n" + by + masker(segment.coding.memo)
        return self.comments.add(text, author=masker(segment.coder),
                                 when=segment.coding.created,
                                 initials="".join(w[:1] for w in
                                                  masker(segment.coder).split())[:4])


def _title(doc: Document, segments: list[Segment], notes: _Notes, masker: Pseudonymiser,
           progress: Progress) -> Any:
    """The title paragraph, holding the comments of the photo's region codings."""
    title = wx.paragraph(wx.run(masker(doc.title)), style="Title")
    for i, segment in enumerate(segments):
        if segment.coding.region is not None:
            key = notes.add(i)
            title.insert(1 if title.find(wx.w("pPr")) is not None else 0, wx.range_start(key))
            for element in wx.range_end(key):
                title.append(element)
            progress.step()
    return title


@dataclass
class _Ranges:
    """Where comment ranges start and end, in code points of the (replaced) text, and the
    coloured stretches."""

    starts: dict[int, list[int]] = field(default_factory=dict)
    ends: dict[int, list[int]] = field(default_factory=dict)
    colour_at: list[tuple[int, int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, segments: list[Segment], moves: Moves, book: Codebook, notes: _Notes,
           progress: Progress) -> _Ranges:
        """The ranges of the text codings among ``segments``, each given its comment."""
        ranges = cls()
        for i, segment in enumerate(segments):
            c = segment.coding
            if c.start is None or c.end is None or c.end <= c.start:
                continue
            key = notes.add(i)
            start, end = moves(c.start), moves(c.end, end=True)
            ranges.starts.setdefault(start, []).append(key)
            ranges.ends.setdefault(end, []).append(key)
            ranges.colour_at.append((start, end, book.codes[c.code_id].colour
                                     if c.code_id in book.codes else "#cccccc"))
            progress.step()
        return ranges

    def shade(self, a: int, b: int) -> str | None:
        """The colour of the innermost coding over [a, b): the one that starts last."""
        best: tuple[int, str] | None = None
        for s, e, colour in self.colour_at:
            if s <= a and b <= e and (best is None or s >= best[0]):
                best = (s, colour)
        return best[1] if best else None


def _add_text(body: wx.Body, text: str, ranges: _Ranges) -> None:
    """The text as one paragraph a line, cut into runs at every range boundary."""
    starts, ends = ranges.starts, ranges.ends
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
            p.append(wx.run(piece, shade=ranges.shade(a, b) if ranges.colour_at else None))
        for key in ends.get(b, []):  # a range may close after a line's last character
            for element in wx.range_end(key):
                p.append(element)
        if newline:
            body.add(p)
            p = wx.paragraph()
    body.add(p)
