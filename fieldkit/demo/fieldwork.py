"""Fieldnotes, memos and photo captions: what the researchers write themselves."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Sequence
from datetime import date
from typing import Any

from fieldkit.demo.study import DemoDocument
from fieldkit.demo.writing import Draft, Phrasebook, TextBuilder, utc_stamp

WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def long_date(day: date, lang: str) -> str:
    return f"{WEEKDAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def fieldnote(
    book: Phrasebook,
    *,
    site: str,
    day: date,
    observer: str,
    dept: str,
    lang: str,
    words: int,
    family_share: float,
    codes: Sequence[str],
    weights: Sequence[float],
    leak: str | None = None,
) -> Draft:
    """Timestamped jottings from one visit, in Dutch or English, ending with a reflection."""
    rng = book.rng
    register = f"note_{lang}"
    tb = TextBuilder()
    if lang == "nl":
        tb.write(f"Veldnotities {site}, {long_date(day, lang)}\n")
        tb.write(f"Waarnemer: {observer}. Afdeling: {dept}.\n")
        title = f"Veldnotities {day.isoformat()} {site} ({dept})"
    else:
        tb.write(f"Fieldnotes {site}, {long_date(day, lang)}\n")
        tb.write(f"Observer: {observer}. Department: {dept}.\n")
        title = f"Fieldnotes {day.isoformat()} {site} ({dept})"
    jottings = max(4, words // 22)
    step = max(2, 540 // jottings)
    minute = rng.randint(7 * 60, 8 * 60 + 45)
    leak_at = rng.randint(1, 3) if leak else -1
    line = 0
    while tb.words < words or line < 3:
        tb.write(f"\n{clock(minute)} ")
        if line == leak_at and lang == "nl":
            tb.sentence(f"Afspraak gemaakt voor een interview met {leak} volgende week.")
            tb.write(" ")
        for i in range(rng.choice((1, 1, 2, 2, 3))):
            if i:
                tb.write(" ")
            if rng.random() < family_share:
                code = book.choose_code(codes, weights)
                tb.sentence(book.family(code, register), code)
            else:
                tb.sentence(book.filler(register))
        minute += rng.randint(1, 2 * step - 1)
        line += 1
    tb.write("\n\nReflectie: " if lang == "nl" else "\n\nReflection: ")
    code = book.choose_code(codes, weights)
    tb.sentence(book.family(code, register), code)
    end = min(minute, 23 * 60 + 30)
    document = DemoDocument(
        kind="fieldnote",
        title=title,
        text=tb.text(),
        site=site,
        visit_date=day.isoformat(),
        participant=None,
        attributes={"observer": observer, "language": lang, "department": dept},
        created=utc_stamp(day, end // 60, end % 60),
    )
    return Draft(document, tb.sentences)


def memo(
    book: Phrasebook,
    *,
    author: str,
    site: str | None,
    day: date,
    lang: str,
    words: int,
    code_pair: tuple[str, str],
    quotes: Phrasebook | None = None,
) -> Draft:
    """An analytic memo about two neighbouring codes, with examples and quotes from the field.

    ``quotes`` speaks Dutch for the participants' quotes when the memo itself is in English.
    """
    quotes = quotes or book
    rng = book.rng
    names = [path.rsplit("/", 1)[-1] for path in code_pair]
    everywhere = "alle sites" if lang == "nl" else "all sites"
    slots: dict[str, Any] = {"codeA": [names[0]], "codeB": [names[1]], "site": [site or everywhere]}
    book.slots = ChainMap(slots, dict(book.slots))
    register = f"note_{lang}"
    tb = TextBuilder()
    if lang == "nl":
        title = f"Memo: {names[0]} en {names[1]}"
        example, quote = "Voorbeeld: ", "Citaat: “"
    else:
        title = f"Memo: {names[0]} vs {names[1]}"
        example, quote = "Example: ", "Quote: “"
    tb.write(f"{title}\n{author}, {day.isoformat()}\n\n")
    first = True
    while tb.words < words or first:
        if not first:
            tb.write("\n\n")
        tb.sentence(book.filler(f"memo_{lang}"))
        for _ in range(rng.randint(1, 2)):
            code = code_pair[rng.random() < 0.4]
            if rng.random() < 0.5:
                tb.write(f" {example}")
                tb.sentence(book.family(code, register), code)
            else:  # participants quoted in their own (Dutch) words
                tb.write(f" {quote}")
                tb.sentence(quotes.family(code, "speech"), code)
                tb.write("”")
        if rng.random() < 0.5:
            tb.write(" ")
            tb.sentence(book.filler(f"memo_{lang}"))
        first = False
    document = DemoDocument(
        kind="memo",
        title=title,
        text=tb.text(),
        site=site,
        visit_date=None,
        participant=None,
        attributes={"author": author, "language": lang, "codes": list(code_pair)},
        created=utc_stamp(day, rng.randint(15, 18), rng.randint(0, 59)),
    )
    return Draft(document, tb.sentences)


def photo_caption(book: Phrasebook, scene: dict[str, Any], observer: str, minute: int) -> Draft:
    """The caption of a photo: what it shows, and what the observer noted about it."""
    rng = book.rng
    tb = TextBuilder()
    tb.sentence(book.fill(scene["caption"]))
    tb.write(" ")
    code = rng.choice(scene["families"])
    tb.sentence(book.family(code, "note_nl"), code)
    tb.write(f"\nFoto: {observer}, {clock(minute)}.")
    document = DemoDocument(kind="photo", title="", text=tb.text(), site=None, visit_date=None,
                            participant=None)
    return Draft(document, tb.sentences)
