"""Searches of filters alone: ``speaker:kees`` lists Kees's turns, ``code:"Peer help"`` the
segments coded Peer help (or a code below it), ``coder:anouk`` Anouk's segments,
``code:"A AND B"`` the regions of that coding query.

Each turn or segment is one hit, in text order (by document, then where it starts), its span
the whole turn or segment: jumping to it selects it, and "code all hits" codes exactly it. The
other filters narrow the list as they narrow a search for words: ``site:``, ``kind:`` and the
dates are filter words of the turns' and segments' own index rows (``search_regions``), so they
are part of the MATCH; ``set:``, ``attr:`` and ``speaker:`` beside ``code:``/``coder:`` keep
the part of each turn or segment that lies inside their stretches (a document of the set, the
stretches where the condition holds, the speaker's turns).

A participant's own text without turns (their ESM answers, say) counts as spoken by them, as in
a search for words: ``speaker:`` lists it whole. A document with turns counts by its turns. An
area of a photo or page (a coding without a text span) is listed with its document's text;
"code all hits" leaves it alone, as it codes text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.index import attribute_filter, whole_documents
from fieldkit.index.plan import Plan, any_of
from fieldkit.index.regions import person_word
from fieldkit.storage import search_tables as tables

if TYPE_CHECKING:
    from fieldkit.index.fts import FtsIndex, Matched
    from fieldkit.index.query import Query

LISTED = ("speaker", "code", "coder")  # the filters that stand for turns or segments
_AREA_END = 1 << 40  # an area coding's text span reaches the end of any text
Spans = list[tuple[int | None, int | None]]


@dataclass(slots=True)
class Item:
    """One turn or segment (or the part of it kept): where it is and which index row it has."""

    document_id: int
    start: int
    end: int
    rid: int
    area: bool = False


def applies(query: Query) -> bool:
    """Whether a query lists turns or segments: it is filters alone, one of them ``speaker:``,
    ``code:`` or ``coder:``."""
    return query.match is None and query.filters_only and not query.regexes and any(
        name in query.filters for name in LISTED)


def listed(engine: FtsIndex, query: Query, *, limit: int | None,
           every_span: bool) -> tuple[int, list[Matched]]:
    """(how many turns or segments, the first ``limit`` of them as hits) in text order; with
    ``every_span`` one row per document holding all its spans (for coding all hits)."""
    planner = engine.planner
    plan = attribute_filter.restrict(engine, query, planner.in_sets(query,
                                                                   planner.filters(query)))
    if plan is None:
        return 0, []
    if plan.sets is not None or plan.documents is not None:
        plan.within = {doc: [(None, None)] for doc in whole_documents.members(engine, plan)}
    turns_only = "code" not in query.filters and "coder" not in query.filters
    with engine.store.lock:
        if plan.regions is None:  # a coding query: its regions are the list
            items = _queried(engine, plan)
        elif plan.within is None and plan.speakers is None and not every_span \
                and limit is not None:
            return _first(engine, plan, limit, turns_only)
        elif plan.speakers is not None:  # segments, in the speaker's turns
            items, _turns = spoken_segments(engine, plan)
        else:
            items = _region_items(engine, plan.regions, turns_only, None)
            if turns_only:
                items += _participant_texts(engine, plan)
        if plan.within is not None:
            items = _clipped(items, plan.within)
        items.sort(key=lambda i: (i.document_id, i.start, i.end, i.rid))
        if every_span:
            return _per_document(engine, items, limit)
        return len(items), _matched(engine, items if limit is None else items[:limit])


def _first(engine: FtsIndex, plan: Plan, limit: int,
           turns_only: bool) -> tuple[int, list[Matched]]:
    """The first ``limit`` turns or segments and how many there are, read without going
    through all of them: FTS5 counts the rows, and hands them over in rowid order, which is
    document order (a document's rows are read to its end, to put them in text order)."""
    assert plan.regions is not None
    total = engine.count_regions(plan.regions)
    items = _region_items(engine, plan.regions, turns_only, limit)
    if turns_only:
        texts = _participant_texts(engine, plan)
        total += len(texts)
        last = items[-1].document_id if items and len(items) >= limit else None
        items += [i for i in texts if last is None or i.document_id <= last]
    items.sort(key=lambda i: (i.document_id, i.start, i.end, i.rid))
    return total, _matched(engine, items[:max(0, limit)])


def _region_items(engine: FtsIndex, expr: str, turns_only: bool,
                  limit: int | None) -> list[Item]:
    """The turns (``turns_only``) or segments whose index rows ``expr`` matches, with their
    spans; with ``limit``, the rows of the first documents holding at least that many."""
    shift, parts, owners = tables.DOC_SHIFT, tables.PARTS, tables.OWNERS
    source, part = ("turns", tables.TURN) if turns_only else ("codings", tables.SEGMENT)
    rows = engine.store.conn.execute(
        f"SELECT r.rowid, r.rowid / {shift}, o.start, o.end FROM search_regions r "
        f"CROSS JOIN {source} o ON o.id = (r.rowid / {parts}) % {owners} "
        f"WHERE search_regions MATCH ? AND r.rowid % {parts} = {part} ORDER BY r.rowid",
        (expr,))
    items: list[Item] = []
    for rid, doc, start, end in rows:
        if limit is not None and len(items) >= limit and (
                not items or doc != items[-1].document_id):
            break
        if start is None or end is None:  # an area of a photo or page
            items.append(Item(doc, 0, _AREA_END, rid, area=True))
        else:  # an empty one too, as FTS5 counts it (code all hits leaves it alone)
            items.append(Item(doc, start, end, rid))
    return items


def _segments_in(engine: FtsIndex, plan: Plan, docs: list[int]) -> list[Item]:
    """The segments of the plan's codes and coders in a few documents (those the document
    filters allow), read from the codings by document: the same rows as ``_region_items``
    would find, without an FTS5 query per document."""
    assert plan.segments is not None
    documents, codes, coders = plan.segments
    conn = engine.store.conn
    if documents and docs:
        expr = " AND ".join([*documents, any_of(("ftext", "fcaption"))])
        allowed = {rid // tables.PARTS for (rid,) in conn.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?", (expr,))}
        docs = [d for d in docs if d in allowed]
    conditions = _conditions(codes, coders)
    items = []
    for at in range(0, len(docs), 500):
        some = ", ".join(map(str, docs[at:at + 500]))
        for key, doc, start, end in conn.execute(
                f"SELECT id, document_id, start, end FROM codings WHERE document_id IN "
                f"({some})" + "".join(f" AND {c}" for c in conditions)):
            rid = doc * tables.DOC_SHIFT + key * tables.PARTS + tables.SEGMENT
            if start is None or end is None:
                items.append(Item(doc, 0, _AREA_END, rid, area=True))
            else:
                items.append(Item(doc, start, end, rid))
    return items


def _conditions(codes: list[int] | None, coders: list[int] | None, prefix: str = ""
                ) -> list[str]:
    """SQL conditions on codings: of these codes, by these coders (None: any)."""
    conditions = []
    if codes is not None:
        conditions.append(f"{prefix}code_id IN ({', '.join(map(str, codes))})")
    if coders is not None:
        conditions.append(f"{prefix}coder_id IN ({', '.join(map(str, coders))})")
    return conditions


def _participant_texts(engine: FtsIndex, plan: Plan, *, with_turns: bool = False
                       ) -> list[Item]:
    """The whole texts, without turns (or also with them: ``with_turns``), of the participants
    ``speaker:`` means (within the plan's other filter words)."""
    if plan.index is None:
        return []
    conn = engine.store.conn
    expr = f"{plan.index} AND {any_of(('ftext', 'fcaption'))}"
    docs = [rid // tables.PARTS for (rid,) in conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ?", (expr,))]
    if not docs:
        return []
    listed_ = ", ".join(map(str, docs))
    spoken = set() if with_turns else {r[0] for r in conn.execute(
        f"SELECT DISTINCT document_id FROM turns WHERE document_id IN ({listed_})")}
    return [Item(doc, 0, chars, doc * tables.PARTS + tables.DOC_TEXT)
            for doc, chars in conn.execute(
                f"SELECT id, length(text) FROM documents WHERE id IN ({listed_}) ORDER BY id")
            if doc not in spoken and chars]


def _queried(engine: FtsIndex, plan: Plan) -> list[Item]:
    """The regions of a coding query (``plan.within``) in the documents whose texts the
    plan's filter words allow."""
    within = plan.within or {}
    if plan.index is None or not within:
        return []
    docs = {rid // tables.PARTS for (rid,) in engine.store.conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ?", (plan.index,))
        if rid % tables.PARTS == tables.DOC_TEXT}
    items = []
    for doc, spans in within.items():
        if doc not in docs:
            continue
        rid = doc * tables.PARTS + tables.DOC_TEXT
        for start, end in spans:
            if start is None or end is None:
                items.append(Item(doc, 0, _AREA_END, rid, area=True))
            elif start < end:
                items.append(Item(doc, start, end, rid))
    plan.within = None  # already applied
    return items


def spoken_segments(engine: FtsIndex, plan: Plan, *, participants: bool = False
                    ) -> tuple[list[Item], dict[int, Spans]]:
    """The parts of the plan's segments (its codes and coders, in the documents its filters
    allow) that lie inside turns of its speakers (``code:`` beside ``speaker:``), and, per
    document, the speakers' turns those segments reach (a text of such a participant without
    turns: whole, ``(None, None)``; with ``participants`` every text of such a participant, as
    a search for words counts it: its text row carries the participant's filter word).

    Segments first: the segments of the documents where the speakers have turns, each joined
    with the speakers' turns around it through the turns' index by document and start (a turn
    reaching a segment starts at most the speaker's longest turn before it,
    ``FtsIndex.speakers``). A frequent speaker (the interviewer of every transcript, 24,000
    turns on the large demo) is never read whole; only the turns next to the code's segments
    are.
    """
    assert plan.segments is not None and plan.speakers is not None
    documents, codes, coders = plan.segments
    people = engine.planner.people(plan.speakers)
    if not people:
        return [], {}
    prefixes = plan.speakers
    longest = {name: reach for name, reach in engine.speakers().items()
               if any(person_word(name).startswith(p) for p in prefixes if p)}
    shift, parts, segment = tables.DOC_SHIFT, tables.PARTS, tables.SEGMENT
    coded = "".join(f" AND {c}" for c in _conditions(codes, coders, "c."))
    docs = (f"WITH d(id) AS MATERIALIZED (SELECT DISTINCT rowid / {shift} FROM search_regions "
            f"WHERE search_regions MATCH ? AND rowid % {parts} = {tables.TURN}) ")
    turns_expr = " AND ".join([any_of(people), *documents])
    names = list(longest)
    who = f"t.speaker IN ({', '.join('?' * len(names))})"
    conn = engine.store.conn
    items: list[Item] = []
    reached: dict[int, set[tuple[int, int]]] = {}
    for key, doc, start, end, t_start, t_end in conn.execute(
            f"{docs}SELECT c.id, c.document_id, c.start, c.end, t.start, t.end "
            "FROM d CROSS JOIN codings c ON c.document_id = d.id CROSS JOIN turns t "
            "ON t.document_id = c.document_id AND t.start < c.end AND t.start > c.start - ? "
            f"AND t.end > c.start AND {who} WHERE c.start IS NOT NULL{coded}",
            (turns_expr, max(longest.values(), default=0), *names)) if names else ():
        reached.setdefault(doc, set()).add((t_start, t_end))
        lo, hi = max(start, t_start), min(end, t_end)
        if lo < hi:
            items.append(Item(doc, lo, hi, doc * shift + key * parts + segment))
    # an area of a photo or page covers the whole text: its parts are the speakers' turns
    for key, doc in conn.execute(
            f"{docs}SELECT c.id, c.document_id FROM d CROSS JOIN codings c "
            f"ON c.document_id = d.id WHERE c.start IS NULL{coded}", (turns_expr,)).fetchall():
        for t_start, t_end, name in conn.execute(
                "SELECT start, end, speaker FROM turns WHERE document_id = ?", (doc,)):
            if name in longest and t_start < t_end:
                reached.setdefault(doc, set()).add((t_start, t_end))
                items.append(Item(doc, t_start, t_end, doc * shift + key * parts + segment,
                                  area=True))
    spoken: dict[int, Spans] = {doc: sorted(spans) for doc, spans in reached.items()}
    whole = [i.document_id for i in _participant_texts(engine, Plan(index=any_of(people)),
                                                        with_turns=participants)]
    if whole:
        items += _segments_in(engine, plan, whole)
        spoken.update((doc, [(None, None)]) for doc in whole)
    return items, spoken


def _clipped(items: list[Item], allowed: dict[int, Spans]) -> list[Item]:
    """The parts of the items inside the allowed stretches of their documents (a whole
    document: ``(None, None)``); an item is cut into the pieces that lie inside. Each
    document's stretches are sorted once, with a running maximum of their ends, so an item
    looks only at the stretches that reach it."""
    out: list[Item] = []
    allowed_whole: set[int] = set()
    sorted_: dict[int, tuple[list[int], list[int], list[tuple[int, int]]] | None] = {}
    for item in items:
        doc = item.document_id
        if doc not in sorted_:
            spans = allowed.get(doc)
            if spans and not any(s is None or e is None for s, e in spans):
                ordered = sorted((int(s), int(e)) for s, e in spans
                                 if s is not None and e is not None)
                reach: list[int] = []
                for _, e in ordered:
                    reach.append(max(e, reach[-1]) if reach else e)
                sorted_[doc] = ([s for s, _ in ordered], reach, ordered)
            else:
                sorted_[doc] = None
                if spans:  # the whole document
                    allowed_whole.add(doc)
        if doc in allowed_whole:
            out.append(item)
            continue
        found = sorted_[doc]
        if found is None:
            continue
        starts, reach, ordered = found
        pieces = []
        k = bisect_left(starts, item.end) - 1
        while k >= 0 and reach[k] > item.start:
            start, end = ordered[k]
            lo, hi = max(start, item.start), min(end, item.end)
            if lo < hi:
                pieces.append(Item(doc, lo, hi, item.rid, item.area))
            k -= 1
        out.extend(reversed(pieces))
    return out


def _matched(engine: FtsIndex, items: list[Item]) -> list[Matched]:
    """The items as hits: their document's text (``_bodies``) and their span in it."""
    from fieldkit.index.fts import Matched

    found = [Matched(i.rid, "text", i.document_id, 0.0, spans=[(i.start, i.end)], listed=True)
             for i in items]
    engine._bodies(found)
    for m in found:
        start, end = m.spans[0]
        end = min(end, len(m.body))
        m.spans = [(min(start, end), end)]
    return found


def _per_document(engine: FtsIndex, items: list[Item],
                  limit: int | None) -> tuple[int, list[Matched]]:
    """One row per document with the spans of its items (areas left out: they are not
    text), for coding all hits."""
    from fieldkit.index.fts import Matched

    by_doc: dict[int, set[tuple[int, int]]] = {}
    for i in items:
        if not i.area:
            by_doc.setdefault(i.document_id, set()).add((i.start, i.end))
    found = [Matched(doc * tables.PARTS + tables.DOC_TEXT, "text", doc, 0.0,
                     spans=sorted(spans), listed=True) for doc, spans in by_doc.items()]
    engine._bodies(found)
    return len(found), found if limit is None else found[:limit]
