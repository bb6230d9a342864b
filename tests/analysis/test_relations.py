"""Code relations counted by hand for every mode (see conftest for the layout)."""

from __future__ import annotations

import itertools

import pytest

from fieldkit.core.errors import BadInput
from tests.analysis.conftest import Hand

CODES = list("ABCDE")


def cells(hand: Hand, **kw: object) -> dict[str, int]:
    found = hand.project.analysis.relations(CODES, **kw)  # type: ignore[arg-type]
    return {a + b: found.counts[i][j] for (i, a), (j, b)
            in itertools.product(enumerate(CODES), repeat=2) if i <= j}


def test_overlap_counts_pairs_not_touching_with_nested_and_other_coders(hand: Hand) -> None:
    got = cells(hand, mode="overlap")
    # A meets B twice (Anouk's B overlaps, Bram's B lies inside), D nests in A, C only touches A.
    assert got == {"AA": 2, "AB": 2, "AC": 0, "AD": 1, "AE": 0,
                   "BB": 3, "BC": 1, "BD": 1, "BE": 0,
                   "CC": 1, "CD": 0, "CE": 0, "DD": 1, "DE": 0, "EE": 1}


def test_one_coder_leaves_the_others_codings_out(hand: Hand) -> None:
    got = cells(hand, mode="overlap", coder="Anouk")
    assert (got["AB"], got["BD"], got["BB"]) == (1, 0, 2)


def test_c_coefficient_on_the_overlap_counts(hand: Hand) -> None:
    found = hand.project.analysis.relations(["A", "D", "B", "C"], mode="overlap")
    assert found.coefficient == "c-coefficient"
    assert found.coefficients[0][1] == pytest.approx(1 / (2 + 1 - 1), abs=1e-4)  # A–D
    assert found.coefficients[2][3] == pytest.approx(1 / (3 + 1 - 1), abs=1e-4)  # B–C


def test_near_zero_counts_touching_and_the_word_boundary(hand: Hand) -> None:
    zero = cells(hand, mode="near", distance=0)
    assert zero["AC"] == 1 and zero["CD"] == 0  # touching is zero words apart
    assert cells(hand, mode="near", distance=10)["AE"] == 0
    assert cells(hand, mode="near", distance=11)["AE"] == 1  # dd … nn: exactly 11 words


def test_turn_mode_counts_paragraphs_and_speaker_turns(hand: Hand) -> None:
    got = cells(hand, mode="turn")
    # Line 1 holds A, B, C, D; line 2 only E; in the transcript A and B are in different turns.
    assert (got["AB"], got["AC"], got["CD"], got["AE"]) == (1, 1, 1, 0)
    assert (got["AA"], got["BB"]) == (2, 2)
    found = hand.project.analysis.relations(["A", "B"], mode="turn")
    assert found.coefficient == "Jaccard"
    assert found.coefficients[0][1] == pytest.approx(1 / 3, abs=1e-4)


def test_document_mode_counts_documents(hand: Hand) -> None:
    got = cells(hand, mode="document")
    assert (got["AB"], got["AE"], got["AA"], got["EE"]) == (2, 1, 2, 1)


def test_site_and_document_set_narrow_the_count(hand: Hand) -> None:
    assert cells(hand, mode="document", site="West")["AB"] == 1
    hand.project.sets.add("Gesprekken", "documents", [hand.talk])
    assert cells(hand, mode="document", document_set="Gesprekken")["AB"] == 1
    assert cells(hand, mode="document", document_set="Gesprekken")["AE"] == 0


def test_a_cell_drills_down_to_its_segment_pairs(hand: Hand) -> None:
    pairs = hand.project.analysis.relation_pairs("A", "B", mode="overlap")
    assert [(a.text, b.text, b.coder) for a, b in pairs] == [
        ("aa bb cc", "aa", "Bram"), ("aa bb cc", "cc dd ee", "Anouk")]
    assert hand.project.analysis.relation_pairs("A", "C", mode="overlap") == []
    assert len(hand.project.analysis.relation_pairs("A", "C", mode="near", distance=0)) == 1


def test_results_follow_new_codings_and_undo(hand: Hand) -> None:
    before = cells(hand)["AE"]
    hand.project.code_text(hand.note, 3, 45, "E")
    assert cells(hand)["AE"] == before + 1
    hand.project.undo()
    assert cells(hand)["AE"] == before


@pytest.mark.parametrize("kw", [{"mode": "near", "distance": -1}, {"mode": "near"},
                                {"mode": "sentence"}])
def test_bad_modes_are_refused(hand: Hand, kw: dict[str, object]) -> None:
    with pytest.raises(BadInput):
        hand.project.analysis.relations(CODES, **kw)  # type: ignore[arg-type]


def test_the_kept_arrays_follow_coding_uncoding_undo_and_redo(hand: Hand) -> None:
    from fieldkit.analysis.table import CodingTable

    p = hand.project

    def rows(table: CodingTable) -> list[tuple[int, ...]]:
        return sorted(zip(table.id.tolist(), table.document.tolist(), table.code.tolist(),
                          table.coder.tolist(), table.start.tolist(), table.end.tolist(),
                          strict=True))

    kept = p.analysis.table()
    made = p.code_text(hand.note, 30, 41, "C")
    assert p.analysis.table() is not kept  # patched, not read again
    steps = [lambda: p.uncode(made.id), p.undo, p.undo, p.redo,
             lambda: p.recode(made.id, "D"), lambda: p.memos.set_coding_memo(made.id, "m"),
             lambda: p.edit_text(hand.note, "x " + p.document(hand.note).text)]
    for step in steps:
        step()
        assert rows(p.analysis.table()) == rows(CodingTable.load(p._store))
    assert cells(hand)["CD"] == 0 and cells(hand, mode="near", distance=0)["AC"] == 1
