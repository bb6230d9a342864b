"""Fill patterns that tell codes (and chart series) apart without colour.

A code's colour alone fails a colour-blind reader, a greyscale print and a screen reader's
user with low vision; so every stripe, region, waveform stretch and chart series coloured by a
code is also drawn with that code's pattern, chosen from the code's id so it stays the same in
every view, session and report. A pattern is a rule over absolute pixel positions repeating
every ``PERIOD`` pixels: the app (Qt) and the charts (Pillow, SVG) draw the same tile, so a
stripe in the margin and a swatch in a printed legend look alike.
"""

from __future__ import annotations

from collections.abc import Callable

PERIOD = 6  # every pattern repeats every 6 × 6 pixels

_RULES: dict[str, Callable[[int, int], bool]] = {
    "solid": lambda x, y: False,
    "diagonal": lambda x, y: (x + y) % 6 == 0,
    "horizontal": lambda x, y: y % 3 == 0,
    "checker": lambda x, y: (x + y) % 2 == 0,
    "backdiagonal": lambda x, y: (x - y) % 6 == 0,
    "dots": lambda x, y: x % 3 == 0 and y % 3 == 0,
    "vertical": lambda x, y: x % 3 == 0,
    "diagcross": lambda x, y: (x + y) % 6 == 0 or (x - y) % 6 == 0,
    "grid": lambda x, y: x % 3 == 0 or y % 3 == 0,
}
PATTERNS: tuple[str, ...] = tuple(_RULES)


def pattern_of(code_id: int) -> str:
    """The pattern of the code with this id (the first code is solid, the next hatched, …).

    Derived from the id alone, so a code keeps its pattern when others are added or hidden.
    """
    return PATTERNS[(code_id - 1) % len(PATTERNS)]


def series_pattern(index: int) -> str:
    """The pattern of the ``index``-th series of a chart (a site, a month…), 0 solid."""
    return PATTERNS[index % len(PATTERNS)]


def inked(pattern: str, x: int, y: int) -> bool:
    """Whether the pixel at ``(x, y)`` (absolute, so neighbouring shapes line up) is drawn
    in the pattern's ink; an unknown pattern is solid (no ink)."""
    rule = _RULES.get(pattern)
    return rule(x, y) if rule is not None else False


def tile(pattern: str) -> list[tuple[int, int]]:
    """The inked pixels of one ``PERIOD`` × ``PERIOD`` tile of ``pattern``."""
    return [(x, y) for y in range(PERIOD) for x in range(PERIOD) if inked(pattern, x, y)]


def ink_on(colour: str) -> str:
    """The pattern's ink on a fill of ``colour`` (#RRGGBB): dark on light fills, light on dark."""
    try:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return "#000000"
    return "#1d2329" if 0.299 * r + 0.587 * g + 0.114 * b > 110 else "#ffffff"
