"""Transcripts written by other tools, each in a file shaped like the real thing: Teams'
Word download, noScribe TXT and HTML (overlapping speech), ELAN .eaf, oTranscribe .otr,
YouTube .sbv and Hugging Face / insanely-fast-whisper "chunks" JSON."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from fieldkit.core.model import ImportedDocument
from fieldkit.importers import detect_kind, read_file

from .conftest import assert_bad


def spans(doc: ImportedDocument) -> list[tuple[str, float | None, float | None, str]]:
    return [(t.speaker, t.t_start, t.t_end, doc.text[t.start:t.end]) for t in doc.turns]


# -- Teams "Download as Word" ---------------------------------------------------------------

def teams_docx(path: Path) -> Path:
    """What Teams writes: the meeting's title and date, then per caption a timing line with
    one-digit fields, the speaker's name and the words, each its own paragraph."""
    document = docx.Document()
    document.add_paragraph("Interview lasafdeling 12-03")
    document.add_paragraph("12 maart 2026, 10:02")
    for timing, name, said in (
            ("0:0:0.0 --> 0:0:4.250", "Eva de Vries", "Goedemorgen, hoor je me goed? 🎧"),
            ("0:0:4.250 --> 0:0:9.810", "Jan Bakker", "Ja, prima. Zullen we beginnen?"),
            ("0:0:9.810 --> 0:0:12.5", "Jan Bakker", "Ik werk hier twaalf jaar."),
            ("0:1:2.40 --> 0:1:0.0", "Eva de Vries", "Café-bezoek, was dat één keer?")):
        document.add_paragraph(timing)
        document.add_paragraph(name)
        document.add_paragraph(said)
    document.save(str(path))
    return path


def test_teams_word_transcript_becomes_timed_speaker_turns(tmp_path: Path) -> None:
    path = teams_docx(tmp_path / "Interview.docx")
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert doc.kind == "transcript"
    assert spans(doc) == [
        ("", None, None, "Interview lasafdeling 12-03 12 maart 2026, 10:02"),
        ("Eva de Vries", 0.0, 4.25, "Eva de Vries: Goedemorgen, hoor je me goed? 🎧"),
        ("Jan Bakker", 4.25, 12.5,
         "Jan Bakker: Ja, prima. Zullen we beginnen? Ik werk hier twaalf jaar."),
        ("Eva de Vries", 62.4, 62.4, "Eva de Vries: Café-bezoek, was dat één keer?")]
    assert "-->" not in doc.text
    [warning] = doc.warnings  # the last caption ends before it starts: clamped, said
    assert "cue 4" in warning and "ends before it starts" in warning
    [forced] = read_file(path, "transcript")
    assert {t.speaker for t in forced.turns} == {"", "Eva de Vries", "Jan Bakker"}
    [as_text] = read_file(path, "text")
    assert "0:0:0.0 --> 0:0:4.250" in as_text.text and not as_text.turns


# -- noScribe -------------------------------------------------------------------------------

NOSCRIBE_TXT = (
    "interview_lasrobot\n"
    "Transcribed with noScribe vers. 0.5\n\n"
    "S01: [00:00:12] Hoe ben je bij de lasrobot terechtgekomen? [00:00:31] En wanneer?\n\n"
    "S02: [00:00:40] Via mijn collega Ahmed, in 2019. 😀\n\n"
    "S01: [00:01:05] En daarna leerde je het zelf?\n"
)


def test_noscribe_txt_stamps_are_times_not_text(write) -> None:
    [doc] = read_file(write("interview_lasrobot.txt", NOSCRIBE_TXT))
    assert doc.kind == "transcript"
    assert doc.text.startswith("interview_lasrobot\nTranscribed with noScribe vers. 0.5\n\n")
    assert spans(doc) == [  # the heading belongs to no turn
        ("S01", 12.0, 40.0, "S01: Hoe ben je bij de lasrobot terechtgekomen? En wanneer?"),
        ("S02", 40.0, 65.0, "S02: Via mijn collega Ahmed, in 2019. 😀"),
        ("S01", 65.0, None, "S01: En daarna leerde je het zelf?")]
    assert "[00:" not in doc.text


def test_noscribe_txt_with_the_stamp_before_the_colon(write) -> None:
    """noScribe's own TXT export writes ``S00 [00:00:00]: text`` and, after a while within a
    long turn, another ``[00:00:42]``: times both, out of the text."""
    text = ("S00 [00:00:00]: Goedemorgen. [00:00:42] Zullen we beginnen?\n\n"
            "S01 [00:01:03]: Ja, graag. 🙂\n")
    [doc] = read_file(write("opname.txt", text))
    assert spans(doc) == [("S00", 0.0, 63.0, "S00: Goedemorgen. Zullen we beginnen?"),
                          ("S01", 63.0, None, "S01: Ja, graag. 🙂")]


