"""From FTS5's marked-up index text to code-point spans and keyword-in-context lines.

FTS5's ``highlight()`` returns the stored column (the words, space separated) with the matched
words wrapped in \\x01 … \\x02. Counting spaces before a marker gives the word number, and the
word starts stored with each row (``fk_offsets``, ``words.pack``) turn word numbers into exact
code-point offsets, whatever emoji, combining accents or CRLF line ends the source had.
"""

from __future__ import annotations

OPEN, CLOSE = "\x01", "\x02"
CONTEXT = 60
_BLANKS = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\x0b": " ", "\x0c": " "})


def marked_words(marked: str | None) -> list[tuple[int, int]]:
    """(first, last) word numbers, inclusive, of every marked run in a highlighted column."""
    if not marked or OPEN not in marked:
        return []
    out: list[tuple[int, int]] = []
    pos = words = 0
    while (a := marked.find(OPEN, pos)) >= 0:
        b = marked.find(CLOSE, a)
        if b < 0:
            break
        words += marked.count(" ", pos, a)
        inner = marked.count(" ", a, b)
        out.append((words, words + inner))
        words += inner
        pos = b
    return out


def merge(*runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word runs from several columns, sorted, with overlapping runs joined."""
    every = sorted(r for run in runs for r in run)
    out: list[tuple[int, int]] = []
    for first, last in every:
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def in_context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """(before, match, after) around ``[start, end)``, line breaks shown as spaces."""
    before = text[max(0, start - width):start].translate(_BLANKS)
    after = text[end:end + width].translate(_BLANKS)
    return before, text[start:end].translate(_BLANKS), after


def snippet(before: str, match: str, after: str) -> str:
    return f"{before}\u00ab{match}\u00bb{after}"


LISTED_HEAD, LISTED_TAIL = 80, 30  # what a listed turn or segment shows of its text


def listed(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """(before, match, after) for a whole turn or segment listed as a hit (``speaker:`` or
    ``code:`` alone): a long one is shortened to its first and last words around " … ",
    line breaks shown as spaces, so a hit stays one readable line."""
    before, match, after = in_context(text, start, end, width)
    return before, shortened(match), after


def shortened(text: str, head: int = LISTED_HEAD, tail: int = LISTED_TAIL) -> str:
    """``text`` with runs of blanks as one space; when longer than ``head + tail`` characters,
    its first words up to ``head`` and last words up to ``tail`` around " … " (cut between
    words where there is a space to cut at)."""
    text = " ".join(text.split())
    if len(text) <= head + tail + 3:
        return text
    first = text[:head]
    cut = first.rfind(" ")
    if cut > head // 2:
        first = first[:cut]
    last = text[-tail:]
    cut = last.find(" ")
    if 0 <= cut < tail // 2:
        last = last[cut + 1:]
    return f"{first} \u2026 {last}"
