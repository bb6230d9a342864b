"""Cancel during a survey import (the app's Cancel button, through ``progress``): whenever it
comes before the import is committed, nothing is stored and the project stays whole."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from fieldkit.core.errors import Cancelled
from fieldkit.core.progress import CancelToken, Progress
from fieldkit.project import Project
from tests.importers import survey_files as files

RESPONDENTS = 407


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "S.fieldkit", name="Survey cancel")


def _state(project: Project) -> tuple[int, int, int]:
    return len(project.documents()), len(project.cases.all()), len(project.attributes.all())


def cancelled_at(prefix: str) -> tuple[Progress, list[str]]:
    """A progress whose Cancel is pressed when a message starting with ``prefix`` shows."""
    token = CancelToken()
    seen: list[str] = []

    def report(done: int, total: int, message: str) -> None:
        seen.append(message)
        if message.startswith(prefix):
            token.cancel()

    return Progress(report=report, token=token), seen


def big_survey(folder: Path, respondents: int) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["nr", "afdeling", "wat leerde u?"])
    for i in range(respondents):
        writer.writerow([f"P{i:04}", "Lasserij" if i % 2 else "Montage",
                         f"Antwoord {i}: café-praat over de robot 😀"])
    path = folder / "groot.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("per", ["respondent", "question"])
def test_cancel_while_the_survey_was_stored_stores_nothing(project: Project, tmp_path: Path,
                                                           per: str) -> None:
    path = files.qualtrics_csv(tmp_path)
    before = _state(project)
    progress, seen = cancelled_at("Stored")
    with pytest.raises(Cancelled):
        project.imports.survey(path, per=per, progress=progress)
    assert any(m.startswith("Stored") for m in seen)  # it came after the survey was stored
    assert _state(project) == before
    assert project.index.problems() == []
    assert project.search("kantbank").hits == []
    # and the same file comes in whole afterwards (no duplicate of a half import)
    done = project.imports.survey(path, per=per)
    assert done is not None and len(project.cases.all()) == len(done.cases) == 4


def test_cancel_before_a_big_survey_is_stored_stores_nothing(project: Project,
                                                             tmp_path: Path) -> None:
    path = big_survey(tmp_path, RESPONDENTS)
    progress, seen = cancelled_at("Read")
    with pytest.raises(Cancelled):
        project.imports.survey(path, progress=progress)
    assert not any(m.startswith("Stored") for m in seen)
    assert _state(project) == (0, 0, 0)
    assert project.index.problems() == []
    done = project.imports.survey(path)
    assert done is not None and len(done.cases) == RESPONDENTS
    assert len(project.search("robot", limit=1000).hits) == RESPONDENTS
