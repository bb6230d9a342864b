"""``fieldkit cases …`` and ``fieldkit attributes …``: JSON outputs, tables in (CSV in cp1252
with ";", xlsx) and out, and bad input: one line, exit code 2, the project unchanged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from fieldkit.cli import main
from fieldkit.core.model import ImportedDocument, Turn
from fieldkit.project import Project

TEXT = "Interviewer: Hoe leer je dat? 😀\nRenée: Kijken bij Piet.\nInterviewer: En?\n"


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "Studie.fieldkit"
    with Project.create(path, language="nl") as p:
        p.set_coder("Anouk")
        p.add_note(site="Metaal", title="Bezoek 1", text="Jan laat zien 👍")
        p.add_note(site="Metaal", title="Bezoek 2", text="Ilse legt uit")
        turns, at = [], 0
        for line in TEXT.split("\n")[:-1]:
            turns.append(Turn(at, at + len(line), line.split(":")[0]))
            at += len(line) + 1
        p.imports.document(ImportedDocument("transcript", "Interview Renée", TEXT,
                                            turns=turns), site="Metaal")
        p._store.add_participant("P01", attributes={"jaren": "4"})
        p.cases.add("Jan", documents=[1])
        p.cases.add("Renée", speaker="Renée")
        p.attributes.define("jaren", "number")
        p.attributes.define("afdeling", "choice", ["Lasserij", "Montage"])
        p.attributes.set("case:Jan", "jaren", "3")
    return path


def run(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["-p", str(path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(path: Path) -> tuple:
    """What these commands can change, read through the facade."""
    with Project.open(path, readonly=True) as p:
        return (p.cases.all(), p.attributes.all(), p.attributes.values("documents"),
                p.undo_label())


def test_cases_commands_and_their_json(study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, study, "cases", "add", "Team", "--documents", "1", "2",
                       "--description", "de ploeg", "--json")
    assert code == 0 and json.loads(out)["documents"] == [1, 2]
    code, out, _ = run(capsys, study, "cases", "list", "--json")
    listed = {c["name"]: c for c in json.loads(out)}
    assert set(listed) == {"Jan", "Renée", "Team"}
    assert listed["Jan"]["attributes"] == {"jaren": 3}
    start = TEXT.index("Renée:")
    assert listed["Renée"]["parts"] == [[3, start, TEXT.index("\nInterviewer: En")]]
    code, out, _ = run(capsys, study, "cases", "show", "renée")
    assert code == 0 and "part of document 3" in out and "Renée: Kijken bij Piet." in out
    code, out, _ = run(capsys, study, "cases", "from-participants", "--json")
    assert code == 0 and [(c["name"], c["attributes"]) for c in json.loads(out)] == [
        ("P01", {"jaren": 4})]
    code, out, _ = run(capsys, study, "attributes", "list", "--json")
    found = {a["name"]: (a["type"], a["cases"], a["participants"]) for a in json.loads(out)}
    assert found == {"jaren": ("number", 2, 1), "afdeling": ("choice", 0, 0)}
    assert run(capsys, study, "attributes", "set", "Jan", "afdeling", "montage")[0] == 0
    assert run(capsys, study, "attributes", "set", "doc:2", "gezien", "ja")[0] == 0
    code, out, _ = run(capsys, study, "attributes", "change", "gezien", "--type", "text",
                       "--rename", "Gezien door", "--json")
    assert code == 0 and json.loads(out)["type"] == "text"
    assert run(capsys, study, "attributes", "set", "doc:1", "Gezien door", "Anouk")[0] == 0
    code, out, _ = run(capsys, study, "cases", "delete", "Team")
    assert code == 0 and "Deleted case Team" in out
    with Project.open(study, readonly=True) as p:
        assert p.cases.get("Jan").attributes == {"jaren": 3, "afdeling": "Montage"}
        assert p.attributes.values("documents")[2] == {"Gezien door": "yes"}
        assert p.attributes.values("documents")[1] == {"Gezien door": "Anouk"}
        assert [c.name for c in p.cases.all()] == ["Jan", "P01", "Renée"]


BAD = [
    (["cases", "add", "jan"], "already a case 'Jan'"),
    (["cases", "add", "Nieuw", "--documents", "99"], "no document '99'"),
    (["cases", "add", "Nieuw", "--speaker", "Piet"], "No turn of speaker 'Piet'"),
    (["cases", "show", "Piet"], "no case 'Piet'"),
    (["cases", "delete", "Piet"], "no case 'Piet'"),
    (["attributes", "set", "case:Jan", "jaren", "drie"], "'drie' is not a number"),
    (["attributes", "set", "case:Jan", "afdeling", "Kantine"], "not one of the choices"),
    (["attributes", "set", "case:Piet", "jaren", "3"], "no case 'Piet'"),
    (["attributes", "set", "doc:99", "jaren", "3"], "no document '99'"),
    (["attributes", "define", "JAREN", "--type", "text"], "already an attribute 'jaren'"),
    (["attributes", "define", "x", "--type", "getal"], "Unknown attribute type 'getal'"),
    (["attributes", "change", "jaren", "--type", "date"], "case Jan: '3' is not a date"),
    (["attributes", "change", "jaren", "--rename", "AFDELING"], "already an attribute"),
    (["attributes", "change", "leeftijd", "--type", "text"], "no attribute 'leeftijd'"),
    (["attributes", "delete", "leeftijd"], "no attribute 'leeftijd'"),
]


@pytest.mark.parametrize(("argv", "message"), BAD, ids=[" ".join(a[:3]) for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
        study: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    before = fingerprint(study)
    code, _out, err = run(capsys, study, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert fingerprint(study) == before


def cp1252_table(path: Path, rows: list[str]) -> Path:
    path.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    return path


def test_import_a_cp1252_table_with_semicolons_in_one_undo_step(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = cp1252_table(tmp_path / "cases.csv", [
        "Naam;jaren;afdeling;startdatum;leerling;opmerking",
        "Jan;3,5;lasserij;1-3-2024;ja;café bezoek",
        "RENÉE;12;Montage;2023-11-30;nee;",
    ])
    before = fingerprint(study)
    code, out, err = run(capsys, study, "attributes", "import", str(table), "--key", "naam",
                         "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["target"], report["rows"], report["changed"]) == ("cases", 2, 2)
    assert report["defined"] == {"startdatum": "date", "leerling": "boolean",
                                 "opmerking": "text"}
    with Project.open(study) as p:
        values = {c.name: c.attributes for c in p.cases.all()}
        assert values["Jan"] == {"jaren": 3.5, "afdeling": "Lasserij",
                                 "startdatum": "2024-03-01", "leerling": True,
                                 "opmerking": "café bezoek"}
        assert values["Renée"] == {"jaren": 12, "afdeling": "Montage",
                                   "startdatum": "2023-11-30", "leerling": False}
        assert p.undo_label() == "Import attributes from cases.csv"
        p.undo()
    assert fingerprint(study)[:3] == before[:3]


@pytest.mark.parametrize(("rows", "message"), [
    (["naam;jaren", "Jan;4", "Piet;5", "Klaas;6"], "2 naam value(s) match no case: Piet, Klaas"),
    (["naam;jaren", "Jan;vier"], "row 2, column jaren: 'vier' is not a number"),
    (["naam;afdeling", "Jan;Lasserij", "Renée;Kantine"], "row 3, column afdeling"),
    (["naam;jaren", "Jan;4", "jan;5"], "'jan' is in rows 2 and 3"),
    (["wie;jaren", "Jan;4"], "has no column 'naam' (columns: wie, jaren)"),
])
def test_a_bad_table_is_refused_whole(study: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str], rows: list[str],
                                      message: str) -> None:
    table = cp1252_table(tmp_path / "t.csv", rows)
    before = fingerprint(study)
    code, _out, err = run(capsys, study, "attributes", "import", str(table), "--key", "naam")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert fingerprint(study) == before


def test_an_xlsx_of_documents_and_the_export_round_trip(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Titel", "bezocht", "uren", "gefilmd"])
    sheet.append(["bezoek 1", dt.datetime(2024, 3, 5), 2.5, True])
    sheet.append(["Bezoek 2", dt.date(2024, 3, 12), 3, False])
    book.save(tmp_path / "docs.xlsx")
    code, out, err = run(capsys, study, "attributes", "import", str(tmp_path / "docs.xlsx"),
                         "--key", "titel")
    assert code == 0, err
    truth = {1: {"bezocht": "2024-03-05", "uren": 2.5, "gefilmd": True},
             2: {"bezocht": "2024-03-12", "uren": 3, "gefilmd": False}, 3: {}}
    with Project.open(study, readonly=True) as p:
        assert p.attributes.values("documents") == truth
        cases = p.attributes.values("cases")
    out_path = tmp_path / "klassen.xlsx"
    assert run(capsys, study, "attributes", "export", str(out_path))[0] == 0
    written = load_workbook(out_path)
    assert written.sheetnames == ["Cases", "Documents"]
    assert [c.value for c in written["Documents"][1]] == ["document", "bezocht", "uren",
                                                          "gefilmd"]
    # everything cleared, then the exported table brings every value back, typed
    with Project.open(study) as p:
        for name in ("bezocht", "uren", "gefilmd", "jaren"):
            p.attributes.delete(name)
    for target in ("documents", "cases"):
        code, _out, err = run(capsys, study, "attributes", "import", str(out_path), "--key",
                              target.rstrip("s"), "--to", target)
        assert code == 0, err
    with Project.open(study, readonly=True) as p:
        assert p.attributes.values("documents") == truth
        assert p.attributes.values("cases") == cases
        types = {a.name: a.type for a in p.attributes.all()}
        assert types["bezocht"] == "date" and types["gefilmd"] == "boolean"
