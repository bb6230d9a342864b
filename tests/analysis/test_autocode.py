"""Auto-coding (issue 29): by speaker, pattern (hit, sentence, paragraph, turn), question
headings and ESM question; each a preview first and one undo step, checked against a
brute-force reading of the texts."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from fieldkit.core.model import ImportedDocument, Turn

NOTE = ("Piet zet de kantbank klaar. Daarna buigt hij 👍 de plaat!\r\n"
        "De Kantbank staat stil… Coördinatie met de planner? Ja.\n\n"
        "Laatste regel zonder punt kantbanken")
GUIDE = ("Interview met Sanne\n"
         "1. Hoe leerde je de kantbank?\n"
         "Door te kijken naar Piet.\nEn te proberen.\n"
         "2. Wie helpt je / wanneer?\n"
         "\n"
         "Vraag 3: Wat ging er mis?\n"
         "De plaat scheurde. 😬\n")
TURNS = ["Interviewer: Hoe leer je de kantbank?", "Sanne de Vries: Ik kijk naar Piet.",
         "Interviewer: En dan?", "Sanne de Vries: Dan probeer ik de kantbank zelf."]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "Auto.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_note(site="Oost", title="Notitie", text=NOTE)
        p.add_note(site="Oost", title="Gids", text=GUIDE)
        talk = "\n".join(TURNS)
        turns, at = [], 0
        for line in TURNS:
            turns.append(Turn(at, at + len(line), line.split(":")[0]))
            at += len(line) + 1
        p.imports.document(ImportedDocument("transcript", "Gesprek", talk, turns=turns),
                           site="West")
        answer1, answer2 = "De pers liep vast", "Van Kees"
        text = f"2024-07-31 13:57\nWat gebeurde er?: {answer1}\nVan wie leerde je?: {answer2}"
        first = text.index(answer1)
        second = text.index(answer2)
        p.imports.document(ImportedDocument(
            "esm", "ESM P1 2024-07-31", text,
            attributes={"questions": {"q1": "Wat gebeurde er?", "q2": "Van wie leerde je?"},
                        "beeps": [{"beep": "1", "text": {"q1": [first, first + len(answer1)],
                                                         "q2": [second,
                                                                second + len(answer2)]}}]}))
        p.add_code("Machines")
        yield p


def coded(project: Project, code: str) -> set[tuple[int, int, int]]:
    code_id = project.code(code).id
    return {(c.document_id, c.start, c.end) for c in project.codings()
            if c.code_id == code_id and c.start is not None and c.end is not None}


def texts(project: Project) -> dict[int, str]:
    return {d.id: project.document(d.id).text for d in project.documents()}


def lines(text: str) -> list[tuple[int, int]]:
    """Each line's span without its surrounding white space (brute force)."""
    out, at = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lo = at + line.index(stripped)
            out.append((lo, lo + len(stripped)))
        at += len(line) + 1
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentences by walking the characters: a sentence ends after . ! ? … (and closing quotes)
    before white space or the end, or at a line break (brute force)."""
    out, lo, i = [], 0, 0
    while i < len(text):
        if text[i] == "\n":
            out.append((lo, i))
            lo = i + 1
        elif text[i] in ".!?…":
            j = i
            while j + 1 < len(text) and text[j + 1] in ".!?…\"'’”)":
                j += 1
            if j + 1 == len(text) or text[j + 1].isspace():
                out.append((lo, j + 1))
                lo = j + 1
            i = j
        i += 1
    out.append((lo, len(text)))
    trimmed = []
    for a, b in out:
        piece = text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            trimmed.append((a, b))
    return trimmed


def test_speaker_turns_one_undo_step(project: Project) -> None:
    plan = project.autocode.speaker("sanne", "Sanne")
    assert plan.missing == ["Sanne"] and plan.spans == plan.new == 2
    talk = next(d for d in project.documents() if d.kind == "transcript")
    expected = {(talk.id, t.start, t.end) for t in project.turns(talk.id)
                if t.speaker == "Sanne de Vries"}
    assert {(r.document_id, *s) for r in plan.rows for s in r.spans} == expected
    with pytest.raises(BadInput, match="no code 'Sanne'"):
        project.autocode.apply(plan)
    assert project.autocode.apply(plan, create=True) == 2
    assert coded(project, "Sanne") == expected
    assert project.undo_label() == plan.label
    project.undo()  # the codings and the code made for them go in one step
    assert [c for c in project.codebook().codes.values() if c.name == "Sanne"] == []
    project.redo()
    assert coded(project, "Sanne") == expected
    again = project.autocode.speaker("Sanne de Vries", "Sanne")
    assert (again.spans, again.new, project.autocode.apply(again)) == (2, 0, 0)
    with pytest.raises(BadInput, match="No turns of a speaker 'Piet'"):
        project.autocode.speaker("Piet", "Sanne")


@pytest.mark.parametrize("unit", ["hit", "sentence", "paragraph", "turn"])
def test_pattern_units_equal_the_brute_force(project: Project, unit: str) -> None:
    pattern = r"kantbank\w*|co[oö]rdinatie"
    plan = project.autocode.pattern(pattern, "Machines", unit=unit)
    expected = set()
    every = texts(project)
    for doc_id, text in every.items():
        if project.document(doc_id).kind == "memo":
            continue
        turns = [(t.start, t.end) for t in project.turns(doc_id)]
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if unit == "hit":
                expected.add((doc_id, m.start(), m.end()))
            elif unit == "turn" and turns:
                expected |= {(doc_id, a, b) for a, b in turns if a <= m.start() < b}
            else:
                spans = sentences(text) if unit == "sentence" else lines(text)
                expected |= {(doc_id, a, b) for a, b in spans if a <= m.start() < b}
    assert {(r.document_id, *s) for r in plan.rows for s in r.spans} == expected
    assert sum(r.new for r in plan.rows) == len(expected)
    assert project.autocode.apply(plan) == len(expected)
    assert coded(project, "Machines") == expected
    if unit == "sentence":  # "Daarna buigt hij 👍 de plaat!" is not in it: no match
        note = next(d.id for d in project.documents() if d.title == "Notitie")
        assert {every[note][a:b] for d, a, b in expected if d == note} == {
            "Piet zet de kantbank klaar.", "De Kantbank staat stil…",
            "Coördinatie met de planner?", "Laatste regel zonder punt kantbanken"}
    sensitive = project.autocode.pattern("Kantbank", "Machines", ignore_case=False)
    assert sensitive.spans == 1


def test_bad_patterns_and_units(project: Project) -> None:
    with pytest.raises(BadInput, match="'\\(kant' is not a regular expression"):
        project.autocode.pattern("(kant", "Machines")
    with pytest.raises(BadInput, match="unit must be one of"):
        project.autocode.pattern("kant", "Machines", unit="word")
    assert project.autocode.pattern("x*", "Machines").spans == 0  # empty matches code nothing


def test_structure_codes_each_answer_under_its_question(project: Project) -> None:
    plan = project.autocode.structure()
    guide = next(d.id for d in project.documents() if d.title == "Gids")
    text = texts(project)[guide]
    got = {(r.code, text[a:b]) for r in plan.rows for a, b in r.spans}
    assert got == {("Questions/Hoe leerde je de kantbank?",
                    "Door te kijken naar Piet.\nEn te proberen."),
                   ("Questions/Wat ging er mis?", "De plaat scheurde. 😬")}
    assert sorted(plan.missing) == ["Questions/Hoe leerde je de kantbank?",
                                    "Questions/Wat ging er mis?"]
    assert project.autocode.apply(plan, create=True) == 2
    assert {project.code_path(project.code(c)) for c, _ in got} == {c for c, _ in got}
    own = project.autocode.structure(r"^(Interview .*)$", parent="Kop")
    assert [(r.code, len(r.spans)) for r in own.rows] == [("Kop/Interview met Sanne", 1)]


def test_esm_question(project: Project) -> None:
    plan = project.autocode.question("leerde", "Van wie")
    esm = next(d for d in project.documents() if d.kind == "esm")
    text = texts(project)[esm.id]
    assert [text[a:b] for r in plan.rows for a, b in r.spans] == ["Van Kees"]
    assert project.autocode.apply(plan, create=True) == 1
    assert [text[a:b] for r in project.autocode.question("q1", "Van wie").rows
            for a, b in r.spans] == ["De pers liep vast"]
    with pytest.raises(BadInput, match="No ESM question 'lunch'"):
        project.autocode.question("lunch", "Van wie")
    with pytest.raises(BadInput, match="several"):
        project.autocode.question("e", "Van wie")


def digest(path: Path) -> str:
    return hashlib.sha256((path / "project.sqlite").read_bytes()).hexdigest()


def test_cli_preview_apply_and_one_line_errors(project: Project,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = project.path
    project.close()
    before = digest(path)
    assert main(["autocode", "--speaker", "Sanne", "Sanne", "--dry-run", "-p", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 segments in 1 documents, 2 not coded yet." in out and "give --create" in out
    assert digest(path) == before
    for argv, message in (
            (["--speaker", "Sanne", "Sanne"], "There is no code 'Sanne'"),
            (["--pattern", "(kant", "Machines"], "is not a regular expression"),
            (["--speaker", "Piet", "Machines"], "No turns of a speaker 'Piet'"),
            (["--structure", "Machines"], "give no CODE"),
            (["--pattern", "kant"], "Which code?")):
        assert main(["autocode", *argv, "-p", str(path)]) == 2
        captured = capsys.readouterr()
        assert message in captured.err and len(captured.err.strip().splitlines()) == 1
        assert captured.out == "" and digest(path) == before
    assert main(["autocode", "--pattern", "kantbank", "Machines", "--unit", "turn", "--json",
                 "-p", str(path)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["coded"] == found["new"] == 6 and found["dry_run"] is False
    assert [r["new"] for r in found["rows"]] == [3, 1, 2]
    with Project.open(path) as again:
        assert len(again.codings()) == 6
        assert again.undo_label() == found["label"]
