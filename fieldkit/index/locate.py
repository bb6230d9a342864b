"""Where in a text the query matched: word numbers found in the index's stored words.

FTS5 says *which* rows match and how well; this module says *where*, without FTS5's
``highlight()`` (which re-reads and re-splits the whole text). A row's ``stems`` and ``words``
columns are its words separated by single spaces, so a phrase is a plain substring search for
``" a b "`` (a prefix phrase for ``" a b"``), and the number of spaces before it is its word
number. The stored word offsets (``words.unpack``) turn word numbers into code points.

The runs found are the query's phrases that are not left out; inside a ``NEAR`` group only the
phrases that lie near enough to the others, as FTS5 counts it: every phrase ends at most N words
before the last one starts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from fieldkit.index.query import Leaf

Run = tuple[int, int]  # first and last word number, inclusive
MAX_PER_PHRASE = 20_000


def _needle(leaf: Leaf) -> str:
    return " " + " ".join(leaf.tokens) + ("" if leaf.prefix else " ")


def _starts(padded: str, needle: str) -> Iterator[int]:
    """Word numbers where ``needle`` starts in a space-padded column."""
    find, count = padded.find, padded.count
    pos = find(needle)
    seen = at = 0
    while pos >= 0:
        seen += count(" ", at, pos)
        at = pos
        yield seen
        pos = find(needle, pos + 1)


class Columns:
    """The stored words of one index row, padded once per column as they are asked for."""

    def __init__(self, stems: str | None, words: str | None) -> None:
        self._raw = {"stems": stems or "", "words": words or ""}
        self._padded: dict[str, str] = {}

    def padded(self, column: str) -> str:
        found = self._padded.get(column)
        if found is None:
            found = self._padded[column] = " " + self._raw[column] + " "
        return found


def _near_runs(leaves: list[Leaf], columns: Columns, distance: int) -> list[Run]:
    """Every run of a NEAR group's phrases that takes part in a match."""
    found = []
    for leaf in leaves:
        starts = []
        for i, s in enumerate(_starts(columns.padded(leaf.column), _needle(leaf))):
            if i >= MAX_PER_PHRASE:
                break
            starts.append(s)
        if not starts:
            return []
        found.append((len(leaf.tokens), starts))
    out: set[Run] = set()
    for size, starts in found:
        for last in starts:  # this phrase as the one that starts last
            chosen = []
            for other_size, other in found:
                lo = bisect_left(other, last - other_size - distance)
                hi = bisect_right(other, last)
                if lo >= hi:
                    break
                chosen.append((other_size, other[lo:hi]))
            else:
                out.add((last, last + size - 1))
                for other_size, window in chosen:
                    out.update((s, s + other_size - 1) for s in window
                               if last - (s + other_size) <= distance)
    return sorted(out)


def _merged(runs: list[Run]) -> list[Run]:
    runs.sort()
    out: list[Run] = []
    for first, last in runs:
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def runs(leaves: list[Leaf], columns: Columns, *, first_only: bool) -> list[Run]:
    """The word runs the query's phrases cover in one row, in text order, overlaps joined.

    With ``first_only`` just the first run (what a search result shows) is worked out.
    """
    found: list[Run] = []
    groups: dict[int, tuple[int, list[Leaf]]] = {}
    for leaf in leaves:
        if leaf.near is not None:
            groups.setdefault(leaf.near[0], (leaf.near[1], []))[1].append(leaf)
            continue
        size = len(leaf.tokens) - 1
        starts = _starts(columns.padded(leaf.column), _needle(leaf))
        if first_only:
            first = next(starts, None)
            if first is not None:
                found.append((first, first + size))
        else:
            for i, s in enumerate(starts):
                if i >= MAX_PER_PHRASE:
                    break
                found.append((s, s + size))
    for distance, group in groups.values():
        near = _near_runs(group, columns, distance)
        found.extend(near[:1] if first_only else near)
    merged = _merged(found)
    return merged[:1] if first_only else merged
