"""The confidence calibration (Platt scaling) solved by Newton's method gives what scikit-learn's
``LogisticRegression(C=100)`` gives on the same weighted scores (the general solver it
replaces), including on separable and lopsided data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from fieldkit.assist.training import _platt


def reference(scores: np.ndarray, truth: np.ndarray, weight: np.ndarray) -> tuple[float, float]:
    lr = LogisticRegression(C=100.0, tol=1e-10, max_iter=10_000)
    lr.fit(scores.reshape(-1, 1), truth, sample_weight=weight)
    return -float(lr.coef_[0][0]), -float(lr.intercept_[0])


@pytest.mark.parametrize("seed", range(8))
def test_same_calibration_as_logistic_regression(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 3000))
    truth = rng.random(n) < rng.uniform(0.01, 0.5)
    truth[0], truth[1] = True, False
    scores = (rng.normal(size=n) + truth * rng.uniform(0, 4)).astype(np.float32)
    if seed == 3:  # separable: every positive scores above every negative
        scores = np.where(truth, 1.0 + rng.random(n), -1.0 - rng.random(n)).astype(np.float32)
    weight = np.where(truth, 1.0, rng.uniform(1, 30))
    ours, theirs = _platt(scores, truth, weight), reference(scores, truth, weight)
    grid = np.linspace(scores.min() - 1, scores.max() + 1, 50)

    def probability(ab: tuple[float, float]) -> np.ndarray:
        return 1 / (1 + np.exp(np.clip(ab[0] * grid + ab[1], -50, 50)))

    assert np.max(np.abs(probability(ours) - probability(theirs))) < 1e-3
    assert ours == pytest.approx(theirs, rel=1e-3, abs=1e-3)


def test_nothing_to_calibrate_against() -> None:
    scores = np.array([0.5, 1.0, -0.2], dtype=np.float32)
    weight = np.ones(3)
    assert _platt(scores, np.array([True, True, True]), weight) == (-2.0, 0.0)
    assert _platt(scores, np.array([False, False, False]), weight) == (-2.0, 0.0)


def test_uncoded_sentences_are_those_no_coded_span_overlaps(tmp_path: object) -> None:
    """``gather`` finds the uncoded sentences with a sorted sweep; the same ones as checking
    every coded span of the document (touching spans do not overlap)."""
    from pathlib import Path

    from fieldkit.assist import training
    from fieldkit.assist.passages import passages
    from fieldkit.core.progress import Progress
    from fieldkit.demobuild import build_demo
    from fieldkit.storage import assist_tables

    project = build_demo(Path(str(tmp_path)) / "Demo.fieldkit", size="small")
    note = project.add_note(site="Metaal Oost", title="Touching",
                            text="Eerste zin hier. Tweede zin daar. Derde zin 🙂 ergens.")
    project.code_text(note.id, 0, 17, "Learning")  # ends where the second sentence starts
    found = training.gather(project._store, None, Progress())
    store = project._store
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in assist_tables.training_rows(store, None):
        if row["quote"].strip():
            spans.setdefault(row["document_id"], []).append((row["start"], row["end"]))
    turns = assist_tables.turns_by_document(store)
    expected = []
    for doc, _uuid, _kind, text in assist_tables.document_texts(store, sorted(spans)):
        for start, end in passages(text, turns.get(doc, ())):
            if not any(s < end and start < e for s, e in spans[doc]):
                expected.append((text[start:end], doc))
    assert found.uncoded == len(expected) or found.uncoded_weight > 1.0
    if found.uncoded_weight == 1.0:
        got = list(zip(found.texts[-found.uncoded:], found.documents[-found.uncoded:],
                       strict=True))
        assert got == expected
        assert ("Tweede zin daar.", note.id) in got or any(
            "Tweede zin daar." in t for t, d in got if d == note.id)
    project.close()
