from __future__ import annotations

from fieldkit.importers import detect_kind, read_file

from .conftest import assert_bad

VTT = """WEBVTT - Teams export

NOTE
Dit is een opmerking
over twee regels

STYLE
::cue { color: red }

1
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v Karin de Vries>Goedemorgen, <b>welkom</b> &amp; 😀</v>

2
00:00:04.500 --> 00:00:07.000
<v Karin de Vries>Zullen we beginnen?

intro-3
00:00:07.200 --> 00:00:09.000
<v.loud Ahmed>Ja! <i>Graag</i> e\u0301cht.</v>

00:01:02.000 --> 00:01:05.250
<v Karin de Vries><c.yellow>Mooi</c> <00:01:03.000>zo.
"""

SRT = """1
00:00:01,000 --> 00:00:02,500
Interviewer: Hoe lang werk je hier?

2
00:00:02,600 --> 00:00:05,000
Operator: Zes jaar.
Eerst in de inpak.

3
00:00:05,100 --> 00:00:06,000
Operator: Nu aan de pers.

4
00:00:06,500 --> 00:00:08,000
<i>[geluid van de machine]</i>
"""


def test_webvtt(write) -> None:
    path = write("gesprek.vtt", VTT)
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert doc.kind == "transcript"
    assert "opmerking" not in doc.text and "color" not in doc.text
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Karin de Vries: Goedemorgen, welkom & 😀 Zullen we beginnen?",
        "Ahmed: Ja! Graag e\u0301cht.",
        "Karin de Vries: Mooi zo.",
    ]
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Karin de Vries", 1.0, 7.0), ("Ahmed", 7.2, 9.0), ("Karin de Vries", 62.0, 65.25)]
    assert doc.original == path.read_bytes()


def test_srt_with_speaker_prefixes(write) -> None:
    [doc] = read_file(write("opname.srt", SRT.replace("\n", "\r\n").encode("utf-8-sig")))
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Interviewer: Hoe lang werk je hier?",
        "Operator: Zes jaar. Eerst in de inpak. Nu aan de pers.",
        "[geluid van de machine]",
    ]
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Interviewer", 1.0, 2.5), ("Operator", 2.6, 6.0), ("", 6.5, 8.0)]


def test_bad_subtitles(write) -> None:
    assert_bad(lambda: read_file(write("x.vtt", "1\n00:00:01.000 --> 00:00:02.000\nhoi\n")),
               "x.vtt", "WEBVTT")
    assert_bad(lambda: read_file(write("leeg.srt", "just some words\n")), "leeg.srt", "no subtitle")
    assert_bad(lambda: read_file(write("y.vtt", "WEBVTT\n\nhallo"), kind="text"), "y.vtt")


# Made like a Microsoft Teams transcript download (.vtt): one-digit hour, minute and second
# fields and a one-digit fraction, voice tags per cue.
TEAMS = """WEBVTT

0:0:0.0 --> 0:0:2.5
<v Karin de Vries>Goedemorgen allemaal.</v>

0:0:2.5 --> 0:0:11.25
<v Ahmed Yilmaz>Morgen. Zal ik beginnen?</v>

0:1:5.0 --> 1:2:3.4
<v Karin de Vries>Graag.</v>
"""

# Made like youtube-dl's automatic captions (.vtt): a Kind/Language header and each cue's
# timing line straight after the previous cue's text, with no blank line; MM:SS.mmm times.
YOUTUBE_DL = """WEBVTT
Kind: captions
Language: nl

00:01.000 --> 00:03.000
Interviewer: hoe lang werk je hier al
00:03.000 --> 00:05.500
Operator: zes jaar
eerst in de inpak
00:05.500 --> 00:07.000
Interviewer: en daarna
"""


def test_teams_one_digit_times(write) -> None:
    [doc] = read_file(write("teams.vtt", TEAMS))
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Karin de Vries", 0.0, 2.5), ("Ahmed Yilmaz", 2.5, 11.25),
        ("Karin de Vries", 65.0, 3723.4)]
    assert doc.text.startswith("Karin de Vries: Goedemorgen allemaal.\n\nAhmed Yilmaz: Morgen.")


def test_youtube_dl_cues_without_blank_lines(write) -> None:
    [doc] = read_file(write("captions.nl.vtt", YOUTUBE_DL))
    assert "-->" not in doc.text and "Kind:" not in doc.text
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Interviewer: hoe lang werk je hier al", "Operator: zes jaar eerst in de inpak",
        "Interviewer: en daarna"]
    assert [(t.t_start, t.t_end) for t in doc.turns] == [(1.0, 3.0), (3.0, 5.5), (5.5, 7.0)]


def test_srt_numbers_without_blank_lines_and_dot_or_comma(write) -> None:
    # An SRT as some converters write it: numbered cues run together, dot or comma fractions.
    srt = ("1\n00:00:01,000 --> 00:00:02,500\nInterviewer: Hoe lang?\n"
           "2\n00:00:02.600 --> 00:00:05.000\nOperator: Zes jaar.\n"
           "3\n0:0:6,5 --> 0:0:8,0\nInterviewer: Mooi.\n")
    [doc] = read_file(write("run-together.srt", srt))
    assert [(doc.text[t.start:t.end], t.t_start, t.t_end) for t in doc.turns] == [
        ("Interviewer: Hoe lang?", 1.0, 2.5), ("Operator: Zes jaar.", 2.6, 5.0),
        ("Interviewer: Mooi.", 6.5, 8.0)]
