"""An unsupported file names every kind fieldkit does import, recordings included."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.project import Project


def test_unknown_extension_lists_recordings_too(tmp_path: Path) -> None:
    odd = tmp_path / "notes.xyz"
    odd.write_text("x", encoding="utf-8")
    with Project.create(tmp_path / "S.fieldkit") as project:
        with pytest.raises(BadInput) as failed:
            project.imports.files([odd])
        assert project.documents() == []
    message = str(failed.value)
    assert ".docx" in message and ".wav" in message and ".m4a" in message and ".webm" in message
    assert "\n" not in message
