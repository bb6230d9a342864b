"""Training, suggesting, accepting and rejecting, on real projects in temporary folders."""

from __future__ import annotations

import io
import random
import zipfile

import numpy as np
import pytest

from fieldkit.assist.model import SuggestionModel
from fieldkit.core.errors import BadInput, Cancelled, NotFound
from fieldkit.core.progress import Progress
from fieldkit.project import Project
from fieldkit.storage import assist_tables

from .conftest import FAMILIES, make_project, write_document


def new_document(project: Project, seed: int = 99) -> tuple[int, list[tuple[int, int, str]]]:
    text, spans = write_document(random.Random(seed), 16)
    doc = project.add_note(site="Zuivel & Zo Foods", title="Nog niet gecodeerd", text=text)
    return doc.id, spans


def test_training_learns_every_code_and_stores_the_model_outside_undo(coded: Project) -> None:
    label_before = coded.undo_label()
    summary = coded.assist.train()
    assert summary.coders == ["Anouk"]
    assert summary.codes == sorted(FAMILIES)
    assert summary.codings == len(coded.codings())
    assert summary.uncoded_examples > 0 and summary.skipped_codes == []
    assert 0.0 <= summary.held_out_f1 <= 1.0
    facts = coded.assist.facts()
    assert facts is not None and facts["codes"] == sorted(FAMILIES)
    assert coded.undo_label() == label_before  # training is not an undo step
    assert coded.redo_label() is None


def test_suggestions_find_the_family_sentences_of_a_new_document(trained: Project) -> None:
    doc_id, spans = new_document(trained)
    found = trained.assist.suggest(doc_id)
    expected = {(s, e, code) for s, e, code in spans}
    proposed = {(s.start, s.end, s.code) for s in found}
    assert len(proposed & expected) >= 0.8 * len(expected)
    assert len(proposed - expected) <= 1
    text = trained.document(doc_id).text
    for s in found:
        assert text[s.start:s.end] == s.quote
        assert 0.5 <= s.confidence <= 1.0
        assert trained.code(s.code_id).uuid == s.code_uuid
        assert len(s.reasons) == 3
        for reason in s.reasons:
            coding = trained.coding(reason.coding_id)
            assert coding.code_id == s.code_id and coding.quote == reason.quote
    assert [s.start for s in found] == sorted(s.start for s in found)


