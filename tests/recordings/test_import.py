"""Importing recordings: formats, facts read from the file, linked transcripts, bad files."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.core.errors import BadInput
from fieldkit.storage import database, schema

MakeRecording = Callable[..., Path]


@pytest.mark.parametrize("name, video, mime", [
    ("talk.wav", False, "audio/wav"), ("talk.mp3", False, "audio/mpeg"),
    ("talk.m4a", False, "audio/mp4"), ("talk.ogg", False, "audio/ogg"),
    ("clip.mp4", True, "video/mp4"), ("clip.webm", True, "video/webm"),
    ("clip.mov", True, "video/quicktime"),
])
def test_each_format_becomes_a_recording_document(
        project: Project, recording: MakeRecording, name: str, video: bool, mime: str) -> None:
    path = recording(name)
    [doc] = project.imports.files([path], site="Metaal", visit="2026-03-04")
    assert doc.kind == "recording" and doc.title == path.stem and doc.text == ""
    rec = project.recordings.recording(doc.id)
    assert 2950 <= rec.duration_ms <= 3100
    assert rec.video is video
    assert (rec.width, rec.height) == ((64, 48) if video else (None, None))
    media = project._store.media(rec.media_id)
    assert media.mime == mime and media.sha256 == project.media.hash_file(path)
    stored = project.recordings.media_file(doc.id)
    assert stored.name == media.sha256 + path.suffix and stored.read_bytes() == path.read_bytes()
    [summary] = project.documents()
    assert summary.kind == "recording" and summary.duration_ms == rec.duration_ms


def test_creation_time_comes_from_the_file(project: Project, recording: MakeRecording) -> None:
    [doc] = project.imports.files([recording("talk.m4a")])
    assert project.recordings.recording(doc.id).recorded == "2026-03-04T10:00:00Z"
    assert doc.created == "2026-03-04T10:00:00Z"


def test_transcript_of_the_same_base_name_is_linked(
        project: Project, recording: MakeRecording, vtt: str) -> None:
    path = recording("talk.m4a", transcript=vtt)
    rec_doc, transcript = project.imports.files([path], site="Metaal")
    assert (rec_doc.kind, transcript.kind) == ("recording", "transcript")
    assert project.recordings.recording(transcript.id).document_id == rec_doc.id
    assert project.recordings.recording(rec_doc.id).transcripts == [transcript.id]
    segments = project.recordings.segments(rec_doc.id)
    assert [(s.speaker, s.start_ms, s.end_ms) for s in segments] == [
        ("Interviewer", 0, 1200), ("Jan", 1200, 2800)]
    assert segments[1].text.startswith("Jan: Meestal")
    assert project.imports.warnings == []


def test_transcript_given_explicitly_and_listed_together(
        project: Project, recording: MakeRecording, tmp_path: Path) -> None:
    path = recording("talk.wav")
    other = tmp_path / "gesprek.srt"
    other.write_text("1\n00:00:00,000 --> 00:00:02,000\nJan: Goedemorgen.\n", encoding="utf-8")
    docs = project.imports.files([path], transcript=other)
    assert [d.kind for d in docs] == ["recording", "transcript"]
    assert project.recordings.segments(docs[0].id)[0].speaker == "Jan"
    with pytest.raises(BadInput, match="exactly one recording"):
        project.imports.files([path, recording("talk.mp3")], transcript=other)


def test_transcript_past_the_end_warns_and_keeps(
        project: Project, recording: MakeRecording, vtt: str) -> None:
    path = recording("talk.m4a", transcript=vtt.replace("00:00:02.800", "00:00:09.000"))
    rec_doc, transcript = project.imports.files([path])
    assert len(project.imports.warnings) == 1
    assert "past the end of the recording (00:00:03)" in project.imports.warnings[0]
    assert project.recordings.segments(rec_doc.id)[-1].end_ms == 9000


def test_attach_a_recording_to_an_existing_transcript(
        project: Project, recording: MakeRecording, tmp_path: Path, vtt: str) -> None:
    loose = tmp_path / "los.vtt"
    loose.write_text(vtt, encoding="utf-8")
    [transcript] = project.imports.files([loose])
    rec_doc = project.recordings.attach(recording("talk.mp3"), transcript.id)
    assert project.recordings.recording(transcript.id).document_id == rec_doc.id
    with pytest.raises(BadInput, match="attached to a transcript"):
        project.recordings.attach(recording("talk.wav"), rec_doc.id)


def _nothing_stored(project: Project) -> None:
    assert project.documents() == []
    assert not [p for p in (project.path / "media").glob("*") if p.is_file()] \
        if (project.path / "media").exists() else True


@pytest.mark.parametrize("make, message", [
    (lambda d: _cut(d / "clip.mp4", d / "cut.mp4", 0.5), "damaged or not a recording"),
    (lambda d: _faststart_cut(d / "clip.mp4", d / "fast.mp4"), "cut off"),
    (lambda d: _cut(d / "clip.webm", d / "cut.webm", 0.6), "cut off"),
    (lambda d: _copy(d / "talk.mp3", d / "talk_mp3.wav"), "not what its extension .wav says"),
    (lambda d: _copy(d / "talk.mp3", d / "talk_mp3.m4a"), "not what its extension .m4a says"),
    (lambda d: _write(d / "empty.m4a", b""), "empty"),
    (lambda d: _write(d / "noise.mp3", bytes(range(256)) * 40), "damaged or not a recording"),
])
def test_bad_recordings_are_refused_with_one_line(
        project: Project, media_dir: Path, tmp_path: Path, make: object,
        message: str) -> None:
    work = tmp_path / "in"
    work.mkdir()
    for src in media_dir.iterdir():
        (work / src.name).write_bytes(src.read_bytes())
    bad = make(work)  # type: ignore[operator]
    with pytest.raises(BadInput, match=message) as caught:
        project.imports.files([bad])
    assert "\n" not in str(caught.value) and str(caught.value).startswith(bad.name)
    _nothing_stored(project)


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def _write(dst: Path, data: bytes) -> Path:
    dst.write_bytes(data)
    return dst


def _cut(src: Path, dst: Path, share: float) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[:int(len(data) * share)])
    return dst


def _faststart_cut(src: Path, dst: Path) -> Path:
    """An mp4 with its index first (as phones write them), cut in the middle of its sound."""
    import av

    whole = dst.with_name("whole.mp4")
    with av.open(str(src)) as source, \
            av.open(str(whole), "w", options={"movflags": "faststart"}) as out:
        streams = {s.index: out.add_stream_from_template(s) for s in source.streams}
        for packet in source.demux():
            if packet.dts is None:
                continue
            packet.stream = streams[packet.stream.index]
            out.mux(packet)
    return _cut(whole, dst, 0.5)


def _video_past_audio(path: Path, audio_s: float, video_s: float) -> Path:
    """An mp4 whose picture runs on after its sound stops (as phones and screen recorders
    write them), encoded here with PyAV: each stream records its own end."""
    from fractions import Fraction

    import av
    import numpy as np

    from fieldkit.demo.sound import speechlike

    rate = 44100
    samples = speechlike(audio_s, rate)
    with av.open(str(path), "w") as out:
        picture = out.add_stream("libx264", rate=10)
        picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        sound = out.add_stream("aac", rate=rate)
        sound.layout = "mono"
        pts = 0
        for begin in range(0, len(samples), 1024):
            frame = av.AudioFrame.from_ndarray(samples[begin:begin + 1024].reshape(1, -1),
                                               format="fltp", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, pts, Fraction(1, rate)
            pts += frame.samples
            for packet in sound.encode(frame):
                out.mux(packet)
        for packet in sound.encode(None):
            out.mux(packet)
        for n in range(round(video_s * 10)):
            image = np.full((48, 64, 3), (n * 9) % 255, dtype=np.uint8)
            for packet in picture.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                out.mux(packet)
        for packet in picture.encode(None):
            out.mux(packet)
    return path


def test_an_mp4_whose_picture_runs_past_its_sound_is_whole(
        project: Project, tmp_path: Path) -> None:
    """Not "cut off": the sound's last packet is compared with the sound's own end."""
    import av

    path = _video_past_audio(tmp_path / "scherm.mp4", 3.0, 3.6)
    with av.open(str(path)) as container:  # the file is what the test says it is
        ends = {s.type: float(s.duration * s.time_base) for s in container.streams}
    assert ends == {"video": 3.6, "audio": pytest.approx(3.0, abs=0.05)}
    [doc] = project.imports.files([path])
    assert project.recordings.recording(doc.id).duration_ms == 3600
    # cut in the middle of its sound, the same file is still refused
    with pytest.raises(BadInput, match="cut off|damaged"):
        project.imports.files([_faststart_cut(path, tmp_path / "kapot.mp4")])


def test_a_bad_companion_transcript_no_longer_blocks_its_recording(
        project: Project, recording: MakeRecording, tmp_path: Path) -> None:
    """A transcript found beside the recording (or given in the same import) that cannot be
    read: the recording comes in alone, a warning names the transcript and why."""
    path = recording("talk.m4a", transcript="no cues here\n")
    [rec_doc] = project.imports.files([path])
    assert rec_doc.kind == "recording"
    [warning] = project.imports.warnings
    assert warning.startswith("talk.vtt: not a WebVTT file") and "talk.m4a is imported" in warning
    listed = recording("talk.mp3", as_name="other.mp3")
    broken = tmp_path / "other.json"
    broken.write_text("{not json", encoding="utf-8")
    assert [d.kind for d in project.imports.files([listed, broken])] == ["recording"]
    assert "other.json: not a JSON file" in project.imports.warnings[0]


def test_a_bad_explicit_transcript_stores_no_recording(
        project: Project, recording: MakeRecording, tmp_path: Path) -> None:
    """``--transcript FILE`` names the transcript: when it cannot be read, nothing is stored."""
    bad = tmp_path / "named.vtt"
    bad.write_text("no cues here\n", encoding="utf-8")
    with pytest.raises(BadInput, match="named.vtt"):
        project.imports.files([recording("talk.m4a")], transcript=bad)
    _nothing_stored(project)


def test_old_projects_migrate_and_accept_recordings(
        tmp_path: Path, recording: MakeRecording) -> None:
    folder = tmp_path / "Oud.fieldkit"
    with Project.create(folder) as p:
        p.add_note(site="Metaal", title="Notitie", text="tekst")
    conn = sqlite3.connect(folder / database.DB_NAME)
    version = schema.MIGRATIONS.index(schema._v8_recordings)
    # put the project back to the schema before recordings, as an older fieldkit wrote it
    conn.executescript(
        "DROP TABLE recordings; DROP TABLE transcript_links; DROP TABLE waveforms; "
        "DROP INDEX codings_time; ALTER TABLE codings DROP COLUMN start_ms; "
        "ALTER TABLE codings DROP COLUMN end_ms; "
        # and what later steps added (step 15: PDFs), which the upgrade adds again
        "DROP TABLE pdf_boxes; DROP TABLE pdf_pages; DROP TABLE pdfs; "
        "ALTER TABLE codings DROP COLUMN page;")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, ',''recording'',''pdf'')', ')') "
                 "WHERE name = 'documents'")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    raw = database.connect(folder / database.DB_NAME)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        raw.execute("INSERT INTO documents (uuid, kind, title, created, modified) "
                    "VALUES ('x', 'recording', 't', '', '')")
    raw.close()
    with Project.open(folder, readonly=True) as old:  # read as it is, not upgraded
        assert [(d.title, d.duration_ms) for d in old.documents()] == [("Notitie", None)]
        assert old.codings() == [] and not old.recordings.has_recording(1)
    with Project.open(folder) as p:
        [doc] = p.imports.files([recording("talk.wav")])
        assert doc.kind == "recording"
        assert [d.title for d in p.documents()] == ["Notitie", "talk"]
        assert [x for x in p.check() if x.severity == "error"] == []
