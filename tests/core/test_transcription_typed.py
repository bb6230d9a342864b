"""Transcription mode's text of an imported or machine transcript (``as_typed``) and the turns
read back from it: times kept, speakers named once, emoji and accents counted as code points."""

from __future__ import annotations

from fieldkit.core.model import Turn
from fieldkit.core.transcription import as_typed, transcription_turns, without_stamps


def test_each_timed_turn_gets_a_line_opening_with_its_time() -> None:
    text = "Anna: Hoe gaat het? 😀\nBert: Goed, dankjewel. Één ding nog.Anna: Ja?"
    one = text.index("Bert")
    two = text.index("Anna: Ja?")
    turns = [Turn(0, one - 1, "Anna", 0.0, 2.5), Turn(one, two, "Bert", 2.5, 6.25),
             Turn(two, len(text), "Anna", 6.25, 7.0)]
    typed = as_typed(text, turns)
    assert typed.split("\n") == ["[00:00:00] Anna: Hoe gaat het? 😀",
                                 "[00:00:02.5] Bert: Goed, dankjewel. Één ding nog.",
                                 "[00:00:06.25] Anna: Ja?"]
    back = transcription_turns(typed)
    assert [(t.speaker, t.t_start) for t in back] == [("Anna", 0.0), ("Bert", 2.5),
                                                      ("Anna", 6.25)]
    assert [typed[t.start:t.end] for t in back][0] == "Anna: Hoe gaat het? 😀"


def test_a_speaker_the_text_does_not_name_is_written_and_untimed_turns_stay() -> None:
    text = "hallo daar\nnog iets\nslot"
    turns = [Turn(0, 10, "S01", 1.0, None), Turn(11, 19, "S02", None, None),
             Turn(20, 24, "", 9.0, None)]
    typed = as_typed(text, turns)
    assert typed == "[00:00:01] S01: hallo daar\nnog iets\n[00:00:09] slot"
    assert [(t.speaker, t.t_start) for t in transcription_turns(typed)] == [
        ("S01", 1.0), ("", 9.0)]


def test_a_text_already_stamped_is_left_as_it_is() -> None:
    text = "[00:00:01] Anna: ja"
    assert as_typed(text, [Turn(0, len(text), "Anna", 1.0, None)]) == text


def test_a_continued_transcript_is_saved_without_stamps_and_keeps_its_end_times() -> None:
    """Continuing an imported transcript stored the "[00:00:01.2]" stamps as its words and
    made each turn end where the next starts (the last with no end)."""
    text = "Marieke: Hoe gaat het? 🙂\nJan: Goed, héél goed."
    jan = text.index("Jan")
    before = [Turn(0, jan - 1, "Marieke", 0.0, 1.1), Turn(jan, len(text), "Jan", 1.2, 2.8)]
    edited = as_typed(text, before) + "\n[00:00:03] Marieke: En dan?"
    stored, turns = without_stamps(edited, before)
    assert stored == text + "\nMarieke: En dan?"
    assert "[" not in stored
    assert [(stored[t.start:t.end], t.speaker, t.t_start, t.t_end) for t in turns] == [
        ("Marieke: Hoe gaat het? 🙂", "Marieke", 0.0, 1.1),
        ("Jan: Goed, héél goed.", "Jan", 1.2, 2.8),
        ("Marieke: En dan?", "Marieke", 3.0, None)]


def test_a_changed_stamp_ends_where_the_next_turn_starts() -> None:
    text = "eerste zin\ntweede zin"
    before = [Turn(0, 10, "", 0.5, 0.9), Turn(11, 21, "", 1.2, 2.8)]
    edited = as_typed(text, before).replace("[00:00:00.5]", "[00:00:00.7]")
    stored, turns = without_stamps(edited, before)
    assert stored == text
    assert [(t.start, t.end, t.t_start, t.t_end) for t in turns] == [
        (0, 10, 0.7, 1.2), (11, 21, 1.2, 2.8)]


def test_speakers_the_text_does_not_name_stay_out_of_it() -> None:
    text = "Hoe gaat het?\nGoed."
    before = [Turn(0, 13, "Anna", 0.0, 1.0), Turn(14, 19, "Piet", 1.0, 2.0)]
    edited = as_typed(text, before)
    assert "Anna: " in edited
    stored, turns = without_stamps(edited, before, names_in_text=False)
    assert stored == text
    assert [(t.start, t.end, t.speaker, t.t_end) for t in turns] == [
        (0, 13, "Anna", 1.0), (14, 19, "Piet", 2.0)]
