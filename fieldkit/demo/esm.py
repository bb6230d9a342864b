"""Experience-sampling responses: one document per participant and day, typed on a phone.

Each beep is one line, ``10:32 Wat heb je vandaag geleerd? — answer``. The attributes follow the
layout the ESM importer writes (``fieldkit.importers.esm``): questions by key, and per beep its
time, its closed answers (workload, mood) and where its free-text answer sits in the text — so
the demo's ESM documents export and tabulate like imported ones.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

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
    spans: list[tuple[str, int, int]] = []
    for i, minute in enumerate(times):
        if i:
            tb.write("\n")
        key = rng.choice(("learned", "learned", "problem", "help", "feeling"))
        tb.write(f"{clock(minute)} {prompts[key]} — ")
        tb.new_group()
        answer_start = tb.pos
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
        spans.append((key, answer_start, tb.pos))
    closed = random.Random(rng.randint(0, 2**31))
    beep_rows: list[dict[str, Any]] = []
    for n, (minute, (key, start, end)) in enumerate(zip(times, spans, strict=True), 1):
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        beep_rows.append({
            "beep": n, "time": local.isoformat(),
            "utc": utc_stamp(day, minute // 60, minute % 60),
            "answers": {"workload": closed.randint(1, 5), "mood": closed.randint(1, 5)},
            "text": {key: [start, end]},
        })
    document = DemoDocument(
        kind="esm",
        title=f"ESM {participant.pseudonym} {day.isoformat()}",
        text=tb.text(),
        site=site,
        visit_date=None,
        participant=participant.pseudonym,
        attributes={
            "esm_format": "m-path",
            "participant": participant.pseudonym,
            "date": day.isoformat(),
            "questions": {**prompts, **esm["closed"]},
            "beeps": beep_rows,
            "sent": beeps + closed.randint(0, 2),
            "answered": answered,
            "learned_something": "ja" if learned else "nee",
        },
        created=utc_stamp(day, times[-1] // 60, times[-1] % 60, rng.randint(0, 59)),
    )
    return Draft(document, tb.sentences)
