"""Word .docx files: body paragraphs and tables in document order, then turn detection.

Text is read from the body XML directly (``w:t``, ``w:tab``, ``w:br``) so that tracked
insertions and hyperlinks are included and deletions, comments, footnotes, headers and
field codes are not. Tables appear where they stand in the body. A table with a speaker column
and a text column (optionally a time column) — the usual layout of transcription services — is
read as ``[time] Speaker: text`` lines; any other table row becomes one line of cells joined by
tabs. The result goes through the transcript parser when it reads like turns.

Teams' "Download as .docx" transcript is recognised by its shape: a timing line
``0:0:0.0 --> 0:0:4.250`` (Teams' one-digit hours, minutes and seconds), the speaker's name on
the next paragraph, then what was said. Each such block is a timed turn (the subtitles' rules:
``subtitles.transcript_from_cues``); what stands before the first timing line (the meeting's
title and date) is kept as untimed text.
"""

from __future__ import annotations

import io
import re
from typing import Any

from fieldkit.core.model import ImportedDocument

from .common import bad, one_line, open_zip
from .subtitles import Cue, cue_times, cue_warning, seconds_of, transcript_from_cues
from .textfile import text_document
from .transcript import MAX_SPEAKER_CHARS, TIME

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TIME_RE = re.compile(rf"^[\[(]?{TIME}[\])]?$")
_LABEL_RE = re.compile(r"^[^\W\d_][\w.'’\- ]*$")
_HEADER_WORDS = {"speaker", "spreker", "naam", "name", "wie", "who", "text", "tekst",
                 "transcript", "time", "tijd", "timestamp", "tijdstip", "utterance", "uitspraak"}


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == _MC_FALLBACK or tag in (f"{_W}del", f"{_W}moveFrom"):
                continue  # duplicate text-box content / deleted text
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _cell_text(tc: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in tc.iter(f"{_W}p")).strip()


def _rows(tbl: Any) -> list[list[str]]:
    """Cell texts per row; merged cells appear once (w:tc elements, not grid positions)."""
    return [[_cell_text(tc) for tc in tr.findall(f"{_W}tc")] for tr in tbl.findall(f"{_W}tr")]


def _is_label(value: str) -> bool:
    return len(value) <= MAX_SPEAKER_CHARS and bool(_LABEL_RE.match(value)) \
        and len(value.split()) <= 4


def _is_header(row: list[str]) -> bool:
    return all(cell.strip().lower() in _HEADER_WORDS or not cell.strip() for cell in row)


def _transcript_columns(rows: list[list[str]]) -> tuple[int | None, int, int] | None:
    """(time column, speaker column, text column) when the table is a transcript layout."""
    if rows and _is_header(rows[0]):
        rows = rows[1:]
    rows = [r for r in rows if any(c.strip() for c in r)]
    widths = {len(r) for r in rows}
    if len(rows) < 2 or len(widths) != 1 or widths.pop() not in (2, 3):
        return None
    ncols = len(rows[0])
    columns = [[r[i].strip() for r in rows] for i in range(ncols)]
    time_col = next((i for i, col in enumerate(columns)
                     if any(col) and all(_TIME_RE.match(v) for v in col if v)), None)
    rest = [i for i in range(ncols) if i != time_col]
    if len(rest) != 2:
        return None
    for speaker_col, text_col in ((rest[0], rest[1]), (rest[1], rest[0])):
        labels = [v for v in columns[speaker_col] if v]
        if labels and all(_is_label(v) for v in labels) \
                and len(set(labels)) <= max(2, len(labels) // 2) \
                and sum(map(len, columns[text_col])) > sum(map(len, labels)):
            return time_col, speaker_col, text_col
    return None


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A transcript table as ``[time] Speaker: text`` lines, any other table as tab rows."""
    layout = _transcript_columns(rows)
    if layout is None:
        return ["\t".join(" ".join(c.split("\n")) for c in row) for row in rows
                if any(c.strip() for c in row)]
    time_col, speaker_col, text_col = layout
    if rows and _is_header(rows[0]):
        rows = rows[1:]
    lines: list[str] = []
    for row in rows:
        speaker, said = row[speaker_col].strip(), row[text_col].strip()
        if not speaker:
            if said:
                lines.append(said)  # continues the previous turn
            continue
        stamp = row[time_col].strip().strip("[]()") if time_col is not None else ""
        prefix = f"[{stamp}] " if stamp else ""
        lines.append(f"{prefix}{speaker}: {said}")
    return lines


def docx_text(data: bytes, name: str) -> str:
    """The body text of a .docx: paragraphs and table rows in order, one per line."""
    open_zip(data, name, "Word (.docx)")  # refuses damaged archives and zip bombs first
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises many kinds; all mean "not a usable docx"
        raise bad(name, f"not a valid Word (.docx) file ({one_line(exc) or type(exc).__name__})")\
            from None
    lines: list[str] = []
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            lines.extend(_table_lines(_rows(child)))
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs
            lines.extend(_paragraph_text(p) for p in child.iter(f"{_W}p"))
    return "\n".join(lines).replace("\r", "\n")


_TEAMS_TIMING = re.compile(r"^\s*(?P<a>\d+:\d+:\d+(?:[.,]\d+)?)\s*-->\s*"
                          r"(?P<b>\d+:\d+:\d+(?:[.,]\d+)?)\s*$")


def teams_cues(lines: list[str], name: str, warnings: list[str]) -> list[Cue] | None:
    """The cues of a Teams Word transcript (see the module doc), or None when the lines are
    not one: at least two timing lines, each followed by a name and the words."""
    timings = [i for i, line in enumerate(lines) if _TEAMS_TIMING.match(line)]
    if len(timings) < 2:
        return None
    cues: list[Cue] = []
    preamble = " ".join(" ".join(line.split()) for line in lines[:timings[0]] if line.strip())
    if preamble:
        cues.append(Cue(None, None, "", preamble))
    for number, (here, following) in enumerate(
            zip(timings, [*timings[1:], len(lines)], strict=True), 1):
        block = [" ".join(line.split()) for line in lines[here + 1:following] if line.strip()]
        if not block:
            continue
        speaker = block[0] if len(block) > 1 and _is_label(block[0]) else ""
        said = " ".join(block[1:] if speaker else block)
        m = _TEAMS_TIMING.match(lines[here])
        assert m is not None
        start, end, problem = cue_times(seconds_of(m["a"]), seconds_of(m["b"]))
        if problem:
            warnings.append(cue_warning(name, number, said, problem))
        cues.append(Cue(start, end, speaker, said))
    if sum(1 for c in cues if c.speaker) * 2 < len(timings):
        return None  # timing lines without names: not Teams' layout
    return cues


def read_docx(data: bytes, name: str, kind: str = "auto") -> ImportedDocument:
    """A .docx as a transcript (a Teams transcript, or when it reads like turns) or as text;
    original bytes kept."""
    text = docx_text(data, name)
    warnings: list[str] = []
    cues = teams_cues(text.split("\n"), name, warnings) \
        if kind in ("auto", "transcript") else None
    if cues:
        return transcript_from_cues(cues, name, data, warnings)
    doc = text_document(text, name, kind)
    doc.original = data
    return doc
