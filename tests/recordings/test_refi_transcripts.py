"""REFI-QDA for QualCoder: each linked transcript written once, as the ``<Transcript>`` of its
AudioSource/VideoSource (text codings as TranscriptSelections), media sources named with their
file extension, PictureSelections named; valid against the XSD; read back exactly by fieldkit,
and read as QualCoder's importer reads it (src/qualcoder/refi.py:
``parse_transcript_with_codings_and_syncpoints``, ``load_audio_source``)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from fieldkit import Project
from fieldkit.core.model import Region

MakeRecording = Callable[..., Path]
XSD = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "refi-qda" / \
    "Project-mrt2019.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}
VTT = ("WEBVTT\n\n00:00:00.000 --> 00:00:01.200\n<v Interviewer>Hoe leer je hier nieuwe "
       "dingen? 🙂\n\n00:00:01.200 --> 00:00:02.800\n<v Jan>Meestal van collega's aan de "
       "machine.\n")


@pytest.fixture
def study(project: Project, recording: MakeRecording, tmp_path: Path) -> Project:
    """An interview whose transcript carries text codings, a memo, a time coding, an offset,
    a participant of its own; a video without a transcript; a photo with a region coding."""
    project.add_code("Leren/Collega helpt")
    project.add_code("Techniek")
    audio, transcript = project.imports.files([recording("talk.m4a", transcript=VTT)],
                                             site="Metaal", visit="2026-03-04")
    project.imports.files([recording("clip.mp4")], site="Metaal")
    photo_path = tmp_path / "rek.jpg"
    Image.new("RGB", (40, 30), "grey").save(photo_path)
    [photo] = project.imports.files([photo_path], site="Metaal")
    text = project.document(transcript.id).text
    start = text.index("collega's")
    project.code_text(transcript.id, start, start + len("collega's"), "Leren/Collega helpt",
                      memo="peer learning")
    emoji = text.index("🙂")
    project.code_text(transcript.id, emoji, emoji + 1, "Techniek")
    project.recordings.shift(transcript.id, 250)
    project.recordings.code_time(transcript.id, 1300, 2600, "Techniek")
    project.code_region(photo.id, Region(2, 3, 20, 10), "Techniek", memo="het rek\nlinks")
    with project.action("Facts of the transcript"):
        person = project.ensure_participant("P07")
        project._store.update("documents", transcript.id, {
            "participant_id": person.id, "memo": "Transcribed by Eva.",
            "attributes": '{"transcription": true, "taal": "nl"}'})
    return project


def _export(project: Project, tmp_path: Path) -> tuple[etree._Element, dict[str, bytes]]:
    out = project.exports.qdpx(tmp_path / "study.qdpx")
    with zipfile.ZipFile(out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(files["project.qde"])
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(root), schema.error_log
    return root, files


def test_each_transcript_is_written_once_inside_its_recording(
        study: Project, tmp_path: Path) -> None:
    root, files = _export(study, tmp_path)
    transcript = study.documents(kind="transcript")[0]
    assert [s.get("name") for s in root.iterfind("q:Sources/q:TextSource", NS)] == []
    paths = [e.get("plainTextPath") for e in root.iter() if e.get("plainTextPath")]
    assert paths == [f"internal://{transcript.uuid}.txt"]  # once
    audio = root.find("q:Sources/q:AudioSource", NS)
    [element] = audio.findall("q:Transcript", NS)
    assert (element.get("guid"), element.get("name")) == (transcript.uuid, "talk")
    assert files[f"sources/{transcript.uuid}.txt"].decode() == study.document(transcript.id).text
    assert element.findtext("q:Description", namespaces=NS) == (
        'Participant: "P07"\ntranscription: true\ntaal: "nl"\nRecording offset (ms): 250')
    # the names QualCoder files the media under: with their extension
    assert audio.get("name") == "talk.m4a"
    assert root.find("q:Sources/q:VideoSource", NS).get("name") == "clip.mp4"
    picture = root.find("q:Sources/q:PictureSource", NS)
    assert picture.get("name") == "rek.jpg"
    assert picture.find("q:PictureSelection", NS).get("name") == "het rek\nlinks"


def _qualcoder_reading(root: etree._Element, files: dict[str, bytes]
                       ) -> tuple[str, str, list[tuple[str, str, int, int]]]:
    """What QualCoder's importer takes from the first AudioSource: the file name it copies the
    media to, the transcript's text (read from ``sources/`` by plainTextPath) and each coded
    TranscriptSelection as (code GUID, selected text, pos0, pos1), positions from the sync
    points' ``position`` (QualCoder adds 1 to both; shown here as the standard counts)."""
    audio = root.find("q:Sources/q:AudioSource", NS)
    transcript = next(iter(audio.iterfind("q:Transcript", NS)))  # it reads one only
    text = files["sources/" + transcript.get("plainTextPath")[len("internal://"):]].decode()
    points = {p.get("guid"): int(p.get("position"))
              for p in transcript.iterfind("q:SyncPoint", NS)}
    coded = []
    for selection in transcript.iterfind("q:TranscriptSelection", NS):
        for coding in selection.iterfind("q:Coding", NS):
            pos0 = points[selection.get("fromSyncPoint")]
            pos1 = points[selection.get("toSyncPoint")]
            coded.append((coding.find("q:CodeRef", NS).get("targetGUID"), text[pos0:pos1],
                          pos0, pos1))
    return audio.get("name"), text, coded


