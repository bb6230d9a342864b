"""Coded segments as arrays: the coded-segments view's query answered without SQL.

``SegmentTable`` holds every coding (orphaned ones too) as numpy columns in the view's order
(document, start, id), with each coding's document facts (site, date) beside it, so a query of
the view — codes, coders, sites, documents, a date range, and "all of these codes overlapping" —
is a few vectorised masks. Each row's light ``Coding`` (no quote, context or memo) is made the
first time a query returns it and kept, so a second question costs only the masks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fieldkit.analysis.spans import BIG
from fieldkit.core.changes import RowChange
from fieldkit.core.model import Coding, Region
from fieldkit.storage import analysis_rows
from fieldkit.storage.store import Store

_NONE = 0xFFFFFFFF


def _day(text: str) -> int:
    """``YYYY-MM-DD…`` as the number YYYYMMDD (0 when it is not a date)."""
    digits = text[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


@dataclass
class SegmentTable:
    """Every coding as columns, sorted by document, start (photo regions first) and id."""

    id: np.ndarray
    document: np.ndarray
    code: np.ndarray
    coder: np.ndarray
    start: np.ndarray  # -1 when none (photo regions)
    end: np.ndarray
    orphaned: np.ndarray  # bool
    site: np.ndarray  # the document's site, -1 when none
    day: np.ndarray  # the document's date as YYYYMMDD
    regions: dict[int, Region]
    doc_site: dict[int, int]
    doc_day: dict[int, int]
    made: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))
    have: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))  # made yet

    @classmethod
    def load(cls, store: Store) -> SegmentTable:
        """Read every coding and the documents' sites and dates (two or three queries)."""
        data = np.array(analysis_rows.segment_columns(store), dtype=np.int64).reshape(-1, 4)
        low = np.int64(0xFFFFFFFF)
        start, end = data[:, 1] & low, data[:, 3] >> 1
        none = start == low
        start[none] = -1
        end[end == low] = -1
        docs = analysis_rows.document_columns(store)
        doc_site = {int(r[0]): -1 if r[2] is None else int(r[2]) for r in docs}
        doc_day = {int(r[0]): _day(r[5] or "") for r in docs}
        regions = {int(r[0]): Region(int(r[1]), int(r[2]), int(r[3]), int(r[4]))
                   for r in analysis_rows.coding_regions(store)} if none.any() else {}
        return cls._sorted(data[:, 0].copy(), data[:, 1] >> 32, data[:, 2] >> 32,
                           data[:, 2] & low, start, end, (data[:, 3] & 1).astype(bool),
                           regions, doc_site, doc_day, None, None)

    @classmethod
    def _sorted(cls, ids: np.ndarray, docs: np.ndarray, codes: np.ndarray, coders: np.ndarray,
                starts: np.ndarray, ends: np.ndarray, orphaned: np.ndarray,
                regions: dict[int, Region], doc_site: dict[int, int], doc_day: dict[int, int],
                made: np.ndarray | None, have: np.ndarray | None) -> SegmentTable:
        order = np.lexsort((ids, starts, docs))
        unique_docs, inverse = np.unique(docs, return_inverse=True)
        sites = np.array([doc_site.get(int(d), -1) for d in unique_docs], dtype=np.int64)
        days = np.array([doc_day.get(int(d), 0) for d in unique_docs], dtype=np.int64)
        if made is None or have is None:
            made = np.full(len(ids), None, dtype=object)
            have = np.zeros(len(ids), dtype=bool)
        return cls(ids[order], docs[order], codes[order], coders[order], starts[order],
                   ends[order], orphaned[order], sites[inverse][order] if len(ids) else sites,
                   days[inverse][order] if len(ids) else days, regions, doc_site, doc_day,
                   made[order], have[order])

    def knows(self, document_id: int) -> bool:
        return document_id in self.doc_site

    def patched(self, changes: list[RowChange]) -> SegmentTable | None:
        """This table after codings were added, changed or removed (the rows a change set
        holds); None when a change names a document the table does not know."""
        final: dict[int, dict[str, Any] | None] = {}
        for change in changes:
            final[change.key] = change.after
        added = [row for row in final.values() if row is not None]
        if any(not self.knows(int(row["document_id"])) for row in added):
            return None
        kept = ~np.isin(self.id, np.fromiter(final, np.int64, len(final)))
        new = np.array([(row["id"], row["document_id"], row["code_id"], row["coder_id"],
                         -1 if row["start"] is None else row["start"],
                         -1 if row["end"] is None else row["end"], int(bool(row["orphaned"])))
                        for row in added], dtype=np.int64).reshape(-1, 7)
        regions = dict(self.regions)
        for key, row in final.items():
            regions.pop(key, None)
            if row is not None and row.get("x") is not None:
                regions[key] = Region(row["x"], row["y"], row["width"], row["height"])
        ids, docs, codes, coders, starts, ends = (
            np.concatenate([old[kept], new[:, k]]) for k, old in
            enumerate((self.id, self.document, self.code, self.coder, self.start, self.end)))
        orphaned = np.concatenate([self.orphaned[kept], new[:, 6].astype(bool)])
        made = np.concatenate([self.made[kept], np.full(len(new), None, dtype=object)])
        have = np.concatenate([self.have[kept], np.zeros(len(new), dtype=bool)])
        return SegmentTable._sorted(ids, docs, codes, coders, starts, ends, orphaned, regions,
                                    self.doc_site, self.doc_day, made, have)

    # -- the query ---------------------------------------------------------------------------

    def select(self, *, codes: Sequence[int] | None = None, coders: Sequence[int] | None = None,
               documents: Sequence[int] | None = None, sites: Sequence[int] | None = None,
               date_from: str | None = None, date_to: str | None = None) -> np.ndarray:
        """Row numbers of the codings that pass every filter given (None: no filter), in
        order."""
        mask: np.ndarray | None = None

        def narrow(more: np.ndarray) -> None:
            nonlocal mask
            mask = more if mask is None else mask & more

        for column, wanted in ((self.code, codes), (self.coder, coders),
                               (self.document, documents), (self.site, sites)):
            if wanted is not None:
                narrow(_among(column, wanted))
        if date_from:
            narrow(self.day >= _day(date_from))
        if date_to:
            narrow(self.day <= _day(date_to))
        if mask is None:
            return np.arange(len(self.id), dtype=np.int64)
        return np.flatnonzero(mask)

    def overlapping_all(self, rows: np.ndarray, groups: list[set[int]]) -> np.ndarray:
        """The rows (of ``rows``) overlapped, in their document, by a coding of every group
        among ``rows`` (a coding's own group counts as met): text spans by position, photo
        regions by their rectangles."""
        if len(rows) == 0:
            return rows
        codes, docs = self.code[rows], self.document[rows]
        starts, ends = self.start[rows], self.end[rows]
        text = starts >= 0
        lo, hi = docs * BIG + starts, docs * BIG + ends
        keep = np.ones(len(rows), dtype=bool)
        region_rows = np.flatnonzero(~text).tolist()
        for group in groups:
            member = _among(codes, group)
            own = member.copy()
            spans = member & text
            order = np.argsort(lo[spans], kind="stable")
            s, e = lo[spans][order], hi[spans][order]
            reach = np.maximum.accumulate(e) if len(e) else e
            k = np.searchsorted(s, hi, side="left")
            met = np.zeros(len(rows), dtype=bool)
            found = k > 0
            met[found] = reach[k[found] - 1] > lo[found]
            met &= text
            if region_rows:  # photo regions: a rectangle of the group on the same photo
                boxes: dict[int, list[Region]] = {}
                for i in np.flatnonzero(member & ~text).tolist():
                    box = self.regions.get(int(self.id[rows[i]]))
                    if box is not None:
                        boxes.setdefault(int(docs[i]), []).append(box)
                for i in region_rows:
                    box = self.regions.get(int(self.id[rows[i]]))
                    met[i] = box is not None and any(
                        _meet(box, other) for other in boxes.get(int(docs[i]), []))
            keep &= own | met
        return rows[keep]

    def codings(self, rows: np.ndarray) -> list[Coding]:
        """The light codings (no quote, context, memo or UUID) of these rows, made once each.
        They are shared by every answer: read them, do not change them."""
        missing = np.flatnonzero(~self.have[rows])
        if len(missing):
            at = rows[missing]
            fresh = [Coding(i, "", d, c, r, None if s < 0 else s, None if e < 0 else e,
                            region=self.regions.get(i), orphaned=o)
                     for i, d, c, r, s, e, o in zip(
                         self.id[at].tolist(), self.document[at].tolist(),
                         self.code[at].tolist(), self.coder[at].tolist(),
                         self.start[at].tolist(), self.end[at].tolist(),
                         self.orphaned[at].tolist(), strict=True)]
            holder = np.empty(len(fresh), dtype=object)
            holder[:] = fresh
            self.made[at] = holder
            self.have[at] = True
        return self.made[rows].tolist()  # type: ignore[no-any-return]


def _among(column: np.ndarray, wanted: Sequence[int] | set[int]) -> np.ndarray:
    """Which entries of ``column`` (ids, never negative except -1 for none) are ``wanted``: one
    look-up table index per entry (ids are small), ten times faster than ``np.isin``."""
    values = np.fromiter(wanted, np.int64, len(wanted))
    if len(values) == 1:
        return column == values[0]  # type: ignore[no-any-return]
    if len(values) == 0 or len(column) == 0:
        return np.zeros(len(column), dtype=bool)
    top = max(int(column.max()), int(values.max()))
    if top > 50_000_000 or int(values.min()) < 0:
        return np.isin(column, values)
    table = np.zeros(top + 2, dtype=bool)  # the last entry stands for -1 (none)
    table[values] = True
    return table[column]  # type: ignore[no-any-return]


def _meet(a: Region, b: Region) -> bool:
    return (a.x < b.x + b.width and b.x < a.x + a.width
            and a.y < b.y + b.height and b.y < a.y + a.height)
