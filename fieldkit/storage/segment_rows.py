"""The one query behind the coded-segments view: codings filtered by code, coder, document,
site and date, in reading order (document, then position).

A document's date is its visit's date, or the day it was made when it belongs to no visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import Coding
from fieldkit.storage import rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

DOCUMENT_DATE = "coalesce(v.date, substr(d.created, 1, 10))"


def _within(column: str, values: Sequence[int] | None, where: list[str],
            params: list[Any]) -> None:
    if values is not None:
        where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
        params.extend(values)


def find_codings(store: Store, *, code_ids: Sequence[int] | None = None,
                 coder_ids: Sequence[int] | None = None,
                 document_ids: Sequence[int] | None = None,
                 site_ids: Sequence[int] | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> list[Coding]:
    """Codings matching every filter given (None: no filter; an empty list: nothing)."""
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
    sql = ("SELECT c.* FROM codings c JOIN documents d ON d.id = c.document_id "
           "LEFT JOIN visits v ON v.id = d.visit_id")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY c.document_id, c.start, c.id"
    return [rows.coding(r) for r in store.rows(sql, params)]
