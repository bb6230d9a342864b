"""Full coding rows read a page at a time, in the order asked, for the coded-segments view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fieldkit.core.model import Coding
from fieldkit.storage import rows

if TYPE_CHECKING:
    from fieldkit.storage.store import Store


def codings_by_id(store: Store, keys: Sequence[int]) -> list[Coding]:
    """Full codings for ``keys``, in the order given (missing ones left out)."""
    found: dict[int, Coding] = {}
    for i in range(0, len(keys), 500):
        chunk = list(keys[i:i + 500])
        for r in store.rows(f"SELECT * FROM codings WHERE id IN ({', '.join('?' * len(chunk))})",
                            chunk):
            found[r["id"]] = rows.coding(r)
    return [found[k] for k in keys if k in found]
