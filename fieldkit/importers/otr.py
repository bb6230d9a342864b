"""oTranscribe ``.otr`` files (the free browser transcriber's own format) as transcripts.

An ``.otr`` is JSON: ``text`` holds the editor's HTML, ``media`` the name of the recording it was
typed against, ``media-time`` where the player stood. A timestamp the transcriber inserted is
``<span class="timestamp" data-timestamp="12.34">0:00:12</span>`` (seconds; older files write
``"0:00:12"``). Decisions:

* each paragraph (``<p>``, ``<div>``, or a line broken by ``<br>``) is a piece of the transcript;
  the first timestamp in it is its time, every timestamp leaves the text;
* ``Name: text`` at the start of a paragraph names its speaker (the plain-text transcript's
  shapes, ``transcript.match_speaker_line``); paragraphs without one have speaker ``""``;
* a timed paragraph lasts until the next timestamp (nothing else says when speech ends); a
  paragraph without a timestamp or a speaker continues the paragraph before it.

The recording (``media``) is not in the file: attach it later (``fieldkit attach``).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from fieldkit.core.model import ImportedDocument

from .common import bad
from .subtitles import Cue, cue_times, cue_warning, transcript_from_cues
from .transcript import TIME, match_speaker_line, parse_time

_BREAKS = {"p", "div", "br", "li", "h1", "h2", "h3"}


class _Editor(HTMLParser):
    """Paragraphs of oTranscribe's HTML as (first timestamp or None, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[float | None, str, bool]] = [(None, "", False)]
        self._in_stamp = 0

    def _new(self) -> None:
        if self.paragraphs[-1][1].strip() or self.paragraphs[-1][2]:
            self.paragraphs.append((None, "", False))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._new()
        if tag == "span" and "timestamp" in (dict(attrs).get("class") or "").split():
            self._in_stamp += 1
            when, text, stamped = self.paragraphs[-1]
            if when is None and not stamped:
                self.paragraphs[-1] = (_stamp(dict(attrs).get("data-timestamp")), text, True)
        elif self._in_stamp and tag == "span":
            self._in_stamp += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._in_stamp:
            self._in_stamp -= 1
        elif tag in _BREAKS:
            self._new()

    def handle_data(self, data: str) -> None:
        if not self._in_stamp:
            when, text, stamped = self.paragraphs[-1]
            self.paragraphs[-1] = (when, text + data, stamped)


def _stamp(value: str | None) -> float | None:
    """Seconds of a ``data-timestamp``: a number, or an old ``H:MM:SS`` string; None if
    neither (the subtitles' rule then keeps the words without a time)."""
    text = (value or "").strip()
    try:
        return float(text)
    except ValueError:
        return parse_time(text) if re.fullmatch(TIME, text) else None


def _cues(paragraphs: list[tuple[float | None, str, bool]], name: str,
          warnings: list[str]) -> list[Cue]:
    cues: list[Cue] = []
    for when, raw, stamped in paragraphs:
        text = " ".join(raw.replace("\u00a0", " ").split())
        if not text:
            continue
        found = match_speaker_line(text)
        if not stamped and cues and not (found and found.rest):
            cues[-1].text += " " + text
            continue
        speaker, said = (found.speaker, found.rest) if found and found.rest else ("", text)
        start, _, problem = cue_times(when, when)
        if stamped and problem:
            warnings.append(cue_warning(name, len(cues) + 1, said,
                                        "has an unreadable timestamp; its text is kept "
                                        "without a time"))
        cues.append(Cue(start, None, speaker, said))
    timed = [c for c in cues if c.start is not None]
    for here, following in zip(timed, timed[1:], strict=False):
        here.end = max(here.start or 0.0, following.start or 0.0)
    return cues


def read_otr(data: bytes, name: str) -> ImportedDocument:
    """An oTranscribe ``.otr`` file as a transcript document (see the module doc)."""
    try:
        parsed: Any = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(name, f"not an oTranscribe file (not JSON: {type(exc).__name__})") from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("text"), str):
        raise bad(name, "not an oTranscribe file (no 'text' with the transcript)")
    editor = _Editor()
    editor.feed(parsed["text"])
    editor.close()
    warnings: list[str] = []
    cues = _cues(editor.paragraphs, name, warnings)
    if not cues:
        raise bad(name, "the transcript is empty")
    return transcript_from_cues(cues, name, data, warnings)