# The HTML noScribe writes with "overlapping speech" on: a paragraph per speaker, an anchor per
# segment; S02's words said over S01 are an anchor of "//S02" inside S01's paragraph, and S01's
# next anchor opens with "//" where the overlap ends.
NOSCRIBE_HTML = """<!DOCTYPE html>
<html><head><meta charset="UTF-8"><meta name="audio_source" content="D:/opnames/lasrobot.m4a"/>
</head><body><div class="WordSection1">
<p style="font-weight: 600">lasrobot</p>
<p><span style="color: #909090; font-size: 0.8em">Transcribed with noScribe vers. 0.5<br/>
(Language: nl | Speaker detection: auto | Overlapping speech: True)</span></p><p></p>
<p><a name="ts_12000_30090_S01" >S01 <span style="color: #78909C" >[00:00:12]</span>: Hoe ben \
je bij de lasrobot gekomen?</a><a name="ts_30090_30910_//S02" > //S02: Via Ahmed.</a>\
<a name="ts_30910_39000_S01" >// En wanneer was dat?</a></p>
<p><a name="ts_40000_52000_S02" >S02 <span style="color: #78909C" >[00:00:40]</span>: In 2019, \
na de fusie.</a><a name="ts_52000_53000_//S01" > //S01: Echt waar?//</a></p>
<p><a name="ts_54000_60000_S01" >S01 <span style="color: #78909C" >[00:00:54]</span>: Dank \
je wel.</a></p>
</div></body></html>"""


def test_noscribe_html_overlapping_speech_is_its_speaker_not_a_new_one(write) -> None:
    [doc] = read_file(write("lasrobot.html", NOSCRIBE_HTML))
    assert {t.speaker for t in doc.turns} == {"S01", "S02"}
    assert spans(doc) == [
        ("S01", 12.0, 30.09, "S01: Hoe ben je bij de lasrobot gekomen?"),
        ("S02", 30.09, 30.91, "S02: //Via Ahmed.//"),
        ("S01", 30.91, 39.0, "S01: En wanneer was dat?"),
        ("S02", 40.0, 52.0, "S02: In 2019, na de fusie."),
        ("S01", 52.0, 60.0, "S01: //Echt waar?// Dank je wel.")]


# -- ELAN ------------------------------------------------------------------------------------

EAF = """<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-03-12T10:40:00+01:00" FORMAT="3.0" VERSION="3.0"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
    <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/opnames/lasrobot.wav" MIME_TYPE="audio/x-wav"
        RELATIVE_MEDIA_URL="./lasrobot.wav"/>
    <PROPERTY NAME="lastUsedAnnotationId">6</PROPERTY>
  </HEADER>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2300"/>
    <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2450"/>
    <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="6120"/>
    <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="6500"/>
    <TIME_SLOT TIME_SLOT_ID="ts6"/>
    <TIME_SLOT TIME_SLOT_ID="ts7"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="default-lt" PARTICIPANT="Interviewer" TIER_ID="INT">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>Hoe leer je hier nieuwe dingen?</ANNOTATION_VALUE>
    </ALIGNABLE_ANNOTATION></ANNOTATION>
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts5" TIME_SLOT_REF2="ts6">
      <ANNOTATION_VALUE>En van de handleiding? 📖</ANNOTATION_VALUE>
    </ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="Jan">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>Meestal van collega's aan de machine.</ANNOTATION_VALUE>
    </ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="translation" PARENT_REF="Jan" TIER_ID="Jan-en">
    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a4" ANNOTATION_REF="a2">
      <ANNOTATION_VALUE>Mostly from colleagues at the machine.</ANNOTATION_VALUE>
    </REF_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt"
      TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false"
      LINGUISTIC_TYPE_ID="translation" TIME_ALIGNABLE="false"/>
</ANNOTATION_DOCUMENT>
"""


def test_elan_tiers_are_speakers_and_time_slots_are_times(write) -> None:
    path = write("lasrobot.eaf", EAF)
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert spans(doc) == [
        ("Interviewer", 0.0, 2.3, "Interviewer: Hoe leer je hier nieuwe dingen?"),
        ("Jan", 2.45, 6.12, "Jan: Meestal van collega's aan de machine."),
        ("Interviewer", 6.5, 6.5, "Interviewer: En van de handleiding? 📖")]
    assert "Mostly" not in doc.text  # the translation tier describes, it does not speak
    assert len(doc.warnings) == 2
    assert "annotation a3 of tier 'Interviewer'" in doc.warnings[0]
    assert "tier 'Jan-en' depends on tier 'Jan'" in doc.warnings[1]


def test_elan_entities_and_other_xml_are_refused(write) -> None:
    bomb = EAF.replace('<ANNOTATION_DOCUMENT', '<!DOCTYPE x [<!ENTITY a "aaaa">]>\n'
                       '<ANNOTATION_DOCUMENT', 1)
    assert_bad(lambda: read_file(write("bomb.eaf", bomb)), "bomb.eaf", "entities")
    assert_bad(lambda: read_file(write("other.eaf", "<html/>")), "other.eaf",
               "not an ELAN annotation file")
    assert_bad(lambda: read_file(write("broken.eaf", EAF[:300])), "broken.eaf",
               "cannot be read")
    assert_bad(lambda: read_file(write("a.eaf", EAF), "fieldnote"), "a.eaf", "transcript")


