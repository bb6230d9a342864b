"""``project.imports``: files, codebooks and REFI-QDA projects brought into a project.

Every import reads and checks the whole input before the first row is written, and stores it
in one transaction (one undo step), so a bad file, a crash or Cancel leaves nothing half-done.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput, DuplicateImport
from fieldkit.core.model import DOCUMENT_KINDS, Document, Duplicate, ImportedDocument
from fieldkit.core.progress import Progress
from fieldkit.operations.duplicates import DuplicateFinder
from fieldkit.operations.storing import store_document

if TYPE_CHECKING:
    from fieldkit.importers.refi import RefiCode
    from fieldkit.importers.survey import SurveyData
    from fieldkit.operations.recordings import PreparedRecording
    from fieldkit.operations.surveys import ReadSurvey, SurveyImport
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

BULK_IMPORT_BACKUP = 20  # imports of more files than this get a backup first
DUPLICATE_CHOICES = ("refuse", "skip", "again")  # what an import does with a duplicate file


class Imports:
    """Documents from files, codebooks from ``.qdc`` files (REFI-QDA)."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self.warnings: list[str] = []  # what the latest import kept but flags
        self.skipped: list[Duplicate] = []  # files the latest import left out as duplicates
        self.surveys: list[SurveyImport] = []  # what the latest import's surveys became

    def files(self, paths: Sequence[str | Path], *, site: str | None = None,
              visit: str | None = None, kind: str = "auto",
              mapping: dict[str, str] | None = None,
              progress: Progress | None = None,
              transcript: str | Path | None = None,
              duplicates: str = "refuse", password: str | None = None) -> list[Document]:
        """Read files and store them as documents, all or nothing.

        Every file is read and checked first; a bad one raises ``BadInput`` naming it and
        nothing is stored. The storing itself is one transaction, so a crash or Cancel leaves
        no half-imported document. A recording (wav, mp3, m4a, ogg, mp4, mov, webm …) is
        stored with its transcript linked: ``transcript``, else a given or neighbouring file
        of the same base name. Warnings (times past a recording's end) go to ``warnings``.
        A survey (``kind`` "survey", or under "auto" an .xlsx or a csv in a known survey
        layout: ``importers.is_survey``) brings a case per respondent and attributes too (see
        ``survey``); ``mapping`` may name its respondent column (``case``) and ``per``
        ("respondent" or "question"); what each became is in ``surveys``.

        A file whose content is already in the project, or earlier in this import, is a
        duplicate (``operations.duplicates``). ``duplicates`` says what happens to them:
        "refuse" raises ``DuplicateImport`` naming each and the document it repeats, before
        anything is stored; "skip" imports the others and lists the skipped in ``skipped``;
        "again" imports them as new documents.

        A PDF becomes a ``pdf`` document (``project.pdfs``); ``password`` opens an encrypted
        one (``PasswordNeeded`` without it or with a wrong one). Its pages are read as steps
        of ``progress``, so a long PDF can be cancelled while it is read.
        """
        from fieldkit.importers import is_survey, read_file
        from fieldkit.importers.recording import is_recording

        progress = progress or Progress.silent()
        paths = _without_companion_files([Path(p) for p in paths])
        if visit and not site:
            raise BadInput("A visit date needs a site (--site).")
        if kind not in ("auto", "survey", *DOCUMENT_KINDS):
            raise BadInput(f"Unknown kind '{kind}'.")
        if duplicates not in DUPLICATE_CHOICES:
            raise BadInput(f"Unknown choice for duplicates '{duplicates}'.")
        recordings = [p for p in paths if is_recording(p)]
        if transcript is not None and len(recordings) != 1:
            raise BadInput("--transcript goes with exactly one recording.")
        paired = _paired_transcripts(recordings, paths, transcript)
        paths = [p for p in paths if p not in recordings and p not in paired.values()]
        self.warnings = []
        self.skipped = []
        self.surveys = []
        survey_paths = [Path(p) for p in paths if is_survey(Path(p), kind)]
        paths = [p for p in paths if p not in survey_paths]
        if (mapping or {}).get("per") == "question" and not survey_paths:
            raise BadInput("Documents per question (--per-question) go with a survey: a .csv "
                           "or .xlsx export imported with --kind survey.")
        files = len(paths) + len(recordings) + len(survey_paths)
        progress.start(files * 2, "Reading files")
        read_surveys = [self._read_survey(p, mapping, progress) for p in survey_paths]
        prepared: list[PreparedRecording] = []
        for rec_path in recordings:
            prepared.append(self._project.recordings.read(
                rec_path, transcript=paired.get(rec_path), find_companion=transcript is None,
                strict=transcript is not None))
            self.warnings += prepared[-1].warnings
            progress.step(f"Read {rec_path.name}")
        groups: list[tuple[Path, list[ImportedDocument]]] = []
        for path in paths:
            found = read_file(Path(path), kind, mapping=mapping, password=password,
                              progress=_within(progress))
            groups.append((Path(path), found))
            self.warnings += [_named(Path(path), w) for doc in found for w in doc.warnings]
            progress.step(f"Read {Path(path).name}")
        if duplicates != "again":
            prepared, groups, read_surveys = self._leave_out_duplicates(
                prepared, groups, read_surveys, duplicates)
            if duplicates == "refuse" and self.skipped:
                raise DuplicateImport(self.skipped, files)
        read = [doc for _, docs in groups for doc in docs]
        if not prepared and not read and not read_surveys:
            return []  # every file was a duplicate, skipped: no empty undo step
        self._project.remove_unused_media()  # what an interrupted import left behind
        if len(paths) + sum(len(r.texts) for r in read_surveys) > BULK_IMPORT_BACKUP:
            self._project.backups.make("before-import")
        return self._store_all(prepared, read, read_surveys, len(groups), site, visit,
                               progress)

    def survey(self, path: str | Path, *, case: str | None = None, per: str = "respondent",
               site: str | None = None, visit: str | None = None,
               progress: Progress | None = None,
               duplicates: str = "refuse") -> SurveyImport | None:
        """Import one survey export (csv or xlsx: Qualtrics, LimeSurvey, Microsoft Forms,
        Castor or a sheet typed by hand; ``importers.survey``) as one undo step.

        Each respondent becomes a case (``case`` names the respondent column when the
        layout does not say it); the open-ended questions become codable text, one document
        per respondent with each answer under its question (a turn whose speaker is the
        question), or with ``per`` "question" one document per question (each answer a turn
        of its respondent and a part of their case); the closed questions become the cases'
        attributes with inferred types. Rows skipped and columns left out are in
        ``warnings``. Raises ``BadInput`` (nothing stored) for a duplicate respondent id, no
        open-ended question, or an answer not of an existing attribute's type; returns None
        when the file was already imported and ``duplicates`` is "skip".
        """
        mapping = {"per": per, **({"case": case} if case is not None else {})}
        self.files([path], site=site, visit=visit, kind="survey", mapping=mapping,
                   progress=progress, duplicates=duplicates)
        return self.surveys[0] if self.surveys else None

    def preview_survey(self, path: str | Path, *, case: str | None = None,
                       per: str = "respondent") -> SurveyData:
        """What ``survey(path, case=case, per=per)`` would import, read and checked the same
        way (a closed question named like one of the project's attributes takes its type)
        but stored nowhere: the layout, the respondent column, each question open or closed
        with its type, the columns left out, the respondents and the warnings. Raises
        ``BadInput`` as ``survey`` would."""
        from fieldkit.operations import surveys

        mapping = {"per": per, **({"case": case} if case is not None else {})}
        return surveys.read(self._project, Path(path), mapping).survey

    def _read_survey(self, path: Path, mapping: dict[str, str] | None,
                     progress: Progress) -> ReadSurvey:
        from fieldkit.operations import surveys

        found = surveys.read(self._project, path, mapping)
        self.warnings += [_named(path, w) for w in found.survey.warnings]
        progress.step(f"Read {path.name}")
        return found

    def _leave_out_duplicates(
            self, prepared: list[PreparedRecording],
            groups: list[tuple[Path, list[ImportedDocument]]], read_surveys: list[ReadSurvey],
            choice: str,
    ) -> tuple[list[PreparedRecording], list[tuple[Path, list[ImportedDocument]]],
               list[ReadSurvey]]:
        """The recordings, files and surveys that are not duplicates; the others go to
        ``skipped``."""
        finder = DuplicateFinder(self._store)
        kept_recordings = []
        for item in prepared:
            same = finder.of_recording(item)
            if same is None:
                kept_recordings.append(item)
            else:
                self.skipped.append(same)
        kept_files = []
        for path, docs in groups:
            same = finder.of_file(path, docs)
            if same is None:
                kept_files.append((path, docs))
            else:
                self.skipped.append(same)
        kept_surveys = []
        for survey in read_surveys:
            same = finder.of_file(survey.path, [t.document for t in survey.texts])
            if same is None:
                kept_surveys.append(survey)
            else:
                self.skipped.append(same)
        if self.skipped and choice == "skip":
            self._repair(finder.media)
        return kept_recordings, kept_files, kept_surveys

    def _repair(self, media: list[tuple[str, bytes | Path, bytes | None]]) -> None:
        """Write the media files of skipped duplicates anew where the stored copy is damaged
        (what "import the original again to repair it" promises); an intact one is left."""
        for sha, source, thumbnail in media:
            row = self._store.media_by_sha(sha)
            if row is None:
                continue
            if isinstance(source, bytes):
                self._project.media.put(source, row.filename, thumbnail)
            else:
                self._project.media.put_file(source, row.filename)

    def _store_all(self, prepared: list[PreparedRecording], read: list[ImportedDocument],
                   read_surveys: list[ReadSurvey], files: int, site: str | None,
                   visit: str | None, progress: Progress) -> list[Document]:
        """Store what ``files`` read, in one transaction."""
        from fieldkit.operations import surveys

        keys: list[int] = []
        per_file = max(1, len(read) // max(1, files))
        label = f"Import {len(read)} documents" if len(read) != 1 else f"Import {read[0].title}"
        if prepared:
            label = f"Import {prepared[0].path.name}" if len(prepared) + len(read) == 1 \
                else f"Import {len(prepared) + len(read)} files"
        if read_surveys:
            label = f"Import survey {read_surveys[0].survey.name}" \
                if len(read_surveys) == 1 and not prepared and not read \
                else f"Import {len(prepared) + len(read) + len(read_surveys)} files"
        with self._store.change(label):
            for item_survey in read_surveys:
                self.surveys.append(surveys.store(self._project, self._store, item_survey,
                                                  site, visit))
                keys.extend(self.surveys[-1].documents)
                progress.step(f"Stored {item_survey.path.name}")
            for item in prepared:
                keys.extend(self._project.recordings.store_prepared(item, site=site,
                                                                    visit=visit))
                progress.step(f"Stored {item.path.name}")
            for i, doc in enumerate(read):
                keys.append(store_document(self._project, self._store, doc, site, visit))
                if (i + 1) % per_file == 0:
                    progress.step(f"Stored {doc.title}")
            progress.check()  # a Cancel while the last file was stored still stores nothing
        return [self._store.document(k) for k in keys]

    def document(self, doc: ImportedDocument, *, site: str | None = None,
                 visit: str | None = None, duplicates: str = "refuse") -> Document:
        """Store one document that an importer read (with its media file and turns).

        When its content is already in the project, ``duplicates`` says what happens: "refuse"
        raises ``DuplicateImport``, "skip" returns the document already there, "again" stores
        it as a new one (see ``files``)."""
        if duplicates not in DUPLICATE_CHOICES:
            raise BadInput(f"Unknown choice for duplicates '{duplicates}'.")
        same = None if duplicates == "again" else DuplicateFinder(self._store).of_file(
            doc.source_name or doc.title, [doc])
        if same is not None and same.document_id is not None:
            if duplicates == "refuse":
                raise DuplicateImport([same], 1)
            return self._store.document(same.document_id)
        with self._store.change(f"Import {doc.title}"):
            key = store_document(self._project, self._store, doc, site, visit)
        return self._store.document(key)

    def codebook(self, path: str | Path) -> str:
        """Merge a ``.qdc`` codebook into this one: codes matched by GUID, then by path."""
        from fieldkit.exporters.refi_writer import read_description
        from fieldkit.importers.refi import read_qdc

        codes = read_qdc(path)
        if not codes:
            raise BadInput(f"{Path(path).name}: the codebook holds no codes.")
        added = updated = 0
        store = self._store
        with store.change(f"Import codebook {Path(path).name}"):
            def visit(items: list[RefiCode], parent_id: int | None) -> None:
                nonlocal added, updated
                book = self._project.codebook()
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


def project_from_qdpx(qdpx: str | Path, path: str | Path,
                      progress: Progress | None = None) -> Project:
    """A new project at ``path`` from a REFI-QDA project; GUIDs are kept as row UUIDs.

    The archive is read and checked completely first; a hostile or damaged file raises
    ``BadInput`` before the project folder exists. The project is built beside ``path`` and
    renamed into place when complete, so a failure or a kill leaves nothing behind.
    """
    from fieldkit.importers.refi import read_qdpx
    from fieldkit.operations.refi_import import store_refi
    from fieldkit.project import Project
    from fieldkit.storage.newfolder import check_new_folder

    progress = progress or Progress.silent()
    folder = Path(path)
    check_new_folder(folder)
    data = read_qdpx(qdpx)
    project = Project.build(folder, name=data.name,
                            fill=lambda p, store: store_refi(p, store, data, progress))
    project.imports.warnings = data.warnings
    return project


def _within(progress: Progress) -> Progress:
    """A progress for the parts of one file (a PDF's pages): its messages shown at the
    import's own count, its Cancel the import's."""
    return Progress(report=lambda _done, _total, message: progress.report(
        progress.done, progress.total, message), token=progress.token)


def _named(path: Path, warning: str) -> str:
    """A reader's warning that names its file (an ESM table's "2 rows skipped" did not: in an
    import of several files nobody could tell which)."""
    return warning if warning.startswith(f"{path.name}:") else f"{path.name}: {warning}"


def _count_codes(codes: list[RefiCode]) -> int:
    return sum(1 + _count_codes(c.children) for c in codes)


def _colour_or_default(fields: dict[str, Any], index: int) -> dict[str, Any]:
    from fieldkit.core.codebook import PALETTE

    out = dict(fields)
    out.setdefault("colour", PALETTE[index % len(PALETTE)])
    return out


def _without_companion_files(paths: list[Path]) -> list[Path]:
    """Drop an m-Path meta file when its basic file is imported too (it is read with it)."""
    from fieldkit.importers.esm import find_meta_file

    # realpath, unlike Path.resolve, never raises on a symlink loop: the reader says what it is
    companions = {os.path.realpath(meta) for p in paths
                  if (meta := find_meta_file(p)) is not None}
    return [p for p in paths if os.path.realpath(p) not in companions]


def _paired_transcripts(recordings: list[Path], paths: list[Path],
                        transcript: str | Path | None) -> dict[Path, Path]:
    """Which given file is the transcript of which recording (explicit, or same base name)."""
    if transcript is not None:
        return {recordings[0]: Path(transcript)}
    from fieldkit.operations.recordings import TRANSCRIPT_EXTENSIONS

    pairs = {}
    for rec in recordings:
        for path in paths:
            if (path is not rec and path.stem == rec.stem and path.parent == rec.parent
                    and path.suffix.lower() in TRANSCRIPT_EXTENSIONS):
                pairs[rec] = path
                break
    return pairs
