"""Word frequencies and keyness over the words the search index sees.

The words are the index's own: split by ``fieldkit.index.words.WORD``, folded (lower case, no
diacritics) and grouped by their Snowball stem (PyStemmer, the project's language), so
"werken", "werkt" and "Werk" are one row that lists its variants. A material is a list of
texts, each the folded words of one document (or of the parts of it chosen) space separated,
as the index's ``words`` column holds them. Counting splits and counts in C (``str.split``,
``Counter``); for a whole project the index's own vocabulary has the counts already
(``operations.words``), so two and a half million words are counted in about a third of a
second.

Left out: stop words (the project's editable Dutch and English lists), words shorter than the
minimum length, numbers (words of digits only) and the speaker labels that open the turns of a
transcript (``Interviewer:``, ``Kees:``: ``label_length``), which name who speaks.

Keyness compares two materials with the log-likelihood ratio G² of Dunning (1993) as Rayson and
Garside (2000) use it for corpus comparison: for a word found ``a`` times in material A of
``c`` words and ``b`` times in material B of ``d`` words, the expected counts are
``E1 = c (a + b) / (c + d)`` and ``E2 = d (a + b) / (c + d)`` and
``G² = 2 (a ln(a / E1) + b ln(b / E2))`` (a term with a zero count is zero). 3.84 is
significant at p < 0.05, 6.63 at p < 0.01, 10.83 at p < 0.001 (one degree of freedom).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

DEFAULT_TOP = 50
DEFAULT_MIN_LENGTH = 3


@dataclass(slots=True)
class WordRow:
    """One word (a stem group) of a word list: the most frequent form as its name, how often
    the group occurs, in how many documents and which share of them, and its forms."""

    word: str
    stem: str
    count: int
    documents: int
    share: float
    variants: list[tuple[str, int]]


@dataclass(slots=True)
class WordList:
    """The most frequent words of a material. ``documents``: documents holding any word;
    ``words``: running words counted (after stop words, length and numbers); ``distinct``:
    stem groups in all (the rows are the first ``top``)."""

    rows: list[WordRow]
    documents: int
    words: int
    distinct: int


@dataclass(slots=True)
class KeyWord:
    """One word of a comparison: its counts in A and B, G², and where it is more frequent
    relative to the material's size (``"A"`` or ``"B"``)."""

    word: str
    stem: str
    count_a: int
    count_b: int
    log_likelihood: float
    more_in: str
    variants: list[tuple[str, int]]


@dataclass(slots=True)
class Keyness:
    """Two materials compared, most distinctive words first."""

    label_a: str
    label_b: str
    words_a: int
    words_b: int
    documents_a: int
    documents_b: int
    rows: list[KeyWord]


class Counted:
    """The counts of one material: every folded word's count and, with ``sets``, the words
    of each document (to count the documents of any group of words)."""

    def __init__(self, texts: Iterable[str], *, sets: bool = True) -> None:
        self.totals: Counter[str] = Counter()
        self.sets: list[set[str]] = []
        self.documents = 0
        for text in texts:
            words = text.split()
            if words:
                self.documents += 1
                self.totals.update(words)  # counted in C
                if sets:
                    self.sets.append(set(words))
        self.in_documents: Counter[str] = Counter(chain.from_iterable(self.sets))

    def documents_of(self, variants: Sequence[str]) -> int:
        """How many documents hold any of ``variants``."""
        if len(variants) == 1:
            return self.in_documents[variants[0]]
        wanted = frozenset(variants)
        return sum(1 for found in self.sets if not found.isdisjoint(wanted))


def kept(word: str, stop: frozenset[str], min_length: int) -> bool:
    """Whether a folded word is counted: long enough, not a stop word, not a number."""
    return len(word) >= min_length and word not in stop and not word.isdigit()


def groups(totals: Iterable[tuple[str, int]], stem: Callable[[str], str],
           stop: frozenset[str], min_length: int) -> dict[str, dict[str, int]]:
    """stem → {form: count} of the words kept."""
    out: dict[str, dict[str, int]] = {}
    for word, n in totals:
        if kept(word, stop, min_length):
            out.setdefault(stem(word), {})[word] = n
    return out


