"""The generated demo study, loaded into a real project, is whole and exports like real data."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from fieldkit import Project
from fieldkit.demobuild import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = build_demo(tmp_path_factory.mktemp("demo") / "Demo.fieldkit", "small")
    yield project
    project.close()


def test_demo_is_consistent_and_has_every_kind(demo: Project) -> None:
    assert demo.check() == []
    kinds = {d.kind for d in demo.documents()}
    assert kinds >= {"fieldnote", "transcript", "photo", "esm", "memo"}
    assert {c.name for c in demo.coders()} >= {"Anouk", "Bram"}
    for coding in demo.codings()[:200]:
        text = demo.document(coding.document_id).text
        assert text[coding.start:coding.end] == coding.quote


def test_demo_esm_answers_reach_the_spreadsheet(demo: Project, tmp_path: Path) -> None:
    out = demo.exports.xlsx(tmp_path / "demo.xlsx")
    sheet = openpyxl.load_workbook(out)["ESM answers"]
    header = [c.value for c in sheet[1]]
    assert any(str(h).startswith("workload") for h in header)
    assert sheet.max_row > 20


def test_workbook_carries_the_project_date_not_the_time_of_saving(
    demo: Project, tmp_path: Path
) -> None:
    out = demo.exports.xlsx(tmp_path / "demo.xlsx")
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    created = re.search(r"<dcterms:created[^>]*>([^<]*)<", core)
    modified = re.search(r"<dcterms:modified[^>]*>([^<]*)<", core)
    assert created and modified and created.group(1) == modified.group(1)
