"""The words of a coded segment or a speaker turn, as the ``search_regions`` rows hold them.

A region row holds exactly the document's words that lie wholly inside ``[start, end)``: the
same tokens, in the same order, as the document's own row, with where each starts counted from
the region's start (schema step 11; before it, from the start of the text). So a word or phrase
found in a region row is a hit inside that region, at the code points the document row would
give once the region's start is added (``region_starts``), and a word cut by a region's edge is
not in it (as a hit must lie wholly inside a segment). ``start`` NULL (a photo region) means the
whole text.

Counting from the region's start keeps a region's row the same when an edit elsewhere moves the
region with its words: an edit of a 200 KB note with 1,000 codings rewrites the rows of the few
codings whose words changed, not all of them (issue 23).
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from fieldkit.index.incremental import columns, word_lists
from fieldkit.index.words import WORD, analyser, fold, pack, unpack
from fieldkit.storage.search_tables import OWNERS, PARTS, SEGMENT, TURN

_EMPTY = ("", "", b"")
_last: tuple[Any, ...] = (None,) * 4
_starts_of: tuple[bytes | None, Any] = (None, None)


def region_columns(text: str, starts: Any, start: int | None, end: int | None,
                   language: str | None) -> tuple[str, str, bytes]:
    """(stems, folded words, packed offsets) of the words of ``text`` inside the region, the
    offsets counted from the region's start.

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
        offsets.append(starts[k] - lo)
    return " ".join(stems), " ".join(folded), pack(array("I", offsets))


def _sliced(text: str, starts: Any, stems: Sequence[str], folded: Sequence[str],
            start: int | None, end: int | None) -> tuple[str, str, bytes]:
    """``region_columns`` from the document's own words (``stems``, ``folded`` aligned with
    ``starts``): the region's words are the run of the document's words that start inside it,
    less the last one when it runs past the end (words never overlap, so only the last can)."""
    lo = 0 if start is None else int(start)
    hi = len(text) if end is None else int(end)
    first = bisect_left(starts, lo)
    last = max(first, bisect_left(starts, hi))
    if last > first:
        m = WORD.match(text, starts[last - 1])
        if m is None or m.end() > hi:
            last -= 1
    if last <= first:
        return _EMPTY
    begin = array("I", [s - lo for s in starts[first:last]] if lo else starts[first:last])
    return " ".join(stems[first:last]), " ".join(folded[first:last]), pack(begin)


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
    stems: Sequence[str] | None = None  # the document's own words, when ``fk_region_load``
    folded: Sequence[str] | None = None  # handed them over
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
    _primed.stems = _primed.folded = None
    _primed.language = language
    _primed.last = (None, _EMPTY)
    return 1


def fk_region_split_load(document_id: int | None, text: str | None, offsets: bytes | None,
                         stems: str | None, words: str | None, language: str | None) -> int:
    """SQL ``fk_region_split_load(document_id, text, offsets, stems, words, lang)``: as
    ``fk_region_prime``, with the words of the document's own index row (its ``stems`` and
    ``words`` columns, split once), so that each region's columns (``fk_region_of``) are a
    slice of them rather than its words split and stemmed again: the regions of many new
    documents written in one statement (``search_tables.fill_regions``) hand each text over
    once, not three times per region."""
    fk_region_prime(document_id, text, offsets, language)
    count = len(_primed.starts)
    if count:
        stem_list, word_list = (stems or "").split(" "), (words or "").split(" ")
        if len(stem_list) == count and len(word_list) == count:  # else: split them again
            _primed.stems, _primed.folded = stem_list, word_list
    return 1


def fk_region_load(document_id: int | None, text: str | None, language: str | None) -> int:
    """SQL ``fk_region_load(document_id, text, lang)``: as ``fk_region_prime``, with the words
    of the text as its own index row holds them (the analysis just made for that row is kept,
    ``incremental``), so that each region's columns are a slice of the document's words rather
    than its words split and stemmed again: after an edit every region of the text is compared
    with its row."""
    kept = word_lists(text, language) if text else None
    if kept is not None:
        TEXTS_RECEIVED[0] += 1
        _primed.document = None if document_id is None else int(document_id)
        _primed.text, _primed.language, _primed.last = str(text), language, (None, _EMPTY)
        _primed.stems, _primed.folded, _primed.starts = kept
        return 1
    stems, words, offsets = columns(text, language)
    fk_region_prime(document_id, text, offsets, language)
    count = len(_primed.starts)
    if count:
        stem_list, word_list = stems.split(" "), words.split(" ")
        if len(stem_list) == count and len(word_list) == count:  # else: split them again
            _primed.stems, _primed.folded = stem_list, word_list
    return 1


def fk_region_of(document_id: int | None, start: int | None, end: int | None,
                 column: int) -> Any:
    """SQL ``fk_region_of(document_id, start, end, column)``: one column of a region row of the
    document ``fk_region_prime`` was last given (0 stems, 1 words, 2 offsets); empty for any
    other document."""
    return _loaded(document_id, start, end)[column]


def _loaded(document_id: int | None, start: int | None, end: int | None) -> tuple[str, str,
                                                                                   bytes]:
    """The three columns of a region of the document last loaded (the last asked for kept)."""
    if document_id is None or _primed.document != int(document_id) or not _primed.text:
        return _EMPTY
    key = (start, end)
    if _primed.last[0] != key:
        try:
            if _primed.stems is not None and _primed.folded is not None:
                found = _sliced(_primed.text, _primed.starts, _primed.stems, _primed.folded,
                                start, end)
            else:
                found = region_columns(_primed.text, _primed.starts, start, end,
                                       _primed.language)
        except Exception:  # a trigger must never fail a researcher's write; `check` would notice
            found = _EMPTY
        _primed.last = (key, found)
    return _primed.last[1]  # type: ignore[no-any-return]


def fk_region_differs(document_id: int | None, start: int | None, end: int | None,
                      stems: str | None, words: str | None, offsets: bytes | None) -> int:
    """SQL ``fk_region_differs(document_id, start, end, stems, words, offsets)``: 1 when a
    region's row (its three text columns as stored) is not what ``fk_region_of`` gives for
    the document ``fk_region_load`` was last given, else 0."""
    found = _loaded(document_id, start, end)
    return int(found[2] != (offsets or b"") or found[1] != (words or "")
               or found[0] != (stems or ""))


def person_word(name: str | None) -> str:
    """SQL ``fk_person(name)``: a speaker's or participant's filter word, ``p`` and the folded
    letters of the name run together (``Sanne de Vries`` → ``psannedevries``), so that
    ``speaker:Sanne`` is the prefix query ``p"sanne"*``; '' for no name."""
    letters = "".join(fold(w) for w in WORD.findall(name or ""))
    return "p" + letters if letters else ""


def region_starts(conn: sqlite3.Connection, rids: Iterable[int]) -> dict[int, int]:
    """Where the region of each ``search_regions`` row starts in its document's text (code
    points): its coding's start (0 for a whole text, as a photo's region codes) or its turn's
    start. Rows whose coding or turn is gone are left out."""
    owners: dict[int, dict[int, int]] = {SEGMENT: {}, TURN: {}}
    for rid in rids:
        part = rid % PARTS
        if part in owners:
            owners[part][(rid // PARTS) % OWNERS] = rid
    out: dict[int, int] = {}
    for part, table in ((SEGMENT, "codings"), (TURN, "turns")):
        ids = list(owners[part])
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            for key, start in conn.execute(
                    f"SELECT id, coalesce(start, 0) FROM {table} "
                    f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
                out[owners[part][key]] = int(start)
    return out
