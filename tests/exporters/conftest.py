"""A small but complete project for the export tests, built through the facade."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.core.model import ImportedDocument, ImportedMedia, Region, Turn
from fieldkit.project import Project

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "refi-qda"

FIELDNOTE = ("Bij de kantbank liet Ahmed Yilmaz zien hoe je de matrijs wisselt. 🙂 Daarna "
             "probeerde ik het zelf.\nJan Smit keek mee en gaf tips over de aanslag.")
TRANSCRIPT = ("Interviewer: Hoe heb je dit geleerd?\n"
              "Ahmed: Gewoon door mee te kijken bij Jan, die deed het al jaren.\n"
              "Interviewer: En de nieuwe machine?\n"
              "Ahmed: Die hebben we samen uitgezocht met de handleiding.")


def photo_bytes(orientation: int = 1) -> bytes:
    """A 60×40 JPEG: left half red, right half blue; EXIF orientation as given."""
    image = Image.new("RGB", (60, 40), (255, 0, 0))
    image.paste((0, 0, 255), (30, 0, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def build_project(path: Path) -> Project:
    project = Project.create(path, name="Leren op de werkvloer")
    project.set_coder("Anna", remember=False)
    learning = project.add_code("Learning", colour="#3cb44b",
                                definition="How workers learn on the job.")
    peer = project.add_code("Learning/Peer help", colour="#ffe119",
                            definition="A colleague shows or explains.",
                            inclusion="Demonstrations by co-workers.",
                            exclusion="Formal training.", example="Jan keek mee.",
                            memo="Often mentioned in Metaal Oost.")
    tech = project.add_code("Technology adoption", colour="#000075")
    project.add_code("Autonomy", colour="#e6194b")
    note = project.add_note(site="Metaal Oost", visit="2024-03-05", title="Kantbank ochtend",
                            text=FIELDNOTE)
    transcript = project.imports.document(ImportedDocument(
        kind="transcript", title="Interview Ahmed", text=TRANSCRIPT, participant="P01",
        turns=[Turn(0, 36, "Interviewer", 0.0, 4.0), Turn(37, 101, "Ahmed", 4.0, 12.5),
               Turn(102, 136, "Interviewer", 12.5, 15.0), Turn(137, 194, "Ahmed", 15.0, 22.0)]),
        site="Metaal Oost", visit="2024-03-05")
    participant = project._store.participant_by_pseudonym("P01")
    assert participant is not None
    with project._store.change("Name"):
        project._store.update("participants", participant.id,
                             {"name": "Ahmed Yilmaz", "role": "operator",
                              "attributes": '{"department": "Zetterij", "shift": "early"}'})
    picture = project.imports.document(ImportedDocument(
        kind="photo", title="Matrijzenrek", text="Het rek met matrijzen naast de kantbank",
        media=ImportedMedia(photo_bytes(), "rek.jpg", "image/jpeg", 60, 40)),
        site="Metaal Oost", visit="2024-03-05")
    esm = project.imports.document(ImportedDocument(
        kind="esm", title="ESM P01 2024-03-06",
        text="2024-03-06 10:15\nWat gebeurde er net?: Jan liet me de nieuwe klem zien.",
        participant="P01",
        attributes={"esm_format": "long", "participant": "P01", "date": "2024-03-06",
                    "questions": {"mood": "Hoe voel je je?", "help": "Wie hielp?"},
                    "beeps": [{"beep": "1", "time": "2024-03-06T10:15:00",
                               "utc": "2024-03-06T09:15:00Z",
                               "answers": {"mood": 4, "help": ["Jan", "Piet"]},
                               "text": {"free": [17, 71]}}]}))
    memo = project.add_note(site="Metaal Oost", title="Analytic memo", kind="memo",
                            text="Peer help seems to precede technology adoption.")

    def span(text: str, words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    project.code_text(note.id, *span(FIELDNOTE, "de kantbank"), peer.id,
                      memo="Demonstration at the press brake.")
    project.code_text(note.id, 0, 64, learning.id)
    project.code_text(note.id, 66, 67, tech.id)  # the emoji
    project.code_text(transcript.id, *span(TRANSCRIPT, "Gewoon door mee te kijken bij Jan"),
                      peer.id)
    project.code_text(transcript.id, *span(TRANSCRIPT, "Die hebben we samen uitgezocht"),
                      tech.id, coder="Bram")
    esm_text = "2024-03-06 10:15\nWat gebeurde er net?: Jan liet me de nieuwe klem zien."
    project.code_text(esm.id, *span(esm_text, "Jan liet me de nieuwe klem zien."), peer.id,
                      coder="Bram")
    project.code_text(memo.id, 0, 9, peer.id)
    project.code_region(picture.id, Region(0, 0, 30, 40), tech.id, memo="Red half")
    case = project._store.add_case("Zetterij", "The press brake department",
                                  {"size": 12, "sector": "metal"})
    project._store.add_to_case(case, document_id=note.id)
    project._store.add_to_case(case, document_id=transcript.id)
    project.memos.set_document_memo(note.id, "Written on the train back.")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = build_project(tmp_path / "study.fieldkit")
    yield p
    p.close()


def require_fixtures() -> Path:
    """The REFI-QDA fixtures; a missing ``../shared/fixtures`` fails the test (CI must not skip)."""
    if not FIXTURES.is_dir():
        pytest.fail(f"REFI-QDA fixtures not present at {FIXTURES}: put shared/fixtures beside "
                    "the repository", pytrace=False)
    return FIXTURES
