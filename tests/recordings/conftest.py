"""Recordings the tests make themselves (generated tone and noise encoded with PyAV)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.demo.sound import write_recording

VTT = """WEBVTT

00:00:00.000 --> 00:00:01.200
<v Interviewer>Hoe leer je hier nieuwe dingen?

00:00:01.200 --> 00:00:02.800
<v Jan>Meestal van collega's aan de machine.
"""

MakeRecording = Callable[..., Path]


@pytest.fixture
def vtt() -> str:
    """A two-turn WebVTT transcript of the generated 3-second recordings."""
    return VTT


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One set of generated recordings for the whole session (encoding takes a moment)."""
    folder = tmp_path_factory.mktemp("media")
    for name, video in (("talk.wav", False), ("talk.mp3", False), ("talk.m4a", False),
                        ("talk.ogg", False), ("clip.mp4", True), ("clip.webm", True),
                        ("clip.mov", True)):
        write_recording(folder / name, 3.0, video=video,
                        metadata={"creation_time": "2026-03-04T10:00:00Z"})
    return folder


@pytest.fixture
def recording(media_dir: Path, tmp_path: Path) -> MakeRecording:
    """Copy a generated recording (and optionally a transcript beside it) into ``tmp_path``."""

    def make(name: str = "talk.m4a", as_name: str | None = None,
             transcript: str | None = None) -> Path:
        target = tmp_path / (as_name or name)
        target.write_bytes((media_dir / name).read_bytes())
        if transcript is not None:
            target.with_suffix(".vtt").write_text(transcript, encoding="utf-8")
        return target

    return make
