"""Retrieving coded segments: the query behind the coded-segments view, citations, bounds.

``project.retrieval`` is the named part of the facade for this area:

- ``segments(SegmentQuery(...))`` — codings of one or more codes (any of them, or only where all
  of them overlap), narrowed by coder, site, document, date range and an attribute condition
  (``where``), in reading order;
- ``citations()`` — a cache that cites codings by paragraph, timestamp and beep time, shared by
  the view, the Disagreements dialog and the Word and Excel exports;
- ``set_bounds(coding, start, end)`` — move a coding's start and end (one undo step).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from fieldkit.core.changes import ChangeSet
from fieldkit.core.citation import Citation, Citer
from fieldkit.core.codebook import Codebook
from fieldkit.core.errors import BadInput
from fieldkit.core.model import Coding
from fieldkit.core.text import context
from fieldkit.storage import analysis_rows, pdf_tables
from fieldkit.storage.segment_rows import codings_by_id

if TYPE_CHECKING:
    from fieldkit.analysis.attribute_facts import AttributeFacts
    from fieldkit.analysis.segments import SegmentTable
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

MATCHES = ("any", "all")
_READS = {"codings", "documents", "visits"}  # what the segment arrays are made of
# what the attribute values and case memberships are read from
_ATTRIBUTE_READS = {"documents", "participants", "cases", "case_documents", "case_participants",
                    "case_parts", "attributes"}


@dataclass
class SegmentQuery:
    """Which coded segments to retrieve; every field left empty means "no filter"."""

    codes: Sequence[int | str] = ()
    match: str = "any"  # "any": a segment of any chosen code; "all": where all chosen codes overlap
    include_subcodes: bool = True
    coders: Sequence[str] = ()
    sites: Sequence[int | str] = ()
    documents: Sequence[int | str] = ()
    date_from: str | None = None  # YYYY-MM-DD, inclusive (the visit's date, else the made date)
    date_to: str | None = None
    where: str | None = None  # an attribute condition: "afdeling = Lasserij and jaren < 5"


class Citations:
    """Cites codings of a project, loading each document's text, turns and beeps once."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._citers: dict[int, Citer] = {}

    def citer(self, document_id: int) -> Citer:
        citer = self._citers.get(document_id)
        if citer is None:
            doc = self._store.document(document_id)
            turns = self._store.turns(document_id) if doc.kind == "transcript" else []
            pages = [p.start for p in pdf_tables.pages(self._store, document_id)] \
                if doc.kind == "pdf" else []
            citer = Citer.for_document(doc.text, doc.kind, turns, doc.attributes, pages)
            self._citers[document_id] = citer
        return citer

    def of(self, coding: Coding) -> Citation:
        """The citation of a coding (a photo region has no paragraph; an area of a PDF page is
        cited by its page)."""
        if coding.start is None:
            page = coding.region.page if coding.region is not None else None
            return Citation(None, page=page)
        if coding.start_ms is not None and coding.end_ms is not None:
            # a stretch of a recording is cited by its times (and its words, if any)
            cited = (self.citer(coding.document_id).cite(coding.start, coding.end)
                     if coding.end is not None and coding.start < coding.end
                     else Citation(None))
            return replace(cited, timestamp=None, span_ms=(coding.start_ms, coding.end_ms))
        return self.citer(coding.document_id).cite(coding.start, coding.end)

    def forget(self, document_id: int | None = None) -> None:
        """Drop cached documents (all of them when none is named), e.g. after an edit."""
        if document_id is None:
            self._citers.clear()
        else:
            self._citers.pop(document_id, None)


