"""Time codings in retrieval, agreement, Word, Excel and REFI-QDA (both directions)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as WordDocument
from lxml import etree
from openpyxl import load_workbook

from fieldkit import Project
from fieldkit.operations.retrieval import SegmentQuery

MakeRecording = Callable[..., Path]
XSD = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "refi-qda" / \
    "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def coded(project: Project, recording: MakeRecording, vtt: str) -> Project:
    """An audio interview with its transcript and a video, time-coded by two coders."""
    project.add_code("Leren/Collega helpt")
    project.add_code("Techniek")
    audio, transcript = project.imports.files([recording("talk.m4a", transcript=vtt)],
                                             site="Metaal", visit="2026-03-04")
    [video] = project.imports.files([recording("clip.mp4")], site="Metaal")
    rec = project.recordings
    rec.shift(transcript.id, 100)
    rec.code_time(audio.id, 500, 2000, "Leren/Collega helpt", coder="Anna", memo="uitleg")
    rec.code_time(audio.id, 600, 2000, "Leren/Collega helpt", coder="Bram")
    rec.code_time(transcript.id, 1400, 2600, "Techniek", coder="Anna")
    rec.code_time(video.id, 0, 1500, "Techniek", coder="Bram")
    return project


def test_retrieval_cites_time_codings_by_their_times(coded: Project) -> None:
    found = coded.retrieval.segments(SegmentQuery(codes=["Leren/Collega helpt"]))
    cite = coded.retrieval.citations()
    assert [cite.of(c).place() for c in found] == ["00:00:00.5–00:00:02",
                                                   "00:00:00.6–00:00:02"]
    [on_transcript] = coded.retrieval.segments(SegmentQuery(codes=["Techniek"],
                                                            coders=["Anna"]))
    assert cite.of(on_transcript).place() == "¶ 2 · 00:00:01.4–00:00:02.6"
    assert on_transcript.quote.startswith("Jan: Meestal")


def test_agreement_on_time_counts_milliseconds(coded: Project) -> None:
    report = coded.agreement.report(["Anna", "Bram"], codes=["Leren/Collega helpt"], time=True)
    [row] = [r for r in report.overall]
    # Anna 500–2000, Bram 600–2000 of a 3000 ms recording (and 0 of the video's)
    assert (row.counts.a, row.counts.b, row.counts.c) == (1400, 100, 0)
    text = coded.agreement.report(["Anna", "Bram"], codes=["Leren/Collega helpt"])
    assert [r.counts.a for r in text.overall] == [0]  # time codings stay out of text figures


def test_word_and_excel_cite_timestamps(coded: Project, tmp_path: Path) -> None:
    word = coded.exports.docx(tmp_path / "r.docx")
    text = "\n".join(p.text for p in WordDocument(str(word)).paragraphs)
    assert "00:00:00.5–00:00:02" in text and "00:00:01.4–00:00:02.6" in text
    book = load_workbook(coded.exports.xlsx(tmp_path / "r.xlsx"))
    sheet = book["Segments"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    timed = sorted((r["From (ms)"], r["To (ms)"], r["From (time)"]) for r in rows)
    assert timed[0] == (0, 1500, "00:00:00") and (500, 2000, "00:00:00.5") in timed


def _signature(project: Project) -> tuple:
    docs = sorted((d.uuid, d.kind, d.title, d.site, d.visit, d.chars, d.duration_ms)
                  for d in project.documents())
    codings = sorted(
        (c.uuid, project._store.uuid_of("documents", c.document_id),
         project._store.uuid_of("codes", c.code_id), c.start, c.end, c.quote, c.memo,
         c.start_ms, c.end_ms, project.coder_name(c.coder_id)) for c in project.codings())
    links = sorted((project._store.uuid_of("documents", r.document_id),
                    [project._store.uuid_of("documents", t) for t in r.transcripts],
                    r.video, [project.recordings.offset_ms(t) for t in r.transcripts])
                   for r in (project.recordings.recording(d.id)
                             for d in project.documents(kind="recording")))
    turns = [(t.start, t.end, t.speaker, t.t_start, t.t_end)
             for d in project.documents(kind="transcript") for t in project.turns(d.id)]
    return docs, codings, links, turns


def test_refi_qda_audio_and_video_sources_valid_and_round_trip_exact(
        coded: Project, tmp_path: Path) -> None:
    out = coded.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        names = archive.namelist()
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(root), schema.error_log
    audio = root.find(".//q:AudioSource", NS)
    video = root.find(".//q:VideoSource", NS)
    assert audio is not None and video is not None
    assert audio.get("path").removeprefix("internal://") in \
        [n.removeprefix("sources/") for n in names]
    spans = sorted((s.get("begin"), s.get("end")) for s in audio.findall("q:AudioSelection", NS))
    assert spans == [("1400", "2600"), ("500", "2000"), ("600", "2000")]
    assert [(s.get("begin"), s.get("end")) for s in video.findall("q:VideoSelection", NS)] == \
        [("0", "1500")]
    points = audio.findall("q:Transcript/q:SyncPoint", NS)
    assert [p.get("timeStamp") for p in points] == ["100", "1300", "1300", "2900"]
    copy = Project.import_qdpx(out, tmp_path / "Kopie.fieldkit")
    try:
        assert _signature(copy) == _signature(coded)
        assert [w for w in copy.imports.warnings  # type: ignore[attr-defined]
                if "recording" in w or "audio" in w or "video" in w] == []
    finally:
        copy.close()


def test_merging_brings_recordings_links_and_time_codings(
        coded: Project, tmp_path: Path) -> None:
    target = Project.create(tmp_path / "Ander.fieldkit")
    try:
        target.merge.project(coded.path)
        assert _signature(target) == _signature(coded)
        target.merge.project(coded.path)  # again: nothing doubles
        assert _signature(target) == _signature(coded)
    finally:
        target.close()
