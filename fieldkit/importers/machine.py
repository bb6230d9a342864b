"""Transcripts written by speech recognisers elsewhere: Whisper-style JSON and noScribe HTML.

Whisper (and faster-whisper, WhisperX, whisper.cpp's ``-oj``) write ``{"segments": [{"start":
1.2, "end": 3.4, "text": "...", "speaker": "SPEAKER_00"}]}`` (times in seconds; the speaker only
after diarisation; whisper.cpp nests times under ``offsets`` in milliseconds). Hugging Face's
pipeline and insanely-fast-whisper write ``{"chunks": [{"timestamp": [a, b], "text": …}]}``
(and, diarised, ``"speakers": [{"speaker": …, "timestamp": [a, b], "text": …}]``; the last
chunk's end is sometimes ``null``). noScribe writes HTML whose paragraphs hold
``<a name="ts_<start ms>_<end ms>_<speaker>">``. All become a transcript with timed turns, like
subtitles (``subtitles.transcript_from_cues``). Nothing here reaches the network: these files
were made by a program the researcher ran.

noScribe marks overlapping speech with ``//``: an anchor ``ts_30090_30910_//S02`` holds what
S02 said *over* the current speaker (``//S02: ja.``), and the current speaker's next anchor
starts with ``//`` where the overlap ends. ``//S02`` is S02, not another speaker: the overlap
becomes a turn of S02 at its own time whose text keeps noScribe's marks (``//ja.//``) so a
reader still sees that it was said over the other; the closing ``//`` of the resumed turn goes.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fieldkit.core.model import ImportedDocument

from .common import bad, read_bytes
from .subtitles import Cue, cue_times, cue_warning, transcript_from_cues
from .textfile import decode_text

_ANCHOR = re.compile(r"^ts_(\d+)_(\d+)_?(.*)$")
_STAMP = re.compile(r"^\s*\[\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\]\s*")


def read_machine_transcript(path: Path) -> ImportedDocument:
    """A Whisper-style .json or noScribe .html file as a transcript; ``BadInput`` if not one."""
    from . import check_text_size

    return check_text_size(read_machine_bytes(read_bytes(path), path.name), path.name)


def read_machine_bytes(data: bytes, name: str) -> ImportedDocument:
    """The bytes of a Whisper-style .json or noScribe .html file as a transcript."""
    warnings: list[str] = []
    if Path(name).suffix.lower() == ".json":
        cues = whisper_cues(data, name, warnings)
    else:
        cues = noscribe_cues(decode_text(data, name), name, warnings)
    return transcript_from_cues(cues, name, data, warnings)


def _timed(start: float | None, end: float | None, speaker: str, text: str, name: str,
           number: int, warnings: list[str] | None) -> Cue:
    """A segment as a cue, its times put right by the subtitles' rule (``cue_times``)."""
    start, end, problem = cue_times(start, end)
    if problem and warnings is not None:
        warnings.append(cue_warning(name, number, text, problem))
    return Cue(start, end, speaker, text)


def whisper_cues(data: bytes, name: str, warnings: list[str] | None = None) -> list[Cue]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(name, f"not a JSON file ({type(exc).__name__})") from None
    segments: Any = parsed
    if isinstance(parsed, dict):
        segments = parsed.get("segments", parsed.get("transcription"))
        if segments is None:
            return chunk_cues(parsed, name, warnings)
    if not isinstance(segments, list):
        raise bad(name, "no 'segments' list: not a Whisper-style transcript")
    cues = []
    for i, seg in enumerate(segments):
        if not isinstance(seg, dict):
            raise bad(name, f"segment {i + 1} is not an object")
        text = " ".join(str(seg.get("text") or "").split())
        if not text:
            continue
        speaker = " ".join(str(seg.get("speaker") or "").split())
        cues.append(_timed(*_segment_times(seg), speaker, text, name, i + 1, warnings))
    if not cues:
        raise bad(name, "the transcript has no segments with text")
    return cues


def chunk_cues(parsed: dict[str, Any], name: str,
               warnings: list[str] | None = None) -> list[Cue]:
    """The cues of a Hugging Face / insanely-fast-whisper ``chunks`` file (its diarised
    ``speakers`` list when it has one)."""
    items = parsed.get("speakers") or parsed.get("chunks")
    if not isinstance(items, list):
        raise bad(name, "no 'segments' list (nor 'chunks'): not a Whisper-style transcript")
    cues = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise bad(name, f"chunk {i + 1} is not an object")
        text = " ".join(str(item.get("text") or "").split())
        if not text:
            continue
        stamp = item.get("timestamp")
        pair = list(stamp) if isinstance(stamp, (list, tuple)) and len(stamp) == 2 \
            else [None, None]
        start, end = (_number(value, 1.0) for value in pair)
        speaker = " ".join(str(item.get("speaker") or "").split())
        cues.append(_timed(start, end, speaker, text, name, i + 1, warnings))
    if not cues:
        raise bad(name, "the transcript has no chunks with text")
    return cues


def _number(value: Any, scale: float) -> float | None:
    """Seconds from a number as written; None for anything that is not a number."""
    if isinstance(value, bool):
        return None
    try:
        return round(float(value) / scale, 3)
    except (TypeError, ValueError, OverflowError):
        return None


def _segment_times(seg: dict[str, Any]) -> tuple[float | None, float | None]:
    """A segment's (start, end) in seconds as written; None for a time that is not a number."""
    if "start" in seg:
        start, end = seg.get("start"), seg.get("end", seg.get("start"))
        scale = 1.0
    else:  # whisper.cpp: {"offsets": {"from": ms, "to": ms}}
        offsets = seg.get("offsets")
        offsets = offsets if isinstance(offsets, dict) else {}
        start, end = offsets.get("from"), offsets.get("to")
        scale = 1000.0
    return _number(start, scale), _number(end, scale)


class _NoScribe(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cues: list[Cue] = []
        self._open: Cue | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            found = _ANCHOR.match(dict(attrs).get("name") or "")
            if found:
                self._open = Cue(int(found[1]) / 1000, int(found[2]) / 1000,
                                 found[3].strip(), "")
                self.cues.append(self._open)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "p"):
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text += data


def _noscribe_text(cue: Cue) -> tuple[str, str]:
    """(speaker, text) of one noScribe anchor: its label and stamps out, overlap marked."""
    speaker = cue.speaker
    overlapping = speaker.startswith("//")
    speaker = speaker.lstrip("/").strip()
    body = _STAMP.sub("", " ".join(cue.text.split()))
    if speaker:
        label = re.compile(rf"^(?://)?{re.escape(speaker)}\s*(?:\[[\d:.,]+\])?\s*:\s*")
        body = label.sub("", body)
    body = _STAMP.sub("", body).strip()
    if overlapping:
        inner = body.strip("/ ").strip()
        return speaker, f"//{inner}//" if inner else ""
    if body.startswith("//"):  # the end of an overlap, already closed in the overlap's turn
        body = body[2:].strip()
    return speaker, body


def noscribe_cues(text: str, name: str, warnings: list[str] | None = None) -> list[Cue]:
    parser = _NoScribe()
    parser.feed(text)
    parser.close()
    cues = []
    for number, cue in enumerate(parser.cues, 1):
        speaker, body = _noscribe_text(cue)
        if body:
            cues.append(_timed(cue.start, cue.end, speaker, body, name, number, warnings))
    if not cues:
        raise bad(name, "no timed paragraphs (<a name=\"ts_…\">): not a noScribe transcript")
    return cues
