"""WebVTT, SRT and YouTube SBV subtitle files (what Teams, Zoom, Whisper, Premiere and YouTube
Studio export) as transcripts.

SBV (YouTube's "Download captions" .sbv) is SRT without numbers and arrows: a ``0:00:01.200,
0:00:03.500`` line, the text, a blank line; YouTube marks a change of speaker with ``>>``.

Speakers come from WebVTT voice tags (``<v Name>``, ``<v.loud Name>``) or, failing that, from a
``Name: text`` prefix in the cue text. Consecutive cues of the same named speaker merge into one
turn (their lines joined by a space, times from the first cue's start to the last cue's end);
cues without any speaker stay separate turns with speaker ``""`` so their times are not lost.
The text layout is the one of ``transcript.py``: one ``Speaker: text`` paragraph per turn.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.model import ImportedDocument

from .common import bad
from .textfile import decode_text
from .transcript import SpeakerLine, build_turn_text, describing, match_speaker_line

# HH:MM:SS.mmm, MM:SS.mmm and Teams' one-digit H:M:S.f; a comma (SRT) or a dot before the fraction.
# Read loosely (a sign, any digits) so that an impossible time is seen and reported, not skipped.
_VTT_TIME = r"-?\d+(?::\d+){1,2}(?:[.,]\d+)?"
_TIMING = re.compile(rf"^\s*(?P<a>{_VTT_TIME})\s*-->\s*(?P<b>{_VTT_TIME})(?:\s+.*)?$")
# A timing line, or what was meant as one ("00:00:10,000 -> 00:00:11,000"): unreadable ones
# are reported, and not mistaken for a cue's words.
_TIMING_LIKE = re.compile(r"-->|^\s*-?\d+:\d+\S*\s*(?:-+>|–>|→)")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Cue:
    """A piece of timed text; ``start``/``end`` in seconds, None when it has no usable time."""

    start: float | None
    end: float | None
    speaker: str
    text: str


def seconds_of(value: str) -> float | None:
    """Seconds of a cue time, or None when it is not a time: negative, or minutes or seconds
    of 60 and more after the first field (``00:61:61.000``, ``99:99:99,999``)."""
    if value.startswith("-"):
        return None
    whole, _, fraction = value.replace(",", ".").partition(".")
    parts = [int(p) for p in whole.split(":")]
    if any(p >= 60 for p in parts[1:]):
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return round(seconds + (float(f"0.{fraction}") if fraction else 0.0), 3)


def cue_times(start: float | None, end: float | None) -> tuple[float | None, float | None, str]:
    """The one rule for the times of a cue or a recogniser's segment (VTT, SRT, Whisper JSON,
    noScribe): (start, end, what was wrong). A cue's words are always kept; its times are:

    * a start that is no usable time (unreadable, missing, negative, not finite): no times;
    * an end that is no usable time, or before the start: the end is set to the start.
    """
    if start is None or not math.isfinite(start) or start < 0:
        return None, None, "has no usable start time; its text is kept without a time"
    if end is None or not math.isfinite(end) or end < 0:
        return start, start, "has no usable end time; it ends where it starts"
    if end < start:
        return start, start, "ends before it starts; it ends where it starts"
    return start, end, ""


def cue_warning(name: str, number: int, text: str, problem: str) -> str:
    """A warning naming the cue by its number and first words."""
    words = text.split()
    first = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return f"{name}: cue {number} (\"{first}\") {problem}"


def _clean(text: str) -> str:
    """Cue text without markup, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _cue_lines(payload: list[str], start: float | None, end: float | None,
               sounds: frozenset[str] = frozenset()) -> list[Cue]:
    """One cue payload → one Cue per voice (a cue may hold lines of several speakers); a
    label in ``sounds`` is a sound description and stays in the text."""
    cues: list[Cue] = []
    voice = ""
    for raw in payload:
        m = _VOICE.search(raw)
        if m:
            voice = " ".join((m.group("name") or "").split())
        text = _clean(raw)
        if not text:
            continue
        speaker = voice
        if not speaker:
            labelled = match_speaker_line(text.lstrip("-– "))
            if labelled and labelled.rest and labelled.speaker not in sounds:
                speaker, text = labelled.speaker, labelled.rest
            elif cues:
                speaker = cues[-1].speaker  # an unlabelled line continues the line above
        if cues and cues[-1].speaker == speaker and not m:
            cues[-1].text += " " + text
        else:
            cues.append(Cue(start, end, speaker, text))
    return cues


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _cues_in_block(block: list[str]) -> list[tuple[str | None, list[str]]]:
    """(timing line or None, payload lines) of every cue in a block.

    A block normally holds one cue, but youtube-dl writes the next cue's timing line straight
    after the previous cue's text, without a blank line; a bare number just before such a timing
    line is that cue's SRT number, not text. Text with no timing line before it (a cue whose
    timing line is missing, the rest of a cue after a stray blank line) is a cue without a time:
    its words are kept.
    """
    timings = [i for i, line in enumerate(block) if _TIMING_LIKE.search(line)]
    cues: list[tuple[str | None, list[str]]] = []
    first = timings[0] if timings else len(block)
    untimed = block[:max(0, first - 1)] if timings else block
    if untimed and untimed[0].strip().isdigit():
        untimed = untimed[1:]  # its SRT number
    if untimed:
        cues.append((None, untimed))
    for here, following in zip(timings, [*timings[1:], len(block)][:len(timings)],
                               strict=True):
        payload = block[here + 1:following]
        if following < len(block) and payload and payload[-1].strip().isdigit():
            payload = payload[:-1]
        cues.append((block[here], payload))
    return cues


