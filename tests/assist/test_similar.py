""""More like this": passages across the project that read like one coded segment."""

from __future__ import annotations

import pytest

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import Region
from fieldkit.project import Project

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
        coded.train_suggester()
    doc = coded.add_note(site="S", title="Nieuw", text=NEW_TEXT)
    source = coded.coding(breakdown_coding(coded))
    found = coded.similar(source.id, limit=5)
    assert 1 <= len(found) <= 5
    assert [p.similarity for p in found] == sorted((p.similarity for p in found), reverse=True)
    breakdowns = {(c.document_id, c.start) for c in coded.codings(code="Triggers/Breakdown")}
    for p in found:
        assert (p.document_id, p.start) not in breakdowns
        assert coded.document(p.document_id).text[p.start:p.end] == p.quote
    top = [p.quote for p in found if p.document_id == doc.id]
    assert "Storing aan de kantbank; Lotte opent de kap en zoekt de oorzaak." in top
    assert "Koffie uit de automaat in de kantine." not in top


def test_similar_refuses_bad_input(coded: Project, tmp_path) -> None:
    with pytest.raises(BadInput, match="at least 1"):
        coded.similar(breakdown_coding(coded), limit=0)
    with pytest.raises(NotFound):
        coded.similar(99999)
    from PIL import Image

    picture = tmp_path / "kantbank.jpg"
    Image.new("RGB", (40, 30), "grey").save(picture)
    photo = coded.import_files([picture], kind="photo")[0]
    region = coded.code_region(photo.id, Region(1, 1, 10, 10), "Triggers/Breakdown")
    with pytest.raises(BadInput, match="part of a photo"):
        coded.similar(region.id)
