"""Experience-sampling responses: one document per participant and day, typed on a phone.

Each beep is one line, ``10:32 Wat heb je vandaag geleerd? — answer``; closed answers (workload,
mood) become document attributes.
"""

from __future__ import annotations

from datetime import date

from fieldkit.demo.fieldwork import clock
from fieldkit.demo.study import DemoDocument, DemoParticipant
from fieldkit.demo.writing import Draft, Phrasebook, TextBuilder, utc_stamp


def esm_day(
    book: Phrasebook, *, participant: DemoParticipant, site: str, day: date, beeps: int
) -> Draft:
    rng = book.rng
    esm = book.recipes.esm
    prompts: dict[str, str] = esm["prompts"]
    families: dict[str, list[str]] = esm["prompt_families"]
    times = sorted(rng.sample(range(7 * 60 + 30, 17 * 60), beeps))
    tb = TextBuilder()
    learned = False
    answered = 0
    for i, minute in enumerate(times):
        if i:
            tb.write("\n")
        key = rng.choice(("learned", "learned", "problem", "help", "feeling"))
        tb.write(f"{clock(minute)} {prompts[key]} — ")
        tb.new_group()
        if key == "feeling":
            tb.sentence(rng.choice(esm["feeling"]))
        elif rng.random() < 0.75:
            code = rng.choice(families[key])
            tb.sentence(book.family(code, "speech"), code)
            learned = learned or key == "learned"
        else:
            tb.sentence(rng.choice(esm["nothing"]))
        answered += 1
        if rng.random() < 0.35:
            tb.write(" " + rng.choice(esm["emoji"]))
    document = DemoDocument(
        kind="esm",
        title=f"ESM {participant.pseudonym} {day.isoformat()}",
        text=tb.text(),
        site=site,
        visit_date=None,
        participant=participant.pseudonym,
        attributes={
            "date": day.isoformat(),
            "beeps": beeps + rng.randint(0, 2),
            "answered": answered,
            "workload": rng.randint(1, 5),
            "mood": rng.randint(1, 5),
            "learned_something": "ja" if learned else "nee",
        },
        created=utc_stamp(day, times[-1] // 60, times[-1] % 60, rng.randint(0, 59)),
    )
    return Draft(document, tb.sentences)
