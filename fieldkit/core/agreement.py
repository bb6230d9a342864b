"""Intercoder agreement: how far two or more coders applied the same codes to the same text.

Three families of figures, each defined the way the program researchers know it from:

* **Character level (NVivo).** For one code and one document every character is a unit; for two
  coders A and B, ``a`` characters were coded by both, ``b`` by A only, ``c`` by B only and ``d``
  by neither, ``T = a + b + c + d`` is the document length. Percentage agreement is
  ``(a + d) / T`` and Cohen's kappa is ``(a + d - EF) / (T - EF)`` with expected frequency
  ``EF = ((a + b)(a + c) + (c + d)(b + d)) / T``. NVivo reports exactly this κ per code ×
  source and, for an average over sources, weights each source's κ by its size; that is
  ``kappa_weighted`` here, "NVivo" wherever a figure is labelled so. A source nobody coded with
  the code has no variation and counts as κ = 1, which raises the average: how many such cells
  went in is reported beside it (``uncoded_cells``), and ``kappa_weighted_coded`` gives the
  average over the cells someone coded. The κ of the summed a/b/c/d counts is *pooled* κ, a
  figure NVivo does not show; it is labelled "pooled" wherever it appears.
* **Segment level (MAXQDA).** A coded segment of one coder agrees with one of the other coder of
  the same code in the same document when their overlap / union is at least a threshold (90 %
  by default). As in MAXQDA's four-field table, an agreeing pair counts once (cell a); segments
  of only one coder fill b and c, d stays empty, so ``Po = a / (a + b + c)``; Brennan and
  Prediger's kappa corrects it for chance with ``1 / k``, k being the number of codes compared.
  (MAXQDA manual, "Intercoder Agreement", https://www.maxqda.com/help-mx24/coding/problem-
  intercoder-agreement-qualitative-research, the section on kappa for segments.)
* **Krippendorff's alpha (nominal)** for any number of coders, again with characters as units and
  "coded / not coded" as the value each coder gives a character.

Everything works on sorted half-open code point spans, never on per-character arrays, so long
transcripts with many codes stay cheap: cost grows with the number of segments, not characters.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldkit.core.errors import BadInput

DocumentKey = str | int
CodeKey = str | int
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Segment:
    """One coder's application of one code to the half-open span ``[start, end)`` of a document."""

    document: DocumentKey
    code: CodeKey
    coder: str
    start: int
    end: int


