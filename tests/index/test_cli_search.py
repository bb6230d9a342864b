"""``fieldkit search``, ``reindex``, ``saved-search`` and ``code-hits`` on the command line."""

from __future__ import annotations

import json

import pytest

from fieldkit import Project
from fieldkit.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_and_text(study: Project, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(study.path)
    study.close()
    code, out, _ = run(capsys, "search", "kantbank", "-p", path, "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 2 and data["note"] is None
    hit = data["hits"][0]
    assert {"document_id", "start", "end", "snippet", "score", "field", "speaker"} <= set(hit)
    code, out, err = run(capsys, "-p", path, "search", '"kantbank')
    assert code == 0 and "2 hit(s)" in out and "plain words" in err and "«kantbank»" in out


def test_reindex_code_hits_and_saved_searches(study: Project,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    study.add_code("Leren/Collega")
    path = str(study.path)
    study.close()
    assert run(capsys, "-p", path, "reindex")[1].startswith("Indexed 5 texts")
    code, out, _ = run(capsys, "-p", path, "code-hits", "collega", "Leren/Collega", "--json")
    assert code == 0 and json.loads(out)["codings"] == 2
    assert run(capsys, "-p", path, "saved-search", "save", "Hulp", "collega")[0] == 0
    code, out, _ = run(capsys, "-p", path, "saved-search", "list", "--json")
    assert json.loads(out) == [{"id": 1, "name": "Hulp", "query": "collega"}]
    code, out, _ = run(capsys, "-p", path, "saved-search", "run", "hulp", "--json")
    assert json.loads(out)["total"] == 3  # two texts and the code
    assert run(capsys, "-p", path, "saved-search", "delete", "Hulp")[0] == 0
    with Project.open(path, readonly=True) as p:
        assert p.index.saved_searches() == [] and len(p.codings()) == 2


def test_bad_input_is_one_line_and_exit_2(study: Project,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = str(study.path)
    study.close()
    for argv in (["search", "x", "--limit", "0"], ["code-hits", "collega", "Geen/Code"],
                 ["saved-search", "run", "Nergens"], ["saved-search", "delete", "Nergens"],
                 ["saved-search", "save", " ", "x"]):
        code, out, err = run(capsys, "-p", path, *argv)
        assert code == 2 and err.startswith("fieldkit: ") and err.count("\n") == 1, argv
    with Project.open(path, readonly=True) as p:
        assert p.codings() == [] and p.index.saved_searches() == []


def test_regex_and_fuzzy_on_the_command_line(study: Project,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = str(study.path)
    study.close()
    code, out, _ = run(capsys, "-p", path, "search", "/kant\\w+/ site:dijk", "--json")
    assert code == 0 and json.loads(out)["total"] == 1
    code, out, _ = run(capsys, "-p", path, "search", "kantbnak~")
    assert code == 0 and "2 hit(s)" in out and "«kantbank»" in out
    for bad in ("/kant(/", "/[a/ site:dijk"):
        code, out, err = run(capsys, "-p", path, "search", bad)
        assert code == 2 and out == "" and err.count("\n") == 1, bad
        assert "not a valid regular expression" in err and "Traceback" not in err
