"""Learning code suggestions from the project's codings.

Examples are the coded segments (one example per span, labelled with every code on it) and the
sentences of the same documents that nobody coded (labelled with no code: they teach the model
what is *not* worth a code). One linear classifier per code (one-vs-rest, SGD hinge loss) is
fitted on the examples of 80% of the documents; those of the other 20% calibrate each code's
scores into probabilities (Platt scaling) and, cross-wise, measure the held-out F1 that the
summary reports. Small projects calibrate on scores cross-fitted over 5 groups of documents
instead, so no example is wasted.

Held out means unseen: the split is by document (a document's sentences are not independent),
and a held-out example whose words (folded, punctuation aside) also occur among the examples
it was fitted on, or earlier in the held-out ones, is left out of the calibration and the F1.
Otherwise text that recurs verbatim — a stock phrase, a template — would be scored on what
the model has memorised and the F1 shown would promise more than new text gets.
"""

from __future__ import annotations

import random
import time
import warnings
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import SGDClassifier

from fieldkit.assist import DEFAULT_THRESHOLD
from fieldkit.assist.features import Features
from fieldkit.assist.model import SuggestionModel
from fieldkit.assist.passages import passages
from fieldkit.assist.results import TrainingSummary
from fieldkit.core.errors import BadInput
from fieldkit.core.model import utc_now
from fieldkit.core.progress import Progress
from fieldkit.index.words import WORD
from fieldkit.storage import assist_tables
from fieldkit.storage.store import Store

MIN_CODINGS = 5  # a code needs this many coded segments before it is suggested
MAX_UNCODED = 60_000  # beyond this, uncoded sentences are sampled and weighted up to match
EXEMPLARS_PER_CODE = 100  # coded segments kept per code to explain suggestions
HELD_OUT = 0.2
SMALL = 20_000  # fewer examples than this: cross-fitted calibration (cheap when small)
FOLDS = 5
SEED = 20260209


@dataclass
class Examples:
    texts: list[str] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)  # the document of each example
    labels: list[list[int]] = field(default_factory=list)  # code ids per example
    coding_uuids: list[dict[int, str]] = field(default_factory=list)  # code id -> coding uuid
    codings: int = 0
    uncoded: int = 0
    uncoded_weight: float = 1.0  # each sampled uncoded sentence stands for this many


def gather(store: Store, coder_ids: list[int] | None, progress: Progress) -> Examples:
    """Coded segments and uncoded sentences of the coded documents."""
    found = Examples()
    by_span: dict[tuple[int, int, int], int] = {}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in assist_tables.training_rows(store, coder_ids):
        if not row["quote"].strip():
            continue
        found.codings += 1
        key = (row["document_id"], row["start"], row["end"])
        spans[row["document_id"]].append((row["start"], row["end"]))
        index = by_span.get(key)
        if index is None:
            index = by_span[key] = len(found.texts)
            found.texts.append(row["quote"])
            found.documents.append(row["document_id"])
            found.labels.append([])
            found.coding_uuids.append({})
        if row["code_id"] not in found.coding_uuids[index]:
            found.labels[index].append(row["code_id"])
            found.coding_uuids[index][row["code_id"]] = row["uuid"]
    progress.step("Read the codings")
    uncoded: list[tuple[str, int]] = []
    turns = assist_tables.turns_by_document(store)
    for doc_id, _uuid, _kind, text in assist_tables.document_texts(store, sorted(spans)):
        starts, reach = _reach(spans[doc_id])
        for start, end in passages(text, turns.get(doc_id, ())):
            # a coded span overlaps [start, end) when one starting before ``end`` reaches
            # past ``start``: the furthest end among those starting before ``end``
            k = bisect_left(starts, end)
            if not (k and reach[k - 1] > start):
                uncoded.append((text[start:end], doc_id))
    if len(uncoded) > MAX_UNCODED:
        found.uncoded_weight = len(uncoded) / MAX_UNCODED
        uncoded = random.Random(SEED).sample(uncoded, MAX_UNCODED)
    found.uncoded = len(uncoded)
    found.texts.extend(t for t, _ in uncoded)
    found.documents.extend(d for _, d in uncoded)
    found.labels.extend([] for _ in uncoded)
    found.coding_uuids.extend({} for _ in uncoded)
    progress.step("Read the uncoded sentences")
    return found


