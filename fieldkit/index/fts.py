"""The SQLite FTS5 search engine: the index inside ``project.sqlite``.

The index table and the triggers that keep it current live in ``storage.search_tables``; this
module reads it (ranked search with bm25, hits mapped back to code points, filters), rebuilds it
and checks it. As a storage engine in its own right it is the one module outside
``fieldkit/storage`` that holds SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from fieldkit.core.codebook import Codebook
from fieldkit.core.progress import Progress
from fieldkit.index import kwic
from fieldkit.index.query import Query, parse, plain
from fieldkit.index.results import Hit, SearchResult
from fieldkit.index.words import analyser, token_spans
from fieldkit.storage import rows as row_mappers
from fieldkit.storage import search_tables as tables
from fieldkit.storage.store import Store

CHUNK = 200
_KIND = ("CASE WHEN search_index.field IN ('memo', 'coding memo') THEN 'memo' "
         "WHEN search_index.field = 'code' THEN 'code' ELSE d.kind END")


@dataclass
class Matched:
    """One matching index row: which text, its rank and the code-point spans of its hits."""

    rid: int
    field: str
    document_id: int | None
    score: float
    spans: list[tuple[int, int]] = dc_field(default_factory=list)
    body: str = ""


@dataclass
class _Regions:
    """Where hits may lie when a query has speaker:, code: or coder: filters."""

    codings: dict[int, list[tuple[int | None, int | None]]] | None = None  # doc -> spans
    coding_ids: set[int] | None = None  # codings whose memo may match
    turns: dict[int, list[tuple[int, int]]] | None = None  # doc -> spans of the speakers
    whole_docs: set[int] = dc_field(default_factory=set)  # docs by a matching participant

    @property
    def active(self) -> bool:
        return self.codings is not None or self.turns is not None

    def allows(self, m: Matched, span: tuple[int, int]) -> bool:
        if m.field == "coding memo":
            return self.turns is None and (self.coding_ids is None
                                           or m.rid // tables.PARTS in self.coding_ids)
        if m.field not in ("text", "caption") or m.document_id is None:
            return False
        start, end = span
        if self.codings is not None:
            spans = self.codings.get(m.document_id, [])
            if not any(s is None or (s <= start and end <= e)  # type: ignore[operator]
                       for s, e in spans):
                return False
        if self.turns is not None and m.document_id not in self.whole_docs:
            if not any(s <= start and end <= e for s, e in self.turns.get(m.document_id, [])):
                return False
        return True


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

        With ``every_span`` all spans of every row are kept (for coding all hits); otherwise
        each row keeps its first allowed span.
        """
        if query.match is None:
            return 0, []
        where, params, regions = self._filters(query)
        if where is None:
            return 0, []
        if fields:
            where.append(f"search_index.field IN ({', '.join('?' * len(fields))})")
            params.extend(fields)
        ranked_only = not regions.active and not every_span
        sql = ("SELECT search_index.rowid, search_index.field, search_index.document_id, "
               "bm25(search_index) AS score FROM search_index")
        if where:
            sql += (" LEFT JOIN documents d ON d.id = search_index.document_id"
                    " LEFT JOIN visits v ON v.id = d.visit_id")
        sql += " WHERE search_index MATCH ?"
        for condition in where:
            sql += f" AND ({condition})"
        sql += " ORDER BY score"
        args: list[Any] = [query.match, *params]
        if ranked_only and limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        with self.store.lock:
            found = [Matched(r[0], r[1], r[2], -r[3])
                     for r in self.store.conn.execute(sql, args).fetchall()]
            if ranked_only:
                if limit is not None and len(found) >= limit:
                    count_sql = sql.replace(
                        "search_index.rowid, search_index.field, search_index.document_id, "
                        "bm25(search_index) AS score", "count(*)", 1)
                    count_sql = count_sql.rsplit(" ORDER BY", 1)[0]
                    total = self.store.conn.execute(count_sql, args[:-1]).fetchone()[0]
                else:
                    total = len(found)
                self._place(query, found, first_only=True)
                return total, found
            kept: list[Matched] = []
            total = 0
            for start in range(0, len(found), CHUNK):
                chunk = found[start:start + CHUNK]
                self._place(query, chunk, first_only=False)
                for m in chunk:
                    allowed = [s for s in m.spans if regions.allows(m, s)] \
                        if regions.active else m.spans
                    if not allowed:
                        continue
                    total += 1
                    if limit is None or len(kept) < limit:
                        m.spans = allowed if every_span else allowed[:1]
                        kept.append(m)
            return total, kept

    def _place(self, query: Query, found: list[Matched], *, first_only: bool) -> None:
        """Fill in each row's source text and its hit spans (code points in that text)."""
        if not found:
            return
        conn = self.store.conn
        cols = [f"highlight(search_index, {i}, char(1), char(2))" if name in query.columns
                else "NULL" for i, name in enumerate(("stems", "words"))]
        marks: dict[int, list[tuple[int, int]]] = {}
        ids = [m.rid for m in found]
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            sql = (f"SELECT rowid, {cols[0]}, {cols[1]} FROM search_index "
                   f"WHERE search_index MATCH ? AND rowid IN ({', '.join('?' * len(part))})")
            for rid, stems, words in conn.execute(sql, [query.match, *part]):
                marks[rid] = kwic.merge(kwic.marked_words(stems), kwic.marked_words(words))
        bodies = self._bodies(found)
        for m in found:
            m.body = bodies.get(m.rid, "")
            wanted = marks.get(m.rid, [])
            if first_only:
                wanted = wanted[:1]
            m.spans = token_spans(m.body, wanted) or [(0, 0)]

    def _bodies(self, found: Iterable[Matched]) -> dict[int, str]:
        """The original text each row was made from, by rowid."""
        by_part: dict[int, list[int]] = {}
        for m in found:
            by_part.setdefault(m.rid % tables.PARTS, []).append(m.rid // tables.PARTS)
        sources = {
            tables.DOC_TEXT: "SELECT id, text FROM documents",
            tables.DOC_MEMO: "SELECT id, memo FROM documents",
            tables.CODING_MEMO: "SELECT id, memo FROM codings",
            tables.CODE: f"SELECT id, {tables.CODE_TEXT.format(t='codes')} FROM codes",
        }
        out: dict[int, str] = {}
        conn = self.store.conn
        for part, keys in by_part.items():
            for start in range(0, len(keys), 500):
                some = keys[start:start + 500]
                sql = f"{sources[part]} WHERE id IN ({', '.join('?' * len(some))})"
                for key, body in conn.execute(sql, some):
                    out[key * tables.PARTS + part] = body or ""
        return out

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

    def _filters(self, query: Query) -> tuple[list[str] | None, list[Any], _Regions]:
        """SQL conditions for the filters, and the regions hits must lie in (None: no hits)."""
        where: list[str] = []
        params: list[Any] = []
        regions = _Regions()
        f = query.filters
        store = self.store
        if f:
            where.append("search_index.field != 'code'" if "kind" not in f
                         or "code" not in f["kind"] else "1")
        if "site" in f:
            ids = [r[0] for r in store.rows("SELECT id, name FROM sites")
                   if any(v.casefold() in r[1].casefold() for v in f["site"])]
            if not ids:
                return self._none(query, "site", f["site"])
            where.append(f"d.site_id IN ({', '.join(map(str, ids))})")
        if "kind" in f:
            where.append(f"{_KIND} IN ({', '.join('?' * len(f['kind']))})")
            params.extend(f["kind"])
        if "after" in f:
            where.append("coalesce(v.date, substr(d.created, 1, 10)) >= ?")
            params.append(max(f["after"]))
        if "before" in f:
            where.append("coalesce(v.date, substr(d.created, 1, 10)) < ?")
            params.append(min(f["before"]))
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
            docs = set(regions.turns) | regions.whole_docs
            where.append(f"search_index.field IN ('text', 'caption') AND "
                         f"search_index.document_id IN ({', '.join(map(str, sorted(docs)))})")
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
            regions.codings, regions.coding_ids = {}, set()
            for key, doc, s, e in store.rows(
                    "SELECT id, document_id, start, end FROM codings WHERE "
                    + " AND ".join(conditions)):
                regions.codings.setdefault(doc, []).append((s, e))
                regions.coding_ids.add(key)
            coded = ", ".join(map(str, sorted(regions.codings)))
            where.append(f"search_index.field IN ('text', 'caption', 'coding memo') AND "
                         f"search_index.document_id IN ({coded})")
        return where, params, regions

    @staticmethod
    def _none(query: Query, name: str, values: list[str]) -> tuple[None, list[Any], _Regions]:
        shown = " or ".join(f"'{v}'" for v in values)
        query.notes.append(f"No {name} matches {shown}, so nothing was found.")
        return None, [], _Regions()

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
            conn.execute("DROP TABLE search_index")
            conn.execute(tables.TABLE)
            source = conn.execute(f"SELECT rid, body, field, document_id FROM "
                                  f"({tables.EXPECTED_ROWS}) ORDER BY rid")
            done = 0
            while batch := source.fetchmany(500):
                values = []
                for rid, body, kind, doc in batch:
                    stems, words = an.columns(body or "")
                    values.append((rid, stems, words, kind, doc))
                conn.executemany("INSERT INTO search_index (rowid, stems, words, field, "
                                 "document_id) VALUES (?, ?, ?, ?, ?)", values)
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
                f"SELECT rid, body, field, document_id FROM ({tables.EXPECTED_ROWS}) "
                f"WHERE {where}", list(params)))
            conn.execute(f"DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM "
                         f"search_index WHERE {where.replace('rid', 'rowid')})", list(params))
            an = self.analyser
            conn.executemany(
                "INSERT INTO search_index (rowid, stems, words, field, document_id) "
                "VALUES (?, ?, ?, ?, ?)",
                [(rid, *an.columns(body or ""), kind, doc) for rid, body, kind, doc in wanted])

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
                f"fk_words(body, {lang}), field FROM ({tables.EXPECTED_ROWS}) "
                "EXCEPT SELECT rowid, stems, words, field FROM search_index)").fetchone()[0]
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
