"""``attr:CONDITION`` in the search (issue 28): hits only where the attribute values satisfy the
condition — judged like a coding at the hit (the document's own values, its cases', its
participant's; a case part by its case) — alone and with other filters, against brute force
over the random projects of ``tests/analysis/test_attribute_scope``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.index.query import parse
from tests.analysis.test_attribute_scope import Study, build, passes

QUERIES = [("attr:afdeling=Lasserij", "afdeling = Lasserij"),
           ('attr:"afdeling = Lasserij Noord"', "afdeling = Lasserij Noord"),
           ('attr:afdeling="Lasserij Noord"', 'afdeling = "Lasserij Noord"'),
           ("attr:jaren<5", "jaren < 5"),
           ("attr:leerling=nee attr:jaren>=5", "leerling = nee and jaren >= 5"),
           ('attr:"not leerling = ja"', "not leerling = ja")]


@pytest.fixture(params=range(4))
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Study]:
    found = build(tmp_path / "Zoeken.fieldkit", request.param)
    with found.project:
        yield found


def first_passing(study: Study, word: str, condition: str,
                  inside: dict[int, list[tuple[int, int]]] | None = None) -> dict[int, int]:
    """document → the start of its first occurrence of ``word`` that satisfies the condition
    (and lies inside one of ``inside``'s spans, when given)."""
    found = {}
    for summary in study.project.documents():
        doc = study.project.document(summary.id)
        for m in re.finditer(rf"\b{word}\b", doc.text, re.I):
            if inside is not None and not any(s <= m.start() and m.end() <= e
                                              for s, e in inside.get(doc.id, [])):
                continue
            if passes(study, condition, doc.id, m.start(), m.end()):
                found[doc.id] = m.start()
                break
    return found


def hits(study: Study, query: str) -> dict[int, int]:
    result = study.project.search(query, limit=100)
    assert all(h.field == "text" for h in result.hits)
    assert result.total == len(result.hits)
    return {h.document_id: h.start for h in result.hits}


@pytest.mark.parametrize(("typed", "condition"), QUERIES)
def test_hits_are_where_the_condition_holds(study: Study, typed: str, condition: str) -> None:
    for word in ("lasser", "collega"):
        assert hits(study, f"{word} {typed}") == first_passing(study, word, condition)
        assert hits(study, f"{typed} {word}") == first_passing(study, word, condition)


@pytest.mark.parametrize(("typed", "condition"), QUERIES)
def test_with_site_code_and_set_filters(study: Study, typed: str, condition: str) -> None:
    p = study.project
    oost = {d.id for d in p.documents() if p.document(d.id).site_id == p.site("Oost").id}
    wanted = {d: s for d, s in first_passing(study, "lasser", condition).items() if d in oost}
    assert hits(study, f"lasser {typed} site:oost") == wanted
    coded: dict[int, list[tuple[int, int]]] = {}
    for c in p.codings():
        if c.code_id == p.code("A").id:
            coded.setdefault(c.document_id, []).append((c.start or 0, c.end or 0))
    assert set(hits(study, f"lasser {typed} code:A")) == set(
        first_passing(study, "lasser", condition, coded))
    some = sorted(d.id for d in p.documents())[::2]
    p.sets.add("Even", "documents", some)
    wanted = {d: s for d, s in first_passing(study, "lasser", condition).items() if d in some}
    assert hits(study, f'lasser {typed} set:Even') == wanted


def test_coding_all_hits_keeps_to_the_condition(study: Study) -> None:
    engine = study.project.index.engine
    query = parse("lasser attr:jaren<5", engine.analyser)
    found = {(m.document_id, s) for m in engine.spans_of(query) for s, _ in m.spans}
    wanted = set()
    for summary in study.project.documents():
        doc = study.project.document(summary.id)
        for m in re.finditer(r"\blasser\b", doc.text, re.I):
            if passes(study, "jaren < 5", doc.id, m.start(), m.end()):
                wanted.add((doc.id, m.start()))
    assert found == wanted


@pytest.mark.parametrize("typed", ["attr:onbekend=3", "attr:jaren<veel", "attr:jaren",
                                   "attr:jaren>100"])
def test_a_condition_that_cannot_hold_finds_nothing_and_says_why(study: Study,
                                                                  typed: str) -> None:
    result = study.project.search(f"lasser {typed}")
    assert result.hits == [] and result.total == 0 and result.note
    assert "\n" not in result.note


def test_attr_alone_finds_nothing_and_code_alone_lists_its_segments(study: Study) -> None:
    p = study.project
    assert p.search("attr:jaren<5").hits == []
    # issue 29: code: alone lists the code's segments (tests/index/test_listing.py); with
    # attr: the parts of them where the condition holds
    coded = [c for c in p.codings(code="A") if c.start is not None]
    assert p.search("code:A", limit=10_000).total == len(coded)
    kept = p.search("code:A attr:jaren<5", limit=10_000).hits
    assert kept and all(passes(study, "jaren < 5", h.document_id, h.start, h.end) for h in kept)


def test_the_cli_search_takes_attr(study: Study, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from fieldkit.cli import main

    wanted = first_passing(study, "lasser", "jaren < 5")
    path = study.project.path
    study.project.close()
    code = main(["search", "lasser attr:jaren<5", "--json", "--limit", "100", "-p", str(path)])
    found = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {h["document_id"]: h["start"] for h in found["hits"]} == wanted
