"""``fieldkit network …``: building, showing and exporting a network from the command line;
bad input is one line on stderr, exit code 2, and the project unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.cli import main
from fieldkit.project import Project
from tests.networks.test_model import dump


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "Studie.fieldkit"
    with Project.create(path, language="nl") as p:
        p.set_coder("Anouk")
        doc = p.add_note(site="Metaal", title="Bezoek één", text="Jan laat zien 👍\r\nDruk.")
        peer = p.add_code("Leren/Collega helpt")
        p.add_code("Tijdsdruk")
        p.code_text(doc.id, 0, 3, peer.id)
        p.memos.add("Idee", "Over druk")
    monkeypatch.setenv("FIELDKIT_PROJECT", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit:  # argparse's usage errors
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_network_built_shown_and_exported_from_the_command_line(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(study, readonly=True) as p:
        coding = p.codings()[0].uuid
        memo = p.memos.all()[0].id
    assert run(capsys, "network", "add", "Theorie")[0] == 0
    code, out, _ = run(capsys, "network", "link", "Theorie", "code:Leren/Collega helpt",
                       "is cause of", "code:Tijdsdruk", "--json")
    assert code == 0 and json.loads(out)["kind"] == "code"
    assert run(capsys, "network", "link", "Theorie", f"memo:{memo}", "contradicts",
               f"segment:{coding}")[0] == 0
    assert run(capsys, "network", "node", "Theorie", "note:Vraag aan Ilse 🙂", "--x", "-50",
               "--y", "80")[0] == 0
    code, out, _ = run(capsys, "network", "show", "Theorie", "--json")
    shown = json.loads(out)
    assert [n["kind"] for n in shown["nodes"]] == ["code", "code", "memo", "coding", "note"]
    assert shown["nodes"][-1]["label"] == "Vraag aan Ilse 🙂"
    assert (shown["nodes"][-1]["x"], shown["nodes"][-1]["y"]) == (-50, 80)
    assert sorted(x["relation"] for x in shown["links"]) == ["contradicts", "is cause of"]
    code, out, _ = run(capsys, "network", "list", "--json")
    assert [(n["name"], n["nodes"]) for n in json.loads(out)] == [("Theorie", 5)]
    code, out, _ = run(capsys, "network", "relations", "--json")
    assert len(json.loads(out)) == 6
    assert run(capsys, "network", "relations", "add", "remt af", "--colour", "#aa0000",
               "--line-style", "dotted")[0] == 0
    assert run(capsys, "network", "relations", "change", "remt af", "--symmetric", "yes")[0] == 0
    with Project.open(study, readonly=True) as p:
        added = p.networks.relation("remt af")
        assert (added.colour, added.line_style, added.symmetric, added.direction) == \
            ("#aa0000", "dotted", True, "Associative")
    assert run(capsys, "network", "layout", "Theorie", "--method", "layered")[0] == 0
    svg, png = tmp_path / "theorie.svg", tmp_path / "theorie.png"
    assert run(capsys, "network", "export", "Theorie", str(svg))[0] == 0
    assert run(capsys, "network", "export", "Theorie", str(png))[0] == 0
    text = svg.read_text(encoding="utf-8")
    assert "Collega helpt {1}" in text and "Vraag aan Ilse 🙂" in text and "contradicts" in text
    assert Image.open(png).size[0] > 100
    code, out, _ = run(capsys, "network", "unlink", "Theorie", "code:Leren/Collega helpt",
                       "is cause of", "code:Tijdsdruk")
    assert code == 0 and "every network" in out
    uuid = next(x["uuid"] for x in shown["links"] if x["relation"] == "contradicts")
    assert run(capsys, "network", "unlink", "Theorie", uuid)[0] == 0
    with Project.open(study, readonly=True) as p:
        assert p.networks.show("Theorie").links == []


@pytest.mark.parametrize("argv", [
    ["network", "link", "Theorie", "code:Bestaat/Niet", "is a", "code:Tijdsdruk"],
    ["network", "link", "Theorie", "kode:Tijdsdruk", "is a", "code:Tijdsdruk"],
    ["network", "link", "Theorie", "Tijdsdruk", "is a", "note:x"],
    ["network", "link", "Theorie", "code:Tijdsdruk", "veroorzaakt", "note:x"],
    ["network", "link", "Theorie", "memo:99", "is a", "code:Tijdsdruk"],
    ["network", "link", "Theorie", "segment:99", "is a", "code:Tijdsdruk"],
    ["network", "link", "Theorie", "doc:99", "is a", "code:Tijdsdruk"],
    ["network", "link", "Bestaat niet", "code:Tijdsdruk", "is a", "note:x"],
    ["network", "node", "Theorie", "plaatje:1"],
    ["network", "node", "Theorie", "note:x", "--x", "3"],
    ["network", "unlink", "Theorie", "code:Tijdsdruk", "is a", "note:x"],
    ["network", "unlink", "Theorie", "00000000-0000-0000-0000-000000000000"],
    ["network", "unlink", "Theorie", "a", "b"],
    ["network", "remove", "Theorie", "code:Leren/Collega helpt"],
    ["network", "add", "theorie"],
    ["network", "rename", "Theorie", " "],
    ["network", "export", "Theorie", "uit.pdf"],
    ["network", "export", "Theorie", "geen/map/uit.svg"],
    ["network", "layout", "Theorie", "--method", "circle"],
    ["network", "relations", "add", "Is Cause Of"],
    ["network", "relations", "add", "x", "--direction", "Sideways"],
    ["network", "relations", "change", "is a", "--colour", "rood"],
    ["network", "relations", "change", "is a"],
    ["network", "relations", "delete", "is cause of"],  # in use
    ["network", "neighbours", "Theorie", "code:Tijdsdruk", "--kinds", "photos"],
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
        study: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "network", "add", "Theorie")[0] == 0
    assert run(capsys, "network", "link", "Theorie", "code:Tijdsdruk", "is cause of",
               "note:Een notitie")[0] == 0
    with Project.open(study, readonly=True) as p:
        before = dump(p), p.undo_label()
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert err.count("\n") == 1 and err.startswith("fieldkit: ") and "Traceback" not in err
    with Project.open(study, readonly=True) as p:
        assert (dump(p), p.undo_label()) == before
    assert not list(tmp_path.glob("uit.*"))
