"""Merging a colleague's copy of a project into this one, matching every row by its UUID.

Two coders work in copies of one project; ``merge_project`` brings the other copy's sites,
visits, participants, cases, media files, documents, codes, coders and codings into this project.
Rules, so that nothing is lost and nothing doubles:

* A row whose UUID we already have is the same row. Where the two versions differ we keep ours
  and add their differing texts to ours ("— merged from <project>: …"), reporting a conflict; a
  text already present is not added again, so merging twice changes nothing.
* Rows without a UUID match are matched on their natural key where the schema has one (a coder's
  or site's name, a visit's site and date, a participant's pseudonym, a code's name under the
  same parent, a media file's sha256) — two people who both created "Peer help" mean one code.
* A document with our UUID but other text keeps our text; their codings on it are re-anchored on
  their quoted words (``core.anchoring``) or, when the words are gone, reported as not placeable.
* A coding is skipped when we have its UUID or the same document, code, coder and span already.
* Sets, memo details, memo links and saved queries follow (``team.merge_workbench``).

The whole merge is one change set (one undo step), after a backup of the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core import anchoring
from fieldkit.core.codebook import Codebook, check_depth
from fieldkit.core.errors import BadInput
from fieldkit.core.model import Code, Coding, Document, utc_now
from fieldkit.core.progress import Progress
from fieldkit.core.text import context
from fieldkit.storage.mediastore import MediaStore, MediaUnfit
from fieldkit.storage.workbench_tables import memo_details

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

CODE_TEXTS = ("definition", "inclusion", "exclusion", "example", "memo")
COUNTED = ("coders", "sites", "visits", "participants", "cases", "media", "documents", "codes",
           "codings", "case_links", "case_parts", "attributes", "attribute_values",
           "merged_texts", "sets", "memo_links", "relation_types", "networks", "network_nodes",
           "code_links", "network_links")


@dataclass(slots=True)
class MergeConflict:
    """One row both projects changed differently; ``detail`` says what we did about it."""

    kind: str  # "code", "document", "coding", "site", "participant", "case", "attribute"
    uuid: str
    name: str
    detail: str


@dataclass(slots=True)
class MergeSummary:
    """What a merge brought in. Every count is of rows added (or, ``merged_texts``, of texts
    appended to our rows); all zero and no conflicts means the merge changed nothing."""

    source: str
    coders: int = 0
    sites: int = 0
    visits: int = 0
    participants: int = 0
    cases: int = 0
    media: int = 0
    documents: int = 0
    codes: int = 0
    codings: int = 0
    case_links: int = 0
    case_parts: int = 0
    attributes: int = 0  # attribute definitions
    attribute_values: int = 0  # values added to our cases and documents
    merged_texts: int = 0
    sets: int = 0  # sets added or given new members
    memo_links: int = 0
    relation_types: int = 0
    networks: int = 0
    network_nodes: int = 0
    code_links: int = 0  # links between codes (a property of the codes)
    network_links: int = 0
    codings_reanchored: int = 0  # of ``codings``: placed by their quote on our text
    duplicates_skipped: int = 0  # codings with a new UUID on a span we already had
    matched_by_name: int = 0  # rows without our UUID that matched ours by name (informational)
    conflicts: list[MergeConflict] = field(default_factory=list)
    not_placed: list[str] = field(default_factory=list)  # codings whose words are not in ours
    backup: str = ""

    @property
    def added(self) -> int:
        return sum(getattr(self, name) for name in COUNTED)

    @property
    def changed(self) -> bool:
        return self.added > 0

    def lines(self) -> list[str]:
        """The summary in plain words, one finding a line (what ``fieldkit merge`` prints)."""
        counts = [f"{getattr(self, n)} {n.replace('_', ' ')}" for n in COUNTED
                  if getattr(self, n)]
        out = [f"Merged from {self.source}: " + (", ".join(counts) if counts
                                                  else "nothing new.")]
        if self.codings_reanchored:
            out.append(f"{self.codings_reanchored} codings re-anchored on changed text.")
        if self.duplicates_skipped:
            out.append(f"{self.duplicates_skipped} duplicate codings skipped.")
        out += [f"Conflict ({c.kind} '{c.name}'): {c.detail}" for c in self.conflicts]
        out += [f"Not placed: {text}" for text in self.not_placed]
        if self.backup:
            out.append(f"Backup before merging: {self.backup}")
        return out


def merged_text(ours: str, theirs: str, source: str) -> str | None:
    """Our text with theirs appended as "— merged from …", or None when nothing is to add."""
    theirs = theirs.strip()
    if not theirs or theirs in ours:
        return None
    if not ours.strip():
        return theirs
    return f"{ours.rstrip()}\n\n— merged from {source}: {theirs}"


class _Merger:
    """One merge: maps from their row ids to ours, filled table by table."""

    def __init__(self, ours: Project, store: Store, theirs: Store, their_media: MediaStore,
                 progress: Progress) -> None:
        self.ours, self.their_store, self.progress = ours, theirs, progress
        self.store = store
        self.their_media = their_media
        self.source = theirs.meta("name", "")
        self.summary = MergeSummary(self.source)
        self.coders: dict[int, int] = {}
        self._details: dict[int, Any] | None = None  # their memo details by document id
        self.sites: dict[int, int] = {}
        self.visits: dict[int, int] = {}
        self.participants: dict[int, int] = {}
        self.cases: dict[int, int] = {}
        self.media: dict[int, int] = {}
        self.documents: dict[int, int] = {}
        self.changed_text: dict[int, tuple[str, str]] = {}  # their doc id → (theirs, ours)
        self.edit_maps: dict[int, anchoring.EditMap] = {}  # one diff per changed document
        self.codes: dict[int, int] = {}

    def conflict(self, kind: str, uuid: str, name: str, detail: str) -> None:
        self.summary.conflicts.append(MergeConflict(kind, uuid, name, detail))

    def append_texts(self, kind: str, uuid: str, name: str, ours: Any, theirs: Any,
                     fields: tuple[str, ...], notes: Sequence[str] = ()) -> dict[str, str]:
        """Their differing texts (and notes on other differences) added to ours."""
        changes: dict[str, str] = {}
        for name_of_field in fields:
            text = merged_text(getattr(ours, name_of_field), getattr(theirs, name_of_field),
                               self.source)
            if text is not None:
                changes[name_of_field] = text
        memo = changes.get("memo", getattr(ours, "memo", ""))
        for note in notes:
            text = merged_text(memo, note, self.source) if "memo" in fields else None
            if text is not None:
                memo = changes["memo"] = text
        if changes:
            self.summary.merged_texts += len(changes)
            clashing = sorted(k for k in changes if getattr(ours, k).strip())
            if clashing:  # filling an empty text of ours loses nothing and is no conflict
                self.conflict(kind, uuid, name,
                              f"kept ours; added their {', '.join(clashing)} from {self.source}")
        return changes

    def memo_stamp(self, row: Any) -> dict[str, Any]:
        """Who wrote their row's memo and when, with their coders as ours (nobody, where they
        do not know: the memo is not the merger's)."""
        if not row.memo:
            return {}
        return {"memo_by": self.coders.get(row.memo_by), "memo_created": row.memo_created,
                "memo_modified_by": self.coders.get(row.memo_modified_by),
                "memo_modified": row.memo_modified}

    def memo_details(self, doc: Document) -> dict[str, Any] | None:
        """Their memo document's details (type, author, date, its writers as our coders; a
        memo of theirs without details is nobody's ``theoretical`` one), None for others."""
        if doc.kind != "memo":
            return None
        if self._details is None:
            self._details = {r["document_id"]: r for r in memo_details(self.their_store)}
        found = self._details.get(doc.id)
        if found is None:
            return {"type": "theoretical", "author": "", "date": doc.created[:10],
                    "created_by": None, "modified_by": None}
        keys = found.keys()
        return {"type": found["type"], "author": found["author"], "date": found["date"],
                **{k: self.coders.get(found[k]) if k in keys else None
                   for k in ("created_by", "modified_by")}}

    # -- people and places ---------------------------------------------------------------

    def merge_coders(self) -> None:
        for coder in self.their_store.coders():
            key = self.store.id_by_uuid("coders", coder.uuid)
            if key is None:
                found = self.store.coder_by_name(coder.name)
                if found is not None:
                    key = found.id
                    self.summary.matched_by_name += 1
                else:
                    key = self.store.insert("coders", {"uuid": coder.uuid, "name": coder.name,
                                                       "created": utc_now()})
                    self.summary.coders += 1
            self.coders[coder.id] = key

    def merge_sites(self) -> None:
        for site in self.their_store.sites():
            key = self.store.id_by_uuid("sites", site.uuid)
            if key is None:
                found = self.store.site_by_name(site.name)
                if found is not None:
                    key = found.id
                    self.summary.matched_by_name += 1
                else:
                    key = self.store.add_site(site.name, site.description, uuid=site.uuid)
                    self.summary.sites += 1
                    self.sites[site.id] = key
                    continue
            ours = self.store.site(key)
            changes = self.append_texts("site", site.uuid, site.name, ours, site,
                                        ("description",))
            if changes:
                self.store.update("sites", key, changes)
            self.sites[site.id] = key
        for visit in self.their_store.visits():
            key = self.store.id_by_uuid("visits", visit.uuid)
            site_id = self.sites[visit.site_id]
            if key is None:
                same_day = self.store.visit_on(site_id, visit.date)
                if same_day is not None:
                    key = same_day.id
                else:
                    key = self.store.add_visit(site_id, visit.date, visit.observers,
                                               uuid=visit.uuid)
                    self.summary.visits += 1
            self.visits[visit.id] = key

    def merge_participants(self) -> None:
        for person in self.their_store.participants():
            key = self.store.id_by_uuid("participants", person.uuid)
            if key is None:
                found = self.store.participant_by_pseudonym(person.pseudonym)
                if found is not None:
                    key = found.id
                    self.summary.matched_by_name += 1
                else:
                    key = self.store.add_participant(
                        person.pseudonym, name=person.name, role=person.role,
                        site_id=self.sites.get(person.site_id) if person.site_id else None,
                        attributes=person.attributes, uuid=person.uuid)
                    self.summary.participants += 1
            self.participants[person.id] = key

    def merge_media(self) -> None:
        for media in self.their_store.all_media():
            found = self.store.media_by_sha(media.sha256)
            if found is None or not self.ours.media.path(media.sha256, media.filename).exists():
                try:  # their file as imported, never read through a link
                    data = self.their_media.read(media.sha256, media.filename)
                except MediaUnfit as exc:
                    if found is None:
                        self.summary.not_placed.append(
                            f"media file {media.filename} is {exc} in {self.source}; "
                            "not copied")
                        continue
                else:
                    thumbnail = self.their_media.thumbnail(media.sha256)
                    self.ours.media.put(data, media.filename, thumbnail)
            if found is None:
                values = {k: getattr(media, k) for k in (
                    "sha256", "filename", "mime", "size", "width", "height", "taken",
                    "orientation")}
                self.media[media.id] = self.store.add_media(values)
                self.summary.media += 1
            else:
                self.media[media.id] = found.id

    # -- documents and cases -------------------------------------------------------------

    def merge_documents(self) -> None:
        their_store = self.their_store
        ids = their_store.document_ids()
        for their_id in ids:
            doc = their_store.document(their_id)
            key = self.store.id_by_uuid("documents", doc.uuid)
            if key is None:
                self.documents[their_id] = self.add_document(doc)
                self.summary.documents += 1
            else:
                self.documents[their_id] = key
                self.compare_document(self.store.document(key), doc)
            self.progress.step(f"Document {doc.title}")
        self.copy_links()

    def add_document(self, doc: Document) -> int:
        values: dict[str, Any] = {
            "uuid": doc.uuid, "kind": doc.kind, "title": doc.title, "text": doc.text,
            "site_id": self.sites.get(doc.site_id) if doc.site_id else None,
            "visit_id": self.visits.get(doc.visit_id) if doc.visit_id else None,
            "participant_id": (self.participants.get(doc.participant_id)
                               if doc.participant_id else None),
            "media_id": self.media.get(doc.media_id) if doc.media_id else None,
            "created": doc.created, "modified": doc.modified, "source_name": doc.source_name,
            "memo": doc.memo, "attributes": doc.attributes, **self.memo_stamp(doc),
        }
        key = self.store.add_document(values, self.their_store.turns(doc.id),
                                      details=self.memo_details(doc))
        self.copy_recording(doc.id, key)
        self.copy_pdf(doc.id, key)
        return key

    def copy_pdf(self, their_id: int, key: int) -> None:
        """A PDF document brings its facts and pages (its boxes are read from the original,
        merged with the media, when a page is first shown)."""
        from fieldkit.storage import pdf_tables

        info = pdf_tables.info(self.their_store, their_id)
        if info is not None and pdf_tables.info(self.store, key) is None:
            pdf_tables.add(self.store, key, self.media[info.media_id],
                           pdf_tables.pages(self.their_store, their_id), [], info.title,
                           info.created)

    def copy_recording(self, their_id: int, key: int) -> None:
        """A recording document brings its facts; a transcript its link to its recording
        (once that recording is here: links are copied again after all documents)."""
        from fieldkit.storage import recording_tables

        theirs = self.their_store
        rec = recording_tables.recording(theirs, their_id)
        if rec is not None and recording_tables.recording(self.store, key) is None:
            recording_tables.add_recording(self.store, {
                "document_id": key, "media_id": self.media[rec.media_id],
                "duration_ms": rec.duration_ms, "format": rec.format, "video": int(rec.video),
                "width": rec.width, "height": rec.height, "recorded": rec.recorded})

    def copy_links(self) -> None:
        from fieldkit.storage import recording_tables

        for their_id, ours in self.documents.items():
            link = recording_tables.linked_recording(self.their_store, their_id)
            if link is not None and link[0] in self.documents and \
                    recording_tables.linked_recording(self.store, ours) is None:
                recording_tables.link(self.store, ours, self.documents[link[0]], link[1])

    def compare_document(self, ours: Document, theirs: Document) -> None:
        if ours.text != theirs.text:
            self.changed_text[theirs.id] = (theirs.text, ours.text)
            self.conflict("document", ours.uuid, ours.title,
                          f"the text differs in {self.source}; kept ours, their codings on it "
                          "were re-anchored on their quoted words")
        notes = [f"title there: {theirs.title}"] if theirs.title != ours.title else []
        changes = self.append_texts("document", ours.uuid, ours.title, ours, theirs,
                                    ("memo",), notes)
        if changes:
            self.store.update_document(ours.id, changes)

    def merge_cases(self) -> None:
        their_store = self.their_store
        for case in their_store.cases():
            key = self.store.id_by_uuid("cases", case.uuid)
            if key is None:
                found = next((c for c in self.store.cases()
                              if c.name.casefold() == case.name.casefold()), None)
                if found is not None:
                    key = found.id
                    self.summary.matched_by_name += 1
                else:
                    key = self.store.add_case(case.name, case.description, case.attributes,
                                              uuid=case.uuid)
                    self.summary.cases += 1
            self.cases[case.id] = key
            docs, people = self.store.case_members(key)
            their_docs, their_people = their_store.case_members(case.id)
            for doc_id in their_docs:
                mapped = self.documents.get(doc_id)
                if mapped is not None and mapped not in docs:
                    self.store.add_to_case(key, document_id=mapped)
                    self.summary.case_links += 1
            for person_id in their_people:
                mapped = self.participants.get(person_id)
                if mapped is not None and mapped not in people:
                    self.store.add_to_case(key, participant_id=mapped)
                    self.summary.case_links += 1

    def merge_case_data(self) -> None:
        """Attribute definitions, case parts and attribute values (``team.merge_cases``)."""
        from fieldkit.team.merge_cases import merge_case_data

        counts = merge_case_data(self.store, self.their_store, self.cases, self.documents,
                                 self.source, self.conflict, self.participants)
        self.summary.attributes += counts.attributes
        self.summary.case_parts += counts.case_parts
        self.summary.attribute_values += counts.values

    # -- codebook and codings ------------------------------------------------------------

    def merge_codes(self) -> None:
        their_codes = self.their_store.codes()
        by_id = {c.id: c for c in their_codes}
        their_book_path = Codebook(their_codes).path
        from fieldkit.team.codes import code_aliases

        aliases = code_aliases(self.store)
        # Our codebook is read once and kept up to date here: reading it again for every
        # code made merging 10,000 codes take minutes (issue 22).
        book = self.ours.codebook()
        siblings: dict[tuple[int | None, str], int] = {}
        for our_code in sorted(book.codes.values(), key=lambda c: (c.position, c.id),
                               reverse=True):  # the first of equal names wins, as before
            siblings[(our_code.parent_id, our_code.name.casefold())] = our_code.id
        paths: dict[int, str] = {}

        def our_path(key: int) -> str:
            if key not in paths:
                paths[key] = book.path(key)
            return paths[key]

        for code in sorted(their_codes, key=lambda c: _depth(c, by_id)):
            key = self.store.id_by_uuid("codes", code.uuid)
            seen: set[str] = set()
            uuid = code.uuid
            while key is None and uuid in aliases and uuid not in seen:
                seen.add(uuid)
                uuid = aliases[uuid]  # merged into another code here
                key = self.store.id_by_uuid("codes", uuid)
            if key is not None and uuid != code.uuid:
                self.codes[code.id] = key
                continue
            parent = self.codes.get(code.parent_id) if code.parent_id else None
            if key is None:
                sibling = siblings.get((parent, code.name.casefold()))
                if sibling is None:
                    values = {k: getattr(code, k) for k in ("uuid", "name", "colour",
                                                            *CODE_TEXTS)}
                    added = self.store.add_code({**values, "parent_id": parent,
                                                 **self.memo_stamp(code)})
                    self.codes[code.id] = added
                    siblings[(parent, code.name.casefold())] = added
                    paths[added] = (f"{our_path(parent)}/{code.name}" if parent is not None
                                    else code.name)
                    self.summary.codes += 1
                    continue
                key = sibling
                self.summary.matched_by_name += 1
            self.codes[code.id] = key
            ours = self.store.code(key)
            notes = []
            if ours.name != code.name:
                notes.append(f"name there: {code.name}")
            if ours.colour.lower() != code.colour.lower():
                notes.append(f"colour there: {code.colour}")
            if ours.parent_id != parent:
                notes.append(f"placed under '{their_book_path(code.id)}' there")
            changes = self.append_texts("code", ours.uuid, our_path(key), ours, code,
                                        CODE_TEXTS, notes)
            if changes:
                self.store.update_code(key, changes)

    def merge_codings(self) -> None:
        existing = {c.uuid for c in self.store.codings()}
        spans = {_span_key(c.document_id, c.code_id, c.coder_id, c)
                 for c in self.store.codings()}
        texts: dict[int, str] = {}
        for coding in self.their_store.codings():
            if coding.uuid in existing:
                continue
            doc_id = self.documents[coding.document_id]
            values: dict[str, Any] = {
                "uuid": coding.uuid, "document_id": doc_id,
                "code_id": self.codes[coding.code_id], "coder_id": self.coders[coding.coder_id],
                "start": coding.start, "end": coding.end, "quote": coding.quote,
                "before": coding.before, "after": coding.after, "memo": coding.memo,
                "created": coding.created, "orphaned": int(coding.orphaned),
                **self.memo_stamp(coding),
            }
            if coding.start_ms is not None:  # a stretch of a recording
                values.update(start_ms=coding.start_ms, end_ms=coding.end_ms)
            if coding.region is not None:
                region = coding.region
                values.update(x=region.x, y=region.y, width=region.width, height=region.height)
                if region.page is not None:  # an area of a PDF page
                    values["page"] = region.page
            elif coding.document_id in self.changed_text:
                if doc_id not in texts:
                    texts[doc_id] = self.store.document(doc_id).text
                if not self.reanchor(coding, values, texts[doc_id]):
                    continue
            key = _span_key(doc_id, values["code_id"], values["coder_id"], coding,
                            values["start"], values["end"])
            if key in spans:
                self.summary.duplicates_skipped += 1
                continue
            spans.add(key)
            existing.add(coding.uuid)
            self.store.add_coding(values)
            self.summary.codings += 1

    def reanchor(self, coding: Coding, values: dict[str, Any], our_text: str) -> bool:
        """Place a coding made on their version of a text onto ours; False if it cannot be."""
        assert coding.start is not None and coding.end is not None
        if our_text[coding.start:coding.end] == coding.quote:
            return True
        edit = self.edit_maps.get(coding.document_id)
        if edit is None or edit.new != our_text:
            their_text, _ = self.changed_text[coding.document_id]
            edit = self.edit_maps[coding.document_id] = anchoring.EditMap(their_text, our_text)
        placed = anchoring.place(
            anchoring.Anchor(coding.start, coding.end, coding.quote, coding.before,
                             coding.after), our_text, edit)
        if placed.orphaned:
            self.summary.not_placed.append(
                f"coding {coding.uuid} (\"{coding.quote[:40]}\") — its words are not in our "
                "version of the document")
            return False
        before, after = context(our_text, placed.start, placed.end)
        values.update(start=placed.start, end=placed.end,
                      quote=our_text[placed.start:placed.end], before=before, after=after)
        self.summary.codings_reanchored += 1
        return True

    def run(self) -> MergeSummary:
        steps = len(self.their_store.document_ids()) + 4
        self.progress.start(steps, f"Merging {self.source}")
        self.merge_coders()
        self.merge_sites()
        self.merge_participants()
        self.merge_media()
        self.progress.step("Sites, people and media")
        self.merge_documents()
        self.merge_cases()
        self.merge_case_data()
        self.progress.step("Cases")
        self.merge_codes()
        self.progress.step("Codebook")
        self.merge_codings()
        self.progress.step("Codings")
        from fieldkit.team.merge_workbench import merge_workbench

        self.summary.sets, self.summary.memo_links = merge_workbench(
            self.store, self.their_store, self.documents, self.codes)
        self.merge_networks()
        return self.summary

    def merge_networks(self) -> None:
        """Relation types, networks, nodes and links (``team.merge_networks``)."""
        from fieldkit.team.merge_networks import merge_networks

        counts = merge_networks(self.store, self.their_store, self.codes, self.documents,
                                self.source, self.conflict)
        for name in ("relation_types", "networks", "network_nodes", "code_links",
                     "network_links"):
            setattr(self.summary, name, getattr(self.summary, name) + getattr(counts, name))


