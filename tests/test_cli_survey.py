"""``fieldkit import FILE --kind survey``: warnings on stderr with exit 0, bad input one line
with exit 2 and nothing stored, auto-detection, --map case=COLUMN and --per-question."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldkit.cli import main
from fieldkit.project import Project
from tests.importers import survey_files as files


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def proj(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", path)[0] == 0
    return path


def _state(proj: str) -> tuple[int, int]:
    with Project.open(proj, readonly=True) as project:
        return len(project.documents()), len(project.cases.all())


def test_a_qualtrics_survey_with_its_warnings(proj: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-p", proj, "import", str(files.qualtrics_csv(tmp_path)),
                         "--kind", "survey")
    assert code == 0, err
    lines = err.splitlines()
    assert any(line.startswith("warning: ") and "R_3prevXY" in line for line in lines)
    assert any(line.startswith("warning: ") and "IPAddress" in line for line in lines)
    assert "Traceback" not in err
    assert "Imported 4 documents." in out
    assert ("Survey Werkbeleving 2024 (qualtrics): 4 respondents as cases, 4 documents (one "
            "per respondent) from 2 open questions, 11 attributes.") in out
    assert _state(proj) == (4, 4)


def test_auto_detects_a_forms_workbook(proj: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-p", proj, "import", str(files.forms_xlsx(tmp_path)),
                         "--json")
    assert code == 0, err
    docs = json.loads(out)
    assert [d["title"] for d in docs] == ["Werkbeleving — 1", "Werkbeleving — 2",
                                         "Werkbeleving — 3"]
    assert "Email, Name" in err


def test_map_case_and_per_question(proj: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "enquete.csv"
    path.write_text("volgnr;code;Wat heeft u geleerd?\n1;W-03;Hoe je de pers veilig start.\n"
                    "2;W-09;Dat vragen stellen mag, ook aan de chef.\n", encoding="utf-8")
    code, out, err = run(capsys, "-p", proj, "import", str(path), "--kind", "survey",
                         "--map", "case=code", "--per-question")
    assert code == 0, err
    with Project.open(proj, readonly=True) as project:
        [doc] = project.documents()
        assert doc.title == "enquete — Wat heeft u geleerd?"
        parts = {c.name: c.parts for c in project.cases.all()}
        text = project.document(doc.id).text
        assert {name: [text[s:e] for _, s, e in p] for name, p in parts.items()} == {
            "W-03": ["Hoe je de pers veilig start."],
            "W-09": ["Dat vragen stellen mag, ook aan de chef."]}


@pytest.mark.parametrize("content,words", [
    ("respondent,opmerking\nR1,Een lang antwoord hier.\nR1,Nog eens hetzelfde nummer.\n",
     "'R1' appears twice"),
    ("respondent,afdeling\nR1,Lasserij\nR2,Montage\nR3,Lasserij\n", "no open-ended question"),
    ("leeftijd,opmerking\n30,Een lang antwoord hier, met woorden.\n", "--map case=COLUMN"),
])
def test_bad_input_is_one_line_exit_2_nothing_stored(
        proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str,
        words: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "-p", proj, "import", str(path), "--kind", "survey")
    assert code == 2
    assert err.count("\n") == 1 and words in err and "bad.csv" in err
    assert _state(proj) == (0, 0)


def test_a_plain_table_without_times_points_at_kind_survey(
        proj: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hand.csv"
    path.write_text("respondent;opmerking\nR1;Een lang antwoord hier, met woorden.\n",
                    encoding="utf-8")
    code, _, err = run(capsys, "-p", proj, "import", str(path))
    assert code == 2 and "--kind survey" in err
    code, _, err = run(capsys, "-p", proj, "import", str(path), "--kind", "survey")
    assert code == 0, err
    assert _state(proj) == (1, 1)


def test_per_question_with_a_non_survey_is_refused(proj: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Een notitie.", encoding="utf-8")
    code, _, err = run(capsys, "-p", proj, "import", str(path), "--per-question")
    assert code == 2 and "--per-question" in err and err.count("\n") == 1


def test_one_respondent_is_said_in_the_singular(proj: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "een.csv"
    path.write_text("respondent;afdeling;opmerking\nR1;Lasserij;Een lang antwoord hier.\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "-p", proj, "import", str(path), "--kind", "survey")
    assert code == 0, err
    assert ("Survey een (table): 1 respondent as cases, 1 document (one per respondent) "
            "from 1 open question, 1 attribute.") in out
