"""A small study copied for two coders, the way a team works: one project, two folders."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldkit.core.model import ImportedDocument, ImportedMedia, Turn
from fieldkit.project import Project

NOTE = ("Op de afdeling zaagt Ahmed de profielen. Hij vraagt Ilse hoe de nieuwe CNC-machine "
        "werkt; zij laat het hem voordoen en corrigeert hem twee keer. Daarna probeert hij "
        "het zelf, met fouten, tot het lukt.")
TRANSCRIPT = "Interviewer: Hoe leer je dat?\nWorker: Gewoon kijken bij collega's en proberen.\n"


@dataclass
class Study:
    base: Path
    note: str  # document UUIDs
    transcript: str
    photo: str

    def copy(self, name: str) -> Path:
        target = self.base.parent / f"{name}.fieldkit"
        shutil.copytree(self.base, target)
        return target


def make_study(folder: Path) -> Study:
    with Project.create(folder / "study.fieldkit", name="Lerend werken") as project:
        project.set_coder("lead")
        note = project.add_note(site="Metaal BV", visit="2024-03-05", title="Zagerij",
                                text=NOTE)
        transcript = project.imports.document(
            ImportedDocument("transcript", "Interview Ahmed", TRANSCRIPT,
                             turns=[Turn(0, 30, "Interviewer"), Turn(30, len(TRANSCRIPT) - 1,
                                                                     "Worker")],
                             participant="Ahmed"),
            site="Metaal BV", visit="2024-03-05")
        photo = project.imports.document(
            ImportedDocument("photo", "Zaagmachine", "De zaag met de instructiekaart",
                             media=ImportedMedia(b"fake jpeg bytes", "zaag.jpg", "image/jpeg",
                                                 width=100, height=80)),
            site="Metaal BV")
        project.add_code("Learning/Peer help", definition="A colleague shows how.")
        project.add_code("Learning/Trial and error")
        project.add_code("Autonomy")
        case = project._store.add_case("Ahmed")
        project._store.add_to_case(case, document_id=transcript.id)
        return Study(folder / "study.fieldkit", note.uuid, transcript.uuid, photo.uuid)


@pytest.fixture
def study(tmp_path: Path) -> Study:
    return make_study(tmp_path)


def counts(path: Path) -> dict[str, int]:
    with Project.open(path, readonly=True) as project:
        return {
            "documents": len(project.documents()), "codes": len(project._store.codes()),
            "codings": len(project.codings()), "coders": len(project.coders()),
            "sites": len(project.sites()), "visits": len(project.visits()),
            "participants": len(project.participants()), "cases": len(project._store.cases()),
            "media": len(project._store.all_media()),
        }