def train(store: Store, code_paths: dict[int, str], code_uuids: dict[int, str],
          coder_ids: list[int] | None, coder_names: list[str],
          progress: Progress) -> tuple[SuggestionModel, TrainingSummary]:
    """Fit a model on the codings of ``coder_ids`` (all coders when None); nothing is stored."""
    began = time.perf_counter()
    progress.start(4 + len(code_paths), "Reading codings")
    ex = gather(store, coder_ids, progress)
    learnable, skipped = _learnable(ex.labels, code_paths)
    y = _label_matrix(ex.labels, learnable)
    features, x = Features.fit(ex.texts)
    progress.step("Turned the text into features")
    # Sampled uncoded sentences count for all those they stand for, so that the odds of a
    # code (and so the calibrated confidences) stay those of the real documents.
    weight = np.where(y.any(axis=1), 1.0, ex.uncoded_weight)
    order = np.random.default_rng(SEED).permutation(len(ex.texts))
    group = _document_groups(ex.documents, order)
    seen = _normalised(ex.texts)
    if len(order) < SMALL:
        # Few examples: calibrate on scores cross-fitted over 5 groups of documents, keep a
        # model fitted on all.
        folds = [np.flatnonzero(group % FOLDS == k) for k in range(FOLDS)]
        calib_rows = np.concatenate([_unseen(seen, held, np.flatnonzero(group % FOLDS != k))
                                     for k, held in enumerate(folds)])
        scores = np.zeros((len(order), len(learnable)), dtype=np.float32)
        fit_order = order
        fit_rows = np.arange(len(order))
    else:
        # Plenty: fit on 80% of the documents, calibrate on the others' unseen examples.
        out = group < max(1, int(round(group.max() * HELD_OUT)))
        folds = []
        fit_rows = np.flatnonzero(~out)
        calib_rows = _unseen(seen, np.flatnonzero(out), fit_rows)
        fit_order = order[~out[order]]

    weights = np.zeros((len(learnable), features.size), dtype=np.float32)
    intercepts = np.zeros(len(learnable), dtype=np.float32)
    x_fit, y_fit, weight_fit = x[fit_rows], y[fit_rows], weight[fit_rows]  # sliced once
    for i, code_id in enumerate(learnable):
        weights[i], intercepts[i] = _fit(x_fit, y_fit[:, i], weight_fit)
        for held in folds:
            rest = np.setdiff1d(fit_rows, held)
            w, b = _fit(x[rest], y[rest, i], weight[rest])
            scores[held, i] = x[held] @ w + b
        progress.step(f"Learned {code_paths[code_id]}")
    if not folds:
        scores = np.asarray(x[calib_rows] @ weights.T) + intercepts
    else:
        scores = scores[calib_rows]
    truth = y[calib_rows]
    calib_weight = weight[calib_rows]
    platt = np.array([_platt(scores[:, i], truth[:, i], calib_weight)
                      for i in range(len(learnable))],
                     dtype=np.float32).reshape(len(learnable), 2)
    held_out_f1 = _cross_calibrated_f1(scores, truth, calib_weight)
    progress.step("Calibrated the confidences")

    ex_rows, ex_codes, ex_uuids = _exemplars(ex, learnable, fit_order)
    model = SuggestionModel(
        features, [code_uuids[c] for c in learnable], weights, intercepts, platt,
        np.array(ex_codes, dtype=np.int32), ex_uuids,
        x[ex_rows] if ex_rows else sparse.csr_matrix((0, features.size), dtype=np.float32))
    summary = TrainingSummary(
        trained=utc_now(), coders=coder_names, codings=ex.codings,
        examples=len(ex.texts) - ex.uncoded, uncoded_examples=ex.uncoded,
        codes=[code_paths[c] for c in learnable], skipped_codes=skipped,
        held_out_f1=round(held_out_f1, 4), seconds=round(time.perf_counter() - began, 2))
    return model, summary


