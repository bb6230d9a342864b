"""Agreement maths: hand-computed cases, and random cases checked against brute force and the
``krippendorff`` package over per-character matrices."""

from __future__ import annotations

import itertools
import json
import math
import random

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.core.agreement import (
    AlphaCounts,
    CharacterCounts,
    Segment,
    agreement_report,
    alpha_counts,
    brennan_prediger_kappa,
    character_counts,
    cohen_kappa,
    krippendorff_alpha,
    merge_spans,
    overlap_ratio,
    percent_agreement,
    segment_agreement,
)
from fieldkit.core.errors import BadInput

# ---------------------------------------------------------------------------------------------
# helpers


def coded_vector(spans: list[tuple[int, int]], length: int) -> np.ndarray:
    vector = np.zeros(length, dtype=int)
    for start, end in spans:
        vector[start:end] = 1
    return vector


def package_alpha(matrix: np.ndarray) -> float | None:
    """The krippendorff package's nominal alpha, None where it gives NaN (no variation)."""
    if matrix.size == 0:
        return None
    with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 without variation gives NaN
        value = krippendorff.alpha(
            reliability_data=matrix, level_of_measurement="nominal", value_domain=[0, 1]
        )
    return None if math.isnan(value) else float(value)


def assert_same_alpha(ours: float | None, theirs: float | None) -> None:
    if theirs is None:
        assert ours is None
    else:
        assert ours == pytest.approx(theirs, abs=1e-12)


def brute_force_counts(first: np.ndarray, second: np.ndarray) -> CharacterCounts:
    return CharacterCounts(
        int(np.sum((first == 1) & (second == 1))),
        int(np.sum((first == 1) & (second == 0))),
        int(np.sum((first == 0) & (second == 1))),
        int(np.sum((first == 0) & (second == 0))),
    )


def random_spans(rng: random.Random, length: int, most: int = 4) -> list[tuple[int, int]]:
    spans = []
    for _ in range(rng.randint(0, most)):
        start = rng.randint(0, length)
        spans.append((start, rng.randint(start, length)))
    return spans


def seg(coder: str, start: int, end: int, code: str = "x", document: str | int = "d") -> Segment:
    return Segment(document, code, coder, start, end)


# ---------------------------------------------------------------------------------------------
# spans


def test_merge_spans_unions_overlapping_touching_and_unsorted_spans() -> None:
    assert merge_spans([(20, 25), (0, 10), (5, 20), (30, 30), (40, 50), (42, 45)]) == [
        (0, 25),
        (40, 50),
    ]
    assert merge_spans([]) == []
    assert merge_spans([(3, 3)]) == []


def test_overlap_ratio() -> None:
    assert overlap_ratio((0, 100), (0, 100)) == 1.0
    assert overlap_ratio((0, 100), (0, 95)) == 0.95
    assert overlap_ratio((0, 100), (10, 90)) == 0.8
    assert overlap_ratio((0, 50), (25, 75)) == pytest.approx(1 / 3)
    assert overlap_ratio((0, 10), (10, 20)) == 0.0
    assert overlap_ratio((0, 10), (30, 40)) == 0.0


# ---------------------------------------------------------------------------------------------
# Cohen's kappa and percentage agreement, character level


def test_nvivo_worked_example() -> None:
    # NVivo's documented example: T = 1000, a = 50, b = 50, c = 100, d = 800.
    assert percent_agreement(50, 50, 100, 800) == 85.0
    kappa = cohen_kappa(50, 50, 100, 800)
    assert kappa == pytest.approx(70 / 220)  # EF = 780, (850 - 780) / (1000 - 780)
    assert round(kappa, 3) == 0.318


def test_nvivo_worked_example_from_spans() -> None:
    counts = character_counts([(0, 100)], [(50, 200)], 1000)
    assert counts == CharacterCounts(50, 50, 100, 800)
    assert counts.total == 1000
    assert counts.percent == 85.0
    assert round(counts.kappa, 3) == 0.318


def test_perfect_agreement() -> None:
    spans = [(3, 17), (40, 41), (60, 90)]
    counts = character_counts(spans, list(reversed(spans)), 100)
    assert counts == CharacterCounts(45, 0, 0, 55)
    assert counts.percent == 100.0
    assert counts.kappa == 1.0
    assert krippendorff_alpha([spans, spans], 100) == 1.0
    assert krippendorff_alpha([spans, spans, spans], 100) == 1.0


