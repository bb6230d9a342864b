"""Proposing codes for sentences, each with the coded segments that explain it.

A sentence gets a suggestion for every code whose calibrated probability reaches the threshold,
unless that code is already on (most of) the sentence, or a coder rejected exactly this
suggestion before. The reasons are the three coded segments of that code most like the sentence.
For the whole project only uncoded text is considered (sentences no coding covers for the most
part); documents are read, vectorised and scored in batches, not sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from fieldkit.assist.model import SuggestionModel
from fieldkit.assist.passages import Span, covered, mostly_covered, passages
from fieldkit.assist.results import Reason, Suggestion
from fieldkit.core.model import Document
from fieldkit.core.progress import Progress
from fieldkit.storage import assist_tables
from fieldkit.storage.store import Store

REASONS = 3
DOCUMENTS_PER_BATCH = 200


@dataclass(slots=True)
class _Found:
    """A passage and code that reached the threshold, before it becomes a ``Suggestion``."""

    document_id: int
    document_uuid: str
    start: int
    end: int
    quote: str
    column: int  # the model's code row
    probability: float


def suggest_for(store: Store, model: SuggestionModel, document: Document,
                code_paths: dict[int, str], threshold: float) -> list[Suggestion]:
    """Suggestions for ``document``, in reading order (best first within a sentence)."""
    turns = assist_tables.turns_by_document(store, document.id).get(document.id, [])
    units = passages(document.text, turns)
    if not units:
        return []
    vectors = model.features.transform([document.text[s:e] for s, e in units])
    probs = model.probabilities(vectors)
    code_ids = assist_tables.code_uuids(store)
    coded: dict[int, list[Span]] = {}
    for _doc, code_id, start, end in assist_tables.code_spans(store, document.id):
        coded.setdefault(code_id, []).append((start, end))
    rejected = assist_tables.rejections(store, document.uuid)
    live = _live_columns(model, code_ids, code_paths)

    found: list[_Found] = []
    rows: list[int] = []
    for u, j in zip(*np.nonzero((probs >= threshold) & live), strict=True):
        span = units[u]
        if any(mostly_covered(span, s) for s in coded.get(code_ids[model.code_uuids[j]], ())):
            continue
        if (span[0], span[1], model.code_uuids[j]) in rejected:
            continue
        found.append(_Found(document.id, document.uuid, span[0], span[1],
                            document.text[span[0]:span[1]], int(j), float(probs[u, j])))
        rows.append(int(u))
    order = sorted(range(len(found)), key=lambda k: (found[k].start, -found[k].probability))
    found = [found[k] for k in order]
    return _suggestions(store, model, code_ids, code_paths, found,
                        vectors[[rows[k] for k in order]])


def suggest_everywhere(store: Store, model: SuggestionModel, code_paths: dict[int, str],
                       threshold: float, limit: int | None,
                       progress: Progress) -> list[Suggestion]:
    """Suggestions for the uncoded sentences of every document, most confident first.

    A sentence counts as coded when any coding (any code, any coder) covers most of it.
    ``progress`` advances per document and may cancel between documents.
    """
    documents = assist_tables.document_ids(store)
    progress.start(len(documents) + 1, "Suggesting codes for every document")
    code_ids = assist_tables.code_uuids(store)
    live = _live_columns(model, code_ids, code_paths)
    rejected = assist_tables.all_rejections(store)
    kept: list[_Found] = []
    kept_vectors: list[sparse.csr_matrix] = []
    for first in range(0, len(documents), DOCUMENTS_PER_BATCH):
        batch = documents[first:first + DOCUMENTS_PER_BATCH]
        turns = assist_tables.turns_by_document(store, document_ids=batch)
        coded: dict[int, list[Span]] = {}
        for doc_id, _code, start, end in assist_tables.code_spans(store, document_ids=batch):
            coded.setdefault(doc_id, []).append((start, end))
        units: list[tuple[int, str, int, int, str]] = []
        for doc_id, uuid, _kind, text in assist_tables.document_texts(store, batch):
            cut = passages(text, turns.get(doc_id, ()))
            for (start, end), done in zip(cut, covered(cut, coded.get(doc_id, [])), strict=True):
                if not done:
                    units.append((doc_id, uuid, start, end, text[start:end]))
            progress.step("Suggesting codes")
        if not units:
            continue
        # The same sentence often recurs (greetings, routine remarks): vectorise it once.
        unique: dict[str, int] = {}
        which = np.array([unique.setdefault(u[4], len(unique)) for u in units])
        vectors = model.features.transform(list(unique))
        probs = model.probabilities(vectors)[which]
        rows: list[int] = []
        for u, j in zip(*np.nonzero((probs >= threshold) & live), strict=True):
            doc_id, uuid, start, end, quote = units[u]
            if (start, end, model.code_uuids[j]) in rejected.get(uuid, ()):
                continue
            kept.append(_Found(doc_id, uuid, start, end, quote, int(j), float(probs[u, j])))
            rows.append(int(which[u]))
        kept_vectors.append(vectors[rows])
        if limit is not None and len(kept) > limit:  # keep only the best so far
            everything = sparse.vstack(kept_vectors).tocsr()
            best = _ranking(kept)[:limit]
            kept = [kept[k] for k in best]
            kept_vectors = [everything[best]]
    order = _ranking(kept)[:limit]
    vectors = sparse.vstack(kept_vectors).tocsr()[order] if kept \
        else sparse.csr_matrix((0, model.features.size), dtype=np.float32)
    found = _suggestions(store, model, code_ids, code_paths, [kept[k] for k in order], vectors)
    progress.step("Done")
    return found


def _ranking(found: list[_Found]) -> list[int]:
    """Indexes of ``found``, most confident first (ties: by document and position)."""
    return sorted(range(len(found)), key=lambda k: (-found[k].probability,
                                                   found[k].document_id, found[k].start,
                                                   found[k].column))


def _live_columns(model: SuggestionModel, code_ids: dict[str, int],
                  code_paths: dict[int, str]) -> np.ndarray:
    """Per model row: whether that code still exists (codes deleted since training are not
    suggested)."""
    return np.array([code_ids.get(uuid) in code_paths for uuid in model.code_uuids],
                    dtype=bool)


def _suggestions(store: Store, model: SuggestionModel, code_ids: dict[str, int],
                 code_paths: dict[int, str], found: list[_Found],
                 vectors: sparse.csr_matrix) -> list[Suggestion]:
    reasons = _reasons(store, model, vectors, [f.column for f in found])
    out = []
    for f, why in zip(found, reasons, strict=True):
        code_id = code_ids[model.code_uuids[f.column]]
        out.append(Suggestion(f.document_id, f.document_uuid, code_id, model.code_uuids[f.column],
                              code_paths[code_id], f.start, f.end, f.quote,
                              round(f.probability, 4), why))
    return out


def _reasons(store: Store, model: SuggestionModel, vectors: sparse.csr_matrix,
             columns: list[int]) -> list[list[Reason]]:
    """For each suggestion (its vector, its code's model row), the most similar exemplars of
    that code; one matrix product per code."""
    picked: list[list[tuple[str, float]]] = [[] for _ in columns]
    by_code: dict[int, list[int]] = {}
    for k, j in enumerate(columns):
        by_code.setdefault(j, []).append(k)
    for j, ks in by_code.items():
        rows = np.flatnonzero(model.exemplar_codes == j)
        if rows.size == 0:
            continue
        sims = (vectors[ks] @ model.exemplars[rows].T).toarray()  # suggestions × exemplars
        spare = min(REASONS * 2, rows.size)  # a few spare, in case some were uncoded since
        best = np.argsort(-sims, axis=1, kind="stable")[:, :spare]
        for row, k in enumerate(ks):
            picked[k] = [(model.exemplar_uuids[rows[b]], float(sims[row, b]))
                         for b in best[row].tolist()]
    live = assist_tables.codings_by_uuid(store, sorted({u for p in picked for u, _ in p}))
    out = []
    for choice in picked:
        reasons = [Reason(live[uuid][0], live[uuid][1], live[uuid][2], round(sim, 4))
                   for uuid, sim in choice if uuid in live]
        out.append(reasons[:REASONS])
    return out
