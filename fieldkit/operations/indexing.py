"""``project.index``: the search index of a project (``project.search`` asks it).

Rebuilding and checking the index, coding every hit of a search, and saved searches. The index
itself is kept in step by triggers in the database, so nothing here has to remember to update
it after an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.progress import Progress
from fieldkit.core.text import context
from fieldkit.index.fts import FtsIndex
from fieldkit.index.results import SavedSearch, SearchResult

if TYPE_CHECKING:
    from fieldkit.project import Problem, Project
    from fieldkit.storage.store import Store

SCOPES = ("hit", "turn", "paragraph")


def _name_pages(store: Store, result: SearchResult) -> None:
    """Set the page of every hit in a PDF document: the page its start is on, or for the memo
    of an area coding the page of the area."""
    from fieldkit.operations.pdfs import page_of
    from fieldkit.storage import pdf_tables

    hits = [hit for hit in result.hits if hit.kind == "pdf" or hit.field == "coding memo"]
    pages = pdf_tables.pages_of(store, {hit.document_id for hit in hits})
    for hit in hits:
        if hit.document_id not in pages:
            continue  # the memo of a coding in another kind of document
        if hit.field == "coding memo" and hit.coding_id is not None:
            region = store.coding(hit.coding_id).region
            if region is not None:
                hit.page = region.page
                continue
        if hit.field in ("text", "caption", "coding memo"):
            hit.page = page_of(pages.get(hit.document_id, []), hit.start)


@dataclass(slots=True)
class HitTargets:
    """One document's share of "code all hits": the spans that would be coded."""

    document_id: int
    title: str
    kind: str
    text: str
    spans: list[tuple[int, int]]


class Indexing:
    """Full-text search over the project (see ``fieldkit.index.QUERY_HELP``)."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self.engine = FtsIndex(store)  # FTS5 inside the project database

    def search(self, query: str, *, limit: int = 100) -> SearchResult:
        """Ranked hits for ``query``; any text is accepted (see ``SearchResult.note``). A hit
        in a PDF names its page (``Hit.page``)."""
        result = self.engine.search(str(query), limit=limit)
        if any(hit.kind == "pdf" or hit.field == "coding memo" for hit in result.hits):
            _name_pages(self._store, result)
        return result

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the search index from the project's texts; returns how many it indexed."""
        return self.engine.rebuild(progress)

    def problems(self) -> list[Problem]:
        """What ``fieldkit check`` reports about the search index."""
        from fieldkit.project import Problem

        return [Problem("error", message) for message in self.engine.problems()]

    # -- coding all hits -------------------------------------------------------------------

    def hit_plan(self, query: str, *, scope: str = "hit",
                 include_memos: bool = True) -> list[HitTargets]:
        """What "code all hits" would code: per document, the spans around each hit.

        Only document texts and photo captions can be coded; hits in the codebook or in memo
        fields are left out, and with ``include_memos=False`` memo documents too. Spans are
        those of ``scope`` (see ``code_hits``), each counted once however many hits it holds.
        """
        if scope not in SCOPES:
            raise BadInput(f"Scope must be one of {', '.join(SCOPES)}, not '{scope}'.")
        if not str(query).strip():
            raise BadInput("Give a search whose hits should be coded.")
        engine = self.engine
        targets: dict[int, tuple[str, set[tuple[int, int]]]] = {}
        for m in engine.spans_of(engine.parse(str(query))):
            assert m.document_id is not None
            turns = self._store.turns(m.document_id) if scope == "turn" else []
            found = targets.setdefault(m.document_id, (m.body, set()))[1]
            for start, end in m.spans:
                if start >= end:
                    continue
                if scope == "hit":
                    found.add((start, end))
                    continue
                turn = next((t for t in turns if t.start <= start and end <= t.end), None)
                found.add((turn.start, turn.end) if turn else _line(m.body, start, end))
        plan = []
        for doc_id, (text, spans) in sorted(targets.items()):
            doc = self._store.document(doc_id)
            if not spans or (doc.kind == "memo" and not include_memos):
                continue
            plan.append(HitTargets(doc_id, doc.title, doc.kind, text, sorted(spans)))
        return plan

    def code_hits(self, query: str, code: str | int, *, scope: str = "hit",
                  coder: str | None = None, include_memos: bool = True) -> int:
        """Apply ``code`` to every hit of ``query`` in document texts, as one undoable step.

        ``scope`` says what is coded around each hit: ``"hit"`` the matched words,
        ``"turn"`` the speaker turn (the line, where a text has no turns), ``"paragraph"`` the
        line. ``include_memos=False`` leaves memo documents alone. The spans are those of
        ``hit_plan``; those that already carry this code by this coder are left alone. Returns
        how many codings were made.
        """
        plan = self.hit_plan(query, scope=scope, include_memos=include_memos)
        code_row = self._project.code(code)
        who = coder or self._project.coder
        if not plan:
            return 0
        made = 0
        with self._store.change(f"Code the hits of \u201c{query}\u201d as {code_row.name}"):
            coder_id = self._store.coder_id(who)
            for target in plan:
                doc_id, text = target.document_id, target.text
                for start, end in target.spans:
                    if self._store.find_coding(doc_id, code_row.id, coder_id,
                                              start, end) is not None:
                        continue
                    before, after = context(text, start, end)
                    self._store.add_coding({
                        "document_id": doc_id, "code_id": code_row.id, "coder_id": coder_id,
                        "start": start, "end": end, "quote": text[start:end],
                        "before": before, "after": after,
                    })
                    made += 1
        return made

    # -- saved searches --------------------------------------------------------------------

    def saved_searches(self) -> list[SavedSearch]:
        """The searches kept in this project, by name."""
        return [SavedSearch(key, name, query) for key, name, query in self._store.saved_searches()]

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Keep ``query`` under ``name`` (an existing search of that name gets the new query)."""
        name, query = str(name).strip(), str(query).strip()
        if not name:
            raise BadInput("A saved search needs a name.")
        if not query:
            raise BadInput("A saved search needs a query.")
        key = self._store.save_search(name, query)
        return next(s for s in self.saved_searches() if s.id == key)

    def saved_search(self, name_or_id: str | int) -> SavedSearch:
        """A saved search by name (any capitals) or id."""
        ref = str(name_or_id).strip()
        for s in self.saved_searches():
            if s.name.casefold() == ref.casefold():
                return s
        for s in self.saved_searches():
            if ref.isdigit() and s.id == int(ref):
                return s
        raise NotFound(f"There is no saved search '{name_or_id}' in this project.")

    def run_saved_search(self, name_or_id: str | int, *, limit: int = 100) -> SearchResult:
        return self.search(self.saved_search(name_or_id).query, limit=limit)

    def delete_saved_search(self, name_or_id: str | int) -> SavedSearch:
        """Forget a saved search (undoable); returns what was deleted."""
        found = self.saved_search(name_or_id)
        self._store.delete_saved_search(found.id)
        return found


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    """The line around ``[start, end)``, without its leading and trailing blanks."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e < 0 else e
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e
