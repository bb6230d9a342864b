"""Speaker turns in plain text: ``Speaker: text`` lines, optionally with a timestamp.

Recognised line shapes (timestamps ``MM:SS`` or ``H:MM:SS``, optional ``.mmm``/``,mmm``)::

    Speaker: text            [00:01:23] Speaker: text     00:01:23 Speaker: text
    (01:23) Speaker: text    Speaker [00:01:23]: text     Speaker (01:23): text
    [Speaker] text           [00:01:23] [Speaker] text    [Speaker] (01:23) text

(``[inaudible]``, ``[laughs]`` and other transcriber's notes in brackets are not speakers.)

Decision on the produced text: every turn becomes one paragraph that starts with
``Speaker: `` so a reader always sees who speaks; timestamps move out of the text into
``Turn.t_start``/``Turn.t_end`` (seconds). Lines without a speaker continue the previous turn
(kept as their own lines), blank lines are dropped, and turns are separated by one empty line.
A ``Turn`` span covers the whole paragraph, label included: ``text[t.start:t.end]`` is
``"Speaker: what was said"`` (plus continuation lines). Lines before the first turn are kept as
an untimed preamble paragraph that belongs to no turn.

A label that occurs only once and has no timestamp is not believed to be a speaker when the
text has two or more recurring speakers (``Reason: ...`` inside an answer stays text).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fieldkit.core.model import Turn

TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_SPEAKER = r"[^\W\d_][\w.'’\-]*(?:[ \t]+[\w.'’\-]+){0,3}"
_LINE = re.compile(
    rf"""^\s*
    (?:(?:\[(?P<t1>{TIME})\]|\((?P<t2>{TIME})\)|(?P<t3>{TIME})(?=\s))\s*[-–]?\s*)?
    (?P<speaker>{_SPEAKER})
    \s*(?:\[(?P<t4>{TIME})\]|\((?P<t5>{TIME})\))?
    \s*:(?=\s|$)\s*(?P<rest>.*?)\s*$""",
    re.VERBOSE,
)
# ``[Speaker] text`` as QualCoder's examples and many transcription services write it.
_BRACKETED = re.compile(
    rf"""^\s*
    (?:(?:\[(?P<t1>{TIME})\]|\((?P<t2>{TIME})\)|(?P<t3>{TIME})(?=\s))\s*[-–]?\s*)?
    \[(?P<speaker>{_SPEAKER})\]
    \s*(?:\[(?P<t4>{TIME})\]|\((?P<t5>{TIME})\))?
    \s*:?\s*(?P<rest>.*?)\s*$""",
    re.VERBOSE,
)
# What transcribers put in brackets that is not a speaker.
_NOT_SPEAKERS = {"inaudible", "unclear", "laughs", "laughter", "laughing", "crosstalk", "pause",
                 "silence", "music", "applause", "noise", "overlapping", "coughs", "sighs",
                 "onverstaanbaar", "onduidelijk", "lacht", "gelach", "stilte", "pauze", "muziek",
                 "geluid", "door elkaar"}
MAX_SPEAKER_CHARS = 40


@dataclass(slots=True)
class SpeakerLine:
    """A line that opens a turn."""

    speaker: str
    time: float | None
    rest: str


def parse_time(value: str) -> float:
    """``"01:23"`` → 83.0, ``"1:02:03,5"`` → 3723.5."""
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def match_speaker_line(line: str) -> SpeakerLine | None:
    """The speaker, timestamp and spoken text of a line, or None when it opens no turn."""
    m = _LINE.match(line)
    if not m:
        m = _BRACKETED.match(line)
        if not m or not m.group("rest") or m.group("speaker").strip().lower() in _NOT_SPEAKERS:
            return None  # a bracket alone on its line is a transcriber's note, not a turn
    speaker = " ".join(m.group("speaker").split())
    if len(speaker) > MAX_SPEAKER_CHARS or speaker.lower() in {"http", "https", "mailto"}:
        return None
    stamp = next((m.group(g) for g in ("t1", "t2", "t3", "t4", "t5") if m.group(g)), None)
    return SpeakerLine(speaker, parse_time(stamp) if stamp else None, m.group("rest"))


def _speaker_lines(lines: list[str]) -> list[SpeakerLine | None]:
    """Per line, the turn it opens, after discarding one-off untimed labels (see module doc)."""
    found = [match_speaker_line(line) for line in lines]
    counts = Counter(f.speaker for f in found if f)
    recurring = {s for s, n in counts.items() if n >= 2}
    if len(recurring) < 2:
        return found
    return [f if f and (f.time is not None or f.speaker in recurring) else None for f in found]


def looks_like_transcript(text: str) -> bool:
    """True when at least two lines, and at least half of the non-empty ones, open turns."""
    lines = [line for line in text.split("\n") if line.strip()]
    turns = sum(1 for f in _speaker_lines(lines) if f)
    return turns >= 2 and turns * 2 >= len(lines)


def parse_transcript(text: str) -> tuple[str, list[Turn]]:
    """The transcript's plain text and its turns, with code-point offsets into that text."""
    lines = text.split("\n")
    blocks: list[tuple[SpeakerLine | None, list[str]]] = []
    for line, opened in zip(lines, _speaker_lines(lines), strict=True):
        if opened:
            first = f"{opened.speaker}: {opened.rest}" if opened.rest else f"{opened.speaker}:"
            blocks.append((opened, [first]))
        elif line.strip():
            if not blocks:
                blocks.append((None, []))
            blocks[-1][1].append(line.rstrip())
    return build_turn_text(blocks)


def build_turn_text(
    blocks: list[tuple[SpeakerLine | None, list[str]]],
) -> tuple[str, list[Turn]]:
    """Join blocks into paragraphs separated by an empty line; a block with a speaker is a turn.

    Shared by the subtitle and Word importers so all transcripts look alike.
    """
    pieces: list[str] = []
    turns: list[Turn] = []
    pos = 0
    for opened, block_lines in blocks:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        paragraph = "\n".join(block_lines)
        if opened is not None:
            turns.append(Turn(pos, pos + len(paragraph), opened.speaker, opened.time))
        pieces.append(paragraph)
        pos += len(paragraph)
    timed = [t for t in turns if t.t_start is not None]
    for here, following in zip(timed, timed[1:], strict=False):
        if here.t_end is None:
            here.t_end = following.t_start
    return "".join(pieces), turns
