"""A recording imported twice is a duplicate by its bytes; with a changed transcript it is not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import DuplicateImport
from fieldkit.core.model import Duplicate

MakeRecording = Callable[..., Path]


def test_the_same_recording_under_another_name_is_a_duplicate(
        project: Project, recording: MakeRecording, vtt: str) -> None:
    path = recording("talk.m4a", transcript=vtt)
    rec_doc, _ = project.imports.files([path], site="Metaal")
    renamed = recording("talk.m4a", as_name="gesprek.m4a", transcript=vtt)
    with pytest.raises(DuplicateImport) as refused:
        project.imports.files([renamed])
    assert refused.value.duplicates == [Duplicate(str(renamed), "talk", rec_doc.id)]
    assert project.imports.files([renamed], duplicates="skip") == []
    assert len(project.documents()) == 2


def test_the_same_recording_with_a_corrected_transcript_is_imported(
        project: Project, recording: MakeRecording, vtt: str) -> None:
    path = recording("talk.m4a", transcript=vtt)
    project.imports.files([path])
    path.with_suffix(".vtt").write_text(vtt.replace("Meestal", "Vaak"), encoding="utf-8")
    rec_doc, transcript = project.imports.files([path])
    assert "Vaak" in transcript.text and rec_doc.kind == "recording"
    assert project.imports.skipped == []
