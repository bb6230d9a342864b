"""The export and import-qdpx commands: files written, one-line errors with exit code 2."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from fieldkit.cli import main
from fieldkit.project import Project


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_commands(project: Project, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    path = str(project.path)
    project.close()
    code, out, _ = run(capsys, "-p", path, "export", "docx", str(tmp_path / "r.docx"),
                       "--code", "Learning", "--pseudonymise", "--term", "Jan=Collega A")
    assert code == 0 and "Wrote" in out
    text = " ".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert "kijken bij Collega A" in text and "Ahmed" not in text
    assert run(capsys, "export", "docx", str(tmp_path / "a.docx"), "--annotated", "1",
               "-p", path)[0] == 0
    assert len(list(docx.Document(str(tmp_path / "a.docx")).comments)) == 3
    assert run(capsys, "-p", path, "export", "xlsx", str(tmp_path / "t.xlsx"))[0] == 0
    assert run(capsys, "-p", path, "export", "csv", str(tmp_path / "csv"))[0] == 0
    assert (tmp_path / "csv" / "codebook.csv").exists()
    assert run(capsys, "-p", path, "export", "qdpx", str(tmp_path / "p.qdpx"))[0] == 0
    assert "project.qde" in zipfile.ZipFile(tmp_path / "p.qdpx").namelist()
    code, out, err = run(capsys, "import-qdpx", str(tmp_path / "p.qdpx"),
                         str(tmp_path / "copy.fieldkit"))
    assert code == 0 and "4 codes, 5 documents, 8 codings" in out and err == ""
    assert run(capsys, "-p", path, "codebook", "export", str(tmp_path / "b.qdc"))[0] == 0
    code, out, _ = run(capsys, "-p", str(tmp_path / "copy.fieldkit"), "codebook", "import",
                       str(tmp_path / "b.qdc"))
    assert code == 0 and "0 new codes" in out


def test_bad_input_is_one_line_with_exit_code_2(project: Project, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = str(project.path)
    project.close()
    for argv in (["export", "docx", str(tmp_path / "r.docx"), "--code", "Nope"],
                 ["export", "docx", str(tmp_path / "r.docx"), "--term", "Jan"],
                 ["export", "xlsx", str(tmp_path / "r.txt")],
                 ["export", "qdpx", str(tmp_path / "missing" / "p.qdpx")]):
        code, _, err = run(capsys, "-p", path, *argv)
        assert code == 2, argv
        assert err.startswith("fieldkit: ") and err.count("\n") == 1, err
    evil = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("project.qde", "<Project name='x'/>")
        archive.writestr("../../escape.txt", "x")
    code, _, err = run(capsys, "import-qdpx", str(evil), str(tmp_path / "new.fieldkit"))
    assert code == 2 and "unsafe path" in err and err.count("\n") == 1
    assert not (tmp_path / "new.fieldkit").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.qdpx", "study.fieldkit"]
