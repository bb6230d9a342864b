"""The SQLite FTS5 search engine: the index inside ``project.sqlite``.

The index table and the triggers that keep it current live in ``storage.search_tables``; this
module reads it (ranked search with bm25, hits mapped back to code points; the filters are
planned in ``plan``, a search of filters alone lists turns or segments in ``listing``),
rebuilds it and checks it. The search engine's own SQL lives in ``fieldkit/index`` (here,
``upkeep``, ``regions``, ``plan`` and ``listing``): the one declared exception to "only
``fieldkit/storage`` speaks SQL" (docs/architecture.md).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, TypeVar, cast

from fieldkit.core.codebook import Codebook
from fieldkit.core.said import Said, joined
from fieldkit.index import (
    attribute_filter,
    kwic,
    listing,
    locate,
    regex_rows,
    regex_terms,
    whole_documents,
)
from fieldkit.index.fuzzy_terms import Vocabulary
from fieldkit.index.plan import Plan, Planner, any_of
from fieldkit.index.query import Query, parse, plain
from fieldkit.index.regions import person_word, region_starts
from fieldkit.index.results import Hit, SearchResult
from fieldkit.index.upkeep import IndexUpkeep
from fieldkit.index.words import analyser, unpack, word_end
from fieldkit.storage import search_tables as tables
from fieldkit.storage import sqlengine
from fieldkit.storage.store import Store

T = TypeVar("T")
CHUNK = 200
# speaker: with code:/coder: and words: with more matching rows than this, the segments that
# reach the speakers' turns are found first (``listing.spoken_segments``)
FEW_ROWS = 200
_FIELDS = {tables.DOC_TEXT: "text", tables.DOC_MEMO: "memo", tables.CODING_MEMO: "coding memo",
           tables.CODE: "code"}


@dataclass
class Matched:
    """One matching index row: which text, its rank and the code-point spans of its hits."""

    rid: int
    field: str
    document_id: int | None
    score: float
    spans: list[tuple[int, int]] = dc_field(default_factory=list)
    body: str = ""
    kind: str | None = None
    listed: bool = False  # a turn or segment listed by filters alone (``listing``)

    @classmethod
    def of(cls, rid: int, score: float) -> Matched:
        if rid >= tables.DOC_SHIFT:  # a coded segment or a turn of a document's text
            return cls(rid, "text", rid // tables.DOC_SHIFT, -score)
        part = rid % tables.PARTS
        owner = rid // tables.PARTS
        return cls(rid, _FIELDS.get(part, "text"),
                   owner if part in (tables.DOC_TEXT, tables.DOC_MEMO) else None, -score)

    @property
    def unit(self) -> int:
        """What a search result stands for: a document's text (all its regions count as one
        hit, as before they were rows of their own) or the row itself (negated)."""
        if self.rid >= tables.DOC_SHIFT or self.rid % tables.PARTS == tables.DOC_TEXT:
            return self.document_id or 0
        return -self.rid


def _table(rid: int) -> str:
    return "search_regions" if rid >= tables.DOC_SHIFT else "search_index"


def _source(rid: int) -> tuple[int, int]:
    """(part, owner) of the text a row was made from: region rows come from document texts."""
    if rid >= tables.DOC_SHIFT:
        return tables.DOC_TEXT, rid // tables.DOC_SHIFT
    return rid % tables.PARTS, rid // tables.PARTS


_Lookup = tuple[list[int], list[int]]  # starts, running max of ends


def _inside(cache: dict[int, _Lookup], spans: dict[int, list[tuple[int, int]]], doc: int,
            start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the document's spans, in O(log n).

    Spans sorted by start with a running maximum of their ends: among the spans starting at or
    before ``start``, one contains the hit exactly when the largest end reaches ``end``.
    """
    found = cache.get(doc)
    if found is None:
        ordered = sorted(spans.get(doc, []))
        reach: list[int] = []
        for _, e in ordered:
            reach.append(max(e, reach[-1]) if reach else e)
        found = cache[doc] = ([s for s, _ in ordered], reach)
    starts, reach = found
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and reach[i] >= end


