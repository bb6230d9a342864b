"""A cue's words are never dropped (issue 22, item 9).

Subtitles (VTT, SRT) and a speech recogniser's segments (Whisper JSON, noScribe HTML) follow one
rule (``subtitles.cue_times``): a cue without a usable start keeps its text without a time; an
end that is unusable or before the start is set to the start; every such cue is named in a
warning by its number and first words. The truth each test compares with is the words of every
cue in the file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.importers import read_file
from fieldkit.importers.machine import read_machine_transcript
from fieldkit.project import Project

ROOT = Path(__file__).resolve().parents[2]

SRT = """1
-00:00:05,000 --> 00:00:02,000
Negatief begin: de woorden blijven 😀

2
00:00:03,000 --> 00:00:04,000
Gewone cue met café

3
99:99:99,999 --> 99:99:99,999
Onmogelijke tijd e\u0301cht bewaard

4
00:00:10,000 -> 00:00:11,000
Kapotte tijdregel blijft

Tekst zonder tijdregel na een lege regel

6
00:00:20,000 --> 00:00:15,000
Einde voor begin
"""


def words(text: str) -> list[str]:
    return text.split()


def test_srt_cues_keep_their_words_and_are_named(tmp_path: Path) -> None:
    path = tmp_path / "interview.srt"
    path.write_bytes(SRT.replace("\n", "\r\n").encode("utf-8"))
    [doc] = read_file(path)
    said = ["Negatief begin: de woorden blijven 😀", "Gewone cue met café",
            "Onmogelijke tijd e\u0301cht bewaard", "Kapotte tijdregel blijft",
            "Tekst zonder tijdregel na een lege regel", "Einde voor begin"]
    assert words(doc.text) == [w for line in said for w in line.split()]
    by_text = {doc.text[t.start:t.end]: (t.t_start, t.t_end) for t in doc.turns}
    assert by_text == {
        "Negatief begin: de woorden blijven 😀": (None, None),
        "Gewone cue met café": (3.0, 4.0),
        "Onmogelijke tijd e\u0301cht bewaard": (None, None),
        "Kapotte tijdregel blijft": (None, None),
        "Tekst zonder tijdregel na een lege regel": (None, None),
        "Einde voor begin": (20.0, 20.0)}
    assert len(doc.warnings) == 5
    for number, first in ((1, '"Negatief begin: de woorden blijven 😀"'),
                          (3, '"Onmogelijke tijd e\u0301cht bewaard"'),
                          (4, '"Kapotte tijdregel blijft"'),
                          (5, '"Tekst zonder tijdregel na een lege…"'),
                          (6, '"Einde voor begin"')):
        assert any(w.startswith(f"interview.srt: cue {number} ({first})")
                   for w in doc.warnings), (number, doc.warnings)
    assert all("\n" not in w for w in doc.warnings)


def test_vtt_minutes_and_seconds_past_sixty_are_not_times(tmp_path: Path) -> None:
    path = tmp_path / "teams.vtt"
    path.write_text("WEBVTT\nKind: captions\nLanguage: nl\n\n"
                    "00:61:61.000 --> 00:62:00.000\n<v Karin>Te veel minuten.\n\n"
                    "00:01:02.500 --> 00:01:04.000\n<v Ahmed>Dit klopt.\n", encoding="utf-8")
    [doc] = read_file(path)
    assert "Kind" not in doc.text  # header metadata is no cue
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Karin", None, None), ("Ahmed", 62.5, 64.0)]
    [warning] = doc.warnings
    assert warning.startswith('teams.vtt: cue 1 ("Te veel minuten.") has no usable start time')


def test_whisper_json_follows_the_same_rule(tmp_path: Path) -> None:
    path = tmp_path / "whisper.json"
    path.write_text(json.dumps({"segments": [
        {"start": -5.0, "end": 2.0, "text": " Negatief begin blijft."},
        {"start": 3.0, "end": 1.0, "text": " Einde voor begin."},
        {"text": " Zonder tijden."},
        {"start": "x", "end": 9, "text": " Geen getal."},
        {"start": 10.0, "end": 12.0, "text": " Gewoon.", "speaker": "SPEAKER_00"},
    ]}), encoding="utf-8")
    doc = read_machine_transcript(path)
    assert words(doc.text) == words("Negatief begin blijft. Einde voor begin. Zonder tijden. "
                                    "Geen getal. SPEAKER_00: Gewoon.")
    assert [(t.t_start, t.t_end) for t in doc.turns] == [
        (None, None), (3.0, 3.0), (None, None), (None, None), (10.0, 12.0)]
    assert [w.split(" (")[0] for w in doc.warnings] == [
        "whisper.json: cue 1", "whisper.json: cue 2", "whisper.json: cue 3",
        "whisper.json: cue 4"]


@pytest.mark.parametrize("content", [
    "1\n00:00:01,000 --> 00:00:02,000\nhoi\n",
    "1\n00:00:01,000 --> 00:00:02,000\nhoi\n\n2\n00:00:03,000 --> 00:00:04,000\ndoei\n",
])
def test_well_formed_cues_give_no_warning(tmp_path: Path, content: str) -> None:
    path = tmp_path / "ok.srt"
    path.write_text(content, encoding="utf-8")
    [doc] = read_file(path)
    assert doc.warnings == []


def test_the_cli_imports_every_cue_and_warns(tmp_path: Path) -> None:
    project = tmp_path / "p.fieldkit"
    Project.create(project).close()
    path = tmp_path / "interview.srt"
    path.write_text(SRT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fieldkit", "-p", str(project), "import",
                           str(path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 5 and "cue 1 (" in warnings[0]
    with Project.open(project, readonly=True) as p:
        [doc] = p.documents()
        text = p.document(doc.id).text
    assert "Negatief begin" in text and "Einde voor begin" in text and "Kapotte" in text
