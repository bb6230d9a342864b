"""A word cloud drawn with the project's own chart code (``fieldkit.exporters.charts``).

Why not the ``wordcloud`` package: it needs numpy, Pillow, a compiled extension and matplotlib
(about 40 MB more in the environment, which ``charts`` chose to avoid for its three charts),
draws a bitmap first (its SVG is a second path with its own font handling) and still needs a
seed to be repeatable. A cloud of a hundred words needs none of that: each word gets a font
size by its count (square-root scale, so a word twice as frequent is not twice as tall), and
is placed on an Archimedean spiral from the middle at the first point where its box overlaps
no word placed before it (largest words first). The spiral of each word starts at an angle
drawn from a seeded generator, so the same words give the same picture, byte for byte, in PNG
and SVG alike.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from fieldkit.exporters import charts

WIDTH, HEIGHT = 800, 480
TOP = 36  # below the title
SMALLEST, LARGEST = 11, 54
PITCH = 6.0  # pixels the spiral moves outwards per radian
STEP = 6.0  # pixels along the spiral between tries
SEED = 29
# The chart palette without its yellow, too pale for words on white.
INKS = tuple(c for c in charts.PALETTE if c != "#f9ab00")
_PAD = 2


@dataclass(slots=True, frozen=True)
class Placed:
    """One word as drawn: its box (x, y, width, height) and font size."""

    word: str
    count: int
    x: float
    y: float
    w: float
    h: float
    size: int

    def overlaps(self, x: float, y: float, w: float, h: float) -> bool:
        return (x < self.x + self.w + _PAD and self.x < x + w + _PAD
                and y < self.y + self.h + _PAD and self.y < y + h + _PAD)


def sizes(counts: list[int]) -> list[int]:
    """The font size of each count, from ``SMALLEST`` to ``LARGEST`` on a square-root scale."""
    if not counts:
        return []
    low, high = min(counts), max(counts)
    if high == low:
        return [(SMALLEST + LARGEST) // 2 for _ in counts]
    span = math.sqrt(high - low)
    return [round(SMALLEST + (LARGEST - SMALLEST) * math.sqrt(c - low) / span) for c in counts]


def layout(words: list[tuple[str, int]], *, width: int = WIDTH, height: int = HEIGHT,
           seed: int = SEED) -> list[Placed]:
    """Where each word goes (largest count first; a word that fits nowhere, even smaller,
    is left out)."""
    ranked = sorted(words, key=lambda w: (-w[1], w[0]))
    rng = random.Random(seed)
    placed: list[Placed] = []
    for (word, count), size in zip(ranked, sizes([c for _, c in ranked]), strict=True):
        phase = rng.uniform(0, 2 * math.pi)
        while size >= SMALLEST:
            spot = _spot(word, size, phase, placed, width, height)
            if spot is not None:
                placed.append(Placed(word, count, *spot, size))
                break
            size = int(size * 0.8)
    return placed


def _spot(word: str, size: int, phase: float, placed: list[Placed], width: int,
          height: int) -> tuple[float, float, float, float] | None:
    """The first free box for ``word`` at ``size`` along the spiral, or None."""
    w, h = charts.text_width(word, size), size * 1.1
    if w > width - 16 or h > height - TOP - 8:
        return None
    cx, cy = width / 2, TOP + (height - TOP) / 2
    reach = math.hypot(width, height - TOP) / 2
    last: Placed | None = None  # the word last in the way is most often in the way again
    t = 0.0
    while PITCH * t < reach:
        r = PITCH * t
        x = cx + r * math.cos(t + phase) * (width / (height - TOP)) - w / 2
        y = cy + r * math.sin(t + phase) - h / 2
        t += STEP / max(r, STEP)
        if x < 8 or y < TOP or x + w > width - 8 or y + h > height - 8:
            continue
        if last is not None and last.overlaps(x, y, w, h):
            continue
        last = next((p for p in placed if p.overlaps(x, y, w, h)), None)
        if last is None:
            return x, y, w, h
    return None


def word_cloud(title: str, words: list[tuple[str, int]], *, width: int = WIDTH,
               height: int = HEIGHT, seed: int = SEED) -> charts.Canvas:
    """A word cloud of (word, count) as a chart (``Canvas.save`` writes PNG or SVG); words
    are drawn in the chart palette's colours by rank, the largest in the middle."""
    canvas = charts.Canvas(width, height)
    canvas.text(8, 8, title, bold=True)
    for rank, p in enumerate(layout(words, width=width, height=height, seed=seed)):
        canvas.text(p.x, p.y, p.word, fill=INKS[rank % len(INKS)], size=p.size)
    return canvas
