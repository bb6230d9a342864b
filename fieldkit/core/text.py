"""Plain-text helpers: newline normalisation and code point ↔ UTF-16 conversion.

The store counts Unicode code points; Qt counts UTF-16 code units. Convert only at the view.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, before any offset is counted."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Utf16Map:
    """Converts positions between code points and UTF-16 units for one text, in O(log n)."""

    def __init__(self, text: str) -> None:
        # code point indices of characters outside the BMP (they take two UTF-16 units)
        # (found by a regular expression: a Python loop over a 300-page PDF's text took 0.3 s)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # their UTF-16 positions
        self._astral16 = [i + n for n, i in enumerate(self._astral)]

    def to_utf16(self, pos: int) -> int:
        return pos + bisect.bisect_left(self._astral, pos)

    def from_utf16(self, pos16: int) -> int:
        return pos16 - bisect.bisect_left(self._astral16, pos16)


CONTEXT_CHARS = 40  # characters of context kept before and after a coded segment


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The text just before and after a span, used to re-anchor a coding later."""
    return text[max(0, start - width) : start], text[end : end + width]