def _learnable(labels: list[list[int]], code_paths: dict[int, str]) -> tuple[list[int], list[str]]:
    """The codes with enough codings to learn (by path), and the paths of those without."""
    counts: dict[int, int] = defaultdict(int)
    for codes in labels:
        for code_id in codes:
            counts[code_id] += 1
    learnable = sorted((c for c, n in counts.items() if n >= MIN_CODINGS and c in code_paths),
                       key=lambda c: code_paths[c])
    skipped = sorted(code_paths[c] for c, n in counts.items()
                     if n < MIN_CODINGS and c in code_paths)
    if not learnable:
        raise BadInput(f"There is not enough to learn from yet: a code needs at least "
                       f"{MIN_CODINGS} coded text segments before fieldkit can suggest it.")
    return learnable, skipped


def _label_matrix(labels: list[list[int]], learnable: list[int]) -> np.ndarray:
    """One row per example, one column per learnable code: whether it was coded so."""
    column = {c: i for i, c in enumerate(learnable)}
    y = np.zeros((len(labels), len(learnable)), dtype=bool)
    for row, codes in enumerate(labels):
        for code_id in codes:
            if code_id in column:
                y[row, column[code_id]] = True
    return y


def _reach(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans sorted by start, and the furthest end among the first i + 1 of them."""
    ordered = sorted(spans)
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    return [s for s, _ in ordered], reach


def _document_groups(documents: list[int], order: np.ndarray) -> np.ndarray:
    """A number per example: the rank of its document in a seeded shuffle of the documents
    (with fewer documents than folds, each example counts as its own document)."""
    docs = np.asarray(documents)
    distinct = np.unique(docs)
    if len(distinct) < FOLDS:
        group = np.empty(len(order), dtype=np.int64)
        group[order] = np.arange(len(order))
        return group
    shuffled = np.random.default_rng(SEED).permutation(distinct)
    rank = np.empty(len(shuffled), dtype=np.int64)
    rank[np.searchsorted(distinct, shuffled)] = np.arange(len(shuffled))
    return rank[np.searchsorted(distinct, docs)]


def _normalised(texts: list[str]) -> list[str]:
    """Each text's words, folded to lower case, without punctuation or spacing."""
    return [" ".join(WORD.findall(t.casefold())) for t in texts]


def _unseen(seen: list[str], held: np.ndarray, fitted: np.ndarray) -> np.ndarray:
    """The held-out rows whose words occur neither in a fitted row nor in an earlier held-out
    row: what the model has not seen."""
    known = {seen[i] for i in fitted.tolist()}
    out = []
    for i in held.tolist():
        if seen[i] not in known:
            known.add(seen[i])
            out.append(i)
    return np.array(out, dtype=np.int64)


def _fit(x: sparse.csr_matrix, target: np.ndarray, weight: np.ndarray
         ) -> tuple[np.ndarray, float]:
    """A linear separator of one code's examples from the rest: (weights, intercept)."""
    if not target.any() or target.all():
        return np.zeros(x.shape[1], dtype=np.float32), 1.0 if target.all() else -1.0
    clf = SGDClassifier(loss="hinge", alpha=2e-5, max_iter=15, tol=1e-3, random_state=SEED)
    with warnings.catch_warnings():  # a few epochs are enough for ranking
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(x, target, sample_weight=weight)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


PLATT_C = 100.0  # the inverse strength of the penalty on the slope (as LogisticRegression's C)


def _platt(scores: np.ndarray, truth: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    """(a, b) with probability = 1 / (1 + exp(a·score + b)), fitted on held-out examples.

    The weighted logistic regression of one feature (``LogisticRegression(C=100)``: the slope
    penalised by ``slope² / 2C``, the intercept not), solved by Newton's method on its two
    numbers with a halving step: a few passes over the scores instead of a general solver
    (which took most of the training time on the large demo)."""
    if not (truth.any() and not truth.all()):
        # Nothing to calibrate against: a margin of 1 (the hinge) means fairly sure.
        return -2.0, 0.0
    x = scores.astype(np.float64).ravel()
    t = truth.astype(np.float64).ravel()
    s = weight.astype(np.float64).ravel()
    penalty = 1.0 / PLATT_C

    def loss(w: float, c: float) -> float:
        z = w * x + c
        # log(1 + exp(-z)) for positives, log(1 + exp(z)) for negatives, without overflow
        return float(np.sum(s * np.logaddexp(0.0, np.where(t > 0, -z, z)))) \
            + 0.5 * penalty * w * w

    w, c = 0.0, 0.0
    current = loss(w, c)
    for _ in range(100):
        p = 0.5 * (1.0 + np.tanh(0.5 * (w * x + c)))  # the sigmoid, without overflow
        r = s * (p - t)
        v = s * p * (1.0 - p)
        g_w, g_c = float(r @ x) + penalty * w, float(r.sum())
        h_ww, h_wc, h_cc = float(v @ (x * x)) + penalty, float(v @ x), float(v.sum())
        det = h_ww * h_cc - h_wc * h_wc
        if det <= 1e-300:
            break
        step_w = (h_cc * g_w - h_wc * g_c) / det
        step_c = (h_ww * g_c - h_wc * g_w) / det
        size = 1.0
        while size > 1e-10:
            trial = loss(w - size * step_w, c - size * step_c)
            if trial <= current:
                break
            size *= 0.5
        w, c = w - size * step_w, c - size * step_c
        done = abs(current - trial) <= 1e-12 * max(1.0, abs(current))
        current = min(current, trial)
        if done or max(abs(size * step_w), abs(size * step_c)) < 1e-10:
            break
    return -w, -c


def _cross_calibrated_f1(scores: np.ndarray, truth: np.ndarray, weight: np.ndarray) -> float:
    """Micro F1 at the default threshold, calibrating on one half and counting on the other."""
    n = scores.shape[0]
    halves = [np.arange(n) % 2 == 0, np.arange(n) % 2 == 1]
    tp = fp = fn = 0.0
    for calib, test in (halves, halves[::-1]):
        w = weight[test]
        for i in range(scores.shape[1]):
            a, b = _platt(scores[calib, i], truth[calib, i], weight[calib])
            proposed = 1 / (1 + np.exp(np.clip(a * scores[test, i] + b, -50, 50))) \
                >= DEFAULT_THRESHOLD
            actual = truth[test, i]
            tp += float(np.sum(w[proposed & actual]))
            fp += float(np.sum(w[proposed & ~actual]))
            fn += float(np.sum(w[~proposed & actual]))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _exemplars(ex: Examples, learnable: list[int], fit_order: np.ndarray
               ) -> tuple[list[int], list[int], list[str]]:
    rows: list[int] = []
    codes: list[int] = []
    uuids: list[str] = []
    taken: dict[int, int] = defaultdict(int)
    index = {c: i for i, c in enumerate(learnable)}
    for row in fit_order.tolist():  # shuffled: exemplars from all over the project
        for code_id, uuid in ex.coding_uuids[row].items():
            if code_id in index and taken[code_id] < EXEMPLARS_PER_CODE:
                taken[code_id] += 1
                rows.append(row)
                codes.append(index[code_id])
                uuids.append(uuid)
    return rows, codes, uuids
