"""A transcript without its recording imports as a timed transcript; the recording is attached
later (``fieldkit attach``, ``project.recordings.attach``); every importer's warnings reach the
command line (stderr, exit 0) and ``project.imports.warnings``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit import Project
from fieldkit.cli import main
from fieldkit.core.errors import BadInput

MakeRecording = Callable[..., Path]

NOSCRIBE = """<!DOCTYPE html><html><head><meta charset="UTF-8"></head><body>
<p><a name="ts_0_1200_S00">S00 <span style="color: #78909C">[00:00:00]</span>: \
Hoe leer je hier?</a></p>
<p><a name="ts_1200_2800_S01">S01 <span style="color: #78909C">[00:00:01]</span>: \
Van collega's. 😀</a></p>
</body></html>"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name, content", [
    ("gesprek.html", NOSCRIBE),
    ("gesprek.json", json.dumps({"segments": [
        {"start": 0.0, "end": 1.2, "text": " Hoe leer je hier?", "speaker": "S00"},
        {"start": 1.2, "end": 2.8, "text": " Van collega's. 😀", "speaker": "S01"}]})),
    ("gesprek.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<v S00>Hoe leer je hier?\n\n"
                    "00:00:01.200 --> 00:00:02.800\n<v S01>Van collega's. 😀\n"),
])
def test_a_transcript_alone_imports_timed_and_its_recording_is_attached_later(
        project: Project, recording: MakeRecording, tmp_path: Path, name: str,
        content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [doc] = project.imports.files([path], site="Metaal", visit="2026-03-04")
    assert doc.kind == "transcript"
    assert [(t.speaker, t.t_start, t.t_end) for t in project._store.turns(doc.id)] == [
        ("S00", 0.0, 1.2), ("S01", 1.2, 2.8)]
    assert not project.recordings.has_recording(doc.id)
    rec_doc = project.recordings.attach(recording("talk.m4a"), doc.id)
    assert project.recordings.recording(doc.id).document_id == rec_doc.id
    assert (rec_doc.site_id, rec_doc.visit_id) == (doc.site_id, doc.visit_id)
    assert doc.site_id is not None  # where its transcript is
    assert [(s.speaker, s.start_ms, s.end_ms) for s in project.recordings.segments(rec_doc.id)] \
        == [("S00", 0, 1200), ("S01", 1200, 2800)]
    project.undo()  # one step: the recording and the link go together
    assert not project.recordings.has_recording(doc.id)
    assert [d.kind for d in project.documents()] == ["transcript"]


def test_fieldkit_attach_on_the_command_line(
        recording: MakeRecording, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", proj)[0] == 0
    html = tmp_path / "gesprek.html"
    html.write_text(NOSCRIBE.replace("1200_2800", "1200_9000"), encoding="utf-8")
    assert run(capsys, "-p", proj, "import", str(html))[0] == 0
    code, out, err = run(capsys, "-p", proj, "attach", "1", str(recording("talk.m4a")),
                         "--json")
    assert code == 0, err
    assert json.loads(out) == {"transcript": 1, "recording": 2, "title": "talk"}
    assert err.startswith("warning: gesprek: its times run to 00:00:09")  # kept, said
    code, _, err = run(capsys, "-p", proj, "attach", "1", str(recording("talk.wav")))
    assert (code, err) == (2, "fieldkit: 'gesprek' already has its recording ('talk').\n")
    # a second transcript given the recording already in the project, by its id
    other = tmp_path / "tweede.vtt"
    other.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Jan>Ja.\n", encoding="utf-8")
    assert run(capsys, "-p", proj, "import", str(other))[0] == 0
    code, out, err = run(capsys, "-p", proj, "attach", "3", "2")
    assert (code, err) == (0, "")
    assert out == "Attached talk (2) to tweede (3).\n"
    assert run(capsys, "-p", proj, "import", str(other), "--again")[0] == 0
    for args, message in ((["4", "1"], "'gesprek' is a transcript, not a recording."),
                          (["2", "1"], "'talk' is a recording; a recording is attached to a "
                                       "transcript."),
                          (["4", str(tmp_path / "missing.m4a")], "missing.m4a: file not found"),
                          (["4", "99"], "99: neither a recording file nor a recording")):
        code, _, err = run(capsys, "-p", proj, "attach", *args)
        assert code == 2 and message in err and err.count("\n") == 1, err


def test_attach_refuses_what_is_not_a_recording(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "los.vtt"
    path.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Jan>Ja.\n", encoding="utf-8")
    [doc] = project.imports.files([path])
    with pytest.raises(BadInput, match="neither a recording file nor a recording"):
        project.recordings.attach("geen-opname", doc.id)
    assert len(project.documents()) == 1


def test_every_importers_warnings_reach_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proj = str(tmp_path / "S.fieldkit")
    assert run(capsys, "new", proj)[0] == 0
    esm = tmp_path / "esm.csv"
    esm.write_text("participant,timestamp,question,answer\n"
                   "P01,2024-07-31 13:57,Wat gebeurde er?,De machine viel stil\n"
                   ",2024-07-31 14:00,Wat gebeurde er?,x\n"
                   "P02,2024-07-31 15:00,Wat gebeurde er?,Ahmed hielp\n", encoding="utf-8")
    eaf = tmp_path / "a.eaf"
    eaf.write_text('<ANNOTATION_DOCUMENT><TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1"/>'
                   '<TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="900"/></TIME_ORDER>'
                   '<TIER TIER_ID="Jan"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" '
                   'TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>Ja.'
                   '</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>'
                   '</ANNOTATION_DOCUMENT>', encoding="utf-8")
    chunks = tmp_path / "c.json"
    chunks.write_text(json.dumps({"chunks": [{"timestamp": [1.0, None], "text": "Ja."}]}),
                      encoding="utf-8")
    code, out, err = run(capsys, "-p", proj, "import", str(esm), str(eaf), str(chunks))
    assert code == 0
    assert err.splitlines() == [
        "warning: esm.csv: 1 row(s) without participant, time or question skipped",
        "warning: a.eaf: annotation a1 of tier 'Jan' (\"Ja.\") has no usable start time; "
        "its text is kept without a time",
        "warning: c.json: cue 1 (\"Ja.\") has no usable end time; it ends where it starts"]
    assert out.endswith("Imported 4 documents.\n")
    with Project.open(proj) as project:
        assert project.imports.warnings == []  # the latest import of this session: none
