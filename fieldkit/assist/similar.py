""""More like this": passages anywhere in the project that read like one coded segment.

Every sentence of every document is a candidate unless it already carries the segment's code.
To stay quick on a large project, only sentences that share at least one of the segment's most
telling words are compared (by TF-IDF cosine, word and character n-grams); the feature space is
the trained model's when there is one, else one fitted on the candidates themselves.
"""

from __future__ import annotations

import heapq
import re

import numpy as np

from fieldkit.assist.features import Features
from fieldkit.assist.passages import mostly_covered, passages
from fieldkit.assist.results import SimilarPassage
from fieldkit.core.model import Coding
from fieldkit.storage import assist_tables
from fieldkit.storage.store import Store

TELLING_WORDS = 6
BATCH = 5000
_WORD = re.compile(r"\w\w+", re.UNICODE)


def similar_to(store: Store, coding: Coding, features: Features | None,
               limit: int) -> list[SimilarPassage]:
    """The ``limit`` passages most like ``coding``'s quote, best first."""
    source = coding.quote
    words = _telling_words(source, features)
    if not words:
        return []
    coded = [(d, s, e) for d, c, s, e in assist_tables.code_spans(store)
             if c == coding.code_id]
    coded_by_doc: dict[int, list[tuple[int, int]]] = {}
    for d, s, e in coded:
        coded_by_doc.setdefault(d, []).append((s, e))
    turns = assist_tables.turns_by_document(store)
    titles = dict(assist_tables.document_titles(store))

    candidates: list[tuple[int, int, int]] = []
    texts: list[str] = []
    for doc_id, _uuid, _kind, text in assist_tables.document_texts(store):
        lower = text.lower()
        if not any(w in lower for w in words):
            continue
        taken = coded_by_doc.get(doc_id, [])
        for start, end in passages(text, turns.get(doc_id, ())):
            piece = lower[start:end]
            if not any(w in piece for w in words):
                continue
            if any(mostly_covered((start, end), span) for span in taken):
                continue
            candidates.append((doc_id, start, end))
            texts.append(text[start:end])
    if not candidates:
        return []
    if features is None:
        features, _ = Features.fit([source, *texts])
    target = features.transform([source])
    best: list[tuple[float, int]] = []
    for first in range(0, len(texts), BATCH):
        sims = (features.transform(texts[first:first + BATCH]) @ target.T).toarray().ravel()
        for k in np.argsort(-sims)[:limit].tolist():
            item = (float(sims[k]), first + k)
            if len(best) < limit:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    out = []
    for sim, k in sorted(best, reverse=True):
        doc_id, start, end = candidates[k]
        if sim <= 0:
            continue
        out.append(SimilarPassage(doc_id, titles.get(doc_id, ""), start, end, texts[k],
                                  round(sim, 4)))
    return out


def _telling_words(text: str, features: Features | None) -> list[str]:
    """The segment's rarest words (by IDF when known, else the longest), lower case."""
    words = sorted({w.lower() for w in _WORD.findall(text) if len(w) >= 4})
    if features is not None and features.words:
        index = {t: i for i, t in enumerate(features.words)}
        idf = features.idf

        def weight(w: str) -> float:
            i = index.get(_fold(w))
            return float(idf[i]) if i is not None else 0.0
        ranked = sorted(words, key=lambda w: (-weight(w), -len(w), w))
    else:
        ranked = sorted(words, key=lambda w: (-len(w), w))
    return ranked[:TELLING_WORDS]


def _fold(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))
