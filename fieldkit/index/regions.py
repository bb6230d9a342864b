"""The words of a coded segment or a speaker turn, as the ``search_regions`` rows hold them.

A region row holds exactly the document's words that lie wholly inside ``[start, end)``: the
same tokens, in the same order, as the document's own row, with their offsets in the
document's text. So a word or phrase found in a region row is a hit inside that region, at the
code points the document row would give, and a word cut by a region's edge is not in it (as a
hit must lie wholly inside a segment). ``start`` NULL (a photo region) means the whole text.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from typing import Any

from fieldkit.index.words import WORD, analyser, fold, pack, unpack

_EMPTY = ("", "", b"")
_last: tuple[Any, ...] = (None,) * 4
_starts_of: tuple[bytes | None, Any] = (None, None)


def region_columns(text: str, starts: Any, start: int | None, end: int | None,
                   language: str | None) -> tuple[str, str, bytes]:
    """(stems, folded words, packed offsets) of the words of ``text`` inside the region.

    ``starts``: where the document's words start (``words.unpack`` of its row's offsets).
    """
    lo = 0 if start is None else int(start)
    hi = len(text) if end is None else int(end)
    an = analyser(language)
    stems, folded, offsets = [], [], []
    match = WORD.match
    for k in range(bisect_left(starts, lo), len(starts)):
        m = match(text, starts[k])
        if m is None or m.end() > hi:
            break
        f, s = an.word(m.group())
        stems.append(s)
        folded.append(f)
        offsets.append(starts[k])
    return " ".join(stems), " ".join(folded), pack(array("I", offsets))


def fk_region(text: str | None, offsets: bytes | None, start: int | None, end: int | None,
              language: str | None, column: int) -> Any:
    """SQL ``fk_region(text, offsets, start, end, lang, column)``: one column of a region row
    (0 stems, 1 words, 2 offsets). Triggers ask for the three columns one after the other and
    for many regions of one document: both are worked out once."""
    global _last, _starts_of
    if not text or not offsets:
        return _EMPTY[column]
    key = (start, end, language)
    if _last[0] == key and (_last[1] is text or _last[1] == text) and _last[2] == offsets:
        return _last[3][column]
    if _starts_of[0] != offsets:
        _starts_of = (offsets, unpack(offsets))
    try:
        found = region_columns(text, _starts_of[1], start, end, language)
    except Exception:  # a trigger must never fail a researcher's write; `check` would notice
        found = _EMPTY
    _last = (key, text, offsets, found)
    return found[column]


class _Primed(threading.local):
    """The one document whose regions a statement is writing (per thread: per connection in use)."""

    document: int | None = None
    text: str = ""
    starts: Any = None
    language: str | None = None
    last: tuple[Any, ...] = (None, _EMPTY)


_primed = _Primed()
#: How many times SQL handed a document's whole text to this module (tests count it: the work
#: of writing a transcript's turns must grow with the turns, not with turns × text).
TEXTS_RECEIVED = [0]


def fk_region_prime(document_id: int | None, text: str | None, offsets: bytes | None,
                    language: str | None) -> int:
    """SQL ``fk_region_prime(document_id, text, offsets, lang)``: remember one document's text
    and word starts for the ``fk_region_of`` calls that follow in the same trigger or statement.

    A document's text goes from SQLite to Python once per statement instead of three times per
    region: handing a long text over is a copy of all of it, and a transcript with thousands of
    turns made that quadratic (issue 22).
    """
    TEXTS_RECEIVED[0] += 1
    _primed.document = None if document_id is None else int(document_id)
    _primed.text = text or ""
    _primed.starts = unpack(offsets) if text and offsets else array("I")
    _primed.language = language
    _primed.last = (None, _EMPTY)
    return 1


def fk_region_of(document_id: int | None, start: int | None, end: int | None,
                 column: int) -> Any:
    """SQL ``fk_region_of(document_id, start, end, column)``: one column of a region row of the
    document ``fk_region_prime`` was last given (0 stems, 1 words, 2 offsets); empty for any
    other document."""
    if document_id is None or _primed.document != int(document_id) or not _primed.text:
        return _EMPTY[column]
    key = (start, end)
    if _primed.last[0] != key:
        try:
            found = region_columns(_primed.text, _primed.starts, start, end, _primed.language)
        except Exception:  # a trigger must never fail a researcher's write; `check` would notice
            found = _EMPTY
        _primed.last = (key, found)
    return _primed.last[1][column]


def person_word(name: str | None) -> str:
    """SQL ``fk_person(name)``: a speaker's or participant's filter word, ``p`` and the folded
    letters of the name run together (``Sanne de Vries`` → ``psannedevries``), so that
    ``speaker:Sanne`` is the prefix query ``p"sanne"*``; '' for no name."""
    letters = "".join(fold(w) for w in WORD.findall(name or ""))
    return "p" + letters if letters else ""
