"""``project.cases``: making, finding, changing and deleting cases, each one undo step, and
which case each coding belongs to (checked against a brute-force answer)."""

from __future__ import annotations

import random

import pytest

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.project import Project

# emoji and a combining accent before Jan's turns: positions are code points
TEXT = ("Interviewer: Hoe leer je dat? 😀\nJan: Gewoon kijken bij Piet.\n"
        "Interviewer: En daarna? Coördinatie?\nJan: Zelf proberen, één fout.\n")


def turns_of(text: str) -> list[Turn]:
    out, at = [], 0
    for line in text.split("\n")[:-1]:
        out.append(Turn(at, at + len(line), line.split(":")[0]))
        at += len(line) + 1
    return out


def transcript(p: Project, title: str = "Interview Jan", text: str = TEXT) -> int:
    return p.imports.document(ImportedDocument("transcript", title, text,
                                               turns=turns_of(text)), site="Metaal",
                              duplicates="again").id


def snapshot(p: Project) -> list:
    return [(c.name, c.description, c.attributes, c.documents, c.parts, c.participants)
            for c in p.cases.all()]


def test_a_speakers_turns_become_the_parts_of_a_case(project: Project) -> None:
    doc = transcript(project)
    other = transcript(project, "Interview Ilse", "Ilse: Ik doe het voor.\nJan: Ik kijk.\n")
    case = project.cases.add("Jan", speaker="jan")  # in every transcript, any case of letters
    text = project.document(doc).text
    assert [text[s:e] for d, s, e in case.parts if d == doc] == [
        "Jan: Gewoon kijken bij Piet.", "Jan: Zelf proberen, één fout."]
    assert [(d, s, e) for d, s, e in case.parts if d == other] == [(other, 23, 36)]
    assert case.documents == []
    only = project.cases.add("Jan in één", speaker="Jan", documents=[other])
    assert only.parts == [(other, 23, 36)]
    assert project.undo_label() == "Add case Jan in één"
    project.undo()
    assert [c.name for c in project.cases.all()] == ["Jan"]


def test_bad_input_is_refused_and_changes_nothing(project: Project) -> None:
    doc = transcript(project)
    project.cases.add("Team A", documents=[doc])
    before, label = snapshot(project), project.undo_label()
    with pytest.raises(BadInput, match="already a case 'Team A'"):
        project.cases.add("team a")
    with pytest.raises(NotFound, match="no document '999'"):
        project.cases.add("Team B", documents=[999])
    with pytest.raises(BadInput, match="No turn of speaker 'Piet'"):
        project.cases.add("Piet", speaker="Piet")
    with pytest.raises(BadInput, match="needs a name"):
        project.cases.add("   ")
    with pytest.raises(BadInput, match="already a case"):
        project.cases.add("Team B") and project.cases.rename("Team B", "TEAM A")
    project.undo()  # Team B
    with pytest.raises(BadInput, match="not a part of document"):
        project.cases.add_part("Team A", doc, 5, 5)
    with pytest.raises(BadInput, match="not a part of document"):
        project.cases.add_part("Team A", doc, 0, len(TEXT) + 1)
    with pytest.raises(NotFound, match=r"no case 'Team C' .*\(cases: Team A\)"):
        project.cases.get("Team C")
    assert snapshot(project) == before
    assert project.undo_label() == label


def test_a_case_is_found_by_name_id_or_uuid(project: Project) -> None:
    case = project.cases.add("Team A", description="de lassers")
    assert project.cases.get("team a") == case
    assert project.cases.get(case.id) == case
    assert project.cases.get(str(case.id)) == case
    assert project.cases.get(case.uuid.upper()) == case
    assert project.cases.get(case) == case
    assert [c.name for c in project.cases()] == ["Team A"]  # the domain's Case list


def test_each_change_is_one_undo_step(project: Project) -> None:
    doc, note = transcript(project), project.add_note(site="M", title="N", text="abc").id
    project.cases.add("Team A")
    steps = [
        (lambda: project.cases.rename("Team A", "Team Lassen"), "Rename case Team A"),
        (lambda: project.cases.describe("Team Lassen", "ploeg 2"), "Describe case Team Lassen"),
        (lambda: project.cases.add_documents("Team Lassen", [doc, note, doc]),
         "Add to case Team Lassen"),
        (lambda: project.cases.remove_documents("Team Lassen", [note]),
         "Remove from case Team Lassen"),
        (lambda: project.cases.add_part("Team Lassen", doc, 3, 9),
         "Add part to case Team Lassen"),
        (lambda: project.cases.delete("Team Lassen"), "Delete case Team Lassen"),
    ]
    states = [snapshot(project)]
    for step, label in steps:
        step()
        assert project.undo_label() == label
        states.append(snapshot(project))
    assert states[3][0][3] == [doc, note] and states[4][0][3] == [doc]
    assert states[5][0][4] == [(doc, 3, 9)]
    for state in reversed(states[:-1]):
        project.undo()
        assert snapshot(project) == state


