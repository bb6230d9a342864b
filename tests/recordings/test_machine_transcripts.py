"""Transcripts from speech recognisers run elsewhere: Whisper JSON and noScribe HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput
from fieldkit.importers.machine import read_machine_transcript

MakeRecording = Callable[..., Path]

WHISPER = {"text": " Goedemorgen. Hoe gaat het?", "language": "nl", "segments": [
    {"id": 0, "start": 0.0, "end": 1.24, "text": " Goedemorgen.", "speaker": "SPEAKER_00"},
    {"id": 1, "start": 1.24, "end": 2.5, "text": " Hoe gaat het?", "speaker": "SPEAKER_01"},
    {"id": 2, "start": 2.5, "end": 2.9, "text": " Goed hoor.", "speaker": "SPEAKER_01"},
]}
NOSCRIBE = """<!DOCTYPE html><html><head><meta charset="UTF-8"></head><body>
<p>gesprek.m4a</p><p>Transcribed with noScribe vers. 0.6</p>
<p><a name="ts_0_1240_S00"><span style="color:#78909C">[00:00:00]</span> S00: Goedemorgen.</a></p>
<p><a name="ts_1240_2900_S01">S01: Hoe gaat het &amp; met de <b>lasrobot</b>?</a></p>
<p><a name="ts_3000_3000_">(pauze)</a></p>
</body></html>"""


def test_whisper_json_with_speakers(tmp_path: Path) -> None:
    path = tmp_path / "gesprek.json"
    path.write_text(json.dumps(WHISPER), encoding="utf-8")
    doc = read_machine_transcript(path)
    assert doc.kind == "transcript"
    assert doc.text == "SPEAKER_00: Goedemorgen.\n\nSPEAKER_01: Hoe gaat het? Goed hoor."
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("SPEAKER_00", 0.0, 1.24), ("SPEAKER_01", 1.24, 2.9)]


def test_whisper_json_without_speakers_and_whisper_cpp_offsets(tmp_path: Path) -> None:
    plain = tmp_path / "a.json"
    plain.write_text(json.dumps({"segments": [{"start": 0, "end": 1, "text": "Een."},
                                              {"start": 1, "end": 2, "text": "Twee."}]}))
    assert [(t.speaker, t.t_start) for t in read_machine_transcript(plain).turns] == [
        ("", 0.0), ("", 1.0)]
    cpp = tmp_path / "b.json"
    cpp.write_text(json.dumps({"transcription": [
        {"offsets": {"from": 0, "to": 1500}, "text": " Hallo."}]}))
    [turn] = read_machine_transcript(cpp).turns
    assert (turn.t_start, turn.t_end) == (0.0, 1.5)


def test_noscribe_html(tmp_path: Path) -> None:
    path = tmp_path / "gesprek.html"
    path.write_text(NOSCRIBE, encoding="utf-8")
    doc = read_machine_transcript(path)
    assert doc.text == ("S00: Goedemorgen.\n\nS01: Hoe gaat het & met de lasrobot?"
                        "\n\n(pauze)")
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("S00", 0.0, 1.24), ("S01", 1.24, 2.9), ("", 3.0, 3.0)]


@pytest.mark.parametrize("name, content, message", [
    ("a.json", "{not json", "not a JSON file"),
    ("a.json", '{"text": "no segments"}', "no 'segments' list"),
    ("a.json", '{"segments": [{"start": 0, "end": 1, "text": "  "}]}', "no segments with text"),
    ("a.html", "<html><p>Just a page</p></html>", "not a noScribe transcript"),
])
def test_bad_machine_transcripts(tmp_path: Path, name: str, content: str,
                                 message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        read_machine_transcript(path)


def test_machine_transcripts_link_to_their_recording(
        project: Project, recording: MakeRecording, tmp_path: Path) -> None:
    rec = recording("talk.m4a")
    beside = rec.with_suffix(".json")
    beside.write_text(json.dumps(WHISPER), encoding="utf-8")
    rec_doc, whisper = project.imports.files([rec])
    html = tmp_path / "noscribe.html"
    html.write_text(NOSCRIBE, encoding="utf-8")
    second = project.recordings.add_transcript(rec_doc.id, html)
    assert project.recordings.recording(rec_doc.id).transcripts == [whisper.id, second.id]
    assert project.imports.warnings == []  # 2.9 s fits in the 3 s recording
    speakers = [s.speaker for s in project.recordings.segments(rec_doc.id)]
    assert speakers == ["SPEAKER_00", "S00", "SPEAKER_01", "S01", ""]
    project.undo()
    assert project.recordings.recording(rec_doc.id).transcripts == [whisper.id]
