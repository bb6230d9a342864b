"""Cutting a document into passages that can be suggested: sentences, inside speaker turns.

A passage never crosses a line break or a speaker turn, and leaves out what a coder would not
select: clock times ("07:21", "[00:01:04]"), short labels ("Reflectie:"), the speaker's name
at the start of a turn, and leading dashes or bullets. Positions are code points of the
document's plain text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

import numpy as np

# A sentence ends at . ! ? … (with closing quotes or brackets) followed by white space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_CLOCK = re.compile(r"\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\]?\s*")
_LEAD = re.compile(r"[\W_]*", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LINE = re.compile(r"[^\n]+")
# A short label before the words themselves: "Reflectie: ...", "Quote: ...", "Kees: ...".
_LABEL = re.compile(r"[^\W\d_][\w'’-]{0,18}(?: [\w'’-]{1,18})?: ", re.UNICODE)

MIN_CHARS = 8  # shorter bits ("Ja.", "Oké.") are not worth proposing a code for

Span = tuple[int, int]


def passages(text: str, turns: Sequence[tuple[int, int, str]] = (),
             at: Sequence[int] | None = None) -> list[Span]:
    """The sentence spans of ``text``; with ``turns`` (start, end, speaker) only inside turns.

    With ``at`` (sorted positions) only the turns, or lines, holding one of them are cut.
    """
    if turns:
        blocks: Iterator[tuple[int, int, str]] = (
            (s, e, speaker) for s, e, speaker in turns if 0 <= s < e <= len(text)
            and (at is None or _holds(at, s, e)))
    elif at is None:
        blocks = ((m.start(), m.end(), "") for m in _LINE.finditer(text))
    else:
        blocks = _lines_at(text, at)
    out: list[Span] = []
    for start, end, speaker in blocks:
        for m in _LINE.finditer(text, start, end):
            _sentences(text, m.start(), m.end(), speaker if m.start() == start else "", out)
    return out


def _holds(at: Sequence[int], start: int, end: int) -> bool:
    i = bisect_left(at, start)
    return i < len(at) and at[i] < end


def _lines_at(text: str, at: Sequence[int]) -> Iterator[tuple[int, int, str]]:
    """The (non-empty) lines holding the positions ``at``, each once, in order."""
    done = -1
    for p in at:
        if p < done or not 0 <= p < len(text) or text[p] == "\n":
            continue
        start = text.rfind("\n", 0, p) + 1
        end = text.find("\n", p)
        done = len(text) if end < 0 else end
        yield start, done, ""


def _sentences(text: str, start: int, end: int, speaker: str, out: list[Span]) -> None:
    pos = start
    clock = _CLOCK.match(text, pos, end)
    if clock:
        pos = clock.end()
    if speaker and text.startswith(speaker, pos):
        after = pos + len(speaker)
        if text.startswith(":", after):
            pos = after + 1
    piece_start = pos
    for m in _END.finditer(text, pos, end):
        _add(text, piece_start, m.end(), out)
        piece_start = m.end()
    _add(text, piece_start, end, out)


def _add(text: str, start: int, end: int, out: list[Span]) -> None:
    start = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    label = _LABEL.match(text, start, end)
    if label:
        start = _LEAD.match(text, label.end(), end).end()  # type: ignore[union-attr]
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= MIN_CHARS and _LETTER.search(text, start, end):
        out.append((start, end))


def overlap(a: Span, b: Span) -> int:
    """Code points two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def mostly_covered(unit: Span, span: Span) -> bool:
    """True when ``span`` covers at least half of ``unit`` (or ``unit`` half of ``span``)."""
    shared = overlap(unit, span)
    return shared * 2 >= min(unit[1] - unit[0], span[1] - span[0]) and shared > 0


def covered(units: Sequence[Span], spans: Sequence[Span]) -> list[bool]:
    """For each unit, whether any of ``spans`` mostly covers it (``mostly_covered``), at once."""
    if not spans or not units:
        return [False] * len(units)
    u = np.asarray(units, dtype=np.int64)
    s = np.asarray(spans, dtype=np.int64)
    shared = np.minimum(u[:, 1:2], s[:, 1]) - np.maximum(u[:, 0:1], s[:, 0])
    shortest = np.minimum((u[:, 1] - u[:, 0])[:, None], s[:, 1] - s[:, 0])
    return ((shared > 0) & (shared * 2 >= shortest)).any(axis=1).tolist()  # type: ignore