# ---------------------------------------------------------------------------------------------
# Span arithmetic


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and union the overlapping or touching ones, so each character counts once.

    Empty spans (``start == end``) cover no character and are dropped.
    """
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _covered(spans: Sequence[Span]) -> int:
    return sum(end - start for start, end in spans)


def _intersection_length(first: Sequence[Span], second: Sequence[Span]) -> int:
    """Characters covered by both of two merged (sorted, disjoint) span lists."""
    i = j = total = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if end > start:
            total += end - start
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return total


# ---------------------------------------------------------------------------------------------
# Character level: percentage agreement and Cohen's kappa (NVivo)


def percent_agreement(a: int, b: int, c: int, d: int) -> float | None:
    """Percentage (0–100) of characters on which two coders agree: ``100 (a + d) / T``.

    None when ``T == 0`` (an empty document has nothing to agree on).
    """
    total = a + b + c + d
    return None if total == 0 else 100.0 * (a + d) / total


def cohen_kappa(a: int, b: int, c: int, d: int) -> float | None:
    """Cohen's kappa from a 2×2 character table, as NVivo computes it.

    ``EF = ((a + b)(a + c) + (c + d)(b + d)) / T`` and ``kappa = (a + d - EF) / (T - EF)``.
    ``T == EF`` happens exactly when there is no variation: neither coder coded anything, or both
    coded every character. Agreement is then necessarily total and, like NVivo, we report 1.0
    (strictly the formula is 0/0). None when ``T == 0``. The arithmetic is done in integers
    (everything multiplied by ``T``), so the result is the correctly rounded quotient.
    """
    total = a + b + c + d
    if total == 0:
        return None
    expected_times_total = (a + b) * (a + c) + (c + d) * (b + d)
    denominator = total * total - expected_times_total
    if denominator == 0:
        # No variation: agreement is total (a + d == T), so NVivo's 1 is the honest answer.
        return 1.0 if a + d == total else 0.0
    return (total * (a + d) - expected_times_total) / denominator


@dataclass(frozen=True, slots=True)
class CharacterCounts:
    """The 2×2 character table of two coders for one code (over one or more documents)."""

    a: int
    b: int
    c: int
    d: int

    @property
    def total(self) -> int:
        return self.a + self.b + self.c + self.d

    @property
    def percent(self) -> float | None:
        return percent_agreement(self.a, self.b, self.c, self.d)

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(self.a, self.b, self.c, self.d)

    def __add__(self, other: CharacterCounts) -> CharacterCounts:
        return CharacterCounts(
            self.a + other.a, self.b + other.b, self.c + other.c, self.d + other.d
        )


def character_counts(
    spans_a: Iterable[Span], spans_b: Iterable[Span], length: int
) -> CharacterCounts:
    """The a/b/c/d table of two coders' spans over a document of ``length`` characters.

    Each coder's spans are merged first, so overlapping codings by one coder count once.
    """
    merged_a, merged_b = merge_spans(spans_a), merge_spans(spans_b)
    _check_within(merged_a, length)
    _check_within(merged_b, length)
    both = _intersection_length(merged_a, merged_b)
    only_a = _covered(merged_a) - both
    only_b = _covered(merged_b) - both
    return CharacterCounts(both, only_a, only_b, length - both - only_a - only_b)


def _check_within(merged: Sequence[Span], length: int) -> None:
    if length < 0:
        raise BadInput(f"A document length cannot be negative ({length}).")
    if merged and (merged[0][0] < 0 or merged[-1][1] > length):
        raise BadInput(f"A coded span lies outside its document of {length} characters.")


# ---------------------------------------------------------------------------------------------
# Krippendorff's alpha (nominal, binary "coded / not coded", every coder rates every character)


@dataclass(frozen=True, slots=True)
class AlphaCounts:
    """Sufficient statistics for nominal alpha over characters; add them up to pool.

    ``units`` characters, each rated by all ``coders``; ``coded`` is the number of (coder,
    character) values equal to 1; ``disagreement`` is the sum over characters of ``k (m - k)``
    where k of the m coders coded the character (the off-diagonal coincidences times ``m - 1``).
    """

    coders: int
    units: int
    coded: int
    disagreement: int

    @property
    def alpha(self) -> float | None:
        """``1 - (n - 1) D / ((m - 1) n0 n1)``; None without variation (all 0s or all 1s)."""
        n = self.units * self.coders
        n1 = self.coded
        n0 = n - n1
        if self.coders < 2 or n0 == 0 or n1 == 0:
            return None
        return 1.0 - (n - 1) * self.disagreement / ((self.coders - 1) * n0 * n1)

    def __add__(self, other: AlphaCounts) -> AlphaCounts:
        if self.coders != other.coders:
            raise ValueError("cannot pool alpha counts of different numbers of coders")
        return AlphaCounts(
            self.coders,
            self.units + other.units,
            self.coded + other.coded,
            self.disagreement + other.disagreement,
        )


def alpha_counts(spans_by_coder: Sequence[Iterable[Span]], length: int) -> AlphaCounts:
    """Alpha statistics for one code in one document, one span list per coder.

    Sweeps the sorted start/end boundaries of all coders' merged spans: between two boundaries
    the number of coders who coded a character is constant, so each run is handled at once.
    """
    merged = [merge_spans(spans) for spans in spans_by_coder]
    events: list[tuple[int, int]] = []
    coded = 0
    for spans in merged:
        _check_within(spans, length)
        coded += _covered(spans)
        events.extend((start, 1) for start, _ in spans)
        events.extend((end, -1) for _, end in spans)
    events.sort()
    m = len(merged)
    disagreement = depth = previous = 0
    for position, step in events:
        disagreement += (position - previous) * depth * (m - depth)
        previous = position
        depth += step
    return AlphaCounts(m, length, coded, disagreement)


def krippendorff_alpha(spans_by_coder: Sequence[Iterable[Span]], length: int) -> float | None:
    """Nominal Krippendorff's alpha for one code in one document, characters as units.

    None when it is undefined: fewer than two coders, or no variation (no character coded by
    anybody, or every character coded by everybody), where the ``krippendorff`` package gives NaN.
    """
    return alpha_counts(spans_by_coder, length).alpha


# ---------------------------------------------------------------------------------------------
# Segment level (MAXQDA)


def overlap_ratio(first: Span, second: Span) -> float:
    """Overlap / union of two spans in characters; 0.0 when they do not overlap."""
    overlap = min(first[1], second[1]) - max(first[0], second[0])
    if overlap <= 0:
        return 0.0
    return overlap / (max(first[1], second[1]) - min(first[0], second[0]))


def _count_matched(spans: Sequence[Span], others: Sequence[Span], threshold: float) -> int:
    """How many of ``spans`` have some span in ``others`` with overlap / union ≥ threshold."""
    others = sorted(others)
    starts = [start for start, _ in others]
    matched = 0
    for span in spans:
        # A partner that starts before span must start within |span|·(1/t − 1) of it, else the
        # union outgrows the overlap; so only a window of starts needs checking.
        slack = int((span[1] - span[0]) * (1.0 - threshold) / threshold) + 1
        low = bisect.bisect_left(starts, span[0] - slack)
        high = bisect.bisect_left(starts, span[1])
        if any(overlap_ratio(span, other) >= threshold for other in others[low:high]):
            matched += 1
    return matched


def _agreeing_pairs(spans_a: Sequence[Span], spans_b: Sequence[Span], threshold: float) -> int:
    """How many one-to-one pairs (a segment of A, a segment of B) agree: best overlaps first,
    each segment in at most one pair, so an agreeing pair is counted once."""
    others = sorted(spans_b)
    starts = [start for start, _ in others]
    candidates: list[tuple[float, int, int]] = []
    for i, span in enumerate(spans_a):
        slack = int((span[1] - span[0]) * (1.0 - threshold) / threshold) + 1
        low = bisect.bisect_left(starts, span[0] - slack)
        high = bisect.bisect_left(starts, span[1])
        for j in range(low, high):
            ratio = overlap_ratio(span, others[j])
            if ratio >= threshold:
                candidates.append((-ratio, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def _check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise BadInput(f"The overlap threshold must be above 0 and at most 1, not {threshold}.")


def brennan_prediger_kappa(observed: float, k: int) -> float | None:
    """Brennan and Prediger's free-marginal kappa ``(Po - 1/k) / (1 - 1/k)``; None if k ≤ 1."""
    if k <= 1:
        return None
    chance = 1.0 / k
    return (observed - chance) / (1.0 - chance)


