"""``fieldkit memo add --document|--memo|--coding|--code``: the memo is made with its link.

Each link option is read back twice: from ``memo list --json`` and through the facade.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from fieldkit import Project
from fieldkit.cli import main
from tests.analysis.conftest import Hand


def run(capsys: pytest.CaptureFixture[str], hand: Hand, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "-p", str(hand.project.path)])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], hand: Hand) -> dict[str, dict]:  # type: ignore[type-arg]
    code, out, _ = run(capsys, hand, "memo", "list", "--json")
    assert code == 0
    return {m["title"]: m for m in json.loads(out) if m["source"] == "memo"}


@pytest.fixture
def closed(hand: Hand) -> Hand:
    hand.project.close()
    return hand


def test_each_link_option_of_memo_add_is_stored(closed: Hand, capsys) -> None:  # type: ignore[no-untyped-def]
    with Project.open(closed.project.path) as project:
        coding = next(c for c in project.codings() if c.document_id == closed.note
                      and (c.start, c.end) == (0, 8))
        code_a = project.code("A").id
    code, out, _ = run(capsys, closed, "memo", "add", "--title", "Eerst", "--json")
    first = json.loads(out)
    assert code == 0 and first["links"] == []
    made = {}
    for option, ref in (("--document", str(closed.note)), ("--memo", str(first["id"])),
                        ("--coding", str(coding.id)), ("--code", "A")):
        code, out, err = run(capsys, closed, "memo", "add", "--title", f"Memo {option}",
                             option, ref, "--json")
        assert code == 0, err
        made[option] = json.loads(out)
        assert len(made[option]["links"]) == 1  # what add prints already holds the link
    want = {"--document": ("document", closed.note, "Notitie"),
            "--memo": ("memo", first["id"], "Eerst"),
            "--coding": ("coding", coding.id, None),
            "--code": ("code", code_a, "A")}
    memos = listed(capsys, closed)
    for option, (target, target_id, label) in want.items():
        (link,) = memos[f"Memo {option}"]["links"]
        assert (link["target"], link["target_id"]) == (target, target_id), option
        if label is not None:
            assert link["label"] == label
    with Project.open(closed.project.path) as project:  # and through the facade
        for option, (target, target_id, _) in want.items():
            (link,) = project.memos.get(made[option]["id"]).links
            assert (link.target, link.target_id) == (target, target_id), option
        assert [m.title for m in project.memos.linked_to("code", "A")] == ["Memo --code"]
        assert [m.title for m in project.memos.linked_to("coding", coding.id)] == [
            "Memo --coding"]
    # the table counts the link too
    code, out, _ = run(capsys, closed, "memo", "list")
    row = next(line for line in out.splitlines() if "Memo --code" in line)
    assert row.split()[-1] == "1"


@pytest.mark.parametrize("option, ref", [("--code", "Nope"), ("--document", "999"),
                                         ("--coding", "999"), ("--memo", "1")])
def test_memo_add_with_a_link_that_cannot_be_made_changes_nothing(
        closed: Hand, capsys, option: str, ref: str) -> None:  # type: ignore[no-untyped-def]
    # "--memo 1" names the fieldnote, which is not a memo
    before = hashlib.sha256((closed.project.path / "project.sqlite").read_bytes()).hexdigest()
    code, out, err = run(capsys, closed, "memo", "add", "--title", "Los", option, ref)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert listed(capsys, closed) == {}
    after = hashlib.sha256((closed.project.path / "project.sqlite").read_bytes()).hexdigest()
    assert after == before
