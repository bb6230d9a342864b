"""Re-anchoring: when a fieldnote is edited, codings move with their text.

Each text coding stores its quote and a little context. An edit is one diff of the whole text
(``EditMap``): the stretches both versions share, found line by line, then by sentence and word
inside changed lines, then character by character inside short changed stretches. Each level
matches only whole tokens of its own (a shared start that ends inside a line is cut back to the
line's start), so a line's words are never aligned with the words of the line beside it. A line
found once in each version but out of order has moved: its codings go with it, and its words are
aligned with nothing else. A coding follows the characters of its span that survive the edit;
when all survive it simply moves with them. When some of its words were changed it keeps the
surviving span if most of the quote is still there. When its words were deleted it is flagged as
orphaned and keeps its record — it is never moved onto other words that were already in the
text. The one exception is text the edit put in (a paragraph cut and pasted elsewhere): an
occurrence of the quote there takes the coding when the stored context around it clearly
matches, or when a long quote was put in just once.

The work is linear in the text and the number of codings; similarity is weighed only for the
few codings whose words were touched.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

#: Share of a quote's characters that must survive for a changed coding to keep its span.
KEEP_SIMILARITY = 0.6
#: Changed stretches up to this many characters a side are compared character by character.
CHAR_DIFF_LIMIT = 400
#: Windows of tokens without an anchor are compared exhaustively up to this many token pairs.
EXHAUSTIVE_LIMIT = 250_000
#: Characters right next to a quote that must match on one side before a context is compared.
NEXT_TO = 6
#: At most this many occurrences of a quote in inserted text are weighed (bounds the work).
MAX_CANDIDATES = 200
#: A quote at least this long, deleted and put in once elsewhere, moved (cut and paste).
MOVED_QUOTE = 24

# Tokenisers for the successive levels of the diff, each covering every character: lines and
# line breaks (apart, so the last line matches itself when a line is typed after it),
# sentences (for long paragraphs), then words, spaces and single symbols.
_LEVELS = (re.compile(r"[^\n]*[^\r\n]|\r?\n|\r"), re.compile(r"[^.!?\n]*[.!?\n]+[ \t]*|[^.!?\n]+"),
           re.compile(r"\w+|\s+|[^\w\s]"))


@dataclass(slots=True)
class Anchor:
    """What we know of a coding's place: span, quoted words and context."""

    start: int
    end: int
    quote: str
    before: str = ""
    after: str = ""


@dataclass(slots=True)
class Placement:
    start: int
    end: int
    orphaned: bool
    moved: bool


def _common(a: str, a0: int, a1: int, b: str, b0: int, b1: int, *, from_end: bool) -> int:
    """Length of the common start (or end) of a[a0:a1] and b[b0:b1].

    Compared in growing chunks (C-speed slice compares), then halved inside the first chunk
    that differs, so a 200 KB text costs a few slice compares instead of 200,000 steps.
    """
    def same(k0: int, k1: int) -> bool:  # characters k0..k1, counted from the chosen side
        if from_end:
            return a[a1 - k1:a1 - k0] == b[b1 - k1:b1 - k0]
        return a[a0 + k0:a0 + k1] == b[b0 + k0:b0 + k1]

    n, done, step = min(a1 - a0, b1 - b0), 0, 64
    while done < n:
        k = min(step, n - done)
        if not same(done, done + k):
            lo, hi = done, done + k - 1  # the first lo characters agree; the first hi+1 do not
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if same(done, mid):
                    lo = mid
                else:
                    hi = mid - 1
            return lo
        done, step = done + k, min(step * 2, 1 << 16)
    return n