@dataclass(frozen=True, slots=True)
class SegmentRow:
    """Segment-level result for one code (all documents) and one pair of coders.

    ``matched_a`` / ``unmatched_a`` count A's segments with and without a partner of B (and
    likewise for B): the view per coder. ``agreements`` counts agreeing pairs once (MAXQDA's
    cell a); ``only_a`` and ``only_b`` are the segments left without a pair (cells b and c),
    and ``percent`` is ``100 a / (a + b + c)``.
    """

    code: CodeKey
    coders: tuple[str, str]
    matched_a: int
    unmatched_a: int
    matched_b: int
    unmatched_b: int
    agreements: int = 0

    @property
    def matched(self) -> int:
        return self.matched_a + self.matched_b

    @property
    def unmatched(self) -> int:
        return self.unmatched_a + self.unmatched_b

    @property
    def only_a(self) -> int:
        return self.matched_a + self.unmatched_a - self.agreements

    @property
    def only_b(self) -> int:
        return self.matched_b + self.unmatched_b - self.agreements

    @property
    def percent(self) -> float | None:
        total = self.agreements + self.only_a + self.only_b
        return None if total == 0 else 100.0 * self.agreements / total

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "coders": list(self.coders),
            "matched_a": self.matched_a,
            "unmatched_a": self.unmatched_a,
            "matched_b": self.matched_b,
            "unmatched_b": self.unmatched_b,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "agreements": self.agreements,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "percent": self.percent,
        }


