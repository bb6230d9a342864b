"""``fieldkit train``, ``suggest`` and ``similar`` on the command line."""

from __future__ import annotations

import json

import pytest

from fieldkit.cli import main
from fieldkit.project import Project

from .conftest import make_project

TEXT = ("De kantbank valt stil en Kees zoekt de storing. Koffie uit de automaat in de kantine. "
        "The lasrobot breaks down and Joke looks for the fault.")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def proj(tmp_path) -> tuple[str, int]:
    path = tmp_path / "C.fieldkit"
    with make_project(path) as project:
        doc = project.add_note(site="S", title="Nieuw", text=TEXT)
    return str(path), doc.id


def test_train_suggest_similar(proj: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    path, doc = proj
    code, out, err = run(capsys, "-p", path, "suggest", str(doc))
    assert code == 2 and "train one first" in err and "Traceback" not in err
    code, out, _ = run(capsys, "train", "-p", path, "--json")
    assert code == 0 and json.loads(out)["coders"] == ["Anouk"]
    code, out, _ = run(capsys, "train", "-p", path, "--coder", "Anouk")
    assert code == 0 and "Learned 3 codes from" in out

    code, out, _ = run(capsys, "suggest", str(doc), "-p", path, "--json")
    found = json.loads(out)
    assert code == 0
    assert [(s["quote"], s["code"]) for s in found] == [
        ("De kantbank valt stil en Kees zoekt de storing.", "Triggers/Breakdown"),
        ("The lasrobot breaks down and Joke looks for the fault.", "Triggers/Breakdown")]
    assert all(len(s["reasons"]) == 3 and s["start"] < s["end"] for s in found)
    code, out, _ = run(capsys, "suggest", str(doc), "-p", path)
    assert code == 0 and "Triggers/Breakdown" in out

    code, out, _ = run(capsys, "suggest", str(doc), "-p", path, "--accept", "--json")
    assert code == 0 and len(json.loads(out)["accepted"]) == 2
    with Project.open(path) as project:
        codings = project.codings(doc=doc)
        assert {project.coder_name(c.coder_id) for c in codings} == {"Anouk (assisted)"}
        source = codings[0].id
    code, out, _ = run(capsys, "similar", str(source), "-p", path, "--json", "--limit", "3")
    assert code == 0 and 1 <= len(json.loads(out)) <= 3
    code, out, _ = run(capsys, "similar", str(source), "-p", path)
    assert code == 0 and "sim" in out


def test_bad_input_exits_2_with_one_line(proj: tuple[str, int],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, doc = proj
    assert run(capsys, "train", "-p", path)[0] == 0
    for argv, message in (
        (("suggest", str(doc), "--threshold", "2"), "between 0 and 1"),
        (("suggest", "999"), "no document '999'"),
        (("similar", "999"), "no coding '999'"),
        (("similar", "1", "--limit", "0"), "at least 1"),
        (("train", "--coder", "Nobody"), "no coder 'Nobody'"),
    ):
        code, out, err = run(capsys, "-p", path, *argv)
        assert code == 2, argv
        assert message in err and len(err.strip().splitlines()) == 1
    with Project.open(path) as project:
        assert project.codings(doc=doc) == []


def test_suggest_all(proj: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    path, doc = proj
    assert run(capsys, "train", "-p", path)[0] == 0
    code, out, _ = run(capsys, "suggest", "--all", "-p", path, "--json")
    found = json.loads(out)
    assert code == 0 and found
    assert [s["confidence"] for s in found] == sorted((s["confidence"] for s in found),
                                                     reverse=True)
    assert {(s["document_id"], s["quote"]) for s in found} >= {
        (doc, "De kantbank valt stil en Kees zoekt de storing."),
        (doc, "The lasrobot breaks down and Joke looks for the fault.")}
    code, out, _ = run(capsys, "suggest", "--all", "-p", path, "--json", "--limit", "1",
                       "--threshold", "0.2")
    assert code == 0 and len(json.loads(out)) == 1
    code, out, _ = run(capsys, "suggest", "--all", "-p", path)
    assert code == 0 and out.splitlines()[0].split()[:2] == ["doc", "start"]
    code, out, _ = run(capsys, "suggest", "--all", "-p", path, "--accept")
    assert code == 0 and f"Accepted {len(found)} suggestions" in out
    code, out, _ = run(capsys, "suggest", "--all", "-p", path)
    assert code == 0 and "No suggestions for uncoded text." in out
    with Project.open(path) as project:
        assert len(project.codings(coder="Anouk (assisted)")) == len(found)


def test_suggest_needs_one_of_doc_or_all(proj: tuple[str, int],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, doc = proj
    assert run(capsys, "train", "-p", path)[0] == 0
    for argv, message in (
        (("suggest",), "either a document or --all"),
        (("suggest", str(doc), "--all"), "either a document or --all"),
        (("suggest", str(doc), "--limit", "3"), "--limit goes with --all"),
        (("suggest", "--all", "--limit", "0"), "at least 1"),
        (("suggest", "--all", "--threshold", "-1"), "between 0 and 1"),
    ):
        code, out, err = run(capsys, "-p", path, *argv)
        assert code == 2, argv
        assert message in err and len(err.strip().splitlines()) == 1 and out == ""
    with Project.open(path) as project:
        assert project.codings(doc=doc) == []
