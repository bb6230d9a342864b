"""Analysing a long text again after an edit: only the changed middle is split and stemmed.

An edit of a 200 KB fieldnote changes a few words, yet the index row of the text (stems, folded
words, word starts) was worked out again from the first word to the last. ``Reanalyser`` keeps
the words of the last long text it analysed; for the next text it finds the common beginning and
end, keeps every word that lies wholly inside them (shifting the starts of the words after the
change), and splits only what lies between — a line at a time, taking the words of a line it
has met before from what it kept of it (no word crosses a line break), so that changes scattered
over the whole note re-split only their lines. The result is exactly ``Analyser.analyse`` of the
new text:

- a word that ends before the common beginning ends is followed by the same character in both
  texts (a character that is no part of a word, or the word would have gone on), so the same
  matches of ``WORD`` lead up to it;
- a word of the common end whose preceding character also lies in the common end starts after
  the same character that is no part of a word (words are maximal runs), so it is matched the
  same way, at a position shifted by the change in length.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from typing import Any

from fieldkit.index.words import WORD, Analyser, analyser, pack

LONG = 20_000  # shorter texts are analysed whole: keeping their words is not worth it
MAX_LINES = 100_000  # lines whose words are kept (forgotten all at once beyond this)


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common beginning (halving compares of whole slices in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common end, at most ``limit``."""
    lo, hi = 0, limit
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


class Reanalyser:
    """``analyse`` for one analyser that reuses the words of the last long text it saw."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser
        self._text: str | None = None
        self._stems: list[str] = []
        self._folded: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._lines: dict[str, tuple[list[str], list[str], list[int], list[int]]] = {}

    def analyse(self, text: str) -> tuple[str, str, bytes]:
        """(stems, folded words, packed word starts) of ``text``, as ``Analyser.analyse``."""
        old = self._text
        if len(text) < LONG:
            return self.analyser.analyse(text)
        if old is None or old is text or len(old) < LONG:
            stems, folded, starts, ends = self._split(text, 0, len(text))
        else:
            stems, folded, starts, ends = self._again(old, text)
        self._text, self._stems, self._folded = text, stems, folded
        self._starts, self._ends = starts, ends
        return " ".join(stems), " ".join(folded), pack(array("I", starts))

    def _split(self, text: str, lo: int, hi: int) -> tuple[list[str], list[str], list[int],
                                                             list[int]]:
        """The words of ``text[lo:hi]`` (no word crosses ``lo`` or ``hi``), a line at a time:
        no word crosses a line break, so the words of a line met before are taken from
        ``_lines`` (shifted) instead of being split and looked up again — 20 changes scattered
        over a long note re-split 20 lines, not everything between the first and the last."""
        stems: list[str] = []
        folded: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        lines = self._lines
        if len(lines) > MAX_LINES:
            lines.clear()
        at = lo
        while at < hi:
            cut = text.find("\n", at, hi)
            stop = hi if cut < 0 else cut
            if stop > at:
                piece = text[at:stop]
                found = lines.get(piece)
                if found is None:
                    found = lines[piece] = self._words_of(piece)
                if found[0]:
                    stems += found[0]
                    folded += found[1]
                    starts += [at + k for k in found[2]]
                    ends += [at + k for k in found[3]]
            at = stop + 1
        return stems, folded, starts, ends

    def _words_of(self, piece: str) -> tuple[list[str], list[str], list[int], list[int]]:
        seen, word = self.analyser._seen, self.analyser.word
        found = list(WORD.finditer(piece))
        pairs = [seen.get(m.group()) or word(m.group()) for m in found]
        return ([p[1] for p in pairs], [p[0] for p in pairs], [m.start() for m in found],
                [m.end() for m in found])

    def _again(self, old: str, new: str) -> tuple[list[str], list[str], list[int], list[int]]:
        head = _common_prefix(old, new)
        tail = _common_suffix(old, new, min(len(old), len(new)) - head)
        starts, ends = self._starts, self._ends
        # words kept from the beginning: those ending before the common beginning does
        keep_head = bisect_left(ends, head)  # ends[i] < head for i < keep_head
        # words kept from the end: those whose preceding character lies in the common end
        keep_tail = bisect_left(starts, len(old) - tail + 1)
        keep_tail = max(keep_tail, keep_head)
        lo = ends[keep_head - 1] if keep_head else 0
        shift = len(new) - len(old)
        hi = starts[keep_tail] + shift if keep_tail < len(starts) else len(new)
        mid = self._split(new, lo, hi)
        return (self._stems[:keep_head] + mid[0] + self._stems[keep_tail:],
                self._folded[:keep_head] + mid[1] + self._folded[keep_tail:],
                starts[:keep_head] + mid[2] + [s + shift for s in starts[keep_tail:]],
                ends[:keep_head] + mid[3] + [e + shift for e in ends[keep_tail:]])


_REANALYSERS: dict[int, Reanalyser] = {}


def reanalyse(analyser: Analyser, text: str) -> Any:
    """``analyser.analyse(text)``, reusing the words of the last long text it analysed."""
    found = _REANALYSERS.get(id(analyser))
    if found is None or found.analyser is not analyser:
        found = _REANALYSERS[id(analyser)] = Reanalyser(analyser)
    return found.analyse(text)


def word_lists(text: str, language: str | None) -> tuple[list[str], list[str], list[int]] | None:
    """The stems, folded words and word starts of ``text`` as lists, when it is the last long
    text re-analysed for its language (the regions of a text just indexed take slices of
    them); None otherwise."""
    found = _REANALYSERS.get(id(analyser(language)))
    if found is None or found._text is None or not (found._text is text or found._text == text):
        return None
    return found._stems, found._folded, found._starts


_last: tuple[str | None, str | None, tuple[str, str, bytes]] = (None, None, ("", "", b""))


def columns(text: str | None, language: str | None) -> tuple[str, str, bytes]:
    """(stems, folded words, packed word starts) of a text, as its index row holds them.

    Triggers ask for the three columns of the same text one after the other, and the regions
    of a text just indexed ask again (``fk_region_load``): the last text's are kept.
    """
    global _last
    seen = _last
    if text is None:
        return ("", "", b"")
    if seen[1] == language and (seen[0] is text or seen[0] == text):
        return seen[2]
    try:
        found = reanalyse(analyser(language), str(text))  # an edited long text: its middle
    except Exception:  # a trigger must never fail a researcher's write; `check` would notice
        found = ("", "", b"")
    _last = (text, language, found)
    return found
