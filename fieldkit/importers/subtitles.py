"""WebVTT and SRT subtitle files (what Teams, Zoom, Whisper and Premiere export) as transcripts.

Speakers come from WebVTT voice tags (``<v Name>``, ``<v.loud Name>``) or, failing that, from a
``Name: text`` prefix in the cue text. Consecutive cues of the same named speaker merge into one
turn (their lines joined by a space, times from the first cue's start to the last cue's end);
cues without any speaker stay separate turns with speaker ``""`` so their times are not lost.
The text layout is the one of ``transcript.py``: one ``Speaker: text`` paragraph per turn.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.model import ImportedDocument

from .common import bad
from .textfile import decode_text
from .transcript import SpeakerLine, build_turn_text, match_speaker_line

# HH:MM:SS.mmm, MM:SS.mmm and Teams' one-digit H:M:S.f; a comma (SRT) or a dot before the fraction.
_VTT_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"^\s*(?P<a>{_VTT_TIME})\s*-->\s*(?P<b>{_VTT_TIME})(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Cue:
    start: float
    end: float
    speaker: str
    text: str


def _seconds(value: str) -> float:
    parts = value.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return round(seconds, 3)


def _clean(text: str) -> str:
    """Cue text without markup, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _cue_lines(payload: list[str], start: float, end: float) -> list[Cue]:
    """One cue payload → one Cue per voice (a cue may hold lines of several speakers)."""
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
            if labelled and labelled.rest:
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


def _cues_in_block(block: list[str]) -> list[tuple[str, list[str]]]:
    """(timing line, payload lines) of every cue in a block.

    A block normally holds one cue, but youtube-dl writes the next cue's timing line straight
    after the previous cue's text, without a blank line; a bare number just before such a timing
    line is that cue's SRT number, not text.
    """
    if not any(_TIMING.match(line) for line in block[:2]):
        return []  # a stray block (e.g. a lone cue number); nothing to show
    timings = [i for i, line in enumerate(block) if _TIMING.match(line)]
    cues: list[tuple[str, list[str]]] = []
    for here, following in zip(timings, [*timings[1:], len(block)], strict=True):
        payload = block[here + 1:following]
        if following < len(block) and payload and payload[-1].strip().isdigit():
            payload = payload[:-1]
        cues.append((block[here], payload))
    return cues


def parse_cues(text: str, name: str, vtt: bool) -> list[Cue]:
    """All cues of a VTT or SRT text in file order; header, NOTE, STYLE and REGION skipped."""
    blocks = _blocks(text)
    if vtt:
        if not blocks or not blocks[0][0].lstrip("\ufeff").startswith("WEBVTT"):
            raise bad(name, "not a WebVTT file (the first line must be WEBVTT)")
        blocks[0] = blocks[0][1:]  # the header line; a cue may follow it without a blank line
    cues: list[Cue] = []
    for block in blocks:
        if not block or (vtt and block[0].strip().split(" ", 1)[0] in {"NOTE", "STYLE",
                                                                       "REGION"}):
            continue
        for timing, payload in _cues_in_block(block):
            m = _TIMING.match(timing)
            assert m is not None
            cues.extend(_cue_lines(payload, _seconds(m["a"]), _seconds(m["b"])))
    if not cues:
        raise bad(name, "no subtitle cues found")
    return cues


def read_subtitles(data: bytes, name: str) -> ImportedDocument:
    """A .vtt or .srt file as a transcript document."""
    text = decode_text(data, name)
    cues = parse_cues(text, name, vtt=Path(name).suffix.lower() == ".vtt")
    return transcript_from_cues(cues, name, data)


def transcript_from_cues(cues: list[Cue], name: str, data: bytes) -> ImportedDocument:
    """Timed cues (subtitles, a speech recogniser's segments) as a transcript document."""
    merged: list[Cue] = []
    for cue in cues:
        if merged and cue.speaker and merged[-1].speaker == cue.speaker:
            merged[-1].text += " " + cue.text
            merged[-1].end = max(merged[-1].end, cue.end)
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
                            source_name=name, original=data)
