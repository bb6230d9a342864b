"""Regular-expression terms (``/kant\\w*bank/``): Python ``re``, case-insensitive, folded text.

**Folded text.** A text is folded character by character as the index folds words: ASCII is
lower-cased; any other character is case-folded, decomposed (NFKD) and stripped of its
combining marks (``Coö`` → ``coo``, ``ß`` → ``ss``, a lone combining mark → nothing); spaces,
punctuation, emoji and line breaks stay as they are. The expression's own non-ASCII characters
are folded the same way, so ``/coördinatie/`` and ``/coordinatie/`` are one search.

**Positions.** A match ``[fs, fe)`` of the folded text is the original span from the first
original character that produced folded character ``fs`` to the end of the one that produced
``fe - 1``: hits are half-open code-point spans of the original text. When every character folds
to exactly one (nearly every text: accents, emoji, CRLF), the positions are the same. Empty
matches are not hits.

**Speed.** An expression is narrowed through the index's vocabulary first (``narrowing``,
``regex_parts``): the parts of it that consume only word characters must match inside one word
of the text, so the rows holding an index word they match are the only candidates; a whole
expression of word characters (``/\\bkant\\w*/``) is *exact* — every plain row found has a hit
and whole-text searches count them without reading the texts (``regex_rows``). Parts of spaces
and punctuation narrow through the gaps between words (``regex_corpus.Corpus.gaps``). Rows
that still need a look are searched in their folded text kept in memory, without
``IGNORECASE`` (``regex_case``).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.index import regex_parts
from fieldkit.index.words import WORD
from fieldkit.storage import search_tables as tables

if TYPE_CHECKING:
    from fieldkit.index.fts import FtsIndex, Matched
    from fieldkit.index.fuzzy_terms import Vocabulary
    from fieldkit.index.query import Query

#: Filter words of every row: the MATCH of an expression with no literal parts.
EVERY_ROW = ('meta : ("ftext" OR "fcaption" OR "fmemo" OR "fcodingmemo" OR "fcode" '
             'OR "fsegment" OR "fturn")')
MAX_WORDS = 20_000  # a piece matching more index words than this does not narrow
MAX_TERMS = 40  # nor one needing more FTS5 terms (words or prefixes) than this
MAX_CLAUSES = 3  # the clauses with the fewest terms are enough
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str] = {}


class BadRegex(BadInput):
    """A ``/…/`` term that is not a valid regular expression; the message is one line."""


def fold_char(c: str) -> str:
    """One character folded (see the module docstring)."""
    found = _FOLDED.get(c)
    if found is None:
        decomposed = unicodedata.normalize("NFKD", c.casefold())
        found = _FOLDED[c] = "".join(x for x in decomposed if not unicodedata.combining(x))
    return found


def fold_text(text: str) -> tuple[str, array | None]:  # type: ignore[type-arg]
    """The folded text and, when lengths differ, the original position of each folded
    character (one more at the end: ``len(text)``); None means the positions are the same."""
    if text.isascii():
        return text.lower(), None
    odd = set(_NON_ASCII.findall(text))
    if all(len(fold_char(c)) == 1 for c in odd):  # accents, emoji: one for one
        return _NON_ASCII.sub(_fold_match, text).lower(), None
    pieces = [c.lower() if c.isascii() else fold_char(c) for c in text]
    origin = array("I")
    for i, p in enumerate(pieces):
        origin.extend([i] * len(p))
    origin.append(len(text))
    return "".join(pieces), origin


def _fold_match(m: re.Match[str]) -> str:
    return fold_char(m.group())


def compile_term(pattern: str) -> re.Pattern[str]:
    """The expression of a ``/…/`` term, its non-ASCII characters folded; ``BadRegex`` (one
    line) when Python cannot read it."""
    folded = "".join(c if c.isascii() else fold_char(c) for c in pattern)
    try:
        return re.compile(folded, re.IGNORECASE)
    except (re.error, OverflowError, RecursionError) as problem:
        reason = str(problem).splitlines()[0] if str(problem) else "it cannot be read"
        raise BadRegex(f"/{pattern}/ is not a valid regular expression: {reason}.") from None


def narrowing(pattern: re.Pattern[str], vocabulary: Vocabulary) -> tuple[str, bool]:
    """(the FTS5 expression a ``/…/`` term adds, whether it is exact): the rows holding an
    index word in which the expression itself (when word-bound) or one of each clause's pieces
    (``regex_parts.shape``) finds a non-empty match. A clause whose pieces match a stray word
    run of some text, or too many words, narrows nothing.

    Exact: the expression is word-bound and narrowed by its own words, so every plain row
    (``regex_corpus``) the expression finds has a hit; only odd rows need a look."""
    found = regex_parts.shape(pattern)
    if found.word_bound:
        words = vocabulary.matching(pattern, MAX_WORDS)
        terms = None if words is None else _terms(words, vocabulary)
        if terms is not None:
            return _any_of(terms), True
    clauses: list[list[str]] = []
    for clause in found.clauses:
        words = []
        for piece in clause:
            some = vocabulary.matching(piece, MAX_WORDS)
            if some is None:
                break
            words.extend(some)
        else:
            if not words:  # no index word can hold it: no row can match
                return _any_of(_terms([], vocabulary) or []), False
            terms = _terms(sorted(set(words)), vocabulary)
            if terms is not None:
                clauses.append(terms)
    if not clauses:
        return EVERY_ROW, False
    clauses = sorted(clauses, key=len)[:MAX_CLAUSES]
    both = [_any_of(terms) for terms in clauses]
    return (both[0] if len(both) == 1 else "(" + " AND ".join(both) + ")"), False


def _terms(words: list[str], vocabulary: Vocabulary) -> list[str] | None:
    """FTS5 terms for the rows holding one of ``words`` (``Vocabulary.cover``); None when
    more than ``MAX_TERMS`` (FTS5 merges and scores every term's rows: slower than reading)."""
    if not words:  # a word no text holds
        nothing = "fknothing"
        while vocabulary.holds(nothing):
            nothing += "x"
        return [f'"{nothing}"']
    terms = vocabulary.cover(words)
    return terms if len(terms) <= MAX_TERMS else None


def _any_of(terms: list[str]) -> str:
    """``words : (…)`` finding the rows holding one of ``terms``."""
    return "words : (" + " OR ".join(terms) + ")"


class FoldedTexts:
    """Folded texts kept in memory (up to ``LIMIT`` characters) while the data is unchanged:
    the first ``/…/`` search folds the texts it reads, later ones reuse them (as the competent
    scan, which folds every text once, does)."""

    LIMIT = 80_000_000

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._texts: dict[tuple[int, int], tuple[str, Any]] = {}
        self._size = 0

    def check(self, key: tuple[int, int]) -> None:
        """Forget everything when ``key`` (the data's version) changed."""
        if key != self._key:
            self._key, self._texts, self._size = key, {}, 0

    def of(self, source: tuple[int, int], text: str) -> tuple[str, Any]:
        found = self._texts.get(source)
        if found is None:
            found = fold_text(text)
            if self._size + len(text) <= self.LIMIT:
                self._texts[source] = found
                self._size += len(text)
        return found


def spans(patterns: Iterable[re.Pattern[str]], text: str, start: int = 0,
          end: int | None = None, *, first: bool = False,
          folded: tuple[str, Any] | None = None) -> list[tuple[int, int]] | None:
    """Every non-empty match of each expression in ``text[start:end]`` as original code-point
    spans, sorted (``first``: each expression's first only); None when one of the
    expressions does not match there."""
    end = len(text) if end is None else end
    if folded is not None and (start, end) != (0, len(text)):
        if folded[1] is None:  # positions are the same: slice the folded text
            folded = (folded[0][start:end], None)
        else:
            folded = None
    folded_text, origin = folded if folded is not None else fold_text(text[start:end])
    out: set[tuple[int, int]] = set()
    for pattern in patterns:
        found = False
        for m in pattern.finditer(folded_text):
            fs, fe = m.span()
            if fs == fe:
                continue
            found = True
            if origin is None:
                out.add((start + fs, start + fe))
            else:
                out.add((start + origin[fs], start + origin[fe - 1] + 1))
            if first:
                break
        if not found:
            return None
    return sorted(out)


def place(engine: FtsIndex, query: Query, found: list[Matched], *, first: bool = False) -> None:
    """``FtsIndex._place`` for a query with ``/…/`` terms: every hit of its words (if any)
    and of its expressions in each row's text (``first``: the first of each) — in a coded
    segment's or a turn's row, inside that region only; a row where an expression does not
    match gets no spans."""
    if query.leaves:
        engine._place(dataclasses.replace(query, regexes=[]), found, mode="all")
    else:
        engine._bodies(found)
    bounds = region_bounds(engine, [m.rid for m in found if m.rid >= tables.DOC_SHIFT])
    with engine.store.lock:
        conn = engine.store.conn
        cache = engine.folded
        cache.check((conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0])))
    for m in found:
        start, end = bounds.get(m.rid, (0, len(m.body)))
        start, end = whole_words(m.body, start, min(end, len(m.body)))
        source = (m.rid % tables.PARTS, m.rid // tables.PARTS) if m.rid < tables.DOC_SHIFT \
            else (tables.DOC_TEXT, m.rid // tables.DOC_SHIFT)  # a region: its document's text
        matched = spans(query.regexes, m.body, start, end, first=first,
                        folded=cache.of(source, m.body))
        if matched is None:
            m.spans = []
            continue
        words = [s for s in m.spans if s != (0, 0)] if query.leaves else []
        m.spans = sorted(set(words) | set(matched))


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the words its edges cut: a region's row leaves them out
    (``fieldkit.index.regions``), so a ``/…/`` term does not look into them either."""
    cut = _word_at(text, start)
    if cut is not None and cut[0] < start:
        start = cut[1]
    cut = _word_at(text, end)
    if cut is not None and cut[0] < end:
        end = cut[0]
    return start, max(start, end)


def _word_at(text: str, i: int) -> tuple[int, int] | None:
    """The span of the word (``words.WORD``) that holds both ``text[i - 1]`` and ``text[i]``."""
    if i <= 0 or i >= len(text):
        return None
    lo = i
    while lo > 0 and (text[lo - 1].isalnum() or unicodedata.combining(text[lo - 1])):
        lo -= 1
    for m in WORD.finditer(text, lo):
        if m.start() >= i:
            return None
        if m.end() > i:
            return m.span()
    return None


def region_bounds(engine: FtsIndex, rids: list[int]) -> dict[int, tuple[int, int]]:
    """(start, end) in its document's text of each ``search_regions`` row's coded segment or
    turn (a segment without a span, such as a photo's region codes: the whole text)."""
    big = 1 << 62
    owners: dict[int, dict[int, dict[int, int]]] = {tables.SEGMENT: {}, tables.TURN: {}}
    for rid in rids:
        part = rid % tables.PARTS
        if part in owners:
            owners[part].setdefault((rid // tables.PARTS) % tables.OWNERS, {})[rid] = rid
    out: dict[int, tuple[int, int]] = {}
    conn = engine.store.conn
    for part, table in ((tables.SEGMENT, "codings"), (tables.TURN, "turns")):
        ids = list(owners[part])
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            for key, start, end in conn.execute(
                    f"SELECT id, coalesce(start, 0), coalesce(end, {big}) FROM {table} "
                    f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
                for rid in owners[part][key]:
                    out[rid] = (int(start), int(end))
    return out