def test_no_overlap_at_all() -> None:
    # a = 0, b = 10, c = 20, d = 70: EF = (10·20 + 90·80) / 100 = 74, kappa = (70 − 74) / 26.
    counts = character_counts([(0, 10)], [(50, 70)], 100)
    assert counts == CharacterCounts(0, 10, 20, 70)
    assert counts.percent == 70.0
    assert counts.kappa == pytest.approx(-2 / 13)
    # n = 200, n1 = 30, n0 = 170, 30 disagreeing characters: 1 − 199·30 / (170·30) = −29/170.
    assert krippendorff_alpha([[(0, 10)], [(50, 70)]], 100) == pytest.approx(-29 / 170)


def test_one_coder_coded_nothing() -> None:
    # a = 0, b = 10, c = 0, d = 90: EF = 90 = a + d, so kappa is exactly 0.
    counts = character_counts([(0, 10)], [], 100)
    assert counts == CharacterCounts(0, 10, 0, 90)
    assert counts.percent == 90.0
    assert counts.kappa == 0.0
    # n1 = 10, n0 = 190: 1 − 199·10 / (190·10) = −9/190.
    assert krippendorff_alpha([[(0, 10)], []], 100) == pytest.approx(-9 / 190)
    assert character_counts([], [(0, 10)], 100).kappa == 0.0


def test_no_variation_gives_kappa_one_as_nvivo_does() -> None:
    # Neither coder coded anything: T == EF, NVivo reports 1.
    assert cohen_kappa(0, 0, 0, 100) == 1.0
    assert percent_agreement(0, 0, 0, 100) == 100.0
    # Both coded everything.
    assert cohen_kappa(100, 0, 0, 0) == 1.0
    assert character_counts([(0, 60), (60, 100)], [(0, 100)], 100).kappa == 1.0
    # Alpha has no variation to work with: undefined, as the krippendorff package (NaN) says.
    assert krippendorff_alpha([[], []], 100) is None
    assert krippendorff_alpha([[(0, 100)], [(0, 100)], [(0, 100)]], 100) is None
    assert package_alpha(np.zeros((2, 100), dtype=int)) is None


def test_empty_document() -> None:
    assert cohen_kappa(0, 0, 0, 0) is None
    assert percent_agreement(0, 0, 0, 0) is None
    counts = character_counts([], [], 0)
    assert counts.kappa is None and counts.percent is None
    assert krippendorff_alpha([[], []], 0) is None


def test_overlapping_spans_of_one_coder_count_each_character_once() -> None:
    counts = character_counts([(0, 10), (5, 20), (5, 20), (20, 25)], [(0, 25)], 50)
    assert counts == CharacterCounts(25, 0, 0, 25)
    assert counts.kappa == 1.0
    assert krippendorff_alpha([[(0, 10), (5, 25), (2, 3)], [(0, 25)]], 50) == 1.0


def test_spans_outside_the_document_are_refused() -> None:
    with pytest.raises(BadInput):
        character_counts([(0, 11)], [], 10)
    with pytest.raises(BadInput):
        character_counts([], [(-1, 3)], 10)
    with pytest.raises(BadInput):
        alpha_counts([[(0, 11)], []], 10)


def test_huge_documents_are_counted_by_intervals_not_characters() -> None:
    length = 10**12  # a per-character array of this would not fit in memory
    counts = character_counts([(0, 5 * 10**11)], [(10**11, 5 * 10**11)], length)
    assert counts == CharacterCounts(4 * 10**11, 10**11, 0, 5 * 10**11)
    assert counts.percent == 90.0
    assert krippendorff_alpha([[(0, 10**11)], [(0, 10**11)], [(0, 10**11)]], length) == 1.0


@pytest.mark.parametrize("seed", range(40))
def test_kappa_and_counts_match_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    length = rng.randint(1, 80)
    spans_a, spans_b = random_spans(rng, length), random_spans(rng, length)
    first, second = coded_vector(spans_a, length), coded_vector(spans_b, length)
    counts = character_counts(spans_a, spans_b, length)
    assert counts == brute_force_counts(first, second)
    observed = float(np.mean(first == second))
    expected = np.mean(first) * np.mean(second) + np.mean(1 - first) * np.mean(1 - second)
    assert counts.percent == pytest.approx(100 * observed)
    if expected < 1:
        assert counts.kappa == pytest.approx((observed - expected) / (1 - expected))
    else:
        assert counts.kappa == 1.0


