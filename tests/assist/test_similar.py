""""More like this": passages across the project that read like one coded segment."""

from __future__ import annotations

import re

import pytest

from fieldkit.assist.similar import candidate_documents, similar_to, telling_words
from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import ImportedDocument, Region, Turn
from fieldkit.project import Project
from fieldkit.storage import assist_tables

NEW_TEXT = ("Storing aan de kantbank; Lotte opent de kap en zoekt de oorzaak. "
            "Koffie uit de automaat in de kantine. "
            "The lasrobot breaks down and Kees looks for the fault. "
            "De planner wil de order van Kees vandaag nog klaar hebben.")


def breakdown_coding(project: Project) -> int:
    return next(c.id for c in project.codings(code="Triggers/Breakdown")
                if c.quote.startswith("Storing aan de"))


@pytest.mark.parametrize("with_model", [False, True])
def test_similar_passages_are_uncoded_and_alike(coded: Project, with_model: bool) -> None:
    if with_model:
        coded.assist.train()
    doc = coded.add_note(site="S", title="Nieuw", text=NEW_TEXT)
    source = coded.coding(breakdown_coding(coded))
    found = coded.assist.similar(source.id, limit=5)
    assert 1 <= len(found) <= 5
    assert [p.similarity for p in found] == sorted((p.similarity for p in found), reverse=True)
    breakdowns = {(c.document_id, c.start) for c in coded.codings(code="Triggers/Breakdown")}
    for p in found:
        assert (p.document_id, p.start) not in breakdowns
        assert coded.document(p.document_id).text[p.start:p.end] == p.quote
    top = [p.quote for p in found if p.document_id == doc.id]
    assert "Storing aan de kantbank; Lotte opent de kap en zoekt de oorzaak." in top
    assert "Koffie uit de automaat in de kantine." not in top
    # Every passage shares the segment's vocabulary, the best ones most of it.
    vocabulary = words(source.quote)
    shared = [len(words(p.quote) & vocabulary) for p in found]
    assert min(shared) >= 1 and shared[0] >= len(vocabulary) - 2, (shared, vocabulary)


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{4,}", text)}


@pytest.mark.parametrize("with_model", [False, True])
def test_the_index_narrows_without_changing_the_answer(coded: Project, with_model: bool) -> None:
    if with_model:
        coded.assist.train()
    coded.add_note(site="S", title="Nieuw", text=NEW_TEXT)
    model = coded.assist._suggestion_model(required=False)
    features = model.features if model else None
    every = [(d, t) for d, _u, _k, t in assist_tables.document_texts(coded._store)]
    for c in coded.codings()[:6]:
        scanned = similar_to(coded._store, c, features, 5, documents=every)
        assert coded.assist.similar(c.id, limit=5) == scanned


def test_documents_holding_all_telling_words_come_first(coded: Project) -> None:
    source = coded.coding(breakdown_coding(coded))
    telling = telling_words(source.quote, None)
    assert len(telling) >= 3
    filler = " ".join([telling[0]] * 30)
    coded.add_note(site="S", title="Veel van een woord", text=f"Daar: {filler}.")
    holder = coded.add_note(site="S", title="Alles", text=" ".join(telling) + ".")
    found = candidate_documents(coded.index.engine, telling, documents=3)
    assert found is not None and found[0] == (holder.id, coded.document(holder.id).text)
    assert len(found) == 3


def test_edited_documents_are_cut_again(coded: Project) -> None:
    doc = coded.add_note(site="S", title="Nieuw", text=NEW_TEXT)
    source = breakdown_coding(coded)
    before = [p for p in coded.assist.similar(source, limit=20) if p.document_id == doc.id]
    coded.edit_text(doc.id, "Vandaag, in hal 3. " + NEW_TEXT)
    after = [p for p in coded.assist.similar(source, limit=20) if p.document_id == doc.id]
    assert [(p.start + 19, p.end + 19, p.quote) for p in before] == \
        [(p.start, p.end, p.quote) for p in after]
    text = coded.document(doc.id).text
    assert all(text[p.start:p.end] == p.quote for p in after)


def test_passages_coded_with_the_code_since_are_left_out(coded: Project) -> None:
    doc = coded.add_note(site="S", title="Nieuw", text=NEW_TEXT)
    source = breakdown_coding(coded)
    first = next(p for p in coded.assist.similar(source) if p.document_id == doc.id)
    coded.code_text(doc.id, first.start, first.end, "Triggers/Breakdown")
    assert (doc.id, first.start) not in {(p.document_id, p.start)
                                         for p in coded.assist.similar(source, limit=50)}


def test_similar_refuses_bad_input(coded: Project, tmp_path) -> None:
    with pytest.raises(BadInput, match="at least 1"):
        coded.assist.similar(breakdown_coding(coded), limit=0)
    with pytest.raises(NotFound):
        coded.assist.similar(99999)
    from PIL import Image

    picture = tmp_path / "kantbank.jpg"
    Image.new("RGB", (40, 30), "grey").save(picture)
    photo = coded.imports.files([picture], kind="photo")[0]
    region = coded.code_region(photo.id, Region(1, 1, 10, 10), "Triggers/Breakdown")
    with pytest.raises(BadInput, match="part of a photo"):
        coded.assist.similar(region.id)


def test_transcripts_are_cut_inside_turns_without_the_speaker(coded: Project) -> None:
    text = ("Interviewer: Wat gebeurde er vanochtend?\n"
            "Lotte: Storing aan de kantbank; ik open de kap en zoek de oorzaak. Dat duurt.\n"
            "Interviewer: Storing aan de kantbank, zegt u?")
    second = text.index("Lotte")
    third = text.index("Interviewer: Storing")
    doc = coded.imports.document(ImportedDocument(
        "transcript", "Interview Lotte", text,
        turns=[Turn(0, second - 1, "Interviewer"), Turn(second, third - 1, "Lotte"),
               Turn(third, len(text), "Interviewer")]), site="S")
    source = breakdown_coding(coded)
    for _ in range(2):  # the second time the turns come from the session's memory
        found = [p.quote for p in coded.assist.similar(source, limit=50) if p.document_id == doc.id]
        assert found[:2] == ["Storing aan de kantbank; ik open de kap en zoek de oorzaak.",
                             "Storing aan de kantbank, zegt u?"]
        assert not any(q.startswith(("Lotte", "Interviewer")) for q in found)
