"""``project.memos``: memos as first-class objects, with a type, an author, a date and links.

A memo is a document of kind ``memo`` (so it is searched, edited and coded like any text) with
details in ``memo_info`` and links to documents, segments (codings), codes and other memos. The
older memos — a code's memo, a coding's memo, a document's memo — keep working where they are and
are listed beside the memo documents. A fieldnote jotting can be expanded into a full fieldnote
that links back to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import utc_now
from fieldkit.core.names import check_title
from fieldkit.core.text import normalise_newlines
from fieldkit.storage import workbench_tables

if TYPE_CHECKING:
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

TYPES = ("field diary", "reflexive", "theoretical", "methodological", "code memo")


@dataclass(slots=True)
class MemoLink:
    """What a memo points at: ``target`` is document, memo, coding or code."""

    id: int
    target: str
    target_id: int
    label: str
    relation: str = "link"


@dataclass(slots=True)
class Memo:
    """A memo: a memo document (``source == "memo"``) or an older code/coding/document memo.

    ``author`` is who wrote it last (the coder who changed it latest, like ATLAS.ti's
    "modified by"), ``modified`` when (UTC); ``created_by`` is who wrote it first, ``created``
    when. ``author_id`` and ``created_by_id`` are those coders' ids (None where fieldkit does
    not know: a document's or code's memo written before fieldkit recorded memo authors).
    ``date`` is the memo's date as listed: a memo document's own date, else the day of the
    last change.
    """

    id: int
    title: str
    type: str
    date: str
    author: str
    text: str
    source: str = "memo"
    uuid: str = ""
    links: list[MemoLink] = field(default_factory=list)
    created_by: str = ""
    created: str = ""
    modified: str = ""
    author_id: int | None = None
    created_by_id: int | None = None


class Memos:
    """The project's memos; reached as ``project.memos``."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    def set_document_memo(self, ref: int | str, memo: str) -> None:
        """Replace a document's memo (one undo step); the current coder becomes its last
        writer, now (its first author too when it was empty; see ``Memo``)."""
        self._store.update_document(self._store.resolve("documents", ref), {"memo": memo})

    def set_coding_memo(self, ref: int | str, memo: str) -> None:
        """Replace a coding's memo (one undo step). The current coder becomes the memo's
        last writer, now, whoever made the coding: Anouk's memo on Bram's coding is Anouk's
        (the first author stays beside it). Undo puts the earlier writer back."""
        self._store.update_coding(self._store.resolve("codings", ref), {"memo": memo})

    def types(self) -> list[str]:
        """The usual memo types and any other type used in this project."""
        used = {m.type for m in self.all(include_older=False) if m.type}
        return [*TYPES, *sorted(used - set(TYPES), key=str.casefold)]

    def add(self, title: str, text: str = "", *, type: str = "theoretical",
            author: str | None = None, date: str | None = None,
            site: str | None = None,
            links: Iterable[tuple[str, int | str]] = ()) -> Memo:
        """Write a memo (one undoable step), linked at once to each (target, ref) of ``links``
        (as ``link`` takes them); a link that cannot be made leaves no memo behind."""
        title = check_title(title, "memo")
        type_, date = _check_type(type), _check_date(date)
        with self._store.change(f"New memo {title}"):
            site_id = self._project.ensure_site(site).id if site else None
            key = self._store.add_document({"kind": "memo", "title": title,
                                           "text": normalise_newlines(text),
                                           "site_id": site_id})
            name = " ".join((author or "").split()) or self._project.coder
            writer = self._store.coder_id(name)
            name = self._store.name_of_coder(writer)  # as the coder is written
            workbench_tables.set_memo_info(self._store, key, {
                "type": type_, "author": name, "date": date, "created_by": writer,
                "modified_by": writer})
            for target, ref in links:
                self.link(key, target, ref)
        return self.get(key)

    def update(self, ref: int | str, **fields: Any) -> Memo:
        """Change a memo's title, text, type, author or date.

        A new text or title is the current coder's: they become the memo's last writer
        (``Memo.author``; the first author stays ``created_by``) and the document's modified
        time says when. ``author`` names the coder who wrote it (first and last), for a memo
        written on paper or by a colleague. Undo puts the writer back with the text."""
        memo = self.get(ref)
        unknown = set(fields) - {"title", "text", "type", "author", "date"}
        if unknown:
            raise BadInput(f"A memo has no field {', '.join(sorted(unknown))}.")
        with self._store.change(f"Edit memo {memo.title}"):
            if "text" in fields:
                self._project.edit_text(memo.id, fields["text"])
            if "title" in fields:
                self._project.rename_document(memo.id, fields["title"])
            info: dict[str, Any] = {k: fields[k] for k in ("type", "author", "date")
                                    if k in fields}
            if "type" in info:
                info["type"] = _check_type(info["type"])
            if "date" in info:
                info["date"] = _check_date(info["date"])
            if "author" in info:  # a memo said to be written by a coder
                name = " ".join(str(info["author"]).split())
                if not name:
                    raise BadInput("A memo's author is the name of the coder who wrote it.")
                writer = self._store.coder_id(name)
                info.update(author=self._store.name_of_coder(writer), created_by=writer,
                            modified_by=writer)
            if info:
                workbench_tables.set_memo_info(self._store, memo.id, info)
        return self.get(memo.id)

    def get(self, ref: int | str) -> Memo:
        key = self._store.resolve("documents", ref)
        for row in workbench_tables.memo_rows(self._store):
            if row["id"] == key:
                return self._memo(row)
        raise NotFound(f"Document '{ref}' is not a memo.")

    def all(self, *, type: str | None = None, text: str | None = None,
             include_older: bool = True) -> list[Memo]:
        """Memos by date; ``type`` and ``text`` (words in title or text) filter them."""
        found = [self._memo(r) for r in workbench_tables.memo_rows(self._store)]
        if include_older:
            found.extend(self._older())
        if type:
            found = [m for m in found if m.type.casefold() == type.strip().casefold()]
        if text:
            needle = text.strip().casefold()
            found = [m for m in found
                     if needle in m.title.casefold() or needle in m.text.casefold()]
        return sorted(found, key=lambda m: (m.date, m.source != "memo", m.id))

    def link(self, memo: int | str, target: str, ref: int | str) -> MemoLink:
        """Link a memo to a document, another memo, a coding (segment) or a code."""
        memo_id = self.get(memo).id
        if target == "memo":
            key = self.get(ref).id
            if key == memo_id:
                raise BadInput("A memo cannot link to itself.")
            target = "document"
        elif target == "code":
            key = self._project.code(ref).id
        elif target in ("document", "coding"):
            key = self._store.resolve(f"{target}s", ref)
        else:
            raise BadInput(f"A memo links to a document, memo, coding or code, not '{target}'.")
        link_id = workbench_tables.add_link(self._store, memo_id, target, key)
        return next(x for x in self.get(memo_id).links if x.id == link_id)

    def unlink(self, link_id: int) -> None:
        self._store.resolve("links", link_id)
        workbench_tables.delete_link(self._store, link_id)

    def linked_to(self, target: str, ref: int | str) -> list[Memo]:
        """The memos that link to a document, coding or code."""
        key = self._project.code(ref).id if target == "code" else \
            self._store.resolve(f"{target}s", ref)
        ids = {r["from_document_id"] for r in workbench_tables.links_to(self._store, target, key)}
        return [m for m in self.all(include_older=False) if m.id in ids]

    def expand(self, jotting: int | str, title: str | None = None) -> Any:
        """A full fieldnote from a jotting, with the jotting's text and a link back to it."""
        doc = self._project.document(jotting)
        if doc.kind != "fieldnote":
            raise BadInput(f"'{doc.title}' is a {doc.kind}; only fieldnote jottings expand.")
        with self._store.change(f"Expand {doc.title}"):
            key = self._store.add_document({
                "kind": "fieldnote", "title": (title or f"{doc.title} (expanded)").strip(),
                "text": doc.text, "site_id": doc.site_id, "visit_id": doc.visit_id})
            workbench_tables.add_link(self._store, key, "document", doc.id, relation="expands")
        return self._project.document(key)

    def expanded_from(self, ref: int | str) -> int | None:
        """The jotting a fieldnote was expanded from, if any."""
        key = self._store.resolve("documents", ref)
        for r in workbench_tables.links_from(self._store, key):
            if r["relation"] == "expands":
                return int(r["document_id"])
        return None

    # -- building ---------------------------------------------------------------------------

    def _memo(self, row: Any) -> Memo:
        return Memo(row["id"], row["title"], row["type"], row["date"], row["author"],
                    row["text"], "memo", row["uuid"], self._links(row["id"]),
                    row["created_by"], row["created"], row["modified"], row["author_id"],
                    row["created_by_id"])

    def _links(self, memo_id: int) -> list[MemoLink]:
        found = []
        for r in workbench_tables.links_from(self._store, memo_id):
            if r["coding_id"] is not None:
                coding = self._store.coding(r["coding_id"])
                title = self._store.document(coding.document_id).title
                found.append(MemoLink(r["id"], "coding", coding.id,
                                      f"{title}: \u201c{coding.quote}\u201d", r["relation"]))
            elif r["code_id"] is not None:
                found.append(MemoLink(r["id"], "code", r["code_id"],
                                      self._project.code_path(r["code_id"]), r["relation"]))
            else:
                doc = self._store.document(r["document_id"])
                kind = "memo" if doc.kind == "memo" else "document"
                found.append(MemoLink(r["id"], kind, doc.id, doc.title, r["relation"]))
        return found

    def _older(self) -> list[Memo]:
        """Code, coding and document memos, shown beside the memo documents, each with who
        wrote it last and first (see ``Memo``)."""
        found: list[Memo] = []
        book = self._project.codebook()
        writers = workbench_tables.code_memo_writers(self._store)
        for code in book.codes.values():
            if code.memo.strip():
                w = writers.get(code.id)
                found.append(_older_memo(code.id, book.path(code.id), "code memo", "",
                                         code.memo, code.uuid, w))
        for r in workbench_tables.coding_memos(self._store):
            found.append(_older_memo(r["id"], f"{r['title']}: \u201c{r['quote'][:60]}\u201d",
                                     "coding memo", r["created"], r["memo"], r["uuid"], r))
        for r in workbench_tables.document_memos(self._store):
            found.append(_older_memo(r["id"], r["title"], "document memo", r["created"],
                                     r["memo"], r["uuid"], r))
        return found


def _older_memo(key: int, title: str, kind: str, made: str, text: str, uuid: str,
                writers: Any) -> Memo:
    """A code, coding or document memo; ``writers`` the row of who wrote it (or None); dated
    by its last change, else by when its coding or document was made (``made``)."""
    if writers is None:
        return Memo(key, title, kind, made[:10], "", text, kind, uuid)
    modified = writers["modified"] or ""
    return Memo(key, title, kind, (modified or made)[:10], writers["author"], text, kind, uuid,
                created_by=writers["created_by"], created=writers["written"] or "",
                modified=modified, author_id=writers["author_id"],
                created_by_id=writers["created_by_id"])


def _check_type(value: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise BadInput("A memo type cannot be empty.")
    return value


def _check_date(value: str | None) -> str:
    from datetime import date

    if not value:
        return utc_now()[:10]
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadInput(f"'{value}' is not a date; use YYYY-MM-DD.") from None
