"""Dutch and English stemming, folded diacritics and case, prefixes for compounds."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project


def test_dutch_diacritics_case_stemming_and_prefix(study: Project) -> None:
    assert [h.match for h in study.search("coordinatie").hits] == ["Coördinatie"]
    assert [h.match for h in study.search("COÖRDINATIE").hits] == ["Coördinatie"]
    assert [h.match for h in study.search("lasrobot*").hits] == ["lasrobotten"]
    assert study.search("lasrobot").total == 1  # Dutch stem of lasrobotten
    assert {h.match for h in study.search("machine").hits} == {"machines"}
    assert study.search("lasrobotten*").total == 1


def test_english_stemming(tmp_path: Path) -> None:
    with Project.create(tmp_path / "En.fieldkit", language="en") as p:
        p.add_note(site="Plant", title="Line", text="The operators restarted both machines.")
        assert [h.match for h in p.search("operator").hits] == ["operators"]
        assert [h.match for h in p.search("machine").hits] == ["machines"]
        assert [h.match for h in p.search("restarting").hits] == ["restarted"]
        assert p.search('"both machine"').total == 0  # a phrase keeps its word forms
        assert p.search('"both machines"').total == 1
        assert p.search("operat*").total == 1


def test_combining_accents_fold_like_precomposed(study: Project) -> None:
    study.add_note(site="Van Dijk Metaal", title="Ontleed",
                   text="Over coo\u0308rdinatie en de e\u0301e\u0301n keer.")
    assert {h.title for h in study.search("coördinatie").hits} == {"Eerste bezoek", "Ontleed"}
    hit = next(h for h in study.search("een keer").hits if h.title == "Ontleed")
    assert hit.match == "e\u0301e\u0301n"
