"""The ``Project`` facade: every operation the GUI, the CLI and the tests use.

A project is a folder ``Name.fieldkit/`` holding ``project.sqlite`` (the single source of truth),
``media/`` (content-addressed originals) and ``backups/``. Open one with ``Project.open(path)`` or
make one with ``Project.create(path)``; use it as a context manager so the writer lock is released.
"""

from __future__ import annotations

import getpass
import mimetypes
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core import anchoring
from fieldkit.core.changes import ChangeSet
from fieldkit.core.codebook import PALETTE, Codebook, split_path, valid_colour
from fieldkit.core.errors import BadInput, NotFound, ReadOnly, StorageFailure
from fieldkit.core.model import (
    DOCUMENT_KINDS,
    Case,
    Code,
    Coding,
    Document,
    ImportedDocument,
    Media,
    Region,
    Site,
    Turn,
    Visit,
    new_uuid,
    utc_now,
)
from fieldkit.core.names import (
    CODE_NAME_MAX,
    CODER_NAME_MAX,
    SITE_NAME_MAX,
    check_code_levels,
    check_name,
    check_title,
    document_title,
)
from fieldkit.core.progress import Progress
from fieldkit.core.text import context, normalise_newlines
from fieldkit.operations.assist import AssistOperations
from fieldkit.operations.backups import Backups
from fieldkit.operations.export import ExportOperations
from fieldkit.operations.recordings import PreparedRecording, Recordings
from fieldkit.operations.retrieval import Retrieval
from fieldkit.operations.search import SearchOperations
from fieldkit.operations.team import TeamOperations
from fieldkit.storage import database, failures, identity, newfolder, recording_tables
from fieldkit.storage.lock import WriterLock
from fieldkit.storage.mediastore import MediaStore
from fieldkit.storage.store import CodingFilter, DocumentSummary, Store

if TYPE_CHECKING:
    from fieldkit.operations.analysis import Analysis
    from fieldkit.operations.memos import Memos
    from fieldkit.operations.sets import Sets
    from fieldkit.team.replica import TeamWork

CONTEXT_CHARS = 40
BULK_IMPORT_BACKUP = 20  # imports of more files than this get a backup first
EDITABLE_KINDS = ("fieldnote", "memo", "photo")  # a photo's text is its caption


@dataclass(slots=True)
class EditReport:
    """What happened to the codings of a document whose text was edited."""

    kept: int
    moved: int
    orphaned: int


@dataclass(slots=True)
class Problem:
    """One finding of ``Project.check``."""

    severity: str  # "error" or "warning"
    message: str