# ---------------------------------------------------------------------------------------------
# Krippendorff's alpha against the krippendorff package


@pytest.mark.parametrize("coders", [2, 3, 4])
@pytest.mark.parametrize("seed", range(25))
def test_alpha_matches_krippendorff_package(seed: int, coders: int) -> None:
    rng = random.Random(1000 * coders + seed)
    length = rng.randint(2, 60)
    spans = [random_spans(rng, length, most=5) for _ in range(coders)]
    matrix = np.array([coded_vector(s, length) for s in spans])
    assert_same_alpha(krippendorff_alpha(spans, length), package_alpha(matrix))


def test_alpha_two_coders_by_hand() -> None:
    # Units 0..3, A = 0 1 0 0, B = 0 1 1 0: n = 8, n1 = 3, n0 = 5, one disagreement: 8/15.
    assert krippendorff_alpha([[(1, 2)], [(1, 3)]], 4) == pytest.approx(8 / 15)
    assert package_alpha(np.array([[0, 1, 0, 0], [0, 1, 1, 0]])) == pytest.approx(8 / 15)


def test_alpha_counts_pool_by_adding() -> None:
    first = alpha_counts([[(0, 5)], [(2, 8)], [(0, 1)]], 10)
    second = alpha_counts([[(3, 4)], [], [(0, 20)]], 20)
    matrix = np.hstack(
        [
            np.array([coded_vector(s, 10) for s in ([(0, 5)], [(2, 8)], [(0, 1)])]),
            np.array([coded_vector(s, 20) for s in ([(3, 4)], [], [(0, 20)])]),
        ]
    )
    assert (first + second).alpha == pytest.approx(package_alpha(matrix), abs=1e-12)
    with pytest.raises(ValueError):
        first + AlphaCounts(2, 1, 0, 0)


# ---------------------------------------------------------------------------------------------
# Segment level (MAXQDA)


def test_segment_exact_match() -> None:
    result = segment_agreement([seg("A", 10, 50), seg("B", 10, 50)], "A", "B", k=2)
    (row,) = result.rows
    assert (row.matched_a, row.unmatched_a, row.matched_b, row.unmatched_b) == (1, 0, 1, 0)
    assert row.percent == 100.0
    assert result.percent == 100.0
    assert result.kappa == 1.0


def test_segment_95_percent_overlap_matches_at_90() -> None:
    result = segment_agreement([seg("A", 0, 100), seg("B", 0, 95)], "A", "B")
    assert (result.matched, result.unmatched) == (2, 0)


def test_segment_80_percent_overlap_does_not_match_at_90() -> None:
    segments = [seg("A", 0, 100), seg("B", 10, 90)]
    result = segment_agreement(segments, "A", "B")
    (row,) = result.rows
    assert (row.matched_a, row.unmatched_a, row.matched_b, row.unmatched_b) == (0, 1, 0, 1)
    assert result.percent == 0.0
    # ... but it does at a threshold of 0.8 (the boundary is inclusive).
    assert segment_agreement(segments, "A", "B", threshold=0.8).percent == 100.0
    assert segment_agreement(segments, "A", "B", threshold=0.81).percent == 0.0


def test_segment_partner_starting_before_is_found() -> None:
    # B's segment starts 5 characters earlier: overlap 95, union 105.
    segments = [seg("A", 100, 195), seg("B", 95, 195)]
    assert segment_agreement(segments, "A", "B").percent == 100.0
    # 20 characters earlier: 95 / 115 < 0.9.
    segments = [seg("A", 100, 195), seg("B", 80, 195)]
    assert segment_agreement(segments, "A", "B").percent == 0.0


