"""Exchange files that broke fieldkit: deep code trees, broken BOMs, a missing photo file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main

G = "11111111-2222-3333-4444-{:012d}"


def _deep_qdpx(path: Path, depth: int) -> Path:
    codes = "".join(f'<Code guid="{G.format(i + 100)}" name="c{i}" isCodable="true">'
                    for i in range(depth)) + "</Code>" * depth
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="diep"><CodeBook><Codes>{codes}</Codes></CodeBook></Project>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
    return path


def test_twenty_thousand_nested_codes_are_refused_in_one_line(
        tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    deep = _deep_qdpx(tmp_path / "diep.qdpx", 20000)
    assert main(["import-qdpx", str(deep), str(tmp_path / "D.fieldkit")]) == 2
    err = capsys.readouterr().err
    assert "nested more than" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "D.fieldkit").exists()
    project.close()
    assert main(["-p", str(project.path), "merge", str(deep)]) == 2
    assert "nested more than" in capsys.readouterr().err
    with Project.open(project.path, readonly=True) as p:
        assert p.codebook().codes == {}


def test_a_sensible_depth_still_imports(tmp_path: Path) -> None:
    with Project.import_qdpx(_deep_qdpx(tmp_path / "ok.qdpx", 12), tmp_path / "O") as p:
        assert max(d for d, _ in p.codebook().walk()) == 11


def test_a_source_with_a_broken_bom_imports_with_a_replacement_character(
        tmp_path: Path) -> None:
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
           f'name="bom"><Sources><TextSource guid="{G.format(1)}" name="kapot" '
           f'plainTextPath="internal://{G.format(1)}.txt"/></Sources></Project>')
    path = tmp_path / "bom.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        # a UTF-16 BOM and an odd number of bytes after it
        archive.writestr(f"sources/{G.format(1)}.txt", b"\xff\xfeh\x00a\x00l\x00l\x00o")
    with Project.import_qdpx(path, tmp_path / "B") as p:
        [doc] = p.documents()
        assert p.document(doc.id).text.startswith("hall")


def test_export_qdpx_names_the_missing_photo_file(
        tmp_path: Path, project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    photo = tmp_path / "kantbank.jpg"
    Image.new("RGB", (20, 10), "blue").save(photo)
    [doc] = project.imports.files([photo], site="S")
    project.media_file(doc.media_id).unlink()
    project.close()
    out = tmp_path / "uit.qdpx"
    # a damaged project, not a mistake of the user's: exit 1 (the CLI contract)
    assert main(["-p", str(project.path), "export", "qdpx", str(out)]) == 1
    err = capsys.readouterr().err
    assert "kantbank.jpg (missing)" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
