"""Sound descriptions are not speakers; cue times are put right; a chat message is a moment.

The subtitle file is shaped like a real Netflix one (Spanish with English, German, French and
Dutch lines, as a multilingual production's SDH track has): dialogue dashes, speakers named in
capitals or in title case, one-off speakers (``POLICÍA:``), and descriptions where a name would
stand — ``riendo:``, ``[suspira]``, ``Digo: «…»``, ``[MUSIC PLAYING]``, ``lacht:``.
"""

from __future__ import annotations

from fieldkit.importers import read_file
from fieldkit.importers.transcript import match_speaker_line

SPEAKERS = ["MARÍA", "JUAN", "PROFESORA", "Madre", "Carlos", "ANA", "POLICÍA", "Nerea",
            "Sr. Ruiz", "Lucía", "ÓSCAR", "Abuela", "MUJER", "HOMBRE"]
LINES = [
    "MARÍA: ¿Dónde estabas anoche?", "-JUAN: En el taller.\n-riendo: ¿Otra vez?",
    "PROFESORA: Sentaos, por favor.", "[suspira] Vale, empezamos.", "Madre: ¡A cenar!",
    "Carlos: Ya voy, mamá.", "ANA: Digo: «no vuelvas tarde».", "[música] Feliz cumpleaños…",
    "POLICÍA: Documentación, por favor.", "Nerea: Aquí tiene.", "susurrando: No digas nada.",
    "Sr. Ruiz: La reunión es a las diez.", "Lucía: ¿Y el café? ☕", "JUAN: Ahora lo traigo.",
    "Digo: «esto no es justo»", "ÓSCAR: ¿Quién ha sido?", "Abuela: Yo no, hijo.",
    "[MUSIC PLAYING] Happy birthday to you", "MUJER: Danke schön.", "lacht: Das ist gut!",
    "HOMBRE: Merci beaucoup.", "chuchote : Il arrive.", "MARÍA: Dank je wel.",
    "zucht: Nou, vooruit dan.", "-ANA: ¿Vienes?\n-JUAN: Sí.", "flüstert: Leise!",
    "Carlos: Hasta mañana.", "MARÍA: Adiós.", "Lucía: Venga.", "Nerea: Hasta luego.",
    "riendo: ¡Qué bueno!", "Madre: Buenas noches.", "ÓSCAR: Buenas noches.",
]
DESCRIPTIONS = ["riendo", "suspira", "música", "Digo", "susurrando", "MUSIC PLAYING", "lacht",
                "chuchote", "zucht", "flüstert"]


def netflix_srt() -> str:
    cues = []
    for n, text in enumerate(LINES, 1):
        start, end = 60 + n * 3, 60 + n * 3 + 2
        payload = text.replace("\n", "\r\n")
        cues.append(f"{n}\r\n00:{start // 60:02d}:{start % 60:02d},120 --> "
                    f"00:{end // 60:02d}:{end % 60:02d},880\r\n{payload}\r\n")
    return "\ufeff" + "\r\n".join(cues)


def test_the_file_has_24_candidate_speakers_of_which_10_describe_sounds() -> None:
    candidates = {found.speaker for line in netflix_srt().replace("\r", "").split("\n")
                  if (found := match_speaker_line(line.lstrip("-"))) and found.rest}
    assert candidates == set(SPEAKERS) | set(DESCRIPTIONS)
    assert len(candidates) == 24


def test_sound_descriptions_stay_text_and_are_not_speakers(write) -> None:
    [doc] = read_file(write("La casa S01E01.es.srt", netflix_srt().encode("utf-8")))
    assert {t.speaker for t in doc.turns} - {""} == set(SPEAKERS)
    for kept in ("riendo: ¿Otra vez?", "[suspira] Vale, empezamos.", "Digo: «esto no es justo»",
                 "[MUSIC PLAYING] Happy birthday to you", "lacht: Das ist gut!",
                 "chuchote : Il arrive.", "zucht: Nou, vooruit dan.", "flüstert: Leise!",
                 "susurrando: No digas nada."):
        assert kept in doc.text
    juan = next(t for t in doc.turns if doc.text[t.start:t.end].startswith("JUAN: En el"))
    # the description stays where it was, with its dialogue dash, in Juan's turn
    assert doc.text[juan.start:juan.end] == "JUAN: En el taller. -riendo: ¿Otra vez?"
    ana = next(t for t in doc.turns if t.speaker == "ANA")
    assert doc.text[ana.start:ana.end] == "ANA: Digo: «no vuelvas tarde»."


def test_lower_case_labels_with_turn_structure_are_speakers(write) -> None:
    """Typed in lower case throughout an interview, the labels are the speakers."""
    text = ("int: Hoe lang werk je hier?\nresp: Twaalf jaar.\nint: En daarvoor?\n"
            "resp: Bij Stork.\nresp: lacht: Dat was een tijd.\nint: Dank je.\n")
    [doc] = read_file(write("gesprek.txt", text))
    assert [t.speaker for t in doc.turns] == ["int", "resp", "int", "resp", "resp", "int"]


def test_a_vtt_cue_ending_before_it_starts_is_clamped_and_warned(write) -> None:
    vtt = ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v Jan>Hallo daar.\n\n"
           "00:00:06.000 --> 00:00:07.000\n<v Piet>Ja.\n")
    [doc] = read_file(write("terug.vtt", vtt))
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Jan", 5.0, 5.0), ("Piet", 6.0, 7.0)]
    assert doc.warnings == ['terug.vtt: cue 1 ("Hallo daar.") ends before it starts; it ends '
                            'where it starts']


def test_zoom_chat_messages_are_moments(write) -> None:
    cloud = ("00:58:04\tAlex de Boer:\tDepends on your shift, I guess.\n"
             "00:58:20\tWheezy:\tDid you check https://example.org/a:b? 😀\n"
             "01:02:11\tAlex de Boer:\tYes.\n")
    [doc] = read_file(write("chat.txt", cloud))
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Alex de Boer", 3484.0, 3484.0), ("Wheezy", 3500.0, 3500.0),
        ("Alex de Boer", 3731.0, 3731.0)]
    assert doc.text.split("\n\n")[1] == "Wheezy: Did you check https://example.org/a:b? 😀"
    meeting = ("10:02:15 From Jan Jansen to Everyone:\n\tGoedemorgen allemaal\n"
               "10:03:01 From Eva to Jan Jansen(Direct Message):\n\tKoffie? ☕\n")
    [doc] = read_file(write("meeting_saved_chat.txt", meeting))
    assert doc.kind == "transcript"
    assert [(t.speaker, t.t_start, t.t_end) for t in doc.turns] == [
        ("Jan Jansen", 36135.0, 36135.0), ("Eva", 36181.0, 36181.0)]
    assert doc.text == "Jan Jansen: Goedemorgen allemaal\n\nEva: Koffie? ☕"