class Retrieval:
    """Coded segments of the project, found, cited and adjusted.

    Queries are answered from every coding held as arrays (``fieldkit.analysis.segments``),
    read once and then patched from each change set, like the analysis engine's arrays.
    """

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self._table: SegmentTable | None = None
        self._book: Codebook | None = None
        self._facts: AttributeFacts | None = None
        self._version = -1
        project.subscribe(self._changed)

    def _changed(self, changes: ChangeSet) -> None:
        if "codes" in changes.tables:
            self._book = None
        if changes.tables & _ATTRIBUTE_READS:
            self._facts = None
        touched = changes.tables & _READS
        if not touched or self._table is None:
            return
        rows = [c for c in changes.changes if c.table == "codings"]
        if touched == {"codings"} and all(c.before is not None or c.after is not None
                                          for c in rows):
            self._table = self._table.patched(rows)
        else:
            self._table = None

    def table(self) -> SegmentTable:
        """Every coding as arrays, read again only after the data changed elsewhere."""
        from fieldkit.analysis.segments import SegmentTable

        version = analysis_rows.data_version(self._store)
        if version != self._version:
            self._table = self._book = self._facts = None
        if self._table is None:
            self._table, self._version = SegmentTable.load(self._store), version
        return self._table

    def attribute_facts(self) -> AttributeFacts:
        """The attribute values and case memberships (call ``table()`` first)."""
        from fieldkit.analysis.attribute_facts import AttributeFacts

        if self._facts is None:
            self._facts = AttributeFacts.load(self._store)
        return self._facts

    def _codebook(self) -> Codebook:
        """The code tree, read again only after codes changed (call ``table()`` first)."""
        if self._book is None:
            self._book = self._project.codebook()
        return self._book

    def segments(self, query: SegmentQuery, *, light: bool = False) -> list[Coding]:
        """The codings ``query`` asks for, ordered by document and position.

        With ``match="all"`` a coding is kept when, in the same document, a coding of every
        other chosen code overlaps it (for photos: their rectangles overlap); all overlapping
        codings are returned, so each can be opened, recoded or removed on its own. ``light``
        leaves out quotes, context and memos (read them a page at a time with ``by_id``); light
        codings are shared between answers, so read them and do not change them.
        """
        project = self._project
        if query.match not in MATCHES:
            raise BadInput(f"Match must be 'any' or 'all', not '{query.match}'.")
        dates = [_check_date(d) for d in (query.date_from, query.date_to)]
        if dates[0] and dates[1] and dates[0] > dates[1]:
            raise BadInput(f"The date range {dates[0]} – {dates[1]} ends before it starts.")
        table = self.table()
        groups = self._code_groups(query.codes, query.include_subcodes)
        code_ids = sorted({c for g in groups for c in g}) if groups else None
        coder_ids = [project.find_coder(name).id for name in query.coders] or None
        site_ids = [project.site(s).id for s in query.sites] or None
        doc_ids = [self._store.resolve("documents", d) for d in query.documents] or None
        condition = None
        if query.where and query.where.strip():
            condition = self.attribute_facts().condition(query.where.strip())
        rows = table.select(codes=code_ids, coders=coder_ids, documents=doc_ids, sites=site_ids,
                            date_from=dates[0], date_to=dates[1])
        if condition is not None:
            rows = rows[self.attribute_facts().passes(condition, table.document[rows],
                                                      table.start[rows], table.end[rows])]
        if query.match == "all" and len(groups) > 1:
            rows = table.overlapping_all(rows, groups)
        if light:
            return table.codings(rows)
        return codings_by_id(self._store, table.id[rows].tolist())

    def _code_groups(self, codes: Iterable[int | str], subcodes: bool) -> list[set[int]]:
        from fieldkit.project import looks_like_uuid

        book = self._codebook()
        groups = []
        for ref in codes:
            key = ref if isinstance(ref, int) else int(ref) if str(ref).isdigit() else None
            if key is not None and key in book.codes:
                code_id = key
            else:  # a path, a name or a UUID (or an unknown id: its message)
                text = str(ref).strip()
                found = book.find_path(text) if text and not looks_like_uuid(text) else None
                code_id = found.id if found is not None else self._project.code(ref).id
            group = {code_id}
            if subcodes:
                group.update(book.descendants(code_id))
            groups.append(group)
        return groups

    def by_id(self, keys: Sequence[int]) -> list[Coding]:
        """Full codings for ``keys`` in that order (those that no longer exist left out)."""
        return codings_by_id(self._store, keys)

    def citations(self) -> Citations:
        """A citation cache; make a new one after documents' texts change."""
        return Citations(self._store)

    def cite(self, coding: Coding | int | str) -> Citation:
        """The citation of one coding (a one-off; use ``citations()`` for many)."""
        found = coding if isinstance(coding, Coding) else self._project.coding(coding)
        return Citations(self._store).of(found)

    def set_bounds(self, coding: Coding | int | str, start: int, end: int) -> Coding:
        """Move a text coding to ``[start, end)`` (code points); quote and context follow."""
        project = self._project
        found = coding if isinstance(coding, Coding) else project.coding(coding)
        if found.start is None:
            raise BadInput("A photo region has no start and end to change.")
        doc = self._store.document(found.document_id)
        if not (0 <= start < end <= len(doc.text)):
            raise BadInput(f"Span {start}–{end} is not inside '{doc.title}' "
                           f"(0–{len(doc.text)}); the start must come before the end.")
        before, after = context(doc.text, start, end)
        store = self._store
        with store.change("Change the bounds of a coding"):
            store.update_coding(found.id, {"start": start, "end": end,
                                           "quote": doc.text[start:end], "before": before,
                                           "after": after, "orphaned": 0})
        return store.coding(found.id)


def _check_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise BadInput(f"'{value}' is not a date; use YYYY-MM-DD.") from None