def test_segment_matching_counts_each_coders_segments_separately() -> None:
    # A's one segment matches B's first; B's second (50 / 100) matches nothing.
    segments = [seg("A", 0, 100), seg("B", 0, 95), seg("B", 0, 50)]
    (row,) = segment_agreement(segments, "A", "B").rows
    assert (row.matched_a, row.unmatched_a, row.matched_b, row.unmatched_b) == (1, 0, 1, 1)
    # MAXQDA's four-field table: the agreeing pair once (a = 1), B's second segment in c.
    assert (row.agreements, row.only_a, row.only_b) == (1, 0, 1)
    assert row.percent == pytest.approx(50.0)


def test_an_agreeing_pair_is_counted_once_and_pairs_are_one_to_one() -> None:
    # B coded the same span twice: both match A's segment, but only one can pair with it.
    segments = [seg("A", 0, 100), seg("B", 0, 100), seg("B", 0, 98), seg("A", 300, 400)]
    result = segment_agreement(segments, "A", "B", k=2)
    assert (result.agreements, result.only_a, result.only_b) == (1, 1, 1)
    assert result.percent == pytest.approx(100 / 3)
    assert result.kappa == pytest.approx((1 / 3 - 1 / 2) / (1 / 2))
    assert result.to_dict()["agreements"] == 1


def test_two_segments_of_a_cannot_both_pair_with_one_of_b() -> None:
    # A coded nearly the same span twice, B once: one agreeing pair, A's second segment alone
    # (a pairing that is not one to one would give 2 pairs and only_b = -1)
    result = segment_agreement([seg("A", 0, 100), seg("A", 0, 98), seg("B", 0, 100)], "A", "B")
    (row,) = result.rows
    assert (row.matched_a, row.unmatched_a, row.matched_b, row.unmatched_b) == (2, 0, 1, 0)
    assert (row.agreements, row.only_a, row.only_b) == (1, 1, 0)
    assert row.percent == pytest.approx(50.0)
    # the other direction: B twice, A once
    result = segment_agreement([seg("A", 0, 100), seg("B", 0, 100), seg("B", 0, 98)], "A", "B")
    assert (result.agreements, result.only_a, result.only_b) == (1, 0, 1)


def test_a_segment_already_paired_does_not_take_a_second_partner() -> None:
    # overlaps: A0–B0 1.0, A0–B1 0.99, A1–B1 98/99, A1–B0 0.98. Best first, one to one: A0–B0,
    # then A1–B1 (A0 is taken, so A0–B1 is no pair). If A0 also took B1, A1 would be left alone.
    for a, b in (("A", "B"), ("B", "A")):
        segments = [seg(a, 0, 100), seg(a, 2, 100), seg(b, 0, 100), seg(b, 1, 100)]
        result = segment_agreement(segments, "A", "B")
        assert (result.agreements, result.only_a, result.only_b) == (2, 0, 0)
        assert result.percent == 100.0


def _greedy_pairs(spans_a: list[tuple[int, int]], spans_b: list[tuple[int, int]],
                  threshold: float) -> int:
    """Brute force: over every pair, again and again take the best-overlapping pair of two
    segments both still alone (ties: A's order, then B's by position)."""
    b_sorted = sorted(spans_b)
    free_a, free_b, pairs = set(range(len(spans_a))), set(range(len(b_sorted))), 0
    while True:
        best = min(((-overlap_ratio(spans_a[i], b_sorted[j]), i, j) for i in free_a
                    for j in free_b if overlap_ratio(spans_a[i], b_sorted[j]) >= threshold),
                   default=None)
        if best is None:
            return pairs
        free_a.discard(best[1])
        free_b.discard(best[2])
        pairs += 1


def _most_pairs(spans_a: list[tuple[int, int]], spans_b: list[tuple[int, int]],
                threshold: float) -> int:
    """The largest one-to-one pairing of agreeing segments (augmenting paths)."""
    partner: dict[int, int] = {}

    def pair(i: int, seen: set[int]) -> bool:
        for j, other in enumerate(spans_b):
            if j not in seen and overlap_ratio(spans_a[i], other) >= threshold:
                seen.add(j)
                if j not in partner or pair(partner[j], seen):
                    partner[j] = i
                    return True
        return False

    return sum(pair(i, set()) for i in range(len(spans_a)))


span_lists = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 40)).map(
    lambda s: (s[0], s[0] + s[1])), max_size=7)


