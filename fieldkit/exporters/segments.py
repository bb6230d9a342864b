"""Coded segments with everything a citation needs, gathered once for Word and tables.

A segment is one coding seen from outside: the quote, the code's path, the document's title,
kind, site, visit date and participant, the coder, and its citation (paragraph number, the
speaker and timestamp of the transcript turn it starts in, the ESM beep's time) — see
``fieldkit.core.citation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldkit.core.citation import Citation, clock
from fieldkit.core.model import Coding

if TYPE_CHECKING:
    from fieldkit.operations.retrieval import Citations
    from fieldkit.project import DocumentSummary, Project

__all__ = ["Segment", "clock", "gather", "memo_writer"]


@dataclass(slots=True)
class Segment:
    coding: Coding
    code_path: str
    document: DocumentSummary
    coder: str
    citation: Citation
    memo_by: str = ""  # who last wrote the coding's memo (its coder, where not known)

    @property
    def speaker(self) -> str:
        return self.citation.speaker

    @property
    def timestamp(self) -> float | None:
        return self.citation.timestamp

    @property
    def page(self) -> int | None:
        """The page of a PDF the segment is on (where it starts); None elsewhere."""
        return self.citation.page

    @property
    def area(self) -> str:
        """The rectangle of a region: ``area 60,85 300×40 pt`` on a PDF page, ``region …
        px`` on a photo; empty for text."""
        r = self.coding.region
        if r is None:
            return ""
        if r.page is not None:
            return f"area {r.x},{r.y} {r.width}×{r.height} pt"
        return f"region {r.x},{r.y} {r.width}×{r.height} px"

    @property
    def position(self) -> str:
        """Where the segment is: ``¶ 12 · 00:14:32``, ``p. 3`` in a PDF (``p. 3 · area …`` for
        an area of its page) or the region of a photo."""
        if self.coding.region is not None:
            return " · ".join(p for p in (self.citation.page_text(), self.area) if p)
        return self.citation.place()


def gather(project: Project, codings: list[Coding],
           citations: Citations | None = None) -> list[Segment]:
    """Segments for ``codings`` (in the order given)."""
    book = project.codebook()
    paths = {key: book.path(key) for key in book.codes}
    docs = {d.id: d for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    cite = citations or project.retrieval.citations()
    return [Segment(coding, paths.get(coding.code_id, "?"), docs[coding.document_id],
                    coders.get(coding.coder_id, ""), cite.of(coding),
                    memo_writer(coding, coders, coders.get(coding.coder_id, "")))
            for coding in codings]


def memo_writer(row: Any, names: dict[int, str], fallback: str = "") -> str:
    """The name of who last wrote the memo of a code, coding or document row (``fallback``
    where fieldkit does not know: the coding's coder, for a coding)."""
    key = row.memo_modified_by if row.memo_modified_by is not None else row.memo_by
    return names.get(key, fallback) if key is not None else fallback
