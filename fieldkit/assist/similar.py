""""More like this": passages anywhere in the project that read like one coded segment.

Every sentence of every document may be found unless it already carries the segment's code.
To answer at once on a large project, the segment's most telling words (the rarest, by the
model's IDF) are looked up in the project's full-text index, any of them, and only the best
matching documents are read; of their sentences, those that share at least one telling word
are compared with the segment by TF-IDF cosine (word and character n-grams). The feature space
is the trained model's when there is one, else one fitted on the candidates themselves.
Only the turns or lines holding a telling word are cut into sentences; the speaker turns of
documents read before are kept for the rest of the session.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from weakref import WeakKeyDictionary

import numpy as np

from fieldkit.assist.features import Features
from fieldkit.assist.passages import Span, covered, passages
from fieldkit.assist.results import SimilarPassage
from fieldkit.core.model import Coding
from fieldkit.index.fts import FtsIndex
from fieldkit.index.query import parse
from fieldkit.storage import assist_tables, sqlengine
from fieldkit.storage.store import Store

TELLING_WORDS = 6
CANDIDATE_DOCUMENTS = 500  # documents the full-text index proposes, best matching first
BATCH = 5000
CACHED_DOCUMENTS = 20_000
_WORD = re.compile(r"\w\w+", re.UNICODE)
_turn_cache: WeakKeyDictionary[Store, OrderedDict[tuple[int, int], list[tuple[int, int, str]]]] \
    = WeakKeyDictionary()


def similar_to(store: Store, coding: Coding, features: Features | None, limit: int,
               documents: Iterable[tuple[int, str]] | None = None) -> list[SimilarPassage]:
    """The ``limit`` passages most like ``coding``'s quote, best first.

    ``documents`` are the (id, text) pairs to look in; by default those the full-text index
    finds for the segment's telling words (every document when the index cannot be asked).
    """
    source = coding.quote
    words = telling_words(source, features)
    if not words:
        return []
    if documents is None:
        documents = candidate_documents(FtsIndex(store), words)
    if documents is None:
        documents = ((d, text) for d, _uuid, _kind, text in assist_tables.document_texts(store))
    docs = [(d, text) for d, text in documents if text]
    ids = [d for d, _ in docs]
    coded: dict[int, list[Span]] = {}
    for d, _c, s, e in assist_tables.code_spans(store, document_ids=ids, code_id=coding.code_id):
        coded.setdefault(d, []).append((s, e))
    turns = turns_of(store, docs)

    # Where the telling words occur; only the turns or lines holding one are cut into
    # sentences, and only the sentences holding a whole one are kept.
    candidates: list[tuple[int, int, int]] = []
    texts: list[str] = []
    for doc_id, text in docs:
        hits = _occurrences(text.lower(), words)
        if not hits:
            continue
        units = passages(text, turns.get(doc_id, ()), at=[h[0] for h in hits])
        sharing = _holding(units, hits)
        for (start, end), done in zip(sharing, covered(sharing, coded.get(doc_id, [])),
                                      strict=True):
            if done:
                continue
            candidates.append((doc_id, start, end))
            texts.append(text[start:end])
    if not candidates:
        return []
    unique = list(dict.fromkeys(texts))  # the same sentence often recurs: score it once
    if features is None:
        features, _ = Features.fit([source, *unique])
    target = features.transform([source])
    scores = np.empty(len(unique), dtype=np.float32)
    for first in range(0, len(unique), BATCH):
        block = features.transform(unique[first:first + BATCH])
        scores[first:first + block.shape[0]] = (block @ target.T).toarray().ravel()
    score_of = dict(zip(unique, scores.tolist(), strict=True))
    sims = np.fromiter((score_of[t] for t in texts), dtype=np.float64, count=len(texts))
    place = np.array(candidates, dtype=np.int64)
    order = np.lexsort((place[:, 1], place[:, 0], -sims))[:limit]  # ties: document, position
    ranked = [(float(sims[k]), int(k)) for k in order if sims[k] > 0]
    titles = assist_tables.document_titles(store, sorted({candidates[k][0] for _, k in ranked}))
    out = []
    for sim, k in ranked:
        doc_id, start, end = candidates[k]
        out.append(SimilarPassage(doc_id, titles.get(doc_id, ""), start, end, texts[k],
                                  round(sim, 4)))
    return out


def candidate_documents(engine: FtsIndex, words: Sequence[str],
                        documents: int = CANDIDATE_DOCUMENTS) -> list[tuple[int, str]] | None:
    """(id, text) of at most ``documents`` documents: first those whose text holds all of
    ``words``, then those with any of them, each best (bm25) first; None when the index
    cannot answer (the caller then reads every document)."""
    quoted = [f'"{w}"' for w in words]
    found: dict[int, str] = {}
    try:
        for query in (" ".join(quoted), " OR ".join(quoted)):
            parsed = parse(query, engine.analyser)
            _total, rows = engine.matches(parsed, limit=documents, fields=("text", "caption"))
            for m in rows:
                if m.document_id is not None and len(found) < documents:
                    found.setdefault(m.document_id, m.body)
            if len(found) >= documents or len(words) == 1:
                break
    except sqlengine.Error:
        return None
    return list(found.items())


def turns_of(store: Store, docs: Sequence[tuple[int, str]]
             ) -> dict[int, list[tuple[int, int, str]]]:
    """Speaker turns of ``docs``, remembered for the session: turns are set when a document is
    added and never change while its text stays the same (keyed by id and text)."""
    cache = _turn_cache.setdefault(store, OrderedDict())
    keys = {d: (d, hash(text)) for d, text in docs}
    missing = [d for d, key in keys.items() if key not in cache]
    if missing:
        fetched = assist_tables.turns_by_document(store, document_ids=missing)
        for d in missing:
            cache[keys[d]] = fetched.get(d, [])
    out = {}
    for d, key in keys.items():
        cache.move_to_end(key)
        out[d] = cache[key]
    while len(cache) > CACHED_DOCUMENTS:
        cache.popitem(last=False)
    return out


def _occurrences(lower: str, words: Sequence[str]) -> list[Span]:
    """(start, end) of every occurrence of each word in ``lower``, in order."""
    out = []
    for w in words:
        i = lower.find(w)
        while i >= 0:
            out.append((i, i + len(w)))
            i = lower.find(w, i + 1)
    out.sort()
    return out


def _holding(units: list[Span], hits: list[Span]) -> list[Span]:
    """The units (in order, not overlapping) that hold at least one whole hit."""
    starts = [s for s, _ in units]
    keep = [False] * len(units)
    for hit_start, hit_end in hits:
        i = bisect_right(starts, hit_start) - 1
        if i >= 0 and hit_end <= units[i][1]:
            keep[i] = True
    return [u for u, k in zip(units, keep, strict=True) if k]


def telling_words(text: str, features: Features | None) -> list[str]:
    """The segment's rarest words (by IDF when known, else the longest), lower case."""
    words = sorted({w.lower() for w in _WORD.findall(text) if len(w) >= 4})
    if features is not None and features.words:
        index = features.word_index
        idf = features.idf

        def weight(w: str) -> float:
            i = index.get(_fold(w))
            return float(idf[i]) if i is not None else 0.0
        ranked = sorted(words, key=lambda w: (-weight(w), -len(w), w))
    else:
        ranked = sorted(words, key=lambda w: (-len(w), w))
    return ranked[:TELLING_WORDS]


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))
