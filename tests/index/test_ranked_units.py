"""``code:``, ``coder:`` and ``speaker:`` searches rank whole units (a document's text, a coding
memo) by their best row, and SQLite keeps the best ``limit`` of them (issue 23). Checked
against the truth worked out here from every matching row, scored by bm25 over the whole MATCH
expression as FTS5 gives it: the same total, the same units with the same scores in the same
order for any limit, and a codebook that follows every change to it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fieldkit import Project
from fieldkit.index.fts import Matched
from fieldkit.index.query import parse
from fieldkit.storage import database
from fieldkit.storage import search_tables as tables


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    from fieldkit.demobuild import build_demo

    project = build_demo(tmp_path_factory.mktemp("ranked") / "Demo.fieldkit", "small")
    yield project
    project.close()


def truth(project: Project, text: str) -> list[tuple[int, float]]:
    """(unit, best score) of every unit, best first, from every row the whole expression
    matches in both tables, each scored by FTS5's bm25 over that expression."""
    engine = project.index.engine
    plan = engine._filters(parse(text, engine.analyser))
    assert plan is not None and plan.regions is not None
    best: dict[int, float] = {}
    order: list[int] = []
    for table, expr in (("search_regions", plan.regions), ("search_index", plan.index)):
        if expr is None:
            continue
        for rid, score in project._store.rows(
                f"SELECT rowid, {tables.bm25(table)} FROM {table} WHERE {table} MATCH ? "
                "ORDER BY rowid", (expr,)):
            unit = Matched.of(rid, score).unit
            if unit not in best:
                order.append(unit)
                best[unit] = score
            best[unit] = min(best[unit], score)
    return sorted(((u, -best[u]) for u in order), key=lambda p: -p[1])


def unit_of(hit: object) -> int:
    field, doc, coding = hit.field, hit.document_id, hit.coding_id  # type: ignore[attr-defined]
    return -(coding * tables.PARTS + tables.CODING_MEMO) if field == "coding memo" else doc


QUERIES = ("werk coder:Anouk", "machine coder:Bram", "collega coder:Anouk",
           '"de machine" coder:Bram', "coll* coder:Anouk", "werk code:Learning",
           "collega code:Learning", "werk speaker:Sanne", "machine speaker:Interviewer",
           "collega speaker:a", "werk site:a coder:Anouk", "de coder:Bram", "ik coder:Bram")


@pytest.mark.parametrize("query", QUERIES)
def test_the_best_units_for_any_limit_are_the_truths(demo: Project, query: str) -> None:
    expected = truth(demo, query)
    assert expected, query  # the demo has hits for every query here
    for limit in (1, 3, 20, 10_000):
        result = demo.search(query, limit=limit)
        assert result.total == len(expected), query
        got = [(unit_of(h), h.score) for h in result.hits]
        assert [u for u, _ in got] == [u for u, _ in expected[:limit]], (query, limit)
        for (_, score), (_, want) in zip(got, expected[:limit], strict=True):
            assert score == pytest.approx(want, rel=1e-12, abs=0.0)


def test_limit_zero_still_counts(demo: Project) -> None:
    result = demo.search("werk coder:Anouk", limit=0)
    assert result.hits == [] and result.total == len(truth(demo, "werk coder:Anouk")) > 0


@pytest.mark.parametrize("query", ["werk coder:Bram", "werk code:Learning",
                                   "machine site:a coder:Anouk"])
def test_ranking_by_the_words_alone_gives_the_same_scores(demo: Project, query: str) -> None:
    """``coder:`` and a code with sub-codes rank region rows by the query's words kept to the
    rows the whole expression finds: filter words weigh 0, so every score is FTS5's own for
    the whole expression."""
    engine = demo.index.engine
    plan = engine._filters(parse(query, engine.analyser))
    assert plan is not None and plan.rank_regions is not None
    conn = demo._store.conn
    whole = dict(conn.execute(f"SELECT rowid, {tables.bm25('search_regions')} FROM "
                              "search_regions WHERE search_regions MATCH ?", (plan.regions,)))
    assert whole
    _total, rows, best = engine._best_units(plan, None)
    assert sorted(r for rids in rows.values() for r in rids if r >= tables.DOC_SHIFT) \
        == sorted(whole)
    for unit, rids in rows.items():
        scores = [whole[r] for r in rids if r in whole]
        if scores and len(scores) == len(rids):
            assert best[unit] == min(scores)


