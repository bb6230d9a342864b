from __future__ import annotations

from fieldkit.importers import detect_kind, read_file
from fieldkit.importers.transcript import looks_like_transcript, parse_transcript

from .conftest import assert_bad


def spans(text: str, turns) -> list[str]:
    return [text[t.start:t.end] for t in turns]


def test_all_line_shapes_and_times(write) -> None:
    raw = (
        "Interview Metaal BV, hal 3\r\n"
        "[00:01:23] Interviewer: Hoe leer je een nieuwe machine?\r\n"
        "00:01:30 Karin de Vries: Door te kijken 😀 bij Ahmed.\r\n"
        "Dan probeer ik het zelf.\r\n"
        "\r\n"
        "(01:45) Interviewer:\r\n"
        "En als het misgaat?\r\n"
        "Karin de Vries: Dan bel ik de monteur – e\u0301cht.\r\n"
    )
    path = write("interview.txt", raw.encode("utf-8"))
    assert detect_kind(path) == "transcript"
    [doc] = read_file(path)
    assert doc.kind == "transcript"
    assert "\r" not in doc.text
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Karin de Vries", "Interviewer",
                                             "Karin de Vries"]
    assert spans(doc.text, doc.turns) == [
        "Interviewer: Hoe leer je een nieuwe machine?",
        "Karin de Vries: Door te kijken 😀 bij Ahmed.\nDan probeer ik het zelf.",
        "Interviewer:\nEn als het misgaat?",
        "Karin de Vries: Dan bel ik de monteur – e\u0301cht.",
    ]
    assert [t.t_start for t in doc.turns] == [83.0, 90.0, 105.0, None]
    assert [t.t_end for t in doc.turns] == [90.0, 105.0, None, None]
    assert doc.text.startswith("Interview Metaal BV, hal 3\n\nInterviewer:")


def test_offsets_are_code_points_after_emoji(write) -> None:
    [doc] = read_file(write("t.txt", "A: 😀😀 e\u0301\nB: ná\nA: 👍🏽 ok\n"))
    assert spans(doc.text, doc.turns) == ["A: 😀😀 e\u0301", "B: ná", "A: 👍🏽 ok"]
    assert doc.turns[1].start == len("A: 😀😀 e\u0301") + 2


def test_one_off_label_inside_answer_stays_text() -> None:
    text = "Jan: Waarom?\nPiet: Reden: de band stond stil.\nJan: Ok.\nPiet: Ja.\nOpmerking: x\n"
    body, turns = parse_transcript(text)
    assert [t.speaker for t in turns] == ["Jan", "Piet", "Jan", "Piet"]
    assert spans(body, turns)[-1] == "Piet: Ja.\nOpmerking: x"


def test_prose_is_text_not_transcript(write) -> None:
    prose = ("Vandaag bezoek aan de lijn.\nDe ploegleider legt uit hoe het werkt.\n"
             "Let op: de machine piept.\nDaarna koffie.\n")
    assert not looks_like_transcript(prose)
    [doc] = read_file(write("notes.txt", prose))
    assert doc.kind == "text" and doc.text == prose


def test_forced_transcript_and_forced_text(write) -> None:
    path = write("kort.txt", "Inleiding\nJan: een enkele beurt\n")
    [doc] = read_file(path, kind="transcript")
    assert doc.kind == "transcript"
    assert spans(doc.text, doc.turns) == ["Jan: een enkele beurt"]
    [plain] = read_file(write("t.txt", "A: x\nB: y\n"), kind="text")
    assert plain.kind == "text" and plain.turns == [] and plain.text == "A: x\nB: y\n"


def test_urls_and_clock_times_do_not_open_turns() -> None:
    assert not looks_like_transcript("https://example.org\n10:30 pauze\nhttp://x.nl\nklaar\n")


# Made like QualCoder's Examples/transcript.txt (and what many transcription services write):
# each turn a paragraph opened by the speaker in square brackets, a blank line between turns.
BRACKETED = (
    "[id1] hello, I like the course. It really helped me with understanding history.\n\n"
    "[id2] I am struggling with the lecture slides. [laughs] They were too busy.\n\n"
    "[id1] yes, I agree, it will be good for my career at the museum.\n\n"
    "[inaudible] something about the tutor\n\n"
    "[id2] Hmm, I will ask the tutor for more help.\n"
    "[sighs deeply] it is a lot\n\n"
    "[00:01:23] [Interviewer] En de nieuwe machine?\n"
    "[Interviewer] (01:30) Wie heeft je dat geleerd?\n"
)


def test_bracketed_speakers_open_turns(write) -> None:
    assert looks_like_transcript(BRACKETED)
    [doc] = read_file(write("transcript.txt", BRACKETED))
    assert doc.kind == "transcript"
    assert [(t.speaker, t.t_start) for t in doc.turns] == [
        ("id1", None), ("id2", None), ("id1", None), ("id2", None), ("Interviewer", 83.0),
        ("Interviewer", 90.0)]
    assert spans(doc.text, doc.turns) == [
        "id1: hello, I like the course. It really helped me with understanding history.",
        "id2: I am struggling with the lecture slides. [laughs] They were too busy.",
        "id1: yes, I agree, it will be good for my career at the museum.\n"
        "[inaudible] something about the tutor",
        "id2: Hmm, I will ask the tutor for more help.\n[sighs deeply] it is a lot",
        "Interviewer: En de nieuwe machine?", "Interviewer: Wie heeft je dat geleerd?"]


def test_forced_transcript_without_speakers_says_so(write) -> None:
    path = write("veldnotitie.txt", "Aankomst om negen uur.\n\nDe pers stond stil.\n")
    assert_bad(lambda: read_file(path, kind="transcript"), "veldnotitie.txt", "no speaker turns")
