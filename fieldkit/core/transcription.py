"""Turns of a transcript typed in fieldkit's transcription mode.

A line that starts with a timestamp (``[00:01:10.5]``, inserted by a key while the recording
plays) and/or a speaker (``Anna: ``, inserted by a speaker key) opens a turn; other lines
continue the turn above. A turn without a timestamp takes none; a timed turn ends where the next
timed one starts. A turn's text starts after its timestamp: the stamp is the turn's time, not
its words (shown again beside the words it would read twice, ``[00:00:04] [00:00:04] Anna:``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

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


def without_stamps(text: str, before: Iterable[Turn], *,
                   names_in_text: bool = True) -> tuple[str, list[Turn]]:
    """What transcription mode saves for a continued imported or machine transcript, whose
    own text has no timestamps: ``text`` (``as_typed``'s form, edited) without the stamps
    opening its lines, and its turns (positions in that text).

    A turn's time comes from its line's stamp; a turn whose stamp did not change keeps its
    exact start and end from ``before`` (the transcript's turns when it was opened), any
    other ends where the next timed turn starts. When the transcript does not name its
    speakers in the text (``names_in_text``), a stamped line's ``Anna: `` is the turn's speaker
    and not stored as words either.
    """
    turns = transcription_turns(text)
    kept: list[str] = []
    cuts: list[tuple[int, int]] = []  # (where a line starts in ``text``, characters cut)
    pos = 0
    for line in text.split("\n"):
        found = _OPENING.match(line)
        cut = 0
        if found and found["time"]:
            cut = found.end() if found["who"] and not names_in_text \
                else len(line) - len(after_stamp(line))
        kept.append(line[cut:])
        cuts.append((pos, cut))
        pos += len(line) + 1

    starts = [start for start, _cut in cuts]
    before_line = list(accumulate((cut for _start, cut in cuts), initial=0))

    def moved(at: int) -> int:
        line = bisect_right(starts, at) - 1
        return at - before_line[line] - min(cuts[line][1], at - starts[line])

    old: dict[str, list[Turn]] = {}
    for turn in before:
        if turn.t_start is not None:
            old.setdefault(format_ms(round(turn.t_start * 1000)), []).append(turn)
    for turn in turns:
        turn.start, turn.end = moved(turn.start), moved(turn.end)
        same = old.get(format_ms(round(turn.t_start * 1000))) \
            if turn.t_start is not None else None
        if same:
            was = same.pop(0)
            turn.t_start, turn.t_end = was.t_start, was.t_end
    return "\n".join(kept), turns