# -- oTranscribe ------------------------------------------------------------------------------

OTR = {
    "text": ('<p><span class="timestamp" contenteditable="false" data-timestamp="3.52">'
             '0:00:03</span>&nbsp;Interviewer: Hoe lang werk je hier al?</p>'
             '<p><span class="timestamp" contenteditable="false" data-timestamp="9.1">0:00:09'
             '</span>&nbsp;Jan: Twaalf jaar, sinds de fusie.<br>Daarvoor bij Stork. 😀</p>'
             '<p>Interviewer: Zonder tijd.</p>'
             '<p><span class="timestamp" data-timestamp="0:00:15">0:00:15</span> '
             'Interviewer: En daarvoor?</p>'),
    "media": "interview-jan.mp3", "media-time": 15.204,
}


def test_otranscribe_file_becomes_timed_turns(write) -> None:
    [doc] = read_file(write("jan.otr", json.dumps(OTR)))
    assert spans(doc) == [
        ("Interviewer", 3.52, 9.1, "Interviewer: Hoe lang werk je hier al?"),
        ("Jan", 9.1, 15.0, "Jan: Twaalf jaar, sinds de fusie. Daarvoor bij Stork. 😀"),
        # an untimed paragraph of a speaker takes the time of the same speaker's next one
        ("Interviewer", 15.0, None, "Interviewer: Zonder tijd. En daarvoor?")]


def test_bad_otranscribe_files(write) -> None:
    assert_bad(lambda: read_file(write("a.otr", "{not json")), "a.otr", "not JSON")
    assert_bad(lambda: read_file(write("b.otr", '{"media": "x.mp3"}')), "b.otr", "no 'text'")
    assert_bad(lambda: read_file(write("c.otr", '{"text": "<p> </p>"}')), "c.otr", "empty")


# -- YouTube .sbv -----------------------------------------------------------------------------

SBV = """0:00:00.599,0:00:04.160
>> Interviewer: Welkom bij de lasafdeling,
hoe gaat het vandaag?

0:00:04.160,0:00:06.770
>> Jan: Goed hoor. Druk, maar goed.

0:00:06.770,0:00:09.010
[muziek]

0:00:09.010,0:00:12.000
Jan: Café is om tien uur. ☕
"""


def test_youtube_sbv_captions(write) -> None:
    path = write("lasafdeling.sbv", SBV)
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert spans(doc) == [
        ("Interviewer", 0.599, 4.16,
         "Interviewer: Welkom bij de lasafdeling, hoe gaat het vandaag?"),
        ("Jan", 4.16, 6.77, "Jan: Goed hoor. Druk, maar goed."),
        ("", 6.77, 9.01, "[muziek]"),
        ("Jan", 9.01, 12.0, "Jan: Café is om tien uur. ☕")]
    assert_bad(lambda: read_file(write("x.sbv", "gewoon tekst\n")), "x.sbv",
               "no SBV captions")


# -- Hugging Face / insanely-fast-whisper "chunks" ---------------------------------------------

def test_chunks_json_with_a_missing_last_end(write) -> None:
    data = {"text": " Goedemorgen. Hoe gaat het?", "chunks": [
        {"timestamp": [0.0, 1.24], "text": " Goedemorgen."},
        {"timestamp": [1.24, 2.5], "text": " Hoe gaat het? 😀"},
        {"timestamp": [2.5, None], "text": " Goed."}]}
    [doc] = read_file(write("gesprek.json", json.dumps(data)))
    assert spans(doc) == [("", 0.0, 1.24, "Goedemorgen."), ("", 1.24, 2.5, "Hoe gaat het? 😀"),
                          ("", 2.5, 2.5, "Goed.")]
    [warning] = doc.warnings
    assert "cue 3" in warning and "no usable end time" in warning


def test_diarised_chunks_json_names_the_speakers(write) -> None:
    data = {"speakers": [
        {"speaker": "SPEAKER_00", "timestamp": [0.0, 1.24], "text": " Goedemorgen."},
        {"speaker": "SPEAKER_01", "timestamp": [1.3, 2.5], "text": " Hoe gaat het?"}],
        "chunks": [{"timestamp": [0.0, 2.5], "text": " Goedemorgen. Hoe gaat het?"}],
        "text": " Goedemorgen. Hoe gaat het?"}
    [doc] = read_file(write("gesprek.json", json.dumps(data)))
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("SPEAKER_00", 0.0, 1.24), ("SPEAKER_01", 1.3, 2.5)]


@pytest.mark.parametrize("content, words", [
    ('{"chunks": "x"}', "nor 'chunks'"),
    ('{"chunks": [1]}', "chunk 1 is not an object"),
    ('{"chunks": [{"timestamp": [0, 1], "text": " "}]}', "no chunks with text"),
])
def test_bad_chunks_json(write, content: str, words: str) -> None:
    assert_bad(lambda: read_file(write("a.json", content)), "a.json", words)