@dataclass(frozen=True, slots=True)
class SegmentAgreement:
    """MAXQDA-style segment agreement of two coders over the compared codes.

    MAXQDA's kappa table for segments (manual: "Intercoder Agreement",
    https://www.maxqda.com/help-mx24/coding/problem-intercoder-agreement-qualitative-research)
    is a four-field table in which a pair of segments that agree is counted once, in cell a;
    segments only one coder has are in b and c, and d (coded by neither) cannot occur, so
    ``Po = a / (a + b + c)``. ``kappa`` is Brennan and Prediger's with chance ``1 / k``;
    ``kappa_note`` says why it is None when it is. ``matched`` / ``unmatched`` still count
    each coder's segments separately (with or without a partner), as the per-code rows show.
    """

    coders: tuple[str, str]
    threshold: float
    k: int
    rows: list[SegmentRow]
    percent: float | None
    kappa: float | None
    kappa_note: str = ""

    @property
    def matched(self) -> int:
        return sum(row.matched for row in self.rows)

    @property
    def unmatched(self) -> int:
        return sum(row.unmatched for row in self.rows)

    @property
    def agreements(self) -> int:
        return sum(row.agreements for row in self.rows)

    @property
    def only_a(self) -> int:
        return sum(row.only_a for row in self.rows)

    @property
    def only_b(self) -> int:
        return sum(row.only_b for row in self.rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coders": list(self.coders),
            "threshold": self.threshold,
            "k": self.k,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "agreements": self.agreements,
            "only_a": self.only_a,
            "only_b": self.only_b,
            "percent": self.percent,
            "kappa": self.kappa,
            "kappa_note": self.kappa_note,
            "rows": [row.to_dict() for row in self.rows],
        }


def segment_agreement(
    segments: Iterable[Segment],
    coder_a: str,
    coder_b: str,
    threshold: float = 0.9,
    k: int | None = None,
    codes: Sequence[CodeKey] | None = None,
) -> SegmentAgreement:
    """Segment-level agreement of two coders as MAXQDA computes it (see ``SegmentAgreement``).

    A segment of A is matched when B has a segment of the same code in the same document with
    overlap / union ≥ ``threshold`` (0 < threshold ≤ 1), and likewise for B's segments; pairs
    that agree are formed one to one, best overlap first, and counted once. Segments
    are compared as coded, not merged; empty segments are ignored. ``codes`` restricts the
    comparison (default: every code either coder used); ``k`` defaults to the number of codes
    compared. Rows cover codes that either coder used, worst percentage first.
    """
    _check_threshold(threshold)
    if coder_a == coder_b:
        raise BadInput("Segment agreement compares two different coders.")
    wanted = None if codes is None else set(codes)
    by_code: dict[CodeKey, dict[DocumentKey, tuple[list[Span], list[Span]]]] = {}
    for seg in segments:
        if seg.coder not in (coder_a, coder_b) or seg.end <= seg.start:
            continue
        if wanted is not None and seg.code not in wanted:
            continue
        pair = by_code.setdefault(seg.code, {}).setdefault(seg.document, ([], []))
        pair[0 if seg.coder == coder_a else 1].append((seg.start, seg.end))
    compared = list(codes) if codes is not None else list(by_code)
    rows = []
    for code in compared:
        if code not in by_code:
            continue
        counts = [0, 0, 0, 0, 0]
        for spans_a, spans_b in by_code[code].values():
            hit_a = _count_matched(spans_a, spans_b, threshold)
            hit_b = _count_matched(spans_b, spans_a, threshold)
            counts[0] += hit_a
            counts[1] += len(spans_a) - hit_a
            counts[2] += hit_b
            counts[3] += len(spans_b) - hit_b
            counts[4] += _agreeing_pairs(spans_a, spans_b, threshold)
        rows.append(SegmentRow(code, (coder_a, coder_b), *counts))
    rows.sort(key=lambda row: _worst_first(row.percent))
    agreements = sum(row.agreements for row in rows)
    total = agreements + sum(row.only_a + row.only_b for row in rows)
    k = len(compared) if k is None else k
    percent = None if total == 0 else 100.0 * agreements / total
    kappa, note = None, ""
    if percent is None:
        note = "no coded segments to compare"
    elif k <= 1:
        note = f"Brennan–Prediger kappa needs at least two codes (k = {k})"
    else:
        kappa = brennan_prediger_kappa(agreements / total, k)
    return SegmentAgreement((coder_a, coder_b), threshold, k, rows, percent, kappa, note)


