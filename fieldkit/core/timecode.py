"""Times in a recording as people write them: ``00:01:10.5``, ``1:10.5``, ``70.5`` (seconds).

The store keeps milliseconds (integers, so a time coding round-trips exactly through REFI-QDA,
which counts milliseconds too).
"""

from __future__ import annotations

import re

from fieldkit.core.errors import BadInput

_TIME = re.compile(r"^\s*(?:(\d+):)?(?:(\d{1,2}):)?(\d+(?:[.,]\d{1,3})?)\s*$")


def parse_ms(text: str) -> int:
    """Milliseconds from ``HH:MM:SS(.s)``, ``MM:SS(.s)`` or seconds; ``BadInput`` otherwise."""
    found = _TIME.match(text or "")
    if not found:
        raise BadInput(f"'{text}' is not a time; write HH:MM:SS(.s), MM:SS(.s) or seconds.")
    first, second, seconds = found.groups()
    if first is not None and second is None:  # MM:SS
        hours, minutes = 0, int(first)
    else:
        hours, minutes = int(first or 0), int(second or 0)
    secs = float(seconds.replace(",", "."))
    if (first is not None and secs >= 60) or (second is not None and minutes >= 60):
        raise BadInput(f"'{text}' is not a time: minutes and seconds go up to 59.")
    return round((hours * 3600 + minutes * 60 + secs) * 1000)


def format_ms(ms: int | None) -> str:
    """``HH:MM:SS`` with tenths when they are not zero, e.g. ``00:01:10.5``; empty for None."""
    if ms is None:
        return ""
    ms = max(0, int(ms))
    whole, rest = divmod(ms, 1000)
    text = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    if rest:
        text += f".{rest:03d}".rstrip("0")
    return text