def _trim(old: str, a0: int, a1: int, new: str, b0: int, b1: int, runs: list[Run], *,
          whole_lines: bool) -> tuple[int, int, int, int]:
    """Take the start and end both windows share off them (into ``runs``): as whole lines
    when ``whole_lines`` (the windows then start and end on a line in both texts)."""
    prefix = _common(old, a0, a1, new, b0, b1, from_end=False)
    if whole_lines and prefix and not (_line_ends(old, a0 + prefix, a1)
                                       and _line_ends(new, b0 + prefix, b1)):
        prefix = max(0, old.rfind("\n", a0, a0 + prefix) + 1 - a0)  # up to its last break
    if prefix:
        runs.append((a0, b0, prefix))
        a0, b0 = a0 + prefix, b0 + prefix
    suffix = _common(old, a0, a1, new, b0, b1, from_end=True)
    if whole_lines and suffix and not (_line_starts(old, a0, a1 - suffix)
                                       and _line_starts(new, b0, b1 - suffix)):
        cut = old.find("\n", a1 - suffix, a1)  # the shared end starts after its first break
        suffix = a1 - cut - 1 if cut >= 0 else 0
    if suffix:
        a1, b1 = a1 - suffix, b1 - suffix
        runs.append((a1, b1, suffix))
    return a0, b0, a1, b1


def _line_starts(text: str, window_start: int, pos: int) -> bool:
    return pos == window_start or text[pos - 1] == "\n"


def _line_ends(text: str, pos: int, window_end: int) -> bool:
    """Whether ``pos`` ends a line's words (not inside a line, nor inside a CRLF)."""
    return (pos == window_end or text[pos] in "\r\n") and text[pos - 1] != "\r"


def _tokens(pattern: re.Pattern[str], text: str, start: int, end: int) -> tuple[list[str],
                                                                                list[int]]:
    # The tokens cover every character one after another, so their lengths give the offsets.
    words = pattern.findall(text, start, end)
    return words, list(accumulate(map(len, words), initial=start))


