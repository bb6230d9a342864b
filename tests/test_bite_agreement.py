"""The whole agreement report against a brute-force one computed character by character.

``agreement_report`` works on spans and sweeps; here every figure of its JSON (per document, per
code, overall, and the segment tables) is recomputed from per-character 0/1 vectors with
exact fractions, alpha with the ``krippendorff`` package, and segment pairs by trying every
pair. The segment threshold is tested on its boundary (overlap / union exactly equal to it), for
partners starting before and after, and the pairing one to one.
"""

from __future__ import annotations

import itertools
import json
import math
import warnings
from fractions import Fraction
from typing import Any

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
    character_counts,
    cohen_kappa,
    segment_agreement,
)
from fieldkit.core.errors import BadInput

# ---------------------------------------------------------------------------------------------
# brute force


def vector(spans: list[tuple[int, int]], length: int) -> list[int]:
    out = [0] * length
    for start, end in spans:
        for i in range(start, end):
            out[i] = 1
    return out


def table(x: list[int], y: list[int]) -> tuple[int, int, int, int]:
    pairs = list(zip(x, y, strict=True))
    return (pairs.count((1, 1)), pairs.count((1, 0)), pairs.count((0, 1)), pairs.count((0, 0)))


def kappa_of(a: int, b: int, c: int, d: int) -> float | None:
    t = a + b + c + d
    if t == 0:
        return None
    ef = Fraction((a + b) * (a + c) + (c + d) * (b + d), t)
    if ef == t:
        return 1.0
    return float((a + d - ef) / (t - ef))


def percent_of(a: int, b: int, c: int, d: int) -> float | None:
    t = a + b + c + d
    return None if t == 0 else float(Fraction(100 * (a + d), t))


def alpha_of(rows: list[list[int]]) -> float | None:
    if not rows or not rows[0]:
        return None
    data = np.array(rows, dtype=float)
    if data.min() == data.max():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return None if math.isnan(value) else float(value)


def ratio(x: tuple[int, int], y: tuple[int, int]) -> Fraction:
    overlap = min(x[1], y[1]) - max(x[0], y[0])
    if overlap <= 0:
        return Fraction(0)
    return Fraction(overlap, max(x[1], y[1]) - min(x[0], y[0]))


def greedy_pairs(xs: list[tuple[int, int]], ys: list[tuple[int, int]], t: Fraction) -> int:
    """Best overlap first, each segment in one pair at most (ties: A's order, B's by place)."""
    ys = sorted(ys)
    candidates = sorted((-ratio(x, y), i, j) for i, x in enumerate(xs)
                        for j, y in enumerate(ys) if ratio(x, y) >= t)
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


def means(cells: list[tuple[float | None, int, bool]]) -> dict[str, Any]:
    """NVivo's averages over (kappa, length, coded) cells of non-empty documents."""
    cells = [c for c in cells if c[1] > 0]
    coded = [(k, n) for k, n, was in cells if was]
    every = [(1.0 if not was else k, n) for k, n, was in cells]
    return {
        "kappa_mean": sum(k for k, _ in every) / len(every) if every else None,
        "kappa_weighted": sum(k * n for k, n in every) / sum(n for _, n in every)
        if every else None,
        "kappa_weighted_coded": sum(k * n for k, n in coded) / sum(n for _, n in coded)
        if coded else None,
        "uncoded_cells": len(cells) - len(coded),
        "coded_cells": len(coded),
    }


def character_row(code: Any, document: Any, pair: tuple[str, str], abcd: tuple[int, ...],
                  alpha: float | None, **figures: Any) -> dict[str, Any]:
    a, b, c, d = abcd
    return {"code": code, "document": document, "coders": list(pair), "a": a, "b": b, "c": c,
            "d": d, "percent": percent_of(a, b, c, d), "kappa": kappa_of(a, b, c, d),
            "alpha": alpha, **figures}


