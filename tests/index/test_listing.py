"""``speaker:NAME`` and ``code:NAME`` alone (issue 29): the turns or segments they stand for,
one hit each in text order, combined with the other filters, checked against the documents'
own text and the codings made (brute force), with emoji, accents and CRLF line ends."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.index.regions import person_word

LONG = " ".join(["en dan leg ik het nog een keer uit"] * 12)
TRANSCRIPTS = {
    "Interview Kees": (
        "Interviewer: Hoe leerde je de kantbank kennen? 👍\r\n\r\n"
        "Kees: Van Piet, die liet het me zien. Coördinatie ging via WhatsApp 😅.\r\n\r\n"
        "Interviewer: En daarna?\r\n\r\n"
        f"Kees: Zelf geprobeerd, {LONG}, tot het werkte.\r\n\r\n"
        "Kéés de Vries: Ik kwam er later bij.\r\n\r\n"
        "Keith: Ik niet.\r\n\r\n"
        "Kéés de Vries: Wel via Piet.\r\n\r\n"
        "Keith: Ook niet."),
    "Interview Anna": (
        "Interviewer: Wat deed je?\n\nAnna: Ik keek mee met de ervaren collega's.\n\n"
        "Interviewer: En Kees?\n\nAnna: Kees hielp ook."),
}
NOTE = "Bij de kantbank 👍 legt Henk uit.\nCoördinatie met de planner.\nDe lasrobot draait."


def paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of each ``Name: ...`` paragraph: the turns as a reader sees
    them in the text, worked out without the turns table."""
    out = []
    for m in re.finditer(r"(?:^|(?<=\n\n))([^\n:]+):[^\n]*", text):
        out.append((m.start(), m.end(), m.group(1)))
    return out


@dataclass
class Study:
    project: Project
    ids: dict[str, int]
    codings: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    # (doc, start, end, code path, coder); areas have start = end = -1


