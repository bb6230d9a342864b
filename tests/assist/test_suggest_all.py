"""Suggestions for all uncoded text: every document, most confident first, cancellable."""

from __future__ import annotations

import random

import pytest

from fieldkit.assist import suggesting
from fieldkit.assist.passages import mostly_covered
from fieldkit.core.errors import BadInput, Cancelled
from fieldkit.core.progress import Progress
from fieldkit.project import Project

from .conftest import write_document


def add_uncoded(project: Project, seeds: tuple[int, ...] = (41, 42, 43)) -> list[int]:
    ids = []
    for seed in seeds:
        text, _spans = write_document(random.Random(seed), 12)
        ids.append(project.add_note(site="Zuivel & Zo Foods", title=f"Nieuw {seed}",
                                    text=text).id)
    return ids


def key(s) -> tuple[int, int, int, str]:
    return (s.document_id, s.start, s.end, s.code)


def test_every_document_ranked_by_confidence(trained: Project) -> None:
    new = add_uncoded(trained)
    found = trained.assist.suggest_all()
    assert found and {s.document_id for s in found} >= set(new)
    assert [s.confidence for s in found] == sorted((s.confidence for s in found), reverse=True)
    assert all(s.confidence >= 0.5 for s in found)
    # In a document nobody coded, the same suggestions as asking for that document alone.
    for doc_id in new:
        alone = trained.assist.suggest(doc_id)
        assert sorted(key(s) for s in found if s.document_id == doc_id) == \
            sorted(key(s) for s in alone)
    for s in found:
        assert trained.document(s.document_id).text[s.start:s.end] == s.quote
        assert len(s.reasons) == 3
        assert all(trained.coding(r.coding_id).code_id == s.code_id for r in s.reasons)


def test_only_uncoded_text_is_suggested(trained: Project) -> None:
    new = add_uncoded(trained)
    found = trained.assist.suggest_all(threshold=0.0)
    coded = [(c.document_id, c.start, c.end) for c in trained.codings() if c.start is not None]
    for s in found:
        assert not any(d == s.document_id and mostly_covered((s.start, s.end), (a, b))
                       for d, a, b in coded)
    # Coding a suggested span with that code (or another one) takes it out.
    first = next(s for s in trained.assist.suggest_all() if s.document_id == new[0])
    trained.code_text(first.document_id, first.start, first.end, first.code_id)
    again = trained.assist.suggest_all(threshold=0.0)
    assert not any((s.document_id, s.start) == (first.document_id, first.start) for s in again)


def test_rejected_suggestions_are_not_proposed_again(trained: Project) -> None:
    add_uncoded(trained)
    found = trained.assist.suggest_all()
    trained.assist.reject(found[0])
    left = trained.assist.suggest_all(threshold=0.0)
    assert key(found[0]) not in {key(s) for s in left}
    assert len(trained.assist.suggest_all()) == len(found) - 1


def test_limit_keeps_the_most_confident_across_batches(trained: Project,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    add_uncoded(trained, seeds=(51, 52, 53, 54, 55))
    everything = trained.assist.suggest_all(threshold=0.0)
    monkeypatch.setattr(suggesting, "DOCUMENTS_PER_BATCH", 2)  # pruning between batches
    found = trained.assist.suggest_all(threshold=0.0)
    assert [key(s) for s in found] == [key(s) for s in everything]
    top = trained.assist.suggest_all(threshold=0.0, limit=5)
    assert [key(s) for s in top] == [key(s) for s in everything[:5]]
    assert [s.reasons for s in top] == [s.reasons for s in everything[:5]]


def test_accepting_suggestions_for_all_documents_is_one_undo_step(trained: Project) -> None:
    new = add_uncoded(trained)
    before = len(trained.codings())
    found = trained.assist.suggest_all(limit=4)
    made = trained.assist.accept_all(found)
    assert len(made) == 4 and len(trained.codings()) == before + 4
    assert {trained.coder_name(c.coder_id) for c in made} == {"Anouk (assisted)"}
    assert {c.document_id for c in made} <= set(new)
    trained.undo()
    assert len(trained.codings()) == before


def test_progress_per_document_and_cancel(trained: Project) -> None:
    add_uncoded(trained)
    documents = len([d for d in trained.documents() if d.chars])
    seen: list[tuple[int, int]] = []
    trained.assist.suggest_all(
        progress=Progress(lambda done, total, _m: seen.append((done, total))))
    assert seen[0] == (0, documents + 1) and seen[-1] == (documents + 1, documents + 1)
    assert [d for d, _ in seen] == list(range(documents + 2))

    progress = Progress()
    progress.report = lambda done, total, message: progress.token.cancel() if done >= 3 else None
    with pytest.raises(Cancelled):
        trained.assist.suggest_all(progress=progress)


def test_bad_input_is_refused(coded: Project) -> None:
    with pytest.raises(BadInput, match="train one first"):
        coded.assist.suggest_all()
    coded.assist.train()
    for bad in (-0.5, 1.01):
        with pytest.raises(BadInput, match="between 0 and 1"):
            coded.assist.suggest_all(threshold=bad)
    with pytest.raises(BadInput, match="at least 1"):
        coded.assist.suggest_all(limit=0)


def test_codes_deleted_after_training_are_not_suggested(trained: Project) -> None:
    add_uncoded(trained)
    trained.delete_code("Triggers/Breakdown")
    found = trained.assist.suggest_all(threshold=0.0)
    assert found and all(s.code != "Triggers/Breakdown" for s in found)
