"""Speaker turns in plain text: ``Speaker: text`` lines, optionally with a timestamp.

Recognised line shapes (timestamps ``MM:SS`` or ``H:MM:SS``, optional ``.mmm``/``,mmm``)::

    Speaker: text            [00:01:23] Speaker: text     00:01:23 Speaker: text
    (01:23) Speaker: text    Speaker [00:01:23]: text     Speaker (01:23): text
    [Speaker] text           [00:01:23] [Speaker] text    [Speaker] (01:23) text

(``[inaudible]``, ``[laughs]`` and other transcriber's notes in brackets are not speakers, nor
are labels shaped like sound descriptions: ``riendo: …``, ``Digo: "…"``; see ``sounds``.)

Decision on the produced text: every turn becomes one paragraph that starts with
``Speaker: `` so a reader always sees who speaks; timestamps move out of the text into
``Turn.t_start``/``Turn.t_end`` (seconds). Lines without a speaker continue the previous turn
(kept as their own lines), blank lines are dropped, and turns are separated by one empty line.
A ``Turn`` span covers the whole paragraph, label included: ``text[t.start:t.end]`` is
``"Speaker: what was said"`` (plus continuation lines). Lines before the first turn are kept as
an untimed preamble paragraph that belongs to no turn.

A label that occurs only once and has no timestamp is not believed to be a speaker when the
text has two or more recurring speakers (``Reason: ...`` inside an answer stays text).

noScribe's TXT writes ``S01: [00:00:12] text`` (the stamp after the colon) and, within a long
turn, ``[00:01:40]`` stamps between sentences: the first stamp is the turn's time, and every
``[H:MM:SS]`` stamp of a timed turn leaves the text (the time is kept on the turn; a stamp in
mid-turn marks no change of speaker, so it makes no turn of its own).

A Zoom chat saved with a cloud recording (``00:58:04<TAB>Name:<TAB>text`` lines) or in the
meeting (``10:02:15 From Name to Everyone:`` and the message on the next line) is a list of
moments: each message ends where it starts instead of lasting until the next one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from fieldkit.core.model import Turn

from .sounds import Label, sound_descriptions

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
_STAMP_IN_TEXT = re.compile(rf"\s*\[{TIME}\]\s*")
_LEADING_STAMP = re.compile(rf"^\[(?P<t>{TIME})\]\s*")
_ZOOM_CLOUD = re.compile(r"^\d{1,2}:\d{2}:\d{2}\t[^\t]+:\t")
_ZOOM_MEETING = re.compile(
    r"^(?P<t>\d{1,2}:\d{2}:\d{2})\s+(?:From|Van|Von|De)\s+(?P<who>.+?)\s+(?:to|aan|an|à)\s+"
    r"(?P<to>.+?)\s*:\s*(?P<rest>.*)$")


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
    rest = m.group("rest")
    if stamp is None and (after := _LEADING_STAMP.match(rest)):  # noScribe: "S01: [0:12] …"
        stamp, rest = after.group("t"), rest[after.end():]
    if stamp is not None:
        rest = _STAMP_IN_TEXT.sub(" ", rest).strip()
    return SpeakerLine(speaker, parse_time(stamp) if stamp else None, rest)


def is_bracketed(line: str) -> bool:
    """Whether a line's label stands in brackets (``[Name] text``, after any timestamp)."""
    return _LINE.match(line) is None and _BRACKETED.match(line) is not None


def describing(lines: list[str], found: list[SpeakerLine | None]) -> set[str]:
    """The labels of ``found`` that are sound descriptions, not speakers (``sounds``)."""
    labels = [Label(f.speaker, f.rest, is_bracketed(line))
              for line, f in zip(lines, found, strict=True) if f]
    return sound_descriptions(labels)


def _speaker_lines(lines: list[str]) -> list[SpeakerLine | None]:
    """Per line, the turn it opens, after discarding one-off untimed labels and sound
    descriptions (see the module doc)."""
    found = [match_speaker_line(line) for line in lines]
    sounds = describing(lines, found)
    found = [None if f and f.speaker in sounds else f for f in found]
    counts = Counter(f.speaker for f in found if f)
    recurring = {s for s, n in counts.items() if n >= 2}
    if len(recurring) < 2:
        return found
    return [f if f and (f.time is not None or f.speaker in recurring) else None for f in found]


def looks_like_transcript(text: str) -> bool:
    """True when at least two lines, and at least half of the non-empty ones, open turns."""
    lines = [line for line in text.split("\n") if line.strip()]
    if _zoom_chat(lines) is not None:
        return True
    turns = sum(1 for f in _speaker_lines(lines) if f)
    return turns >= 2 and turns * 2 >= len(lines)


def _zoom_chat(lines: list[str]) -> list[str] | None:
    """The lines of a Zoom chat as ``time Name: message`` lines, or None when it is not one."""
    filled = [line for line in lines if line.strip()]
    if len(filled) >= 2 and all(_ZOOM_CLOUD.match(line) for line in filled):
        return [" ".join(line.split("\t", 2)) for line in filled]
    heads = [_ZOOM_MEETING.match(line) for line in filled]
    if not heads or heads[0] is None or sum(1 for h in heads if h) < 2:
        return None
    out: list[str] = []
    for line, head in zip(filled, heads, strict=True):
        if head is not None:
            out.append(f"{head['t']} {head['who']}: {head['rest']}".rstrip())
        elif line.startswith("\t") or line.startswith(" "):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            return None
    return out


def parse_transcript(text: str) -> tuple[str, list[Turn]]:
    """The transcript's plain text and its turns, with code-point offsets into that text.

    A Zoom chat's messages are moments (see the module doc)."""
    lines = text.split("\n")
    chat = _zoom_chat(lines)
    if chat is not None:
        body, turns = _parse_lines(chat)
        for turn in turns:
            turn.t_end = turn.t_start
        return body, turns
    return _parse_lines(lines)


def _parse_lines(lines: list[str]) -> tuple[str, list[Turn]]:
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