def _turns(text: str) -> list[Turn]:
    return [Turn(s, e, name) for s, e, name in paragraphs(text)]


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    from PIL import Image

    with Project.create(tmp_path / "Lijst.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        ids: dict[str, int] = {}
        source = tmp_path / "Interview Kees.txt"  # CRLF line ends, as Windows writes them
        source.write_bytes(TRANSCRIPTS["Interview Kees"].encode("utf-8"))
        [doc] = p.imports.files([source], site="Van Dijk Metaal", visit="2026-03-02",
                                kind="transcript")
        ids["Interview Kees"] = doc.id
        text = TRANSCRIPTS["Interview Kees"].replace("\r\n", "\n")
        assert p.document(doc.id).text == text
        text = TRANSCRIPTS["Interview Anna"]
        ids["Interview Anna"] = p.imports.document(ImportedDocument(
            kind="transcript", title="Interview Anna", text=text, turns=_turns(text),
            participant="Anna"), site="Bakkerij Zuid", visit="2026-03-02").id
        for title, who, answer, day in (("ESM Kees", "Kees Verhoeven", "Van Piet geleerd 😅.",
                                         "2026-03-03"),
                                        ("ESM Anna", "Anna", "Niks bijzonders.", "2026-03-04")):
            doc = p.imports.document(ImportedDocument(
                kind="esm", title=title, text=f"08:10 Wat leerde je? — {answer}",
                participant=who), site="Bakkerij Zuid", visit=day)
            ids[title] = doc.id
        ids["Notitie"] = p.add_note(site="Van Dijk Metaal", visit="2026-04-01",
                                    title="Notitie", text=NOTE).id
        image = tmp_path / "pers.png"
        Image.new("RGB", (64, 48), (180, 120, 60)).save(image)
        [photo] = p.imports.files([image], site="Van Dijk Metaal")
        ids["Foto"] = photo.id
        p.edit_text(photo.id, "Henk bij de pers 👍")  # an area is listed with its caption
        p.add_code("Learning/Peer help")
        p.add_code("Learning/Trial")
        p.add_code("Other")
        s = Study(p, ids)

        def code(title: str, words: str, path: str, coder: str = "Anouk",
                 until: str | None = None) -> None:
            text = p.document(ids[title]).text
            start = text.index(words)
            end = start + len(words)
            if until is not None:  # on to the end of these words (CRLF or not)
                end = text.index(until, end) + len(until)
            p.code_text(ids[title], start, end, path, coder=coder)
            s.codings.append((ids[title], start, end, path, coder))

        code("Interview Kees", "Van Piet, die liet het me zien", "Learning/Peer help")
        code("Interview Kees", "Van Piet", "Learning/Peer help", coder="Bram")
        # across the turns of Kees and the interviewer: kept in part with speaker:
        code("Interview Kees", "Coördinatie ging via WhatsApp 😅.", "Learning/Trial",
             until="Interviewer: En")
        code("Interview Anna", "Ik keek mee", "Learning/Peer help", coder="Bram")
        code("Notitie", "Coördinatie met de planner.", "Learning/Peer help", until="De lasrobot")
        code("Notitie", "kantbank 👍", "Other")
        code("ESM Kees", "Van Piet geleerd", "Learning/Trial")
        from fieldkit.core.model import Region

        p.code_region(photo.id, Region(1, 2, 10, 8), "Learning/Peer help")
        s.codings.append((photo.id, -1, -1, "Learning/Peer help", "Anouk"))
        yield s


def spoken_by(study: Study, name: str) -> list[tuple[int, int, int]]:
    """Brute force: every turn whose speaker's folded letters start with the name's, read
    from the texts; and the whole text of a participant's document without turns."""
    p, wanted = study.project, person_word(name)
    out = []
    for doc in p.documents():
        text = p.document(doc.id).text
        turns = paragraphs(text) if doc.kind == "transcript" else []
        for s, e, speaker in turns:
            if person_word(speaker).startswith(wanted):
                out.append((doc.id, s, e))
        if not turns and doc.kind == "esm" and person_word(
                doc.participant or "").startswith(wanted):
            out.append((doc.id, 0, len(text)))
    return sorted(out)


def coded_with(study: Study, path: str, coder: str | None = None) -> list[tuple[int, int, int]]:
    """Brute force: the codings made with the code or a code below it (areas: whole text)."""
    out = []
    for doc, s, e, code, who in study.codings:
        if (code == path or code.startswith(path + "/")) and coder in (None, who):
            if s < 0:
                s, e = 0, len(study.project.document(doc).text)
            out.append((doc, s, e))
    return sorted(out)


def listed(study: Study, query: str, limit: int = 1000) -> tuple[int, list[tuple[int, int, int]]]:
    result = study.project.search(query, limit=limit)
    return result.total, [(h.document_id, h.start, h.end) for h in result.hits]


def clip(items: list[tuple[int, int, int]], allowed: list[tuple[int, int, int]]
         ) -> list[tuple[int, int, int]]:
    return sorted((d, max(s, s2), min(e, e2)) for d, s, e in items for d2, s2, e2 in allowed
                  if d == d2 and max(s, s2) < min(e, e2))


def test_the_paragraphs_are_the_turns(study: Study) -> None:
    # the brute force reads the turns from the text as the importer stored them
    p = study.project
    for title in TRANSCRIPTS:
        doc = study.ids[title]
        assert [(t.start, t.end, t.speaker) for t in p.turns(doc)] == \
            paragraphs(p.document(doc).text)


@pytest.mark.parametrize("name", ["kees", "Interviewer", "anna", "keith", "Kéés de"])
def test_speaker_alone_lists_every_turn_of_that_speaker(study: Study, name: str) -> None:
    expected = spoken_by(study, name)
    assert expected
    total, hits = listed(study, f'speaker:"{name}"')
    assert hits == expected and total == len(expected)
    # the first few are the first in text order, and the total counts them all
    total, first = listed(study, f'speaker:"{name}"', limit=2)
    assert first == expected[:2] and total == len(expected)
    assert listed(study, f'speaker:"{name}"', limit=0) == (len(expected), [])


def test_kees_means_kees_and_kees_de_vries_not_keith(study: Study) -> None:
    p = study.project
    hits = p.search("speaker:kees", limit=100).hits
    assert {h.speaker for h in hits} == {"Kees", "Kéés de Vries", "Kees Verhoeven"}
    esm = [h for h in hits if h.document_id == study.ids["ESM Kees"]]
    assert [(h.start, h.end) for h in esm] == [(0, len(p.document(study.ids["ESM Kees"]).text))]
    assert not [h for h in hits if h.document_id == study.ids["ESM Anna"]]


@pytest.mark.parametrize("path", ["Learning", "Learning/Peer help", "Peer help", "Other"])
def test_code_alone_lists_every_segment_with_the_codes_below(study: Study, path: str) -> None:
    full = path if "/" in path or path in ("Learning", "Other") else "Learning/" + path
    expected = coded_with(study, full)
    total, hits = listed(study, f'code:"{path}"')
    assert hits == expected and total == len(expected)
    total, first = listed(study, f'code:"{path}"', limit=1)
    assert first == expected[:1] and total == len(expected)


def test_coder_and_code_with_coder(study: Study) -> None:
    expected = sorted(coded_with(study, "Learning", "Bram") + coded_with(study, "Other", "Bram"))
    assert listed(study, "coder:bram") == (len(expected), expected)
    expected = coded_with(study, "Learning/Peer help", "Anouk")
    assert listed(study, 'code:"Peer help" coder:anouk') == (len(expected), expected)


def test_code_with_speaker_keeps_the_part_in_the_speakers_turns(study: Study) -> None:
    expected = clip(coded_with(study, "Learning"), spoken_by(study, "kees"))
    total, hits = listed(study, "code:Learning speaker:kees")
    assert hits == expected and total == len(expected)
    # the Trial segment ran on into the interviewer's turn: only Kees's part is kept
    text = study.project.document(study.ids["Interview Kees"]).text
    trial = [text[s:e] for d, s, e in hits if text[s:e].startswith("Coördinatie")]
    assert trial == ["Coördinatie ging via WhatsApp 😅."]
    expected = clip(coded_with(study, "Learning"), spoken_by(study, "interviewer"))
    assert [text[s:e] for _, s, e in listed(study, "code:Learning speaker:interviewer")[1]] \
        == ["Interviewer: En"]


def test_with_site_kind_dates_set_and_attr(study: Study) -> None:
    p, ids = study.project, study.ids
    kees = spoken_by(study, "kees")
    site_of = {d.id: d.site for d in p.documents()}
    assert listed(study, "speaker:kees site:bakkerij")[1] == [
        x for x in kees if "Bakkerij" in (site_of[x[0]] or "")]
    assert listed(study, "speaker:kees kind:esm")[1] == [x for x in kees
                                                       if x[0] == ids["ESM Kees"]]
    assert listed(study, "speaker:kees before:2026-03-03")[1] == [
        x for x in kees if x[0] == ids["Interview Kees"]]
    peer = coded_with(study, "Learning/Peer help")
    assert listed(study, 'code:"Peer help" after:2026-03-05')[1] == [
        x for x in peer if x[0] in (ids["Notitie"], ids["Foto"])]
    p.sets.add("Gesprekken", "documents", [ids["Interview Kees"], ids["ESM Anna"]])
    assert listed(study, "speaker:kees set:Gesprekken")[1] == [
        x for x in kees if x[0] == ids["Interview Kees"]]
    assert listed(study, "code:Learning set:Gesprekken")[1] == [
        x for x in coded_with(study, "Learning") if x[0] == ids["Interview Kees"]]
    p.attributes.set(ids["Notitie"], "afdeling", "Lasserij")
    p.attributes.set(ids["Interview Anna"], "afdeling", "Lasserij")
    assert listed(study, 'code:"Peer help" attr:afdeling=Lasserij')[1] == [
        x for x in peer if x[0] in (ids["Notitie"], ids["Interview Anna"])]
    assert listed(study, "speaker:anna attr:afdeling=Lasserij")[1] == [
        x for x in spoken_by(study, "anna") if x[0] == ids["Interview Anna"]]
    kees_learning = clip(coded_with(study, "Learning"), kees)
    assert kees_learning and listed(study, "code:Learning speaker:kees site:dijk")[1] == [
        x for x in kees_learning if "Dijk" in (site_of[x[0]] or "")]
    assert listed(study, "code:Learning speaker:kees kind:esm")[1] == [
        x for x in kees_learning if x[0] == ids["ESM Kees"]] != []
    bram = clip(coded_with(study, "Learning", "Bram"), kees)
    assert listed(study, "code:Learning speaker:kees coder:bram") == (len(bram), bram) != (0, [])
    assert listed(study, "speaker:kees site:nergens") == (0, [])
    assert listed(study, "speaker:niemand") == (0, [])


def test_coding_query_alone_lists_its_regions(study: Study) -> None:
    text = study.project.document(study.ids["Interview Kees"]).text
    total, hits = listed(study, 'code:"Peer help AND Trial"')
    assert total == 0  # they do not overlap
    total, hits = listed(study, 'code:"Peer help OR Other"')
    # a coding query takes codes exactly and joins overlapping segments into regions
    assert total == len(hits) >= 3
    assert any(text[s:e] == "Van Piet, die liet het me zien" for _d, s, e in hits)


def test_words_with_speaker_and_code_are_unchanged(study: Study) -> None:
    # with a word, the document is one hit at the word's first place in the filter's turns
    p, ids = study.project, study.ids
    result = p.search("piet speaker:kees")
    assert result.total == 2
    text = p.document(ids["Interview Kees"]).text
    hit = next(h for h in result.hits if h.document_id == ids["Interview Kees"])
    assert text[hit.start:hit.end] == "Piet"
    result = p.search('coördinatie code:"Peer help"')
    assert [(h.document_id, h.match) for h in result.hits] == [(ids["Notitie"], "Coördinatie")]
    assert p.search("speaker:kees -piet").total == 0  # only words to leave out: nothing


def test_a_listed_turn_is_shown_shortened_and_selects_the_whole_turn(study: Study) -> None:
    p = study.project
    text = p.document(study.ids["Interview Kees"]).text
    [long_turn] = [h for h in p.search("speaker:kees", limit=50).hits
                   if h.end - h.start > 300]
    assert text[long_turn.start:long_turn.end].startswith("Kees: Zelf geprobeerd")
    assert text[long_turn.start:long_turn.end].endswith("tot het werkte.")
    assert long_turn.match.startswith("Kees: Zelf geprobeerd") and " … " in long_turn.match
    assert long_turn.match.endswith("tot het werkte.") and len(long_turn.match) < 120
    assert "\r" not in long_turn.snippet and "«Kees: Zelf" in long_turn.snippet
    short = p.search('speaker:"kéés de"').hits[0]
    assert short.match == "Kéés de Vries: Ik kwam er later bij."
    assert short.speaker == "Kéés de Vries" and short.score == 0.0


def test_code_all_hits_codes_exactly_the_turns_in_one_step(study: Study) -> None:
    p = study.project
    p.add_code("Kees")
    before = len(p.codings())
    expected = spoken_by(study, "kees")
    made = p.index.code_hits("speaker:kees", "Kees")
    assert made == len(expected)
    assert sorted((c.document_id, c.start, c.end) for c in p.codings(code="Kees")) == expected
    p.undo()
    assert p.codings(code="Kees") == [] and len(p.codings()) == before
    # per turn scope: the same turns; the same spans as auto-coding by speaker
    plan = p.autocode.speaker("kees", "Kees")
    assert sorted((r.document_id, s, e) for r in plan.rows for s, e in r.spans) == [
        x for x in expected if x[0] != study.ids["ESM Kees"]]


def test_code_all_hits_of_a_code_copies_its_text_segments(study: Study) -> None:
    p = study.project
    p.add_code("Copy")
    expected = sorted({x for x in coded_with(study, "Learning/Peer help")
                       if x[0] != study.ids["Foto"]})  # an area is not text
    assert p.index.code_hits('code:"Peer help"', "Copy") == len(expected)
    assert sorted((c.document_id, c.start, c.end) for c in p.codings(code="Copy")) == expected
    p.undo()
    assert p.codings(code="Copy") == []


def test_cli_search_json_lists_the_turns(study: Study) -> None:
    path = study.project.path
    expected = spoken_by(study, "kees")
    run = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(path), "search",
                          "speaker:kees", "--json", "--limit", "3"],
                         capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    assert found["total"] == len(expected)
    assert [(h["document_id"], h["start"], h["end"]) for h in found["hits"]] == expected[:3]
    run = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(path), "search",
                          'code:"Peer help"'], capture_output=True, text=True, check=True)
    assert run.stdout.startswith(f"{len(coded_with(study, 'Learning/Peer help'))} hit(s)")


