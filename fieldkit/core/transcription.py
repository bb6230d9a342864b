"""Turns of a transcript typed in fieldkit's transcription mode.

A line that starts with a timestamp (``[00:01:10.5]``, inserted by a key while the recording
plays) and/or a speaker (``Anna: ``, inserted by a speaker key) opens a turn; other lines
continue the turn above. A turn without a timestamp takes none; a timed turn ends where the next
timed one starts. A turn's text starts after its timestamp: the stamp is the turn's time, not
its words (shown again beside the words it would read twice, ``[00:00:04] [00:00:04] Anna:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldkit.core.errors import BadInput
from fieldkit.core.model import Turn
from fieldkit.core.timecode import format_ms, parse_ms

_OPENING = re.compile(r"^\[(?P<time>[0-9:.,]+)\][ \t]*(?:(?P<who>[^:\n\[\]]{1,40}):\s)?"
                      r"|^(?P<speaker>[^:\n\[\]]{1,40}):\s")
_STAMP = re.compile(r"^\[[0-9:.,]+\][ \t]*")


def stamp(ms: int) -> str:
    """The text the timestamp key inserts, e.g. ``[00:01:10.5] ``."""
    return f"[{format_ms(ms)}] "


def after_stamp(text: str) -> str:
    """``text`` without the timestamp it opens with (``[00:00:04.8] Anna: ja`` → ``Anna: ja``)."""
    return _STAMP.sub("", text, count=1)


def transcription_turns(text: str) -> list[Turn]:
    """The turns of a typed transcript (positions in code points of ``text``); each turn
    starts after its line's timestamp."""
    turns: list[Turn] = []
    pos = 0
    for line in text.split("\n"):
        found = _OPENING.match(line)
        if found and line.strip():
            seconds = None
            words = 0
            if found["time"]:
                words = len(line) - len(after_stamp(line))
                try:
                    seconds = parse_ms(found["time"]) / 1000
                except BadInput:
                    seconds = None
            speaker = (found["who"] or found["speaker"] or "").strip()
            turns.append(Turn(pos + words, pos + len(line), speaker, seconds))
        elif turns and line.strip():
            turns[-1].end = pos + len(line)
        pos += len(line) + 1
    timed = [t for t in turns if t.t_start is not None]
    for here, following in zip(timed, timed[1:], strict=False):
        here.t_end = following.t_start
    return turns


def as_typed(text: str, turns: Iterable[Turn]) -> str:
    """An imported or machine transcript in the form transcription mode types: each timed
    turn on a line of its own that opens with its time (and its speaker, when the text does
    not name them), so the researcher continues it and its times survive the next save."""
    pieces: list[str] = []
    done = 0
    for turn in sorted(turns, key=lambda t: t.start):
        if turn.t_start is None or turn.start < done:
            continue
        pieces.append(text[done:turn.start])
        if turn.start > 0 and text[turn.start - 1] != "\n":
            pieces.append("\n")
        head = stamp(round(turn.t_start * 1000))
        if turn.speaker and not text.startswith(f"{turn.speaker}:", turn.start):
            head += f"{turn.speaker}: "
        if not _STAMP.match(text[turn.start:]):
            pieces.append(head)
        done = turn.start
    pieces.append(text[done:])
    return "".join(pieces)
