"""A hand-made study whose co-occurrences can be counted on paper.

The fieldnote's words are two letters each, so word k starts at 3k:

    aa bb cc dd ee ff gg hh ii jj          (line 1: 0–29)
    kk ll mm nn oo pp                       (line 2: 30–47)

Codings (Anouk unless said): A [0,8) "aa bb cc"; B [6,14) overlaps A; C [8,14) touches A;
D [1,5) nested in A; B [0,2) by Bram; E [42,47) "oo pp" with 11 words (dd … nn) between it and A.
A transcript adds A in the first turn and B in the second.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.model import ImportedDocument, Turn

NOTE = "aa bb cc dd ee ff gg hh ii jj\nkk ll mm nn oo pp"
TALK = "Interviewer: hoe leer je dat\nWerker: gewoon kijken en proberen"


@dataclass
class Hand:
    project: Project
    note: int
    talk: int


@pytest.fixture
def hand(tmp_path: Path) -> Iterator[Hand]:
    with Project.create(tmp_path / "Hand.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        note = p.add_note(site="Oost", visit="2026-03-02", title="Notitie", text=NOTE).id
        cut = TALK.index("\n") + 1
        talk = p.imports.document(ImportedDocument(
            "transcript", "Gesprek", TALK,
            turns=[Turn(0, cut, "Interviewer"), Turn(cut, len(TALK), "Werker")]),
            site="West", visit="2026-04-10").id
        for name in "ABCDE":
            p.add_code(name)
        p.code_text(note, 0, 8, "A")
        p.code_text(note, 6, 14, "B")
        p.code_text(note, 8, 14, "C")
        p.code_text(note, 1, 5, "D")
        p.code_text(note, 0, 2, "B", coder="Bram")
        p.code_text(note, 42, 47, "E")
        p.code_text(talk, 13, 21, "A")
        p.code_text(talk, cut + 8, cut + 14, "B")
        yield Hand(p, note, talk)