def test_a_higher_threshold_gives_fewer_suggestions(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    everything = trained.assist.suggest(doc_id, threshold=0.0)
    sure = trained.assist.suggest(doc_id, threshold=0.99)
    assert len(sure) <= len(trained.assist.suggest(doc_id)) <= len(everything)
    assert all(s.confidence >= 0.99 for s in sure)


def test_spans_already_coded_with_the_code_are_not_proposed(trained: Project) -> None:
    doc_id, spans = new_document(trained)
    start, end, code = spans[0]
    trained.code_text(doc_id, start, end, code)
    found = trained.assist.suggest(doc_id)
    assert not any(s.start == start and s.code == code for s in found)
    again = trained.assist.suggest(doc_id, threshold=0)
    assert all(s.code != code or s.start != start for s in again)


def test_accepting_makes_an_assisted_coding_that_undo_removes(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    first = trained.assist.suggest(doc_id)[0]
    coding = trained.assist.accept(first)
    assert (coding.start, coding.end, coding.code_id) == (first.start, first.end, first.code_id)
    assert trained.coder_name(coding.coder_id) == "Anouk (assisted)"
    assert first.start not in {s.start for s in trained.assist.suggest(doc_id)
                               if s.code_id == first.code_id}
    trained.undo()
    assert trained.codings(doc=doc_id) == []


def test_accepting_all_above_a_threshold_is_one_undo_step(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    found = trained.assist.suggest(doc_id, threshold=0.0)
    made = trained.assist.accept_all(found, threshold=0.9)
    assert len(made) == sum(1 for s in found if s.confidence >= 0.9) > 1
    assert len(trained.codings(doc=doc_id)) == len(made)
    assert trained.undo_label() == f"Accept {len(made)} suggestions"
    trained.undo()
    assert trained.codings(doc=doc_id) == []


def test_assisted_codings_are_left_out_of_training_by_default(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    trained.assist.accept_all(trained.assist.suggest(doc_id))
    summary = trained.assist.train()
    assert summary.coders == ["Anouk"]
    assert trained.assist.train(["Anouk", "Anouk (assisted)"]).codings > summary.codings


def test_rejections_are_remembered_after_reopening(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    found = trained.assist.suggest(doc_id)
    trained.assist.reject(found[0])
    label = trained.undo_label()
    path = trained.path
    trained.close()
    with Project.open(path) as again:
        left = again.assist.suggest(doc_id, threshold=0.0)
        assert not any((s.start, s.code_id) == (found[0].start, found[0].code_id) for s in left)
        assert len(again.assist.suggest(doc_id)) == len(found) - 1
        assert again.assist.rejected_count() == 1
        assert again.undo_label() == label


def test_a_suggestion_for_text_that_changed_is_refused(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    stale = trained.assist.suggest(doc_id)[-1]
    text = trained.document(doc_id).text
    trained.edit_text(doc_id, text[:stale.start] + "Heel iets anders hier." + text[stale.end:])
    with pytest.raises(BadInput, match="changed since this suggestion"):
        trained.assist.accept(stale)
    with pytest.raises(BadInput, match="changed since this suggestion"):
        trained.assist.reject(stale)
    assert trained.codings(doc=doc_id) == [] and trained.assist.rejected_count() == 0


def test_codes_deleted_after_training_are_not_suggested(trained: Project) -> None:
    doc_id, _ = new_document(trained)
    trained.delete_code("Triggers/Breakdown")
    assert all(s.code != "Triggers/Breakdown" for s in trained.assist.suggest(doc_id, threshold=0))


def test_bad_input_is_refused_and_changes_nothing(coded: Project) -> None:
    doc_id, _ = new_document(coded)
    with pytest.raises(BadInput, match="train one first"):
        coded.assist.suggest(doc_id)
    with pytest.raises(NotFound, match="no coder 'Nobody'"):
        coded.assist.train("Nobody")
    assert coded.assist.facts() is None
    coded.assist.train()
    for bad in (-0.1, 1.5):
        with pytest.raises(BadInput, match="between 0 and 1"):
            coded.assist.suggest(doc_id, threshold=bad)
        with pytest.raises(BadInput, match="between 0 and 1"):
            coded.assist.accept_all(coded.assist.suggest(doc_id), threshold=bad)
    with pytest.raises(NotFound):
        coded.assist.suggest(9999)
    assert coded.codings(doc=doc_id) == []


def test_too_few_codings_to_learn(project: Project) -> None:
    with pytest.raises(BadInput, match="Nobody has coded"):
        project.assist.train()
    doc = project.add_note(site="S", title="T", text="Jan helpt Piet bij de kantbank.")
    project.add_code("Peer help")
    project.code_text(doc.id, 0, 10, "Peer help")
    with pytest.raises(BadInput, match="at least 5 coded text segments"):
        project.assist.train()
    assert project.assist.facts() is None


def test_cancelled_training_keeps_the_old_model(trained: Project) -> None:
    before = trained.assist.facts()
    progress = Progress()
    progress.report = lambda done, total, message: progress.token.cancel() if done >= 2 else None
    with pytest.raises(Cancelled):
        trained.assist.train(progress=progress)
    assert trained.assist.facts() == before


def test_the_model_is_stored_as_plain_arrays_not_pickle(trained: Project) -> None:
    found = assist_tables.load_model(trained._store)
    assert found is not None
    blob = found[3]
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert "weights.npy" in names and "words.npy" in names
    arrays = np.load(io.BytesIO(blob), allow_pickle=False)
    assert all(arrays[name].dtype != object for name in arrays.files)
    model = SuggestionModel.from_bytes(blob)
    again = SuggestionModel.from_bytes(model.to_bytes())
    vectors = model.features.transform(["De lasrobot valt stil en Kees zoekt de storing."])
    assert np.allclose(model.probabilities(vectors), again.probabilities(vectors))


def test_dutch_and_english_sentences_of_one_code_are_both_found(tmp_path) -> None:
    with make_project(tmp_path / "P.fieldkit", documents=18, seed=5) as project:
        project.assist.train()
        doc = project.add_note(site="S", title="Mixed", text=(
            "Storing aan de kantbank; Lotte opent de kap en zoekt de oorzaak. "
            "Koffie uit de automaat in de kantine. "
            "The lasrobot breaks down and Kees looks for the fault."))
        found = {(s.quote, s.code) for s in project.assist.suggest(doc.id)}
        assert found == {
            ("Storing aan de kantbank; Lotte opent de kap en zoekt de oorzaak.",
             "Triggers/Breakdown"),
            ("The lasrobot breaks down and Kees looks for the fault.", "Triggers/Breakdown"),
        }
