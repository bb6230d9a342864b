"""Facade operations for reporting and exchange; mixed into ``Project``.

Word reports of coded segments and annotated documents, Excel/CSV tables, REFI-QDA projects
(``.qdpx``) and codebooks (``.qdc``) out; REFI-QDA projects and codebooks in. Every export is
written to a temporary file and renamed at the end; every import checks the whole file before
the first row is written and stores it in one transaction.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress

if TYPE_CHECKING:
    from fieldkit.exporters.pseudonyms import Pseudonymiser
    from fieldkit.importers.refi import RefiCode, RefiProject
    from fieldkit.project import Project


class ExportOperations:
    """Reports (Word, Excel, CSV) and exchange with other QDA tools (REFI-QDA)."""

    # -- Word ------------------------------------------------------------------------------

    def export_docx(self: Project, out: str | Path, *, codes: Sequence[str | int] | None = None,  # type: ignore[misc]
                    coder: str | None = None, site: str | None = None,
                    pseudonymise: bool = False, terms: Mapping[str, str] | None = None,
                    annotated_document: str | int | None = None,
                    codings: Sequence[int] | None = None,
                    progress: Progress | None = None,
                    warnings: list[str] | None = None, charts: Sequence[str] = ()) -> Path:
        """Coded segments per code as a Word report, or one annotated document.

        ``codes`` limits the report to those codes and their sub-codes, ``coder`` to one coder's
        codings, ``site`` to documents of one site. ``pseudonymise`` replaces participants' names
        (and the ``terms`` given, name → pseudonym) everywhere in the exported text.
        ``annotated_document`` instead writes that document's full text with each coding as a
        Word comment anchored on the coded words. ``codings`` (ids) reports exactly those
        codings, e.g. the segments shown in the coded-segments view. Names left in the text
        after replacing (a given name in lower case, a short name part) are added to
        ``warnings``.
        """
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for

        target = check_target(out, ".docx")
        progress = progress or Progress.silent()
        masker = masker_for(self, pseudonymise, terms)
        with atomic_path(target) as tmp:
            if annotated_document is not None:
                from fieldkit.exporters.annotated import write_annotated

                write_annotated(self, self.document(annotated_document), tmp, masker=masker,
                                coder=coder, progress=progress)
            else:
                from fieldkit.exporters.docx import Selection, write_report

                selection = Selection.build(self, codes=codes, coder=coder, site=site,
                                            codings=codings)
                write_report(self, selection, tmp, masker=masker, progress=progress,
                             charts=_report_charts(self, charts, coder, masker))
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    # -- tables ----------------------------------------------------------------------------

    def export_xlsx(self: Project, out: str | Path, progress: Progress | None = None,  # type: ignore[misc]
                    *, codings: Sequence[int] | None = None, pseudonymise: bool = False,
                    terms: Mapping[str, str] | None = None,
                    warnings: list[str] | None = None) -> Path:
        """An Excel workbook: segments, codebook, counts, co-occurrence, ESM answers
        (``codings``: only those codings' segments and counts). ``pseudonymise`` and
        ``terms`` replace names in every cell, as in ``export_docx``; names left go to
        ``warnings``."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.tables import build_tables, mask_tables, write_xlsx

        target = check_target(out, ".xlsx")
        masker = masker_for(self, pseudonymise, terms)
        tables = mask_tables(build_tables(self, progress or Progress.silent(), codings, masker),
                             masker)
        with atomic_path(target) as tmp:
            write_xlsx(tables, tmp, self.store.meta("created"))
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    def export_csv(self: Project, outdir: str | Path,  # type: ignore[misc]
                   progress: Progress | None = None, *, pseudonymise: bool = False,
                   terms: Mapping[str, str] | None = None,
                   warnings: list[str] | None = None) -> list[Path]:
        """The same tables as ``export_xlsx``, one UTF-8 CSV file each, in ``outdir`` (names
        replaced as there)."""
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.tables import build_tables, mask_tables, write_csv

        folder = Path(outdir)
        if folder.exists() and not folder.is_dir():
            raise BadInput(f"{folder} is a file; give a folder for the CSV files.")
        if not folder.parent.exists():
            raise BadInput(f"The folder {folder.parent} does not exist.")
        masker = masker_for(self, pseudonymise, terms)
        tables = mask_tables(build_tables(self, progress or Progress.silent(), None, masker),
                             masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        existed = folder.exists()
        folder.mkdir(exist_ok=True)
        # All files are written in a hidden folder first and moved in together, so a full
        # disk leaves no partial CSV files.
        staging = Path(tempfile.mkdtemp(prefix=".fieldkit-csv-", dir=folder))
        try:
            written = write_csv(tables, staging)
            moved = [folder / path.name for path in written]
            for path, target in zip(written, moved, strict=True):
                os.replace(path, target)
            return moved
        except BaseException:
            if not existed:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    # -- REFI-QDA out ----------------------------------------------------------------------

    def export_qdpx(self: Project, out: str | Path, progress: Progress | None = None,  # type: ignore[misc]
                    *, pseudonymise: bool = False, terms: Mapping[str, str] | None = None,
                    warnings: list[str] | None = None) -> Path:
        """The whole project as a REFI-QDA ``.qdpx`` for ATLAS.ti, NVivo, MAXQDA, QualCoder.

        ``pseudonymise`` and ``terms`` replace names in every name, text and text file of the
        archive (positions of codings move with the text); names left go to ``warnings``."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.refi_writer import project_archive

        target = check_target(out, ".qdpx")
        masker = masker_for(self, pseudonymise, terms)
        with atomic_path(target) as tmp:
            project_archive(self, tmp, progress or Progress.silent(), masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    def export_codebook(self: Project, path: str | Path, *, pseudonymise: bool = False,  # type: ignore[misc]
                        terms: Mapping[str, str] | None = None,
                        warnings: list[str] | None = None) -> Path:
        """The codebook as a REFI-QDA ``.qdc`` file (names replaced as in ``export_qdpx``)."""
        from fieldkit.exporters.files import atomic_path, check_target
        from fieldkit.exporters.pseudonyms import masker_for
        from fieldkit.exporters.refi_writer import write_codebook

        target = check_target(path, ".qdc")
        masker = masker_for(self, pseudonymise, terms)
        with atomic_path(target) as tmp:
            write_codebook(self, tmp, masker)
        if warnings is not None:
            warnings.extend(masker.warnings())
        return target

    # -- REFI-QDA in -----------------------------------------------------------------------

    def import_codebook(self: Project, path: str | Path) -> str:  # type: ignore[misc]
        """Merge a ``.qdc`` codebook into this one: codes matched by GUID, then by path."""
        from fieldkit.exporters.refi_writer import read_description
        from fieldkit.importers.refi import read_qdc

        codes = read_qdc(path)
        if not codes:
            raise BadInput(f"{Path(path).name}: the codebook holds no codes.")
        added = updated = 0
        store = self.store
        with store.change(f"Import codebook {Path(path).name}"):
            def visit(items: list[RefiCode], parent_id: int | None) -> None:
                nonlocal added, updated
                book = self.codebook()
                for item in items:
                    fields: dict[str, Any] = read_description(item.description)
                    if item.colour:
                        fields["colour"] = item.colour
                    key = store.id_by_uuid("codes", item.guid)
                    if key is None:
                        twin = next((c for c in book.children(parent_id)
                                     if c.name.casefold() == item.name.casefold()), None)
                        key = twin.id if twin else None
                    if key is None:
                        key = store.add_code({"uuid": item.guid, "name": item.name,
                                              "parent_id": parent_id, **_colour_or_default(
                                                  fields, len(book.codes) + added)})
                        added += 1
                    else:
                        current = store.code(key)
                        changes = {k: v for k, v in fields.items()
                                   if v and getattr(current, k) != v}
                        if changes:
                            store.update_code(key, changes)
                            updated += 1
                    visit(item.children, key)

            visit(codes, None)
        total = added + updated
        return (f"Imported {Path(path).name}: {added} new code{'s' if added != 1 else ''}, "
                f"{updated} updated, {_count_codes(codes) - total} unchanged.")

    @classmethod
    def import_qdpx(cls, qdpx: str | Path, path: str | Path,
                    progress: Progress | None = None) -> Project:
        """A new project at ``path`` from a REFI-QDA project; GUIDs are kept as row UUIDs.

        The archive is read and checked completely first; a hostile or damaged file raises
        ``BadInput`` before the project folder exists. The project is built beside ``path`` and
        renamed into place when complete, so a failure or a kill leaves nothing behind.
        """
        from fieldkit.importers.refi import read_qdpx
        from fieldkit.project import Project
        from fieldkit.storage.newfolder import check_new_folder

        progress = progress or Progress.silent()
        folder = Path(path)
        check_new_folder(folder)
        data = read_qdpx(qdpx)
        project = Project.build(folder, name=data.name,
                                fill=lambda p: _store_refi(p, data, progress))
        project.import_warnings = data.warnings  # type: ignore[attr-defined]
        return project


REPORT_CHARTS = {"sites": ("matrix", "site", "Codes by site"),
                 "months": ("matrix", "month", "Codes by month"),
                 "bars": ("bars", "site", "Code frequencies by site"),
                 "relations": ("relations", "site", "Code relations (overlapping segments)")}


def _report_charts(project: Project, names: Sequence[str], coder: str | None,
                   masker: Pseudonymiser) -> list[tuple[str, bytes]]:
    """(title, PNG) of each chart named, every label replaced by ``masker`` before drawing."""
    unknown = [n for n in names if n not in REPORT_CHARTS]
    if unknown:
        raise BadInput(f"Unknown chart '{unknown[0]}'; use {', '.join(REPORT_CHARTS)}.")
    found = []
    for name in dict.fromkeys(names):
        kind, columns, title = REPORT_CHARTS[name]
        with masker.at(f"the chart '{title}'"):
            chart = project.analysis.chart(kind, columns=columns, coder=coder, mask=masker)
        found.append((title, chart.png()))
    return found


def _count_codes(codes: list[RefiCode]) -> int:
    return sum(1 + _count_codes(c.children) for c in codes)


def _colour_or_default(fields: dict[str, Any], index: int) -> dict[str, Any]:
    from fieldkit.core.codebook import PALETTE

    out = dict(fields)
    out.setdefault("colour", PALETTE[index % len(PALETTE)])
    return out


def _store_refi(project: Project, data: RefiProject, progress: Progress) -> None:
    """Write a read REFI-QDA project into a fresh project, in one transaction."""
    import json

    from fieldkit.core.codebook import PALETTE
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
    from fieldkit.project import CONTEXT_CHARS

    store = project.store
    warnings = data.warnings
    notes = data.notes
    referenced = data.referenced_notes()

    def note_text(refs: list[str]) -> str:
        return "\n\n".join(notes[r].text for r in refs if r in notes)

    memo_docs = [n for g, n in notes.items() if g not in referenced]
    sources = [*data.sources, *memo_docs]
    progress.start(len(sources) + 2, "Importing the REFI-QDA project")
    with store.change(f"Import REFI-QDA project {data.name}", log=False):
        if data.created:
            store.set_meta("created", data.created)
        coder_ids: dict[str, int] = {}
        by_name: dict[str, int] = {}
        for user_guid, name in data.users.items():
            if name.casefold() in by_name:
                coder_ids[user_guid] = by_name[name.casefold()]
                continue
            key = store.insert("coders", {"uuid": user_guid or new_uuid(), "name": name,
                                          "created": utc_now()})
            coder_ids[user_guid] = by_name[name.casefold()] = key

        def coder_for(user_guid: str | None) -> int:
            if user_guid and user_guid in coder_ids:
                return coder_ids[user_guid]
            return store.coder_id(project.coder)

        code_ids: dict[str, int] = {}
        counter = 0

        def add_codes(items: list[RefiCode], parent_id: int | None) -> None:
            nonlocal counter
            names: set[str] = set()
            for position, item in enumerate(items):
                name, n = item.name, 2
                while name.casefold() in names:
                    name, n = f"{item.name} ({n})", n + 1
                names.add(name.casefold())
                key = store.add_code({
                    "uuid": item.guid, "name": name, "parent_id": parent_id,
                    "colour": item.colour or PALETTE[counter % len(PALETTE)],
                    "position": position, "memo": note_text(item.note_refs),
                    **read_description(item.description)})
                counter += 1
                code_ids[item.guid] = key
                add_codes(item.children, key)

        add_codes(data.codes, None)
        progress.step("Stored the codebook")

        doc_ids: dict[str, int] = {}
        links: list[tuple[int, str, int]] = []  # transcript id, recording GUID, offset
        timed: list[tuple[str, Any, dict[str, Any]]] = []  # recording GUID, coding, row
        for source in sources:
            if source.guid in doc_ids or not source.guid:
                warnings.append(f"Skipped source '{source.name}': its GUID is missing or "
                                "used twice.")
                continue
            facts = dict(source.variables)
            kind = str(facts.pop(VAR_KIND, "")) or (
                "photo" if source.kind == "picture" else "memo" if source.kind == "note"
                else "text")
            recorded = source.kind in ("audio", "video")
            if recorded:
                kind = "recording"
            if kind not in ("fieldnote", "transcript", "photo", "memo", "esm", "text",
                            "recording") or ((kind == "photo") != (source.kind == "picture")):
                kind = "photo" if source.kind == "picture" else "text"
            recording_guid = str(facts.pop(VAR_RECORDING, "") or "")
            offset = facts.pop(VAR_OFFSET, 0)
            site_name = str(facts.pop(VAR_SITE, "") or "")
            visit_date = str(facts.pop(VAR_VISIT, "") or "")
            person = str(facts.pop(VAR_PARTICIPANT, "") or "")
            site_id = project.ensure_site(site_name).id if site_name else None
            visit_id = None
            if site_id is not None and visit_date:
                try:
                    visit_id = project.ensure_visit(site_id, visit_date).id
                except BadInput:
                    warnings.append(f"'{source.name}': '{visit_date}' is not a visit date.")
            participant_id = None
            if person:
                fields = {"site_id": site_id} if site_id else {}
                participant_id = project.ensure_participant(person, **fields).id
            media_id = None
            facts_of_file = None
            if source.media is not None and recorded:
                try:
                    media_id, facts_of_file = project.recordings.store_media(
                        source.media, source.media_name)
                except BadInput as exc:
                    warnings.append(f"Skipped {source.kind} '{source.name}': {exc}")
                    continue
            elif source.media is not None:
                media_id = _store_picture(project, source, warnings)
                if media_id is None:
                    continue
            values: dict[str, Any] = {
                "uuid": source.guid, "kind": kind, "title": source.name, "text": source.text,
                "site_id": site_id, "visit_id": visit_id, "participant_id": participant_id,
                "media_id": media_id, "memo": note_text(source.note_refs),
                "attributes": json.dumps(facts, ensure_ascii=False),
            }
            if source.created:
                values["created"] = source.created
            if source.modified:
                values["modified"] = source.modified
            doc_id = store.add_document(values)
            doc_ids[source.guid] = doc_id
            if facts_of_file is not None and media_id is not None:
                project.recordings.add_facts(doc_id, media_id, facts_of_file)
            if recording_guid:
                links.append((doc_id, recording_guid,
                              int(offset) if isinstance(offset, int) else 0))
            seen: set[str] = set()
            for coding in source.codings:
                code_id = code_ids.get(coding.code_guid)
                if code_id is None:
                    warnings.append(f"'{source.name}': skipped a coding of an unknown code.")
                    continue
                coding_guid = coding.guid if coding.guid and coding.guid not in seen \
                    and store.id_by_uuid("codings", coding.guid) is None else new_uuid()
                seen.add(coding_guid)
                row: dict[str, Any] = {
                    "uuid": coding_guid, "document_id": doc_id, "code_id": code_id,
                    "coder_id": coder_for(coding.user_guid),
                    "memo": note_text(coding.note_refs) or coding.memo,
                    "created": coding.created or utc_now(),
                }
                if coding.start_ms is not None:
                    row.update(start=0, end=0, start_ms=coding.start_ms,
                               end_ms=coding.end_ms, quote="")
                    timed.append((source.guid, coding, row))
                    continue
                if coding.region is not None:
                    x, y, w, h = coding.region
                    row.update(start=None, end=None, x=x, y=y, width=w, height=h,
                               quote=source.text)
                else:
                    assert coding.start is not None and coding.end is not None
                    before, after = context(source.text, coding.start, coding.end,
                                            CONTEXT_CHARS)
                    row.update(start=coding.start, end=coding.end,
                               quote=source.text[coding.start:coding.end], before=before,
                               after=after)
                store.add_coding(row)
            progress.step(source.name)
        embedded = {s.guid: s.transcripts for s in sources if s.transcripts}
        _store_refi_time_codings(project, doc_ids, links, timed, embedded, warnings)
        case_names: set[str] = set()
        for case in data.cases:
            name, n = case.name, 2
            while name.casefold() in case_names:
                name, n = f"{case.name} ({n})", n + 1
            case_names.add(name.casefold())
            case_id = store.add_case(name, case.description, case.variables, uuid=case.guid)
            for source_guid in dict.fromkeys(case.source_guids):
                if source_guid in doc_ids:
                    store.add_to_case(case_id, document_id=doc_ids[source_guid])
        _store_sets(store, data, doc_ids, code_ids)
    progress.step("Done")


def _store_sets(store: Any, data: RefiProject, doc_ids: dict[str, int],
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


def _store_refi_time_codings(project: Project, doc_ids: dict[str, int],
                             links: list[tuple[int, str, int]],
                             timed: list[tuple[str, Any, dict[str, Any]]],
                             embedded: dict[str, dict[str, Any]],
                             warnings: list[str]) -> None:
    """Link transcripts to their recordings, then store time codings: on the recording, or
    on the transcript whose GUID their selection GUID was derived from (see refi_recordings)."""
    from fieldkit.core.text import context
    from fieldkit.exporters.refi_recordings import selection_guid, transcript_guid
    from fieldkit.project import CONTEXT_CHARS
    from fieldkit.storage import recording_tables

    store = project.store
    transcripts: dict[str, list[str]] = {}  # recording GUID → its transcripts' GUIDs
    for transcript_id, recording_guid, offset in links:
        if recording_guid not in doc_ids:
            warnings.append(f"A transcript names recording {recording_guid}, which is not in "
                            "the project; it stays unlinked.")
            continue
        recording_tables.link(store, transcript_id, doc_ids[recording_guid], offset)
        own_guid = str(store.uuid_of("documents", transcript_id))
        transcripts.setdefault(recording_guid, []).append(own_guid)
        with store.turns_in_bulk(transcript_id):
            for speaker, begin, end, start, stop in embedded.get(recording_guid, {}).get(
                    transcript_guid(own_guid), []):
                store.insert("turns", {"document_id": transcript_id, "start": start,
                                       "end": stop, "speaker": speaker,
                                       "t_start": (begin - offset) / 1000,
                                       "t_end": None if end is None else (end - offset) / 1000})
    for recording_guid, coding, row in timed:
        row["document_id"] = doc_ids[recording_guid]
        for linked in transcripts.get(recording_guid, []):
            if coding.selection_guid == selection_guid(coding.guid, linked):
                doc_id = doc_ids[linked]
                text = store.document(doc_id).text
                start, end = project.recordings._text_span(doc_id, row["start_ms"],
                                                           row["end_ms"])
                before, after = context(text, start, end, CONTEXT_CHARS)
                row.update(document_id=doc_id, start=start, end=end, quote=text[start:end],
                           before=before, after=after)
        store.add_coding(row)


def _store_picture(project: Project, source: Any, warnings: list[str]) -> int | None:
    from fieldkit.importers.photo import read_photo

    try:
        photo = read_photo(source.media, source.media_name)
    except BadInput as exc:
        warnings.append(f"Skipped picture '{source.name}': {exc}")
        return None
    media = photo.media
    assert media is not None
    sha = project.media.put(media.data, media.filename, media.thumbnail)
    existing = project.store.media_by_sha(sha)
    if existing:
        return existing.id
    return project.store.add_media({
        "sha256": sha, "filename": media.filename, "mime": media.mime, "size": len(media.data),
        "width": media.width, "height": media.height, "taken": media.taken,
        "orientation": media.orientation})