@settings(max_examples=400, deadline=None, database=None)
@given(span_lists, span_lists, st.sampled_from([0.5, 0.7, 0.9, 0.95, 1.0]))
def test_segment_pairs_match_brute_force_and_no_count_is_negative(
        spans_a: list[tuple[int, int]], spans_b: list[tuple[int, int]], threshold: float) -> None:
    segments = [seg("A", s, e) for s, e in spans_a] + [seg("B", s, e) for s, e in spans_b]
    result = segment_agreement(segments, "A", "B", threshold=threshold)
    pairs = _greedy_pairs(spans_a, spans_b, threshold)
    assert result.agreements == pairs
    assert min(result.agreements, result.only_a, result.only_b, result.matched,
               result.unmatched) >= 0
    assert (result.agreements + result.only_a, result.agreements + result.only_b) == (
        len(spans_a), len(spans_b))
    for row in result.rows:
        assert min(row.matched_a, row.unmatched_a, row.matched_b, row.unmatched_b,
                   row.agreements, row.only_a, row.only_b) >= 0
        assert row.agreements <= min(row.matched_a, row.matched_b)
    # best first is a maximal pairing: at least half the largest one, never more
    most = _most_pairs(spans_a, spans_b, threshold)
    assert most / 2 <= pairs <= most


def test_segments_only_match_within_the_same_code_and_document() -> None:
    segments = [
        seg("A", 0, 100, code="x", document=1),
        seg("B", 0, 100, code="y", document=1),
        seg("B", 0, 100, code="x", document=2),
    ]
    result = segment_agreement(segments, "A", "B")
    assert (result.matched, result.unmatched) == (0, 3)
    assert result.k == 2


def test_brennan_prediger_kappa_with_four_codes_by_hand() -> None:
    segments = [
        seg("A", 0, 100),
        seg("B", 0, 100),  # exact
        seg("A", 200, 300),
        seg("B", 200, 300),  # exact
        seg("A", 400, 500, code="y"),
        seg("B", 400, 495, code="y"),  # 95 %: matched
        seg("A", 600, 700, code="y"),
        seg("B", 600, 680, code="y"),  # 80 %: not matched
        seg("C", 600, 680, code="y"),  # another coder: ignored
    ]
    result = segment_agreement(segments, "A", "B", k=4)
    # 6 of 8 segments have a partner; as pairs counted once (MAXQDA): a = 3, b = c = 1,
    # Po = 3 / 5 = 0.6; kappa = (0.6 − 0.25) / (1 − 0.25) = 7/15.
    assert (result.matched, result.unmatched) == (6, 2)
    assert (result.agreements, result.only_a, result.only_b) == (3, 1, 1)
    assert result.percent == pytest.approx(60.0)
    assert result.kappa == pytest.approx(7 / 15)
    assert brennan_prediger_kappa(0.6, 4) == pytest.approx(7 / 15)
    assert [row.code for row in result.rows] == ["y", "x"]  # worst first
    assert result.rows[0].percent == pytest.approx(100 / 3)


def test_brennan_prediger_kappa_needs_two_codes() -> None:
    result = segment_agreement([seg("A", 0, 10), seg("B", 0, 10)], "A", "B")
    assert result.k == 1
    assert result.kappa is None
    assert "at least two codes" in result.kappa_note
    assert brennan_prediger_kappa(1.0, 1) is None
    assert brennan_prediger_kappa(1.0, 0) is None
    empty = segment_agreement([], "A", "B", k=3)
    assert empty.percent is None and empty.kappa is None and empty.kappa_note


def test_segment_threshold_must_be_a_proportion() -> None:
    for threshold in (0.0, -0.5, 1.5):
        with pytest.raises(BadInput):
            segment_agreement([], "A", "B", threshold=threshold)
    with pytest.raises(BadInput):
        segment_agreement([], "A", "A")


@pytest.mark.parametrize("seed", range(30))
def test_segment_matching_window_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    threshold = rng.choice([0.5, 0.7, 0.9, 1.0])
    segments = [
        seg(coder, start, end)
        for coder in "AB"
        for start, end in random_spans(rng, 200, most=8)
        if end > start
    ]
    result = segment_agreement(segments, "A", "B", threshold=threshold)
    spans = {c: [(s.start, s.end) for s in segments if s.coder == c] for c in "AB"}
    expected = sum(
        any(overlap_ratio(span, other) >= threshold for other in spans[other_coder])
        for coder, other_coder in (("A", "B"), ("B", "A"))
        for span in spans[coder]
    )
    assert result.matched == expected
    assert result.matched + result.unmatched == len(segments)