Run = tuple[int, int, int]  # old start, new start, length
Window = tuple[int, int, int, int]  # old start, old end, new start, new end


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of ``pairs`` (sorted by the first) whose seconds increase (patience sort)."""
    tails: list[int] = []  # tails[k]: smallest second ending an increasing run of length k+1
    at: list[int] = []  # index in pairs of that tail
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        back[n] = at[k - 1] if k else -1
        if k == len(tails):
            tails.append(j)
            at.append(n)
        else:
            tails[k], at[k] = j, n
    out, n = [], at[-1] if at else -1
    while n != -1:
        out.append(pairs[n])
        n = back[n]
    return out[::-1]


def _align(x: list[str], y: list[str], moved: list[Run] | None = None) -> tuple[list[Run],
                                                                               list[Window]]:
    """Patience diff of two token lists: shared runs, and the windows that differ.

    Tokens that occur once on each side anchor the alignment; the stretches between anchors
    are aligned the same way. A window without such anchors is compared exhaustively when
    small, otherwise it is reported as replaced: never quadratic on a long text. With
    ``moved`` (lines), a token that occurs once on each side but out of order is a moved
    line: it goes into ``moved`` and no part of it is aligned with anything else (the windows
    are split around it).
    """
    same: list[Run] = []
    changed: list[Window] = []
    stack: list[Window] = [(0, len(x), 0, len(y))]
    cut_x: list[int] = []  # moved tokens, kept out of every window
    cut_y: list[int] = []
    while stack:
        i0, i1, j0, j1 = stack.pop()
        while i0 < i1 and j0 < j1 and x[i0] == y[j0]:
            same.append((i0, j0, 1))
            i0, j0 = i0 + 1, j0 + 1
        while i0 < i1 and j0 < j1 and x[i1 - 1] == y[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
            same.append((i1, j1, 1))
        if i0 == i1 or j0 == j1:
            continue
        in_x, in_y = Counter(x[i0:i1]), Counter(y[j0:j1])
        once_y = {y[j]: j for j in range(j0, j1) if in_y[y[j]] == 1}
        pairs = [(i, once_y[x[i]]) for i in range(i0, i1)
                 if in_x[x[i]] == 1 and x[i] in once_y]
        if pairs:
            chain = _increasing(pairs)
            if moved is not None and len(chain) < len(pairs):
                kept = set(chain)
                for i, j in pairs:
                    if (i, j) not in kept:
                        moved.append((i, j, 1))
                        bisect.insort(cut_x, i)
                        bisect.insort(cut_y, j)
            pi, pj = i0, j0
            for i, j in (*chain, (i1, j1)):
                if pi < i and pj < j:  # else only deleted or only typed: nothing to align
                    if i - pi == 1 == j - pj and x[pi] == y[pj]:  # the line break between
                        same.append((pi, pj, 1))
                    elif cut_x or cut_y:
                        stack.extend(_between(pi, i, pj, j, cut_x, cut_y))
                    else:
                        stack.append((pi, i, pj, j))
                if i < i1:
                    same.append((i, j, 1))
                pi, pj = i + 1, j + 1
        elif (i1 - i0) * (j1 - j0) <= EXHAUSTIVE_LIMIT:
            matcher = difflib.SequenceMatcher(None, x[i0:i1], y[j0:j1], autojunk=False)
            for op, a0, a1, b0, b1 in matcher.get_opcodes():
                if op == "equal":
                    same.append((i0 + a0, j0 + b0, a1 - a0))
                elif op == "replace":
                    changed.append((i0 + a0, i0 + a1, j0 + b0, j0 + b1))
        else:
            changed.append((i0, i1, j0, j1))
    return same, changed


def _between(i0: int, i1: int, j0: int, j1: int, cut_x: list[int],
             cut_y: list[int]) -> Iterator[Window]:
    """The window between two anchors, in pieces around moved tokens (paired in order)."""
    # a piece left without a partner on the other side was only deleted (or only typed)
    return ((a0, a1, b0, b1) for (a0, a1), (b0, b1) in zip(_pieces(i0, i1, cut_x),
                                                          _pieces(j0, j1, cut_y), strict=False))


def _pieces(lo: int, hi: int, cuts: list[int]) -> list[tuple[int, int]]:
    out, k = [], bisect.bisect_left(cuts, lo)
    while k < len(cuts) and cuts[k] < hi:
        out.append((lo, cuts[k]))
        lo, k = cuts[k] + 1, k + 1
    out.append((lo, hi))
    return out


def _diff(old: str, new: str) -> tuple[list[Run], list[Run]]:
    """The stretches two texts share, in order: by lines, sentences and words inside changed
    lines, then characters inside short changed stretches; and the lines that moved."""
    runs: list[Run] = []
    moved: list[Run] = []
    stack: list[tuple[int, int, int, int, int]] = [(0, len(old), 0, len(new), 0)]
    while stack:
        a0, a1, b0, b1, level = stack.pop()
        # The stretches both ends share are taken as whole lines, or as characters inside a
        # short changed stretch; between those, only whole tokens of a level are matched. A
        # shared start or end that stops inside a line ("09:1" of "09:14" and a typed
        # "09:10") would cut the lines after it at the wrong place, and a line's words could
        # then be matched to another line's.
        if level in (0, len(_LEVELS)):
            a0, b0, a1, b1 = _trim(old, a0, a1, new, b0, b1, runs, whole_lines=not level)
        if a0 == a1 or b0 == b1:
            continue
        if level < len(_LEVELS):
            x, x_at = _tokens(_LEVELS[level], old, a0, a1)
            y, y_at = _tokens(_LEVELS[level], new, b0, b1)
            lines_moved: list[Run] | None = [] if level == 0 else None
            same, changed = _align(x, y, lines_moved)
            moved.extend((x_at[i], y_at[j], x_at[i + 1] - x_at[i]) for i, j, _ in
                         lines_moved or ())
            runs.extend((x_at[i], y_at[j], x_at[i + n] - x_at[i]) for i, j, n in same)
            stack.extend((x_at[i0], x_at[i1], y_at[j0], y_at[j1], level + 1)
                         for i0, i1, j0, j1 in changed)
        elif a1 - a0 <= CHAR_DIFF_LIMIT and b1 - b0 <= CHAR_DIFF_LIMIT:
            matcher = difflib.SequenceMatcher(None, old[a0:a1], new[b0:b1], autojunk=False)
            runs.extend((a0 + i, b0 + j, n) for i, j, n in matcher.get_matching_blocks() if n)
    runs.sort()
    merged: list[Run] = []
    for a, b, n in runs:  # adjacent runs become one
        if merged and merged[-1][0] + merged[-1][2] == a and merged[-1][1] + merged[-1][2] == b:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + n)
        else:
            merged.append((a, b, n))
    return merged, sorted(moved)


class EditMap:
    """One diff of a whole text: which stretches of the old text survive, and where they went."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self.blocks, self.moved_lines = _diff(old, new)
        self._moved_starts = [a for a, _, _ in self.moved_lines]
        self._starts = [a for a, _, _ in self.blocks]
        self._inserted = list(self._gaps())
        self._inserted_starts = [lo for lo, _ in self._inserted]
        self._inserted_ends = [hi for _, hi in self._inserted]

    def nearest(self, pos: int) -> int:
        """Where old ``pos`` lands in the new text, also when the text there was deleted."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return 0
        a, b, size = self.blocks[i]
        return b + min(pos - a, size)

    def moved_to(self, start: int, end: int) -> int | None:
        """Where old [start, end) went when it lies inside a line the edit moved elsewhere."""
        i = bisect.bisect_right(self._moved_starts, start) - 1
        if i >= 0:
            a, b, size = self.moved_lines[i]
            if end <= a + size:
                return b + (start - a)
        return None

    def surviving(self, start: int, end: int) -> tuple[int, int, int] | None:
        """New span from the first to the last surviving character of old [start, end), with
        the number of characters that survived; None if none did."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        first = last = kept = 0
        while i < len(self.blocks) and self.blocks[i][0] < end:
            a, b, size = self.blocks[i]
            lo, hi = max(a, start), min(a + size, end)
            if lo < hi:
                if not kept:
                    first = b + (lo - a)
                last = b + (hi - a)
                kept += hi - lo
            i += 1
        return (first, last, kept) if kept else None

    def _gaps(self) -> Iterator[tuple[int, int]]:
        at = 0
        for _, b, size in self.blocks:
            if b > at:
                yield at, b
            at = b + size
        if at < len(self.new):
            yield at, len(self.new)

    def inserted_occurrences(self, words: str) -> Iterator[int]:
        """Positions of ``words`` made mostly of text the edit put in (which no old character
        maps to); "mostly", because identical characters at its edge may align either way."""
        if not words or not self._inserted:
            return
        size = len(words)
        pos = self.new.find(words, max(0, self._inserted[0][0] - size))
        while pos != -1:
            k = bisect.bisect_right(self._inserted_starts, pos + size - 1) - 1
            new_chars = 0
            while k >= 0 and self._inserted[k][1] > pos:
                lo, hi = self._inserted[k]
                new_chars += min(hi, pos + size) - max(lo, pos)
                k -= 1
            if 2 * new_chars > size:
                yield pos
                pos = self.new.find(words, pos + 1)
            else:  # skip ahead to where an inserted stretch could make up most of it
                k = bisect.bisect_right(self._inserted_ends, pos + 1)
                if k == len(self._inserted):
                    return
                pos = self.new.find(words, max(pos + 1, self._inserted[k][0] - size))


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_matches(anchor: Anchor, text: str, pos: int) -> float | None:
    """How well the stored context matches around ``pos``; None unless it clearly does.

    Context counts up to the line break on each side: a moved paragraph has new neighbours.
    """
    end = pos + len(anchor.quote)
    had_before, had_after = anchor.before.rsplit("\n", 1)[-1], anchor.after.split("\n", 1)[0]
    before_now = text[max(0, pos - len(anchor.before)):pos].rsplit("\n", 1)[-1]
    after_now = text[end:end + len(anchor.after)].split("\n", 1)[0]
    # A clear match touches the words on at least one side (cheap test before any similarity).
    if before_now[-NEXT_TO:] != had_before[-NEXT_TO:] and \
            after_now[:NEXT_TO] != had_after[:NEXT_TO]:
        return None
    before = _similarity(before_now, had_before)
    after = _similarity(after_now, had_after)
    score = (before + after) / 2
    # Both sides mostly the same over enough text to tell, or one side the same to the letter.
    if score >= 0.8 and len(anchor.quote) + len(had_before) + len(had_after) >= 16:
        return score
    if any(s >= 0.95 and len(c) >= 12 for s, c in ((before, had_before), (after, had_after))):
        return score
    return None


