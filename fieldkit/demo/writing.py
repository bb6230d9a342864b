"""Building one document's text while remembering where each generated sentence landed.

``TextBuilder`` appends text and records every sentence as a code-point span with the code it
was written for (``None`` for filler), so codings can be placed exactly. ``Phrasebook`` draws
sentences from the recipe families without repeating a template until its family is used up.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldkit.demo.recipes import Recipes
from fieldkit.demo.study import DemoDocument
from fieldkit.demo.templates import Compiled, render


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    code: str | None
    group: int  # sentences in one group (a line, a turn) may be coded together


class TextBuilder:
    __slots__ = ("_group", "_parts", "pos", "sentences", "words")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0
        self.sentences: list[Sentence] = []
        self._group = 0
        self.words = 0

    def write(self, text: str) -> None:
        """Structural text (timestamps, headers, newlines) that is never coded."""
        self._parts.append(text)
        self.pos += len(text)
        if "\n" in text:
            self._group += 1

    def sentence(self, text: str, code: str | None = None) -> None:
        """A sentence that a coder may code; its span is remembered."""
        start = self.pos
        self._parts.append(text)
        self.pos += len(text)
        self.words += text.count(" ") + 1
        self.sentences.append(Sentence(start, self.pos, code, self._group))

    def new_group(self) -> None:
        self._group += 1

    def text(self) -> str:
        return "".join(self._parts)


class Phrasebook:
    """Sentences for one document: slot values fixed per document, templates dealt like cards."""

    def __init__(
        self, recipes: Recipes, rng: random.Random, slots: Mapping[str, Sequence[str]]
    ) -> None:
        self.recipes = recipes
        self.rng = rng
        self.slots = slots
        self._decks: dict[tuple[str, str], list[Compiled]] = {}
        self._uses: dict[str, int] = {}

    def choose_code(self, codes: Sequence[str], weights: Sequence[float]) -> str:
        """A code to write about next; each use halves its weight, so a document wanders."""
        uses = self._uses
        adjusted = [w / (1 << min(uses.get(c, 0), 20)) for c, w in zip(codes, weights, strict=True)]
        code = self.rng.choices(codes, adjusted)[0]
        uses[code] = uses.get(code, 0) + 1
        return code

    def _deal(self, key: tuple[str, str], templates: Sequence[Compiled]) -> Compiled:
        deck = self._decks.get(key)
        if not deck:
            deck = list(templates)
            self.rng.shuffle(deck)
            self._decks[key] = deck
        return deck.pop()

    def family(self, code: str, register: str) -> str:
        templates = self.recipes.families[code][register]
        return render(self._deal((code, register), templates), self.slots, self.rng)

    def filler(self, register: str) -> str:
        templates = self.recipes.fillers[register]
        return render(self._deal(("", register), templates), self.slots, self.rng)

    def fill(self, template: Compiled) -> str:
        return render(template, self.slots, self.rng)


@dataclass(slots=True)
class Draft:
    """A generated document with the sentences the coders will see."""

    document: DemoDocument
    sentences: list[Sentence]
    coded: bool = True  # whether the coders have reached this document yet
    anouk_rate: float = 0.75  # share of family sentences Anouk codes
    # photos: (code path, x, y, width, height) of drawn objects the coders may mark
    regions: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)


_AMSTERDAM: tzinfo
try:
    _AMSTERDAM = ZoneInfo("Europe/Amsterdam")
except ZoneInfoNotFoundError:  # no tz database: winter time is close enough for a demo
    _AMSTERDAM = timezone(timedelta(hours=1))


def utc_stamp(day: date, hour: int, minute: int, second: int = 0) -> str:
    """A local (Amsterdam) wall-clock time on ``day`` as UTC ISO-8601 with Z."""
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=_AMSTERDAM)
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_offset(day: date, hour: int) -> str:
    """The Amsterdam UTC offset on ``day`` as ``+01:00``, for EXIF OffsetTimeOriginal."""
    offset = datetime(day.year, day.month, day.day, hour, tzinfo=_AMSTERDAM).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    return f"+{minutes // 60:02d}:{minutes % 60:02d}"
