"""The coded-segments query, answered from arrays, against a brute-force answer from the codings
table: random queries of every kind on the demo project, before and after codings are added,
removed, orphaned by an edit, undone and redone (the arrays are patched, not read again)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from fieldkit.core.model import Region
from fieldkit.demobuild import build_demo
from fieldkit.operations.retrieval import SegmentQuery
from fieldkit.project import Project


@pytest.fixture
def demo(tmp_path: Path) -> Project:
    return build_demo(tmp_path / "Demo.fieldkit", size="small")


def brute(p: Project, q: SegmentQuery) -> list[int]:
    """The answer worked out the slow, obvious way from every row of the codings table."""
    book = p.codebook()
    groups = []
    for ref in q.codes:
        code = p.code(ref)
        groups.append({code.id, *(book.descendants(code.id) if q.include_subcodes else ())})
    wanted = set().union(*groups) if groups else None
    coders = {p.find_coder(n).id for n in q.coders} or None
    sites = {p.site(s).id for s in q.sites} or None
    docs = {int(d) for d in q.documents} or None
    rows = p._store.rows(
        "SELECT c.id, c.document_id, c.code_id, c.coder_id, c.start, c.end, c.x, c.y, "
        "c.width, c.height, d.site_id, coalesce(v.date, substr(d.created, 1, 10)) AS day "
        "FROM codings c JOIN documents d ON d.id = c.document_id "
        "LEFT JOIN visits v ON v.id = d.visit_id")
    found: list[Any] = []
    for r in rows:
        if wanted is not None and r["code_id"] not in wanted \
                or coders is not None and r["coder_id"] not in coders \
                or sites is not None and r["site_id"] not in sites \
                or docs is not None and r["document_id"] not in docs \
                or q.date_from and r["day"] < q.date_from \
                or q.date_to and r["day"] > q.date_to:
            continue
        found.append(r)

    def meet(a: Any, b: Any) -> bool:
        if a["start"] is not None and b["start"] is not None:
            return bool(a["start"] < b["end"] and b["start"] < a["end"])
        if a["x"] is not None and b["x"] is not None:
            return bool(a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
        return False

    if q.match == "all" and len(groups) > 1:
        found = [a for a in found if all(
            a["code_id"] in g or any(b["code_id"] in g and b["document_id"] == a["document_id"]
                                     and meet(a, b) for b in found) for g in groups)]
    found.sort(key=lambda r: (r["document_id"], -1 if r["start"] is None else r["start"],
                              r["id"]))
    return [r["id"] for r in found]


def random_query(p: Project, rng: random.Random) -> SegmentQuery:
    codes = [c.id for c in p.codebook().codes.values()]
    days = sorted({d.visit for d in p.documents() if d.visit})
    kw: dict[str, Any] = {}
    if rng.random() < 0.8:
        kw["codes"] = rng.sample(codes, rng.randint(1, 3))
        kw["match"] = rng.choice(["any", "all"])
        kw["include_subcodes"] = rng.random() < 0.7
    if rng.random() < 0.3:
        kw["coders"] = [rng.choice(p.coders()).name]
    if rng.random() < 0.3:
        kw["sites"] = [rng.choice(p.sites()).name]
    if rng.random() < 0.2:
        kw["documents"] = [str(d.id) for d in rng.sample(p.documents(), 8)]
    if rng.random() < 0.3:
        first = rng.randrange(len(days))
        kw["date_from"] = days[first]
        kw["date_to"] = days[min(len(days) - 1, first + rng.randint(0, 10))]
    if not kw:
        kw["codes"] = [rng.choice(codes)]
    return SegmentQuery(**kw)


def check(p: Project, rng: random.Random, n: int) -> None:
    for _ in range(n):
        q = random_query(p, rng)
        expected = brute(p, q)
        assert [c.id for c in p.retrieval.segments(q, light=True)] == expected, q
        assert [c.id for c in p.retrieval.segments(q)] == expected, q


def test_random_queries_match_a_brute_force_answer(demo: Project) -> None:
    p = demo
    rng = random.Random(23)
    assert p._store.value("SELECT count(*) FROM codings WHERE x IS NOT NULL") > 0  # photos too
    check(p, rng, 150)

    # the arrays are patched by each change set: codings added, removed, orphaned, undone
    p.set_coder("Tester", remember=False)
    codes = [c.id for c in p.codebook().codes.values()]
    notes = [d for d in p.documents() if d.kind == "fieldnote"]
    for _ in range(40):
        d = rng.choice(notes)
        length = len(p.document(d.id).text)
        start = rng.randrange(0, length - 40)
        p.code_text(d.id, start, start + rng.randint(5, 40), rng.choice(codes))
    for coding in rng.sample(p.codings(), 30):
        p.uncode(coding.id)
    photo = next(d for d in p.documents() if d.kind == "photo")
    p.code_region(photo.id, Region(0, 0, 50, 50), codes[0])
    p.code_region(photo.id, Region(40, 40, 30, 30), codes[1])
    coded = next(d for d in notes if p.codings(doc=d.id))
    text = p.document(coded.id).text
    p.edit_text(coded.id, text[: len(text) // 3])  # codings further on lose their words
    assert p._store.value("SELECT count(*) FROM codings WHERE orphaned = 1") > 0
    check(p, rng, 60)
    p.undo()
    p.undo()
    check(p, rng, 30)
    p.redo()
    check(p, rng, 30)
    p.retrieval._table = None  # read again from the database: the same answers
    check(p, rng, 20)
    # a new sub-code (the cached code tree follows) and its coding
    before = [c.id for c in p.retrieval.segments(SegmentQuery(codes=["Learning"]))]
    made = p.code_text(notes[0].id, 0, 5, p.add_code("Learning/Nieuw 🙂").id)
    after = [c.id for c in p.retrieval.segments(SegmentQuery(codes=["Learning"]), light=True)]
    assert made.id in after and set(after) - set(before) == {made.id}
    check(p, rng, 20)


def test_touching_spans_do_not_overlap(demo: Project) -> None:
    p = demo
    note = p.add_note(site="Metaal Oost", title="Touching", text="één twee drie 🙂 vier vijf")
    p.code_text(note.id, 0, 8, "Learning")
    p.code_text(note.id, 8, 15, "Technology")  # starts where the first ends
    c = p.code_text(note.id, 15, 21, "Learning").id  # starts where the second ends
    d = p.code_text(note.id, 17, 19, "Technology").id  # inside the third
    q = SegmentQuery(codes=["Learning", "Technology"], match="all", documents=[str(note.id)])
    assert [x.id for x in p.retrieval.segments(q, light=True)] == brute(p, q) == [c, d]


def test_light_codings_carry_what_the_view_shows(demo: Project) -> None:
    p = demo
    photo = next(d for d in p.documents() if d.kind == "photo")
    made = p.code_region(photo.id, Region(3, 4, 5, 6), "Learning")
    light = {c.id: c for c in p.retrieval.segments(SegmentQuery(codes=["Learning"]),
                                                   light=True)}
    full = {c.id: c for c in p.retrieval.segments(SegmentQuery(codes=["Learning"]))}
    assert light.keys() == full.keys() and made.id in light
    for key, c in light.items():
        f = full[key]
        assert (c.document_id, c.code_id, c.coder_id, c.start, c.end, c.region, c.orphaned) \
            == (f.document_id, f.code_id, f.coder_id, f.start, f.end, f.region, f.orphaned)
        assert c.quote == "" and c.memo == ""
    assert light[made.id].region == Region(3, 4, 5, 6)