class Project(SearchOperations, ExportOperations, TeamOperations, AssistOperations):
    """An open fieldkit project."""

    def __init__(self, path: Path, store: Store, lock: WriterLock | None) -> None:
        self.path = path
        self.store = store
        self._lock = lock
        self.media = MediaStore(path)
        self.backup_warning = ""  # why the automatic backup on opening failed, if it did
        self.import_warnings: list[str] = []  # what the latest import kept but flags
        self._coder = (
            os.environ.get("FIELDKIT_CODER") or store.meta("current_coder") or _login_name()
        )
        store.coder_name = self._coder
        if not store.readonly and store.meta("team_url"):
            self.team.attach()

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, name: str | None = None,
               language: str = "nl") -> Project:
        """Make a new project folder and open it for writing (see ``build``)."""
        return cls.build(path, name=name, language=language)

    @classmethod
    def build(cls, path: str | Path, *, name: str | None = None, language: str = "nl",
              fill: Callable[[Project], None] | None = None) -> Project:
        """Make a new project, let ``fill`` store its contents, and open it for writing.

        The project is built in a hidden folder beside ``path`` and renamed into place only
        when complete, so a killed ``new``, ``demo`` or ``import-qdpx`` leaves no empty
        project that looks valid, and a retry is not blocked.
        """
        folder = Path(path)
        if language not in ("nl", "en"):
            raise BadInput(f"Language must be 'nl' or 'en', not '{language}'.")
        title = name or folder.name.removesuffix(".fieldkit")
        with newfolder.building(folder) as build:
            project = cls._start(build, title, language)
            try:
                if fill is not None:
                    fill(project)
            finally:
                project.close()
        return cls.open(folder)

    @classmethod
    def _start(cls, folder: Path, title: str, language: str) -> Project:
        lock = _writer_lock(folder)
        try:
            conn = database.connect(folder / database.DB_NAME)
            database.migrate(conn, folder)
            store = Store(conn)
            with store.lock:
                store.conn.execute("BEGIN IMMEDIATE")
                for key, value in (("name", title), ("language", language),
                                   ("uuid", new_uuid()), ("created", utc_now())):
                    store.set_meta(key, value)
                store.conn.execute("COMMIT")
            (folder / database.BACKUPS).mkdir(exist_ok=True)
            (folder / "media").mkdir(exist_ok=True)
        except BaseException:
            lock.release()
            raise
        return cls(folder, store, lock)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Project:
        """Open an existing project; for writing unless ``readonly`` (then no lock is taken).

        A database that is not a whole fieldkit project (someone else's SQLite file, one whose
        making was interrupted, one from a newer fieldkit, a damaged one) is refused with one
        line before anything in it changes. A writer takes an automatic backup when the last
        one is older than the project's backup interval.
        """
        folder = Path(path)
        db_path = database.require_project(folder)
        hot = database.has_hot_journal(db_path)
        if not hot:  # refused before even a lock file is made beside it
            _explained(identity.probe, folder, db_path)
        lock = None if readonly else _writer_lock(folder)
        try:
            if hot:
                database.recover_journal(folder, db_path, locked=lock is not None)
                identity.probe(folder, db_path)
            if not readonly:
                identity.check_structure(folder, db_path)
            conn = database.connect(db_path, readonly=readonly)
            try:
                if not readonly:
                    database.migrate(conn, folder)
                conn.execute("SELECT value FROM meta WHERE key = 'name'").fetchone()
            except BaseException:
                conn.close()
                raise
        except BaseException as exc:
            if lock:
                lock.release()
            explained = failures.explain(exc, folder)
            if explained is None or explained is exc:
                raise
            raise explained from None
        project = cls(folder, Store(conn, readonly=readonly), lock)
        if not readonly:
            project.backups.take_if_due()
        return project

    def close(self) -> None:
        with self.store.lock:
            if not self.store.readonly:
                try:
                    self.store.conn.execute("PRAGMA optimize")
                except Exception:
                    pass
            self.store.conn.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- project facts ---------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.store.meta("name", self.path.name)

    @property
    def language(self) -> str:
        return self.store.meta("language", "nl")

    @property
    def uuid(self) -> str:
        return self.store.meta("uuid")

    @cached_property
    def team(self) -> TeamWork:
        """Team work on a PostgreSQL server: publish, join, sync, members, locks, blind sets."""
        from fieldkit.team.replica import TeamWork

        return TeamWork(self)

    @cached_property
    def retrieval(self) -> Retrieval:
        """Coded segments: the retrieval query, citations and changing a coding's bounds."""
        return Retrieval(self)

    @cached_property
    def recordings(self) -> Recordings:
        """Recorded interviews: import with transcripts, time codings, synced segments."""
        return Recordings(self)

    @property
    def readonly(self) -> bool:
        return self.store.readonly

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        """Call ``listener`` with each committed change set (the GUI refreshes from these)."""
        self.store.listeners.append(listener)

    def unsubscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        if listener in self.store.listeners:
            self.store.listeners.remove(listener)

    # -- named parts ------------------------------------------------------------------------

    @cached_property
    def analysis(self) -> Analysis:
        """Code relations, code × variable matrices and coding queries."""
        from fieldkit.operations.analysis import Analysis

        return Analysis(self)

    @cached_property
    def sets(self) -> Sets:
        """Document sets and code sets."""
        from fieldkit.operations.sets import Sets

        return Sets(self)

    @cached_property
    def memos(self) -> Memos:
        """Memos with types, authors, dates and links."""
        from fieldkit.operations.memos import Memos

        return Memos(self)

    # -- coders ----------------------------------------------------------------------------

    @property
    def coder(self) -> str:
        """The current coder: every coding and edit is attributed to this name."""
        return self._coder

    def set_coder(self, name: str, *, remember: bool = True) -> None:
        name = check_name(name, "coder", CODER_NAME_MAX)
        self._coder = name
        self.store.coder_name = name
        if remember and not self.readonly:
            with self.store.lock:
                self.store.set_meta("current_coder", name)

    def _coder_named(self, coder: str | None) -> str:
        return check_name(coder, "coder", CODER_NAME_MAX) if coder else self.coder

    def coders(self) -> list[Any]:
        return self.store.coders()

    def find_coder(self, name: str) -> Any:
        """The coder with this name; NotFound if nobody of that name has coded here."""
        found = self.store.coder_by_name(name.strip())
        if found is None:
            known = ", ".join(c.name for c in self.store.coders()) or "none yet"
            raise NotFound(f"There is no coder '{name}' in this project (coders: {known}).")
        return found

    # -- sites, visits, participants --------------------------------------------------------

    def site(self, ref: int | str) -> Site:
        """A site by name, short id or UUID."""
        found = self.store.site_by_name(str(ref))
        if found is None:
            found = self.store.site(self.store.resolve("sites", ref))
        return found

    def sites(self) -> list[Site]:
        return self.store.sites()

    def ensure_site(self, name: str) -> Site:
        name = check_name(name, "site", SITE_NAME_MAX)
        found = self.store.site_by_name(name)
        if found is None:
            found = self.store.site(self.store.add_site(name))
        return found

    def visits(self, site: int | str | None = None) -> list[Visit]:
        return self.store.visits(None if site is None else self.site(site).id)

    def ensure_visit(self, site: int | str, date: str, observers: str = "") -> Visit:
        site_id = self.site(site).id
        date = _check_date(date)
        found = self.store.visit_on(site_id, date)
        if found is None:
            found = self.store.visit(self.store.add_visit(site_id, date, observers))
        return found

    def participants(self) -> list[Any]:
        return self.store.participants()

    def ensure_participant(self, pseudonym: str, **fields: Any) -> Any:
        found = self.store.participant_by_pseudonym(pseudonym)
        if found is None:
            self.store.add_participant(pseudonym, **fields)
            found = self.store.participant_by_pseudonym(pseudonym)
        return found

    # -- documents -------------------------------------------------------------------------

    def document(self, ref: int | str) -> Document:
        return self.store.document(self.store.resolve("documents", ref))

    def documents(self, *, kind: str | None = None, site: int | str | None = None,
                  visit: int | str | None = None) -> list[DocumentSummary]:
        site_id = self.site(site).id if site is not None else None
        visit_id = self.store.resolve("visits", visit) if visit is not None else None
        return self.store.document_summaries(kind=kind, site_id=site_id, visit_id=visit_id)

    def turns(self, ref: int | str) -> list[Turn]:
        return self.store.turns(self.store.resolve("documents", ref))

    def add_note(self, *, site: str, title: str, text: str, visit: str | None = None,
                 kind: str = "fieldnote") -> Document:
        """Write a fieldnote (or memo) for a site and optional visit date."""
        if kind not in ("fieldnote", "memo"):
            raise BadInput(f"A note is a fieldnote or a memo, not '{kind}'.")
        title = check_title(title, "note")
        if not text.strip():
            raise BadInput("A note needs some text; nothing was saved.")
        with self.store.change(f"New note {title}"):
            site_row = self.ensure_site(site)
            visit_row = self.ensure_visit(site_row.id, visit) if visit else None
            key = self.store.add_document({
                "kind": kind, "title": title, "text": normalise_newlines(text),
                "site_id": site_row.id, "visit_id": visit_row.id if visit_row else None,
            })
        return self.store.document(key)

    def add_imported(self, doc: ImportedDocument, *, site: str | None = None,
                     visit: str | None = None) -> Document:
        """Store one document that an importer read (with its media file and turns)."""
        with self.store.change(f"Import {doc.title}"):
            key = self._store_imported(doc, site, visit)
        return self.store.document(key)

    def import_files(self, paths: Sequence[str | Path], *, site: str | None = None,
                     visit: str | None = None, kind: str = "auto",
                     mapping: dict[str, str] | None = None,
                     progress: Progress | None = None,
                     transcript: str | Path | None = None) -> list[Document]:
        """Read files and store them as documents, all or nothing.

        Every file is read and checked first; a bad one raises ``BadInput`` naming it and
        nothing is stored. The storing itself is one transaction, so a crash or Cancel leaves
        no half-imported document. A recording (wav, mp3, m4a, ogg, mp4, mov, webm …) is
        stored with its transcript linked: ``transcript``, else a given or neighbouring file
        of the same base name. Warnings (times past a recording's end) go to
        ``import_warnings``.
        """
        from fieldkit.importers import read_file
        from fieldkit.importers.recording import is_recording

        progress = progress or Progress.silent()
        paths = _without_companion_files([Path(p) for p in paths])
        if visit and not site:
            raise BadInput("A visit date needs a site (--site).")
        if kind not in ("auto", *DOCUMENT_KINDS):
            raise BadInput(f"Unknown kind '{kind}'.")
        recordings = [p for p in paths if is_recording(p)]
        if transcript is not None and len(recordings) != 1:
            raise BadInput("--transcript goes with exactly one recording.")
        paired = _paired_transcripts(recordings, paths, transcript)
        paths = [p for p in paths if p not in recordings and p not in paired.values()]
        self.import_warnings = []
        progress.start((len(paths) + len(recordings)) * 2, "Reading files")
        prepared: list[PreparedRecording] = []
        for rec_path in recordings:
            prepared.append(self.recordings.read(rec_path, transcript=paired.get(rec_path),
                                                 find_companion=transcript is None))
            self.import_warnings += prepared[-1].warnings
            progress.step(f"Read {rec_path.name}")
        read: list[ImportedDocument] = []
        for path in paths:
            found = read_file(Path(path), kind, mapping=mapping)
            read.extend(found)
            self.import_warnings += [w for doc in found for w in doc.warnings]
            progress.step(f"Read {Path(path).name}")
        self.remove_unused_media()  # what an interrupted import left behind
        if len(paths) > BULK_IMPORT_BACKUP:
            self.backup("before-import")
        keys: list[int] = []
        per_file = max(1, len(read) // max(1, len(paths)))
        label = f"Import {len(read)} documents" if len(read) != 1 else f"Import {read[0].title}"
        if prepared:
            label = f"Import {prepared[0].path.name}" if len(prepared) + len(read) == 1 \
                else f"Import {len(prepared) + len(read)} files"
        with self.store.change(label):
            for item in prepared:
                keys.extend(self.recordings.store_prepared(item, site=site, visit=visit))
                progress.step(f"Stored {item.path.name}")
            for i, doc in enumerate(read):
                keys.append(self._store_imported(doc, site, visit))
                if (i + 1) % per_file == 0:
                    progress.step(f"Stored {doc.title}")
        return [self.store.document(k) for k in keys]

    def _store_imported(self, doc: ImportedDocument, site: str | None,
                        visit: str | None) -> int:
        if doc.kind not in DOCUMENT_KINDS:
            raise BadInput(f"Unknown document kind '{doc.kind}'.")
        site_row = self.ensure_site(site) if site else None
        visit_row = self.ensure_visit(site_row.id, visit) if (site_row and visit) else None
        participant_id = None
        if doc.participant:
            fields = {"site_id": site_row.id} if site_row else {}
            participant_id = self.ensure_participant(doc.participant, **fields).id
        media_id = None
        if doc.media is not None:
            sha = self.media.put(doc.media.data, doc.media.filename, doc.media.thumbnail)
            existing = self.store.media_by_sha(sha)
            media_id = existing.id if existing else self.store.add_media({
                "sha256": sha, "filename": doc.media.filename, "mime": doc.media.mime,
                "size": len(doc.media.data), "width": doc.media.width,
                "height": doc.media.height, "taken": doc.media.taken,
                "orientation": doc.media.orientation,
            })
        elif doc.original is not None and doc.source_name:
            # the original file, kept with a media row so that it is known to be in use
            sha = self.media.put(doc.original, doc.source_name)
            if self.store.media_by_sha(sha) is None:
                self.store.add_media({
                    "sha256": sha, "filename": doc.source_name,
                    "mime": mimetypes.guess_type(doc.source_name)[0]
                    or "application/octet-stream", "size": len(doc.original)})
        values: dict[str, Any] = {  # a title from a file name: one clean line (core.names)
            "kind": doc.kind, "title": document_title(doc.title),
            "text": normalise_newlines(doc.text),
            "site_id": site_row.id if site_row else None,
            "visit_id": visit_row.id if visit_row else None,
            "participant_id": participant_id, "media_id": media_id,
            "source_name": doc.source_name, "attributes": doc.attributes,
        }
        if doc.created:
            values["created"] = doc.created
        return self.store.add_document(values, doc.turns)

    def edit_text(self, ref: int | str, text: str) -> EditReport:
        """Replace a fieldnote's, memo's or photo caption's text; codings re-anchor on their words.

        A transcript typed in fieldkit's transcription mode is edited the same way. Imported
        texts (transcripts, ESM answers, other documents) keep their original text.
        """
        doc = self.document(ref)
        if doc.kind not in EDITABLE_KINDS and not doc.attributes.get("transcription"):
            raise BadInput(f"'{doc.title}' is a {doc.kind}; only fieldnotes, memos and photo "
                           "captions are edited in fieldkit (imported documents keep their "
                           "original text).")
        new_text = normalise_newlines(text)
        if self.store.meta("team_url"):
            self.team.before_text_edit(doc)
        # the coded segments' search rows are compared once, after codings and text have moved
        with self.store.change(f"Edit {doc.title}"), self.store.regions_later(doc.id):
            report = self.reanchor(doc.id, doc.text, new_text)
            self.store.update_document(doc.id, {"text": new_text})
        return report

    def reanchor(self, document_id: int, old_text: str, new_text: str) -> EditReport:
        """Move a document's text codings from ``old_text`` onto ``new_text`` (by their words).

        Used by ``edit_text`` and, on every team replica, when a text edit arrives.
        """
        edit = anchoring.EditMap(old_text, new_text)
        kept = moved = orphaned = 0
        updates: list[tuple[int, dict[str, Any]]] = []
        with self.store.change("Re-anchor codings"):
            for coding in self.store.codings(CodingFilter(document_id=document_id)):
                if coding.start is None or coding.end is None:
                    continue
                placed = anchoring.place(
                    anchoring.Anchor(coding.start, coding.end, coding.quote, coding.before,
                                     coding.after), new_text, edit)
                values: dict[str, Any] = {"start": placed.start, "end": placed.end,
                                          "orphaned": int(placed.orphaned)}
                if not placed.orphaned:
                    before, after = context(new_text, placed.start, placed.end, CONTEXT_CHARS)
                    values.update(quote=new_text[placed.start:placed.end], before=before,
                                  after=after)
                if any(getattr(coding, k) != (bool(v) if k == "orphaned" else v)
                       for k, v in values.items()):  # most codings of a long note stay put
                    updates.append((coding.id, values))
                if placed.orphaned:
                    orphaned += 1
                elif placed.moved:
                    moved += 1
                else:
                    kept += 1
            self.store.update_codings(updates)
        return EditReport(kept, moved, orphaned)

    def fit_coding(self, coding_id: int) -> None:
        """A coding made on an older text (it arrived from a team mate after a text edit): put
        it on its quote nearest to where it was, or mark it orphaned when the quote is gone."""
        coding = self.store.coding(coding_id)
        if coding.start is None or coding.end is None or coding.orphaned:
            return
        text = self.store.document(coding.document_id).text
        inside = coding.end <= len(text)
        if inside and text[coding.start:coding.end] == coding.quote:
            return
        places = anchoring.occurrences(text, coding.quote) if coding.quote else []
        if not places:
            self.store.update_coding(coding_id, {"orphaned": 1})
            return
        start = min(places, key=lambda p: (abs(p - coding.start), p))  # type: ignore[operator]
        end = start + len(coding.quote)
        before, after = context(text, start, end, CONTEXT_CHARS)
        self.store.update_coding(coding_id, {"start": start, "end": end, "before": before,
                                             "after": after})

    def rename_document(self, ref: int | str, title: str) -> None:
        title = check_title(title)
        self.store.update_document(self.store.resolve("documents", ref), {"title": title})

    def set_document_memo(self, ref: int | str, memo: str) -> None:
        self.store.update_document(self.store.resolve("documents", ref), {"memo": memo})

    def delete_document(self, ref: int | str) -> None:
        self.store.delete_document(self.store.resolve("documents", ref))

    def unused_media(self) -> list[Path]:
        """Files in ``media/`` that no document uses (left by an interrupted import)."""
        return self.media.unused(self.store.media_in_use())

    def remove_unused_media(self) -> list[Path]:
        """Delete what ``unused_media`` lists; returns what was removed."""
        if self.readonly:
            raise ReadOnly("This project is open read-only; nothing was changed.")
        with self.store.lock:  # no import of this process is storing files meanwhile
            gone = self.unused_media()
            for path in gone:
                path.unlink(missing_ok=True)
        return gone

    def media_file(self, media_id: int) -> Path:
        m = self.store.media(media_id)
        return self.media.path(m.sha256, m.filename)

    def thumbnail_file(self, media_id: int) -> Path:
        return self.media.thumbnail_path(self.store.media(media_id).sha256)

    # -- codebook --------------------------------------------------------------------------

    def codebook(self) -> Codebook:
        return Codebook(self.store.codes())

    def code(self, ref: int | str) -> Code:
        """A code by short id, UUID or path (``Learning/Informal/Peer help``)."""
        text = str(ref).strip()
        if not text:
            raise NotFound("No code was named.")
        if not text.isdigit():
            found = self.codebook().find_path(text) if "/" in text or not looks_like_uuid(text) \
                else None
            if found is not None:
                return found
            if "/" not in text:  # a bare name is fine when only one code carries it
                book = self.codebook()
                named = [c for c in book.codes.values() if c.name.casefold() == text.casefold()]
                if len(named) == 1:
                    return named[0]
                if len(named) > 1:
                    paths = ", ".join(sorted(book.path(c.id) for c in named))
                    raise BadInput(f"'{ref}' names more than one code ({paths}); give its path.")
            if looks_like_uuid(text):
                return self.store.code(self.store.resolve("codes", text))
            raise NotFound(f"There is no code '{ref}' in the codebook.")
        return self.store.code(self.store.resolve("codes", text))

    def code_path(self, code: Code | int) -> str:
        return self.codebook().path(code if isinstance(code, int) else code.id)

    def add_code(self, path: str, *, colour: str | None = None, definition: str = "",
                 inclusion: str = "", exclusion: str = "", example: str = "",
                 memo: str = "", uuid: str | None = None) -> Code:
        """Add a code at ``path``, creating missing parents; an existing path is updated."""
        names = [check_name(n, "code", CODE_NAME_MAX) for n in split_path(path)]
        check_code_levels(len(names))  # the depth fieldkit reads back (qdpx, qdc, merge)
        fields = {"definition": definition, "inclusion": inclusion, "exclusion": exclusion,
                  "example": example, "memo": memo}
        with self.store.change(f"Add code {path}"):
            parent: int | None = None
            book = self.codebook()
            code: Code | None = None
            for depth, name in enumerate(names):
                last = depth == len(names) - 1
                code = next((c for c in book.children(parent)
                             if c.name.casefold() == name.casefold()), None)
                if code is None:
                    values: dict[str, Any] = {
                        "name": name, "parent_id": parent,
                        "colour": valid_colour(colour) if (colour and last)
                        else PALETTE[len(book.codes) % len(PALETTE)],
                    }
                    if last:
                        values.update(fields)
                        if uuid:
                            values["uuid"] = uuid
                    key = self.store.add_code(values)
                    book = self.codebook()
                    code = book.codes[key]
                elif last:
                    changes = {k: v for k, v in fields.items() if v}
                    if colour:
                        changes["colour"] = valid_colour(colour)
                    if changes:
                        self.store.update_code(code.id, changes)
                parent = code.id
        assert code is not None
        return self.store.code(code.id)

    def update_code(self, ref: int | str, **fields: Any) -> Code:
        """Change a code's name, colour, definition, inclusion, exclusion, example or memo."""
        code = self.code(ref)
        allowed = {"name", "colour", "definition", "inclusion", "exclusion", "example", "memo"}
        unknown = set(fields) - allowed
        if unknown:
            raise BadInput(f"A code has no field {', '.join(sorted(unknown))}.")
        if "colour" in fields:
            fields["colour"] = valid_colour(fields["colour"])
        if "name" in fields:
            fields["name"] = check_name(split_path(fields["name"])[-1], "code", CODE_NAME_MAX)
            self._check_sibling_name(code.parent_id, fields["name"], code.id)
        self.store.update_code(code.id, fields)
        return self.store.code(code.id)

    def move_code(self, ref: int | str, new_parent: int | str | None,
                  position: int | None = None) -> Code:
        """Move a code under another (or to the top with ``None``); refuses cycles."""
        code = self.code(ref)
        parent_id = self.code(new_parent).id if new_parent is not None else None
        book = self.codebook()
        if parent_id is not None and (parent_id == code.id
                                      or parent_id in book.descendants(code.id)):
            raise BadInput("A code cannot be moved under itself or one of its sub-codes.")
        self._check_sibling_name(parent_id, code.name, code.id)
        check_code_levels(book.levels(parent_id) + book.height(code.id))
        values: dict[str, Any] = {"parent_id": parent_id}
        if position is not None:
            values["position"] = position
        elif parent_id != code.parent_id:
            values["position"] = len(book.children(parent_id))
        self.store.update_code(code.id, values)
        return self.store.code(code.id)

    def _check_sibling_name(self, parent_id: int | None, name: str, own_id: int) -> None:
        for sibling in self.codebook().children(parent_id):
            if sibling.id != own_id and sibling.name.casefold() == name.casefold():
                raise BadInput(f"There is already a code '{name}' there.")

    def delete_code(self, ref: int | str) -> int:
        """Delete a code with its sub-codes and codings; returns how many codings went."""
        code = self.code(ref)
        ids = [code.id, *self.codebook().descendants(code.id)]
        gone = len(self.store.codings(CodingFilter(code_ids=ids)))
        self.store.delete_code(code.id)
        return gone

    def codes_with_counts(self) -> list[tuple[int, Code, str, int]]:
        """(depth, code, path, codings) in codebook order."""
        book = self.codebook()
        counts = self.store.coding_counts()
        return [(d, c, book.path(c.id), counts.get(c.id, 0)) for d, c in book.walk()]

    # -- coding ----------------------------------------------------------------------------

    def code_text(self, doc: int | str, start: int, end: int, code: int | str, *,
                  coder: str | None = None, memo: str = "") -> Coding:
        """Apply a code to ``[start, end)`` (code points) of a document's text."""
        document = self.document(doc)
        code_row = self.code(code)
        if not (0 <= start < end <= len(document.text)):
            raise BadInput(
                f"Span {start}–{end} is not inside '{document.title}' (0–{len(document.text)}); "
                "START must be smaller than END.")
        coder_id = self.store.coder_id(self._coder_named(coder))
        existing = self.store.find_coding(document.id, code_row.id, coder_id, start, end)
        if existing is not None:
            return self.store.coding(existing)
        before, after = context(document.text, start, end, CONTEXT_CHARS)
        key = self.store.add_coding({
            "document_id": document.id, "code_id": code_row.id, "coder_id": coder_id,
            "start": start, "end": end, "quote": document.text[start:end],
            "before": before, "after": after, "memo": memo,
        })
        return self.store.coding(key)

    def code_region(self, doc: int | str, region: Region, code: int | str, *,
                    coder: str | None = None, memo: str = "") -> Coding:
        """Apply a code to a rectangle of a photo (pixels, orientation applied)."""
        document = self.document(doc)
        if document.media_id is None:
            raise BadInput(f"'{document.title}' has no picture to code a region of.")
        media = self.store.media(document.media_id)
        if (region.width <= 0 or region.height <= 0 or region.x < 0 or region.y < 0
                or (media.width and region.x + region.width > media.width)
                or (media.height and region.y + region.height > media.height)):
            raise BadInput("That rectangle is not inside the photo.")
        code_row = self.code(code)
        key = self.store.add_coding({
            "document_id": document.id, "code_id": code_row.id,
            "coder_id": self.store.coder_id(self._coder_named(coder)), "start": None, "end": None,
            "x": region.x, "y": region.y, "width": region.width, "height": region.height,
            "memo": memo, "quote": document.text,
        })
        return self.store.coding(key)

    def coding(self, ref: int | str) -> Coding:
        return self.store.coding(self.store.resolve("codings", ref))

    def uncode(self, ref: int | str) -> Coding:
        """Remove one coding (undoable); returns what was removed."""
        coding = self.coding(ref)
        self.store.delete_coding(coding.id)
        return coding

    def set_coding_memo(self, ref: int | str, memo: str) -> None:
        self.store.update_coding(self.store.resolve("codings", ref), {"memo": memo})

    def recode(self, ref: int | str, code: int | str) -> Coding:
        coding = self.coding(ref)
        self.store.update_coding(coding.id, {"code_id": self.code(code).id})
        return self.store.coding(coding.id)

    def codings(self, *, code: int | str | Iterable[int | str] | None = None,
                doc: int | str | None = None, coder: str | None = None,
                include_subcodes: bool = False) -> list[Coding]:
        code_ids: list[int] | None = None
        if code is not None:
            refs = [code] if isinstance(code, (int, str)) else list(code)
            code_ids = []
            book = self.codebook() if include_subcodes else None
            for r in refs:
                found = self.code(r)
                code_ids.append(found.id)
                if book is not None:
                    code_ids.extend(book.descendants(found.id))
        coder_id = self.find_coder(coder).id if coder is not None else None
        doc_id = self.store.resolve("documents", doc) if doc is not None else None
        return self.store.codings(CodingFilter(code_ids, doc_id, coder_id))

    def coder_name(self, coder_id: int) -> str:
        return str(self.store.value("SELECT name FROM coders WHERE id = ?", (coder_id,)))

    # -- reading for exporters, checks and team (issue 24) --------------------------------

    @property
    def created(self) -> str:
        """When the project was made: UTC ISO-8601 as stored ('' when the project holds none).

        Exports stamp their files with it, so one project always gives the same bytes.
        """
        return self.store.meta("created")

    def media_info(self, media_id: int) -> Media:
        """The stored facts of one media file (hash, file name, size, picture size) by its id;
        ``media_file`` gives its path. NotFound when no media row has this id."""
        return self.store.media(media_id)

    def linked_recording(self, transcript_id: int) -> tuple[int, int] | None:
        """(recording document id, offset in ms) of a transcript linked to a recording; None
        for any other document (a recording document itself included)."""
        return recording_tables.linked_recording(self.store, transcript_id)

    def codings_of(self, *, code_ids: Sequence[int] | None = None,
                   document_id: int | None = None,
                   coder_id: int | None = None) -> list[Coding]:
        """Codings by row ids, none of them looked up again (``codings`` resolves names, paths
        and UUIDs): of any of ``code_ids`` (an empty list: none), in ``document_id``, by
        ``coder_id``; each filter left None matches every coding. Ordered by document, start,
        id."""
        return self.store.codings(CodingFilter(code_ids, document_id, coder_id))

    def coding_counts(self) -> dict[int, int]:
        """How many codings each code has (its own, sub-codes not added), by code id; a code
        without codings is left out."""
        return self.store.coding_counts()

    def cases(self) -> list[Case]:
        """Every case of the project, with its attributes."""
        return self.store.cases()

    def case_documents(self, case_id: int) -> list[int]:
        """The ids of the documents that belong to the case ``case_id``."""
        return self.store.case_members(case_id)[0]

    # -- undo ------------------------------------------------------------------------------

    def action(self, label: str) -> AbstractContextManager[ChangeSet]:
        """One named undo step around several facade calls (``with project.action("Code …"):``).

        Calls inside join it; the step commits (and listeners hear of it) when the block ends,
        or nothing of it is kept when the block raises.
        """
        return self.store.change(label)

    def undo(self) -> ChangeSet | None:
        """Undo the latest change (this session's or an earlier one's); None if nothing to undo."""
        return self.store.undo()

    def redo(self) -> ChangeSet | None:
        return self.store.redo()

    def undo_label(self) -> str | None:
        return self.store.undo_label()

    def redo_label(self) -> str | None:
        return self.store.redo_label()

    # -- maintenance -----------------------------------------------------------------------

    @property
    def backups(self) -> Backups:
        """The project's backups: list, make, restore into a new folder, how often."""
        return Backups(self)

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy of the database in ``backups/`` (SQLite online backup)."""
        return Path(self.backups.make(reason).path)

    def check(self, progress: Progress | None = None) -> list[Problem]:
        """Verify the project and report problems in plain words (an empty list: all is well)."""
        from fieldkit.checks import check_project

        return check_project(self, self.store, progress or Progress.silent())


def _explained(step: Callable[[Path, Path], None], folder: Path, db_path: Path) -> None:
    """Run ``step``; a disk or database failure becomes its one-line domain error."""
    try:
        step(folder, db_path)
    except (OSError, sqlite3.Error) as exc:
        raise failures.explain(exc, folder) from None  # type: ignore[misc]


def _writer_lock(folder: Path) -> WriterLock:
    """The writer lock, or one line saying why this folder cannot be written."""
    lock = WriterLock(folder)
    if lock.path.is_dir():
        raise BadInput(f"{lock.path} is a folder; fieldkit keeps its lock file under that "
                       "name. Move that folder away and try again.")
    if not os.access(folder, os.W_OK):
        raise StorageFailure(f"{folder.name} is in a read-only place: it can be read "
                             "(fieldkit docs, search, show, export) but not changed here.")
    try:
        lock.acquire()
    except OSError as exc:
        raise failures.explain(exc, folder) from None  # type: ignore[misc]
    return lock


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


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "researcher"


def looks_like_uuid(text: str) -> bool:
    """Whether a reference is written as a UUID (36 characters, four dashes)."""
    return len(text) == 36 and text.count("-") == 4


def _check_date(date: str) -> str:
    from datetime import date as _date

    try:
        return _date.fromisoformat(date.strip()).isoformat()
    except ValueError:
        raise BadInput(f"'{date}' is not a date; use YYYY-MM-DD.") from None
