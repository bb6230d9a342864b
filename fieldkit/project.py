"""The ``Project`` facade: every operation the GUI, the CLI and the tests use.

A project is a folder ``Name.fieldkit/`` holding ``project.sqlite`` (the single source of truth),
``media/`` (content-addressed originals) and ``backups/``. Open one with ``Project.open(path)`` or
make one with ``Project.create(path)``; use it as a context manager so the writer lock is released.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from fieldkit.core import anchoring
from fieldkit.core.changes import ChangeSet
from fieldkit.core.codebook import PALETTE, Codebook, split_path, valid_colour
from fieldkit.core.errors import BadInput, NotFound, ReadOnly
from fieldkit.core.model import (
    Code,
    Coding,
    Document,
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
)
from fieldkit.core.progress import Progress
from fieldkit.core.text import context, normalise_newlines
from fieldkit.operations import encryption
from fieldkit.operations.agreement import Agreement
from fieldkit.operations.analysis import Analysis
from fieldkit.operations.assist import Assist
from fieldkit.operations.attributes import Attributes
from fieldkit.operations.autocode import AutoCoding
from fieldkit.operations.backups import Backups
from fieldkit.operations.cases import Cases
from fieldkit.operations.exports import Exports
from fieldkit.operations.imports import Imports, project_from_qdpx
from fieldkit.operations.indexing import Indexing
from fieldkit.operations.memos import Memos
from fieldkit.operations.merging import Merging
from fieldkit.operations.networks import Networks
from fieldkit.operations.pdfs import Pdfs, checked_area
from fieldkit.operations.recordings import Recordings
from fieldkit.operations.retrieval import Retrieval
from fieldkit.operations.sets import Sets
from fieldkit.storage import case_tables, database, keys, newfolder, opening, recording_tables
from fieldkit.storage.lock import WriterLock
from fieldkit.storage.mediastore import MediaStore
from fieldkit.storage.store import CodingFilter, DocumentSummary, Store
from fieldkit.team.replica import TeamWork

if TYPE_CHECKING:
    from fieldkit.index.results import SearchResult
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


@dataclass(slots=True)
class CoderSummary:
    """A coder with how many codings they made; ``current`` marks who is coding now."""

    name: str
    uuid: str
    codings: int
    current: bool


class Project:
    """An open fieldkit project.

    The core nouns (documents, codebook, codings, search, text edits, undo) are methods here;
    every other area is a part, built once here: ``index``, ``imports``, ``exports``,
    ``agreement``, ``merge``, ``assist``, ``team``, ``backups``, ``memos``, ``recordings``,
    ``analysis``, ``sets``, ``retrieval``, ``cases``, ``attributes`` and ``networks`` (see
    ``docs/architecture.md``).
    """

    def __init__(self, path: Path, store: Store, lock: WriterLock | None) -> None:
        self.path = path
        self._store = store
        self._lock = lock
        self.media = MediaStore(path)
        self.backup_warning = ""  # why the automatic backup on opening failed, if it did
        self.recovery_key: str | None = None  # an encrypted project's, just after creation
        self._coder = (
            os.environ.get("FIELDKIT_CODER") or store.meta("current_coder") or _login_name()
        )
        store.coder_name = self._coder
        self.index = Indexing(self, store)
        self.imports = Imports(self, store)
        self.exports = Exports(self, store)
        self.agreement = Agreement(self, store)
        self.merge = Merging(self, store)
        self.assist = Assist(self, store)
        self.backups = Backups(self, store)
        self.memos = Memos(self, store)
        self.sets = Sets(self, store)
        self.recordings = Recordings(self, store)
        self.retrieval = Retrieval(self, store)
        self.analysis = Analysis(self, store)
        self.autocode = AutoCoding(self, store)
        self.team = TeamWork(self, store)
        self.cases = Cases(self, store)
        self.attributes = Attributes(self, store)
        self.networks = Networks(self, store)
        self.pdfs = Pdfs(self, store)
        if not store.readonly and store.meta("team_url"):
            self.team.attach()

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, name: str | None = None, language: str = "nl",
               passphrase: str | None = None, recovery: bool = True) -> Project:
        """Make a new project folder and open it for writing (see ``build``); encrypted with
        ``passphrase`` when one is given (then ``recovery_key`` holds the recovery key to show
        once, unless not ``recovery``)."""
        return cls.build(path, name=name, language=language, passphrase=passphrase,
                         recovery=recovery)

    @classmethod
    def build(cls, path: str | Path, *, name: str | None = None, language: str = "nl",
              fill: Callable[[Project, Store], None] | None = None,
              passphrase: str | None = None, recovery: bool = True) -> Project:
        """Make a new project, let ``fill`` store its contents, and open it for writing.

        ``fill`` gets the new project and its store (bulk builders such as the demo and the
        REFI-QDA import write rows directly, in one change).

        The project is built in a hidden folder beside ``path`` and renamed into place only
        when complete, so a killed ``new``, ``demo`` or ``import-qdpx`` leaves no empty
        project that looks valid, and a retry is not blocked.
        """
        folder = Path(path)
        if language not in ("nl", "en"):
            raise BadInput(f"Language must be 'nl' or 'en', not '{language}'.")
        title = name or folder.name.removesuffix(".fieldkit")
        printed = None
        with newfolder.building(folder) as build:
            if passphrase is not None:  # encrypted from its first byte on
                printed = keys.create(build, passphrase, recovery=recovery)
            project = cls._start(build, title, language)
            try:
                if fill is not None:
                    fill(project, project._store)
            finally:
                project.close()
        project = cls.open(folder)
        project.recovery_key = printed
        return project

    @classmethod
    def _start(cls, folder: Path, title: str, language: str) -> Project:
        lock = opening.writer_lock(folder)
        try:
            conn = database.connect(folder / database.DB_NAME)
            database.migrate(conn, folder)
            store = Store(conn)
            with store.change("New project", log=False):
                for key, value in (("name", title), ("language", language),
                                   ("uuid", new_uuid()), ("created", utc_now())):
                    store.set_meta(key, value)
            (folder / database.BACKUPS).mkdir(exist_ok=True)
            (folder / "media").mkdir(exist_ok=True)
        except BaseException:
            lock.release()
            raise
        return cls(folder, store, lock)

    @classmethod
    def import_qdpx(cls, qdpx: str | Path, path: str | Path,
                    progress: Progress | None = None) -> Project:
        """A new project at ``path`` from a REFI-QDA project (see ``project_from_qdpx``)."""
        return project_from_qdpx(qdpx, path, progress)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False,
             passphrase: str | None = None) -> Project:
        """Open an existing project; for writing unless ``readonly`` (then no lock is taken).

        A database that is not a whole fieldkit project (someone else's SQLite file, one whose
        making was interrupted, one from a newer fieldkit, a damaged one) is refused with one
        line before anything in it changes. A writer takes an automatic backup when the last
        one is older than the project's backup interval. An encrypted project is unlocked
        with ``passphrase``, ``FIELDKIT_PASSPHRASE`` or the keyring (``operations.encryption``).
        """
        folder = Path(path)
        encryption.unlock(folder, passphrase)
        store, lock = opening.connect(folder, readonly)
        project = cls(folder, store, lock)
        if not readonly:
            project.backups.take_if_due()
        return project

    def close(self) -> None:
        self.pdfs.close()
        self._store.close()
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
        return self._store.meta("name", self.path.name)

    @property
    def language(self) -> str:
        return self._store.meta("language", "nl")

    @property
    def uuid(self) -> str:
        return self._store.meta("uuid")

    @property
    def readonly(self) -> bool:
        return self._store.readonly

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        """Call ``listener`` with each committed change set (the GUI refreshes from these)."""
        self._store.listeners.append(listener)

    def unsubscribe(self, listener: Callable[[ChangeSet], None]) -> None:
        if listener in self._store.listeners:
            self._store.listeners.remove(listener)

    # -- coders ----------------------------------------------------------------------------

    @property
    def coder(self) -> str:
        """The current coder: every coding and edit is attributed to this name."""
        return self._coder

    def set_coder(self, name: str, *, remember: bool = True) -> None:
        name = check_name(name, "coder", CODER_NAME_MAX)
        self._coder = name
        self._store.coder_name = name
        if remember and not self.readonly:
            with self._store.lock:
                self._store.set_meta("current_coder", name)

    def _coder_named(self, coder: str | None) -> str:
        return check_name(coder, "coder", CODER_NAME_MAX) if coder else self.coder

    def coders(self) -> list[Any]:
        return self._store.coders()

    def coder_summaries(self) -> list[CoderSummary]:
        """Every coder of the project with their number of codings."""
        current = self.coder.casefold()
        return [CoderSummary(c.name, c.uuid, len(self._store.codings(CodingFilter(coder_id=c.id))),
                             c.name.casefold() == current) for c in self._store.coders()]

    def find_coder(self, name: str) -> Any:
        """The coder with this name; NotFound if nobody of that name has coded here."""
        found = self._store.coder_by_name(name.strip())
        if found is None:
            known = ", ".join(c.name for c in self._store.coders()) or "none yet"
            raise NotFound(f"There is no coder '{name}' in this project (coders: {known}).")
        return found

    # -- sites, visits, participants --------------------------------------------------------

    def site(self, ref: int | str) -> Site:
        """A site by name, short id or UUID."""
        found = self._store.site_by_name(str(ref))
        if found is None:
            found = self._store.site(self._store.resolve("sites", ref))
        return found

    def sites(self) -> list[Site]:
        return self._store.sites()

    def ensure_site(self, name: str) -> Site:
        name = check_name(name, "site", SITE_NAME_MAX)
        found = self._store.site_by_name(name)
        if found is None:
            found = self._store.site(self._store.add_site(name))
        return found

    def visits(self, site: int | str | None = None) -> list[Visit]:
        return self._store.visits(None if site is None else self.site(site).id)

    def visit(self, ref: int | str) -> Visit:
        """A visit by short id or UUID."""
        return self._store.visit(self._store.resolve("visits", ref))

    def ensure_visit(self, site: int | str, date: str, observers: str = "") -> Visit:
        site_id = self.site(site).id
        date = _check_date(date)
        found = self._store.visit_on(site_id, date)
        if found is None:
            found = self._store.visit(self._store.add_visit(site_id, date, observers))
        return found

    def participants(self) -> list[Any]:
        return self._store.participants()

    def ensure_participant(self, pseudonym: str, **fields: Any) -> Any:
        found = self._store.participant_by_pseudonym(pseudonym)
        if found is None:
            self._store.add_participant(pseudonym, **fields)
            found = self._store.participant_by_pseudonym(pseudonym)
        return found

    # -- documents -------------------------------------------------------------------------

    def document(self, ref: int | str) -> Document:
        return self._store.document(self._store.resolve("documents", ref))

    def documents(self, *, kind: str | None = None, site: int | str | None = None,
                  visit: int | str | None = None) -> list[DocumentSummary]:
        site_id = self.site(site).id if site is not None else None
        visit_id = self._store.resolve("visits", visit) if visit is not None else None
        return self._store.document_summaries(kind=kind, site_id=site_id, visit_id=visit_id)

    def turns(self, ref: int | str) -> list[Turn]:
        return self._store.turns(self._store.resolve("documents", ref))

    def add_note(self, *, site: str, title: str, text: str, visit: str | None = None,
                 kind: str = "fieldnote") -> Document:
        """Write a fieldnote (or memo) for a site and optional visit date."""
        if kind not in ("fieldnote", "memo"):
            raise BadInput(f"A note is a fieldnote or a memo, not '{kind}'.")
        title = check_title(title, "note")
        if not text.strip():
            raise BadInput("A note needs some text; nothing was saved.")
        with self._store.change(f"New note {title}"):
            site_row = self.ensure_site(site)
            visit_row = self.ensure_visit(site_row.id, visit) if visit else None
            key = self._store.add_document({
                "kind": kind, "title": title, "text": normalise_newlines(text),
                "site_id": site_row.id, "visit_id": visit_row.id if visit_row else None,
            })
        return self._store.document(key)

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 100) -> SearchResult:
        """Ranked hits for ``query``; any text is accepted (see ``SearchResult.note``)."""
        return self.index.search(query, limit=limit)

    # -- text edits ------------------------------------------------------------------------

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
        if self._store.meta("team_url"):
            self.team.before_text_edit(doc)
        # the coded segments' search rows are compared once, after codings and text have moved
        with self._store.change(f"Edit {doc.title}"), self._store.regions_later(doc.id):
            report = self.reanchor(doc.id, doc.text, new_text)
            self._store.update_document(doc.id, {"text": new_text})
        return report

    def reanchor(self, document_id: int, old_text: str, new_text: str) -> EditReport:
        """Move a document's text codings from ``old_text`` onto ``new_text`` (by their words),
        and its case parts onto what survives of their text.

        Used by ``edit_text`` and, on every team replica, when a text edit arrives.
        """
        edit = anchoring.EditMap(old_text, new_text)
        kept = moved = orphaned = 0
        updates: list[tuple[int, dict[str, Any]]] = []
        with self._store.change("Re-anchor codings"):
            for key, start, end, quote, before, after, was_orphaned in \
                    self._store.text_anchors(document_id):
                placed = anchoring.place(anchoring.Anchor(start, end, quote, before, after),
                                         new_text, edit)
                values: dict[str, Any] = {"start": placed.start, "end": placed.end,
                                          "orphaned": int(placed.orphaned)}
                now: dict[str, Any] = {"start": start, "end": end, "orphaned": int(was_orphaned)}
                if not placed.orphaned:
                    values["quote"] = new_text[placed.start:placed.end]
                    values["before"], values["after"] = context(new_text, placed.start,
                                                                placed.end)
                    now.update(quote=quote, before=before, after=after)
                if values != now:  # most codings of a long note stay put
                    updates.append((key, values))
                if placed.orphaned:
                    orphaned += 1
                elif placed.moved:
                    moved += 1
                else:
                    kept += 1
            self._store.update_codings(updates)
            case_tables.move_parts(self._store, document_id,
                                   lambda start, end: _placed(old_text, new_text, edit,
                                                              start, end))
        return EditReport(kept, moved, orphaned)

    def fit_coding(self, coding_id: int) -> None:
        """A coding made on an older text (it arrived from a team mate after a text edit): put
        it on its quote nearest to where it was, or mark it orphaned when the quote is gone."""
        coding = self._store.coding(coding_id)
        if coding.start is None or coding.end is None or coding.orphaned:
            return
        text = self._store.document(coding.document_id).text
        inside = coding.end <= len(text)
        if inside and text[coding.start:coding.end] == coding.quote:
            return
        places = anchoring.occurrences(text, coding.quote) if coding.quote else []
        if not places:
            self._store.update_coding(coding_id, {"orphaned": 1})
            return
        start = min(places, key=lambda p: (abs(p - coding.start), p))  # type: ignore[operator]
        end = start + len(coding.quote)
        before, after = context(text, start, end)
        self._store.update_coding(coding_id, {"start": start, "end": end, "before": before,
                                             "after": after})

    def rename_document(self, ref: int | str, title: str) -> None:
        title = check_title(title)
        self._store.update_document(self._store.resolve("documents", ref), {"title": title})

    def delete_document(self, ref: int | str) -> None:
        self._store.delete_document(self._store.resolve("documents", ref))

    def unused_media(self) -> list[Path]:
        """Files in ``media/`` that no document uses (left by an interrupted import)."""
        return self.media.unused(self._store.media_in_use())

    def remove_unused_media(self) -> list[Path]:
        """Delete what ``unused_media`` lists; returns what was removed."""
        if self.readonly:
            raise ReadOnly("This project is open read-only; nothing was changed.")
        with self._store.lock:  # no import of this process is storing files meanwhile
            gone = self.unused_media()
            for path in gone:
                path.unlink(missing_ok=True)
        return gone

    def media_file(self, media_id: int) -> Path:
        m = self._store.media(media_id)
        return self.media.path(m.sha256, m.filename)

    def open_media(self, media_id: int) -> BinaryIO:
        """The media file's plaintext, file-like and seekable (decrypted chunk by chunk in an
        encrypted project, where ``media_file``'s path holds only ciphertext)."""
        m = self._store.media(media_id)
        return self.media.open(m.sha256, m.filename)

    def thumbnail_file(self, media_id: int) -> Path:
        return self.media.thumbnail_path(self._store.media(media_id).sha256)

    # -- codebook --------------------------------------------------------------------------

    def codebook(self) -> Codebook:
        return Codebook(self._store.codes())

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
                return self._store.code(self._store.resolve("codes", text))
            raise NotFound(f"There is no code '{ref}' in the codebook.")
        return self._store.code(self._store.resolve("codes", text))

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
        with self._store.change(f"Add code {path}"):
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
                    key = self._store.add_code(values)
                    book = self.codebook()
                    code = book.codes[key]
                elif last:
                    changes = {k: v for k, v in fields.items() if v}
                    if colour:
                        changes["colour"] = valid_colour(colour)
                    if changes:
                        self._store.update_code(code.id, changes)
                parent = code.id
        assert code is not None
        return self._store.code(code.id)

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
        self._store.update_code(code.id, fields)
        return self._store.code(code.id)

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
        self._store.update_code(code.id, values)
        return self._store.code(code.id)

    def _check_sibling_name(self, parent_id: int | None, name: str, own_id: int) -> None:
        for sibling in self.codebook().children(parent_id):
            if sibling.id != own_id and sibling.name.casefold() == name.casefold():
                raise BadInput(f"There is already a code '{name}' there.")

    def delete_code(self, ref: int | str) -> int:
        """Delete a code with its sub-codes and codings; returns how many codings went."""
        code = self.code(ref)
        ids = [code.id, *self.codebook().descendants(code.id)]
        gone = len(self._store.codings(CodingFilter(code_ids=ids)))
        self._store.delete_code(code.id)
        return gone

    def codes_with_counts(self) -> list[tuple[int, Code, str, int]]:
        """(depth, code, path, codings) in codebook order."""
        book = self.codebook()
        counts = self._store.coding_counts()
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
        coder_id = self._store.coder_id(self._coder_named(coder))
        existing = self._store.find_coding(document.id, code_row.id, coder_id, start, end)
        if existing is not None:
            return self._store.coding(existing)
        before, after = context(document.text, start, end)
        key = self._store.add_coding({
            "document_id": document.id, "code_id": code_row.id, "coder_id": coder_id,
            "start": start, "end": end, "quote": document.text[start:end],
            "before": before, "after": after, "memo": memo,
        })
        return self._store.coding(key)

    def code_region(self, doc: int | str, region: Region, code: int | str, *,
                    coder: str | None = None, memo: str = "") -> Coding:
        """Apply a code to a rectangle of a photo (pixels, orientation applied) or of a PDF
        page (points from its top-left, ``region.page`` from 1; quoting the text inside)."""
        document = self.document(doc)
        quote = document.text
        if document.kind == "pdf":
            region, quote = checked_area(self, self._store, document, region)
        elif region.page is not None:
            raise BadInput(f"'{document.title}' has no pages; leave out the page.")
        elif document.media_id is None:
            raise BadInput(f"'{document.title}' has no picture to code a region of.")
        else:
            media = self._store.media(document.media_id)
            if (region.width <= 0 or region.height <= 0 or region.x < 0 or region.y < 0
                    or (media.width and region.x + region.width > media.width)
                    or (media.height and region.y + region.height > media.height)):
                raise BadInput("That rectangle is not inside the photo.")
        code_row = self.code(code)
        key = self._store.add_coding({
            "document_id": document.id, "code_id": code_row.id,
            "coder_id": self._store.coder_id(self._coder_named(coder)), "start": None, "end": None,
            "x": region.x, "y": region.y, "width": region.width, "height": region.height,
            "memo": memo, "quote": quote, **({"page": region.page} if region.page else {}),
        })
        return self._store.coding(key)

    def coding(self, ref: int | str) -> Coding:
        return self._store.coding(self._store.resolve("codings", ref))

    def uncode(self, ref: int | str) -> Coding:
        """Remove one coding (undoable); returns what was removed."""
        coding = self.coding(ref)
        self._store.delete_coding(coding.id)
        return coding

    def recode(self, ref: int | str, code: int | str) -> Coding:
        coding = self.coding(ref)
        self._store.update_coding(coding.id, {"code_id": self.code(code).id})
        return self._store.coding(coding.id)

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
        doc_id = self._store.resolve("documents", doc) if doc is not None else None
        return self.codings_of(code_ids=code_ids, document_id=doc_id, coder_id=coder_id)

    def coder_name(self, coder_id: int) -> str:
        return self._store.name_of_coder(coder_id)

    # -- reading for exporters, checks and team (issue 24) --------------------------------

    @property
    def created(self) -> str:
        """When the project was made: UTC ISO-8601 as stored ('' when the project holds none).

        Exports stamp their files with it, so one project always gives the same bytes.
        """
        return self._store.meta("created")

    def media_info(self, media_id: int) -> Media:
        """The stored facts of one media file (hash, file name, size, picture size) by its id;
        ``media_file`` gives its path. NotFound when no media row has this id."""
        return self._store.media(media_id)

    def linked_recording(self, transcript_id: int) -> tuple[int, int] | None:
        """(recording document id, offset in ms) of a transcript linked to a recording; None
        for any other document (a recording document itself included)."""
        return recording_tables.linked_recording(self._store, transcript_id)

    def codings_of(self, *, code_ids: Sequence[int] | None = None,
                   document_id: int | None = None,
                   coder_id: int | None = None) -> list[Coding]:
        """Codings by row ids, none of them looked up again (``codings`` resolves names, paths
        and UUIDs): of any of ``code_ids`` (an empty list: none), in ``document_id``, by
        ``coder_id``; each filter left None matches every coding. Ordered by document, start,
        id."""
        return self._store.codings(CodingFilter(code_ids, document_id, coder_id))

    def coding_counts(self) -> dict[int, int]:
        """How many codings each code has (its own, sub-codes not added), by code id; a code
        without codings is left out."""
        return self._store.coding_counts()

    def case_documents(self, case_id: int) -> list[int]:
        """The ids of the documents that belong to the case ``case_id``."""
        return self._store.case_members(case_id)[0]

    # -- undo ------------------------------------------------------------------------------

    def action(self, label: str) -> AbstractContextManager[ChangeSet]:
        """One named undo step around several facade calls (``with project.action("Code …"):``).

        Calls inside join it; the step commits (and listeners hear of it) when the block ends,
        or nothing of it is kept when the block raises.
        """
        return self._store.change(label)

    def undo(self) -> ChangeSet | None:
        """Undo the latest change (this session's or an earlier one's); None if nothing to undo."""
        return self._store.undo()

    def redo(self) -> ChangeSet | None:
        return self._store.redo()

    def undo_label(self) -> str | None:
        return self._store.undo_label()

    def redo_label(self) -> str | None:
        return self._store.redo_label()

    # -- maintenance -----------------------------------------------------------------------

    def check(self, progress: Progress | None = None) -> list[Problem]:
        """Verify the project and report problems in plain words (an empty list: all is well)."""
        from fieldkit.checks import check_project

        return check_project(self, self._store, progress or Progress.silent())


def _placed(old_text: str, new_text: str, edit: anchoring.EditMap, start: int,
            end: int) -> tuple[int, int] | None:
    """Where ``[start, end)`` of ``old_text`` goes in ``new_text`` (on its words, as a coding
    goes); None when its words are gone."""
    before, after = context(old_text, start, end)
    placed = anchoring.place(anchoring.Anchor(start, end, old_text[start:end], before, after),
                             new_text, edit)
    return None if placed.orphaned or placed.end <= placed.start else (placed.start, placed.end)


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
