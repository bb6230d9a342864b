"""Recordings in a REFI-QDA project: ``AudioSource``/``VideoSource`` with time selections.

A recording document becomes an AudioSource (a VideoSource when it has a picture) whose file
goes into ``sources/``, named with its file extension (``talk.m4a``: QualCoder stores the file
under the source's name and tells audio from video by it); each time coding becomes an
``AudioSelection``/``VideoSelection`` (``begin``/``end`` in milliseconds, as the standard counts
them) holding its Coding. A time coding made on a linked transcript is written there too, its
selection GUID derived from the coding and the transcript, so fieldkit's importer puts it back
on the transcript.

A linked transcript is written once, as the standard's ``<Transcript>`` inside its recording's
source — not also as a TextSource (QualCoder showed it twice, "source name duplicated", and
put the text codings on the copy not tied to the media). Its GUID is the transcript
document's; its text is ``sources/<GUID>.txt``; each timed turn is a ``TranscriptSelection``
named by its speaker between two ``SyncPoint``s (position and time on the recording's clock);
each text coding is a ``TranscriptSelection`` holding the Coding between two SyncPoints at its
code-point positions. A Transcript has no variables, so what the transcript's own facts add to
its recording's (a different participant, an attribute, the offset) is written in its
``Description`` as ``Name: JSON value`` lines, which fieldkit's importer reads back.

Checked with QualCoder's own importer (``tools/qualcoder_import.py``): one source per recording
and one transcript tied to it (``talk.m4a`` and ``talk.m4a.txt``), the text codings on that
transcript. QualCoder reads a TranscriptSelection's positions one character on (its importer
adds 1 to both SyncPoint positions, its exporter does not): the positions here are the
standard's, code points from 0, as in every PlainTextSelection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import Coding, Document, derived_uuid
from fieldkit.exporters.files import StoredMedia

# A document's variable values (``refi_writer._document_facts``).
Facts = Callable[[Document], dict[str, Any]]

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


def written_in_recording(project: Project, doc: Document) -> bool:
    """Whether ``doc`` is a transcript written inside its recording's source (not on its own)."""
    return doc.kind == "transcript" and project.linked_recording(doc.id) is not None


def recording_source(parent: Any, doc: Document, codings: list[Coding],
                     transcript_codings: list[tuple[str, Coding]], project: Project,
                     export: _Export, facts: dict[str, Any],
                     text_codings: dict[int, list[Coding]], facts_of: Facts) -> None:
    """Write one recording with its transcripts and time codings (``transcript_codings``:
    (transcript GUID, coding) of codings made on its linked transcripts; ``text_codings`` the
    other codings by document id; ``facts_of`` a document's variable values)."""
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
    element = _sub(parent, tag, guid=doc.uuid, name=source_name(doc.title, media.filename),
                   path=f"internal://{name}", **stamp)
    export.files.append((f"sources/{name}", StoredMedia(
        project.media, media.sha256, media.filename,
        export.damaged)))
    for transcript_id in rec.transcripts:
        transcript = project.document(transcript_id)
        _transcript(element, project, transcript, export, text_codings.get(transcript_id, []),
                    _own_facts(facts_of(transcript), facts))
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


def source_name(title: str, filename: str) -> str:
    """A media source's ``name``: the title with the file's extension (QualCoder keeps the file
    under this name and tells audio, video and pictures apart by the extension)."""
    suffix = Path(filename).suffix.lower()
    return title if not suffix or title.lower().endswith(suffix) else f"{title}{suffix}"


def _own_facts(transcript: dict[str, Any], recording: dict[str, Any]) -> dict[str, Any]:
    """The transcript's facts that its recording's do not already say (see the module doc)."""
    from fieldkit.exporters.refi_writer import FACT_VARIABLES, VAR_KIND

    own = {k: v for k, v in transcript.items()
           if k not in (VAR_KIND, VAR_RECORDING) and not (k == VAR_OFFSET and not v)}
    for name in FACT_VARIABLES:
        if name in own and own[name] == recording.get(name):
            del own[name]
        elif name not in own and recording.get(name) is not None and name != VAR_KIND:
            own[name] = None  # the recording has one, the transcript has none
    return own


def describe_facts(facts: dict[str, Any]) -> str:
    """Facts as ``Name: JSON value`` lines (read back by ``importers.refi_transcripts``)."""
    return "\n".join(f"{name}: {json.dumps(value, ensure_ascii=False)}"
                     for name, value in facts.items())


def _transcript(parent: Any, project: Project, doc: Document, export: _Export,
                codings: list[Coding], facts: dict[str, Any]) -> None:
    """The linked transcript as the standard's ``Transcript`` (see the module doc)."""
    from fieldkit.exporters.refi_writer import _datetime, _sub, _text

    offset = project.recordings.offset_ms(doc.id)
    stamp = export.stamp(doc.created)
    stamp["modifiedDateTime"] = _datetime(doc.modified) or stamp["modifiedDateTime"]
    element = _sub(parent, "Transcript", guid=doc.uuid, name=doc.title,
                   plainTextPath=f"internal://{doc.uuid}.txt", **stamp)
    export.files.append((f"sources/{doc.uuid}.txt", doc.text.encode("utf-8")))
    if facts:
        _text(element, "Description", describe_facts(facts))
    turns = [(i, t) for i, t in enumerate(project.turns(doc.id)) if t.t_start is not None]
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
    spans = [c for c in codings if c.start is not None and c.end is not None]
    for coding in spans:
        for role, position in (("from", coding.start), ("to", coding.end)):
            _sub(element, "SyncPoint", guid=derived_uuid(coding.uuid, "span", role),
                 position=str(position))
    for i, speaker, begin, end in points:
        _sub(element, "TranscriptSelection", guid=derived_uuid(doc.uuid, TRANSCRIPT_ROLE, str(i)),
             name=speaker or None, fromSyncPoint=begin, toSyncPoint=end)
    for coding in spans:
        _coding_selection(element, coding, export)
    if doc.memo.strip():
        _sub(element, "NoteRef", targetGUID=export.memo(
            doc.uuid, doc.memo, *export.written(doc, doc.modified, None)))


def _coding_selection(parent: Any, coding: Coding, export: _Export) -> None:
    """A text coding of a transcript: a TranscriptSelection between its two SyncPoints."""
    from fieldkit.exporters.refi_writer import _coding_element, _sub, _text

    element = _sub(parent, "TranscriptSelection", guid=derived_uuid(coding.uuid, "span"),
                   name=coding.quote[:60], fromSyncPoint=derived_uuid(coding.uuid, "span", "from"),
                   toSyncPoint=derived_uuid(coding.uuid, "span", "to"),
                   **export.stamp(coding.created, export.users[coding.coder_id]))
    if coding.memo.strip():
        _text(element, "Description", coding.memo)
    _coding_element(element, coding, export)
