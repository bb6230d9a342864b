"""Matrices by case and attribute, and every analysis filtered by an attribute condition, on
random projects, against brute force over the project's own rows (issue 28)."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.attributes import display, parse_condition
from fieldkit.core.errors import BadInput

TYPES = {"afdeling": "choice", "jaren": "number", "leerling": "boolean"}
CONDITIONS = ["afdeling = Lasserij", "jaren < 5", "afdeling = Lasserij and jaren < 5",
              "not leerling = ja", 'afdeling ~ "noord" or jaren >= 8']
WORDS = "de lasser kijkt mee en leert het vak van een collega op de vloer".split()


@dataclass
class Study:
    project: Project
    own: dict[int, dict[str, object]]  # document → own values
    person: dict[int, dict[str, object]]  # document → participant's values
    cases: dict[int, dict[str, object]]
    case_names: dict[int, str]
    links: set[tuple[int, int]]  # (case, document)
    parts: list[tuple[int, int, int, int]]  # (case, document, start, end)


def _values(rng: random.Random) -> dict[str, object]:
    found: dict[str, object] = {}
    if rng.random() < 0.6:
        found["afdeling"] = rng.choice(["Lasserij", "Montage", "Lasserij Noord"])
    if rng.random() < 0.6:
        found["jaren"] = rng.choice([1, 3, 5, 8, 12])
    if rng.random() < 0.4:
        found["leerling"] = rng.random() < 0.5
    return found


def can_add_parts(project: Project) -> bool:
    return hasattr(project, "cases") and hasattr(project.cases, "add_part")  # type: ignore[attr-defined]


def build(path: Path, seed: int) -> Study:
    rng = random.Random(seed)
    p = Project.create(path, language="nl")
    p.set_coder("Anouk")
    store = p._store
    people = {}
    for i in range(3):
        values = _values(rng)
        people[store.add_participant(f"W{i}", attributes=values)] = values
    own: dict[int, dict[str, object]] = {}
    person: dict[int, dict[str, object]] = {}
    docs = []
    for i in range(7):
        text = " ".join(rng.choice(WORDS) for _ in range(30)) + " 🙂 café\r\n" + "einde"
        doc = p.add_note(site=rng.choice(["Oost", "West"]), title=f"Notitie {i}", text=text).id
        change: dict[str, object] = {}
        if rng.random() < 0.4:
            own[doc] = _values(rng)
            change["attributes"] = own[doc]
        if rng.random() < 0.6:
            who = rng.choice(sorted(people))
            change["participant_id"] = who
            person[doc] = people[who]
        if change:
            with store.change("test"):
                store.update_document(doc, change)
        docs.append(doc)
    for name in ("A", "B", "C"):
        p.add_code(name)
    cases = {}
    names = {}
    for i in range(4):
        values = _values(rng)
        key = store.add_case(f"Geval {i}", attributes=values)
        cases[key], names[key] = values, f"Geval {i}"
    links: set[tuple[int, int]] = set()
    for _ in range(3):
        case, doc = rng.choice(sorted(cases)), rng.choice(docs)
        if (case, doc) not in links:
            store.add_to_case(case, document_id=doc)
            links.add((case, doc))
    case, who = rng.choice(sorted(cases)), rng.choice(sorted(people))
    store.add_to_case(case, participant_id=who)
    links |= {(case, d) for d in docs if d in person and person[d] is people[who]}
    parts: list[tuple[int, int, int, int]] = []
    if can_add_parts(p):
        for _ in range(6):
            case, doc = rng.choice(sorted(cases)), rng.choice(docs)
            # whole words, as turns and answers are (the search judges a hit inside a part)
            words = [m.span() for m in re.finditer(r"\w+", p.document(doc).text)]
            first = rng.randrange(len(words) - 8)
            start, end = words[first][0], words[first + rng.randint(0, 7)][1]
            p.cases.add_part(names[case], doc, start, end)  # type: ignore[attr-defined]
            parts.append((case, doc, start, end))
    for _ in range(60):
        doc = rng.choice(docs)
        size = len(p.document(doc).text)
        start = rng.randint(0, size - 2)
        p.code_text(doc, start, min(size, start + rng.randint(1, 20)), rng.choice("ABC"),
                    coder=rng.choice(["Anouk", "Bram"]))
    return Study(p, own, person, cases, names, links, parts)


@pytest.fixture(params=range(4))
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Study]:
    found = build(tmp_path / "Random.fieldkit", request.param)
    with found.project:
        yield found


def coding_cases(study: Study, doc: int, start: int, end: int) -> set[int]:
    found = {c for c, d in study.links if d == doc}
    return found | {c for c, d, s, e in study.parts if d == doc and start < e and s < end}


def value(study: Study, doc: int, case: int | None, name: str) -> object:
    if name in study.own.get(doc, {}):
        return study.own[doc][name]
    if case is not None and name in study.cases[case]:
        return study.cases[case][name]
    return study.person.get(doc, {}).get(name)


def passes(study: Study, text: str, doc: int, start: int, end: int) -> bool:
    condition = parse_condition(text)
    for case in coding_cases(study, doc, start, end) or {None}:
        values = {n: v for n in TYPES if (v := value(study, doc, case, n)) is not None}
        if condition.matches(values, TYPES):  # type: ignore[arg-type]
            return True
    return False


def cells(matrix: object) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for code, row in zip(matrix.codes, matrix.values, strict=True):  # type: ignore[attr-defined]
        for label, count in zip(matrix.columns, row, strict=True):  # type: ignore[attr-defined]
            if count:
                found[(code.path, label)] = int(count)
    return found


def test_the_case_matrix_counts_each_coding_in_each_of_its_cases(study: Study) -> None:
    p = study.project
    wanted: Counter[tuple[str, str]] = Counter()
    for c in p.codings():
        for case in coding_cases(study, c.document_id, c.start or 0, c.end or 0):
            wanted[(p.code_path(c.code_id), study.case_names[case])] += 1
    assert cells(p.analysis.matrix("case")) == wanted


@pytest.mark.parametrize("name", sorted(TYPES))
def test_the_attribute_matrix_counts_each_coding_under_its_values(study: Study,
                                                                  name: str) -> None:
    p = study.project
    wanted: Counter[tuple[str, str]] = Counter()
    for c in p.codings():
        shown = set()
        for case in coding_cases(study, c.document_id, c.start or 0, c.end or 0) or {None}:
            found = value(study, c.document_id, case, name)
            if found is not None:
                shown.add(display(found))  # type: ignore[arg-type]
        for label in shown:
            wanted[(p.code_path(c.code_id), label)] += 1
    assert cells(p.analysis.matrix(f"attribute:{name}")) == wanted


@pytest.mark.parametrize("text", CONDITIONS)
def test_a_matrix_filtered_by_a_condition_counts_only_the_codings_that_satisfy_it(
        study: Study, text: str) -> None:
    p = study.project
    wanted: Counter[tuple[str, str]] = Counter()
    for c in p.codings():
        if passes(study, text, c.document_id, c.start or 0, c.end or 0):
            wanted[(p.code_path(c.code_id), p.document(c.document_id).site_name
                    if hasattr(p.document(c.document_id), "site_name")
                    else p.site(p.document(c.document_id).site_id).name)] += 1
    assert cells(p.analysis.matrix("site", where=text)) == wanted


@pytest.mark.parametrize("text", CONDITIONS)
def test_relations_filtered_by_a_condition_count_overlapping_pairs_of_those_codings(
        study: Study, text: str) -> None:
    p = study.project
    kept = [c for c in p.codings()
            if passes(study, text, c.document_id, c.start or 0, c.end or 0)]
    wanted: Counter[tuple[int, int]] = Counter()
    for i, a in enumerate(kept):
        wanted[(a.code_id, a.code_id)] += 1
        for b in kept[i + 1:]:
            if a.document_id == b.document_id and a.start < b.end and b.start < a.end \
                    and a.code_id != b.code_id:
                wanted[(a.code_id, b.code_id)] += 1
                wanted[(b.code_id, a.code_id)] += 1
    found = p.analysis.relations(where=text)
    ids = [c.id for c in found.codes]
    got = Counter({(ids[i], ids[j]): n for i, row in enumerate(found.counts)
                   for j, n in enumerate(row) if n})
    assert got == wanted


@pytest.mark.parametrize("text", CONDITIONS)
def test_a_coding_query_filtered_by_a_condition_finds_the_text_of_those_codings(
        study: Study, text: str) -> None:
    p = study.project
    code_a = p.code("A").id
    spans: dict[int, list[tuple[int, int]]] = {}
    for c in p.codings():
        if c.code_id == code_a and passes(study, text, c.document_id, c.start or 0,
                                          c.end or 0):
            spans.setdefault(c.document_id, []).append((c.start or 0, c.end or 0))
    wanted = []
    for doc in sorted(spans):
        for start, end in sorted(spans[doc]):
            if wanted and wanted[-1][0] == doc and start <= wanted[-1][2]:
                wanted[-1] = (doc, wanted[-1][1], max(end, wanted[-1][2]))
            else:
                wanted.append((doc, start, end))
    found = [(s.document_id, s.start, s.end) for s in p.analysis.segments("A", where=text)]
    assert found == wanted


@pytest.mark.parametrize("text", ["onbekend = 3", "jaren < veel", "leerling < ja", "(jaren"])
def test_a_bad_condition_is_refused_in_one_line(study: Study, text: str) -> None:
    with pytest.raises(BadInput) as caught:
        study.project.analysis.matrix("case", where=text)
    assert "\n" not in str(caught.value)


def document_contexts(study: Study, doc: int) -> set[int | None]:
    cases = {c for c, d in study.links if d == doc} | {c for c, d, *_ in study.parts if d == doc}
    return set(cases) or {None}


@pytest.mark.parametrize("text", CONDITIONS)
def test_a_document_set_from_a_condition_holds_the_documents_that_satisfy_it(
        study: Study, text: str) -> None:
    p = study.project
    condition = parse_condition(text)
    wanted = []
    for doc in sorted(d.id for d in p.documents()):
        for case in document_contexts(study, doc):
            values = {n: v for n in TYPES if (v := value(study, doc, case, n)) is not None}
            if condition.matches(values, TYPES):  # type: ignore[arg-type]
                wanted.append(doc)
                break
    if not wanted:
        with pytest.raises(BadInput):
            p.sets.add_from_condition("Gekozen", text)
        return
    assert p.sets.add_from_condition("Gekozen", text).members == wanted


@pytest.mark.parametrize("text", CONDITIONS)
def test_a_set_from_cases_holds_the_documents_of_the_cases_that_satisfy_it(
        study: Study, text: str) -> None:
    p = study.project
    condition = parse_condition(text)
    cases = {c for c, v in study.cases.items() if condition.matches(v, TYPES)}  # type: ignore[arg-type]
    wanted = sorted({d for c, d in study.links if c in cases}
                    | {d for c, d, *_ in study.parts if c in cases})
    if not wanted:
        with pytest.raises(BadInput):
            p.sets.add_from_condition("Gevallen", text, kind="cases")
        return
    assert p.sets.add_from_condition("Gevallen", text, kind="cases").members == wanted


@pytest.mark.parametrize("text", CONDITIONS)
def test_coded_segments_filtered_by_a_condition(study: Study, text: str) -> None:
    from fieldkit.operations.retrieval import SegmentQuery

    p = study.project
    wanted = sorted(c.id for c in p.codings()
                    if passes(study, text, c.document_id, c.start or 0, c.end or 0))
    found = p.retrieval.segments(SegmentQuery(where=text))
    assert sorted(c.id for c in found) == wanted
    some = p.retrieval.segments(SegmentQuery(codes=["A"], where=text), light=True)
    assert sorted(c.id for c in some) == sorted(
        c.id for c in p.codings() if c.id in set(wanted) and c.code_id == p.code("A").id)


def test_the_filter_follows_a_changed_value_and_undo(tmp_path: Path) -> None:
    from fieldkit.operations.retrieval import SegmentQuery

    with Project.create(tmp_path / "Kort.fieldkit") as p:
        note = p.add_note(site="Oost", title="Notitie", text="de lasser leert 🙂 het vak").id
        p.add_code("A")
        p.code_text(note, 0, 9, "A")
        with pytest.raises(BadInput):  # no document carries it yet
            p.analysis.matrix("site", where="ploeg ~ vroeg")
        with p.action("Waarde"):
            with p._store.change("Waarde"):
                p._store.update_document(note, {"attributes": {"ploeg": "vroeg"}})
        assert p.analysis.matrix("site", where="ploeg = vroeg").values == [[1]]
        assert len(p.retrieval.segments(SegmentQuery(where="ploeg = vroeg"))) == 1
        with p.action("Waarde"):
            with p._store.change("Waarde"):
                p._store.update_document(note, {"attributes": {"ploeg": "laat"}})
        assert sum(p.analysis.matrix("site", where="ploeg = vroeg").values[0]) == 0
        assert p.retrieval.segments(SegmentQuery(where="ploeg = vroeg")) == []
        p.undo()
        assert p.analysis.matrix("site", where="ploeg = vroeg").values == [[1]]
        assert len(p.retrieval.segments(SegmentQuery(where="ploeg = vroeg"))) == 1


def test_the_attribute_names_include_those_of_cases(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Namen.fieldkit") as p:
        p._store.add_case("Geval", attributes={"leeftijd": 30})
        assert "leeftijd" in p.analysis.attribute_names()
        assert p.analysis.matrix("attribute:leeftijd").columns == []  # no document in it


def test_lists_and_objects_an_import_keeps_are_no_attribute_names(tmp_path: Path) -> None:
    """ESM keeps its beeps and questions as lists and objects beside a document's attributes:
    they are offered as no matrix column and no condition name."""
    with Project.create(tmp_path / "Esm.fieldkit") as p:
        doc = p.add_note(site="Oost", title="Piepjes", text="Wat heb je vandaag geleerd?")
        with p._store.change("ESM"):
            p._store.update("documents", doc.id, {"attributes": json.dumps(
                {"beeps": [{"at": "09:00"}], "questions": {"q1": "Geleerd?"}, "ploeg": "vroeg"})})
        names = p.analysis.attribute_names()
        assert "ploeg" in names and "beeps" not in names and "questions" not in names
