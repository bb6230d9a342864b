"""Building the generated demo study into a real project (``fieldkit demo``).

The study itself is plain data from ``fieldkit.demo``; this module stores it through the facade
and the store, in one transaction without undo data (a demo build is not a user's edit).
"""

from __future__ import annotations

import hashlib
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


def store_study(project: Project, store: Store, study: DemoStudy, progress: Progress) -> None:
    """Write ``study`` into the new ``project`` through its ``store``, in one transaction
    without undo data (a demo build is not a user's edit)."""
    from fieldkit.importers.photo import read_photo

    steps = len(study.documents) + len(study.codings) // 500 + 2
    progress.start(steps, "Storing documents")
    with store.change("Build demo study", log=False):
        site_ids = {s.name: store.add_site(s.name, s.description) for s in study.sites}
        visit_ids = {
            (v.site, v.date): store.add_visit(site_ids[v.site], v.date, v.observers)
            for v in study.visits
        }
        people = {
            p.pseudonym: store.add_participant(
                p.pseudonym, name=p.name, role=p.role, site_id=site_ids.get(p.site),
                attributes=p.attributes)
            for p in study.participants
        }
        coder_ids = {name: store.coder_id(name) for name in study.coders}
        for code in study.codes:
            project.add_code(code.path, colour=code.colour, definition=code.definition,
                             inclusion=code.inclusion, exclusion=code.exclusion,
                             example=code.example)
        book = project.codebook()
        code_ids = {book.path(cid): cid for cid in book.codes}
        progress.step("Codebook")

        media_ids: dict[str, int] = {}
        doc_ids: list[int] = []
        for doc in study.documents:
            values: dict[str, Any] = {
                "kind": doc.kind, "title": doc.title, "text": doc.text,
                "site_id": site_ids.get(doc.site) if doc.site else None,
                "visit_id": visit_ids.get((doc.site, doc.visit_date))
                if doc.site and doc.visit_date else None,
                "participant_id": people.get(doc.participant) if doc.participant else None,
                "attributes": doc.attributes,
            }
            if doc.created:
                values["created"] = doc.created
            if doc.photo is not None:
                digest = hashlib.sha256(doc.photo).hexdigest()
                if digest not in media_ids:
                    media = read_photo(doc.photo, doc.photo_name or "photo.jpg").media
                    assert media is not None
                    sha = project.media.put(media.data, media.filename, media.thumbnail)
                    media_ids[digest] = store.add_media({
                        "sha256": sha, "filename": media.filename, "mime": media.mime,
                        "size": len(media.data), "width": media.width,
                        "height": media.height, "taken": media.taken,
                        "orientation": media.orientation})
                values["media_id"] = media_ids[digest]
                values["source_name"] = doc.photo_name or ""
            doc_ids.append(store.add_document(values, doc.turns))
            progress.step(doc.title)

        for i, coding in enumerate(study.codings):
            text = study.documents[coding.doc_index].text
            if coding.region is not None:
                # as Project.code_region stores it: the rectangle, the caption as quote
                x, y, width, height = coding.region
                store.add_coding({
                    "document_id": doc_ids[coding.doc_index],
                    "code_id": code_ids[coding.code_path],
                    "coder_id": coder_ids[coding.coder], "start": None, "end": None,
                    "x": x, "y": y, "width": width, "height": height,
                    "memo": coding.memo, "quote": text,
                })
            else:
                before, after = context(text, coding.start, coding.end, CONTEXT_CHARS)
                store.add_coding({
                    "document_id": doc_ids[coding.doc_index],
                    "code_id": code_ids[coding.code_path],
                    "coder_id": coder_ids[coding.coder],
                    "start": coding.start, "end": coding.end,
                    "quote": text[coding.start:coding.end], "before": before,
                    "after": after, "memo": coding.memo,
                })
            if i % 500 == 499:
                progress.step("Codings")
    project.set_coder(study.coders[0])
    progress.step("Done")
