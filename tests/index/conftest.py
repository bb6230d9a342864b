"""A small study to search: two sites, a fieldnote, a transcript with turns, a photo caption."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.model import ImportedDocument, Turn

TRANSCRIPT = (
    "Interviewer: Hoe heb je de nieuwe kantbank leren gebruiken?\n\n"
    "Sanne: Een collega liet het me zien, daarna oefende ik met de operators.\n\n"
    "Interviewer: En de training?\n\n"
    "Sanne: De training was kort; ik leerde meer van Piet."
)


def turns_of(text: str) -> list[Turn]:
    out, pos = [], 0
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        out.append(Turn(start, start + len(para), para.split(":")[0]))
        pos = start + len(para)
    return out


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "Zoek.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_note(site="Van Dijk Metaal", visit="2026-03-02", title="Eerste bezoek",
                   text="Jan laat Piet zien hoe de kantbank werkt.\n"
                        "Coördinatie met de planner 👍 loopt via WhatsApp.\n"
                        "De lasrobotten draaien in de nachtploeg.")
        p.imports.document(ImportedDocument(kind="transcript", title="Interview Sanne",
                                        text=TRANSCRIPT, turns=turns_of(TRANSCRIPT)),
                       site="Bakkerij Zuid", visit="2026-04-10")
        p.add_note(site="Bakkerij Zuid", visit="2026-04-11", title="Tweede bezoek",
                   text="De machines in de bakkerij zijn oud. Een operator helpt een collega.")
        yield p


@pytest.fixture
def ids(study: Project) -> dict[str, int]:
    """Document ids by title."""
    return {d.title: d.id for d in study.documents()}
