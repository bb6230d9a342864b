"""Cutting documents into sentences that can be suggested."""

from __future__ import annotations

from fieldkit.assist.passages import covered, mostly_covered, passages


def quotes(text: str, turns: list[tuple[int, int, str]] | None = None) -> list[str]:
    return [text[s:e] for s, e in passages(text, turns or [])]


def test_sentences_leave_out_clock_times_labels_and_dashes() -> None:
    text = ("07:21 Geur van lasdamp in de hal. Kees toont een mal van restmateriaal!\n"
            "08:52 Waar liep je vandaag tegenaan? — Het MES snapte ik niet.\n\n"
            "Reflectie: Ahmed maakt een foto van de spindel.\nJa.")
    assert quotes(text) == [
        "Geur van lasdamp in de hal.", "Kees toont een mal van restmateriaal!",
        "Waar liep je vandaag tegenaan?", "Het MES snapte ik niet.",
        "Ahmed maakt een foto van de spindel.",
    ]


def test_positions_are_code_points_with_emoji_and_accents() -> None:
    text = "👍👍 Coördinatie met de planner loopt via WhatsApp. Één fout, daarna goed."
    spans = passages(text)
    assert [text[s:e] for s, e in spans] == [
        "Coördinatie met de planner loopt via WhatsApp.", "Één fout, daarna goed."]
    assert spans[0][0] == 3


def test_transcript_sentences_stay_inside_turns_without_the_speaker() -> None:
    text = ("[00:00:08] Sanne de Vries: Ik werk hier nu tien jaar. Het bevalt goed.\n"
            "[00:00:20] Interviewer: En daarna?")
    first = text.index("Sanne")
    second = text.index("Interviewer")
    turns = [(first, text.index("\n"), "Sanne de Vries"), (second, len(text), "Interviewer")]
    assert quotes(text, turns) == ["Ik werk hier nu tien jaar.", "Het bevalt goed.",
                                   "En daarna?"]


def test_mostly_covered() -> None:
    assert mostly_covered((10, 30), (12, 30))
    assert mostly_covered((10, 30), (0, 100))
    assert not mostly_covered((10, 30), (28, 60))
    assert not mostly_covered((10, 30), (30, 40))


def test_cutting_only_where_words_occur() -> None:
    text = ("07:21 Geur van lasdamp in de hal. Kees toont een mal.\n\n"
            "Reflectie: Ahmed maakt een foto van de spindel.\nDe spindel draait weer. Mooi zo.")
    every = passages(text)
    assert passages(text, at=list(range(len(text)))) == every
    assert passages(text, at=[]) == []
    spindle = [i for i in range(len(text)) if text.startswith("spindel", i)]
    assert [text[s:e] for s, e in passages(text, at=spindle)] == [
        "Ahmed maakt een foto van de spindel.", "De spindel draait weer.", "Mooi zo."]
    turns = [(0, text.index("\n"), "Kees"), (text.index("Reflectie"), len(text), "Ahmed")]
    assert passages(text, turns, at=[text.index("hal")]) == passages(text, turns)[:2]


def test_covered_agrees_with_mostly_covered() -> None:
    units = [(0, 10), (10, 30), (40, 60), (70, 71)]
    spans = [(12, 30), (55, 90), (0, 3)]
    assert covered(units, spans) == [any(mostly_covered(u, s) for s in spans) for u in units]
    assert covered(units, []) == [False] * 4 and covered([], spans) == []