def brute_report(segments: list[Segment], lengths: dict[Any, int], coders: list[str],
                 threshold: float) -> dict[str, Any]:
    kept = [s for s in segments if s.coder in coders and s.end > s.start]
    codes = list(dict.fromkeys(s.code for s in kept))
    pairs = list(itertools.combinations(coders, 2))
    spans = {(code, doc, coder): [(s.start, s.end) for s in kept
                                  if (s.code, s.document, s.coder) == (code, doc, coder)]
             for code in codes for doc in lengths for coder in coders}
    vec = {key: vector(value, lengths[key[1]]) for key, value in spans.items()}
    documents, code_rows, overall = [], [], []
    every_cell: dict[tuple[str, str], list[tuple[float | None, int, bool]]] = {p: [] for p in pairs}
    overall_tables = {p: [0, 0, 0, 0] for p in pairs}
    for code in codes:
        coded_docs = [doc for doc in lengths if any(spans[(code, doc, c)] for c in coders)]
        for doc in coded_docs:
            alpha = alpha_of([vec[(code, doc, c)] for c in coders])
            for pair in pairs:
                abcd = table(vec[(code, doc, pair[0])], vec[(code, doc, pair[1])])
                k = kappa_of(*abcd)
                documents.append(character_row(code, doc, pair, abcd, alpha, kappa_mean=k,
                                               kappa_weighted=k, kappa_weighted_coded=k,
                                               uncoded_cells=0,
                                               coded_cells=int(lengths[doc] > 0)))
        code_alpha = alpha_of([sum((vec[(code, doc, c)] for doc in lengths), []) for c in coders])
        for pair in pairs:
            x = sum((vec[(code, doc, pair[0])] for doc in lengths), [])
            y = sum((vec[(code, doc, pair[1])] for doc in lengths), [])
            abcd = table(x, y)
            overall_tables[pair] = [s + t for s, t in zip(overall_tables[pair], abcd,
                                                           strict=True)]
            cells = [(kappa_of(*table(vec[(code, doc, pair[0])], vec[(code, doc, pair[1])])),
                      lengths[doc], doc in coded_docs) for doc in lengths]
            every_cell[pair] += cells
            code_rows.append(character_row(code, None, pair, abcd, code_alpha, **means(cells)))
    all_alpha = alpha_of([sum((vec[(code, doc, c)] for code in codes for doc in lengths), [])
                          for c in coders]) if codes else None
    for pair in pairs:
        abcd = tuple(overall_tables[pair])
        if not codes:
            abcd = (0, 0, 0, 0)
        overall.append(character_row(None, None, pair, abcd, all_alpha,
                                     **means(every_cell[pair])))
    t = Fraction(threshold).limit_denominator(1000)
    segment_tables = []
    for first, second in pairs:
        rows = []
        for code in codes:
            if not any(spans[(code, doc, c)] for doc in lengths for c in (first, second)):
                continue
            counts = [0, 0, 0, 0, 0]
            for doc in lengths:
                xs, ys = spans[(code, doc, first)], spans[(code, doc, second)]
                hit_a = sum(any(ratio(x, y) >= t for y in ys) for x in xs)
                hit_b = sum(any(ratio(y, x) >= t for x in xs) for y in ys)
                counts = [counts[0] + hit_a, counts[1] + len(xs) - hit_a, counts[2] + hit_b,
                          counts[3] + len(ys) - hit_b, counts[4] + greedy_pairs(xs, ys, t)]
            ma, ua, mb, ub, agree = counts
            only_a, only_b = ma + ua - agree, mb + ub - agree
            total = agree + only_a + only_b
            rows.append({"code": code, "coders": [first, second], "matched_a": ma,
                         "unmatched_a": ua, "matched_b": mb, "unmatched_b": ub,
                         "matched": ma + mb, "unmatched": ua + ub, "agreements": agree,
                         "only_a": only_a, "only_b": only_b,
                         "percent": 100 * agree / total if total else None})
        agree = sum(r["agreements"] for r in rows)
        total = agree + sum(r["only_a"] + r["only_b"] for r in rows)
        k = len(codes)
        po = agree / total if total else None
        note = ("no coded segments to compare" if po is None else
                f"Brennan–Prediger kappa needs at least two codes (k = {k})" if k <= 1 else "")
        segment_tables.append({
            "coders": [first, second], "threshold": threshold, "k": k, "kappa_note": note,
            "matched": sum(r["matched"] for r in rows),
            "unmatched": sum(r["unmatched"] for r in rows), "agreements": agree,
            "only_a": sum(r["only_a"] for r in rows), "only_b": sum(r["only_b"] for r in rows),
            "percent": None if po is None else 100 * po,
            "kappa": None if po is None or k <= 1 else (po - 1 / k) / (1 - 1 / k),
            "rows": rows})
    return {"coders": coders, "threshold": threshold, "documents": documents,
            "codes": code_rows, "overall": overall, "segments": segment_tables}


