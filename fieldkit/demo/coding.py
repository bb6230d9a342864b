"""Two coders working through the same documents and partly disagreeing.

Anouk codes most sentences that were written for a code, with exact sentence boundaries. Bram
codes about 70% of her segments with the same code and 12% with a sibling code, often with
boundaries shifted by a word or stretched over a neighbouring sentence, and he codes some
sentences she left alone. So agreement is high but never perfect, as in a real team.

Each coder is consistent with herself: whether she codes a sentence, and with which code, follows
from its wording (``leaning``), so the same sentence in two documents is coded the same way,
bar the odd lapse (``CONSISTENT``). A coin flipped per sentence would have the same words coded
in one document and not in the next, which no coder does and no model could learn.

On photos they mark drawn objects as regions: Anouk most of them, Bram about half of hers with
a rectangle drawn a few pixels differently, as two people dragging a mouse would.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence

from fieldkit.demo.study import DemoCoding
from fieldkit.demo.writing import Sentence

ANOUK, BRAM = "Anouk", "Bram"
CODERS = [ANOUK, BRAM]

BRAM_SAME, BRAM_SIBLING = 0.70, 0.12  # of Anouk's segments; the rest he skips
BRAM_EXTRA = 0.35  # of family sentences Anouk skipped
BRAM_NOISE = 0.015  # of filler sentences
CONSISTENT = 0.95  # how often a coder decides on a sentence as her leaning says

REGION_FIRST, REGION_MORE = 0.85, 0.6  # Anouk marks a photo's first object, further ones
BRAM_REGION, BRAM_SAME_RECT = 0.6, 0.25  # Bram marks hers; sometimes to the exact pixel
PHOTO_WIDTH, PHOTO_HEIGHT = 640, 480

MEMOS = (
    "mooi voorbeeld",
    "randgeval, bespreken",
    "twijfel: ook {sibling}?",
    "goed citaat voor het artikel",
    "see also {sibling}",
    "zelfde patroon als bij de andere site",
)


def leaning(coder: str, what: str, sentence: str) -> float:
    """Where a sentence falls for one coder and one decision, in [0, 1): the same every time
    she reads the same words (a hash of them), different between coders and decisions."""
    key = f"{coder}|{what}|{' '.join(sentence.casefold().split())}"
    return zlib.crc32(key.encode("utf-8")) / 2**32


class Coders:
    def __init__(self, rng: random.Random, siblings: dict[str, list[str]],
                 leaves: Sequence[str]) -> None:
        self.rng = rng
        self.siblings = siblings
        self.leaves = list(leaves)

    def code(self, doc_index: int, text: str, sentences: Sequence[Sentence],
             anouk_rate: float) -> list[DemoCoding]:
        out: list[DemoCoding] = []
        for i, s in enumerate(sentences):
            words = text[s.start:s.end]
            if s.code is None:
                if self._leans(BRAM, "noise", words) < BRAM_NOISE:
                    pick = self.leaves[int(leaning(BRAM, "which", words) * len(self.leaves))]
                    out.append(DemoCoding(doc_index, s.start, s.end, pick, BRAM, "",
                                          (s.start, s.end)))
                continue
            if self._leans(ANOUK, "code", words) >= anouk_rate:
                if self._leans(BRAM, "extra", words) < BRAM_EXTRA:
                    out.append(DemoCoding(doc_index, s.start, s.end, s.code, BRAM, "",
                                          (s.start, s.end)))
                continue
            out.append(DemoCoding(doc_index, s.start, s.end, s.code, ANOUK,
                                  self._memo(s.code), (s.start, s.end)))
            r = self._leans(BRAM, "same", words)
            siblings = self.siblings[s.code]
            if r < BRAM_SAME:
                code = s.code
            elif r < BRAM_SAME + BRAM_SIBLING and siblings:
                code = siblings[int(leaning(BRAM, "sibling", words) * len(siblings))]
            else:
                continue
            start, end = self._shift(text, sentences, i)
            out.append(DemoCoding(doc_index, start, end, code, BRAM, self._memo(code),
                                  (s.start, s.end)))
        return out

    def _leans(self, coder: str, what: str, sentence: str) -> float:
        """The coder's leaning on this sentence, or now and then a lapse (a random number)."""
        if self.rng.random() >= CONSISTENT:
            return self.rng.random()
        return leaning(coder, what, sentence)

    def _memo(self, code: str) -> str:
        if self.rng.random() >= 0.04:
            return ""
        sibling = self.siblings[code][0] if self.siblings[code] else code
        return self.rng.choice(MEMOS).replace("{sibling}", sibling.rsplit("/", 1)[-1])

    def _shift(self, text: str, sentences: Sequence[Sentence], i: int) -> tuple[int, int]:
        """Bram's boundaries: usually the same, sometimes a word off or one sentence longer."""
        s = sentences[i]
        start, end = s.start, s.end
        r = self.rng.random()
        if r < 0.55:
            pass
        elif r < 0.67:
            if text[end - 1] in ".!?" and not text[end - 2].isspace():
                end -= 1  # left the full stop out
        elif r < 0.79:
            cut = text.find(" ", start, end)
            if cut != -1 and end - cut > 15:
                start = cut + 1  # started at the second word
        elif r < 0.90:
            if i + 1 < len(sentences) and sentences[i + 1].group == s.group:
                end = sentences[i + 1].end
        elif i > 0 and sentences[i - 1].group == s.group:
            start = sentences[i - 1].start
        return start, end


def code_regions(rng: random.Random, doc_index: int,
                 regions: Sequence[tuple[str, tuple[int, int, int, int]]]) -> list[DemoCoding]:
    """Region codings of one photo; ``regions`` are (code, box) of its drawn objects."""
    out: list[DemoCoding] = []
    for k, (code, box) in enumerate(regions):
        if rng.random() >= (REGION_FIRST if k == 0 else REGION_MORE):
            continue
        out.append(DemoCoding(doc_index, 0, 0, code, ANOUK, region=box))
        if rng.random() < BRAM_REGION:
            same = rng.random() < BRAM_SAME_RECT
            out.append(DemoCoding(doc_index, 0, 0, code, BRAM,
                                  region=box if same else _redraw(rng, box)))
    return out


def _redraw(rng: random.Random, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The same object outlined by another hand: each edge a few pixels off, inside the photo."""
    x, y, w, h = box
    left = min(max(0, x + rng.randint(-10, 10)), PHOTO_WIDTH - 8)
    top = min(max(0, y + rng.randint(-10, 10)), PHOTO_HEIGHT - 8)
    right = max(left + 8, min(PHOTO_WIDTH, x + w + rng.randint(-10, 10)))
    bottom = max(top + 8, min(PHOTO_HEIGHT, y + h + rng.randint(-10, 10)))
    if (left, top, right, bottom) == (x, y, x + w, y + h):
        right = right - 3 if right - 3 > left + 8 else right
    return left, top, right - left, bottom - top
