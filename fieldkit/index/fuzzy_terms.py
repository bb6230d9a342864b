"""Fuzzy terms (``kantbnak~``, ``word~2``): the words of the index within one or two edits.

A word is expanded through the index's own vocabulary (FTS5's ``fts5vocab`` over the folded
``words`` column), never by reading the texts: the expansion becomes an OR of exact words, which
FTS5 then finds and ranks like any other. An edit is inserting, deleting or replacing a letter,
or swapping two neighbouring letters (optimal string alignment, the Damerau–Levenshtein distance
typists' slips need: ``kantbnak`` is one edit from ``kantbank``).

One edit is looked up by generating every word one edit away and keeping those the vocabulary
holds (cost: the length of the word times the letters in use, whatever the vocabulary's size);
two edits compare the word with the vocabulary's words of a length within two, with a distance
that stops as soon as it exceeds two. The vocabulary is read once and again only after the data
may have changed (the same test as the codebook's cache).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from fieldkit.storage.store import Store

if TYPE_CHECKING:
    import re

    from fieldkit.index.regex_corpus import Corpus

MAX_EDITS = 2
MAX_WORDS = 200  # an expansion longer than this keeps the closest words (then alphabetical)


def distance(a: str, b: str, bound: int = MAX_EDITS) -> int:
    """The optimal string alignment distance of ``a`` and ``b``; ``bound + 1`` once it is
    certain to exceed ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            row[j] = best
        if min(row) > bound:
            return bound + 1
        previous2, previous = previous, row
    return min(previous[-1], bound + 1)


def one_edit(word: str, letters: str) -> set[str]:
    """Every string one edit (see the module docstring) away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


class Vocabulary:
    """The folded words of a project's index, for expanding fuzzy terms."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._key: tuple[int, int] | None = None
        self._words: frozenset[str] = frozenset()
        self._by_length: dict[int, list[tuple[str, frozenset[str]]]] = {}
        self._letters = ""
        self._corpus: Corpus | None = None
        self._sorted: list[str] | None = None
        self._narrowed: dict[tuple[str, int], Any] = {}

    def _load(self) -> None:
        with self.store.lock:
            conn = self.store.conn
            key = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
            if key == self._key:
                return
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fk_vocabulary "
                         "USING fts5vocab(main, search_index, 'col')")
            words = frozenset(r[0] for r in conn.execute(
                "SELECT term FROM temp.fk_vocabulary WHERE col = 'words'"))
            # creating the temp table is a change too: take the key after it
            key = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        by_length: dict[int, list[tuple[str, frozenset[str]]]] = {}
        for w in words:
            by_length.setdefault(len(w), []).append((w, frozenset(w)))
        self._words, self._by_length, self._key = words, by_length, key
        self._letters = "".join(sorted({c for w in words for c in w}))
        self._corpus, self._narrowed, self._sorted = None, {}, None

    def corpus(self) -> Corpus:
        """The searchable texts, their odd ones and stray word runs
        (``fieldkit.index.regex_corpus``), read once while the data is unchanged."""
        from fieldkit.index.regex_corpus import Corpus

        self._load()
        if self._corpus is None:
            self._corpus = Corpus(self.store)
        return self._corpus

    def holds(self, word: str) -> bool:
        """Whether ``word`` is one of the index's words."""
        self._load()
        return word in self._words

    def cover(self, words: list[str]) -> list[str]:
        """FTS5 terms finding exactly the rows that hold one of ``words`` (sorted index
        words): a word, or ``"pre"*`` where every index word starting with ``pre`` is one of
        them (the shortest such prefix of two or more letters)."""
        self._load()
        if self._sorted is None:
            self._sorted = sorted(self._words)
        every = self._sorted
        out: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            term, skip = f'"{w}"', 1
            for n in range(2, len(w)):
                pre = w[:n]
                lo = bisect.bisect_left(words, pre, i)
                hi = bisect.bisect_left(words, pre + "\U0010ffff", lo)
                total = (bisect.bisect_left(every, pre + "\U0010ffff")
                         - bisect.bisect_left(every, pre))
                if hi - lo == total and total > 1:
                    term, skip = f'"{pre}"*', hi - i
                    break
            out.append(term)
            i += skip
        return out

    def matching(self, pattern: re.Pattern[str], most: int) -> list[str] | None:
        """The index's words in which ``pattern`` finds a non-empty match, sorted; None when
        it finds one in a stray word run of some text (``regex_corpus``), or in more than
        ``most`` words."""
        from fieldkit.index.regex_parts import has_hit

        corpus = self.corpus()
        if any(has_hit(pattern, run) for run in corpus.strays):
            return None
        found = []
        for w in self._words:
            if has_hit(pattern, w):
                found.append(w)
                if len(found) > most:
                    return None
        return sorted(found)

    def narrowed(self, pattern: re.Pattern[str]) -> tuple[str, bool]:
        """``regex_terms.narrowing`` of ``pattern``, kept while the data is unchanged."""
        from fieldkit.index.regex_terms import narrowing

        self._load()
        key = (pattern.pattern, pattern.flags)
        found = self._narrowed.get(key)
        if found is None:
            found = self._narrowed[key] = narrowing(pattern, self)
        return found  # type: ignore[no-any-return]

    def similar(self, word: str, edits: int) -> list[str]:
        """The index's words within ``edits`` (1 or 2) of the folded ``word``, ``word`` itself
        first when the index holds it, then the closest, at most ``MAX_WORDS``."""
        self._load()
        edits = max(1, min(MAX_EDITS, edits))
        if edits == 1:
            found = {w: 1 for w in one_edit(word, self._letters) if w in self._words}
        else:
            found = {}
            own = frozenset(word)
            for length in range(len(word) - edits, len(word) + edits + 1):
                for w, letters in self._by_length.get(length, ()):
                    if len(letters ^ own) > 2 * edits:
                        continue  # each edit adds or removes at most two kinds of letter
                    d = distance(word, w, edits)
                    if 0 < d <= edits:
                        found[w] = d
        ordered = sorted(found, key=lambda w: (found[w], w))
        exact = [word] if word in self._words else []
        return (exact + ordered)[:MAX_WORDS]