def spoken_pieces(study: Study, name: str, path: str, coder: str | None = None,
                  participants: bool = False) -> list[tuple[int, int, int]]:
    """Brute force: the parts of the code's segments in the speaker's turns (a participant's
    text without turns whole; with ``participants`` every text of the participant whole)."""
    p, wanted = study.project, person_word(name)
    whole = {d.id for d in p.documents()
             if person_word(d.participant or "").startswith(wanted)
             and (participants or not paragraphs(p.document(d.id).text))}
    segments = coded_with(study, path, coder)
    turns = [x for x in spoken_by(study, name) if x[0] not in whole]
    return sorted([x for x in segments if x[0] in whole] + clip(
        [x for x in segments if x[0] not in whole], turns))


@pytest.mark.parametrize(("name", "code"), [("kees", "Learning"), ("interviewer", "Learning"),
                                            ("anna", "Learning"), ("kees", "Other")])
@pytest.mark.parametrize("coder", [None, "Bram"])
def test_code_beside_a_speaker_is_read_segments_first(study: Study, name: str, code: str,
                                                      coder: str | None) -> None:
    # the segments, each joined with the turns next to it; a longer turn added later is
    # still reached (the longest turn is read again after a change)
    query = f"code:{code} speaker:{name}" + (f" coder:{coder}" if coder else "")
    expected = spoken_pieces(study, name, code, coder)
    assert listed(study, query) == (len(expected), expected)
    p = study.project
    text = ("Interviewer: Vertel eens?\r\n\r\nKees: " + " ".join(["héél lang 😅 verhaal"] * 80)
            + "\r\n\r\nInterviewer: Dank je.").replace("\r\n", "\n")
    doc = p.imports.document(ImportedDocument(kind="transcript", title="Lang", text=text,
                                              turns=_turns(text)), site="Bakkerij Zuid").id
    start = text.index("Kees: ") + 1000  # far from its turn's start: a longer reach
    path = f"{code}/Peer help" if code == "Learning" else code
    p.code_text(doc, start, start + 20, path, coder=coder or "Anouk")
    study.codings.append((doc, start, start + 20, path, coder or "Anouk"))
    expected = spoken_pieces(study, name, code, coder)
    assert listed(study, query) == (len(expected), expected)


