"""The team subcommands: output shapes and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.project import Project

from .conftest import Study, counts


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def coded(study: Study) -> Study:
    with Project.open(study.base) as project:
        project.code_text(study.note, 0, 100, "Learning/Peer help", coder="Anna")
        project.code_text(study.note, 50, 200, "Learning/Peer help", coder="Bram")
        project.code_text(study.note, 0, 20, "Autonomy", coder="Cato")
    return study


def test_agreement_json_shape(coded: Study, capsys: pytest.CaptureFixture[str],
                              tmp_path: Path) -> None:
    code, out, err = run(capsys, "agreement", "-p", str(coded.base), "--coders", "Anna", "Bram",
                         "--code", "Learning/Peer help", "--json", "--xlsx",
                         str(tmp_path / "agree.xlsx"))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"coders", "threshold", "documents", "codes", "overall", "segments"}
    assert data["coders"] == ["Anna", "Bram"] and data["threshold"] == 0.9
    [cell] = data["documents"]
    assert cell["code_path"] == "Learning/Peer help" and cell["document_title"] == "Zagerij"
    assert (cell["a"], cell["b"], cell["c"]) == (50, 50, 100)
    assert {"percent", "kappa", "alpha", "kappa_mean", "kappa_weighted"} <= set(cell)
    [segments] = data["segments"]
    assert segments["rows"][0]["code_path"] == "Learning/Peer help"
    assert (tmp_path / "agree.xlsx").exists()


def test_agreement_table_and_threshold_as_percentage(coded: Study,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-p", str(coded.base), "agreement", "--coders", "Anna", "Bram",
                       "Cato", "--threshold", "20%")
    assert code == 0
    assert "Learning/Peer help" in out and "overlap ≥ 20%" in out
    assert "Anna / Cato" in out


@pytest.mark.parametrize("argv, message", [
    (["--coders", "Anna"], "at least two different coders"),
    (["--coders", "Anna", "Zed"], "no coder 'Zed'"),
    (["--coders", "Anna", "Bram", "--code", "Nope"], "Nope"),
    (["--coders", "Anna", "Bram", "--threshold", "0"], "threshold"),
])
def test_agreement_bad_input(coded: Study, capsys: pytest.CaptureFixture[str],
                             argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "agreement", "-p", str(coded.base), *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_agreement_on_a_non_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "agreement", "-p", str(tmp_path), "--coders", "A", "B")
    assert code == 2 and err.count("\n") == 1


def test_coders_list(coded: Study, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coders", "-p", str(coded.base), "--json")
    assert code == 0
    assert [(c["name"], c["codings"]) for c in json.loads(out)] == [
        ("Anna", 1), ("Bram", 1), ("Cato", 1)]


def test_merge_and_merge_codes(study: Study, capsys: pytest.CaptureFixture[str]) -> None:
    theirs = study.copy("bram")
    with Project.open(theirs) as project:
        project.code_text(study.note, 0, 10, "Autonomy", coder="Bram")
    code, out, _ = run(capsys, "merge", str(theirs), "-p", str(study.base), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["codings"] == 1 and data["coders"] == 1 and data["changed"] is True
    assert data["conflicts"] == [] and data["backup"].endswith("before-merge.sqlite")
    code, out, _ = run(capsys, "merge", str(theirs), "-p", str(study.base))
    assert code == 0 and "nothing new" in out
    code, out, _ = run(capsys, "merge-codes", "Autonomy", "Learning/Peer help", "-p",
                       str(study.base), "--json")
    assert code == 0 and json.loads(out) == {"source": "Autonomy",
                                             "target": "Learning/Peer help", "moved": 1}


def test_merge_bad_input_changes_nothing(study: Study, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(study.base)
    for other in (str(tmp_path / "missing"), str(tmp_path), str(study.base)):
        code, _, err = run(capsys, "merge", other, "-p", str(study.base))
        assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, "merge-codes", "Autonomy", "Autonomy", "-p", str(study.base))
    assert code == 2 and err.count("\n") == 1
    assert counts(study.base) == before


def test_blind_export(coded: Study, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "blind", "Anna", str(tmp_path / "anna.xlsx"), "-p",
                       str(coded.base))
    assert code == 0 and (tmp_path / "anna.xlsx").exists()
    code, _, err = run(capsys, "blind", "Zed", str(tmp_path / "zed.xlsx"), "-p",
                       str(coded.base))
    assert code == 2 and err.count("\n") == 1


def test_agreement_text_shows_nvivo_and_pooled_figures_by_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "figures.fieldkit"
    with Project.create(path) as project:
        project.add_note(site="Metaal BV", title="Lang", text="a" * 1000)
        project.add_note(site="Metaal BV", title="Leeg", text="b" * 500)  # nobody codes it
        project.add_code("Peer help")
        project.add_code("Autonomy")
        project.code_text(1, 0, 100, "Peer help", coder="Anna")
        project.code_text(1, 50, 200, "Peer help", coder="Bram")
        for coder in ("Anna", "Bram"):
            project.code_text(1, 300, 400, "Autonomy", coder=coder)
    code, out, _ = run(capsys, "-p", str(path), "agreement", "--coders", "Anna", "Bram")
    assert code == 0
    lines = {line.split("  ")[0]: line.split() for line in out.splitlines()}
    # NVivo: κ per code × document weighted by length. Peer help in "Lang": a 50, b 50, c 100,
    # d 800 → 70/220; "Leeg" (nobody coded) κ 1: (1000·70/220 + 500) / 1500 = 0.545.
    # Pooled over both documents: a 50, b 50, c 100, d 1300 → 80/230 = 0.348, 90.0 %.
    assert lines["Peer help"][-5:] == ["Bram", "0.545", "0.348", "90.0", "0.346"]
    assert lines["Autonomy"][-5:] == ["Bram", "1.000", "1.000", "100.0", "1.000"]
    # All codes: NVivo (1000·70/220 + 500 + 1000 + 500) / 3000 = 0.773; pooled a 150, b 50,
    # c 100, d 2700 → 0.640 at 95.0 %; alpha 1 − 5999·150 / (5550·450) = 0.640.
    assert lines["(all codes)"][-5:] == ["Bram", "0.773", "0.640", "95.0", "0.640"]
    assert ("Anna / Bram: 2 of 4 code × document cells nobody coded; each counts as κ = 1 in "
            "NVivo's average and raises it. Over the 2 coded cells only: 0.659.") in out
    # MAXQDA: the Autonomy pair agrees (counted once), the Peer help segments do not (50/200):
    # a 1, b 1, c 1 → 33.3 %, Brennan–Prediger (1/3 − 1/2) / (1/2) with k = 2.
    assert lines["Anna / Bram"][-6:] == ["Bram", "1", "1", "1", "33.3", "-0.333"]
    assert "NVivo κ" in out and "pooled κ" in out and "counts once" in out
