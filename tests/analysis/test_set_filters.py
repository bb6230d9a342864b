"""Document sets as filters: on agreement (facade and ``agreement --set``)."""

from __future__ import annotations

import json

import pytest

from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from tests.analysis.conftest import Hand


def test_agreement_over_a_document_set_compares_only_its_documents(hand: Hand) -> None:
    p = hand.project
    p.sets.add("Gesprek", "documents", [hand.talk])
    whole = p.agreement_dict(p.agreement(["Anouk", "Bram"]))
    assert hand.note in {r["document"] for r in whole["documents"]}
    only = p.agreement_dict(p.agreement(["Anouk", "Bram"], document_set="Gesprek"))
    assert {r["document"] for r in only["documents"]} == {hand.talk}
    # the cells compared are the interview's only: fewer than over both documents
    cells = [r["uncoded_cells"] + r["coded_cells"] for r in (only["overall"][0],
                                                            whole["overall"][0])]
    assert cells[0] < cells[1]


def test_agreement_set_must_be_a_document_set(hand: Hand) -> None:
    hand.project.sets.add("AB", "codes", ["A", "B"])
    with pytest.raises(BadInput):
        hand.project.agreement(["Anouk", "Bram"], document_set="AB")


def test_cli_agreement_set(hand: Hand, capsys: pytest.CaptureFixture[str]) -> None:
    hand.project.sets.add("Gesprek", "documents", [hand.talk])
    hand.project.sets.add("AB", "codes", ["A", "B"])
    hand.project.close()
    where = ["-p", str(hand.project.path)]
    assert main(["agreement", "--coders", "Anouk", "Bram", "--set", "Gesprek", "--json",
                 *where]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["document"] for r in data["documents"]} == {hand.talk}
    assert main(["agreement", "--coders", "Anouk", "Bram", "--set", "AB", *where]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert main(["agreement", "--coders", "Anouk", "Bram", "--set", "Nope", *where]) == 2
