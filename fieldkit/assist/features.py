"""Turning passages into numbers: TF-IDF over word 1–2-grams and character 3–5-grams.

Character n-grams inside words carry Dutch compounds and inflections ("storing", "storingen",
"machinestoring") and English alike, so one feature space serves both languages. Diacritics are
folded. The vocabulary and IDF weights are plain arrays, stored with the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize

WORD_OPTIONS = {"analyzer": "word", "ngram_range": (1, 2), "lowercase": True,
                "strip_accents": "unicode", "token_pattern": r"(?u)\b\w\w+\b"}
CHAR_OPTIONS = {"analyzer": "char_wb", "ngram_range": (3, 5), "lowercase": True,
                "strip_accents": "unicode"}
MAX_WORDS = 40_000
MAX_CHARS = 60_000


class Features:
    """A fitted feature space: vocabularies plus IDF weights; ``transform`` is thread-safe."""

    def __init__(self, words: Sequence[str], chars: Sequence[str], idf: np.ndarray) -> None:
        self.words = list(words)
        self.chars = list(chars)
        self.idf = np.asarray(idf, dtype=np.float32)
        self._word_vec = CountVectorizer(
            vocabulary={t: i for i, t in enumerate(self.words)}, dtype=np.float32,
            **WORD_OPTIONS)  # type: ignore[arg-type]
        self._char_vec = CountVectorizer(
            vocabulary={t: i for i, t in enumerate(self.chars)}, dtype=np.float32,
            **CHAR_OPTIONS)  # type: ignore[arg-type]

    @cached_property
    def word_index(self) -> dict[str, int]:
        """Word (or word pair) -> its column, built once per loaded model."""
        return {t: i for i, t in enumerate(self.words)}

    @property
    def size(self) -> int:
        return len(self.words) + len(self.chars)

    @classmethod
    def fit(cls, texts: Sequence[str], *, max_words: int = MAX_WORDS,
            max_chars: int = MAX_CHARS) -> tuple[Features, sparse.csr_matrix]:
        """Learn the vocabulary from ``texts``; returns the features and the texts' vectors."""
        min_df = 2 if len(texts) >= 20 else 1
        word_vec = CountVectorizer(min_df=min_df, max_features=max_words, dtype=np.float32,
                                   **WORD_OPTIONS)  # type: ignore[arg-type]
        char_vec = CountVectorizer(min_df=min_df, max_features=max_chars, dtype=np.float32,
                                   **CHAR_OPTIONS)  # type: ignore[arg-type]
        counts = sparse.hstack([_counts(word_vec, texts), _counts(char_vec, texts)]).tocsr()
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
        words = _vocabulary(word_vec)
        chars = _vocabulary(char_vec)
        features = cls(words, chars, idf)
        return features, features._weigh(counts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF vectors of ``texts`` (rows)."""
        if not texts:
            return sparse.csr_matrix((0, self.size), dtype=np.float32)
        counts = sparse.hstack([
            self._word_vec.transform(texts) if self.words
            else sparse.csr_matrix((len(texts), 0), dtype=np.float32),
            self._char_vec.transform(texts) if self.chars
            else sparse.csr_matrix((len(texts), 0), dtype=np.float32),
        ]).tocsr()
        return self._weigh(counts)

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        weighted = counts.astype(np.float32, copy=True)
        weighted.data = np.log1p(weighted.data)  # sublinear term frequency
        weighted = weighted @ sparse.diags(self.idf)
        return normalize(weighted.tocsr(), copy=False)


def _counts(vec: CountVectorizer, texts: Sequence[str]) -> sparse.csr_matrix:
    try:
        return vec.fit_transform(texts)
    except ValueError:  # nothing survived min_df (tiny projects): an empty block
        vec.vocabulary_ = {}
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)


def _vocabulary(vec: CountVectorizer) -> list[str]:
    terms = [""] * len(vec.vocabulary_)
    for term, i in vec.vocabulary_.items():
        terms[i] = term
    return terms
