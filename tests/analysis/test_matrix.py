"""Code × variable matrices checked against a brute-force count over the demo study's codings,
and relations against a brute-force pair count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput
from fieldkit.demobuild import build_demo
from tests.analysis.conftest import Hand


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    project = build_demo(tmp_path_factory.mktemp("demo") / "Demo.fieldkit", "small")
    yield project
    project.close()


def brute(demo: Project, value_of: dict[int, str | None], measure: str) -> Counter[tuple]:
    counts: Counter[tuple] = Counter()
    seen = set()
    for c in demo.codings():
        if c.orphaned or value_of.get(c.document_id) is None:
            continue
        key = (c.code_id, value_of[c.document_id])
        if measure == "segments":
            counts[key] += 1
        elif (key, c.document_id) not in seen:
            seen.add((key, c.document_id))
            counts[key] += 1
    return counts


def as_counter(found) -> Counter[tuple]:  # type: ignore[no-untyped-def]
    return Counter({(code.id, column): value
                    for code, row in zip(found.codes, found.values, strict=True)
                    for column, value in zip(found.columns, row, strict=True) if value})


@pytest.mark.parametrize("measure", ["segments", "documents"])
def test_code_by_site_equals_a_brute_force_count(demo: Project, measure: str) -> None:
    site_of = {d.id: d.site for d in demo.documents()}
    assert as_counter(demo.analysis.matrix("site", measure=measure)) == \
        brute(demo, site_of, measure)


def test_code_by_attribute_equals_a_brute_force_count(demo: Project) -> None:
    people = {p.id: p for p in demo.participants()}
    shift_of: dict[int, str | None] = {}
    for summary in demo.documents():
        doc = demo.document(summary.id)
        own = doc.attributes.get("shift")
        person = people.get(doc.participant_id) if doc.participant_id else None
        shift_of[doc.id] = own or (person.attributes.get("shift") if person else None)
    found = demo.analysis.matrix("attribute:shift")
    assert found.columns == sorted(found.columns) and len(found.columns) >= 2
    assert as_counter(found) == brute(demo, shift_of, "segments")


def test_code_by_coder_and_month_add_up_to_all_codings(demo: Project) -> None:
    total = sum(1 for c in demo.codings() if not c.orphaned)
    for variable in ("coder", "month", "week"):
        found = demo.analysis.matrix(variable)
        assert sum(map(sum, found.values)) == total, variable
    assert demo.analysis.matrix("coder").columns == ["Anouk", "Bram"]


def test_percent_of_the_column(demo: Project) -> None:
    counts = demo.analysis.matrix("site")
    shares = demo.analysis.matrix("site", percent=True)
    for column in range(len(counts.columns)):
        assert sum(row[column] for row in shares.values) == pytest.approx(100, abs=0.5)
    docs = demo.analysis.matrix("site", measure="documents", percent=True)
    assert all(0 <= v <= 100 for row in docs.values for v in row)


def test_words_count_the_words_of_each_coded_segment(demo: Project) -> None:
    import re

    found = demo.analysis.matrix("coder", measure="words")
    expected = Counter()
    names = {c.id: c.name for c in demo.coders()}
    for c in demo.codings():
        if not c.orphaned and c.start is not None:
            expected[(c.code_id, names[c.coder_id])] += len(re.findall(r"\w+", c.quote))
    assert as_counter(found) == +expected


def test_a_cell_drills_down_to_its_codings(demo: Project) -> None:
    found = demo.analysis.matrix("site")
    row = max(range(len(found.codes)), key=lambda i: sum(found.values[i]))
    code = found.codes[row]
    for key, value in zip(found.keys, found.values[row], strict=True):
        segments = demo.analysis.cell(code.id, key, "site")
        assert len(segments) == value
        assert all(s.code == code.path for s in segments)


def test_relations_equal_a_brute_force_pair_count(demo: Project) -> None:
    text = [c for c in demo.codings() if c.start is not None and not c.orphaned]
    pairs: Counter[tuple[int, int]] = Counter()
    for a in text:
        for b in text:
            if a.id < b.id and a.document_id == b.document_id and a.code_id != b.code_id \
                    and a.start < b.end and b.start < a.end:
                pairs[(a.code_id, b.code_id)] += 1
                pairs[(b.code_id, a.code_id)] += 1
    found = demo.analysis.relations()
    ids = [c.id for c in found.codes]
    got = Counter({(ids[i], ids[j]): n for i, row in enumerate(found.counts)
                   for j, n in enumerate(row) if i != j and n})
    assert got == pairs and sum(pairs.values()) > 0


@pytest.mark.parametrize("variable", ["colour", "attribute:", "attribute"])
def test_unknown_variables_are_refused(hand: Hand, variable: str) -> None:
    with pytest.raises(BadInput):
        hand.project.analysis.matrix(variable)


def test_documents_without_a_value_are_left_out(hand: Hand, tmp_path: Path) -> None:
    found = hand.project.analysis.matrix("attribute:shift")
    assert found.columns == [] and found.values == [[] for _ in found.codes]
    sites = hand.project.analysis.matrix("site", codes=["A"])
    assert sites.columns == ["Oost", "West"] and sites.values == [[1, 1]]
