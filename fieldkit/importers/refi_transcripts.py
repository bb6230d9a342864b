"""The ``<Transcript>`` inside a REFI-QDA AudioSource or VideoSource, read as a document.

fieldkit writes a linked transcript only there (``exporters.refi_recordings``), and ATLAS.ti,
MAXQDA and QualCoder write transcripts there too. Read here: the text (``plainTextPath`` or
``PlainTextContent``), its timed turns (a ``TranscriptSelection`` without codings between two
SyncPoints with times; its name is the speaker), its text codings (a ``TranscriptSelection``
holding Codings, between SyncPoints at code-point positions) and the facts fieldkit wrote in its
``Description`` (``Name: JSON value`` lines; the site, visit and participant are otherwise its
recording's). A transcript that a TextSource of the same project already holds — fieldkit's
exports before this one wrote both, under a GUID derived from the TextSource's — is only turns.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import derived_uuid

if TYPE_CHECKING:
    from .refi import RefiProject, RefiSource, _Archive

# The role a transcript GUID was derived with by fieldkit before transcripts were written once.
_OLD_ROLE = "transcript of a recording"


def read_transcript(element: Any, recording: RefiSource, archive: _Archive,
                    warnings: list[str]) -> RefiSource:
    """One ``<Transcript>`` of ``recording``: its turns go to ``recording.transcripts``, and
    the transcript as a text source (with its codings and facts) is returned."""
    from .refi import (
        _decode,
        _first_text,
        _int,
        _kids,
        _Newlines,
        _text_source,
        guid,
        selection_codings,
    )

    source = _text_source(element, archive, "text", {}, warnings)
    raw = _first_text(element, "PlainTextContent")
    entry = archive.find(element.get("plainTextPath"))
    if not raw and entry:
        raw = _decode(archive.read(entry))
    lines = _Newlines(raw if raw.strip() else "")
    name = source.name
    points: dict[str, tuple[int | None, int]] = {}
    for point in _kids(element, "SyncPoint"):
        stamp = _int(point, "timeStamp", name) if point.get("timeStamp") else None
        points[guid(point.get("guid"))] = (stamp, lines.move(_int(point, "position", name)))
    from fieldkit.exporters.refi_recordings import VAR_OFFSET

    facts = _read_facts(_first_text(element, "Description"))
    offset = facts.pop(VAR_OFFSET, 0)
    offset = offset if isinstance(offset, int) else 0
    turns: list[tuple[str, int, int | None, int, int]] = []
    length = len(source.text)
    for selection in _kids(element, "TranscriptSelection"):
        first = points.get(guid(selection.get("fromSyncPoint")))
        last = points.get(guid(selection.get("toSyncPoint")))
        codings = _kids(selection, "Coding")
        if not codings:
            if first is not None and first[0] is not None:
                turns.append((selection.get("name") or "", first[0],
                              last[0] if last else None, first[1],
                              last[1] if last else first[1]))
            continue
        start = max(0, min(first[1] if first else 0, length))
        end = max(0, min(last[1] if last else length, length))
        source.codings += selection_codings(selection, start, end, name, warnings)
    recording.transcripts[source.guid] = turns
    source.variables = _variables(recording, source.guid, facts, offset)
    return source


def _read_facts(description: str) -> dict[str, Any]:
    """The ``Name: JSON value`` lines fieldkit writes; other text (another tool's
    description) gives no facts."""
    facts: dict[str, Any] = {}
    for line in description.splitlines():
        label, sep, value = line.partition(": ")
        if not sep:
            return {}
        try:
            facts[label] = json.loads(value)
        except ValueError:
            return {}
    return facts


def _variables(recording: RefiSource, transcript_guid: str, facts: dict[str, Any],
               offset: int) -> dict[str, Any]:
    """The transcript's variable values: its recording's site, visit and participant, then
    its own facts, and the link to the recording."""
    from fieldkit.exporters.refi_recordings import VAR_OFFSET, VAR_RECORDING
    from fieldkit.exporters.refi_writer import VAR_KIND, VAR_PARTICIPANT, VAR_SITE, VAR_VISIT

    values = {k: v for k, v in recording.variables.items()
              if k in (VAR_SITE, VAR_VISIT, VAR_PARTICIPANT)}
    for key, value in facts.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    values.update({VAR_KIND: "transcript", VAR_RECORDING: recording.guid, VAR_OFFSET: offset})
    return values


def adopt_transcripts(project: RefiProject, embedded: dict[str, list[RefiSource]]) -> None:
    """Add each recording's transcripts (``embedded``: recording GUID → transcripts) to the
    project's sources, after their recording, unless a TextSource already holds them."""
    texts = {s.guid for s in project.sources if s.kind == "text"}
    held = texts | {derived_uuid(g, _OLD_ROLE) for g in texts}
    sources: list[RefiSource] = []
    for source in project.sources:
        sources.append(source)
        for transcript in embedded.get(source.guid, []):
            if transcript.guid not in held and transcript.text:
                sources.append(transcript)
    project.sources = sources