# ---------------------------------------------------------------------------------------------
# The report


def test_report_rows_for_the_nvivo_example() -> None:
    segments = [seg("A", 0, 100), seg("B", 50, 200)]
    report = agreement_report(segments, {"d": 1000}, ["A", "B"])
    (row,) = report.documents
    assert (row.code, row.document, row.coders) == ("x", "d", ("A", "B"))
    assert (row.counts.a, row.counts.b, row.counts.c, row.counts.d) == (50, 50, 100, 800)
    assert row.percent == 85.0 and round(row.kappa, 3) == 0.318
    (pooled,) = report.codes
    assert pooled.kappa == row.kappa and pooled.kappa_mean == row.kappa
    (overall,) = report.overall
    assert overall.code is None and overall.document is None and overall.kappa == row.kappa


def test_report_pooling_over_documents_by_hand() -> None:
    segments = [
        seg("A", 0, 10, document="d1"),
        seg("B", 0, 10, document="d1"),  # perfect: kappa 1
        seg("A", 0, 10, document="d2"),
        seg("B", 50, 70, document="d2"),  # kappa −2/13
    ]
    lengths = {"d1": 100, "d2": 100, "d3": 200}  # d3 is in scope but nobody coded it
    report = agreement_report(segments, lengths, ["A", "B"])
    assert [row.document for row in report.documents] == ["d2", "d1"]  # worst first
    (pooled,) = report.codes
    # Summed counts: a = 10, b = 10, c = 20, d = 360, T = 400; EF = 353; kappa = 17/47.
    assert pooled.counts == CharacterCounts(10, 10, 20, 360)
    assert pooled.percent == 92.5
    assert pooled.kappa == pytest.approx(17 / 47)
    # NVivo-style averages over the three documents (d3 counts as kappa 1).
    assert pooled.kappa_mean == pytest.approx((1 - 2 / 13 + 1) / 3)
    assert pooled.kappa_weighted == pytest.approx((100 - 200 / 13 + 200) / 400)
    # d3, coded by nobody, is one cell counted as kappa 1; without it the average falls.
    assert pooled.uncoded_cells == 1
    assert pooled.kappa_weighted_coded == pytest.approx((100 - 200 / 13) / 200)
    (overall,) = report.overall
    assert (overall.kappa_weighted, overall.uncoded_cells) == (pooled.kappa_weighted, 1)
    # Alpha over all 400 characters: n = 800, n1 = 50, n0 = 750, 30 disagreements.
    assert pooled.alpha == pytest.approx(1 - 799 * 30 / (750 * 50))
    matrix = np.hstack(
        [
            np.array([coded_vector([(0, 10)], 100), coded_vector([(0, 10)], 100)]),
            np.array([coded_vector([(0, 10)], 100), coded_vector([(50, 70)], 100)]),
            np.zeros((2, 200), dtype=int),
        ]
    )
    assert pooled.alpha == pytest.approx(package_alpha(matrix), abs=1e-12)


def test_report_perfect_agreement() -> None:
    segments = [seg(c, 5, 25, code=code) for c in "AB" for code in ("x", "y")]
    report = agreement_report(segments, {"d": 50}, ["A", "B"])
    for row in report.documents + report.codes + report.overall:
        assert (row.percent, row.kappa, row.alpha) == (100.0, 1.0, 1.0)
    assert all(result.percent == 100.0 for result in report.segments)


def test_report_codes_parameter_includes_unused_codes() -> None:
    report = agreement_report(
        [seg("A", 0, 10), seg("B", 0, 10)], {"d": 20}, ["A", "B"], codes=["x", "unused"]
    )
    assert {row.code for row in report.documents} == {"x"}
    unused = next(row for row in report.codes if row.code == "unused")
    assert unused.counts == CharacterCounts(0, 0, 0, 20)
    assert unused.kappa == 1.0 and unused.alpha is None
    (segments,) = report.segments
    assert segments.k == 2 and segments.kappa == 1.0


