"""Coded segments with everything a citation needs, gathered once for Word and tables.

A segment is one coding seen from outside: the quote, the code's path, the document's title,
kind, site, visit date and participant, the speaker and timestamp of the transcript turn it
starts in, the coder, and its position (characters or a photo region).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.core.model import Coding, Turn
from fieldkit.storage.store import DocumentSummary

if TYPE_CHECKING:
    from fieldkit.project import Project


@dataclass(slots=True)
class Segment:
    coding: Coding
    code_path: str
    document: DocumentSummary
    coder: str
    speaker: str = ""
    timestamp: float | None = None

    @property
    def position(self) -> str:
        c = self.coding
        if c.region is not None:
            r = c.region
            return f"region {r.x},{r.y} {r.width}×{r.height} px"
        return f"characters {c.start}–{c.end}"


def clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class TurnFinder:
    """The speaker turn a position falls in, per transcript, loaded on first use."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._turns: dict[int, tuple[list[int], list[Turn]]] = {}

    def at(self, document_id: int, position: int | None) -> Turn | None:
        if position is None:
            return None
        if document_id not in self._turns:
            turns = self.project.store.turns(document_id)
            self._turns[document_id] = ([t.start for t in turns], turns)
        starts, turns = self._turns[document_id]
        i = bisect.bisect_right(starts, position) - 1
        if i >= 0 and turns[i].start <= position < max(turns[i].end, turns[i].start + 1):
            return turns[i]
        return None


def gather(project: Project, codings: list[Coding]) -> list[Segment]:
    """Segments for ``codings`` (in the order given)."""
    book = project.codebook()
    paths = {key: book.path(key) for key in book.codes}
    docs = {d.id: d for d in project.documents()}
    coders = {c.id: c.name for c in project.coders()}
    turns = TurnFinder(project)
    out: list[Segment] = []
    for coding in codings:
        doc = docs[coding.document_id]
        segment = Segment(coding, paths.get(coding.code_id, "?"), doc,
                          coders.get(coding.coder_id, ""))
        if doc.kind == "transcript":
            turn = turns.at(doc.id, coding.start)
            if turn is not None:
                segment.speaker, segment.timestamp = turn.speaker, turn.t_start
        out.append(segment)
    return out
