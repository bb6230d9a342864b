"""Text spans as numbers: which spans meet, and regions combined with AND, OR and NOT.

Every position is made global as ``document * BIG + position``, so spans of different documents
can never meet and one sorted array covers the whole project. Spans are half-open ``[start, end)``
in code points: two spans that only touch (``a.end == b.start``) do not overlap.
"""

from __future__ import annotations

import numpy as np

BIG = 1 << 32  # more code points than any document holds

Regions = tuple[np.ndarray, np.ndarray]  # sorted, disjoint, non-touching [start, end) pairs


def pairs_before(starts: np.ndarray, limits: np.ndarray, *,
                 inclusive: bool) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)``, ``i < j``, with ``starts[j] < limits[i]`` (``<=`` if inclusive).

    ``starts`` must be sorted and ``limits[i] >= starts[i]``: then every ``j`` after ``i`` up to
    the first start past the limit is a partner, and the pairs come out in one vectorised step.
    """
    stop = np.searchsorted(starts, limits, side="right" if inclusive else "left")
    index = np.arange(len(starts), dtype=np.int64)
    counts = np.maximum(stop - index - 1, 0)
    total = int(counts.sum())
    first = np.repeat(index, counts)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return first, first + 1 + offsets


def merge(starts: np.ndarray, ends: np.ndarray) -> Regions:
    """The union of spans as disjoint regions (touching spans join into one region)."""
    if len(starts) == 0:
        return _empty()
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], ends[order]
    reach = np.maximum.accumulate(e)
    new = np.ones(len(s), dtype=bool)
    new[1:] = s[1:] > reach[:-1]
    groups = np.cumsum(new) - 1
    out_end = np.zeros(int(groups[-1]) + 1, dtype=np.int64)
    np.maximum.at(out_end, groups, e)
    return s[new], out_end


def combine(a: Regions, b: Regions, keep: str) -> Regions:
    """Regions of ``a`` and ``b`` combined: ``and`` (in both), ``or`` (in either), ``not``
    (in ``a`` but not in ``b``)."""
    pos = np.concatenate([a[0], a[1], b[0], b[1]])
    if len(pos) == 0:
        return _empty()
    delta = np.concatenate([np.ones(len(a[0]), np.int64), -np.ones(len(a[1]), np.int64),
                            np.full(len(b[0]), 2, np.int64), np.full(len(b[1]), -2, np.int64)])
    order = np.argsort(pos, kind="stable")
    pos, delta = pos[order], delta[order]
    points, first = np.unique(pos, return_index=True)
    level = np.cumsum(np.add.reduceat(delta, first))[:-1]  # level on [points[k], points[k+1])
    wanted = {"and": level == 3, "or": level >= 1, "not": level == 1}[keep]
    starts, ends = points[:-1][wanted], points[1:][wanted]
    return merge(starts, ends)


def regions_meeting(a: Regions, b: Regions) -> tuple[np.ndarray, np.ndarray]:
    """Masks over ``a`` and ``b``: which regions overlap at least one region of the other."""
    return _meets(a, b), _meets(b, a)


def _meets(a: Regions, b: Regions) -> np.ndarray:
    # b's regions are disjoint and sorted: the one starting last before a's end is the only
    # candidate that can reach into a (any earlier one ends before it starts).
    if len(b[0]) == 0:
        return np.zeros(len(a[0]), dtype=bool)
    k = np.searchsorted(b[0], a[1], side="left") - 1
    ok = k >= 0
    hit = np.zeros(len(a[0]), dtype=bool)
    hit[ok] = b[1][k[ok]] > a[0][ok]
    return hit


def _empty() -> Regions:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
