"""Turns of a transcript typed in fieldkit's transcription mode.

A line that starts with a timestamp (``[00:01:10.5]``, inserted by a key while the recording
plays) and/or a speaker (``Anna: ``, inserted by a speaker key) opens a turn; other lines
continue the turn above. A turn without a timestamp takes none; a timed turn ends where the next
timed one starts.
"""

from __future__ import annotations

import re

from fieldkit.core.errors import BadInput
from fieldkit.core.model import Turn
from fieldkit.core.timecode import format_ms, parse_ms

_OPENING = re.compile(r"^\[(?P<time>[0-9:.,]+)\]\s*(?:(?P<who>[^:\n\[\]]{1,40}):\s)?"
                      r"|^(?P<speaker>[^:\n\[\]]{1,40}):\s")


def stamp(ms: int) -> str:
    """The text the timestamp key inserts, e.g. ``[00:01:10.5] ``."""
    return f"[{format_ms(ms)}] "


def transcription_turns(text: str) -> list[Turn]:
    """The turns of a typed transcript (positions in code points of ``text``)."""
    turns: list[Turn] = []
    pos = 0
    for line in text.split("\n"):
        found = _OPENING.match(line)
        if found and line.strip():
            seconds = None
            if found["time"]:
                try:
                    seconds = parse_ms(found["time"]) / 1000
                except BadInput:
                    seconds = None
            speaker = (found["who"] or found["speaker"] or "").strip()
            turns.append(Turn(pos, pos + len(line), speaker, seconds))
        elif turns and line.strip():
            turns[-1].end = pos + len(line)
        pos += len(line) + 1
    timed = [t for t in turns if t.t_start is not None]
    for here, following in zip(timed, timed[1:], strict=False):
        here.t_end = following.t_start
    return turns