def test_qualcoder_finds_the_transcripts_codings_on_the_transcript(
        study: Project, tmp_path: Path) -> None:
    root, files = _export(study, tmp_path)
    name, text, coded = _qualcoder_reading(root, files)
    book = study.codebook()
    expected = sorted((book.codes[c.code_id].uuid, c.quote, c.start, c.end)
                      for c in study.codings(doc=study.documents(kind="transcript")[0].id)
                      if c.start_ms is None)
    assert sorted(coded) == expected and len(expected) == 2
    assert name == "talk.m4a" and "collega's" in text
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))


def _signature(project: Project) -> tuple:
    docs = sorted((d.uuid, d.kind, d.title, d.site, d.visit, d.participant, d.chars)
                  for d in project.documents())
    codings = sorted((c.uuid, project._store.uuid_of("documents", c.document_id), c.start,
                      c.end, c.quote, c.memo, c.start_ms, c.end_ms, c.region)
                     for c in project.codings())
    transcript = project.documents(kind="transcript")[0]
    doc = project.document(transcript.id)
    extra = (doc.memo, doc.attributes, project.recordings.offset_ms(doc.id),
             [(t.start, t.end, t.speaker, t.t_start, t.t_end) for t in project.turns(doc.id)])
    return docs, codings, extra


def test_fieldkit_reads_the_transcript_back_exactly(study: Project, tmp_path: Path) -> None:
    out = study.exports.qdpx(tmp_path / "study.qdpx")
    with Project.import_qdpx(out, tmp_path / "Kopie.fieldkit") as copy:
        assert _signature(copy) == _signature(study)
        assert copy.imports.warnings == []
        again = copy.exports.qdpx(tmp_path / "again.qdpx")
        with zipfile.ZipFile(out) as a, zipfile.ZipFile(again) as b:
            assert a.read("project.qde") == b.read("project.qde")


def test_an_export_of_before_still_imports_its_transcript_once(
        study: Project, tmp_path: Path) -> None:
    """fieldkit wrote the transcript twice before: as a TextSource (with the variables) and as
    a Transcript under a GUID derived from it. Such a file gives one transcript."""
    from fieldkit.exporters.refi_recordings import transcript_guid

    root, files = _export(study, tmp_path)
    transcript = study.documents(kind="transcript")[0]
    element = root.find("q:Sources/q:AudioSource/q:Transcript", NS)
    element.set("guid", transcript_guid(transcript.uuid))
    for selection in element.findall("q:TranscriptSelection", NS):
        if selection.find("q:Coding", NS) is not None:
            element.remove(selection)
    text_source = etree.SubElement(root.find("q:Sources", NS), f"{{{NS['q']}}}TextSource",
                                   guid=transcript.uuid, name="talk",
                                   plainTextPath=f"internal://{transcript.uuid}.txt")
    declared = root.find("q:Variables", NS)
    etree.SubElement(declared, f"{{{NS['q']}}}Variable", name="Recording",
                     guid="6f1c2d3e-0000-4000-8000-00000000abcd", typeOfVariable="Text")
    kind = next(v.get("guid") for v in declared if v.get("name") == "Kind")
    for variable, text in ((kind, "transcript"), ("6f1c2d3e-0000-4000-8000-00000000abcd",
                                                  study.documents(kind="recording")[0].uuid)):
        value = etree.SubElement(text_source, f"{{{NS['q']}}}VariableValue")
        etree.SubElement(value, f"{{{NS['q']}}}VariableRef", targetGUID=variable)
        etree.SubElement(value, f"{{{NS['q']}}}TextValue").text = text
    files["project.qde"] = etree.tostring(root)
    old = tmp_path / "old.qdpx"
    with zipfile.ZipFile(old, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with Project.import_qdpx(old, tmp_path / "Oud.fieldkit") as copy:
        [again] = copy.documents(kind="transcript")
        assert again.uuid == transcript.uuid
        assert copy.recordings.recording(again.id).document_id == \
            copy.documents(kind="recording")[0].id
        assert len(copy._store.turns(again.id)) == 2


def test_another_tools_transcript_inside_its_audio_source_is_imported(
        study: Project, tmp_path: Path) -> None:
    """ATLAS.ti and MAXQDA write transcripts only inside the AudioSource (Windows newlines,
    their own GUIDs, a description of their own): fieldkit reads the text, turns, codings."""
    root, files = _export(study, tmp_path)
    element = root.find("q:Sources/q:AudioSource/q:Transcript", NS)
    path = "sources/" + element.get("plainTextPath")[len("internal://"):]
    files[path] = files[path].decode().replace("\n", "\r\n").encode()
    crlf = files[path].decode()
    for point in element.iterfind("q:SyncPoint", NS):  # positions as the CRLF file counts
        lf = int(point.get("position"))
        point.set("position", str(lf + crlf[:lf + crlf[:lf].count("\r")].count("\r")))
    element.find("q:Description", NS).text = "Transcribed in ATLAS.ti"
    files["project.qde"] = etree.tostring(root)
    other = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(other, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with Project.import_qdpx(other, tmp_path / "Atlas.fieldkit") as copy:
        [doc] = copy.documents(kind="transcript")
        ours = study.document(study.documents(kind="transcript")[0].id)
        assert copy.document(doc.id).text == ours.text
        quotes = sorted(c.quote for c in copy.codings(doc=doc.id) if c.start_ms is None)
        assert quotes == ["collega's", "🙂"]
        assert [t.speaker for t in copy._store.turns(doc.id)] == ["Interviewer", "Jan"]
        assert (doc.site, doc.visit, doc.participant) == ("Metaal", "2026-03-04", None)
