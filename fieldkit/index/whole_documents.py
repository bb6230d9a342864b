"""Searches kept to whole documents: ``set:`` alone, ``attr:`` where whole documents satisfy
the condition, or both — kept inside the FTS5 query itself, so that FTS5 ranks only those
documents' rows and hands back the first ``limit`` (only those are placed)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fieldkit.storage import search_tables as tables

if TYPE_CHECKING:
    from fieldkit.index.fts import FtsIndex, Matched
    from fieldkit.index.plan import Plan
    from fieldkit.index.query import Query


def members(engine: FtsIndex, plan: Plan) -> set[int]:
    """The documents the plan keeps to: of its document sets, and among its documents."""
    found = engine._members(plan.sets) if plan.sets is not None else None
    if plan.documents is not None:
        chosen = set(plan.documents)
        found = chosen if found is None else found & chosen
    return found or set()


def ranked(engine: FtsIndex, query: Query, plan: Plan, *,
           limit: int | None) -> tuple[int, list[Matched]]:
    """``matches`` kept to whole documents: the texts and memos of those documents (a rowid
    says whose), best first, with the total."""
    from fieldkit.index.fts import Matched

    parts = tables.PARTS
    args: list[Any] = [plan.index]
    kept = (f"search_index MATCH ? AND rowid % {parts} IN ({tables.DOC_TEXT}, "
            f"{tables.DOC_MEMO})")
    if plan.sets is not None:
        kept += (f" AND rowid / {parts} IN (SELECT document_id FROM set_members WHERE set_id "
                 f"IN ({', '.join(str(int(k)) for k in plan.sets)}))")
    if plan.documents is not None:
        kept += f" AND rowid / {parts} IN (SELECT value FROM json_each(?))"
        args.append(json.dumps(sorted(int(d) for d in plan.documents)))
    conn = engine.store.conn
    with engine.store.lock:
        sql = (f"SELECT rowid, {tables.BM25} AS score FROM search_index WHERE {kept} "
               "ORDER BY score")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        top = [Matched.of(rid, score) for rid, score in conn.execute(sql, args)]
        if limit is not None and len(top) >= limit:
            total = conn.execute(f"SELECT count(*) FROM search_index WHERE {kept}",
                                 args).fetchone()[0]
        else:
            total = len(top)
        engine._place(query, top, mode="first")
    return total, top