# ---------------------------------------------------------------------------------------------
# comparing


def same(got: Any, want: Any, where: str = "") -> None:
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) >= set(want), (where, sorted(got))
        for key, value in want.items():
            same(got[key], value, f"{where}.{key}")
    elif isinstance(want, float):
        assert got == pytest.approx(want, abs=1e-9), where
    else:
        assert got == want, where


def worst_first(rows: list[dict[str, Any]]) -> bool:
    keys = [((r["kappa"] is None), r["kappa"] or 0.0, (r["percent"] is None), r["percent"] or 0.0)
            for r in rows]
    return keys == sorted(keys)


def check(segments: list[Segment], lengths: dict[Any, int], coders: list[str],
          threshold: float = 0.9) -> dict[str, Any]:
    got = json.loads(json.dumps(agreement_report(segments, lengths, coders, threshold)
                                .to_dict()))
    want = json.loads(json.dumps(brute_report(segments, lengths, coders, threshold)))
    assert set(got) == set(want)
    assert got["coders"] == want["coders"] and got["threshold"] == want["threshold"]
    for part, key in (("documents", ("code", "document")), ("codes", ("code",)),
                      ("overall", ())):
        assert worst_first(got[part]), part
        by_key = {(*(r[k] for k in key), *r["coders"]): r for r in got[part]}
        assert len(by_key) == len(got[part]) == len(want[part]), part
        for row in want[part]:
            same(by_key[(*(row[k] for k in key), *row["coders"])], row, part)
            assert set(by_key[(*(row[k] for k in key), *row["coders"])]) == set(row)
    assert len(got["segments"]) == len(want["segments"])
    for g, w in zip(got["segments"], want["segments"], strict=True):
        rows_g, rows_w = g.pop("rows"), w.pop("rows")
        same(g, w, "segments")
        assert {r["code"]: r for r in rows_g}.keys() == {r["code"]: r for r in rows_w}.keys()
        for row in rows_w:
            found = next(r for r in rows_g if r["code"] == row["code"])
            same(found, row, f"segments.rows.{row['code']}")
            assert set(found) == set(row)
        percents = [(r["percent"] is None, r["percent"] or 0.0) for r in rows_g]
        assert percents == sorted(percents)
    return got


CODERS = ["Anouk", "Bas", "Chris"]
segment_st = st.builds(
    lambda coder, code, doc, start, size: Segment(doc, code, coder, start, start + size),
    st.sampled_from(CODERS), st.sampled_from(["x", "y", "z"]), st.sampled_from([1, 2, 3]),
    st.integers(0, 30), st.integers(0, 12))


LENGTHS = {1: 42, 2: 45, 3: 50}  # the generated segments' documents: 30 + 12 fits each


def twin(seg: Segment, coder: str, jitter: tuple[int, int]) -> Segment:
    """Another coder's segment of the same code and document, a character or two off (and
    still inside the document: a segment past its end is refused, as it should be)."""
    start = max(0, seg.start + jitter[0])
    end = min(LENGTHS[seg.document], max(start, seg.end + jitter[1]))
    return Segment(seg.document, seg.code, coder, start, end)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(segment_st, max_size=14), st.sampled_from([0.5, 0.75, 0.9, 1.0]),
       st.sampled_from([CODERS[:2], CODERS]), st.integers(0, 2),
       st.lists(st.tuples(st.sampled_from(CODERS), st.integers(-2, 2), st.integers(-2, 2)),
                max_size=14))
def test_report_matches_brute_force(segments: list[Segment], threshold: float,
                                    coders: list[str], empty_docs: int,
                                    twins: list[tuple[str, int, int]]) -> None:
    # most segments get a near twin by another coder, so that segments agree and pair often
    segments = segments + [twin(seg, coder, (a, b)) for seg, (coder, a, b)
                           in zip(segments, twins, strict=False) if coder != seg.coder]
    lengths: dict[Any, int] = dict(LENGTHS)
    for n in range(empty_docs):
        lengths[f"leeg {n}"] = [0, 7][n % 2]  # an empty document and one nobody coded
    lengths["één teken"] = 1
    segments = segments + [Segment("één teken", "x", "Bas", 0, 1)] * (empty_docs % 2)
    check(segments, lengths, coders, threshold)