def words_in(study: Study, word: str, pieces: list[tuple[int, int, int]]
             ) -> list[tuple[int, int]]:
    """Brute force: (document, first place) of the word (same stem) wholly inside a piece."""
    from fieldkit.index.words import WORD, analyser

    an = analyser("nl")
    stem = an.word(word)[1]
    first: dict[int, int] = {}
    for doc, s, e in pieces:
        text = study.project.document(doc).text
        for m in WORD.finditer(text):
            if s <= m.start() and m.end() <= e and an.word(m.group())[1] == stem:
                first[doc] = min(first.get(doc, m.start()), m.start())
    return sorted(first.items())


@pytest.mark.parametrize("few", [0, 10_000])  # segments first, or the words' rows first
@pytest.mark.parametrize(("word", "name", "code", "coder"), [
    ("piet", "kees", "Learning", None), ("coördinatie", "kees", "Learning", None),
    ("en", "interviewer", "Learning", None), ("keek", "anna", "Learning", "Bram"),
    ("piet", "kees", "Learning", "Bram"), ("geleerd", "kees", "Learning", None),
    ("kantbank", "kees", "Other", None)])
def test_words_with_speaker_and_code_either_way(study: Study, monkeypatch: pytest.MonkeyPatch,
                                                few: int, word: str, name: str, code: str,
                                                coder: str | None) -> None:
    from fieldkit.index import fts

    monkeypatch.setattr(fts, "FEW_ROWS", few)
    query = f"{word} code:{code} speaker:{name}" + (f" coder:{coder}" if coder else "")
    expected = words_in(study, word, spoken_pieces(study, name, code, coder,
                                                   participants=True))
    result = study.project.search(query, limit=100)
    assert sorted((h.document_id, h.start) for h in result.hits) == expected
    assert result.total == len(expected)
    assert all(h.match.casefold().startswith(word[:3]) for h in result.hits)


