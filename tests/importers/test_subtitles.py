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
