"""Proposing codes for the sentences of one document, each with the segments that explain it.

A sentence gets a suggestion for every code whose calibrated probability reaches the threshold,
unless that code is already on (most of) the sentence, or a coder rejected exactly this
suggestion before. The reasons are the three coded segments of that code most like the sentence.
"""

from __future__ import annotations

import numpy as np

from fieldkit.assist.model import SuggestionModel
from fieldkit.assist.passages import mostly_covered, passages
from fieldkit.assist.results import Reason, Suggestion
from fieldkit.core.model import Document
from fieldkit.storage import assist_tables
from fieldkit.storage.store import Store

REASONS = 3


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
    coded: dict[int, list[tuple[int, int]]] = {}
    for _doc, code_id, start, end in assist_tables.code_spans(store, document.id):
        coded.setdefault(code_id, []).append((start, end))
    rejected = assist_tables.rejections(store, document.uuid)

    found: list[tuple[int, int, float]] = []  # unit, model column, probability
    rows, cols = np.nonzero(probs >= threshold)
    for u, j in zip(rows.tolist(), cols.tolist(), strict=True):
        known = code_ids.get(model.code_uuids[j])
        if known is None or known not in code_paths:
            continue  # the code was deleted since training
        span = units[u]
        if any(mostly_covered(span, s) for s in coded.get(known, ())):
            continue
        if (span[0], span[1], model.code_uuids[j]) in rejected:
            continue
        found.append((u, j, float(probs[u, j])))
    found.sort(key=lambda f: (units[f[0]][0], -f[2]))
    reasons = _reasons(store, model, vectors, [(u, j) for u, j, _ in found])
    out = []
    for (u, j, p), why in zip(found, reasons, strict=True):
        start, end = units[u]
        code_id = code_ids[model.code_uuids[j]]
        out.append(Suggestion(document.id, document.uuid, code_id, model.code_uuids[j],
                              code_paths[code_id], start, end, document.text[start:end],
                              round(p, 4), why))
    return out


def _reasons(store: Store, model: SuggestionModel, vectors: object,
             pairs: list[tuple[int, int]]) -> list[list[Reason]]:
    if not pairs:
        return []
    by_code: dict[int, np.ndarray] = {}
    picked: list[list[tuple[str, float]]] = []
    for u, j in pairs:
        rows = by_code.get(j)
        if rows is None:
            rows = by_code[j] = np.flatnonzero(model.exemplar_codes == j)
        if rows.size == 0:
            picked.append([])
            continue
        sims = (model.exemplars[rows] @ vectors[u].T).toarray().ravel()  # type: ignore[index]
        best = np.argsort(-sims)[:REASONS * 2]  # a few spare, in case some were uncoded since
        picked.append([(model.exemplar_uuids[rows[b]], float(sims[b])) for b in best])
    live = assist_tables.codings_by_uuid(store, sorted({u for p in picked for u, _ in p}))
    out = []
    for choice in picked:
        reasons = [Reason(live[uuid][0], live[uuid][1], live[uuid][2], round(sim, 4))
                   for uuid, sim in choice if uuid in live]
        out.append(reasons[:REASONS])
    return out