def test_report_by_hand_three_coders_two_codes() -> None:
    segments = [Segment(1, "x", "Anouk", 0, 10), Segment(1, "x", "Bas", 0, 9),
                Segment(1, "x", "Chris", 5, 20), Segment(2, "y", "Bas", 3, 8),
                Segment(2, "x", "Chris", 0, 4), Segment(1, "y", "Anouk", 2, 2)]
    got = check(segments, {1: 20, 2: 10, 3: 30}, CODERS)
    overall = {tuple(r["coders"]): r for r in got["overall"]}
    # Anouk–Bas over x and y in all three documents: a = 9, b = 1, c = 5, d = 105
    assert [overall[("Anouk", "Bas")][k] for k in "abcd"] == [9, 1, 5, 105]
    # cells: x in documents 1 and 2 and y in 2 were coded (by someone), the other three not
    assert overall[("Anouk", "Bas")]["uncoded_cells"] == 3
    assert overall[("Anouk", "Bas")]["coded_cells"] == 3


# ---------------------------------------------------------------------------------------------
# the threshold on its boundary, and the window of partners that start earlier


EXACT = [(t, n) for t in (0.5, 0.6, 0.75, 0.8, 0.9, 0.95, 1.0) for n in (10, 20, 60, 90, 100, 400)
         if (n * (1 - Fraction(t).limit_denominator(100))
             / Fraction(t).limit_denominator(100)).denominator == 1]


@pytest.mark.parametrize(("threshold", "length"), EXACT)
def test_overlap_exactly_at_the_threshold_agrees(threshold: float, length: int) -> None:
    t = Fraction(threshold).limit_denominator(100)
    # a partner starting earlier, and one ending later, with overlap / union == t exactly
    extra_n = int(length * (1 - t) / t)
    for partner in ((100 - extra_n, 100 + length), (100, 100 + length + extra_n)):
        segments = [Segment(1, "x", "A", 100, 100 + length),
                    Segment(1, "x", "B", *partner)]
        assert ratio((100, 100 + length), partner) == t
        result = segment_agreement(segments, "A", "B", threshold=threshold)
        assert (result.matched, result.agreements, result.percent) == (2, 1, 100.0)
        # and swapped: B's segment is the one looking for an earlier partner
        swapped = segment_agreement(segments, "B", "A", threshold=threshold)
        assert (swapped.matched, swapped.agreements) == (2, 1)
        # one character less of overlap falls below the threshold
        if extra_n:
            shorter = [Segment(1, "x", "A", 101, 100 + length), Segment(1, "x", "B", *partner)]
            if partner[0] < 100 and ratio((101, 100 + length), partner) < t:
                below = segment_agreement(shorter, "A", "B", threshold=threshold)
                assert (below.matched, below.agreements) == (0, 0)


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(1, 300), st.integers(0, 60), st.sampled_from([0.5, 0.7, 0.9, 0.95]))
def test_a_partner_starting_earlier_is_found_whenever_it_agrees(
        length: int, before: int, threshold: float) -> None:
    segments = [Segment(1, "x", "A", 500, 500 + length),
                Segment(1, "x", "B", 500 - before, 500 + length)]
    agrees = ratio((500, 500 + length), (500 - before, 500 + length)) >= \
        Fraction(threshold).limit_denominator(100)
    for a, b in (("A", "B"), ("B", "A")):
        result = segment_agreement(segments, a, b, threshold=threshold)
        assert result.matched == (2 if agrees else 0)
        assert result.agreements == int(agrees)


