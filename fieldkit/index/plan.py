"""The query planner: a parsed search's filters turned into the MATCH expressions it runs.

``site:``, ``kind:``, dates, ``speaker:``, ``code:`` and ``coder:`` are filter words of the index
(``fieldkit.index.meta``), so they become part of the FTS5 MATCH over ``search_index`` and,
for the filters that narrow to coded segments and turns, over ``search_regions``; ``set:`` and
coding queries (``code:"A AND B"``) are not words of the index and become spans the hits must
lie in (``Plan.within``). ``FtsIndex`` (``fieldkit.index.fts``) runs the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.core.said import Said, either
from fieldkit.index.meta import date_words
from fieldkit.index.query import Query
from fieldkit.index.regions import person_word

if TYPE_CHECKING:
    from fieldkit.index.fts import FtsIndex

# A code: value can be a coding query only if it holds one of these (in capitals): the
# coding-query reader, and numpy with it, is imported only then (100 ms on a first search).
OPERATOR_WORDS = ("AND", "OR", "NOT", "NEAR", "FOLLOWED")
# ``coder:`` (or many codes) with words: the words' rows are scored first when they are fewer
# than this share of the rows the filters find (``Planner.few_words``)
WORDS_SHARE = 0.3


def any_of(words: Iterable[str]) -> str:
    """A MATCH clause: any of these filter words in the ``meta`` column."""
    return "meta : (" + " OR ".join(f'"{w}"' for w in words) + ")"


def none(query: Query, name: str, values: list[str]) -> Plan | None:
    """Nothing can match: say which filter value matched nothing (in ``query.notes``)."""
    query.notes.append(Said("No {name} matches {shown}, so nothing was found.",
                            name=Said(name), shown=either(values)))
    return None


@dataclass
class Plan:
    """The MATCH expressions a query runs: over ``search_index`` and, with ``code:``,
    ``coder:`` or ``speaker:``, over ``search_regions`` (either may be None). ``speakers``:
    with ``speaker:`` and ``code:``/``coder:`` together, the coded segments' hits are kept
    when they lie in a turn of one of these people (``person_word`` prefixes). ``within``:
    spans a coding query found (``code:"A AND B"``), which the texts' hits must lie in."""

    index: str | None
    regions: str | None = None
    speakers: list[str] | None = None
    within: dict[int, list[tuple[int | None, int | None]]] | None = None  # doc -> spans
    sets: list[int] | None = None  # set: alone: whole documents of these document sets
    documents: list[int] | None = None  # attr: alone: these whole documents (and of ``sets``)
    # With filter words that most region rows carry (``coder:`` alone), the region rows are
    # ranked by a MATCH of the query's own words (``rank_regions``), kept to the rows the
    # whole expression finds: bm25 works out an IDF for every phrase of its MATCH by reading
    # that phrase's whole doclist, and a filter word's weight is 0, so the scores are the same.
    rank_regions: str | None = None
    # code:/coder: as (the document filters' MATCH clauses, the codes, the coders; None: any),
    # for reading the segments of a few documents from the codings (``listing``)
    segments: tuple[list[str], list[int] | None, list[int] | None] | None = None



