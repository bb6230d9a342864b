"""The SQLite FTS5 search engine: the index inside ``project.sqlite``.

The index table and the triggers that keep it current live in ``storage.search_tables``; this
module reads it (ranked search with bm25, hits mapped back to code points, filters), rebuilds it
and checks it. As a storage engine in its own right it is the one module outside
``fieldkit/storage`` that holds SQL.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from fieldkit.analysis.query import has_operators
from fieldkit.core.codebook import Codebook
from fieldkit.core.progress import Progress
from fieldkit.index import kwic, locate
from fieldkit.index.meta import date_words
from fieldkit.index.query import Query, parse, plain
from fieldkit.index.results import Hit, SearchResult
from fieldkit.index.words import analyser, unpack, word_end
from fieldkit.storage import rows as row_mappers
from fieldkit.storage import search_tables as tables
from fieldkit.storage.store import Store

CHUNK = 200
_FIELDS = {tables.DOC_TEXT: "text", tables.DOC_MEMO: "memo", tables.CODING_MEMO: "coding memo",
           tables.CODE: "code"}


def _any_of(words: Iterable[str]) -> str:
    """A MATCH clause: any of these filter words in the ``meta`` column."""
    return "meta : (" + " OR ".join(f'"{w}"' for w in words) + ")"


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

    @classmethod
    def of(cls, rid: int, score: float) -> Matched:
        part = rid % tables.PARTS
        owner = rid // tables.PARTS
        return cls(rid, _FIELDS.get(part, "text"),
                   owner if part in (tables.DOC_TEXT, tables.DOC_MEMO) else None, -score)


@dataclass
class _Regions:
    """Where hits may lie when a query has speaker:, code: or coder: filters."""

    codings: dict[int, list[tuple[int | None, int | None]]] | None = None  # doc -> spans
    coding_ids: set[int] | None = None  # codings whose memo may match
    turns: dict[int, list[tuple[int, int]]] | None = None  # doc -> spans of the speakers
    whole_docs: set[int] = dc_field(default_factory=set)  # docs by a matching participant
    _coded: dict[int, _Lookup] = dc_field(default_factory=dict)  # built on first use
    _spoken: dict[int, _Lookup] = dc_field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.codings is not None or self.turns is not None

    def may_hold(self, rid: int) -> bool:
        """Whether an index row can hold an allowed hit at all (before looking inside it)."""
        part, owner = rid % tables.PARTS, rid // tables.PARTS
        if part == tables.CODING_MEMO:
            return self.turns is None and (self.coding_ids is None or owner in self.coding_ids)
        if part != tables.DOC_TEXT:
            return False
        if self.codings is not None and owner not in self.codings:
            return False
        return self.turns is None or owner in self.turns or owner in self.whole_docs

    def allows(self, m: Matched, span: tuple[int, int]) -> bool:
        if m.field == "coding memo":
            return self.turns is None and (self.coding_ids is None
                                           or m.rid // tables.PARTS in self.coding_ids)
        if m.field not in ("text", "caption") or m.document_id is None:
            return False
        start, end = span
        if self.codings is not None and not _inside(
                self._coded, self.codings, m.document_id, start, end):
            return False
        if self.turns is not None and m.document_id not in self.whole_docs:
            if not _inside(self._spoken, self.turns, m.document_id, start, end):
                return False
        return True


_Lookup = tuple[list[int], list[int], bool]  # starts, running max of ends, whole document


def _inside(cache: dict[int, _Lookup], spans: dict[int, list[Any]], doc: int, start: int,
            end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the document's spans, in O(log n).

    Spans sorted by start with a running maximum of their ends: among the spans starting at or
    before ``start``, one contains the hit exactly when the largest end reaches ``end``.
    """
    found = cache.get(doc)
    if found is None:
        whole = any(s is None for s, _ in spans.get(doc, []))
        ordered = sorted((s, e) for s, e in spans.get(doc, []) if s is not None)
        starts = [s for s, _ in ordered]
        reach: list[int] = []
        for _, e in ordered:
            reach.append(max(e, reach[-1]) if reach else e)
        found = cache[doc] = (starts, reach, whole)
    starts, reach, whole = found
    if whole:
        return True
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and reach[i] >= end


