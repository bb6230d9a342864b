"""Citations by paragraph, transcript timestamp and ESM beep time (no Qt, no database)."""

from __future__ import annotations

from fieldkit.core.citation import Citation, Citer, clock, paragraph_starts
from fieldkit.core.model import Turn


def test_paragraphs_are_lines_with_text_whatever_the_line_ends() -> None:
    text = "Eerste alinea.\r\n\r\nTweede 🙂 alinea.\rDerde\n\n\nVierde"
    starts = paragraph_starts(text)
    assert [text[s:s + 5] for s in starts] == ["Eerst", "Tweed", "Derde", "Vierd"]
    citer = Citer(text)
    assert citer.cite(text.index("alinea")).paragraph == 1
    # the emoji is one code point: positions after it still land in paragraph 2
    after_emoji = text.index("🙂") + 2
    assert text[after_emoji:after_emoji + 6] == "alinea"
    assert citer.cite(after_emoji, after_emoji + 6).place() == "¶ 2"
    assert citer.cite(text.index("Derde")).place() == "¶ 3"
    assert citer.cite(text.index("Vierde"), len(text)).place() == "¶ 4"


def test_a_span_over_several_paragraphs_names_the_first_and_last() -> None:
    text = "Een.\n\nTwee.\n\nDrie."
    citer = Citer(text)
    cited = citer.cite(0, text.index("Drie") + 2)
    assert (cited.paragraph, cited.last_paragraph) == (1, 3)
    assert cited.place() == "¶ 1–3"
    # a span ending exactly at a paragraph's end stays in that paragraph
    assert citer.cite(0, 4).place() == "¶ 1"


def test_leading_blank_lines_and_empty_texts() -> None:
    assert Citer("\n\nTekst").cite(2).paragraph == 1
    assert Citer("\n\nTekst").cite(0).paragraph == 1
    assert Citer("").cite(0) == Citation(None, None)
    assert Citer("abc").cite(None).place() == ""


def test_transcripts_cite_speaker_and_timestamp() -> None:
    text = "Interviewer: Hoe?\nAhmed: Door te kijken.\nInterviewer: En toen?"
    turns = [Turn(0, 17, "Interviewer", 0.0, 4.0), Turn(18, 40, "Ahmed", 4.5, 3725.0),
             Turn(41, 62, "Interviewer", 3725.0, None)]
    citer = Citer(text, turns)
    cited = citer.cite(text.index("Door"), text.index("Door") + 4)
    assert (cited.paragraph, cited.speaker, cited.timestamp) == (2, "Ahmed", 4.5)
    assert cited.place() == "¶ 2 · 00:00:04"
    assert citer.cite(text.index("En toen")).place() == "¶ 3 · 01:02:05"
    assert clock(None) == "" and clock(3725.9) == "01:02:05"


def test_esm_beeps_cite_the_beep_time() -> None:
    text = ("2024-03-06 10:15\nWat gebeurde er net?: Jan liet me de klem zien.\n\n"
            "2024-03-06 14:40\nWat gebeurde er net?: Niets bijzonders 😴.")
    first = text.index("Jan")
    second = text.index("Niets")
    beeps = [{"beep": "1", "time": "2024-03-06T10:15:00", "text": {"free": [first, first + 5]}},
             {"beep": "2", "time": "2024-03-06T14:40:00",
              "text": {"free": [second, len(text)]}},
             {"beep": "3", "time": "2024-03-06T16:00:00", "text": {}}]  # no free text
    citer = Citer.for_document(text, "esm", (), {"beeps": beeps})
    assert citer.cite(first, first + 3).place() == "¶ 2 · beep 10:15"
    assert citer.cite(second, len(text)).place() == "¶ 4 · beep 14:40"
    assert citer.cite(second).place("piep") == "¶ 4 · piep 14:40"
    # the demo's layout: one line per beep, "10:32 prompt — answer"
    demo = "10:32 Wat leerde je? — Hoe de pers werkt.\n13:05 Wie hielp? — Henk."
    a, b = demo.index("Hoe"), demo.index("Henk")
    citer = Citer.for_document(demo, "esm", (), {"beeps": [
        {"time": "2024-03-06T10:32:00", "text": {"learned": [a, a + 5]}},
        {"time": "2024-03-06T13:05:00", "text": {"help": [b, b + 5]}}]})
    assert citer.cite(b, b + 4).place() == "¶ 2 · beep 13:05"
    # beeps are only read for ESM documents
    assert Citer.for_document(demo, "text", (), {"beeps": []}).cite(b).place() == "¶ 2"