class Planner:
    """Plans the searches of one engine (its store and its codebook)."""

    def __init__(self, engine: FtsIndex) -> None:
        self.engine = engine

    def filters(self, query: Query) -> Plan | None:
        """The MATCH expressions with the filters in them (see ``Plan``).

        ``None``: nothing can match (a note says why when it is a filter value that matches
        nothing). A query of filters alone (``query.match`` None) plans the filters only: the
        rows they stand for (``fieldkit.index.listing``).
        """
        parts = [f"({query.match})"] if query.match is not None else []
        f = query.filters
        store = self.engine.store
        if "site" in f:
            ids = [r[0] for r in store.rows("SELECT id, name FROM sites")
                   if any(v.casefold() in r[1].casefold() for v in f["site"])]
            if not ids:
                return none(query, "site", f["site"])
            parts.append(any_of(f"s{i}" for i in ids))
        if "kind" in f:
            parts.append(any_of(f"k{k}" for k in f["kind"]))
        if "after" in f or "before" in f:
            days = date_words(max(f["after"]) if "after" in f else None,
                              min(f["before"]) if "before" in f else None)
            if not days:
                return None
            parts.append(any_of(days))
        speakers = None
        if "speaker" in f:
            speakers = [w for w in (person_word(v) for v in f["speaker"]) if w]
            people = self.people(speakers)
            if not people:
                return none(query, "speaker", f["speaker"])
            clause = any_of(people)
        queried: list[str] = []
        maybe = [v for v in f.get("code", []) if any(w in v for w in OPERATOR_WORDS)]
        if maybe:  # the coding-query reader (numpy) only when a code: filter may ask
            from fieldkit.analysis.query import has_operators

            queried = [v for v in maybe if has_operators(v)]
        if queried:  # code:"A AND B" — a coding query over codes (fieldkit.analysis.query)
            return self.within(query, parts, queried, speakers)
        if speakers is not None:
            if "code" not in f and "coder" not in f:
                expr = " AND ".join([*parts, clause])
                return Plan(index=expr, regions=expr)
        if "code" in f or "coder" in f:
            # the document filters (site:, kind:, dates), for listing segments without words
            documents = parts[0 if query.match is None else 1:]
            code_ids: list[int] = []
            coder_ids: list[int] = []
            if "code" in f:
                code_ids = self.codes(f["code"])
                if not code_ids:
                    return none(query, "code", f["code"])
                parts.append(any_of(f"c{i}" for i in code_ids))
            if "coder" in f:
                coder_ids = [r[0] for r in store.rows("SELECT id, name FROM coders")
                             if any(v.casefold() == r[1].casefold() for v in f["coder"])]
                if not coder_ids:
                    return none(query, "coder", f["coder"])
                parts.append(any_of(f"r{i}" for i in coder_ids))
            expr = " AND ".join(parts)
            # Coding memos carry their coding's words too; with speaker: only text counts.
            # A coder's word is on half the rows, and a code with sub-codes is an OR of
            # several words: reading their doclists for bm25 costs more than ranking by the
            # query's words alone (measured on the large demo; one code alone is cheaper as is).
            broad = speakers is None and ("coder" in f or len(code_ids) >= 3) \
                and query.match is not None \
                and self.few_words(parts[0], " AND ".join(parts[1:]))
            return Plan(index=expr if speakers is None else None, regions=expr,
                        speakers=speakers, rank_regions=parts[0] if broad else None,
                        segments=(documents, code_ids or None, coder_ids or None))
        return Plan(index=" AND ".join(parts))

    def in_sets(self, query: Query, plan: Plan | None) -> Plan | None:
        """``plan`` kept to the documents of the ``set:`` filter's document sets (any of them).

        A set's documents are not words of the index, so the hits are checked against them the
        way a coding query's spans are (``within``): a whole document per member, or, with a
        coding query too, only its spans in member documents."""
        names = query.filters.get("set")
        if not names or plan is None:
            return plan
        from fieldkit.core.errors import NotFound
        from fieldkit.storage import workbench_tables

        sets: list[int] = []
        for name in names:
            try:
                found = workbench_tables.find_set(self.engine.store, name)
            except NotFound:
                continue
            if found["kind"] == "documents":
                sets.append(int(found["id"]))
        if not sets or not self.engine.store.value(
                "SELECT EXISTS (SELECT 1 FROM set_members WHERE document_id IS NOT NULL AND "
                f"set_id IN ({', '.join(map(str, sets))}))"):
            return none(query, "document set", names)
        if plan.within is None and plan.regions is None and plan.speakers is None:
            plan.sets = sets  # whole documents: kept inside the query (``whole_documents``)
            return plan
        docs = self.members(sets)
        if plan.within is None:
            plan.within = {doc: [(None, None)] for doc in docs}
        else:
            plan.within = {doc: spans for doc, spans in plan.within.items() if doc in docs}
        return plan

    def members(self, sets: list[int]) -> set[int]:
        """The documents of these document sets."""
        return {r[0] for r in self.engine.store.conn.execute(
            "SELECT document_id FROM set_members WHERE document_id IS NOT NULL AND set_id IN "
            f"({', '.join(str(int(k)) for k in sets)})")}

    def within(self, query: Query, parts: list[str], queried: list[str],
               speakers: list[str] | None) -> Plan | None:
        """The plan for ``code:`` values that are coding queries: their regions are spans
        worked out from the codings, not rows of the index, so the texts' hits are checked
        against them (with plain ``code:`` values too: a hit in either counts)."""
        f = query.filters
        within = self.coding_query(queried, f.get("coder", []))
        if within is None:
            return none(query, "code", queried)
        plain_codes = [v for v in f["code"] if v not in queried]
        if plain_codes:
            conditions = []
            code_ids = self.codes(plain_codes)
            if not code_ids:
                return none(query, "code", plain_codes)
            conditions.append(f"code_id IN ({', '.join(map(str, code_ids))})")
            if "coder" in f:
                coder_ids = [r[0] for r in self.engine.store.rows("SELECT id, name FROM coders")
                             if any(v.casefold() == r[1].casefold() for v in f["coder"])]
                conditions.append(f"coder_id IN ({', '.join(map(str, coder_ids)) or 'NULL'})")
            for doc, s, e in self.engine.store.rows(
                    "SELECT document_id, start, end FROM codings WHERE "
                    + " AND ".join(conditions)):
                within.setdefault(doc, []).append((s, e))
        expr = " AND ".join([*parts, any_of(("ftext", "fcaption"))])
        return Plan(index=expr, speakers=speakers, within=within)

    def coding_query(self, expressions: list[str], coders: list[str]
                     ) -> dict[int, list[tuple[int | None, int | None]]] | None:
        """doc → regions found by coding queries (see ``docs/search.md``); None if a code or
        the coder is unknown or the query is not well formed."""
        from fieldkit.analysis import query as coding_query
        from fieldkit.analysis.spans import BIG
        from fieldkit.analysis.table import CodingTable, Scope
        from fieldkit.core.errors import FieldkitError

        book = self.engine.codebook()

        def resolve(ref: str) -> int:
            wanted = ref.strip().strip("/").casefold()
            hits = [c.id for c in book.codes.values()
                    if book.path(c.id).casefold() == wanted or c.name.casefold() == wanted]
            if len(hits) != 1:
                raise FieldkitError(ref)
            return hits[0]

        coder_id = None
        if coders:
            found_coders = [r[0] for r in self.engine.store.rows("SELECT id, name FROM coders")
                            if any(v.casefold() == r[1].casefold() for v in coders)]
            if not found_coders:
                return None
            coder_id = found_coders[0]
        table = CodingTable.load(self.engine.store)
        regions: dict[int, list[tuple[int | None, int | None]]] = {}
        for expression in expressions:
            try:
                node = coding_query.parse(coding_query.loose(expression), resolve)
            except FieldkitError:
                return None
            starts, ends = coding_query.evaluate(node, table, self.engine.store,
                                                 Scope(coder_id=coder_id))
            for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
                regions.setdefault(s // BIG, []).append((s % BIG, e % BIG))
        return regions


    def few_words(self, words: str, filters: str) -> bool:
        """Whether the query's words are in few coded segments and turns beside the rows its
        filters find (under ``WORDS_SHARE`` of them): then scoring the words' rows beats
        scoring with the filter words in the MATCH, which reads the filters' whole doclists.
        A word in a third of the filter's rows ("niet" beside a coder's 50,000 segments) is
        scored the direct way (measured on the large demo: 8.3 against 10.6 ms)."""
        return self.engine.count_regions(words) < WORDS_SHARE * self.engine.region_rows(filters)

    def people(self, prefixes: list[str]) -> list[str]:
        """The person words (``person_word``) starting with any of ``prefixes``."""
        found: set[str] = set()
        for p in prefixes:
            found.update(r[0] for r in self.engine.store.conn.execute(
                "SELECT word FROM search_people WHERE word >= ? AND word < ?",
                (p, p[:-1] + chr(ord(p[-1]) + 1))))
        return sorted(found)

    def codes(self, refs: list[str]) -> list[int]:
        """Codes named by path or name (case-insensitive), with the codes below them."""
        book = self.engine.codebook()
        found: set[int] = set()
        for ref in refs:
            wanted = ref.strip().strip("/").casefold()
            for code in book.codes.values():
                if code.name.casefold() == wanted or book.path(code.id).casefold() == wanted:
                    found.add(code.id)
                    found.update(book.descendants(code.id))
        return sorted(found)