def test_code_filter_follows_the_codebook_after_every_change(demo: Project) -> None:
    """The engine keeps the codebook between searches; every change to it is seen at once:
    a new code, a rename, undo, and a commit made by another connection."""
    doc = next(d for d in demo.documents() if d.kind == "fieldnote")
    text = demo.document(doc.id).text
    start = text.index(next(w for w in text.split() if len(w) > 5 and w.isalpha()))
    word = text[start:].split()[0]
    assert demo.search(f"{word} code:Zeldzaam").total == 0  # cached: no such code
    with demo.action("Zeldzaam"):
        code = demo.add_code("Zeldzaam")
        demo.code_text(doc.id, start, start + len(word), code.id)
    assert demo.search(f"{word} code:Zeldzaam").total == 1
    demo.update_code(code.id, name="Heel zeldzaam")
    assert demo.search(f"{word} code:Zeldzaam").total == 0
    assert demo.search(f'{word} code:"Heel zeldzaam"').total == 1
    demo.undo()
    assert demo.search(f"{word} code:Zeldzaam").total == 1
    other = database.connect(demo.path / database.DB_NAME)  # another process's connection
    other.execute("UPDATE codes SET name = 'Elders' WHERE id = ?", (code.id,))
    other.close()
    assert demo.search(f"{word} code:Elders").total == 1
    assert demo.search(f"{word} code:Zeldzaam").total == 0


def test_a_word_in_many_of_the_coders_rows_is_scored_directly(demo: Project) -> None:
    """A word in a third or more of a coder's rows ("de") is scored with the coder in the MATCH;
    a rarer one ("werk") by its own rows first. Either way the units and scores are the truth's
    (``test_the_best_units_for_any_limit_are_the_truths`` runs both)."""
    from fieldkit.index.plan import WORDS_SHARE

    engine = demo.index.engine
    conn = demo._store.conn
    for word, direct in (("de", True), ("ik", True), ("werk", False)):
        plan = engine._filters(parse(f"{word} coder:Bram", engine.analyser))
        assert plan is not None and plan.regions is not None
        words, filters = plan.regions.split(" AND ", 1)
        count = [conn.execute("SELECT count(*) FROM search_regions WHERE search_regions "
                              "MATCH ?", (e,)).fetchone()[0] for e in (words, filters)]
        assert (count[0] >= WORDS_SHARE * count[1]) is direct, (word, count)
        assert (plan.rank_regions is None) is direct, word


def test_the_kept_row_counts_follow_every_change(demo: Project) -> None:
    """The number of a coder's rows is kept between searches and counted again after any
    change: a new coding by that coder is counted at once, and undo takes it away."""
    engine = demo.index.engine
    coder = demo._store.value("SELECT id FROM coders WHERE name = 'Bram'")
    filters = f'meta : ("r{coder}")'

    def counted() -> int:
        return int(demo._store.value("SELECT count(*) FROM search_regions WHERE "
                                     "search_regions MATCH ?", (filters,)))

    before = engine.region_rows(filters)
    assert before == counted() > 0
    doc = next(d for d in demo.documents() if d.kind == "fieldnote")
    demo.code_text(doc.id, 0, 12, next(iter(demo.codebook().codes)), coder="Bram")
    assert engine.region_rows(filters) == counted() == before + 1
    demo.undo()
    assert engine.region_rows(filters) == before


def test_segments_alone_are_grouped_without_flattening(demo: Project) -> None:
    """One select alone (no second table) streams into the grouping as two do: SQLite would
    otherwise flatten it into the grouping, where bm25() cannot be called (an error the search
    turns into a plain-words search)."""
    from dataclasses import replace

    engine = demo.index.engine
    plan = engine._filters(parse("werk code:Learning", engine.analyser))
    assert plan is not None and plan.regions is not None
    alone = replace(plan, index=None)
    best: dict[int, float] = {}
    for rid, score in demo._store.rows(
            f"SELECT rowid, {tables.bm25('search_regions')} FROM search_regions "
            "WHERE search_regions MATCH ?", (plan.regions,)):
        unit = rid // tables.DOC_SHIFT
        best[unit] = min(best.get(unit, score), score)
    assert best
    total, rows, found = engine._best_units(alone, 3)
    assert total == len(best)
    expected = sorted(best.values())[:3]
    assert [found[u] for u in rows] == pytest.approx(expected, rel=1e-12, abs=0.0)
