"""Building the generated demo study into a real project (``fieldkit demo``).

The study itself is plain data from ``fieldkit.demo``; this module stores it through the facade
and the store, in one transaction without undo data (a demo build is not a user's edit).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.progress import Progress
from fieldkit.core.text import CONTEXT_CHARS, context
from fieldkit.project import Project

if TYPE_CHECKING:
    from fieldkit.demo.study import DemoStudy
    from fieldkit.storage.store import Store


def build_demo(path: str | Path, size: str = "small", progress: Progress | None = None,
               seed: int = 7) -> Project:
    """Create a project at ``path`` holding the demo study; returns it open for writing."""
    from fieldkit.demo import generate

    progress = progress or Progress.silent()
    progress.start(4, "Writing the study")
    study = generate(size, seed=seed)
    progress.step("Generated the study")
    return Project.build(path, name=study.name, language=study.language,
                         fill=lambda project, store: store_study(project, store, study,
                                                                 progress))


@dataclass
class _Ids:
    """Row ids of what is already stored, by the names the study's records use."""

    sites: dict[str, int]
    visits: dict[tuple[str, str], int]
    people: dict[str, int]
    coders: dict[str, int]
    codes: dict[str, int] = field(default_factory=dict)  # code path → id


def store_study(project: Project, store: Store, study: DemoStudy, progress: Progress) -> None:
    """Write ``study`` into the new ``project`` through its ``store``, in one transaction
    without undo data (a demo build is not a user's edit)."""
    steps = len(study.documents) + len(study.codings) // 500 + 2
    progress.start(steps, "Storing documents")
    with store.change("Build demo study", log=False):
        ids = _store_people_and_places(store, study)
        ids.codes = _store_codebook(project, study)
        progress.step("Codebook")
        doc_ids = _store_documents(project, store, study, ids, progress)
        _store_codings(store, study, ids, doc_ids, progress)
    project.set_coder(study.coders[0])
    progress.step("Done")


def _store_people_and_places(store: Store, study: DemoStudy) -> _Ids:
    """Sites, visits, participants and coders, in that order."""
    sites = {s.name: store.add_site(s.name, s.description) for s in study.sites}
    visits = {
        (v.site, v.date): store.add_visit(sites[v.site], v.date, v.observers)
        for v in study.visits
    }
    people = {
        p.pseudonym: store.add_participant(
            p.pseudonym, name=p.name, role=p.role, site_id=sites.get(p.site),
            attributes=p.attributes)
        for p in study.participants
    }
    coders = {name: store.coder_id(name) for name in study.coders}
    return _Ids(sites, visits, people, coders)


def _store_codebook(project: Project, study: DemoStudy) -> dict[str, int]:
    """The study's codes through the facade; returns each code's id by its path."""
    for code in study.codes:
        project.add_code(code.path, colour=code.colour, definition=code.definition,
                         inclusion=code.inclusion, exclusion=code.exclusion,
                         example=code.example)
    book = project.codebook()
    return {book.path(cid): cid for cid in book.codes}


def _store_documents(project: Project, store: Store, study: DemoStudy, ids: _Ids,
                     progress: Progress) -> list[int]:
    """Every document (a photo's file stored once however often it occurs); returns their ids
    in the study's order."""
    media_ids: dict[str, int] = {}  # sha256 of the photo as generated → media row
    doc_ids: list[int] = []
    for doc in study.documents:
        values: dict[str, Any] = {
            "kind": doc.kind, "title": doc.title, "text": doc.text,
            "site_id": ids.sites.get(doc.site) if doc.site else None,
            "visit_id": ids.visits.get((doc.site, doc.visit_date))
            if doc.site and doc.visit_date else None,
            "participant_id": ids.people.get(doc.participant) if doc.participant else None,
            "attributes": doc.attributes,
        }
        if doc.created:
            values["created"] = doc.created
        if doc.photo is not None:
            digest = hashlib.sha256(doc.photo).hexdigest()
            if digest not in media_ids:
                media_ids[digest] = _store_photo(project, store, doc.photo,
                                                 doc.photo_name or "photo.jpg")
            values["media_id"] = media_ids[digest]
            values["source_name"] = doc.photo_name or ""
        doc_ids.append(store.add_document(values, doc.turns))
        progress.step(doc.title)
    return doc_ids


def _store_photo(project: Project, store: Store, photo: bytes, name: str) -> int:
    """A photo's file in the project's media folder and its media row; returns the row's id."""
    from fieldkit.importers.photo import read_photo
    from fieldkit.operations.storing import store_media

    media = read_photo(photo, name).media
    assert media is not None
    return store_media(project, store, media)


def _store_codings(store: Store, study: DemoStudy, ids: _Ids, doc_ids: list[int],
                   progress: Progress) -> None:
    """Every coding: a photo region as ``Project.code_region`` stores it (the rectangle, the
    caption as quote), a text span with its quote and context."""
    for i, coding in enumerate(study.codings):
        text = study.documents[coding.doc_index].text
        row: dict[str, Any] = {
            "document_id": doc_ids[coding.doc_index],
            "code_id": ids.codes[coding.code_path],
            "coder_id": ids.coders[coding.coder],
        }
        if coding.region is not None:
            x, y, width, height = coding.region
            row.update({"start": None, "end": None, "x": x, "y": y, "width": width,
                        "height": height, "memo": coding.memo, "quote": text})
        else:
            before, after = context(text, coding.start, coding.end, CONTEXT_CHARS)
            row.update({"start": coding.start, "end": coding.end,
                        "quote": text[coding.start:coding.end], "before": before,
                        "after": after, "memo": coding.memo})
        store.add_coding(row)
        if i % 500 == 499:
            progress.step("Codings")