class FtsIndex(IndexUpkeep):
    """Full-text search over one project's store (see ``fieldkit.index.protocol``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._relative: bool | None = None
        # what ``kept`` keeps: name -> (the data key it was read at, the value)
        self._kept_values: dict[object, tuple[tuple[int, int], Any]] = {}
        self.vocabulary = Vocabulary(store)
        self.folded = regex_terms.FoldedTexts()
        self.planner = Planner(self)

    @property
    def relative(self) -> bool:
        """Whether region rows count their word starts from the region's start (schema step
        11; a project opened read-only keeps the schema it was written with)."""
        if self._relative is None:
            version = self.store.value("PRAGMA user_version")
            self._relative = int(version or 0) >= tables.RELATIVE_SINCE
        return self._relative

    def kept(self, name: object, read: Callable[[], T]) -> T:
        """``read()``, kept under ``name`` and read again only when the data may have changed
        (``Store.data_key``: a write on this connection or a commit by another)."""
        with self.store.lock:
            key = self.store.data_key()
            found = self._kept_values.get(name)
            if found is None or found[0] != key:
                found = self._kept_values[name] = (key, read())
            return cast(T, found[1])

    def codebook(self) -> Codebook:
        """The codebook, kept until the data may have changed (``kept``); ``code:`` resolves
        names through it."""
        return self.kept("codebook", lambda: Codebook(self.store.codes()))

    def speakers(self) -> dict[str, int]:
        """Every speaker's name with the length of their longest turn (code points): a turn
        of theirs that reaches a place in a text starts at most that far before it. Kept until
        the data may have changed (``kept``)."""
        return self.kept("speakers", lambda: {
            name: max(0, int(longest or 0)) for name, longest in self.store.conn.execute(
                "SELECT speaker, max(end - start) FROM turns GROUP BY speaker")})

    def count_regions(self, expr: str) -> int:
        """How many coded segments and turns a MATCH expression finds (FTS5 counts them from
        its doclists, without scoring)."""
        with self.store.lock:
            return int(self.store.conn.execute(
                "SELECT count(*) FROM search_regions WHERE search_regions MATCH ?",
                (expr,)).fetchone()[0])

    def region_rows(self, filters: str) -> int:
        """``count_regions`` of filter words, kept until the data may have changed
        (``kept``): a coder's rows are counted once."""
        return self.kept(("region rows", filters), lambda: self.count_regions(filters))

    @property
    def analyser(self) -> Any:
        return analyser(self.store.meta("language", "nl"))

    # -- searching ---------------------------------------------------------------------------

    def parse(self, text: str) -> Query:
        """A query read with this project's language and vocabulary (for fuzzy terms)."""
        return parse(text, self.analyser, self.vocabulary)

    def search(self, text: str, *, limit: int = 100) -> SearchResult:
        """Ranked hits for a query (see ``QUERY_HELP``); never raises for any query text."""
        limit = max(0, int(limit))
        query = self.parse(text)
        result = SearchResult(query=text)
        try:
            total, matched = self.matches(query, limit=limit)
        except sqlengine.OperationalError:
            query = plain(text, self.analyser, Said("fieldkit could not read it as a query"))
            total, matched = self.matches(query, limit=limit)
        result.total = total
        result.hits = self._hits(matched)
        result.note = joined(query.notes)
        return result

    def matches(self, query: Query, *, limit: int | None, every_span: bool = False,
                fields: tuple[str, ...] | None = None) -> tuple[int, list[Matched]]:
        """(total, the first ``limit`` matching texts with their hit spans), best first.

        Filters are part of the MATCH (filter words, ``fieldkit.index.meta``), so FTS5 ranks
        and counts from its index alone; only the rows returned are read. With ``code:``,
        ``coder:`` or ``speaker:`` the rows matched are the coded segments and turns
        (``search_regions``) and the rows tagged with the same words in ``search_index``
        (coding memos; texts of a participant); a document's rows count as one hit, at its
        first hit in text order, ranked by its best row. With ``every_span`` all spans of every
        text are kept (for coding all hits); otherwise each keeps its first span.
        """
        if query.match is None:
            if listing.applies(query):
                return listing.listed(self, query, limit=limit, every_span=every_span)
            return 0, []
        plan = attribute_filter.restrict(self, query, self._in_sets(query, self._filters(query)))
        if plan is None:
            return 0, []
        if fields:
            if plan.index is not None:
                plan.index += " AND " + any_of("f" + f.replace(" ", "") for f in fields)
            if not {"text", "caption"} & set(fields):
                plan.regions = None
        if plan.sets is not None or plan.documents is not None:
            if not every_span and plan.index is not None and not query.regexes:
                return whole_documents.ranked(self, query, plan, limit=limit)
            plan.within = {doc: [(None, None)] for doc in whole_documents.members(self, plan)}
        if plan.regions is not None or plan.within is not None or query.regexes:
            return self._regional(query, plan, limit=limit, every_span=every_span)
        if plan.index is None:
            return 0, []
        expr = plan.index
        conn = self.store.conn
        sql = (f"SELECT rowid, {tables.BM25} AS score FROM search_index "
               "WHERE search_index MATCH ? ORDER BY score")
        with self.store.lock:
            if not every_span:
                args: list[Any] = [expr]
                if limit is not None:
                    sql += " LIMIT ?"
                    args.append(limit)
                found = [Matched.of(rid, score) for rid, score in conn.execute(sql, args)]
                if limit is not None and len(found) >= limit:
                    total = conn.execute("SELECT count(*) FROM search_index "
                                         "WHERE search_index MATCH ?", (expr,)).fetchone()[0]
                else:
                    total = len(found)
                self._place(query, found, mode="first")
                return total, found
            found = [Matched.of(rid, score) for rid, score in conn.execute(sql, (expr,))]
            kept: list[Matched] = []
            for start in range(0, len(found), CHUNK):
                chunk = found[start:start + CHUNK]
                self._place(query, chunk, mode="exact")
                kept.extend(m for m in chunk if m.spans)
            return len(kept), kept if limit is None else kept[:limit]

    def _rows(self, plan: Plan, *, ranked: bool = False, only: list[int] | None = None
              ) -> list[tuple[int, float]]:
        """(rowid, bm25) of every row the plan's MATCH expressions find (best first when
        ``ranked``). FTS5 scores every match to rank them anyway, so one pass does both the
        count and the ranking. ``only``: of these region rows alone (the others are not
        scored; bm25 takes its statistics from the whole table, so the scores are the same)."""
        out: list[tuple[int, float]] = []
        for table, expr in (("search_regions", plan.regions), ("search_index", plan.index)):
            if expr is None:
                continue
            sql = f"SELECT rowid, {tables.bm25(table)} FROM {table} WHERE {table} MATCH ?"
            if only is not None and table == "search_regions":
                if only:
                    out.extend(self.store.conn.execute(
                        f"{sql} AND +rowid IN (SELECT value FROM json_each(?))",
                        (expr, json.dumps(only))))
                continue
            out.extend(self.store.conn.execute(sql, (expr,)))
        if ranked:
            out.sort(key=lambda r: r[1])
        return out

    def _regional(self, query: Query, plan: Plan, *, limit: int | None,
                  every_span: bool) -> tuple[int, list[Matched]]:
        """``matches`` for queries with ``code:``, ``coder:`` or ``speaker:`` (see there)."""
        with self.store.lock:
            if query.regexes and not every_span:
                fast = regex_rows.matches(self, query, plan, limit=limit)
                if fast is not None:
                    return fast
            if every_span or plan.speakers is not None or plan.within is not None \
                    or query.regexes:
                return self._every_region(query, plan, limit=limit, every_span=every_span)
            total, rows, best = self._best_units(plan, limit)
            return total, self._first_hits(query, rows, best) if rows else []

    def _best_units(self, plan: Plan, limit: int | None
                    ) -> tuple[int, dict[int, list[int]], dict[int, float]]:
        """(how many units match, the matching rows of the best ``limit`` units, each unit's
        best score), best first; a unit is what ``Matched.unit`` says.

        SQLite groups the rows by unit and keeps the best ``limit`` (thousands of turns of one
        speaker match a common word; only twenty units are shown). Ties keep the order in which
        units first come up among the rows (segments and turns before the other texts, each
        by rowid), and each unit's rows come in that order too.
        """
        shift, parts = tables.DOC_SHIFT, tables.PARTS
        selects, args = [], []
        for table, expr in (("search_regions", plan.regions), ("search_index", plan.index)):
            if expr is None:
                continue
            select = (f"SELECT rowid AS rid, {tables.bm25(table)} AS score "
                      f"FROM {table} WHERE {table} MATCH ?")
            if table == "search_regions" and plan.rank_regions is not None:
                selects.append(f"{select} AND +rowid IN (SELECT rowid FROM {table} "
                               f"WHERE {table} MATCH ?)")
                args += [plan.rank_regions, expr]
            else:
                selects.append(select)
                args.append(expr)
        # The rows stream into the grouping: a materialised table of them cost a third more.
        # ``LIMIT -1`` (no limit) keeps SQLite from flattening one select into the grouping,
        # where bm25() cannot be called.
        sql = (f"SELECT CASE WHEN rid >= {shift} THEN rid / {shift} "
               f"WHEN rid % {parts} = {tables.DOC_TEXT} THEN rid / {parts} ELSE -rid END "
               "AS unit, min(score) AS best, group_concat(rid), count(*) OVER () "
               f"FROM ({' UNION ALL '.join(selects)} LIMIT -1) "
               f"GROUP BY unit ORDER BY best, max(rid) < {shift}, "
               f"coalesce(min(CASE WHEN rid >= {shift} THEN rid END), min(rid))")
        if limit is not None:  # at least one row, which says how many units match
            sql += f" LIMIT {max(1, int(limit))}"
        rows: dict[int, list[int]] = {}
        best: dict[int, float] = {}
        total = 0
        for unit, score, rids, count in self.store.conn.execute(sql, args):
            found = sorted(int(r) for r in rids.split(","))
            rows[unit] = [r for r in found if r >= shift] + [r for r in found if r < shift]
            best[unit] = score
            total = count
        if limit == 0:
            rows.clear()
        return total, rows, best

    def _first_hits(self, query: Query, rows: dict[int, list[int]], best: dict[int, float]
                    ) -> list[Matched]:
        """Each unit's first hit in text order over its matching rows: rows are looked into
        by where they start (read first), and a row starting after the hit found so far is
        never read — a document's turns, say, are usually settled by the first that matches."""
        # where each region starts: no hit of a row lies before it
        starts = region_starts(self.store.conn, (rid for rids in rows.values() for rid in rids
                                                 if rid >= tables.DOC_SHIFT))
        waiting = {u: sorted(rids, key=lambda r: starts.get(r, 0)) for u, rids in rows.items()}
        found: dict[int, Matched] = {}
        while waiting:
            batch = {u: Matched.of(rids.pop(0), best[u]) for u, rids in waiting.items()}
            self._place(query, list(batch.values()), mode="first")
            for unit, m in batch.items():
                if m.spans and m.spans[0] != (0, 0) and (
                        unit not in found or m.spans[0] < found[unit].spans[0]):
                    found[unit] = m
                elif unit not in found:
                    found[unit] = m
                hit = found[unit].spans[0][0] if found[unit].spans[0] != (0, 0) else None
                rest = waiting[unit]
                if not rest or (hit is not None and starts.get(rest[0], 0) >= hit):
                    del waiting[unit]
        return [found[u] for u in rows]


    def _every_region(self, query: Query, plan: Plan, *, limit: int | None,
                      every_span: bool) -> tuple[int, list[Matched]]:
        """Regional matching that looks at every hit of every row: for coding all hits, and
        for ``speaker:`` with ``code:``/``coder:`` (each hit checked against the turns)."""
        spoken = None
        only = None
        if plan.speakers is not None and plan.segments is not None and plan.regions is not None \
                and self.count_regions(plan.regions) > FEW_ROWS:
            # many rows: segments first, only the rows of segments that reach the speakers'
            # turns are scored and looked into (a frequent speaker's turns are never all read)
            pieces, turns = listing.spoken_segments(self, plan, participants=True)
            only = sorted({piece.rid for piece in pieces})
            spoken = self._spoken_in(turns)
        found = [Matched.of(rid, score)
                 for rid, score in self._rows(plan, ranked=True, only=only)]
        within = plan.within
        if within is not None:
            found = [m for m in found if m.document_id in within]
        if plan.speakers is not None and spoken is None:
            spoken = self._spoken(plan.speakers, {m.document_id for m in found if m.document_id})
        whole = {d for d, spans in (within or {}).items() if any(s is None for s, _ in spans)}
        spans_of = {d: [(s, e) for s, e in spans if s is not None and e is not None]
                    for d, spans in (within or {}).items()}
        cache: dict[int, _Lookup] = {}
        units: dict[int, Matched] = {}
        for start in range(0, len(found), CHUNK):
            chunk = found[start:start + CHUNK]
            # "first" only reaches here for /…/ terms without within/speaker tests
            self._place(query, chunk, mode="exact" if every_span else "all"
                        if within is not None or spoken is not None else "first")
            for m in chunk:
                spans = m.spans
                if within is not None and m.document_id not in whole:
                    doc = m.document_id or 0
                    spans = [s for s in spans if _inside(cache, spans_of, doc, *s)]
                if spoken is not None:
                    spans = [s for s in spans if spoken(m, s)]
                if not spans:
                    continue
                unit = units.get(m.unit)
                if unit is None:
                    m.spans = sorted(set(spans))
                    units[m.unit] = m
                else:
                    unit.spans = sorted(set(unit.spans) | set(spans))
        kept = list(units.values())
        if not every_span:
            for m in kept:
                m.spans = m.spans[:1]
        return len(kept), kept if limit is None else kept[:limit]

    def _spoken(self, prefixes: list[str], docs: set[int]) -> Any:
        """A test of whether a hit lies in a turn of one of the people (``person_word``
        prefixes) or in a text of such a participant; reads only the documents given."""
        def matching(name: str | None) -> bool:
            word = person_word(name)
            return bool(word) and any(word.startswith(p) for p in prefixes)

        turns: dict[int, list[tuple[int | None, int | None]]] = {}
        ids = sorted(docs)
        for start in range(0, len(ids), 500):
            some = ", ".join(map(str, ids[start:start + 500]))
            for doc, s, e, speaker in self.store.conn.execute(
                    f"SELECT document_id, start, end, speaker FROM turns "
                    f"WHERE document_id IN ({some})"):
                if matching(speaker):
                    turns.setdefault(doc, []).append((s, e))
            turns.update((r[0], [(None, None)]) for r in self.store.conn.execute(
                f"SELECT d.id, p.pseudonym FROM documents d JOIN participants p "
                f"ON p.id = d.participant_id WHERE d.id IN ({some})") if matching(r[1]))
        return self._spoken_in(turns)

    @staticmethod
    def _spoken_in(turns: dict[int, listing.Spans]) -> Any:
        """A test of whether a hit lies in one of these turns (document → spans; a whole
        text: ``(None, None)``)."""
        whole = {d for d, spans in turns.items() if any(s is None for s, _ in spans)}
        spans_of = {d: [(int(s), int(e)) for s, e in spans if s is not None and e is not None]
                    for d, spans in turns.items() if d not in whole}
        cache: dict[int, _Lookup] = {}

        def allows(m: Matched, span: tuple[int, int]) -> bool:
            if m.field not in ("text", "caption") or m.document_id is None:
                return False
            return m.document_id in whole or _inside(cache, spans_of, m.document_id, *span)

        return allows

    def _place(self, query: Query, found: list[Matched], *, mode: str) -> None:
        """Fill in each row's source text and its hit spans (code points in that text).

        ``mode``: ``"first"`` the first hit of each row, ``"all"`` every hit (both found in
        the stored words, ``fieldkit.index.locate``), ``"exact"`` every hit as FTS5's
        ``highlight()`` marks it (slower; for coding all hits). Word numbers become code points
        through the stored word offsets.
        """
        if not found:
            return
        if query.regexes:
            regex_terms.place(self, query, found, first=mode == "first")
            return
        conn = self.store.conn
        wanted = {leaf.column for leaf in query.leaves} if mode != "exact" else set()
        cols = [name if name in wanted else "NULL" for name in ("stems", "words")]
        stored: dict[int, tuple[Any, Any, bytes | None]] = {}
        by_table: dict[str, list[int]] = {}
        for m in found:
            by_table.setdefault(_table(m.rid), []).append(m.rid)
        for table, ids in by_table.items():
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                sql = (f"SELECT rowid, {cols[0]}, {cols[1]}, offsets FROM {table} "
                       f"WHERE rowid IN ({', '.join('?' * len(part))})")
                for rid, stems, words, offsets in conn.execute(sql, part):
                    stored[rid] = (stems, words, offsets)
        runs: dict[int, list[locate.Run]] = {}
        if mode != "exact" and query.leaves:
            for m in found:
                stems, words, _ = stored.get(m.rid, (None, None, None))
                runs[m.rid] = locate.runs(query.leaves, locate.Columns(stems, words),
                                          first_only=mode == "first")
        missing = [m.rid for m in found if not runs.get(m.rid)]
        if missing:  # what the stored words cannot place, FTS5 marks for us
            runs.update(self._highlighted(query, missing))
        self._bodies(found)
        bases = region_starts(conn, by_table.get("search_regions", [])) if self.relative else {}
        for m in found:
            offsets = unpack(stored.get(m.rid, (None, None, None))[2])
            base = bases.get(m.rid, 0)
            spans = []
            for first, last in runs.get(m.rid, []):
                if last >= len(offsets) or first > last:
                    continue
                spans.append((offsets[first] + base, word_end(m.body, offsets[last] + base)))
                if mode == "first":
                    break
            m.spans = spans or [(0, 0)]

    def _highlighted(self, query: Query, rids: list[int]) -> dict[int, list[locate.Run]]:
        """Word runs FTS5's ``highlight()`` marks in rows ``rids``."""
        out: dict[int, list[locate.Run]] = {}
        by_table: dict[str, list[int]] = {}
        for rid in rids:
            by_table.setdefault(_table(rid), []).append(rid)
        for table, ids in by_table.items():
            cols = [f"highlight({table}, {i}, char(1), char(2))" if name in query.columns
                    else "NULL" for i, name in ((tables.STEMS, "stems"), (tables.WORDS, "words"))]
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                sql = (f"SELECT rowid, {cols[0]}, {cols[1]} FROM {table} "
                       f"WHERE {table} MATCH ? AND rowid IN ({', '.join('?' * len(part))})")
                for rid, stems, words in self.store.conn.execute(sql, [query.match, *part]):
                    out[rid] = kwic.merge(kwic.marked_words(stems), kwic.marked_words(words))
        return out

    def _bodies(self, found: list[Matched]) -> None:
        """Fill in the original text each row was made from (and its field and document)."""
        by_part: dict[int, dict[int, list[Matched]]] = {}
        for m in found:
            part, owner = _source(m.rid)
            by_part.setdefault(part, {}).setdefault(owner, []).append(m)
        sources = {
            tables.DOC_TEXT: "SELECT id, text, kind FROM documents",
            tables.DOC_MEMO: "SELECT id, memo, kind FROM documents",
            tables.CODING_MEMO: "SELECT id, memo, document_id FROM codings",
            tables.CODE: f"SELECT id, {tables.CODE_TEXT.format(t='codes')}, NULL FROM codes",
        }
        conn = self.store.conn
        for part, owners in by_part.items():
            keys = list(owners)
            for start in range(0, len(keys), 500):
                some = keys[start:start + 500]
                sql = f"{sources[part]} WHERE id IN ({', '.join('?' * len(some))})"
                for key, body, extra in conn.execute(sql, some):
                    for m in owners[key]:
                        m.body = body or ""
                        if part == tables.DOC_TEXT:
                            m.kind = extra
                            m.field = "caption" if extra == "photo" else "text"
                        elif part == tables.CODING_MEMO:
                            m.document_id = extra

    def _hits(self, matched: list[Matched]) -> list[Hit]:
        if not matched:
            return []
        conn = self.store.conn
        with self.store.lock:
            doc_ids = sorted({m.document_id for m in matched if m.document_id})
            docs: dict[int, Any] = {}
            for start in range(0, len(doc_ids), 500):
                some = doc_ids[start:start + 500]
                for r in conn.execute(
                    "SELECT d.id, d.uuid, d.kind, d.title, s.name, v.date, p.pseudonym "
                    "FROM documents d LEFT JOIN sites s ON s.id = d.site_id "
                    "LEFT JOIN visits v ON v.id = d.visit_id "
                    "LEFT JOIN participants p ON p.id = d.participant_id "
                    f"WHERE d.id IN ({', '.join('?' * len(some))})", some):
                    docs[r[0]] = r
            coding_ids = [m.rid // tables.PARTS for m in matched if m.field == "coding memo"]
            coded = {r[0]: (r[1], r[2]) for r in conn.execute(
                f"SELECT id, start, end FROM codings WHERE id IN "
                f"({', '.join('?' * len(coding_ids))})", coding_ids)} if coding_ids else {}
            book = None
            hits = []
            spoken = self._speakers([(m.document_id, self._hit_start(m, coded))
                                     for m in matched if m.document_id and m.field in
                                     ("text", "caption", "coding memo")])
            for m in matched:
                start, end = m.spans[0] if m.spans else (0, 0)
                shown = kwic.listed if m.listed else kwic.in_context
                before, match, after = shown(m.body, start, end)
                if m.field == "code":
                    if book is None:
                        book = self.codebook()
                    code_id = m.rid // tables.PARTS
                    title = book.path(code_id) if code_id in book.codes else ""
                    hits.append(Hit(0, "", title, "code", None, None, None, start, end, before,
                                    match, after, kwic.snippet(before, match, after), m.score,
                                    "code", code_id=code_id))
                    continue
                d = docs.get(m.document_id or 0)
                if d is None:
                    continue
                coding_id = None
                if m.field == "coding memo":
                    coding_id = m.rid // tables.PARTS
                    start, end = coded.get(coding_id, (0, 0))
                    start, end = start or 0, end or 0
                speaker = spoken.get((d[0], start)) if m.field in ("text", "caption",
                                                                   "coding memo") else None
                hits.append(Hit(
                    d[0], d[1], d[3], d[2] if m.field in ("text", "caption") else "memo", d[4],
                    d[5], speaker or d[6], start, end, before, match, after,
                    kwic.snippet(before, match, after), m.score, m.field, coding_id=coding_id))
        return hits

    @staticmethod
    def _hit_start(m: Matched, coded: dict[int, tuple[Any, Any]]) -> int:
        """Where a hit starts: its first span, or a coding memo's coding."""
        if m.field == "coding memo":
            return int(coded.get(m.rid // tables.PARTS, (0, 0))[0] or 0)
        return m.spans[0][0] if m.spans else 0

    def _speakers(self, places: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """Who speaks at each (document, position): the speaker of the last turn starting at
        or before it, if it has not ended; one query for all the hits shown."""
        out: dict[tuple[int, int], str] = {}
        wanted = sorted(set(places))
        for at in range(0, len(wanted), 400):
            some = wanted[at:at + 400]
            values = ", ".join("(?, ?)" for _ in some)
            sql = (f"WITH q(d, p) AS (VALUES {values}) SELECT q.d, q.p, t.speaker, t.end "
                   "FROM q JOIN turns t ON t.id = (SELECT id FROM turns WHERE document_id = q.d "
                   "AND start <= q.p ORDER BY start DESC LIMIT 1)")
            for doc, position, speaker, end in self.store.conn.execute(
                    sql, [v for place in some for v in place]):
                if position < end:
                    out[(doc, position)] = speaker
        return out


    # -- the plan (``fieldkit.index.plan``) -----------------------------------------------------

    def _filters(self, query: Query) -> Plan | None:
        return self.planner.filters(query)

    def _in_sets(self, query: Query, plan: Plan | None) -> Plan | None:
        return self.planner.in_sets(query, plan)

    def _members(self, sets: list[int]) -> set[int]:
        return self.planner.members(sets)

    def spans_of(self, query: Query) -> Iterator[Matched]:
        """Every matching document text with all its allowed hit spans (for coding all hits)."""
        _, matched = self.matches(query, limit=None, every_span=True,
                                  fields=("text", "caption"))
        yield from matched
