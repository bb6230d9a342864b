"""The searchable texts as ``/…/`` terms see them, kept while the data is unchanged: which texts
have word runs the index's words do not spell out, and those runs.

A *word run* (``fieldkit.index.regex_parts``) is a maximal run of ``\\w`` in a folded text
(``regex_terms.fold_text``). In a *plain* text the word runs are exactly the folded index words
of the text (``words.WORD``, ``words.fold``) as FTS5 stores them, one for one. A text is plain
unless it holds an *odd* character:

- ``_`` (a word character for ``re``, a separator for the index: ``foo_bar`` is one run, two
  words) and any character that is not a letter or digit whose folding holds a word character
  (``Ⓐ`` → ``a``, ``℃`` → ``°c``, ``™`` → ``tm``, a fullwidth ``＿``);
- a letter or digit whose folding holds anything but letters and digits (``½`` → ``1⁄2``: two
  runs, one index word), folds to nothing, or changes when lower-cased again;
- a combining mark the index does not join to the word before it (``words.WORD``), and a
  letter FTS5's tokenizer splits on (a script newer than SQLite's tables).

An odd text's word runs that are not one of its index words (``foo_bar``, ``1``) are kept
(``strays``): an expression that can match one of them is not narrowed by the vocabulary.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable

from fieldkit.index.words import _MARKS, WORD, fold
from fieldkit.storage import search_tables as tables
from fieldkit.storage.store import Store

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_RUN = re.compile(r"\w+")
_GAP = re.compile(r"\W+")
_IN_MARKS = re.compile(f"[{_MARKS}]")
_VERDICT: dict[str, bool] = {}  # non-ASCII character -> odd
_TOKEN_CHARS: set[str] = set()  # characters FTS5's tokenizer keeps inside a word (seen so far)
LIMIT = 80_000_000  # characters of text kept in memory; beyond, texts are read when needed

_SOURCES = (
    (tables.DOC_TEXT, "SELECT id, text FROM documents WHERE text != ''"),
    (tables.DOC_MEMO, "SELECT id, memo FROM documents WHERE memo != ''"),
    (tables.CODING_MEMO, "SELECT id, memo FROM codings WHERE memo != ''"),
    (tables.CODE, f"SELECT id, {tables.CODE_TEXT.format(t='codes')} FROM codes"),
)


def _fold_char(c: str) -> str:
    decomposed = unicodedata.normalize("NFKD", c.casefold())
    return "".join(x for x in decomposed if not unicodedata.combining(x))


def odd_characters(chars: set[str]) -> set[str]:
    """The odd ones (see the module docstring) among non-ASCII characters."""
    unknown = [c for c in chars if c not in _VERDICT]
    if unknown:
        tokenizer = _token_characters({x for c in unknown if c.isalnum()
                                       for x in _fold_char(c)})
        for c in unknown:
            f = _fold_char(c)
            if c.isalnum():
                odd = (not f or not all(x.isalnum() and x in tokenizer for x in f)
                       or f.lower() != f)
            elif unicodedata.combining(c):
                odd = not _IN_MARKS.match(c)
            else:
                odd = any(x.isalnum() or x == "_" for x in f)
            _VERDICT[c] = odd
    return {c for c in chars if _VERDICT[c]}


def _token_characters(chars: set[str]) -> set[str]:
    """The characters FTS5's tokenizer (as the index uses it) keeps inside a word."""
    if not chars:
        return set()
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = "
                     "'unicode61 remove_diacritics 0')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        ordered = sorted(chars)
        conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)",
                         [(i, f"x{c}x") for i, c in enumerate(ordered)])
        joined = {int(doc) for doc, n in conn.execute(
            "SELECT doc, count(*) FROM v GROUP BY doc") if n == 1}
        kept = {c for i, c in enumerate(ordered) if i in joined}
        _TOKEN_CHARS.update(kept)
        return kept
    finally:
        conn.close()


def _no_case(pattern: re.Pattern[str], alphabet: str) -> re.Pattern[str] | None:
    from fieldkit.index.regex_case import sensitive

    return sensitive(pattern, alphabet, existence=True)


def strays(text: str) -> set[str]:
    """The word runs of ``text`` folded that are not one of its index words, folded."""
    from fieldkit.index.regex_terms import fold_text

    folded, origin = fold_text(text)
    words = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
    starts = {s: (e, w) for s, e, w in words}
    out: set[str] = set()
    for m in _RUN.finditer(folded):
        fs, fe = m.span()
        s, e = (fs, fe) if origin is None else (origin[fs], origin[fe - 1] + 1)
        word = starts.get(s)
        run = m.group()
        if word is None or word[0] != e or word[1] != run or not all(
                x.isascii() or x in _TOKEN_CHARS for x in run):
            out.add(run)
    return out


class Corpus:
    """Every text ``search_index`` is made from (by rowid), which of them are odd and their
    stray word runs; read in one pass."""

    def __init__(self, store: Store) -> None:
        self.texts: dict[int, str] = {}
        self.odd: set[int] = set()
        self.strays: set[str] = set()
        size = 0
        seen: set[str] = set()
        found: list[tuple[int, str, set[str]]] = []
        odd_texts: dict[int, str] = {}
        with store.lock:
            for part, sql in _SOURCES:
                for owner, text in store.conn.execute(sql):
                    text = text or ""
                    rid = int(owner) * tables.PARTS + part
                    size += len(text)
                    if size <= LIMIT:
                        self.texts[rid] = text
                    if text.isascii():
                        if "_" in text:
                            odd_texts[rid] = text
                        continue
                    chars = set(_NON_ASCII.findall(text))
                    seen |= chars
                    found.append((rid, text, chars))
        self.complete = size <= LIMIT
        # every character a folded text can hold (``regex_terms.fold_text``)
        self.alphabet = "".join(sorted(
            {chr(i) for i in range(128) if not "A" <= chr(i) <= "Z"}
            | {x for c in seen for f in (_fold_char(c), _fold_char(c).lower()) for x in f}))
        self._sensitive: dict[tuple[str, int], re.Pattern[str] | None] = {}
        self._gaps: dict[str, list[int]] | None = None
        if not self.complete:
            self.texts.clear()
        odd = odd_characters(seen)
        for rid, text, chars in found:
            if "_" in text or chars & odd:
                odd_texts[rid] = text
        del found
        self.odd = set(odd_texts)
        for text in odd_texts.values():
            self.strays |= strays(text)

    def sensitive(self, pattern: re.Pattern[str]) -> re.Pattern[str]:
        """``pattern`` without ``IGNORECASE`` for these texts, for telling whether a text has
        a match (``regex_case.sensitive``, ``existence``; faster)."""
        key = (pattern.pattern, pattern.flags)
        if key not in self._sensitive:
            self._sensitive[key] = _no_case(pattern, self.alphabet)
        return self._sensitive[key] or pattern

    def gaps(self, folded: Callable[[int, str], str]) -> dict[str, list[int]]:
        """Each gap (a maximal run of non-word characters) of the folded texts, with the rows
        holding it; ``folded(rid, text)`` folds a text. Made on first use."""
        if self._gaps is None:
            index: dict[str, list[int]] = {}
            for rid, text in self.texts.items():
                for gap in set(_GAP.findall(folded(rid, text))):
                    index.setdefault(gap, []).append(rid)
            self._gaps = index
        return self._gaps