# ---------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True, slots=True)
class CharacterRow:
    """Character-level figures for one pair of coders.

    ``document`` is None on rows over all documents (one code) and ``code`` is None as well on
    the overall row. On those rows ``kappa`` and ``percent`` come from the summed a/b/c/d counts
    (*pooled*, every character weighted equally, a figure NVivo does not show);
    ``kappa_weighted`` is NVivo's average, the per code × document kappas weighted by document
    length, and ``kappa_mean`` their plain mean. Cells (code × document) nobody coded enter both
    as κ = 1: ``uncoded_cells`` says how many did (of ``uncoded_cells + coded_cells``),
    ``kappa_weighted_coded`` is the weighted
    average without them (documents of length 0 are left out of all means). On a code ×
    document row all three equal ``kappa``. ``alpha`` is Krippendorff's alpha of *all* the
    report's coders, so with more than two coders it repeats on each pair's row.
    """

    code: CodeKey | None
    document: DocumentKey | None
    coders: tuple[str, str]
    counts: CharacterCounts
    alpha: float | None
    kappa_mean: float | None = None
    kappa_weighted: float | None = None
    kappa_weighted_coded: float | None = None
    uncoded_cells: int = 0
    coded_cells: int = 0

    @property
    def percent(self) -> float | None:
        return self.counts.percent

    @property
    def kappa(self) -> float | None:
        return self.counts.kappa

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "document": self.document,
            "coders": list(self.coders),
            "a": self.counts.a,
            "b": self.counts.b,
            "c": self.counts.c,
            "d": self.counts.d,
            "percent": self.percent,
            "kappa": self.kappa,
            "kappa_mean": self.kappa_mean,
            "kappa_weighted": self.kappa_weighted,
            "kappa_weighted_coded": self.kappa_weighted_coded,
            "uncoded_cells": self.uncoded_cells,
            "coded_cells": self.coded_cells,
            "alpha": self.alpha,
        }


@dataclass(slots=True)
class AgreementReport:
    """Everything ``agreement_report`` found, each list sorted worst first."""

    coders: list[str]
    threshold: float
    documents: list[CharacterRow] = field(default_factory=list)
    codes: list[CharacterRow] = field(default_factory=list)
    overall: list[CharacterRow] = field(default_factory=list)
    segments: list[SegmentAgreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coders": list(self.coders),
            "threshold": self.threshold,
            "documents": [row.to_dict() for row in self.documents],
            "codes": [row.to_dict() for row in self.codes],
            "overall": [row.to_dict() for row in self.overall],
            "segments": [result.to_dict() for result in self.segments],
        }


class _KappaMean:
    """Running plain and length-weighted means of per code × document kappas (NVivo's)."""

    def __init__(self) -> None:
        self.count = 0
        self.total_kappa = 0.0
        self.length = 0
        self.weighted_kappa = 0.0
        self.uncoded_cells = 0
        self.uncoded_length = 0

    def add(self, kappa: float | None, length: int) -> None:
        """A cell someone coded."""
        if kappa is None or length == 0:
            return
        self.count += 1
        self.total_kappa += kappa
        self.length += length
        self.weighted_kappa += kappa * length

    def add_uncoded(self, cells: int, length: int) -> None:
        """``cells`` cells of ``length`` characters in all that nobody coded: κ = 1 each."""
        self.uncoded_cells += cells
        self.uncoded_length += length

    def __iadd__(self, other: _KappaMean) -> _KappaMean:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def figures(self) -> dict[str, Any]:
        """kappa_mean, kappa_weighted, kappa_weighted_coded and the cell counts for a row."""
        count = self.count + self.uncoded_cells
        length = self.length + self.uncoded_length
        return {
            "kappa_mean": (self.total_kappa + self.uncoded_cells) / count if count else None,
            "kappa_weighted": (self.weighted_kappa + self.uncoded_length) / length
            if length else None,
            "kappa_weighted_coded": self.weighted_kappa / self.length if self.length else None,
            "uncoded_cells": self.uncoded_cells,
            "coded_cells": self.count,
        }


def _worst_first(value: float | None) -> tuple[bool, float]:
    return (value is None, 0.0 if value is None else value)


def _row_order(row: CharacterRow) -> tuple[bool, float, bool, float]:
    return (*_worst_first(row.kappa), *_worst_first(row.percent))


def _check_report_input(coders: list[str], threshold: float,
                        doc_lengths: Mapping[DocumentKey, int]) -> None:
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise BadInput("Agreement needs at least two different coders.")
    _check_threshold(threshold)
    for document, length in doc_lengths.items():
        if length < 0:
            raise BadInput(f"Document {document!r} has a negative length ({length}).")


