"""Search ranking and hit totals checked against the truth, not against another search.

Every text here has the same number of words and differs only in how often the searched word
occurs, so bm25 orders them by that count alone: the expected order and the expected total are
known before searching (counted in Python over the texts). The texts are added worst first, so
an engine that returned rows in storage order instead of ranking them gives the wrong order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.model import ImportedDocument, Turn

WORDS = 12  # every text or segment: this many words, so only the word's frequency ranks them


def text_with(times: int, word: str = "kantbank", filler: str = "werkplaats") -> str:
    return " ".join([word] * times + [filler] * (WORDS - times))


@pytest.fixture
def ranked(tmp_path: Path) -> Iterator[tuple[Project, list[str]]]:
    """Six fieldnotes holding "kantbank" 1..6 times (added 1 first), and two without it."""
    with Project.create(tmp_path / "Rang.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        for times in range(1, 7):
            p.add_note(site="Van Dijk Metaal", title=f"Notitie {times}", text=text_with(times))
        p.add_note(site="Van Dijk Metaal", title="Zonder", text=text_with(0))
        p.add_note(site="Bakkerij Zuid", title="Ook zonder",
                   text="Één 👍 café\r\nzonder het woord.")
        best_first = [f"Notitie {t}" for t in range(6, 0, -1)]
        yield p, best_first


def brute_force_total(project: Project, word: str) -> int:
    return sum(word in project.document(doc.id).text.split() for doc in project.documents())


def test_hits_come_best_first_and_a_limit_keeps_the_best(
        ranked: tuple[Project, list[str]]) -> None:
    project, best_first = ranked
    result = project.search("kantbank")
    assert [hit.title for hit in result.hits] == best_first
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    for limit in range(1, 7):
        limited = project.search("kantbank", limit=limit)
        assert [hit.title for hit in limited.hits] == best_first[:limit]


def test_the_total_counts_every_hit_not_only_those_returned(
        ranked: tuple[Project, list[str]]) -> None:
    project, _ = ranked
    truth = brute_force_total(project, "kantbank")
    assert truth == 6
    for limit in (1, 2, 5, 6, 7, 100):
        result = project.search("kantbank", limit=limit)
        assert result.total == truth, limit
        assert len(result.hits) == min(limit, truth)
    assert project.search("kantbank", limit=0).total == truth
    assert project.search("werkplaats", limit=3).total == brute_force_total(project, "werkplaats")


def test_a_set_filter_ranks_and_counts_within_its_documents(
        ranked: tuple[Project, list[str]]) -> None:
    project, best_first = ranked
    ids = {doc.title: doc.id for doc in project.documents()}
    members = ["Notitie 1", "Notitie 3", "Notitie 5", "Notitie 2", "Zonder"]
    project.sets.add("Gekozen", "documents", [ids[title] for title in members])
    expected = [title for title in best_first if title in members]
    result = project.search("kantbank set:Gekozen")
    assert [hit.title for hit in result.hits] == expected
    for hit in result.hits:  # each hit is the first "kantbank" of its text
        text = project.document(hit.document_id).text
        assert (hit.start, hit.end) == (text.find("kantbank"), text.find("kantbank") + 8)
    for limit in (1, 2, 3):
        limited = project.search("kantbank set:Gekozen", limit=limit)
        assert [hit.title for hit in limited.hits] == expected[:limit]
        assert limited.total == len(expected)


@pytest.fixture
def coded(tmp_path: Path) -> Iterator[tuple[Project, list[str]]]:
    """Coded segments of equal length: each note's best segment holds "kantbank" a known number
    of times. "Twee delen" has a weak segment (1) before a strong one (5): ranked by its best
    segment it comes second; ranked by its worst, last."""
    with Project.create(tmp_path / "Segment.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_code("Machine")
        notes = {"Drie": [3], "Twee delen": [1, 5], "Vier": [4], "Zes": [6], "Twee": [2]}
        for title, counts in notes.items():
            segments = [text_with(n) for n in counts]
            doc = p.add_note(site="Van Dijk Metaal", title=title,
                             text="\n".join(segments) + "\nkantbank buiten de codering")
            at = 0
            for segment in segments:
                p.code_text(doc.id, at, at + len(segment), "Machine")
                at += len(segment) + 1
        yield p, ["Zes", "Twee delen", "Vier", "Drie", "Twee"]


def test_code_filter_ranks_each_document_by_its_best_segment(
        coded: tuple[Project, list[str]]) -> None:
    project, best_first = coded
    result = project.search("kantbank code:Machine")
    assert [hit.title for hit in result.hits] == best_first
    assert result.total == len(best_first)
    for limit in range(1, 6):
        limited = project.search("kantbank code:Machine", limit=limit)
        assert [hit.title for hit in limited.hits] == best_first[:limit]
        assert limited.total == len(best_first)
    # the hit is the first "kantbank" inside a coded segment, in text order
    for hit in result.hits:
        doc = project.document(hit.document_id)
        assert (hit.start, hit.end) == (0, len("kantbank"))
        assert doc.text[hit.start:hit.end] == "kantbank"


def turns_of(text: str) -> list[Turn]:
    out, pos = [], 0
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        out.append(Turn(start, start + len(para), para.split(":")[0]))
        pos = start + len(para)
    return out


def test_speaker_filter_ranks_the_speakers_turns(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Spreker.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        for times in range(1, 5):  # worst first
            text = (f"Interviewer: {text_with(1)}\n\n"
                    f"Sanne: {text_with(times, filler='operator')}")
            p.imports.document(ImportedDocument(kind="transcript", title=f"Interview {times}",
                                            text=text, turns=turns_of(text)),
                           site="Bakkerij Zuid")
        best_first = [f"Interview {t}" for t in range(4, 0, -1)]
        p.add_code("Leren")
        for doc in p.documents():
            p.code_text(doc.id, 0, len(p.document(doc.id).text), "Leren")
        for query in ("kantbank speaker:sanne", "kantbank speaker:sanne code:Leren"):
            result = p.search(query)
            assert [hit.title for hit in result.hits] == best_first, query
            assert result.total == 4
            assert all(hit.speaker == "Sanne" for hit in result.hits)
            limited = p.search(query, limit=2)
            assert [hit.title for hit in limited.hits] == best_first[:2], query
            assert limited.total == 4


def test_a_speaker_with_several_matching_turns_is_one_hit_at_the_first(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Beurten.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        text = ("Sanne: eerst de kantbank\n\nInterviewer: en toen?\n\n"
                "Sanne: weer de kantbank, één 👍 keer\n\nSanne: en nog eens kantbank")
        doc = p.imports.document(ImportedDocument(kind="transcript", title="Drie beurten",
                                              text=text, turns=turns_of(text)),
                             site="Bakkerij Zuid")
        p.add_code("Leren")
        for turn in turns_of(text):  # each turn a coded segment of its own: three rows match
            p.code_text(doc.id, turn.start, turn.end, "Leren")
        for query in ("kantbank speaker:sanne", "kantbank speaker:sanne code:Leren"):
            result = p.search(query)
            assert result.total == 1
            (hit,) = result.hits
            assert (hit.start, hit.end) == (text.find("kantbank"), text.find("kantbank") + 8)


def test_a_filter_that_matches_nothing_says_so_naming_each_value(
        ranked: tuple[Project, list[str]]) -> None:
    project, _ = ranked
    result = project.search("kantbank code:Nergens code:Nooit")
    assert result.total == 0 and result.hits == []
    assert result.note == "No code matches 'Nergens' or 'Nooit', so nothing was found."