@pytest.mark.parametrize("seed", range(20))
def test_report_with_three_coders_matches_brute_force_and_package(seed: int) -> None:
    rng = random.Random(seed)
    coders = ["ann", "bo", "cy"]
    lengths: dict[str | int, int] = {doc: rng.randint(1, 40) for doc in ("p", 7, "q")}
    segments = [
        Segment(doc, code, coder, start, end)
        for doc, length in lengths.items()
        for code in ("x", "y")
        for coder in coders
        for start, end in random_spans(rng, length, most=3)
    ]
    report = agreement_report(segments, lengths, coders)
    assert {row.coders for row in report.overall} == set(itertools.combinations(coders, 2))

    def vector(code: str, coder: str, doc: str | int) -> np.ndarray:
        key = (code, coder, doc)
        spans = [(s.start, s.end) for s in segments if (s.code, s.coder, s.document) == key]
        return coded_vector(spans, lengths[doc])

    def matrix(code_list: tuple[str, ...], doc_list: tuple[str | int, ...]) -> np.ndarray:
        return np.array(
            [
                np.concatenate([vector(code, c, doc) for code in code_list for doc in doc_list])
                for c in coders
            ]
        )

    used = {s.code for s in segments if s.end > s.start}
    for row in report.documents:
        assert_same_alpha(row.alpha, package_alpha(matrix((row.code,), (row.document,))))
        first, second = (vector(row.code, c, row.document) for c in row.coders)
        assert row.counts == brute_force_counts(first, second)
    for row in report.codes:
        full = matrix((row.code,), tuple(lengths))
        assert_same_alpha(row.alpha, package_alpha(full))
        pair = [full[coders.index(c)] for c in row.coders]
        assert row.counts == brute_force_counts(*pair)
    for row in report.overall:
        full = matrix(tuple(sorted(used)), tuple(lengths))
        assert_same_alpha(row.alpha, package_alpha(full))
        assert row.counts == brute_force_counts(*(full[coders.index(c)] for c in row.coders))
    kappas = [row.kappa for row in report.documents]
    assert kappas == sorted(kappas)


def test_report_to_dict_is_json() -> None:
    segments = [seg("A", 0, 10, document=1), seg("B", 2, 10, document=1), seg("C", 0, 4)]
    report = agreement_report(segments, {1: 10, "d": 10}, ["A", "B", "C"])
    data = json.loads(json.dumps(report.to_dict()))
    assert data["coders"] == ["A", "B", "C"]
    assert len(data["overall"]) == 3
    assert {"a", "b", "c", "d", "percent", "kappa", "alpha"} <= set(data["documents"][0])
    assert len(data["segments"]) == 3
    assert data["segments"][0]["rows"][0]["coders"] in (["A", "B"], ["A", "C"], ["B", "C"])


def test_report_refuses_bad_input() -> None:
    with pytest.raises(BadInput):
        agreement_report([], {"d": 10}, ["A"])
    with pytest.raises(BadInput):
        agreement_report([], {"d": 10}, ["A", "A"])
    with pytest.raises(BadInput):
        agreement_report([seg("A", 0, 5, document="elsewhere")], {"d": 10}, ["A", "B"])
    with pytest.raises(BadInput):
        agreement_report([seg("A", 5, 11)], {"d": 10}, ["A", "B"])
    with pytest.raises(BadInput):
        agreement_report([seg("A", 5, 4)], {"d": 10}, ["A", "B"])
    with pytest.raises(BadInput):
        agreement_report([], {"d": -1}, ["A", "B"])
    with pytest.raises(BadInput):
        agreement_report([], {"d": 10}, ["A", "B"], threshold=0)


def test_report_ignores_other_coders_and_empty_segments() -> None:
    segments = [seg("A", 0, 10), seg("B", 0, 10), seg("Z", 0, 3), seg("A", 4, 4, code="y")]
    report = agreement_report(segments, {"d": 10}, ["A", "B"])
    assert [row.code for row in report.codes] == ["x"]
    assert report.overall[0].kappa == 1.0


def test_report_with_an_empty_document_in_scope() -> None:
    report = agreement_report([seg("A", 0, 10), seg("B", 0, 5)], {"d": 10, "e": 0}, ["A", "B"])
    (pooled,) = report.codes
    assert pooled.counts == CharacterCounts(5, 5, 0, 0)
    assert pooled.kappa_mean == pooled.kappa  # the empty document is left out of the mean