@pytest.mark.parametrize("few", [0, 10_000])
def test_words_count_in_a_participants_whole_transcript_either_way(
        study: Study, monkeypatch: pytest.MonkeyPatch, few: int) -> None:
    # a search for words counts every text of the participant (its row carries their word),
    # turns or not: the interviewer's question in Anna's interview counts for speaker:anna
    from fieldkit.index import fts

    monkeypatch.setattr(fts, "FEW_ROWS", few)
    p, doc = study.project, study.ids["Interview Anna"]
    text = p.document(doc).text
    start = text.index("Wat deed je")
    p.code_text(doc, start, start + len("Wat deed je"), "Learning/Trial", coder="Bram")
    study.codings.append((doc, start, start + len("Wat deed je"), "Learning/Trial", "Bram"))
    result = p.search("deed speaker:anna code:Learning coder:bram")
    assert [(h.document_id, h.start) for h in result.hits] == [(doc, text.index("deed"))]
    assert words_in(study, "deed", spoken_pieces(study, "anna", "Learning", "Bram",
                                                 participants=True)) == [(doc, start + 4)]
    # listed (no words), a document with turns counts by its turns: not Anna's
    assert listed(study, "speaker:anna code:Learning coder:bram")[1] == clip(
        coded_with(study, "Learning", "Bram"), spoken_by(study, "anna"))