def _cells(segments: list[Segment], doc_lengths: Mapping[DocumentKey, int],
           ) -> dict[CodeKey, dict[DocumentKey, dict[str, list[Span]]]]:
    """Each coder's spans per code and document (those covering a character), every segment
    checked to lie in a compared document."""
    cells: dict[CodeKey, dict[DocumentKey, dict[str, list[Span]]]] = {}
    for seg in segments:
        if seg.document not in doc_lengths:
            raise BadInput(f"A coding refers to document {seg.document!r}, which is not compared.")
        if seg.start < 0 or seg.end < seg.start or seg.end > doc_lengths[seg.document]:
            raise BadInput(
                f"Coding [{seg.start}, {seg.end}) by {seg.coder} lies outside document "
                f"{seg.document!r} ({doc_lengths[seg.document]} characters)."
            )
        if seg.end == seg.start:
            continue  # covers no character
        cell = cells.setdefault(seg.code, {}).setdefault(seg.document, defaultdict(list))
        cell[seg.coder].append((seg.start, seg.end))
    return cells


def agreement_report(
    segments: Iterable[Segment],
    doc_lengths: Mapping[DocumentKey, int],
    coders: Sequence[str],
    threshold: float = 0.9,
    *,
    codes: Sequence[CodeKey] | None = None,
    k: int | None = None,
) -> AgreementReport:
    """Character-level, alpha and segment-level agreement of ``coders`` over ``doc_lengths``.

    The documents in ``doc_lengths`` are the comparison's scope: a segment in any other document
    is an error, and pooled figures include scope documents nobody coded with a code (as d = T
    characters, kappa 1). Per code × document rows are listed only where one of the coders used
    the code. Codes default to all codes the coders used. Cohen's kappa and percent are computed
    for every pair of coders, in the order given; alpha always uses all coders. Segments of
    other coders are ignored. ``threshold`` and ``k`` go to ``segment_agreement``.
    """
    coders = list(coders)
    _check_report_input(coders, threshold, doc_lengths)
    wanted = None if codes is None else set(codes)
    segments = [s for s in segments if s.coder in coders and (wanted is None or s.code in wanted)]
    cells = _cells(segments, doc_lengths)
    code_list = list(codes) if codes is not None else list(cells)
    pairs = list(itertools.combinations(coders, 2))
    m = len(coders)
    scope_length = sum(doc_lengths.values())
    scope_documents = sum(1 for length in doc_lengths.values() if length > 0)

    report = AgreementReport(coders, threshold)
    overall_counts = {pair: CharacterCounts(0, 0, 0, 0) for pair in pairs}
    overall_means = {pair: _KappaMean() for pair in pairs}
    overall_alpha = AlphaCounts(m, 0, 0, 0)
    for code in code_list:
        code_counts = {pair: CharacterCounts(0, 0, 0, 0) for pair in pairs}
        code_means = {pair: _KappaMean() for pair in pairs}
        code_alpha = AlphaCounts(m, 0, 0, 0)
        coded_length = coded_documents = 0
        for document, by_coder in cells.get(code, {}).items():
            length = doc_lengths[document]
            coded_length += length
            coded_documents += length > 0
            merged = {coder: merge_spans(by_coder.get(coder, ())) for coder in coders}
            cell_alpha = alpha_counts([merged[coder] for coder in coders], length)
            code_alpha += cell_alpha
            for pair in pairs:
                counts = character_counts(merged[pair[0]], merged[pair[1]], length)
                code_counts[pair] += counts
                code_means[pair].add(counts.kappa, length)
                report.documents.append(
                    CharacterRow(code, document, pair, counts, cell_alpha.alpha, counts.kappa,
                                 counts.kappa, counts.kappa, 0, int(length > 0))
                )
        # Scope documents nobody coded with this code: all characters agree on "not coded".
        uncoded_length = scope_length - coded_length
        code_alpha += AlphaCounts(m, uncoded_length, 0, 0)
        for pair in pairs:
            code_counts[pair] += CharacterCounts(0, 0, 0, uncoded_length)
            code_means[pair].add_uncoded(scope_documents - coded_documents, uncoded_length)
            overall_means[pair] += code_means[pair]
            report.codes.append(
                CharacterRow(code, None, pair, code_counts[pair], code_alpha.alpha,
                             **code_means[pair].figures())
            )
            overall_counts[pair] += code_counts[pair]
        overall_alpha += code_alpha
    for pair in pairs:
        report.overall.append(
            CharacterRow(None, None, pair, overall_counts[pair], overall_alpha.alpha,
                         **overall_means[pair].figures())
        )
    for rows in (report.documents, report.codes, report.overall):
        rows.sort(key=_row_order)
    report.segments = [
        segment_agreement(segments, first, second, threshold, k, code_list)
        for first, second in pairs
    ]
    return report
