"""Analysing an edited long text again from its changed middle gives exactly what analysing the
whole text gives: random edits (inside words, at their edges, at both ends) on texts with
emoji, accents, combining marks, CRLF, underscores, digits and apostrophes."""

from __future__ import annotations

import random

from fieldkit.index.incremental import LONG, Reanalyser, reanalyse
from fieldkit.index.words import analyser

PIECES = ["de", "machine", "Coördinatie", "coo\u0308rdinatie", "één", "🙂", "\r\n", "\n", " ",
          "  ", ", ", ". ", "_", "snel_klaar", "auto's", "09:14", "2024", "ÉÉN", "straße",
          "lasrobot", "ploegleider", "x", "-", "e-mail", "\u0301", "ğ", "日本"]


def text_of(rng: random.Random, n: int) -> str:
    parts = []
    while sum(map(len, parts)) < n:
        parts.append(rng.choice(PIECES))
    return "".join(parts)


def edit(rng: random.Random, text: str) -> str:
    kind = rng.random()
    at = rng.choice([0, len(text), rng.randrange(len(text) + 1)])
    if kind < 0.4:  # insert
        return text[:at] + text_of(rng, rng.randint(1, 60)) + text[at:]
    if kind < 0.7:  # delete
        return text[:at] + text[at + rng.randint(1, 80):]
    if kind < 0.9:  # replace
        return text[:at] + text_of(rng, rng.randint(1, 30)) + text[at + rng.randint(1, 30):]
    cut = rng.randrange(len(text))  # move a stretch
    piece = text[cut:cut + 200]
    rest = text[:cut] + text[cut + 200:]
    where = rng.randrange(len(rest) + 1)
    return rest[:where] + piece + rest[where:]


def test_random_edits_give_the_whole_analysis() -> None:
    rng = random.Random(23)
    an = analyser("nl")
    again = Reanalyser(an)
    text = text_of(rng, LONG + 5_000)
    assert again.analyse(text) == an.analyse(text)
    for _ in range(300):
        text = edit(rng, text)
        if len(text) < LONG:
            text += text_of(rng, LONG - len(text) + 100)
        assert again.analyse(text) == an.analyse(text)


def test_edits_next_to_words_and_unrelated_texts() -> None:
    an = analyser("en")
    again = Reanalyser(an)
    base = "word " * 5_000
    for new in (base + "s", "s" + base, base[:100] + "x" + base[100:],
                base[:99] + "\u0308" + base[99:], base[:101] + base[102:], base.upper(),
                "🙂" * 30_000, base):
        assert again.analyse(new) == an.analyse(new)
    short = "een korte tekst"
    assert reanalyse(an, short) == an.analyse(short)


def test_scattered_changes_split_only_their_lines() -> None:
    rng = random.Random(5)
    an = analyser("nl")
    again = Reanalyser(an)
    lines = [f"[dag {i}] " + text_of(rng, 80).replace("\n", " ") for i in range(600)]
    text = "\n".join(lines)
    assert again.analyse(text) == an.analyse(text)
    split: list[str] = []
    words_of = again._words_of

    def counted(piece: str):  # type: ignore[no-untyped-def]
        split.append(piece)
        return words_of(piece)

    again._words_of = counted  # type: ignore[method-assign]
    for i in rng.sample(range(1, 599), 20):
        lines[i] = lines[i][:10] + " de nieuwe " + lines[i][10:]
    lines.insert(300, "Een nieuwe regel 🙂 met e\u0301én woord.")
    text = "\n".join(lines)
    assert again.analyse(text) == an.analyse(text)
    assert len(split) <= 21  # the changed and the new lines, not the 560 between them
