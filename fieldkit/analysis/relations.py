"""Code relations: which codes occur together, and how often (a code × code matrix).

Modes (what "together" means for two codings of one document):

- ``overlap``: their spans share at least one code point (touching spans do not overlap);
- ``near``: at most N words lie wholly between them (overlapping spans are near for any N);
- ``turn``: they lie in one speaker turn (transcripts) or one paragraph (other texts);
- ``document``: they are in one document (photo regions count here too).

Counts: in ``overlap`` and ``near`` mode a cell counts pairs of codings and the diagonal holds each
code's number of codings; the coefficient is ATLAS.ti's c-coefficient n12 / (n1 + n2 − n12).
In ``turn`` and ``document`` mode a cell counts the turns/paragraphs or documents that hold both
codes and the diagonal those that hold the code; the coefficient is then Jaccard's index (same
formula over units). Codings by different coders meet like any others; restrict to one coder
with the scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fieldkit.analysis.spans import BIG, pairs_before
from fieldkit.analysis.table import CodingTable, Scope
from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

MODES = ("overlap", "near", "turn", "document")


@dataclass(slots=True)
class RelationCounts:
    """The code × code counts, rows and columns in the order of ``code_ids``."""

    mode: str
    distance: int | None
    code_ids: list[int]
    counts: np.ndarray  # int64, symmetric; the diagonal holds each code's own total
    coefficient_name: str

    def coefficients(self) -> np.ndarray:
        n = np.diag(self.counts).astype(np.float64)
        both = self.counts.astype(np.float64)
        denominator = n[:, None] + n[None, :] - both
        with np.errstate(divide="ignore", invalid="ignore"):
            found = np.where(denominator > 0, both / denominator, 0.0)
        return np.round(found, 4)


def check_mode(mode: str, distance: int | None) -> None:
    if mode not in MODES:
        raise BadInput(f"Unknown relation mode '{mode}'; use overlap, near N, turn or document.")
    if mode == "near":
        if distance is None:
            raise BadInput("Mode 'near' needs a number of words (near N).")
        if distance < 0:
            raise BadInput(f"A distance in words cannot be negative ({distance}).")


def relation_counts(table: CodingTable, store: Store, code_ids: list[int], scope: Scope,
                    mode: str, distance: int | None = None) -> RelationCounts:
    """Count co-occurrences of the given codes (see the module docstring for the modes)."""
    check_mode(mode, distance)
    size = len(code_ids)
    rows = np.flatnonzero(table.mask(scope.narrowed(code_ids),
                                     text_only=mode != "document"))
    index = table.code_index(rows, code_ids)
    counts = np.zeros((size, size), dtype=np.int64)
    if mode in ("overlap", "near"):
        i, j = segment_pairs(table, store, rows, mode, distance)
        _add_pairs(counts, index[i], index[j])
        own = np.bincount(index, minlength=size)
    else:
        units = _unit_of_rows(table, store, rows, mode)
        unit, code = _unique_pairs(units[0], index[units[1]], size)
        i, j = pairs_before(unit, unit, inclusive=True)
        _add_pairs(counts, code[i], code[j])
        own = np.bincount(code, minlength=size)
    counts[np.diag_indices(size)] = own
    name = "c-coefficient" if mode in ("overlap", "near") else "Jaccard"
    return RelationCounts(mode, distance, list(code_ids), counts, name)


def pair_codings(table: CodingTable, store: Store, a: int, b: int, scope: Scope, mode: str,
                 distance: int | None = None) -> list[tuple[int, int]]:
    """The coding pairs behind one cell: (coding of ``a``, coding of ``b``) ids."""
    check_mode(mode, distance)
    rows = np.flatnonzero(table.mask(scope.narrowed([a, b]),
                                     text_only=mode != "document"))
    if mode in ("overlap", "near"):
        i, j = segment_pairs(table, store, rows, mode, distance)
    else:
        unit, member = _unit_of_rows(table, store, rows, mode)
        order = np.argsort(unit, kind="stable")
        unit, member = unit[order], member[order]
        i, j = pairs_before(unit, unit, inclusive=True)
        i, j = member[i], member[j]
    first, second = rows[i], rows[j]
    swap = table.code[first] == b
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    keep = (table.code[first] == a) & (table.code[second] == b) & (first != second)
    first, second = first[keep], second[keep]
    found = set(zip(table.document[first].tolist(), table.start[first].tolist(),
                    table.start[second].tolist(), table.id[first].tolist(),
                    table.id[second].tolist(), strict=True))
    return [(x, y) for *_, x, y in sorted(found)]


def segment_pairs(table: CodingTable, store: Store, rows: np.ndarray, mode: str,
                  distance: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of positions into ``rows`` whose codings overlap (or lie within N words)."""
    documents = table.document[rows]
    if mode == "overlap":
        starts, limits = table.start[rows], table.end[rows]
        inclusive = False
    else:
        starts, last = table.in_words(store, documents, table.start[rows], table.end[rows])
        limits, inclusive = last + int(distance or 0), True
    keys = documents * BIG + starts
    order = np.argsort(keys, kind="stable")
    i, j = pairs_before(keys[order], (documents * BIG + limits)[order], inclusive=inclusive)
    return order[i], order[j]


def _unit_of_rows(table: CodingTable, store: Store, rows: np.ndarray,
                  mode: str) -> tuple[np.ndarray, np.ndarray]:
    """(unit, position in rows) for every unit each coding touches, sorted by unit."""
    if mode == "document":
        return table.document[rows], np.arange(len(rows))
    starts = table.unit_starts(store)
    first = np.searchsorted(starts, table.global_starts(rows), side="right") - 1
    last = np.searchsorted(starts, table.global_ends(rows) - 1, side="right") - 1
    last = np.maximum(last, first)
    spread = last - first + 1
    member = np.repeat(np.arange(len(rows)), spread)
    step = np.arange(int(spread.sum())) - np.repeat(np.cumsum(spread) - spread, spread)
    return np.repeat(first, spread) + step, member


def _unique_pairs(unit: np.ndarray, code: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    both = np.unique(unit * size + code)
    return both // size, both % size


def _add_pairs(counts: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    size = len(counts)
    different = a != b
    flat = np.bincount(a[different] * size + b[different], minlength=size * size)
    half = flat.reshape(size, size)
    counts += half + half.T

