"""Coding stretches of time: stored in milliseconds, undoable, and the CLI around them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.errors import BadInput
from fieldkit.core.timecode import format_ms, parse_ms

MakeRecording = Callable[..., Path]


def test_timecodes_parse_and_print() -> None:
    assert parse_ms("00:01:10.5") == 70500
    assert parse_ms("01:32") == 92000 and parse_ms("92") == 92000
    assert parse_ms("1:02:03,25") == 3723250
    assert format_ms(70500) == "00:01:10.5" and format_ms(92000) == "00:01:32"
    for bad in ("", "1:2:3:4", "00:61:00", "soon", "-3"):
        with pytest.raises(BadInput):
            parse_ms(bad)


@pytest.fixture
def interview(project: Project, recording: MakeRecording, vtt: str) -> tuple[int, int]:
    project.add_code("Leren/Collega helpt")
    rec_doc, transcript = project.imports.files([recording("talk.m4a", transcript=vtt)])
    return rec_doc.id, transcript.id


def test_code_time_on_a_recording_is_stored_in_ms_and_undone(
        project: Project, interview: tuple[int, int]) -> None:
    rec_id, _ = interview
    coding = project.recordings.code_time(rec_id, 500, 2000, "Leren/Collega helpt")
    assert (coding.start_ms, coding.end_ms, coding.start, coding.end) == (500, 2000, 0, 0)
    assert project.codings(doc=rec_id)[0].start_ms == 500
    assert project.recordings.code_time(rec_id, 500, 2000, "Leren/Collega helpt").id == coding.id
    assert [p.message for p in project.check() if p.severity == "error"] == []
    assert project.undo_label() == "Apply code"
    project.undo()
    assert project.codings(doc=rec_id) == []
    project.redo()
    assert [c.end_ms for c in project.codings(doc=rec_id)] == [2000]


def test_code_time_on_the_transcript_covers_the_turns_of_that_stretch(
        project: Project, interview: tuple[int, int]) -> None:
    _, transcript_id = interview
    coding = project.recordings.code_time(transcript_id, 1300, 2500, "Leren/Collega helpt")
    assert coding.quote == "Jan: Meestal van collega's aan de machine."
    assert (coding.start_ms, coding.end_ms) == (1300, 2500)
    both = project.recordings.code_time(transcript_id, 100, 2500, "Leren/Collega helpt")
    assert both.quote.startswith("Interviewer: Hoe") and both.quote.endswith("machine.")


def test_shifted_transcript_times_move_segments_and_codings(
        project: Project, interview: tuple[int, int]) -> None:
    rec_id, transcript_id = interview
    project.recordings.shift(transcript_id, 1000)
    assert [s.start_ms for s in project.recordings.segments(rec_id)] == [1000, 2200]
    coding = project.recordings.code_time(transcript_id, 500, 900, "Leren/Collega helpt")
    assert coding.quote == ""  # nothing was said before the transcript starts
    while project.undo_label() != "Shift transcript times":
        project.undo()
    project.undo()
    assert [s.start_ms for s in project.recordings.segments(rec_id)] == [0, 1200]


@pytest.mark.parametrize("start, end, message", [
    (2000, 1000, "FROM must be before TO"), (1000, 1000, "FROM must be before TO"),
    (1000, 9000, "past the end of the recording"),
])
def test_bad_time_ranges_are_refused(project: Project, interview: tuple[int, int],
                                     start: int, end: int, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        project.recordings.code_time(interview[0], start, end, "Leren/Collega helpt")
    assert project.codings() == []


def test_code_time_needs_a_recording(project: Project) -> None:
    note = project.add_note(site="Metaal", title="Notitie", text="tekst")
    project.add_code("Leren")
    with pytest.raises(BadInput, match="has no recording"):
        project.recordings.code_time(note.id, 0, 10, "Leren")


def test_deleting_a_recording_removes_its_links(
        project: Project, interview: tuple[int, int]) -> None:
    rec_id, transcript_id = interview
    project.delete_document(rec_id)
    assert not project.recordings.has_recording(transcript_id)
    project.undo()
    assert project.recordings.recording(transcript_id).document_id == rec_id


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_import_docs_show_code_time_codings(
        tmp_path: Path, recording: MakeRecording, capsys: pytest.CaptureFixture[str],
        vtt: str) -> None:
    proj = str(tmp_path / "P.fieldkit")
    assert run(capsys, "new", proj)[0] == 0
    rec = recording("talk.m4a")
    transcript = tmp_path / "uitgetypt.vtt"
    transcript.write_text(vtt, encoding="utf-8")
    code, out, err = run(capsys, "-p", proj, "import", str(rec), "--transcript",
                         str(transcript), "--site", "Metaal", "--visit", "2026-03-04")
    assert code == 0 and "recording" in out and "transcript" in out
    code, out, _ = run(capsys, "-p", proj, "docs", "--json")
    docs = json.loads(out)
    assert [(d["kind"], d["site"]) for d in docs] == [("recording", "Metaal"),
                                                     ("transcript", "Metaal")]
    assert 2950 <= docs[0]["duration_ms"] <= 3100 and docs[1]["duration_ms"] is None
    assert run(capsys, "-p", proj, "codebook", "add", "Leren/Collega helpt")[0] == 0
    code, out, _ = run(capsys, "-p", proj, "code-time", "1", "00:00:00.5", "00:00:02",
                       "Leren/Collega helpt", "--json")
    assert code == 0 and (json.loads(out)["start_ms"], json.loads(out)["end_ms"]) == (500, 2000)
    code, out, _ = run(capsys, "-p", proj, "show", "1")
    assert "time-coded segments" in out and "00:00:01.2" in out and "Jan: Meestal" in out
    assert "00:00:00.5" in out
    code, out, _ = run(capsys, "-p", proj, "show", "1", "--json")
    shown = json.loads(out)
    assert [s["start_ms"] for s in shown["segments"]] == [0, 1200]
    assert shown["recording"]["transcripts"] == [2]
    code, out, _ = run(capsys, "-p", proj, "codings", "--json")
    [coding] = json.loads(out)
    assert (coding["start_ms"], coding["end_ms"], coding["document_id"]) == (500, 2000, 1)


def test_cli_bad_input_exits_2_and_changes_nothing(
        tmp_path: Path, recording: MakeRecording, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "P.fieldkit")
    run(capsys, "new", proj)
    run(capsys, "-p", proj, "import", str(recording("talk.wav")))
    run(capsys, "-p", proj, "codebook", "add", "Leren")
    for argv in (("code-time", "1", "later", "00:00:02", "Leren"),
                 ("code-time", "1", "00:00:02", "00:00:01", "Leren"),
                 ("code-time", "1", "00:00:01", "00:00:02", "Onbekend"),
                 ("import", str(recording("talk.mp3", as_name="fout.wav")))):
        code, out, err = run(capsys, "-p", proj, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1, argv
    code, out, _ = run(capsys, "-p", proj, "codings", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "-p", proj, "docs", "--json")
    assert len(json.loads(out)) == 1


def test_waveform_is_computed_once_and_cached_in_the_project(
        project: Project, interview: tuple[int, int]) -> None:
    from fieldkit.core.errors import Cancelled
    from fieldkit.core.progress import Progress

    rec_id, transcript_id = interview
    assert project.recordings.cached_waveform(rec_id) is None
    stopped = Progress()
    stopped.token.cancel()
    with pytest.raises(Cancelled):
        project.recordings.waveform(rec_id, stopped)
    assert project.recordings.cached_waveform(rec_id) is None
    per_second, peaks = project.recordings.waveform(rec_id)
    assert per_second == 50 and 149 <= len(peaks) <= 152
    assert max(peaks) > 100 and min(peaks) < max(peaks)  # bursts of noise over a soft tone
    assert project.recordings.cached_waveform(transcript_id) == (per_second, peaks)
    assert project.undo_label() != "Waveform"  # derived data is no undo step


def test_transcription_is_saved_as_a_linked_transcript_with_turns_and_times(
        project: Project, interview: tuple[int, int]) -> None:
    rec_id, _ = interview
    typed = "[00:00:00.5] Anna: Wat doe je hier?\n[00:00:02] Jan: Lassen.\nMeestal."
    doc = project.recordings.save_transcription(rec_id, typed)
    assert doc.kind == "transcript" and doc.title == "talk (transcription)"
    assert [(t.speaker, t.t_start, t.t_end) for t in project.turns(doc.id)] == [
        ("Anna", 0.5, 2.0), ("Jan", 2.0, None)]
    coding = project.recordings.code_time(doc.id, 2100, 2900, "Leren/Collega helpt")
    assert coding.quote == "Jan: Lassen.\nMeestal."  # the turn starts after its stamp
    longer = typed.replace("Wat doe je", "Wat doe jij")
    project.recordings.save_transcription(rec_id, longer, doc.id)
    assert project.coding(coding.id).quote == "Jan: Lassen.\nMeestal."
    assert project.coding(coding.id).start == coding.start + 1  # re-anchored on its words
    project.undo()
    assert project.document(doc.id).text == typed
    with pytest.raises(BadInput, match="is not a transcript of"):
        project.recordings.save_transcription(rec_id, "x", project.add_note(
            site="Elders", title="Elders", text="Een notitie.").id)


def test_transcription_continues_an_imported_transcript_keeping_its_times(
        project: Project, interview: tuple[int, int]) -> None:
    """Transcription mode opens the imported transcript with each turn's time written before
    it; saving keeps those times, adds the typed turns and makes no second transcript."""
    rec_id, transcript_id = interview
    original = project.document(transcript_id).text
    coding = project.recordings.code_time(transcript_id, 1200, 2800, "Leren/Collega helpt")
    opened = project.recordings.transcription_text(transcript_id)
    assert opened.splitlines()[0] == "[00:00:00] Interviewer: Hoe leer je hier nieuwe dingen?"
    typed = opened.replace("\n", "\r\n") + "\r\n[00:00:02.9] Interviewer: Echt? 😀 Ja."
    doc = project.recordings.save_transcription(rec_id, typed, transcript_id)
    assert doc.id == transcript_id and doc.attributes.get("transcription")
    assert "\r" not in doc.text and doc.text.endswith("Echt? 😀 Ja.")
    assert "[" not in doc.text  # the stamps are the turns' times, not the transcript's words
    assert doc.text == original + "\nInterviewer: Echt? 😀 Ja."
    # the turns whose stamps were not changed keep their own end times
    assert [(t.speaker, t.t_start, t.t_end) for t in project.turns(doc.id)] == [
        ("Interviewer", 0.0, 1.2), ("Jan", 1.2, 2.8), ("Interviewer", 2.9, None)]
    assert [doc.text[t.start:t.end] for t in project.turns(doc.id)][2] == \
        "Interviewer: Echt? 😀 Ja."
    kept = project.coding(coding.id)
    assert kept.quote == "Jan: Meestal van collega's aan de machine." and not kept.orphaned
    assert project.recordings.recording(rec_id).transcripts == [transcript_id]
    assert project.recordings.transcription_text(transcript_id) == opened.replace(
        "\r\n", "\n") + "\n[00:00:02.9] Interviewer: Echt? 😀 Ja."  # opened as it was left
    project.undo()
    assert project.document(transcript_id).text == original
    assert not project.document(transcript_id).attributes.get("transcription")