def _variants(forms: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(forms.items(), key=lambda f: (-f[1], f[0]))


def word_list(texts: Iterable[str], stem: Callable[[str], str], stop: frozenset[str], *,
              min_length: int = DEFAULT_MIN_LENGTH, top: int | None = DEFAULT_TOP,
              documents_of: Callable[[list[str]], int] | None = None) -> WordList:
    """The ``top`` most frequent stem groups of ``texts`` (all with ``top`` None), by count,
    then by name. ``documents_of`` (the index's answer: how many of the material's documents
    hold any of these words) saves keeping every document's words to count them here."""
    counted = Counted(texts, sets=documents_of is None)
    return ranked(counted.totals, counted.documents, stem, stop, min_length=min_length,
                  top=top, documents_of=documents_of or counted.documents_of)


def ranked(totals: Mapping[str, int], documents: int, stem: Callable[[str], str],
           stop: frozenset[str], *, min_length: int, top: int | None,
           documents_of: Callable[[list[str]], int]) -> WordList:
    """The word list of counted words: ``totals`` (folded word → count) over ``documents``
    documents holding a word; ``documents_of`` counts the documents of a row's forms."""
    found = groups(totals.items(), stem, stop, min_length)
    order = sorted(((sum(f.values()), _variants(f), s) for s, f in found.items()),
                   key=lambda r: (-r[0], r[1][0][0]))
    chosen = order if top is None else order[:max(0, top)]
    rows = []
    for count, variants, s in chosen:
        docs = documents_of([v for v, _ in variants])
        rows.append(WordRow(variants[0][0], s, count, docs,
                            docs / documents if documents else 0.0, variants))
    return WordList(rows, documents, sum(count for count, _, _ in order), len(order))


def log_likelihood(a: int, b: int, total_a: int, total_b: int) -> float:
    """G² of a word found ``a`` times in ``total_a`` words and ``b`` times in ``total_b``."""
    if total_a <= 0 or total_b <= 0 or a + b == 0:
        return 0.0
    e1 = total_a * (a + b) / (total_a + total_b)
    e2 = total_b * (a + b) / (total_a + total_b)
    g2 = 0.0
    if a:
        g2 += a * math.log(a / e1)
    if b:
        g2 += b * math.log(b / e2)
    return 2.0 * g2


def keyness(texts_a: Iterable[str], texts_b: Iterable[str], stem: Callable[[str], str],
            stop: frozenset[str], *, labels: tuple[str, str] = ("A", "B"),
            min_length: int = DEFAULT_MIN_LENGTH, top: int | None = DEFAULT_TOP) -> Keyness:
    """The words that tell material A from B, by G² (largest first, then by name)."""
    first, second = Counted(texts_a), Counted(texts_b)
    in_a = groups(first.totals.items(), stem, stop, min_length)
    in_b = groups(second.totals.items(), stem, stop, min_length)
    total_a = sum(sum(f.values()) for f in in_a.values())
    total_b = sum(sum(f.values()) for f in in_b.values())
    rows = []
    for s in in_a.keys() | in_b.keys():
        a, b = sum(in_a.get(s, {}).values()), sum(in_b.get(s, {}).values())
        forms = Counter(in_a.get(s, {})) + Counter(in_b.get(s, {}))
        variants = _variants(dict(forms))
        more = "A" if a * total_b >= b * total_a else "B"
        rows.append(KeyWord(variants[0][0], s, a, b, log_likelihood(a, b, total_a, total_b),
                            more, variants))
    rows.sort(key=lambda r: (-r.log_likelihood, r.word))
    return Keyness(labels[0], labels[1], total_a, total_b, first.documents, second.documents,
                   rows if top is None else rows[:max(0, top)])


@lru_cache(maxsize=512)
def _label_pattern(speaker: str) -> re.Pattern[str]:
    name = r"\s+".join(re.escape(part) for part in speaker.split())
    return re.compile(rf"[ \t]*(?:\[[ \t]*{name}[ \t]*\][ \t]*:?|{name}[ \t]*:)[ \t]*",
                      re.IGNORECASE)


def label_length(head: str, speaker: str) -> int:
    """How many characters at the start of a turn (``head``) are its speaker label, the
    blanks after it included: ``Kees: …`` or ``[Kees] …``, the name written as the turn's
    speaker (capitals and runs of blanks aside); 0 when the turn does not open with one.
    A label names who speaks; it is not a word the speaker said."""
    if not speaker.strip():
        return 0
    found = _label_pattern(speaker.strip()).match(head)
    return found.end() if found else 0


def parse_stop_words(text: str) -> list[str]:
    """A stop list as kept: one word a line (or several on a line), ``#`` starts a comment;
    each folded as the index folds, so "één" stops "een"."""
    from fieldkit.index.words import WORD, fold

    out: dict[str, None] = {}
    for line in text.splitlines():
        for raw in WORD.findall(line.split("#", 1)[0]):
            folded = fold(raw)
            if folded:
                out[folded] = None
    return list(out)
