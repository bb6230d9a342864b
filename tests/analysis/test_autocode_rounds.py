"""Auto-coding on the demo study (issue 29): for every kind, the preview's count per document
equals a brute-force reading of the texts (turn lines, pattern hits, question headings, ESM
answer lines), "new" leaves out what is coded already, and applying is one undo step that
takes back exactly what it made."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.operations.autocode import AutoPlan

GUIDE = ("Interview volgens de gids\r\n"
         "1. Hoe leerde je de kantbank?\r\n"
         "Door te kijken naar Piet 👀.\r\n"
         "Vraag 2: Wat ging er mis?\r\n"
         "De plaat scheurde; coördinatie ontbrak.\r\n")
QUESTION = "Van wie heb je vandaag iets geleerd?"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fieldkit.demobuild import build_demo

    path = tmp_path_factory.mktemp("demo") / "Demo.fieldkit"
    build_demo(path, "small").close()
    return path


@pytest.fixture
def project(demo_path: Path, tmp_path: Path) -> Iterator[Project]:
    import shutil

    copy = tmp_path / "Demo.fieldkit"
    shutil.copytree(demo_path, copy)
    with Project.open(copy) as p:
        p.set_coder("Anouk")
        p.add_note(site=p.sites()[0].name, title="Gids", text=GUIDE)
        p.add_code("Auto")
        yield p


def texts(p: Project, leave_out: tuple[str, ...] = ()) -> dict[int, str]:
    return {d.id: p.document(d.id).text for d in p.documents() if d.kind not in leave_out}


def turn_lines(p: Project, name: str) -> set[tuple[int, int, int]]:
    """The turns of a speaker as the demo's transcripts write them: a line (after its
    timestamp) that opens with the name and a colon, to the end of the line."""
    out = set()
    for doc, text in texts(p).items():
        if p.document(doc).kind != "transcript":
            continue
        for m in re.finditer(rf"(?m)^(?:\[[\d:]+\] )?({re.escape(name)}[^:\n]*: .*)$", text):
            out.add((doc, m.start(1), m.end(1)))
    return out


def answer_lines(p: Project, question: str) -> set[tuple[int, int, int]]:
    """Every answer to one ESM question as the demo writes them: "HH:MM question — answer"."""
    out = set()
    for doc, text in texts(p).items():
        if p.document(doc).kind == "esm":
            for m in re.finditer(rf"(?m)^\d\d:\d\d {re.escape(question)} — (.+)$", text):
                out.add((doc, m.start(1), m.end(1)))
    return out


def per_document(spans: set[tuple[int, int, int]]) -> Counter[int]:
    return Counter(doc for doc, _, _ in spans)


def codings(p: Project) -> set[tuple[int, int | None, int | None, int]]:
    return {(c.document_id, c.start, c.end, c.code_id) for c in p.codings()}


def check_round(p: Project, plan: AutoPlan, expected: set[tuple[int, int, int]],
                already: frozenset[tuple[int, int, int]] = frozenset()) -> None:
    """The preview's rows equal the brute force per document; applying makes the new ones
    in one undo step, which takes back exactly those."""
    shown: Counter[int] = Counter()
    fresh: Counter[int] = Counter()
    for row in plan.rows:  # a row per document (and code, for question headings)
        shown[row.document_id] += len(row.spans)
        fresh[row.document_id] += row.new
    assert shown == per_document(expected)
    assert {(r.document_id, s, e) for r in plan.rows for s, e in r.spans} == expected
    new = expected - set(already)
    assert +fresh == per_document(new)
    before = codings(p)
    made = p.autocode.apply(plan, create=True)
    assert made == len(new) == plan.new
    added = codings(p) - before
    assert {(d, s, e) for d, s, e, _ in added} == new
    assert p.undo_label() == plan.label
    p.undo()
    assert codings(p) == before


def test_speaker(project: Project) -> None:
    expected = turn_lines(project, "Kees")
    assert len(expected) > 10
    doc, start, end = sorted(expected)[0]
    project.code_text(doc, start, end, "Auto")  # coded already: not new
    check_round(project, project.autocode.speaker("Kees", "Auto"), expected,
                frozenset({(doc, start, end)}))


@pytest.mark.parametrize("unit", ["hit", "paragraph"])
def test_pattern(project: Project, unit: str) -> None:
    pattern = r"kantbank\w*|co[oö]rdinatie|uitzendkracht\w*"
    expected = set()
    for doc, text in texts(project, ("memo",)).items():
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if unit == "hit":
                expected.add((doc, m.start(), m.end()))
            else:  # the line, without its surrounding blanks
                lo = text.rfind("\n", 0, m.start()) + 1
                hi = text.find("\n", m.start())
                line = text[lo:len(text) if hi < 0 else hi]
                lo += len(line) - len(line.lstrip())
                expected.add((doc, lo, lo + len(line.strip())))
    assert len(per_document(expected)) > 3
    check_round(project, project.autocode.pattern(pattern, "Auto", unit=unit), expected)


def test_structure(project: Project) -> None:
    guide = next(d.id for d in project.documents() if d.title == "Gids")
    text = project.document(guide).text
    expected = {(guide, text.index("Door"), text.index("👀.") + 2),
                (guide, text.index("De plaat"), text.index("ontbrak.") + len("ontbrak."))}
    plan = project.autocode.structure()
    assert sorted(r.code for r in plan.rows) == ["Questions/Hoe leerde je de kantbank?",
                                                 "Questions/Wat ging er mis?"]
    check_round(project, plan, expected)
    assert project.codebook().find_path("Questions/Wat ging er mis?") is None  # undone too


def test_esm_question(project: Project) -> None:
    expected = answer_lines(project, QUESTION)
    assert len(per_document(expected)) > 3
    check_round(project, project.autocode.question(QUESTION, "Auto"), expected)