class FtsIndex:
    """Full-text search over one project's store (see ``fieldkit.index.protocol``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def analyser(self) -> Any:
        return analyser(self.store.meta("language", "nl"))

    # -- searching ---------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 100) -> SearchResult:
        """Ranked hits for a query (see ``QUERY_HELP``); never raises for any query text."""
        limit = max(0, int(limit))
        query = parse(text, self.analyser)
        result = SearchResult(query=text)
        try:
            total, matched = self.matches(query, limit=limit)
        except sqlite3.OperationalError:
            query = plain(text, self.analyser, "fieldkit could not read it as a query")
            total, matched = self.matches(query, limit=limit)
        result.total = total
        result.hits = self._hits(matched)
        result.note = " ".join(query.notes) or None
        return result

    def matches(self, query: Query, *, limit: int | None, every_span: bool = False,
                fields: tuple[str, ...] | None = None) -> tuple[int, list[Matched]]:
        """(total, the first ``limit`` matching rows with their hit spans), best first.

        Filters are part of the MATCH (filter words, ``fieldkit.index.meta``), so FTS5 ranks
        and counts from its index alone; only the rows returned are read. With ``speaker:``,
        ``code:`` or ``coder:`` the rows of the right documents are looked into, best first,
        for a hit inside the speaker's turns or the coded segments. With ``every_span`` all
        spans of every row are kept (for coding all hits); otherwise each row keeps its first
        allowed span.
        """
        if query.match is None:
            return 0, []
        expr, regions = self._filters(query)
        if expr is None:
            return 0, []
        if fields:
            expr += " AND " + _any_of("f" + f.replace(" ", "") for f in fields)
        conn = self.store.conn
        sql = (f"SELECT rowid, {tables.BM25} AS score FROM search_index "
               "WHERE search_index MATCH ? ORDER BY score")
        with self.store.lock:
            if not regions.active and not every_span:
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
            if every_span:
                rows = conn.execute(sql, (expr,)).fetchall()
                found = [Matched.of(rid, score) for rid, score in rows
                         if not regions.active or regions.may_hold(rid)]
                kept: list[Matched] = []
                total = 0
                for start in range(0, len(found), CHUNK):
                    chunk = found[start:start + CHUNK]
                    self._place(query, chunk, mode="exact")
                    for m in chunk:
                        m.spans = [s for s in m.spans if regions.allows(m, s)] \
                            if regions.active else m.spans
                        total += bool(m.spans)
                        if m.spans and (limit is None or len(kept) < limit):
                            kept.append(m)
                return total, kept
            # Speaker/code regions: look into the rows of the right documents (unranked, so
            # FTS5 does not score rows that are dropped), then rank the rows that hold a hit.
            found = [Matched.of(rid, 0.0) for (rid,) in conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (expr,))
                if regions.may_hold(rid)]
            allowed: dict[int, Matched] = {}
            for start in range(0, len(found), CHUNK):
                chunk = found[start:start + CHUNK]
                self._place(query, chunk, mode="all", regions=regions)
                for m in chunk:
                    spans = [s for s in m.spans if regions.allows(m, s)]
                    if spans:
                        m.spans = spans[:1]
                        allowed[m.rid] = m
            if not allowed:
                return 0, []
            if len(allowed) <= 64:
                ranked = conn.execute(
                    f"SELECT rowid, {tables.BM25} AS score FROM search_index WHERE "
                    f"search_index MATCH ? AND rowid IN ({', '.join(map(str, allowed))}) "
                    "ORDER BY score", (expr,)).fetchall()
            else:
                ranked = [r for r in conn.execute(sql, (expr,)) if r[0] in allowed]
            kept = []
            for rid, score in ranked:
                if limit is not None and len(kept) >= limit:
                    break
                m = allowed[rid]
                m.score = -score
                kept.append(m)
            return len(allowed), kept

    def _place(self, query: Query, found: list[Matched], *, mode: str,
               regions: _Regions | None = None) -> None:
        """Fill in each row's source text and its hit spans (code points in that text).

        ``mode``: ``"first"`` the first hit of each row, ``"all"`` every hit (both found in
        the stored words, ``fieldkit.index.locate``), ``"exact"`` every hit as FTS5's
        ``highlight()`` marks it (slower; for coding all hits). Word numbers become code points
        through the stored word offsets.
        """
        if not found:
            return
        conn = self.store.conn
        wanted = {leaf.column for leaf in query.leaves} if mode != "exact" else set()
        cols = [name if name in wanted else "NULL" for name in ("stems", "words")]
        stored: dict[int, tuple[Any, Any, bytes | None]] = {}
        ids = [m.rid for m in found]
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            sql = (f"SELECT rowid, {cols[0]}, {cols[1]}, offsets FROM search_index "
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
        packed = {rid: unpack(row[2]) for rid, row in stored.items()}
        if regions is not None:
            # Rows none of whose hits starts inside a region are dropped before their text is
            # read (a start inside is necessary, the end is checked below).
            keep = []
            for m in found:
                offsets = packed.get(m.rid) or []
                if any(first < len(offsets) and regions.allows(m, (offsets[first],) * 2)
                       for first, _ in runs.get(m.rid, [])):
                    keep.append(m)
                else:
                    m.spans = []
            found = keep
        self._bodies(found)
        for m in found:
            offsets = packed.get(m.rid) or unpack(None)
            spans = []
            for first, last in runs.get(m.rid, []):
                if last >= len(offsets) or first > last:
                    continue
                spans.append((offsets[first], word_end(m.body, offsets[last])))
                if mode == "first":
                    break
            m.spans = spans or [(0, 0)]

    def _highlighted(self, query: Query, rids: list[int]) -> dict[int, list[locate.Run]]:
        """Word runs FTS5's ``highlight()`` marks in rows ``rids``."""
        cols = [f"highlight(search_index, {i}, char(1), char(2))" if name in query.columns
                else "NULL" for i, name in ((tables.STEMS, "stems"), (tables.WORDS, "words"))]
        out: dict[int, list[locate.Run]] = {}
        for start in range(0, len(rids), 500):
            part = rids[start:start + 500]
            sql = (f"SELECT rowid, {cols[0]}, {cols[1]} FROM search_index "
                   f"WHERE search_index MATCH ? AND rowid IN ({', '.join('?' * len(part))})")
            for rid, stems, words in self.store.conn.execute(sql, [query.match, *part]):
                out[rid] = kwic.merge(kwic.marked_words(stems), kwic.marked_words(words))
        return out

    def _bodies(self, found: list[Matched]) -> None:
        """Fill in the original text each row was made from (and its field and document)."""
        by_part: dict[int, dict[int, list[Matched]]] = {}
        for m in found:
            by_part.setdefault(m.rid % tables.PARTS, {}).setdefault(
                m.rid // tables.PARTS, []).append(m)
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
            for m in matched:
                start, end = m.spans[0] if m.spans else (0, 0)
                before, match, after = kwic.in_context(m.body, start, end)
                if m.field == "code":
                    if book is None:
                        book = Codebook([row_mappers.code(r) for r in conn.execute(
                            "SELECT * FROM codes ORDER BY position, id")])
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
                speaker = self._speaker(d[0], start) if m.field in ("text", "caption",
                                                                    "coding memo") else None
                hits.append(Hit(
                    d[0], d[1], d[3], d[2] if m.field in ("text", "caption") else "memo", d[4],
                    d[5], speaker or d[6], start, end, before, match, after,
                    kwic.snippet(before, match, after), m.score, m.field, coding_id=coding_id))
        return hits

    def _speaker(self, document_id: int, position: int) -> str | None:
        r = self.store.conn.execute(
            "SELECT speaker, end FROM turns WHERE document_id = ? AND start <= ? "
            "ORDER BY start DESC LIMIT 1", (document_id, position)).fetchone()
        return r[0] if r is not None and position < r[1] else None

    # -- filters -----------------------------------------------------------------------------

    def _filters(self, query: Query) -> tuple[str | None, _Regions]:
        """The MATCH expression with the filters in it, and the regions hits must lie in.

        ``None`` for the expression: nothing can match (a note says why when it is a filter
        value that matches nothing).
        """
        parts = [f"({query.match})"]
        regions = _Regions()
        f = query.filters
        store = self.store
        if "site" in f:
            ids = [r[0] for r in store.rows("SELECT id, name FROM sites")
                   if any(v.casefold() in r[1].casefold() for v in f["site"])]
            if not ids:
                return self._none(query, "site", f["site"])
            parts.append(_any_of(f"s{i}" for i in ids))
        if "kind" in f:
            parts.append(_any_of(f"k{k}" for k in f["kind"]))
        if "after" in f or "before" in f:
            days = date_words(max(f["after"]) if "after" in f else None,
                              min(f["before"]) if "before" in f else None)
            if not days:
                return None, regions
            parts.append(_any_of(days))
        if "speaker" in f:
            wanted = [v.casefold() for v in f["speaker"]]
            names = [r[0] for r in store.rows("SELECT DISTINCT speaker FROM turns")
                     if any(r[0].casefold().startswith(w) for w in wanted)]
            people = [r[0] for r in store.rows("SELECT id, pseudonym FROM participants")
                      if any(r[1].casefold().startswith(w) for w in wanted)]
            if not names and not people:
                return self._none(query, "speaker", f["speaker"])
            regions.turns = {}
            if names:
                marks = ", ".join("?" * len(names))
                for doc, s, e in store.rows(
                        f"SELECT document_id, start, end FROM turns WHERE speaker IN ({marks})",
                        names):
                    regions.turns.setdefault(doc, []).append((s, e))
            if people:
                regions.whole_docs = {r[0] for r in store.rows(
                    f"SELECT id FROM documents WHERE participant_id IN "
                    f"({', '.join(map(str, people))})")}
            parts.append(_any_of(("ftext", "fcaption")))
        queried = [v for v in f.get("code", []) if has_operators(v)]
        if queried:  # code:"A AND B" — a coding query over codes (fieldkit.analysis.query)
            found = self._coding_query(queried, f.get("coder", []))
            if found is None:
                return self._none(query, "code", queried)
            f = {k: v for k, v in f.items() if k != "code"}
            plain_codes = [v for v in query.filters["code"] if v not in queried]
            if plain_codes:
                f["code"] = plain_codes
            elif "coder" in f:
                del f["coder"]  # the coding query applied it
            regions.codings, regions.coding_ids = found, set()
        if "code" in f or "coder" in f:
            conditions = []
            if "code" in f:
                code_ids = self._codes(f["code"])
                if not code_ids:
                    return self._none(query, "code", f["code"])
                conditions.append(f"code_id IN ({', '.join(map(str, code_ids))})")
            if "coder" in f:
                coder_ids = [r[0] for r in store.rows("SELECT id, name FROM coders")
                             if any(v.casefold() == r[1].casefold() for v in f["coder"])]
                if not coder_ids:
                    return self._none(query, "coder", f["coder"])
                conditions.append(f"coder_id IN ({', '.join(map(str, coder_ids))})")
            regions.codings, regions.coding_ids = regions.codings or {}, set()
            for key, doc, s, e in store.rows(
                    "SELECT id, document_id, start, end FROM codings WHERE "
                    + " AND ".join(conditions)):
                regions.codings.setdefault(doc, []).append((s, e))
                regions.coding_ids.add(key)
            parts.append(_any_of(("ftext", "fcaption", "fcodingmemo")))
        return " AND ".join(parts), regions

    @staticmethod
    def _none(query: Query, name: str, values: list[str]) -> tuple[None, _Regions]:
        shown = " or ".join(f"'{v}'" for v in values)
        query.notes.append(f"No {name} matches {shown}, so nothing was found.")
        return None, _Regions()

    def _coding_query(self, expressions: list[str], coders: list[str]
                      ) -> dict[int, list[tuple[int | None, int | None]]] | None:
        """doc → regions found by coding queries (see ``docs/search.md``); None if a code or
        the coder is unknown or the query is not well formed."""
        from fieldkit.analysis import query as coding_query
        from fieldkit.analysis.spans import BIG
        from fieldkit.analysis.table import CodingTable, Scope
        from fieldkit.core.errors import FieldkitError

        book = Codebook(self.store.codes())

        def resolve(ref: str) -> int:
            wanted = ref.strip().strip("/").casefold()
            hits = [c.id for c in book.codes.values()
                    if book.path(c.id).casefold() == wanted or c.name.casefold() == wanted]
            if len(hits) != 1:
                raise FieldkitError(ref)
            return hits[0]

        coder_id = None
        if coders:
            found_coders = [r[0] for r in self.store.rows("SELECT id, name FROM coders")
                            if any(v.casefold() == r[1].casefold() for v in coders)]
            if not found_coders:
                return None
            coder_id = found_coders[0]
        table = CodingTable.load(self.store)
        regions: dict[int, list[tuple[int | None, int | None]]] = {}
        for expression in expressions:
            try:
                node = coding_query.parse(coding_query.loose(expression), resolve)
            except FieldkitError:
                return None
            starts, ends = coding_query.evaluate(node, table, self.store,
                                                 Scope(coder_id=coder_id))
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
                regions.setdefault(s // BIG, []).append((s % BIG, e % BIG))
        return regions

    def _codes(self, refs: list[str]) -> list[int]:
        """Codes named by path or name (case-insensitive), with the codes below them."""
        book = Codebook(self.store.codes())
        found: set[int] = set()
        for ref in refs:
            wanted = ref.strip().strip("/").casefold()
            for code in book.codes.values():
                if code.name.casefold() == wanted or book.path(code.id).casefold() == wanted:
                    found.add(code.id)
                    found.update(book.descendants(code.id))
        return sorted(found)

    # -- keeping the index ---------------------------------------------------------------------

    def rebuild(self, progress: Progress | None = None) -> int:
        """Build the index afresh from the project's texts; returns how many texts it holds.

        One transaction: cancelling (``Cancelled`` from the progress) leaves the old index.
        """
        progress = progress or Progress.silent()
        an = self.analyser
        with self.store.change("Rebuild the search index", log=False):
            conn = self.store.conn
            total = conn.execute(f"SELECT count(*) FROM ({tables.EXPECTED_ROWS})").fetchone()[0]
            progress.start(total, "Indexing texts")
            conn.execute("DROP TABLE IF EXISTS search_index")
            conn.execute(tables.TABLE)
            conn.execute(tables.SPEAKER_INDEX)
            source = conn.execute(f"SELECT rid, body, field, document_id, meta FROM "
                                  f"({tables.EXPECTED_ROWS}) ORDER BY rid")
            done = 0
            while batch := source.fetchmany(500):
                values = [(rid, field, doc, meta, *an.analyse(body or ""))
                          for rid, body, field, doc, meta in batch]
                conn.executemany(tables.INSERT, values)
                done += len(batch)
                progress.step(f"{done} of {total} texts", amount=len(batch))
            conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        return total

    def optimize(self) -> None:
        """Merge the index's segments (worth doing after loading many documents)."""
        with self.store.change("Tidy the search index", log=False):
            self.store.conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")

    def _resync(self, where: str, params: Iterable[Any]) -> None:
        """Rewrite the index rows of the texts selected by ``where`` over the expected rows."""
        with self.store.change("Update the search index", log=False):
            conn = self.store.conn
            wanted = list(conn.execute(
                f"SELECT rid, body, field, document_id, meta FROM ({tables.EXPECTED_ROWS}) "
                f"WHERE {where}", list(params)))
            conn.execute(f"DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM "
                         f"search_index WHERE {where.replace('rid', 'rowid')})", list(params))
            an = self.analyser
            conn.executemany(
                tables.INSERT,
                [(rid, field, doc, meta, *an.analyse(body or ""))
                 for rid, body, field, doc, meta in wanted])

    def add(self, document_id: int) -> None:
        """Index one document's text and memos (the triggers already do this on every write)."""
        self.update(document_id)

    def update(self, document_id: int) -> None:
        self._resync("rid / 8 = ? AND rid % 8 IN (0, 1)", [int(document_id)])

    def remove(self, document_id: int) -> None:
        with self.store.change("Update the search index", log=False):
            self.store.conn.execute("DELETE FROM search_index WHERE rowid IN (?, ?)",
                                    (document_id * 8, document_id * 8 + 1))

    # -- checking ------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        """Plain sentences about anything wrong with the index (an empty list: all is well)."""
        out: list[str] = []
        conn = self.store.conn
        with self.store.lock:
            if not self.store.readonly:
                try:
                    conn.execute("INSERT INTO search_index (search_index, rank) "
                                 "VALUES ('integrity-check', 1)")
                except sqlite3.DatabaseError as exc:
                    out.append(f"The search index is damaged ({exc}); run `fieldkit reindex`.")
                    return out
            lang = tables.LANGUAGE
            missing = conn.execute(
                f"SELECT count(*) FROM (SELECT rid, fk_stems(body, {lang}), "
                f"fk_words(body, {lang}), fk_offsets(body, {lang}), field, document_id, meta "
                f"FROM ({tables.EXPECTED_ROWS}) EXCEPT SELECT rowid, stems, words, offsets, "
                "field, document_id, meta FROM search_index)").fetchone()[0]
            extra = conn.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM search_index EXCEPT "
                f"SELECT rid FROM ({tables.EXPECTED_ROWS}))").fetchone()[0]
        if missing:
            out.append(f"The search index is out of step with {missing} text(s); "
                       "run `fieldkit reindex`.")
        if extra:
            out.append(f"The search index holds {extra} text(s) that are no longer in the "
                       "project; run `fieldkit reindex`.")
        return out

    def spans_of(self, query: Query) -> Iterator[Matched]:
        """Every matching document text with all its allowed hit spans (for coding all hits)."""
        _, matched = self.matches(query, limit=None, every_span=True,
                                  fields=("text", "caption"))
        yield from matched
