"""Plain-text helpers: newline normalisation and code point ↔ UTF-16 conversion.

The store counts Unicode code points; Qt counts UTF-16 code units. Convert only at the view.
"""

from __future__ import annotations

import bisect
import unicodedata

from fieldkit.core.errors import BadInput

#: Longest code name and coder name accepted (other QDA tools cut names near 255 characters).
CODE_NAME_MAX = 200
CODER_NAME_MAX = 100
# Direction overrides would make a name read differently from what it is.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, before any offset is counted."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Utf16Map:
    """Converts positions between code points and UTF-16 units for one text, in O(log n)."""

    def __init__(self, text: str) -> None:
        # code point indices of characters outside the BMP (they take two UTF-16 units)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # their UTF-16 positions
        self._astral16 = [i + n for n, i in enumerate(self._astral)]

    def to_utf16(self, pos: int) -> int:
        return pos + bisect.bisect_left(self._astral, pos)

    def from_utf16(self, pos16: int) -> int:
        return pos16 - bisect.bisect_left(self._astral16, pos16)


def context(text: str, start: int, end: int, width: int = 40) -> tuple[str, str]:
    """The text just before and after a span, used to re-anchor a coding later."""
    return text[max(0, start - width) : start], text[end : end + width]


def check_name(name: str, what: str, limit: int) -> str:
    """``name`` without surrounding spaces, refused (BadInput) when empty, longer than
    ``limit`` or holding a line break, tab or other control character."""
    name = name.strip()
    if not name:
        raise BadInput(f"A {what} needs a name.")
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI_CONTROLS
           for ch in name):
        raise BadInput(f"A {what} name cannot hold line breaks, tabs or other control "
                       f"characters: {name!r}.")
    if len(name) > limit:
        raise BadInput(f"A {what} name can be at most {limit} characters, not {len(name)}.")
    return name


def tidy_name(name: str, limit: int) -> str:
    """A name from someone else's file made acceptable to ``check_name``: white space (line
    breaks, tabs) folded to single spaces, other control characters dropped, cut at ``limit``."""
    kept = "".join(ch for ch in " ".join(name.split())
                   if unicodedata.category(ch) != "Cc" and ch not in _BIDI_CONTROLS)
    return kept[:limit].strip()