def test_pairs_are_one_to_one_best_overlap_first() -> None:
    # A0 agrees with B0 (1.0) and B1 (0.95); A1 agrees only with B1 (0.9). One to one and best
    # first: A0–B0, A1–B1. Not one to one would count 3; worst first would leave A1 alone.
    segments = [Segment(1, "x", "A", 0, 100), Segment(1, "x", "A", 5, 95),
                Segment(1, "x", "B", 0, 100), Segment(1, "x", "B", 0, 95)]
    result = segment_agreement(segments, "A", "B", threshold=0.9)
    assert (result.agreements, result.only_a, result.only_b) == (2, 0, 0)
    # three of B on one of A: one pair, two of B alone
    many = [Segment(1, "x", "A", 0, 100)] + [Segment(1, "x", "B", 0, 100 - i) for i in range(3)]
    result = segment_agreement(many, "A", "B")
    assert (result.agreements, result.only_a, result.only_b, result.matched) == (1, 0, 2, 4)
    assert result.percent == pytest.approx(100 / 3)
    # two of A on one of B: one pair, not two (only_b would be −1)
    two = [Segment(1, "x", "A", 0, 100), Segment(1, "x", "A", 0, 98),
           Segment(1, "x", "B", 0, 100)]
    result = segment_agreement(two, "A", "B")
    assert (result.agreements, result.only_a, result.only_b) == (1, 1, 0)


@pytest.mark.parametrize("a_spans", [[(0, 100), (9, 100)], [(9, 100), (0, 100)]])
def test_the_best_overlap_pairs_first(a_spans: list[tuple[int, int]]) -> None:
    # A (0,100) agrees with B (0,100) at 1.0 and B (0,92) at 0.92; A (9,100) only with
    # B (0,100), at 0.91. Best first takes A(0,100)–B(0,100) and then nothing else agrees: one
    # pair. Worst first (or in A's order when A (9,100) comes first) would make two.
    segments = [Segment(1, "x", "A", s, e) for s, e in a_spans] + [
        Segment(1, "x", "B", 0, 100), Segment(1, "x", "B", 0, 92)]
    assert greedy_pairs(a_spans, [(0, 100), (0, 92)], Fraction(9, 10)) == 1
    result = segment_agreement(segments, "A", "B")
    assert (result.agreements, result.only_a, result.only_b) == (1, 1, 1)
    assert result.matched == 4  # each segment has some partner that agrees


def test_the_default_threshold_is_ninety_percent() -> None:
    # overlap / union 0.85 (below 0.9) and 0.9 exactly
    below = [Segment(1, "x", "A", 0, 100), Segment(1, "x", "B", 0, 85)]
    at = [Segment(1, "x", "A", 0, 100), Segment(1, "x", "B", 0, 90)]
    assert segment_agreement(below, "A", "B").agreements == 0
    assert segment_agreement(at, "A", "B").agreements == 1
    report = agreement_report(below, {1: 100}, ["A", "B"])
    assert report.threshold == 0.9 and report.segments[0].threshold == 0.9
    assert report.segments[0].agreements == 0
    assert agreement_report(at, {1: 100}, ["A", "B"]).segments[0].agreements == 1


# ---------------------------------------------------------------------------------------------
# the small pieces


def test_overlap_ratio_of_touching_tiny_and_empty_spans() -> None:
    from fieldkit.core.agreement import overlap_ratio

    assert overlap_ratio((0, 1), (0, 1)) == 1.0
    assert overlap_ratio((0, 1), (0, 2)) == 0.5
    assert overlap_ratio((0, 3), (3, 6)) == 0.0  # touching: no overlap
    assert overlap_ratio((5, 5), (5, 5)) == 0.0  # empty: no character, and no division by 0


def test_ties_in_kappa_are_ordered_by_percent() -> None:
    # document 2: a, b, c, d = 0, 0, 1, 3 (kappa 0, 75 %); document 1: 1, 1, 1, 1 (kappa 0,
    # 50 %). Worst first: document 1, though document 2 comes first in the input.
    segments = [Segment(2, "x", "B", 0, 1),
                Segment(1, "x", "A", 0, 2), Segment(1, "x", "B", 1, 3)]
    report = agreement_report(segments, {2: 4, 1: 4}, ["A", "B"])
    rows = [(r.document, r.kappa, r.percent) for r in report.documents]
    assert rows == [(1, 0.0, 50.0), (2, 0.0, 75.0)]


def test_codes_nobody_could_code_have_no_kappa_and_still_sort() -> None:
    report = agreement_report([], {1: 0}, ["A", "B"], codes=["x", "y"], k=4)
    assert [(r.code, r.kappa, r.percent) for r in report.codes] == [("x", None, None),
                                                                     ("y", None, None)]
    assert report.segments[0].k == 4
    assert report.segments[0].kappa_note == "no coded segments to compare"


