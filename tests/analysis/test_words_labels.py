"""Word frequencies (issue 29): speaker labels are not words, and ``--case``/``--where`` choose
the material. Counted against a brute force that reads the labels off the texts (a line that
opens with a speaker's name and a colon) and counts character by character, with emoji, accents
and a transcript imported with CRLF line ends."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import Stemmer

from fieldkit import Project
from fieldkit.analysis.words import label_length
from fieldkit.cli import main
from fieldkit.index.words import WORD, fold

SPEAKERS = ("Interviewer", "Kees", "Sanne de Vries")
KEES = ("Interviewer: Hoe leerde je de kantbank kennen? 👍\r\n"
        "Kees: Van Piet. Kees zegt altijd: coördinatie is lastig 😅\r\n"
        "Interviewer: En de planner?\r\n"
        "Kees: De planner helpt, de kantbank werkt.\r\n")
SANNE = ("Interviewer: Wat doe je hier?\n\n"
         "Sanne de Vries: Ik las. Sanne leert van Kees, de Vries ook.\n\n"
         "Interviewer: Mooi.\n\n"
         "Sanne de Vries: Lassen, lassen en nog eens lassen.")


@dataclass
class Study:
    project: Project
    ids: dict[str, int]


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    with Project.create(tmp_path / "Labels.fieldkit", language="nl") as p:
        source = tmp_path / "Gesprek Kees.txt"
        source.write_bytes(KEES.encode("utf-8"))  # CRLF, as Windows writes it
        [kees] = p.imports.files([source], site="Oost", visit="2026-03-02", kind="transcript")
        source = tmp_path / "Gesprek Sanne.txt"
        source.write_text(SANNE, encoding="utf-8")
        [sanne] = p.imports.files([source], site="West", visit="2026-03-03", kind="transcript")
        note = p.add_note(site="Oost", title="Notitie",
                          text="De interviewer vroeg Kees naar de kantbank. Coördinatie! 👍")
        yield Study(p, {"kees": kees.id, "sanne": sanne.id, "note": note.id})


def labels_in(text: str) -> set[int]:
    """The characters of the speaker labels: a line that opens with a speaker's name and a
    colon (and the blanks after it)."""
    out: set[int] = set()
    for m in re.finditer(r"(?m)^(" + "|".join(SPEAKERS) + r"):[ \t]*", text):
        out.update(range(m.start(), m.end()))
    return out


def brute(study: Study, cover: dict[int, set[int]] | None = None,
          docs: set[int] | None = None) -> dict[str, tuple[int, int]]:
    """stem → (count, documents) of the words wholly inside ``cover`` (all text when None)
    and outside the labels; stop words, short words and numbers left out."""
    p = study.project
    stop = p.analysis.words.stop_set()
    stemmer = Stemmer.Stemmer("dutch")
    counts: Counter[str] = Counter()
    holding: dict[str, set[int]] = {}
    for d in p.documents():
        if docs is not None and d.id not in docs:
            continue
        text = p.document(d.id).text
        label = labels_in(text)
        for m in WORD.finditer(text):
            chars = range(*m.span())
            if any(k in label for k in chars):
                continue
            if cover is not None and not all(k in cover.get(d.id, ()) for k in chars):
                continue
            w = fold(m.group())
            if len(w) >= 3 and w not in stop and not w.isdigit():
                s = stemmer.stemWord(w)
                counts[s] += 1
                holding.setdefault(s, set()).add(d.id)
    return {s: (n, len(holding[s])) for s, n in counts.items()}


def found(rows: Any) -> dict[str, tuple[int, int]]:
    return {r.stem: (r.count, r.documents) for r in rows.rows}


def turns_of(study: Study, speaker: str) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for doc in study.ids.values():
        for t in study.project.turns(doc):
            if t.speaker == speaker:
                out.setdefault(doc, set()).update(range(t.start, t.end))
    return out


def test_label_length() -> None:
    assert label_length("Kees: Van Piet", "Kees") == len("Kees: ")
    assert label_length("kees :Van", "Kees") == len("kees :")
    assert label_length("[Sanne  de Vries] ja", "Sanne de Vries") == len("[Sanne  de Vries] ")
    assert label_length("Kees zegt: ja", "Kees") == 0  # a name in what is said
    assert label_length("Keesje: ja", "Kees") == 0
    assert label_length("Kees: ", "") == 0


def test_labels_are_not_counted(study: Study) -> None:
    words = study.project.analysis.words
    expected = brute(study)
    assert found(words.frequencies(top=None)) == expected
    # the short list: counted by the index, less the labels; documents of a word said only
    # in labels somewhere are counted where it is said
    short = words.frequencies(top=20)
    assert found(short) == {r.stem: expected[r.stem] for r in short.rows}
    assert [r.count for r in short.rows] == sorted((n for n, _ in expected.values()),
                                                   reverse=True)[:20]
    assert expected["interviewer"] == (1, 1)  # the note's "interviewer", not the labels
    assert expected["kees"] == (3, 3)  # said by Kees and by Sanne, written in the note
    assert expected["sanne"] == (1, 1)
    assert "vries" in expected  # "de Vries ook" is said


def test_labels_left_out_of_parts_groups_and_the_cloud(study: Study, tmp_path: Path) -> None:
    p = study.project
    words = p.analysis.words
    kees = turns_of(study, "Kees")
    assert found(words.frequencies(top=None, speaker="Kees")) == brute(study, kees)
    oost = {study.ids["kees"], study.ids["note"]}
    assert found(words.frequencies(top=None, site="Oost")) == brute(study, docs=oost)
    compared = words.compare("rest", top=None, speaker="Kees")
    assert "interviewer" not in {r.stem for r in compared.rows if r.count_a}
    svg = words.cloud(top=100).svg()
    drawn = re.findall(r'font-size="\d+">([^<]+)</text>', svg)
    assert "kantbank" in drawn and "interviewer" in drawn  # once, from the note
    assert drawn.count("interviewer") == 1
    from fieldkit.exporters.pseudonyms import masker_for

    masked = words.frequencies(top=None, mask=masker_for(p, pseudonymise=False))
    assert found(masked) == brute(study)


def test_case_and_condition(study: Study) -> None:
    p, ids = study.project, study.ids
    words = p.analysis.words
    p.cases.add("Kees", speaker="Kees")  # Kees's turns
    p.cases.add("Notities", documents=[ids["note"]])
    kees = turns_of(study, "Kees")
    assert found(words.frequencies(top=None, case="kees")) == brute(study, kees)
    assert found(words.frequencies(top=None, case="Notities")) == \
        brute(study, docs={ids["note"]})
    p.attributes.set(ids["sanne"], "afdeling", "Lasserij")
    p.attributes.set("Kees", "afdeling", "Lasserij")
    lasserij = {ids["sanne"]: set(range(len(p.document(ids["sanne"]).text)))} | kees
    assert found(words.frequencies(top=None, where="afdeling = Lasserij")) == \
        brute(study, lasserij)
    both = found(words.frequencies(top=None, where="afdeling = Lasserij", case="Kees"))
    assert both == brute(study, kees)
    keyed = words.compare("case:Notities", top=None, case="Kees")
    assert keyed.label_a == "case Kees" and keyed.label_b == "case Notities"
    with pytest.raises(Exception, match="no case 'Niemand'"):
        words.frequencies(case="Niemand")


def test_cli_case_and_where(study: Study, capsys: pytest.CaptureFixture[str]) -> None:
    p = study.project
    p.cases.add("Kees", speaker="Kees")
    expected = found(p.analysis.words.frequencies(top=50, case="Kees"))
    path = str(p.path)
    assert main(["-p", path, "words", "--case", "Kees", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert {r["stem"]: (r["count"], r["documents"]) for r in rows} == expected
    assert main(["-p", path, "words", "--where", "afdeling ==== x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["-p", path, "words", "--case", "Niemand"]) == 2
    assert "no case 'Niemand'" in capsys.readouterr().err


def test_document_set_and_the_cli(study: Study, capsys: pytest.CaptureFixture[str]) -> None:
    p, ids = study.project, study.ids
    p.sets.add("Gesprekken", "documents", [ids["kees"], ids["sanne"]])
    expected = brute(study, docs={ids["kees"], ids["sanne"]})
    assert found(p.analysis.words.frequencies(top=None, document_set="Gesprekken")) == expected
    assert main(["-p", str(p.path), "words", "--set", "Gesprekken", "--top", "500",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert {r["stem"]: (r["count"], r["documents"]) for r in rows} == expected


def test_the_word_report_draws_the_projects_cloud(study: Study, tmp_path: Path) -> None:
    import docx

    from fieldkit.exporters.pseudonyms import masker_for

    p = study.project
    out = p.exports.docx(tmp_path / "r.docx", charts=["words"])
    document = docx.Document(str(out))
    [shape] = document.inline_shapes
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
    drawn = p.analysis.words.cloud(mask=masker_for(p, pseudonymise=False))
    assert blob.blob == drawn.png()  # the cloud of the words said (labels left out)
    svg = drawn.svg()
    assert re.findall(r'font-size="\d+">([^<]+)</text>', svg).count("interviewer") == 1


def test_labels_are_read_again_after_a_change(study: Study, tmp_path: Path) -> None:
    p = study.project
    words = p.analysis.words
    before = words.frequencies(top=20)  # the labels are read, and kept
    assert found(before) == {r.stem: brute(study)[r.stem] for r in before.rows}
    source = tmp_path / "Gesprek Piet.txt"
    source.write_text("Interviewer: Wie ben je?\nPiet: Piet, van de kantbank.\n"
                      "Interviewer: Dank je.\nPiet: Graag.\n", encoding="utf-8")
    p.imports.files([source], site="Oost", kind="transcript")
    global SPEAKERS
    kept, SPEAKERS = SPEAKERS, (*SPEAKERS, "Piet")
    try:
        expected = brute(study)
        assert found(words.frequencies(top=None)) == expected
        short = words.frequencies(top=20)
        assert found(short) == {r.stem: expected[r.stem] for r in short.rows}
        assert expected["piet"] == (2, 2)  # said by Kees and by Piet, not Piet's labels
    finally:
        SPEAKERS = kept
