"""Words as the index sees them: split, folded (case and diacritics) and stemmed per language.

The same splitting runs when text is indexed and when a hit is mapped back to the original text,
so token number *i* in the index is always the *i*-th match of ``WORD`` in the original text.
Each original word yields exactly one token in both index columns (its folded form and its
stem), which keeps the two columns aligned position by position.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator

import Stemmer

# A word: letters or digits, with any combining marks that follow (so "coo\u0308rdinatie",
# written with a combining diaeresis, stays one word like "coördinatie").
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = re.compile(rf"[^\W_]+(?:[{_MARKS}]+[^\W_]*)*")

STEMMERS = {"nl": "dutch", "en": "english"}
_CACHE_LIMIT = 400_000


def fold(word: str) -> str:
    """Lower case, no diacritics: ``Coördinatie`` → ``coordinatie``, ``Straße`` → ``strasse``."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


class Analyser:
    """Folds and stems words for one language, remembering words it has seen."""

    def __init__(self, language: str) -> None:
        self.language = language if language in STEMMERS else "nl"
        self._stemmer = Stemmer.Stemmer(STEMMERS[self.language])
        self._seen: dict[str, tuple[str, str]] = {}

    def word(self, raw: str) -> tuple[str, str]:
        """(folded, stem) of one word as it appears in a text."""
        found = self._seen.get(raw)
        if found is None:
            folded = fold(raw)
            found = (folded, self._stemmer.stemWord(folded) if folded else "")
            if len(self._seen) > _CACHE_LIMIT:
                self._seen.clear()
            self._seen[raw] = found
        return found

    def columns(self, text: str) -> tuple[str, str]:
        """The two index columns of a text: its stems and its folded words, space separated."""
        seen = self._seen
        word = self.word
        pairs = [seen.get(w) or word(w) for w in WORD.findall(text)]
        return " ".join(p[1] for p in pairs), " ".join(p[0] for p in pairs)

    def analyse(self, text: str) -> tuple[str, str, bytes]:
        """``columns`` plus where each word starts (code points, packed by ``pack``)."""
        seen = self._seen
        word = self.word
        found = list(WORD.finditer(text))
        pairs = [seen.get(w) or word(w) for w in map(_GROUP, found)]
        return (" ".join(p[1] for p in pairs), " ".join(p[0] for p in pairs),
                pack(array("I", map(_START, found))))

    def stem(self, folded: str) -> str:
        return self._stemmer.stemWord(folded) if folded else ""


_GROUP = re.Match.group
_START = re.Match.start


def pack(starts: array) -> bytes:  # type: ignore[type-arg]
    """Word start offsets as stored in the index: little-endian uint32."""
    if sys.byteorder != "little":
        starts.byteswap()
    return starts.tobytes()


def unpack(packed: bytes | None) -> array:  # type: ignore[type-arg]
    """The word start offsets stored by ``pack``."""
    out = array("I")
    if packed:
        out.frombytes(packed)
        if sys.byteorder != "little":
            out.byteswap()
    return out


def word_end(text: str, start: int) -> int:
    """Where the word starting at ``start`` ends (code points)."""
    m = WORD.match(text, start)
    return m.end() if m is not None else start


_ANALYSERS: dict[str, Analyser] = {}


def analyser(language: str | None) -> Analyser:
    """The shared analyser of a language (``nl`` or ``en``; anything else counts as ``nl``)."""
    key = language if language in STEMMERS else "nl"
    found = _ANALYSERS.get(key)
    if found is None:
        found = _ANALYSERS[key] = Analyser(key)
    return found


def spans(text: str) -> Iterator[tuple[int, int]]:
    """Code-point spans of the words of a text, in index order."""
    for m in WORD.finditer(text):
        yield m.span()
