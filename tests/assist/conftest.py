"""Small coded projects for assisted-coding tests: three code families with shared words.

Each family mixes Dutch and English sentences that share vocabulary (as real codes do), and the
documents mix them with filler sentences nobody codes. "Anouk" codes every family sentence.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldkit.project import Project

FAMILIES = {
    "Learning/Peer help": [
        "{a} laat {b} zien hoe je de {m} instelt.",
        "{a} helpt een nieuwe collega met het instellen van de {m}.",
        "{a} shows {b} how to set up the {m}.",
        "A colleague helps {a} to set up the {m} for the first time.",
        "{b} vraagt {a} om hulp bij de {m} en {a} doet het even voor.",
    ],
    "Triggers/Breakdown": [
        "De {m} valt stil en {a} zoekt de storing.",
        "Storing aan de {m}; {a} opent de kap en zoekt de oorzaak.",
        "The {m} breaks down and {a} looks for the fault.",
        "Weer een storing op de {m}, {b} belt de technische dienst.",
        "After the breakdown of the {m}, {a} finds the fault in the sensor.",
    ],
    "Barriers/Time pressure": [
        "De planner wil de order van {a} vandaag nog klaar hebben.",
        "Er is geen tijd voor uitleg, de order moet eruit, zegt {a}.",
        "No time to explain: the order for the {m} has to ship today.",
        "{b} zegt dat de planning te krap is voor de order.",
        "The planner pushes {a} to finish the order before the deadline.",
    ],
}
FILLER = [
    "Koffie uit de automaat in de kantine.",
    "Het is koud in de hal, de roldeur staat open.",
    "The radio is on in the canteen.",
    "De heftruck rijdt langs met een pallet dozen.",
    "Whiteboard met de productieaantallen van gisteren.",
    "It is raining outside and the car park is full.",
    "Iemand maakt een grapje over de onderzoeker.",
    "Lunch at twelve, everybody at the long table.",
    "Veel lawaai in de hal, gesprekken met gebaren.",
]
NAMES = ["Kees", "Joke", "Ahmed", "Sanne", "Pieter", "Dariusz", "Lotte", "Bram"]
MACHINES = ["kantbank", "lasrobot", "snijmachine", "palletiseerrobot", "zaagmachine",
            "CNC-machine", "sealbalk"]


def family_sentence(rng: random.Random, code: str) -> str:
    a, b = rng.sample(NAMES, 2)
    return rng.choice(FAMILIES[code]).format(a=a, b=b, m=rng.choice(MACHINES))


def write_document(rng: random.Random, sentences: int = 10
                   ) -> tuple[str, list[tuple[int, int, str]]]:
    """A fieldnote text and the (start, end, code) of its family sentences."""
    text, spans = "", []
    for i in range(sentences):
        if i and i % 4 == 0:
            text += "\n"
        elif text:
            text += " "
        if rng.random() < 0.5:
            code = rng.choice(sorted(FAMILIES))
            sentence = family_sentence(rng, code)
            spans.append((len(text), len(text) + len(sentence), code))
        else:
            sentence = rng.choice(FILLER)
        text += sentence
    return text, spans


def make_project(path: Path, documents: int = 14, seed: int = 3) -> Project:
    rng = random.Random(seed)
    project = Project.create(path, language="nl")
    project.set_coder("Anouk")
    for code in FAMILIES:
        project.add_code(code)
    for n in range(documents):
        text, spans = write_document(rng)
        doc = project.add_note(site="Hendriks Machinebouw", title=f"Veldnotitie {n + 1}",
                               text=text)
        for start, end, code in spans:
            project.code_text(doc.id, start, end, code)
    return project


@pytest.fixture
def coded(tmp_path: Path) -> Iterator[Project]:
    project = make_project(tmp_path / "Coded.fieldkit")
    yield project
    project.close()


@pytest.fixture
def trained(coded: Project) -> Project:
    coded.assist.train()
    return coded
