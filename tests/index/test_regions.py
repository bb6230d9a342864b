"""Coded segments and speaker turns as index rows of their own (``search_regions``).

They must stay in step with every change that moves, adds or removes a coding or a turn (in
the same transaction), be rebuilt by reindex, and give the hits the filters gave before they
became part of the MATCH: a hit wholly inside a segment or turn that passes the filter, one per
document at its first such place, and the memos of matching codings.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.index.query import parse
from fieldkit.index.regions import person_word
from fieldkit.index.words import WORD


def places(project: Project, query: str) -> list[tuple[int, str]]:
    text = {}
    out = []
    for h in project.search(query, limit=10_000).hits:
        text.setdefault(h.document_id, project.document(h.document_id).text)
        out.append((h.document_id, text[h.document_id][h.start:h.end]))
    return sorted(out)


def region_rows(project: Project) -> int:
    return project._store.value("SELECT count(*) FROM search_regions")


def test_segments_follow_coding_uncoding_recoding_undo_and_redo(
        study: Project, ids: dict[str, int]) -> None:
    doc = ids["Tweede bezoek"]
    text = study.document(doc).text
    hulp = study.add_code("Leren/Hulp")
    study.add_code("Barrières/Oude machines")
    start = text.index("Een operator")
    assert study.search("operator code:Hulp").total == 0
    coding = study.code_text(doc, start, len(text), hulp.id)
    assert places(study, "operator code:Hulp") == [(doc, "operator")]
    assert places(study, "operator code:Leren") == [(doc, "operator")]  # codes below count
    assert study.search("machines code:Hulp").total == 0  # in the text, not in the segment
    assert study.search("operator coder:anouk").total == 1
    study.uncode(coding.id)
    assert study.search("operator code:Hulp").total == 0
    study.undo()
    assert places(study, "operator code:Hulp") == [(doc, "operator")]
    study.redo()
    assert study.search("operator code:Hulp").total == 0
    study.undo()
    study.recode(coding.id, "Barrières/Oude machines")
    assert study.search("operator code:Hulp").total == 0
    assert places(study, 'operator code:"Oude machines"') == [(doc, "operator")]
    assert study.check() == []


def test_a_word_cut_by_the_segment_edge_is_not_inside_it(study: Project,
                                                        ids: dict[str, int]) -> None:
    doc = ids["Eerste bezoek"]
    text = study.document(doc).text
    start = text.index("kantbank")
    study.add_code("Machine")
    study.code_text(doc, start + 2, start + 40, "Machine")
    assert study.search("kantbank code:Machine").total == 0
    assert study.search("kant* code:Machine").total == 0
    assert places(study, "werkt code:Machine") == [(doc, "werkt")]


def test_segments_move_with_their_text_when_a_fieldnote_is_edited(study: Project,
                                                                 ids: dict[str, int]) -> None:
    doc = ids["Eerste bezoek"]
    text = study.document(doc).text
    study.add_code("Machine")
    first = text.index("Jan laat")
    study.code_text(doc, first, text.index("\n"), "Machine")
    hit = study.search("kantbank code:Machine").hits[0]
    study.edit_text(doc, "Vooraf: veel lawaai in de hal.\n" + text)
    moved = study.search("kantbank code:Machine").hits[0]
    edited = study.document(doc).text
    assert moved.start == hit.start + len("Vooraf: veel lawaai in de hal.\n")
    assert edited[moved.start:moved.end] == "kantbank"
    assert study.search("lawaai code:Machine").total == 0
    assert study.check() == []
    study.undo()
    assert study.search("kantbank code:Machine").hits[0].start == hit.start
    assert study.check() == []


def test_turns_are_rows_and_speaker_filters_find_words_in_one_turn(
        study: Project, ids: dict[str, int]) -> None:
    doc = ids["Interview Sanne"]
    assert places(study, "training speaker:sanne") == [(doc, "training")]
    assert places(study, "training speaker:interv") == [(doc, "training")]
    assert study.search("collega operators speaker:sanne").total == 1  # one turn
    assert study.search("kantbank training speaker:sanne").total == 0  # two turns
    turns = study._store.value("SELECT count(*) FROM turns WHERE document_id = ?", (doc,))
    assert study._store.value(
        "SELECT count(*) FROM search_regions WHERE field = 'turn' AND document_id = ?",
        (doc,)) == turns
    study.delete_document(doc)
    assert study.search("training speaker:sanne").total == 0
    assert region_rows(study) == 0
    study.undo()
    assert places(study, "training speaker:sanne") == [(doc, "training")]
    assert study.check() == []


def test_speaker_with_code_keeps_the_hits_in_that_speakers_turns(
        study: Project, ids: dict[str, int]) -> None:
    doc = ids["Interview Sanne"]
    text = study.document(doc).text
    study.add_code("Leren")
    study.code_text(doc, 0, len(text), "Leren")  # the whole interview, both speakers
    assert places(study, "training code:Leren") == [(doc, "training")]
    both = places(study, "training code:Leren speaker:interviewer")
    assert both == [(doc, "training")]
    hit = study.search("training code:Leren speaker:interviewer").hits[0]
    assert hit.speaker == "Interviewer"
    assert study.search("kantbank code:Leren speaker:sanne").total == 0


def test_merging_a_colleagues_codings_indexes_their_segments(
        study: Project, ids: dict[str, int], tmp_path: Path) -> None:
    study.add_code("Machine")
    path = study.path
    copy = tmp_path / "Collega.fieldkit"
    study.close()
    shutil.copytree(path, copy)
    (copy / "project.lock").unlink(missing_ok=True)
    with Project.open(copy) as other:
        text = other.document(ids["Eerste bezoek"]).text
        other.code_text(ids["Eerste bezoek"], 0, text.index("\n"), "Machine", coder="Bram")
    with Project.open(path) as mine:
        assert mine.search("kantbank code:Machine").total == 0
        mine.merge.project(copy)
        assert places(mine, "kantbank coder:bram") == [(ids["Eerste bezoek"], "kantbank")]
        assert mine.check() == []


def test_reindex_rebuilds_the_segments_and_check_notices_when_they_are_gone(
        study: Project, ids: dict[str, int]) -> None:
    study.add_code("Machine")
    study.code_text(ids["Eerste bezoek"], 0, 45, "Machine")
    before = region_rows(study)
    with study._store.change("break the index on purpose", log=False):
        study._store.conn.execute("DELETE FROM search_regions")
    assert study.search("kantbank code:Machine").total == 0
    problems = study.check()
    assert problems and "fieldkit reindex" in problems[0].message
    study.index.reindex()
    assert study.check() == []
    with study._store.change("forget the speakers on purpose", log=False):
        study._store.conn.execute("DELETE FROM search_people")
    assert study.search("training speaker:sanne").total == 0
    assert study.check()
    study.index.reindex()
    assert study.search("training speaker:sanne").total == 1
    assert region_rows(study) == before
    assert places(study, "kantbank code:Machine") == [(ids["Eerste bezoek"], "kantbank")]
    assert study.check() == []


# -- the same hits as the filters gave before: a hit wholly inside a region, per document ------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    from fieldkit.demobuild import build_demo

    project = build_demo(tmp_path_factory.mktemp("regions") / "Demo.fieldkit", "small")
    yield project
    project.close()


def _expected(project: Project, words: str, regions: dict[int, list[tuple[int, int]]],
              memos: set[int] | None) -> tuple[set[tuple[int, int]], set[int]]:
    """What the filters gave before they were part of the MATCH: every hit of ``words`` in the
    document texts (found without filters), kept when it lies wholly inside one region (all
    the words inside the same one), the first such per document; and the matching memos of
    the codings ``memos``."""
    engine = project.index.engine
    query = parse(words, engine.analyser)
    _, rows = engine.matches(query, limit=None, every_span=True, fields=("text", "caption"))
    leaves = len(query.leaves)
    found = set()
    for m in rows:
        assert m.document_id is not None
        best = None
        for lo, hi in regions.get(m.document_id, []):
            inside = [s for s in m.spans if lo <= s[0] and s[1] <= hi]
            if inside and (leaves == 1 or _all_leaves(project, query, m.body, inside)):
                best = min(best or inside[0], inside[0])
        if best is not None:
            found.add((m.document_id, best[0]))
    coded = set()
    if memos is not None:
        _, rows = engine.matches(query, limit=None, fields=("coding memo",))
        coded = {m.rid // 8 for m in rows if m.rid // 8 in memos}
    return found, coded


def _all_leaves(project: Project, query: object, body: str, spans: list[tuple[int, int]]
                ) -> bool:
    an = project.index.engine.analyser
    stems = {an.word(w)[1] for s, e in spans for w in WORD.findall(body[s:e])}
    return all(leaf.tokens[0] in stems for leaf in query.leaves)  # type: ignore[attr-defined]


def _got(project: Project, query: str) -> tuple[set[tuple[int, int]], set[int]]:
    hits = project.search(query, limit=10_000).hits
    return ({(h.document_id, h.start) for h in hits if h.field in ("text", "caption")},
            {h.coding_id for h in hits if h.field == "coding memo" and h.coding_id})


def test_code_coder_and_speaker_filters_give_the_hits_they_gave_before(demo: Project) -> None:
    store = demo._store
    book = demo.codebook()
    checked = 0

    def same(query: str, words: str, spans: dict[int, list[tuple[int, int]]],
             keys: set[int] | None) -> int:
        expected = _expected(demo, words, spans, keys)
        assert _got(demo, query) == expected, query
        return 1 if expected[0] or expected[1] else 0
    for code_id, quote in store.rows(
            "SELECT code_id, quote FROM codings WHERE start IS NOT NULL ORDER BY id LIMIT 12"):
        path = book.path(code_id)
        below = {code_id, *book.descendants(code_id)}
        spans: dict[int, list[tuple[int, int]]] = {}
        keys = set()
        for key, doc, s, e, code in store.rows(
                "SELECT id, document_id, start, end, code_id FROM codings"):
            if code in below:
                keys.add(key)
                spans.setdefault(doc, []).append(
                    (s or 0, e if e is not None else len(demo.document(doc).text)))
        words = [w.lower() for w in WORD.findall(quote) if len(w) > 3]
        for query in (words[0], f"{words[0][:4]}*", f'"{words[0]} {words[1]}"'
                      if len(words) > 1 else words[0]):
            checked += same(f'{query} code:"{path}"', query, spans, keys)
    for coder_id, name in store.rows("SELECT id, name FROM coders"):
        spans = {}
        keys = set()
        for key, doc, s, e in store.rows(
                "SELECT id, document_id, start, end FROM codings WHERE coder_id = ?",
                (coder_id,)):
            keys.add(key)
            spans.setdefault(doc, []).append(
                (s or 0, e if e is not None else len(demo.document(doc).text)))
        for word in ("collega", "machine", "uitleg"):
            checked += same(f"{word} coder:{name}", word, spans, keys)
    for speaker in {r[0].split()[0] for r in store.rows("SELECT speaker FROM turns")}:
        prefix = person_word(speaker)
        spans = {}
        for doc, s, e, who in store.rows("SELECT document_id, start, end, speaker FROM turns"):
            if person_word(who).startswith(prefix):
                spans.setdefault(doc, []).append((s, e))
        for doc, who in store.rows("SELECT d.id, p.pseudonym FROM documents d "
                                   "JOIN participants p ON p.id = d.participant_id"):
            if person_word(who).startswith(prefix):
                spans[doc] = [(0, len(demo.document(doc).text))]
        for word in ("werk", "machine", "collega", "collega machine"):
            checked += same(f"{word} speaker:{speaker}", word, spans, None)
    assert checked > 30  # queries that have hits
    assert demo.search("werk speaker:Sanne").total > 0
