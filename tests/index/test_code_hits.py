"""Code all hits (hit, turn, paragraph) in one undoable step; saved searches."""

from __future__ import annotations

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput, NotFound


def test_code_every_hit_in_one_undoable_step(study: Project) -> None:
    code = study.add_code("Leren/Collega")
    assert study.index.code_hits("collega", code.id) == 2
    codings = study.codings(code=code.id)
    assert [c.quote for c in codings] == ["collega", "collega"]
    assert all(c.coder_id == study._store.coder_by_name("Anouk").id for c in codings)
    assert study.index.code_hits("collega", code.id) == 0  # already coded
    study.undo()  # the second call changed nothing, so this undoes the first
    assert study.codings(code=code.id) == []
    assert study.index.code_hits("collega", "Leren/Collega", coder="Bram") == 2


def test_code_the_turn_or_paragraph_around_each_hit(study: Project, ids: dict[str, int]) -> None:
    code = study.add_code("Training")
    assert study.index.code_hits("training kind:transcript", code.id, scope="turn") == 2
    quotes = [c.quote for c in study.codings(code=code.id)]
    assert quotes == ["Interviewer: En de training?",
                      "Sanne: De training was kort; ik leerde meer van Piet."]
    other = study.add_code("Planning")
    assert study.index.code_hits("planner", other.id, scope="paragraph") == 1
    assert [c.quote for c in study.codings(code=other.id)] == [
        "Coördinatie met de planner 👍 loopt via WhatsApp."]


def test_code_hits_respects_filters_and_refuses_bad_input(study: Project) -> None:
    code = study.add_code("Peer")
    assert study.index.code_hits("collega speaker:sanne", code.id) == 1
    before = len(study.codings())
    with pytest.raises(BadInput):
        study.index.code_hits("collega", code.id, scope="sentence")
    with pytest.raises(BadInput):
        study.index.code_hits("   ", code.id)
    with pytest.raises(NotFound):
        study.index.code_hits("collega", "Bestaat/Niet")
    assert study.index.code_hits("geenzoekwoord", code.id) == 0
    assert len(study.codings()) == before


def test_saved_searches(study: Project) -> None:
    saved = study.index.save_search("Leren van collega's", "collega kind:transcript")
    assert [(s.name, s.query) for s in study.index.saved_searches()] == [
        ("Leren van collega's", "collega kind:transcript")]
    assert study.index.run_saved_search("leren van collega's").total == 1
    study.index.save_search("Leren van collega's", "collega")
    assert study.index.run_saved_search(saved.id).total == 2
    with pytest.raises(BadInput):
        study.index.save_search(" ", "x")
    with pytest.raises(BadInput):
        study.index.save_search("Leeg", "  ")
    assert study.index.delete_saved_search(str(saved.id)).name == "Leren van collega's"
    assert study.index.saved_searches() == []
    with pytest.raises(NotFound):
        study.index.delete_saved_search("Leren van collega's")
    study.undo()
    assert len(study.index.saved_searches()) == 1


def test_query_help_is_the_documented_text() -> None:
    from pathlib import Path

    from fieldkit.index import QUERY_HELP

    docs = Path(__file__).resolve().parents[2] / "docs" / "search.md"
    assert QUERY_HELP == docs.read_text(encoding="utf-8")
    for piece in ("site:", "kind:", "speaker:", "code:", "coder:", "after:", "before:",
                  "NEAR(", "OR", "-cursus", "lasrobot*", '"new press brake"'):
        assert piece in QUERY_HELP
