"""Geometry of a PDF page's text: from character boxes to the rectangles a selection covers,
from a point on the page to the character under it or nearest to it.

Boxes are an (n, 4) float32 array (x0, y0, x1, y1 in points from the page's top-left as shown,
one row per code point of the page's text; NaN rows for characters without a place, such as
line breaks), as ``project.pdfs.char_boxes`` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in points from the top-left


@dataclass(frozen=True, slots=True)
class PageRects:
    """The rectangles a span of text covers on one page (``page`` from 1), one per piece of a
    line, in reading order."""

    page: int
    rects: list[Rect]


def line_rects(boxes: np.ndarray) -> list[Rect]:
    """The boxes of consecutive characters merged into one rectangle per line: a new one
    begins where the next character sits on another line (its middle outside the height of
    the one before), moves back to the left, or leaves a gap wider than three times its
    height (a table's next cell)."""
    placed = boxes[~np.isnan(boxes[:, 0])] if len(boxes) else boxes
    if not len(placed):
        return []
    x0, y0, x1, y1 = (placed[:, k].astype(np.float64) for k in range(4))
    middle = (y0 + y1) / 2
    height = np.maximum(y1 - y0, 1e-3)
    new = np.ones(len(placed), dtype=bool)
    new[1:] = ((middle[1:] < y0[:-1]) | (middle[1:] > y1[:-1])
               | (x0[1:] < x0[:-1] - 0.5 * height[1:])
               | (x0[1:] - x1[:-1] > 3 * height[1:]))
    starts = np.flatnonzero(new)
    merged = zip(np.minimum.reduceat(x0, starts), np.minimum.reduceat(y0, starts),
                 np.maximum.reduceat(x1, starts), np.maximum.reduceat(y1, starts), strict=True)
    return [(float(a), float(b), float(c), float(d)) for a, b, c, d in merged]


def nearest_char(boxes: np.ndarray, x: float, y: float) -> int | None:
    """The index of the character whose box holds ``(x, y)``, else of the nearest one: the
    nearest line first (a point between lines goes to the closer), then the nearest along it;
    None when no character has a box."""
    if not len(boxes):
        return None
    placed = ~np.isnan(boxes[:, 0])
    if not placed.any():
        return None
    b = boxes.astype(np.float64)
    dy = np.maximum(0.0, np.maximum(b[:, 1] - y, y - b[:, 3]))
    dx = np.maximum(0.0, np.maximum(b[:, 0] - x, x - b[:, 2]))
    dy[~placed] = np.inf
    line = dy <= dy.min() + 1e-6
    dx[~line] = np.inf
    return int(np.argmin(dx))


def caret_at(boxes: np.ndarray, x: float, y: float) -> int | None:
    """Where a text cursor goes for a click at ``(x, y)``: before the nearest character when
    the point is left of its middle, else after it (an index from 0 to n); None when no
    character has a box."""
    found = nearest_char(boxes, x, y)
    if found is None:
        return None
    return found + 1 if x > (float(boxes[found, 0]) + float(boxes[found, 2])) / 2 else found


def chars_inside(boxes: np.ndarray, rect: Rect) -> np.ndarray:
    """Whether each character's middle lies inside ``rect`` (a bool array)."""
    if not len(boxes):
        return np.zeros(0, dtype=bool)
    with np.errstate(invalid="ignore"):
        mx = (boxes[:, 0] + boxes[:, 2]) / 2
        my = (boxes[:, 1] + boxes[:, 3]) / 2
        return (mx >= rect[0]) & (mx <= rect[2]) & (my >= rect[1]) & (my <= rect[3])
