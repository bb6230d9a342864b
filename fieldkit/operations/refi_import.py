"""Writing a read REFI-QDA project into a fresh project (``Project.import_qdpx``).

The archive was read and checked completely by ``fieldkit.importers.refi``; here its coders,
codebook, sources with their codings, time codings, attribute definitions, cases (with their
parts, see ``refi_cases``), sets and networks (``refi_networks``) are stored, in that order,
in one transaction. What cannot be stored is named in the project's import warnings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.codebook import PALETTE
from fieldkit.core.errors import BadInput
from fieldkit.core.model import new_uuid, utc_now
from fieldkit.core.text import context
from fieldkit.exporters.refi_recordings import VAR_OFFSET, VAR_RECORDING
from fieldkit.exporters.refi_writer import (
    VAR_KIND,
    VAR_PARTICIPANT,
    VAR_SITE,
    VAR_VISIT,
    read_description,
)
from fieldkit.operations import refi_cases
from fieldkit.operations.storing import store_media

if TYPE_CHECKING:
    from fieldkit.core.progress import Progress
    from fieldkit.importers.refi import RefiCode, RefiProject
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

@dataclass
class _Import:
    """What the steps of one REFI-QDA import share: the target, the data and the id maps."""

    project: Project
    store: Store
    data: RefiProject
    coder_ids: dict[str, int] = field(default_factory=dict)  # user GUID → coder id
    code_ids: dict[str, int] = field(default_factory=dict)  # code GUID → code id
    doc_ids: dict[str, int] = field(default_factory=dict)  # source GUID → document id
    links: list[tuple[int, str, int]] = field(default_factory=list)  # transcript, recording
    timed: list[tuple[str, Any, dict[str, Any]]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.data.warnings

    def note_text(self, refs: list[str]) -> str:
        return "\n\n".join(self.data.notes[r].text for r in refs if r in self.data.notes)

    def note_stamp(self, refs: list[str], coder_id: int | None = None,
                   when: str | None = None) -> dict[str, Any]:
        """Who wrote the memo made of the notes ``refs`` and when (the first note's
        creatingUser and creationDateTime, modifyingUser and modifiedDateTime); with no note,
        ``coder_id`` at ``when`` (a coding memo kept in its selection's Description)."""
        note = next((self.data.notes[r] for r in refs if r in self.data.notes), None)
        if note is None:
            return {"memo_by": coder_id, "memo_created": when or "",
                    "memo_modified_by": coder_id, "memo_modified": when or ""}
        first, last = self.writers(note)
        return {"memo_by": first, "memo_created": note.created or "",
                "memo_modified_by": last, "memo_modified": note.modified or note.created or ""}

    def writers(self, note: Any) -> tuple[int | None, int | None]:
        """The coders a note names as its creating and (else the same) modifying user."""
        first = self.coder_ids.get(note.creating_user) if note.creating_user else None
        last = self.coder_ids.get(note.modifying_user) if note.modifying_user else None
        return first, last or first

    def coder_for(self, user_guid: str | None) -> int:
        if user_guid and user_guid in self.coder_ids:
            return self.coder_ids[user_guid]
        return self.store.coder_id(self.project.coder)


def store_refi(project: Project, store: Store, data: RefiProject, progress: Progress) -> None:
    """Write a read REFI-QDA project into a fresh project, in one transaction."""
    job = _Import(project, store, data)
    referenced = data.referenced_notes()
    memo_docs = [n for g, n in data.notes.items() if g not in referenced]
    sources = [*data.sources, *memo_docs]
    progress.start(len(sources) + 2, "Importing the REFI-QDA project")
    with store.change(f"Import REFI-QDA project {data.name}", log=False):
        if data.created:
            store.set_meta("created", data.created)
        _store_coders(job)
        _store_codes(job, data.codes, None, [0])
        progress.step("Stored the codebook")
        for source in sources:
            _store_source(job, source)
            progress.step(source.name)
        embedded = {s.guid: s.transcripts for s in sources if s.transcripts}
        _store_time_codings(job, embedded)
        refi_cases.store_attributes(job)
        refi_cases.store_cases(job)
        _store_sets(store, data, job.doc_ids, job.code_ids)
        from fieldkit.operations.refi_networks import store_networks

        store_networks(job)
    progress.step("Done")


def _store_coders(job: _Import) -> None:
    """One coder per user name (users of the same name become one coder)."""
    by_name: dict[str, int] = {}
    for user_guid, name in job.data.users.items():
        if name.casefold() in by_name:
            job.coder_ids[user_guid] = by_name[name.casefold()]
            continue
        key = job.store.insert("coders", {"uuid": user_guid or new_uuid(), "name": name,
                                          "created": utc_now()})
        job.coder_ids[user_guid] = by_name[name.casefold()] = key


def _store_codes(job: _Import, items: list[RefiCode], parent_id: int | None,
                 counter: list[int]) -> None:
    """The codebook, depth first; a sibling's repeated name gets " (2)", " (3)" …"""
    names: set[str] = set()
    for position, item in enumerate(items):
        name, n = item.name, 2
        while name.casefold() in names:
            name, n = f"{item.name} ({n})", n + 1
        names.add(name.casefold())
        key = job.store.add_code({
            "uuid": item.guid, "name": name, "parent_id": parent_id,
            "colour": item.colour or PALETTE[counter[0] % len(PALETTE)],
            "position": position, "memo": job.note_text(item.note_refs),
            **job.note_stamp(item.note_refs), **read_description(item.description)})
        counter[0] += 1
        job.code_ids[item.guid] = key
        _store_codes(job, item.children, key, counter)


def _store_source(job: _Import, source: Any) -> None:
    """One source as a document (with its file, site, visit, participant) and its codings."""
    if source.guid in job.doc_ids or not source.guid:
        job.warnings.append(f"Skipped source '{source.name}': its GUID is missing or "
                            "used twice.")
        return
    facts = dict(source.variables)
    kind = _document_kind(source, str(facts.pop(VAR_KIND, "")))
    recording_guid = str(facts.pop(VAR_RECORDING, "") or "")
    offset = facts.pop(VAR_OFFSET, 0)
    site_id, visit_id, participant_id = _place(job, source, facts)
    media_id = None
    facts_of_file = None
    if source.media is not None and source.kind in ("audio", "video"):
        try:
            media_id, facts_of_file = job.project.recordings.store_media(
                source.media, source.media_name)
        except BadInput as exc:
            job.warnings.append(f"Skipped {source.kind} '{source.name}': {exc}")
            return
    elif source.media is not None:
        media_id = _store_picture(job, source)
        if media_id is None:
            return
    values: dict[str, Any] = {
        "uuid": source.guid, "kind": kind, "title": source.name, "text": source.text,
        "site_id": site_id, "visit_id": visit_id, "participant_id": participant_id,
        "media_id": media_id, "memo": job.note_text(source.note_refs),
        **job.note_stamp(source.note_refs),
        "attributes": json.dumps(facts, ensure_ascii=False),
    }
    if source.created:
        values["created"] = source.created
    if source.modified:
        values["modified"] = source.modified
    doc_id = job.store.add_document(values, details=_memo_details(job, source, kind))
    job.doc_ids[source.guid] = doc_id
    if facts_of_file is not None and media_id is not None:
        job.project.recordings.add_facts(doc_id, media_id, facts_of_file)
    if recording_guid:
        job.links.append((doc_id, recording_guid, int(offset) if isinstance(offset, int) else 0))
    _store_codings(job, source, doc_id)


def _memo_details(job: _Import, source: Any, kind: str) -> dict[str, Any] | None:
    """A memo document's details from its Note: written by its creatingUser (changed last by
    its modifyingUser); REFI-QDA has no memo types, so it is ``theoretical``."""
    if kind != "memo":
        return None
    first, last = job.writers(source)
    author = job.data.users.get(source.creating_user or "", "") if first is not None else ""
    return {"type": "theoretical", "author": author, "date": (source.created or "")[:10],
            "created_by": first, "modified_by": last}


def _document_kind(source: Any, written: str) -> str:
    """The kind fieldkit wrote into the source's variables, or one read from its type."""
    kind = written or ("photo" if source.kind == "picture" else "memo" if source.kind == "note"
                       else "text")
    if source.kind in ("audio", "video"):
        kind = "recording"
    if kind not in ("fieldnote", "transcript", "photo", "memo", "esm", "text",
                    "recording") or ((kind == "photo") != (source.kind == "picture")):
        kind = "photo" if source.kind == "picture" else "text"
    return kind


def _place(job: _Import, source: Any, facts: dict[str, Any]
           ) -> tuple[int | None, int | None, int | None]:
    """The site, visit and participant fieldkit wrote into the source's variables."""
    site_name = str(facts.pop(VAR_SITE, "") or "")
    visit_date = str(facts.pop(VAR_VISIT, "") or "")
    person = str(facts.pop(VAR_PARTICIPANT, "") or "")
    site_id = job.project.ensure_site(site_name).id if site_name else None
    visit_id = None
    if site_id is not None and visit_date:
        try:
            visit_id = job.project.ensure_visit(site_id, visit_date).id
        except BadInput:
            job.warnings.append(f"'{source.name}': '{visit_date}' is not a visit date.")
    participant_id = None
    if person:
        fields = {"site_id": site_id} if site_id else {}
        participant_id = job.project.ensure_participant(person, **fields).id
    return site_id, visit_id, participant_id


def _store_codings(job: _Import, source: Any, doc_id: int) -> None:
    """A source's text, region and time codings (time codings wait for the recordings)."""
    store = job.store
    seen: set[str] = set()
    for coding in source.codings:
        code_id = job.code_ids.get(coding.code_guid)
        if code_id is None:
            job.warnings.append(f"'{source.name}': skipped a coding of an unknown code.")
            continue
        coding_guid = coding.guid if coding.guid and coding.guid not in seen \
            and store.id_by_uuid("codings", coding.guid) is None else new_uuid()
        seen.add(coding_guid)
        row: dict[str, Any] = {
            "uuid": coding_guid, "document_id": doc_id, "code_id": code_id,
            "coder_id": job.coder_for(coding.user_guid),
            "memo": job.note_text(coding.note_refs) or coding.memo,
            "created": coding.created or utc_now(),
        }
        if row["memo"]:
            row.update(job.note_stamp(coding.note_refs, row["coder_id"], row["created"]))
        if coding.start_ms is not None:
            row.update(start=0, end=0, start_ms=coding.start_ms, end_ms=coding.end_ms, quote="")
            job.timed.append((source.guid, coding, row))
            continue
        if coding.region is not None:
            x, y, w, h = coding.region
            row.update(start=None, end=None, x=x, y=y, width=w, height=h, quote=source.text)
        else:
            assert coding.start is not None and coding.end is not None
            before, after = context(source.text, coding.start, coding.end)
            row.update(start=coding.start, end=coding.end,
                       quote=source.text[coding.start:coding.end], before=before, after=after)
        store.add_coding(row)


def _store_sets(store: Store, data: RefiProject, doc_ids: dict[str, int],
                code_ids: dict[str, int]) -> None:
    """REFI-QDA sets as document sets and code sets; a set holding both becomes two."""
    from fieldkit.core.model import new_uuid
    from fieldkit.storage import workbench_tables

    names: set[str] = set()
    for item in data.sets:
        docs = [doc_ids[g] for g in item.source_guids if g in doc_ids]
        codes = [code_ids[g] for g in item.code_guids if g in code_ids]
        missing = len(item.source_guids) + len(item.code_guids) - len(docs) - len(codes)
        if missing:
            data.warnings.append(f"Set '{item.name}': left out {missing} member(s) that are "
                                 "not in the project.")
        parts = [(kind, members) for kind, members in (("documents", docs), ("codes", codes))
                 if members]
        if not parts:
            data.warnings.append(f"Left out the empty set '{item.name}'.")
        for n, (kind, members) in enumerate(parts):
            name = item.name if len(parts) == 1 or kind == "documents" else f"{item.name} (codes)"
            base, k = name, 2
            while name.casefold() in names:
                name, k = f"{base} ({k})", k + 1
            names.add(name.casefold())
            uuid = item.guid if n == 0 and store.id_by_uuid("sets", item.guid) is None \
                else new_uuid()
            workbench_tables.add_set(store, name, kind, members, item.description, uuid)


def _store_time_codings(job: _Import, embedded: dict[str, dict[str, Any]]) -> None:
    """Link transcripts to their recordings, then store time codings: on the recording, or
    on the transcript whose GUID their selection GUID was derived from (see refi_recordings)."""
    from fieldkit.exporters.refi_recordings import selection_guid, transcript_guid
    from fieldkit.storage import recording_tables

    store, doc_ids, warnings = job.store, job.doc_ids, job.warnings
    transcripts: dict[str, list[str]] = {}  # recording GUID → its transcripts' GUIDs
    for transcript_id, recording_guid, offset in job.links:
        if recording_guid not in doc_ids:
            warnings.append(f"A transcript names recording {recording_guid}, which is not in "
                            "the project; it stays unlinked.")
            continue
        recording_tables.link(store, transcript_id, doc_ids[recording_guid], offset)
        own_guid = str(store.uuid_of("documents", transcript_id))
        transcripts.setdefault(recording_guid, []).append(own_guid)
        with store.turns_in_bulk(transcript_id):
            turns = embedded.get(recording_guid, {})
            for speaker, begin, end, start, stop in turns.get(
                    own_guid, turns.get(transcript_guid(own_guid), [])):
                store.insert("turns", {"document_id": transcript_id, "start": start,
                                       "end": stop, "speaker": speaker,
                                       "t_start": (begin - offset) / 1000,
                                       "t_end": None if end is None else (end - offset) / 1000})
    for recording_guid, coding, row in job.timed:
        row["document_id"] = doc_ids[recording_guid]
        for linked in transcripts.get(recording_guid, []):
            if coding.selection_guid == selection_guid(coding.guid, linked):
                doc_id = doc_ids[linked]
                text = store.document(doc_id).text
                start, end = job.project.recordings.text_span(doc_id, row["start_ms"],
                                                           row["end_ms"])
                before, after = context(text, start, end)
                row.update(document_id=doc_id, start=start, end=end, quote=text[start:end],
                           before=before, after=after)
        store.add_coding(row)


def _store_picture(job: _Import, source: Any) -> int | None:
    from fieldkit.importers.photo import read_photo

    try:
        photo = read_photo(source.media, source.media_name)
    except BadInput as exc:
        job.warnings.append(f"Skipped picture '{source.name}': {exc}")
        return None
    assert photo.media is not None
    return store_media(job.project, job.store, photo.media)