def _depth(code: Code, by_id: dict[int, Code]) -> int:
    depth, current, seen = 0, code.parent_id, set()
    while current is not None and current in by_id and current not in seen:
        seen.add(current)
        depth += 1
        current = by_id[current].parent_id
    return depth


def _span_key(doc_id: int, code_id: int, coder_id: int, coding: Coding,
              start: int | None = None, end: int | None = None) -> tuple[Any, ...]:
    if coding.region is not None:
        r = coding.region
        return (doc_id, code_id, coder_id, None, None, r.page, r.x, r.y, r.width, r.height)
    if start is None:
        start, end = coding.start, coding.end
    return (doc_id, code_id, coder_id, start, end, coding.start_ms, coding.end_ms)


def merge_project(ours: Project, store: Store, other: Path,
                  progress: Progress | None = None, *,
                  source_name: str | None = None) -> MergeSummary:
    """Merge the project folder ``other`` into ``ours`` (whose store is ``store``; see the
    module docstring)."""
    from fieldkit.storage.opening import open_store

    progress = progress or Progress.silent()
    if ours.readonly:
        from fieldkit.core.errors import ReadOnly

        raise ReadOnly("This project is open read-only; nothing was changed.")
    if Path(other).resolve() == ours.path.resolve():
        raise BadInput("A project cannot be merged into itself; choose a colleague's copy.")
    with open_store(other) as theirs:
        check_depth(max((d for d, _ in Codebook(theirs.codes()).walk()), default=0),
                    Path(other).name)
        merger = _Merger(ours, store, theirs, MediaStore(Path(other)), progress)
        # Copies of one project share its name, so the folder says better whose work it is.
        merger.source = merger.summary.source = source_name or Path(other).name
        backup = ours.backups.make("before-merge").path
        with store.change(f"Merge {merger.source}"):
            summary = merger.run()
        summary.backup = str(backup)
    return summary
