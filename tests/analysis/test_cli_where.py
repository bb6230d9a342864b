"""``--where CONDITION`` on the analysis commands and ``sets add --where`` (issue 28): only the
codings whose attribute values satisfy it; a bad condition is one line, exit 2, nothing changed.

The hand-made study's fieldnote is in the Lasserij with 3 years, the transcript in Montage with
8 (conftest: the note holds A B C D E and Bram's B; the transcript A and B).
"""

from __future__ import annotations

import json

import pytest

from tests.analysis.conftest import Hand
from tests.analysis.test_cli import digest, run


@pytest.fixture
def marked(hand: Hand) -> Hand:
    store = hand.project._store
    with store.change("values"):
        store.update_document(hand.note, {"attributes": {"afdeling": "Lasserij", "jaren": 3}})
        store.update_document(hand.talk, {"attributes": {"afdeling": "Montage", "jaren": 8}})
    hand.project.close()
    return hand


def test_matrix_relations_segments_and_codings_take_a_condition(marked: Hand, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, marked, "matrix", "--columns", "site", "--codes", "A", "B",
                       "--where", "afdeling = Lasserij and jaren < 5", "--json")
    found = json.loads(out)
    assert code == 0 and found["columns"] == ["Oost", "West"]
    assert found["values"] == [[1, 0], [2, 0]]
    code, out, _ = run(capsys, marked, "relations", "--codes", "A", "B", "--where",
                       "jaren >= 5", "--json")
    assert code == 0 and json.loads(out)["counts"] == [[1, 0], [0, 1]]
    code, out, _ = run(capsys, marked, "segments", "A", "--where", "afdeling = montage",
                       "--json")
    assert code == 0 and [s["document_id"] for s in json.loads(out)] == [marked.talk]
    code, out, _ = run(capsys, marked, "codings", "--where", "afdeling != Montage", "--json")
    assert code == 0 and len(json.loads(out)) == 6
    assert {c["document_id"] for c in json.loads(out)} == {marked.note}


def test_a_set_from_a_condition(marked: Hand, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, marked, "sets", "add", "Ervaren", "--where", "jaren > 5",
                       "--json")
    assert code == 0 and json.loads(out)["members"] == [marked.talk]
    code, out, _ = run(capsys, marked, "matrix", "--columns", "document", "--set", "Ervaren",
                       "--json")
    assert code == 0 and json.loads(out)["keys"] == [marked.talk]


@pytest.mark.parametrize("argv", [
    ("matrix", "--columns", "site", "--where", "onbekend = 1"),
    ("relations", "--where", "jaren < veel"),
    ("segments", "A", "--where", "(jaren < 5"),
    ("codings", "--where", "afdeling ="),
    ("sets", "add", "Leeg", "--where", "jaren > 100"),
    ("sets", "add", "Leeg", "--where", "onbekend = 1"),
])
def test_a_bad_condition_is_one_line_exit_2_and_changes_nothing(marked: Hand, capsys,  # type: ignore[no-untyped-def]
                                                                argv: tuple[str, ...]) -> None:
    before = digest(marked)
    code, out, err = run(capsys, marked, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert digest(marked) == before