def test_cases_from_participants_are_linked_and_skip_existing(project: Project) -> None:
    store = project._store
    p1 = store.add_participant("P01", attributes={"jaren": "3", "afdeling": "Lasserij"})
    p2 = store.add_participant("P02", attributes={"jaren": "12"})
    store.add_participant("Team A")
    project.cases.add("Team A")
    project.attributes.define("jaren", "number")  # typed: the copies are typed too
    made = project.cases.from_participants()
    assert [(c.name, c.participants, c.attributes) for c in made] == [
        ("P01", [p1], {"jaren": 3, "afdeling": "Lasserij"}), ("P02", [p2], {"jaren": 12})]
    assert project.undo_label() == "Cases from participants"
    assert project.cases.from_participants() == []  # all linked now
    project.undo()
    assert [c.name for c in project.cases.all()] == ["Team A"]


def brute_force(project: Project) -> dict[int, list[int]]:
    """Membership as the rule says it, from the facade's own lists, one coding at a time."""
    out: dict[int, list[int]] = {}
    people = {c.id: c.participants for c in project.cases.all()}
    for coding in project.codings():
        doc = project.document(coding.document_id)
        found = []
        for case in project.cases.all():
            if doc.id in case.documents or doc.participant_id in people[case.id] or (
                    coding.start is not None and any(
                        d == doc.id and max(s, coding.start) < min(e, coding.end)
                        for d, s, e in case.parts)):
                found.append(case.id)
        if found:
            out[coding.id] = sorted(found)
    return out


def test_coding_cases_agrees_with_brute_force(project: Project) -> None:
    rng = random.Random(28)
    project.add_code("Leren")
    person = project._store.add_participant("P01")
    docs = [transcript(project, f"Interview {i}") for i in range(4)]
    project._store.update_document(docs[3], {"participant_id": person})
    project.cases.add("Jan", speaker="Jan")
    project.cases.add("Heel", documents=[docs[1]])
    project.cases.add("Stukje")
    project._store.add_to_case(project.cases.get("Heel").id, participant_id=person)
    for _ in range(6):
        start = rng.randrange(len(TEXT) - 2)
        project.cases.add_part("Stukje", rng.choice(docs), start,
                               rng.randrange(start + 1, len(TEXT)))
    for _ in range(60):
        start = rng.randrange(len(TEXT) - 1)
        project.code_text(rng.choice(docs), start, rng.randrange(start + 1, len(TEXT) + 1),
                          "Leren")
    # the edges: a coding that ends where a part starts is not in it; one code point is
    jan = project.cases.get("Jan").parts[0]
    touching = project.code_text(jan[0], jan[1] - 3, jan[1], "Leren").id
    one = project.code_text(jan[0], jan[1] - 3, jan[1] + 1, "Leren").id
    found = project.cases.coding_cases()
    assert found == brute_force(project)
    jan_id = project.cases.get("Jan").id
    assert jan_id not in found.get(touching, []) and jan_id in found[one]
    assert len(found) > 10


def test_a_text_edit_moves_the_parts_on_their_words(project: Project) -> None:
    text = "Jan laat zien hoe het moet 👍. Daarna probeert Piet het zelf."
    note = project.add_note(site="Metaal", title="Bezoek", text=text).id
    piet = text.index("Daarna")
    project.cases.add("Jan")
    project.cases.add_part("Jan", note, 0, piet - 1)
    project.cases.add_part("Jan", note, piet, len(text))
    before = project.cases.get("Jan").parts
    new = "Vandaag: " + text.replace("Jan laat zien hoe het moet 👍. ", "")
    project.edit_text(note, new)
    # Jan's sentence is gone, and its part with it; Piet's moved with its words
    assert [new[s:e] for _d, s, e in project.cases.get("Jan").parts] == [
        "Daarna probeert Piet het zelf."]
    project.undo()
    assert project.cases.get("Jan").parts == before


def test_all_lists_what_get_gives_for_each_case(project: Project) -> None:
    doc = transcript(project)
    person = project._store.add_participant("P01", attributes={"jaren": "3"})
    project.cases.add("Jan", speaker="Jan")
    project.cases.add("Team", documents=[doc])
    project.cases.add_part("Team", doc, 0, 4)
    project.cases.from_participants()
    assert project.cases.all() == [project.cases.get(n) for n in ("Jan", "P01", "Team")]
    assert project.cases.get("P01").participants == [person]
