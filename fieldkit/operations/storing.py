"""Storing one document an importer read: its site, visit, participant, media file and turns.

Shared by ``project.imports`` (files of any kind) and ``project.recordings`` (a recording's
transcript), so both store a document the same way. Call it inside one change.
"""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.model import DOCUMENT_KINDS, ImportedDocument, ImportedMedia
from fieldkit.core.names import document_title
from fieldkit.core.text import normalise_newlines
from fieldkit.storage import pdf_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store


def store_document(project: Project, store: Store, doc: ImportedDocument,
                   site: str | None, visit: str | None) -> int:
    """Store ``doc`` (with its media file, original file and turns, and a PDF's pages);
    returns its id."""
    values = document_values(project, store, doc, site, visit)
    key = store.add_document(values, doc.turns)
    if doc.pdf is not None:
        pdf_tables.add(store, key, values["media_id"], doc.pdf.pages, doc.pdf.boxes,
                       doc.pdf.title, doc.pdf.created)
    return key


def store_documents(project: Project, store: Store, docs: list[ImportedDocument],
                    site: str | None, visit: str | None) -> list[int]:
    """``store_document`` for many documents (a survey's), their rows written together
    (``Store.add_documents``); returns their ids, in order."""
    return store.add_documents([(document_values(project, store, doc, site, visit), doc.turns)
                                for doc in docs])


def document_values(project: Project, store: Store, doc: ImportedDocument,
                    site: str | None, visit: str | None) -> dict[str, Any]:
    """The row of ``doc`` (its site, visit and participant found or added, its media file and
    original file stored)."""
    if doc.kind not in DOCUMENT_KINDS:
        raise BadInput(f"Unknown document kind '{doc.kind}'.")
    site_row = project.ensure_site(site) if site else None
    visit_row = project.ensure_visit(site_row.id, visit) if (site_row and visit) else None
    participant_id = None
    if doc.participant:
        fields = {"site_id": site_row.id} if site_row else {}
        participant_id = project.ensure_participant(doc.participant, **fields).id
    values: dict[str, Any] = {  # a title from a file name: one clean line (core.names)
        "kind": doc.kind, "title": document_title(doc.title),
        "text": normalise_newlines(doc.text),
        "site_id": site_row.id if site_row else None,
        "visit_id": visit_row.id if visit_row else None,
        "participant_id": participant_id, "media_id": _store_files(project, store, doc),
        "source_name": doc.source_name, "attributes": doc.attributes,
    }
    if doc.created:
        values["created"] = doc.created
    return values


def store_media(project: Project, store: Store, media: ImportedMedia) -> int:
    """A read media file (photo) in the project's media folder, with its row; returns the row's
    id (the row already there when the same bytes were stored before)."""
    sha = project.media.put(media.data, media.filename, media.thumbnail)
    return store.media_for({
        "sha256": sha, "filename": media.filename, "mime": media.mime,
        "size": len(media.data), "width": media.width, "height": media.height,
        "taken": media.taken, "orientation": media.orientation,
    })


def _store_files(project: Project, store: Store, doc: ImportedDocument) -> int | None:
    """The document's media file (its id), or its original file kept so it is known in use."""
    if doc.media is not None:
        return store_media(project, store, doc.media)
    if doc.original is not None and doc.source_name:
        sha = project.media.put(doc.original, doc.source_name)
        store.media_for({
            "sha256": sha, "filename": doc.source_name,
            "mime": mimetypes.guess_type(doc.source_name)[0] or "application/octet-stream",
            "size": len(doc.original)})
    return None
