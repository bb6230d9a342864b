"""Document sets as filters on agreement (facade and ``agreement --set``); a coding query's
segments to Word (``segments EXPR --docx``)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from tests.analysis.conftest import Hand


def test_agreement_over_a_document_set_compares_only_its_documents(hand: Hand) -> None:
    p = hand.project
    p.sets.add("Gesprek", "documents", [hand.talk])
    whole = p.agreement.as_dict(p.agreement.report(["Anouk", "Bram"]))
    assert hand.note in {r["document"] for r in whole["documents"]}
    only = p.agreement.as_dict(p.agreement.report(["Anouk", "Bram"], document_set="Gesprek"))
    assert {r["document"] for r in only["documents"]} == {hand.talk}
    # the cells compared are the interview's only: fewer than over both documents
    cells = [r["uncoded_cells"] + r["coded_cells"] for r in (only["overall"][0],
                                                            whole["overall"][0])]
    assert cells[0] < cells[1]


def test_agreement_set_must_be_a_document_set(hand: Hand) -> None:
    hand.project.sets.add("AB", "codes", ["A", "B"])
    with pytest.raises(BadInput):
        hand.project.agreement.report(["Anouk", "Bram"], document_set="AB")


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


def test_cli_segments_to_word_quotes_each_region_with_its_citation(
        hand: Hand, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    hand.project.close()
    out = tmp_path / "a-zonder-b.docx"
    assert main(["segments", "A NOT B", "--docx", str(out), "-p", str(hand.project.path)]) == 0
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Coding query: A NOT B" in texts
    assert " bb " in texts and "hoe leer" in texts  # the regions of A outside B
    assert texts.index("Notitie") < texts.index(" bb ") < texts.index("Gesprek")
    assert any(t.startswith("Interviewer · ¶ 1") for t in texts)  # speaker and paragraph
    capsys.readouterr()
    for bad in (tmp_path / "x.txt", tmp_path / "nowhere" / "x.docx"):
        assert main(["segments", "A", "--docx", str(bad), "-p", str(hand.project.path)]) == 2
        assert not bad.exists()
    assert len(capsys.readouterr().err.strip().splitlines()) == 2
