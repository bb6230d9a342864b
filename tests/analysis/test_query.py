"""Coding queries worked by hand (see conftest for the layout)."""

from __future__ import annotations

import pytest

from fieldkit.core.errors import BadInput, NotFound
from tests.analysis.conftest import NOTE, Hand


def spans(hand: Hand, expression: str, **kw: object) -> list[tuple[int, int]]:
    found = hand.project.analysis.segments(expression, **kw)  # type: ignore[arg-type]
    return [(s.start, s.end) for s in found if s.document_id == hand.note]


@pytest.mark.parametrize("expression,expected", [
    ("A AND B", [(0, 2), (6, 8)]),        # Bram's B inside A, Anouk's B overlapping its end
    ("A OR B", [(0, 14)]),
    ("A NOT B", [(2, 6)]),
    ("A AND NOT B", [(2, 6)]),
    ("A AND C", []),                       # touching is not overlapping
    ("A NOT D", [(0, 1), (5, 8)]),         # nested
    ("D AND A", [(1, 5)]),
    ("A NEAR/11 E", [(0, 8), (42, 47)]),   # 11 words between: at the boundary
    ("A NEAR/10 E", []),
    ("A NEAR/0 C", [(0, 14)]),
    ("A FOLLOWED BY E", [(0, 8), (42, 47)]),
    ("E FOLLOWED BY A", []),
    ("A FOLLOWED BY/TURN E", []),          # different paragraphs
    ("A FOLLOWED BY/TURN C", [(0, 14)]),
    ("A OR B AND C", [(0, 14)]),           # AND binds tighter than OR
    ("(A OR D) NOT (B OR C)", [(2, 6)]),
    ('"A" and b', [(0, 2), (6, 8)]),       # keywords in any case, codes quoted or bare
])
def test_operators(hand: Hand, expression: str, expected: list[tuple[int, int]]) -> None:
    assert spans(hand, expression) == expected


def test_segments_carry_their_text_and_document(hand: Hand) -> None:
    found = hand.project.analysis.segments("A NOT B")
    note = [s for s in found if s.document_id == hand.note]
    assert note[0].text == NOTE[2:6] and note[0].document == "Notitie"


def test_one_coder(hand: Hand) -> None:
    assert spans(hand, "A AND B", coder="Anouk") == [(6, 8)]


def test_full_text_narrows_to_segments_holding_a_hit(hand: Hand) -> None:
    found = hand.project.analysis.segments("A OR E", text="pp")
    assert [(s.start, s.end) for s in found] == [(42, 47)]


def test_saved_queries_are_kept_and_replaced(hand: Hand) -> None:
    hand.project.analysis.save_query("Overlap", "A AND B")
    hand.project.analysis.save_query("overlap", "A OR B")
    assert [(q.name, q.expression) for q in hand.project.analysis.saved_queries()] == [
        ("Overlap", "A OR B")]
    hand.project.analysis.delete_query("Overlap")
    assert hand.project.analysis.saved_queries() == []


@pytest.mark.parametrize("expression,error", [
    ("A AND Nope", NotFound), ("A NEAR/-1 B", BadInput), ("A NEAR/x B", BadInput),
    ("(A OR B", BadInput), ("", BadInput), ("NOT A", BadInput), ('"A AND B', BadInput),
    ("A B", BadInput), ("A FOLLOWED B", BadInput), ("A AND", BadInput),
])
def test_bad_queries_raise_one_clear_error_and_change_nothing(
        hand: Hand, expression: str, error: type[Exception]) -> None:
    before = hand.project.undo_label()
    with pytest.raises(error) as raised:
        hand.project.analysis.segments(expression)
    assert "\n" not in str(raised.value)
    with pytest.raises(error):
        hand.project.analysis.save_query("x", expression)
    assert hand.project.undo_label() == before and hand.project.analysis.saved_queries() == []


@pytest.mark.parametrize("query,found", [
    ('cc code:"A AND B"', [(6, 8)]),         # "cc" lies where A and B overlap
    ('bb code:"A AND B"', []),
    ('bb code:"A NOT B"', [(3, 5)]),
    ('pp code:"A NEAR/11 E"', [(45, 47)]),
    ('pp code:"A NEAR/10 E"', []),
    ('cc code:"(A OR D) AND B" coder:anouk', [(6, 8)]),
    ('aa code:"A AND B" coder:anouk', []),   # Bram's B is left out
    ('aa code:"A AND B" code:E', [(0, 2)]),  # either filter
])
def test_the_search_box_code_filter_takes_the_query_operators(
        hand: Hand, query: str, found: list[tuple[int, int]]) -> None:
    hits = hand.project.search(query).hits
    assert [(h.start, h.end) for h in hits if h.document_id == hand.note] == found


def test_an_unknown_code_in_the_search_box_explains_instead_of_failing(hand: Hand) -> None:
    result = hand.project.search('cc code:"A AND Nope"')
    assert result.hits == [] and "Nope" in (result.note or "")
