"""Interview transcripts: timestamped speaker turns between the interviewer and a participant.

Each line reads ``[00:01:23] Sanne: ...``. A ``Turn`` covers ``Sanne: ...`` up to the end of the
line (the bracketed timestamp is carried in ``t_start``), so ``text[turn.start:turn.end]`` starts
with the speaker's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fieldkit.core.model import Turn
from fieldkit.demo.study import DemoDocument, DemoParticipant
from fieldkit.demo.writing import Draft, Phrasebook, TextBuilder, utc_stamp

SECONDS_PER_WORD = 0.4  # about 150 words a minute, the pace of relaxed speech


def stamp(seconds: float) -> str:
    s = int(seconds)
    return f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}]"


class _Transcript:
    def __init__(self, book: Phrasebook) -> None:
        self.book = book
        self.tb = TextBuilder()
        self.turns: list[Turn] = []
        self.t = float(book.rng.randint(2, 9))

    def turn(self, speaker: str, sentences: Sequence[tuple[str, str | None]]) -> None:
        tb = self.tb
        if self.turns:
            tb.write("\n")
            self.turns[-1].t_end = round(self.t, 1)
        t_start = round(self.t, 1)
        tb.write(f"{stamp(t_start)} ")
        start = tb.pos
        tb.write(f"{speaker}: ")
        tb.words += 2  # the timestamp and the speaker's name
        tb.new_group()
        words = 0
        for i, (text, code) in enumerate(sentences):
            if i:
                tb.write(" ")
            tb.sentence(text, code)
            words += text.count(" ") + 1
        self.turns.append(Turn(start, tb.pos, speaker, t_start, None))
        self.t += words * SECONDS_PER_WORD + self.book.rng.uniform(0.5, 3.0)

    def close(self) -> None:
        if self.turns:
            self.turns[-1].t_end = round(self.t, 1)


def transcript(
    book: Phrasebook,
    *,
    participant: DemoParticipant,
    interviewer: str,
    site: str,
    day: date,
    words: int,
    family_share: float,
    themes: dict[str, list[str]],
    weights: dict[str, float],
    title: str | None = None,
) -> Draft:
    """An interview about learning on the job, of about ``words`` words."""
    rng = book.rng
    guide = book.recipes.interview
    speaker = participant.pseudonym.split()[0]
    real_first = participant.name.split()[0]
    tr = _Transcript(book)
    opening = guide["opening"][rng.randrange(len(guide["opening"]))]
    # the opening greets the participant by the real first name: a leak the researchers must
    # pseudonymise before sharing (the demo keeps it on purpose)
    book.slots = {**book.slots, "realfirst": [real_first]}
    tr.turn("Interviewer", [(book.fill(opening), None)])
    tr.turn(speaker, [(rng.choice(guide["consent"]), None)])
    tr.turn("Interviewer", [(rng.choice(guide["intro_question"]), None)])
    intro = book.fill(guide["intro_answer"][rng.randrange(len(guide["intro_answer"]))])
    tr.turn(speaker, [(intro, None), (book.filler("speech"), None)])
    leaves = [c for codes in themes.values() for c in codes]
    leaf_weights = [weights[c] for c in leaves]
    theme_of = {c: codes for codes in themes.values() for c in codes}
    asked: dict[str, list[str]] = {}
    closing_words = 40
    followups: list[str] = []
    while tr.tb.words < words - closing_words:
        code = book.choose_code(leaves, leaf_weights)
        questions = asked.get(code) or rng.sample(guide["questions"][code],
                                                  len(guide["questions"][code]))
        asked[code] = questions
        tr.turn("Interviewer", [(questions.pop(), None)])
        codes = theme_of[code]
        tr.turn(speaker, _answer(book, code, codes, rng.randint(2, 6), family_share))
        while rng.random() < 0.45 and tr.tb.words < words - closing_words:
            if not followups:
                followups = rng.sample(guide["followup"], len(guide["followup"]))
            tr.turn("Interviewer", [(followups.pop(), None)])
            tr.turn(speaker, _answer(book, code, codes, rng.randint(1, 4), family_share))
    tr.turn("Interviewer", [(rng.choice(guide["closing"]), None)])
    tr.turn(speaker, [(rng.choice(guide["closing_answer"]), None)])
    tr.close()
    minutes = int(tr.t // 60)
    document = DemoDocument(
        kind="transcript",
        title=title or f"Interview {participant.pseudonym}",
        text=tr.tb.text(),
        site=site,
        visit_date=day.isoformat(),
        participant=participant.pseudonym,
        turns=tr.turns,
        attributes={"interviewer": interviewer, "language": "nl",
                    "duration": f"{minutes // 60:02d}:{minutes % 60:02d}:{int(tr.t) % 60:02d}"},
        created=utc_stamp(day, min(23, 10 + minutes // 60), minutes % 60),
    )
    return Draft(document, tr.tb.sentences)


def _answer(
    book: Phrasebook, code: str, codes: Sequence[str], n: int, family_share: float
) -> list[tuple[str, str | None]]:
    """A spoken answer: the theme's sentences mixed with ordinary talk, sometimes a hesitation."""
    rng = book.rng
    out: list[tuple[str, str | None]] = []
    if rng.random() < 0.3:
        out.append((book.filler("marker"), None))
    said_family = False
    for i in range(n):
        if (i == 0 and not said_family) or rng.random() < family_share:
            c = code if not said_family or rng.random() < 0.75 else rng.choice(codes)
            out.append((book.family(c, "speech"), c))
            said_family = True
        else:
            out.append((book.filler("speech"), None))
    return out
