"""The query behind the coded-segments view: codings filtered by code, coder, document, site
and date, in reading order (document, then position).

``find_codings(..., light=True)`` reads only what ordering and overlap need (no quote, context or
memo: a tenth of the bytes), for the view to list tens of thousands of rows at once and read the
full rows a page at a time with ``codings_by_id``. A document's date is its visit's date, or the
day it was made when it belongs to no visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import Coding, Region
from fieldkit.storage import rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

DOCUMENT_DATE = "coalesce(v.date, substr(d.created, 1, 10))"
LIGHT_COLUMNS = ("c.id, c.document_id, c.code_id, c.coder_id, c.start, c.end, c.x, c.y, "
                 "c.width, c.height, c.orphaned")


def _within(column: str, values: Sequence[int] | None, where: list[str],
            params: list[Any]) -> None:
    if values is not None:
        where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
        params.extend(values)


def find_codings(store: Store, *, code_ids: Sequence[int] | None = None,
                 coder_ids: Sequence[int] | None = None,
                 document_ids: Sequence[int] | None = None,
                 site_ids: Sequence[int] | None = None, date_from: str | None = None,
                 date_to: str | None = None, light: bool = False) -> list[Coding]:
    """Codings matching every filter given (None: no filter; an empty list: nothing); with
    ``light`` their quote, context, memo and UUID are left empty."""
    where: list[str] = []
    params: list[Any] = []
    _within("c.code_id", code_ids, where, params)
    _within("c.coder_id", coder_ids, where, params)
    _within("c.document_id", document_ids, where, params)
    _within("d.site_id", site_ids, where, params)
    if date_from:
        where.append(f"{DOCUMENT_DATE} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{DOCUMENT_DATE} <= ?")
        params.append(date_to)
    columns = LIGHT_COLUMNS if light else "c.*"
    sql = (f"SELECT {columns} FROM codings c JOIN documents d ON d.id = c.document_id "
           "LEFT JOIN visits v ON v.id = d.visit_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.document_id, c.start, c.id"
    if light:
        return [Coding(r[0], "", r[1], r[2], r[3], r[4], r[5],
                       region=Region(r[6], r[7], r[8], r[9]) if r[6] is not None else None,
                       orphaned=bool(r[10])) for r in store.rows(sql, params)]
    return [rows.coding(r) for r in store.rows(sql, params)]


def codings_by_id(store: Store, keys: Sequence[int]) -> list[Coding]:
    """Full codings for ``keys``, in the order given (missing ones left out)."""
    found: dict[int, Coding] = {}
    for i in range(0, len(keys), 500):
        chunk = list(keys[i:i + 500])
        for r in store.rows(f"SELECT * FROM codings WHERE id IN ({', '.join('?' * len(chunk))})",
                            chunk):
            found[r["id"]] = rows.coding(r)
    return [found[k] for k in keys if k in found]
