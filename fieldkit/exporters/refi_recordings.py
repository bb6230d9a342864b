"""Recordings in a REFI-QDA project: ``AudioSource``/``VideoSource`` with time selections.

A recording document becomes an AudioSource (a VideoSource when it has a picture) whose file
goes into ``sources/``; each time coding becomes an ``AudioSelection``/``VideoSelection``
(``begin``/``end`` in milliseconds, as the standard counts them) holding its Coding. A time
coding made on a linked transcript is written there too, its selection GUID derived from the
coding and the transcript, so fieldkit's importer puts it back on the transcript; the
transcript itself stays a TextSource that names its recording in a variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import Coding, Document, derived_uuid
from fieldkit.exporters.files import StoredMedia

if TYPE_CHECKING:
    from fieldkit.exporters.refi_writer import _Export
    from fieldkit.project import Project

# Variables on a transcript's TextSource: the GUID of its recording, and the offset in ms.
VAR_RECORDING, VAR_OFFSET = "Recording", "Recording offset (ms)"
TIME_ROLE = "time selection"
TRANSCRIPT_ROLE = "transcript of a recording"


def transcript_guid(transcript_uuid: str) -> str:
    return derived_uuid(transcript_uuid, TRANSCRIPT_ROLE)


def selection_guid(coding_uuid: str, transcript_uuid: str | None = None) -> str:
    """The GUID of a time coding's selection (on a transcript: derived from it too)."""
    return derived_uuid(coding_uuid, TIME_ROLE, *([transcript_uuid] if transcript_uuid else []))


def transcript_facts(project: Project, doc: Document) -> dict[str, Any]:
    """The variables that tie a transcript to its recording (none for other documents)."""
    link = project.linked_recording(doc.id)
    if link is None:
        return {}
    recording_uuid = project.document(link[0]).uuid
    return {VAR_RECORDING: recording_uuid, VAR_OFFSET: link[1]}


def recording_source(parent: Any, doc: Document, codings: list[Coding],
                     transcript_codings: list[tuple[str, Coding]], project: Project,
                     export: _Export, facts: dict[str, Any]) -> None:
    """Write one recording with its time codings (``transcript_codings``: (transcript GUID,
    coding) of codings made on its linked transcripts)."""
    from fieldkit.exporters.refi_writer import (
        _coding_element,
        _datetime,
        _sub,
        _text,
        _variable_values,
    )

    rec = project.recordings.recording(doc.id)
    media = project.media_info(rec.media_id)
    name = f"{doc.uuid}{Path(media.filename).suffix.lower()}"
    tag = "VideoSource" if rec.video else "AudioSource"
    stamp = export.stamp(doc.created)
    stamp["modifiedDateTime"] = _datetime(doc.modified) or stamp["modifiedDateTime"]
    element = _sub(parent, tag, guid=doc.uuid, name=doc.title, path=f"internal://{name}",
                   **stamp)
    export.files.append((f"sources/{name}", StoredMedia(
        project.media, media.sha256, media.filename,
        export.damaged)))
    for transcript_id in rec.transcripts:
        _transcript(element, project, transcript_id, export)
    timed: list[tuple[str | None, Coding]] = [(None, c) for c in codings
                                               if c.start_ms is not None]
    timed += [(t, c) for t, c in transcript_codings]
    timed.sort(key=lambda item: (item[1].start_ms or 0, item[1].end_ms or 0, item[1].id))
    for transcript_uuid, coding in timed:
        selection = _sub(element, tag.replace("Source", "Selection"),
                         guid=selection_guid(coding.uuid, transcript_uuid),
                         name=coding.quote[:60] or None, begin=str(coding.start_ms),
                         end=str(coding.end_ms),
                         **export.stamp(coding.created, export.users[coding.coder_id]))
        if coding.memo.strip():
            _text(selection, "Description", coding.memo)
        _coding_element(selection, coding, export)
    if doc.memo.strip():
        _sub(element, "NoteRef", targetGUID=export.memo(
            doc.uuid, doc.memo, *export.written(doc, doc.modified, None)))
    _variable_values(element, facts, export)


def _transcript(parent: Any, project: Project, transcript_id: int, export: _Export) -> None:
    """The linked transcript as the standard's ``Transcript``: its text file (the same one its
    TextSource uses) and a sync point at each end of each timed turn, on the recording's clock;
    a TranscriptSelection per turn names the speaker."""
    from fieldkit.exporters.refi_writer import _datetime, _sub

    doc = project.document(transcript_id)
    offset = project.recordings.offset_ms(transcript_id)
    stamp = export.stamp(doc.created)
    stamp["modifiedDateTime"] = _datetime(doc.modified) or stamp["modifiedDateTime"]
    element = _sub(parent, "Transcript", guid=transcript_guid(doc.uuid), name=doc.title,
                   plainTextPath=f"internal://{doc.uuid}.txt", **stamp)
    turns = [(i, t) for i, t in enumerate(project.turns(transcript_id))
             if t.t_start is not None]
    points = []
    for i, turn in turns:
        assert turn.t_start is not None
        begin = derived_uuid(doc.uuid, TRANSCRIPT_ROLE, str(i), "from")
        _sub(element, "SyncPoint", guid=begin, timeStamp=str(round(turn.t_start * 1000) + offset),
             position=str(turn.start))
        end = None
        if turn.t_end is not None:
            end = derived_uuid(doc.uuid, TRANSCRIPT_ROLE, str(i), "to")
            _sub(element, "SyncPoint", guid=end,
                 timeStamp=str(round(turn.t_end * 1000) + offset), position=str(turn.end))
        points.append((i, turn.speaker, begin, end))
    for i, speaker, begin, end in points:
        _sub(element, "TranscriptSelection", guid=derived_uuid(doc.uuid, TRANSCRIPT_ROLE, str(i)),
             name=speaker or None, fromSyncPoint=begin, toSyncPoint=end)
