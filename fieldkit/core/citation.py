"""Citations people can use: paragraph numbers, transcript timestamps, ESM beep times and the
pages of a PDF.

A coding is stored as code point offsets; a reader wants "¶ 12" (and "00:14:32" in an interview,
the beep's time in an experience-sampling answer). A paragraph is a line with text on it: lines
are split at LF, CRLF or a lone CR, and empty lines do not count, so a fieldnote written with
blank lines between paragraphs and a transcript with one turn per line are numbered the way
people count them. ``Citer`` holds what one document needs (line starts, turns, beeps) and
answers each position in O(log n). A PDF document is cited by its pages ("p. 3", "pp. 3–4"),
as printed, not by its lines.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldkit.core.model import Turn
from fieldkit.core.timecode import format_ms

_BREAK = re.compile(r"\r\n|\r|\n")


def clock(seconds: float | None) -> str:
    """``HH:MM:SS`` for a time in seconds (empty when there is none)."""
    if seconds is None:
        return ""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a span sits in its document, in the terms a reader uses."""

    paragraph: int | None  # 1-based; None for a photo region or an empty text
    last_paragraph: int | None = None  # when the span runs over several paragraphs
    speaker: str = ""
    timestamp: float | None = None  # seconds into the recording (transcripts)
    beep: str = ""  # local time of the ESM beep, HH:MM
    span_ms: tuple[int, int] | None = None  # a coded stretch of a recording, milliseconds
    page: int | None = None  # the page of a PDF (from 1) the span or area starts on
    last_page: int | None = None  # when the span runs over several pages

    def page_text(self) -> str:
        """``p. 3`` or ``pp. 3–4`` (empty when there is no page)."""
        if self.page is None:
            return ""
        if self.last_page is not None and self.last_page != self.page:
            return f"pp. {self.page}–{self.last_page}"
        return f"p. {self.page}"

    def place(self, beep_word: str = "beep") -> str:
        """``¶ 12``, ``¶ 12–13 · 00:14:32``, ``¶ 3 · beep 10:32`` (no speaker) or, in a PDF,
        ``p. 3``."""
        if self.page is not None:
            return self.page_text()
        parts = []
        if self.paragraph is not None:
            para = f"¶ {self.paragraph}"
            if self.last_paragraph is not None and self.last_paragraph != self.paragraph:
                para += f"–{self.last_paragraph}"
            parts.append(para)
        if self.span_ms is not None:
            parts.append(f"{format_ms(self.span_ms[0])}–{format_ms(self.span_ms[1])}")
        elif self.timestamp is not None:
            parts.append(clock(self.timestamp))
        if self.beep:
            parts.append(f"{beep_word} {self.beep}")
        return " · ".join(parts)


def paragraph_starts(text: str) -> list[int]:
    """The code point offset where each paragraph (non-empty line) starts."""
    starts = []
    line_start = 0
    for m in _BREAK.finditer(text):
        if m.start() > line_start:
            starts.append(line_start)
        line_start = m.end()
    if line_start < len(text):
        starts.append(line_start)
    return starts


def _beep_marks(beeps: Sequence[Any]) -> list[tuple[int, str]]:
    """(first answer offset, HH:MM) per beep that has text, sorted by offset."""
    marks = []
    for beep in beeps:
        if not isinstance(beep, Mapping):
            continue
        spans = beep.get("text") or {}
        offsets = [int(s[0]) for s in spans.values()
                   if isinstance(s, Sequence) and len(s) == 2] if isinstance(spans, Mapping) \
            else []
        time = str(beep.get("time") or "")
        hhmm = time[11:16] if len(time) >= 16 and time[10] == "T" else time[:5]
        if offsets:
            marks.append((min(offsets), hhmm))
    return sorted(marks)


class Citer:
    """Cites positions of one document: its text, speaker turns and ESM beeps."""

    def __init__(self, text: str, turns: Sequence[Turn] = (),
                 beeps: Sequence[Any] = (), pages: Sequence[int] = ()) -> None:
        self._paragraphs = paragraph_starts(text)
        self._pages = list(pages)  # where each page of a PDF starts, in page order
        self._turns = sorted(turns, key=lambda t: t.start)
        self._turn_starts = [t.start for t in self._turns]
        marks = _beep_marks(beeps)
        # a beep's heading or time stamp comes just before its answer: the answer's paragraph
        # starts the beep, so a span anywhere from that paragraph on belongs to it
        self._beep_starts = [self._paragraph_start(offset) for offset, _ in marks]
        self._beep_times = [time for _, time in marks]

    @classmethod
    def for_document(cls, text: str, kind: str, turns: Sequence[Turn] = (),
                     attributes: Mapping[str, Any] | None = None,
                     pages: Sequence[int] = ()) -> Citer:
        """A citer for a stored document (ESM beeps are read from its attributes; ``pages``
        are where a PDF's pages start in its text)."""
        beeps = (attributes or {}).get("beeps") if kind == "esm" else None
        return cls(text, turns, beeps if isinstance(beeps, list) else (), pages)

    def page(self, position: int) -> int | None:
        """The page (from 1) of a PDF a position is on (the empty line after a page counts to
        it); None for a document without pages."""
        if not self._pages:
            return None
        return max(1, bisect.bisect_right(self._pages, position))

    def _paragraph_start(self, position: int) -> int:
        i = bisect.bisect_right(self._paragraphs, position) - 1
        return self._paragraphs[i] if i >= 0 else 0

    def paragraph(self, position: int) -> int | None:
        """The 1-based paragraph a position falls in (a blank line counts to the next one)."""
        if not self._paragraphs:
            return None
        i = bisect.bisect_right(self._paragraphs, position)
        return max(1, i)

    def turn(self, position: int) -> Turn | None:
        i = bisect.bisect_right(self._turn_starts, position) - 1
        if i >= 0:
            t = self._turns[i]
            if t.start <= position < max(t.end, t.start + 1):
                return t
        return None

    def cite(self, start: int | None, end: int | None = None) -> Citation:
        """The citation of the span ``[start, end)``; a photo region (no start) has none."""
        if start is None:
            return Citation(None)
        if self._pages:
            return Citation(self.paragraph(start), page=self.page(start),
                            last_page=self.page(max(start, (end or start) - 1)))
        last = self.paragraph(max(start, (end or start) - 1))
        turn = self.turn(start)
        beep = ""
        if self._beep_starts:
            i = bisect.bisect_right(self._beep_starts, start) - 1
            beep = self._beep_times[max(i, 0)]
        return Citation(self.paragraph(start), last,
                        turn.speaker if turn is not None else "",
                        turn.t_start if turn is not None else None, beep)