def test_given_k_and_codes_reach_the_segment_table() -> None:
    segments = [Segment(1, "x", "A", 0, 10), Segment(1, "x", "B", 0, 10),
                Segment(1, "y", "A", 20, 30), Segment(1, "y", "B", 40, 50)]
    report = agreement_report(segments, {1: 60}, ["A", "B"], k=4)
    table = report.segments[0]
    assert (table.k, table.agreements, table.only_a, table.only_b) == (4, 1, 1, 1)
    assert table.kappa == pytest.approx((1 / 3 - 1 / 4) / (1 - 1 / 4))
    assert table.kappa_note == ""
    only_x = segment_agreement(segments[::-1], "A", "B", codes=["x"], k=2)  # y comes first
    assert (only_x.agreements, only_x.only_a, only_x.only_b) == (1, 0, 0)
    assert [row.code for row in only_x.rows] == ["x"]
    only_x_report = agreement_report(segments, {1: 60}, ["A", "B"], codes=["x"])
    assert [row.code for row in only_x_report.codes] == ["x"]
    # a segment of a code left out may even lie in a document that is not compared
    elsewhere = [*segments, Segment(99, "y", "A", 0, 5)]
    assert agreement_report(elsewhere, {1: 60}, ["A", "B"], codes=["x"]).codes[0].code == "x"


def test_bad_input_says_what_is_wrong() -> None:
    with pytest.raises(BadInput, match="^The overlap threshold must be above 0 and at most 1"):
        segment_agreement([], "A", "B", threshold=0)
    with pytest.raises(BadInput, match="^Segment agreement compares two different coders"):
        segment_agreement([], "A", "A")
    with pytest.raises(BadInput, match="^Agreement needs at least two different coders"):
        agreement_report([], {1: 5}, ["A", "A"])
    with pytest.raises(BadInput, match="negative length"):
        agreement_report([], {1: -1}, ["A", "B"])
    with pytest.raises(BadInput, match="not compared"):
        agreement_report([Segment(2, "x", "A", 0, 1)], {1: 5}, ["A", "B"])
    with pytest.raises(BadInput, match=r"Coding \[0, 9\) by A lies outside document 1"):
        agreement_report([Segment(1, "x", "A", 0, 9)], {1: 5}, ["A", "B"])
    with pytest.raises(BadInput, match="cannot be negative"):
        character_counts([], [], -1)
    with pytest.raises(BadInput, match="outside its document of 10 characters"):
        character_counts([(0, 11)], [], 10)


def test_character_counts_and_kappa_by_hand() -> None:
    assert character_counts([(0, 4), (2, 6)], [(3, 8)], 10) == CharacterCounts(3, 3, 2, 2)
    assert character_counts([(0, 10)], [(0, 10)], 10) == CharacterCounts(10, 0, 0, 0)
    assert cohen_kappa(10, 0, 0, 0) == 1.0
    assert cohen_kappa(0, 0, 0, 10) == 1.0
    assert cohen_kappa(0, 5, 5, 0) == pytest.approx(kappa_of(0, 5, 5, 0))
    assert cohen_kappa(3, 3, 2, 2) == pytest.approx(kappa_of(3, 3, 2, 2))
    assert cohen_kappa(0, 0, 0, 0) is None
    with pytest.raises(BadInput):
        character_counts([(0, 11)], [], 10)
    with pytest.raises(BadInput):
        character_counts([(-1, 3)], [], 10)
    with pytest.raises(BadInput):
        character_counts([], [], -1)
    assert character_counts([], [], 0) == CharacterCounts(0, 0, 0, 0)
    assert character_counts([(0, 10)], [], 10) == CharacterCounts(0, 10, 0, 0)


def test_alpha_counts_add_up_and_refuse_different_coders() -> None:
    total = AlphaCounts(3, 10, 4, 6) + AlphaCounts(3, 5, 2, 1)
    assert total == AlphaCounts(3, 15, 6, 7)
    with pytest.raises(ValueError, match="^cannot pool alpha counts of different numbers of "
                                          "coders$"):
        AlphaCounts(3, 10, 4, 6) + AlphaCounts(2, 10, 4, 6)