def _whole_characters(edit: EditMap, anchor: Anchor, start: int, end: int) -> Placement:
    """The placement, with accents, skin tones or joiners typed onto its last character."""
    old, new = edit.old, edit.new
    # Only what was typed onto it: a coding the analyst ended inside a character keeps its end.
    if anchor.end >= len(old) or not (_extends(old[anchor.end])
                                      or old[anchor.end - 1] == "\u200d"):
        while end < len(new) and (_extends(new[end]) or new[end - 1] == "\u200d"):
            end += 1
    return Placement(start, end, False, (start, end) != (anchor.start, anchor.end))


def _extends(ch: str) -> bool:
    """Whether a character belongs to the one before it (combining mark, modifier, joiner)."""
    return bool(unicodedata.combining(ch)) or ch in "\u200d\ufe0e\ufe0f" \
        or "\U0001f3fb" <= ch <= "\U0001f3ff"


def place(anchor: Anchor, new_text: str, edit: EditMap) -> Placement:
    """Where a coding belongs in the edited text (``edit`` maps the old text to ``new_text``)."""
    size = len(anchor.quote)
    moved = edit.moved_to(anchor.start, anchor.end) if anchor.end > anchor.start else None
    if moved is not None and new_text[moved:moved + size] == anchor.quote:  # a moved line
        return _whole_characters(edit, anchor, moved, moved + size)
    span = edit.surviving(anchor.start, anchor.end) if anchor.end > anchor.start else None
    if span is not None:
        start, end, kept = span
        if new_text[start:end] == anchor.quote:
            return _whole_characters(edit, anchor, start, end)
        # Identical characters beside an edit can be aligned either way ("a.b" minus "b." or
        # minus ".b"): when most of the quote survived and the whole quote starts or ends
        # where the survivors do, those are its words.
        if 2 * kept >= size:
            for lo in (start, end - size):
                if lo >= 0 and new_text[lo:lo + size] == anchor.quote:
                    return _whole_characters(edit, anchor, lo, lo + size)
        # Its words were changed: keep the span if most of the quote is still in it (with
        # the accents typed onto its last character, which it takes along).
        kept_span = _whole_characters(edit, anchor, start, end)
        if 2 * kept / (size + kept_span.end - kept_span.start) >= KEEP_SIMILARITY:
            return kept_span
    # Its words are gone. Only words the edit put in (moved text) can take it: where their
    # context clearly matches, or a long quote put in once (a cut and pasted paragraph). It is
    # never moved onto words that were already there.
    hint = edit.nearest(anchor.start)
    best: tuple[float, int] | None = None  # (how well the context matches, -distance)
    found, candidates = -1, []
    for pos in edit.inserted_occurrences(anchor.quote):
        candidates.append(pos)
        if len(candidates) > MAX_CANDIDATES:  # a text rewritten wholesale: not clearly here
            break
        score = _context_matches(anchor, new_text, pos)
        if score is not None and (best is None or (score, -abs(pos - hint)) > best):
            best, found = (score, -abs(pos - hint)), pos
    if best is None and len(candidates) == 1 and len(anchor.quote) >= MOVED_QUOTE:
        found = candidates[0]
    if found >= 0:
        return _whole_characters(edit, anchor, found, found + len(anchor.quote))
    return Placement(hint, hint, True, True)


def occurrences(text: str, quote: str) -> list[int]:
    """Every start of ``quote`` in ``text`` (overlapping ones too), in order."""
    found, at = [], text.find(quote)
    while quote and at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found