def _sound_labels(blocks: list[list[str]], vtt: bool) -> frozenset[str]:
    """The ``Label:`` prefixes of the cues' lines that are sound descriptions (``sounds``)."""
    lines = [_clean(line).lstrip("-– ") for block in blocks for line in block
             if not _TIMING_LIKE.search(line) and not (vtt and _VOICE.search(line))]
    found = [match_speaker_line(line) for line in lines]
    return frozenset(describing(lines, [f if f and f.rest else None for f in found]))


def parse_cues(text: str, name: str, vtt: bool,
               warnings: list[str] | None = None) -> list[Cue]:
    """All cues of a VTT or SRT text in file order; header, NOTE, STYLE and REGION skipped.

    A cue whose timing line is missing or unreadable, or whose times are impossible, keeps its
    words (``cue_times``); each such cue adds a line to ``warnings``.
    """
    blocks = _blocks(text)
    if vtt:
        if not blocks or not blocks[0][0].lstrip("\ufeff").startswith("WEBVTT"):
            raise bad(name, "not a WebVTT file (the first line must be WEBVTT)")
        # The header line and its metadata (Kind:, Language:); a cue may follow them without a
        # blank line, from the line before its timing line (its identifier) on.
        head = blocks[0][1:]
        first = next((i for i, line in enumerate(head) if _TIMING_LIKE.search(line)), None)
        blocks[0] = [] if first is None else head[max(0, first - 1):]
    if not any(_TIMING_LIKE.search(line) for block in blocks for line in block):
        raise bad(name, "no subtitle cues found")
    sounds = _sound_labels(blocks, vtt)
    cues: list[Cue] = []
    number = 0
    for block in blocks:
        if not block or (vtt and block[0].strip().split(" ", 1)[0] in {"NOTE", "STYLE",
                                                                       "REGION"}):
            continue
        for timing, payload in _cues_in_block(block):
            number += 1
            m = _TIMING.match(timing) if timing is not None else None
            raw = (seconds_of(m["a"]), seconds_of(m["b"])) if m else (None, None)
            start, end, problem = cue_times(*raw)
            found = _cue_lines(payload, start, end, sounds)
            if problem and found and warnings is not None:
                if timing is None:
                    problem = "has no timing line; its text is kept without a time"
                elif m is None:
                    problem = (f"has an unreadable timing line ({timing.strip()[:40]}); "
                               "its text is kept without a time")
                warnings.append(cue_warning(name, number, " ".join(map(_clean, payload)),
                                            problem))
            cues.extend(found)
    if not cues:
        raise bad(name, "no subtitle cues found")
    return cues


_SBV_TIMING = re.compile(rf"^\s*(?P<a>{_VTT_TIME})\s*,\s*(?P<b>{_VTT_TIME})\s*$")


def sbv_as_srt(text: str, name: str) -> str:
    """A YouTube .sbv text written as SRT (its timing lines with an arrow, ``>>`` dropped)."""
    lines = []
    found = False
    for line in text.split("\n"):
        m = _SBV_TIMING.match(line)
        if m:
            found = True
            lines.append(f"{m['a']} --> {m['b']}")
        else:
            stripped = line.lstrip()
            lines.append(stripped[2:].lstrip() if stripped.startswith(">>") else line)
    if not found:
        raise bad(name, "no SBV captions found (lines such as 0:00:01.200,0:00:03.500)")
    return "\n".join(lines)


def read_subtitles(data: bytes, name: str) -> ImportedDocument:
    """A .vtt, .srt or .sbv file as a transcript document."""
    text = decode_text(data, name)
    warnings: list[str] = []
    suffix = Path(name).suffix.lower()
    if suffix == ".sbv":
        text = sbv_as_srt(text, name)
    cues = parse_cues(text, name, vtt=suffix == ".vtt", warnings=warnings)
    return transcript_from_cues(cues, name, data, warnings)


def transcript_from_cues(cues: list[Cue], name: str, data: bytes,
                         warnings: list[str] | None = None) -> ImportedDocument:
    """Timed cues (subtitles, a speech recogniser's segments) as a transcript document."""
    merged: list[Cue] = []
    for cue in cues:
        if merged and cue.speaker and merged[-1].speaker == cue.speaker:
            merged[-1].text += " " + cue.text
            if merged[-1].start is None:  # an untimed cue takes the times of the next
                merged[-1].start, merged[-1].end = cue.start, cue.end
            elif cue.end is not None:
                merged[-1].end = max(merged[-1].end or cue.end, cue.end)
        else:
            merged.append(Cue(cue.start, cue.end, cue.speaker, cue.text))
    blocks: list[tuple[SpeakerLine | None, list[str]]] = [
        (SpeakerLine(c.speaker, c.start, c.text),
         [f"{c.speaker}: {c.text}" if c.speaker else c.text])
        for c in merged
    ]
    body, turns = build_turn_text(blocks)
    for turn, cue in zip(turns, merged, strict=True):
        turn.t_end = cue.end
    return ImportedDocument(kind="transcript", title=Path(name).stem, text=body, turns=turns,
                            source_name=name, original=data, warnings=list(warnings or []))
