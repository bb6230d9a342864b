"""Recorded interviews: audio and video kept beside their transcripts, and coded by time.

``project.recordings`` is the named part of the facade for this area:

- ``read(path, transcript=...)`` / ``store(prepared, ...)`` — check a recording (and the
  transcript that goes with it) completely before anything is stored, then store both linked
  (``Project.import_files`` uses these, so ``fieldkit import rec.m4a rec.vtt`` is one step);
- ``attach(recording, transcript_doc)`` — give a transcript already in the project its
  recording (a file, imported then, or a recording document already there);
- ``code_time(doc, start_ms, end_ms, code)`` — code a stretch of time (one undo step);
- ``segments(doc)`` — the time-coded turns of a recording's transcripts, on the recording's clock;
- ``shift(transcript, offset_ms)`` — move a transcript's times when it started later or earlier;
- ``transcribe(doc, model=..., language=...)`` — the recording's speech as a timed transcript,
  offline (faster-whisper), linked to it in one undo step; ``words(transcript)`` its word times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from fieldkit.core.errors import BadInput, NotFound
from fieldkit.core.model import Coding, Document, ImportedDocument, Recording, Turn
from fieldkit.core.progress import Progress
from fieldkit.core.text import context
from fieldkit.core.timecode import format_ms
from fieldkit.importers.recording import RecordingFacts, is_recording, read_facts
from fieldkit.importers.waveform import PER_SECOND, compute_peaks
from fieldkit.operations.storing import store_document
from fieldkit.storage import recording_tables

if TYPE_CHECKING:
    from fieldkit.importers.speech import Word
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

# Transcript files looked for beside a recording of the same base name, in this order.
TRANSCRIPT_EXTENSIONS = (".vtt", ".srt", ".sbv", ".eaf", ".otr", ".docx", ".json", ".html",
                         ".htm", ".txt")


@dataclass(slots=True)
class PreparedRecording:
    """A recording file and its transcript, read and checked, not yet stored."""

    path: Path
    facts: RecordingFacts
    transcript: ImportedDocument | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TimedSegment:
    """One turn of a linked transcript on the recording's clock."""

    transcript_id: int
    start: int  # code points in the transcript
    end: int
    speaker: str
    start_ms: int
    end_ms: int | None
    text: str


def read_transcript(path: Path) -> ImportedDocument:
    """A transcript file of any kind fieldkit reads: subtitles, documents, Whisper JSON,
    noScribe HTML, ELAN, oTranscribe."""
    from fieldkit.importers import read_file

    return read_file(path, "transcript")[0]


def companion_transcript(path: Path) -> Path | None:
    """A transcript beside the recording with the same base name (``rec.m4a`` → ``rec.vtt``)."""
    for suffix in TRANSCRIPT_EXTENSIONS:
        for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
            if candidate.is_file():
                return candidate
    return None


def times_past_end(doc: ImportedDocument, duration_ms: int, name: str) -> list[str]:
    """A warning when transcript times run past the end of the recording (they are kept)."""
    last = max((t.t_end if t.t_end is not None else t.t_start or 0.0 for t in doc.turns
                if t.t_start is not None), default=0.0)
    if last * 1000 > duration_ms + 500:
        return [f"{name}: its times run to {format_ms(round(last * 1000))}, past the end of "
                f"the recording ({format_ms(duration_ms)}); kept as they are."]
    return []


class Recordings:
    """The recordings of one project (see the module docstring)."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store

    # -- importing -------------------------------------------------------------------------

    def read(self, path: Path, *, transcript: Path | None = None,
             find_companion: bool = True, strict: bool = True) -> PreparedRecording:
        """Check a recording and read its transcript (given, or found by base name).

        A transcript that cannot be read stops the import when ``strict`` (the researcher
        named it: ``--transcript``); otherwise — a file beside the recording, or one that
        came along in the same import — the recording is imported alone and a warning says
        why its transcript is not."""
        facts = read_facts(path)
        prepared = PreparedRecording(path, facts)
        if transcript is None and find_companion:
            transcript = companion_transcript(path)
            strict = False
        if transcript is not None:
            if is_recording(transcript):
                raise BadInput(f"{transcript.name}: a transcript cannot be a recording.")
            try:
                prepared.transcript = read_transcript(transcript)
            except BadInput as exc:
                if strict:
                    raise
                prepared.warnings.append(f"{exc} — {path.name} is imported without it "
                                         "(attach a transcript later with fieldkit attach).")
                return prepared
            prepared.warnings += prepared.transcript.warnings + times_past_end(
                prepared.transcript, facts.duration_ms, transcript.name)
        return prepared

    def store_prepared(self, prepared: PreparedRecording, *, site: str | None = None,
                       visit: str | None = None) -> list[int]:
        """Store a prepared recording (and transcript, linked): call within one change."""
        facts = prepared.facts
        sha = self._project.media.put_file(prepared.path, prepared.path.name)
        with self._store.change(f"Import {prepared.path.name}"):
            media_id = self._store.media_for({
                "sha256": sha, "filename": prepared.path.name, "mime": facts.mime,
                "size": prepared.path.stat().st_size, "width": facts.width,
                "height": facts.height, "taken": facts.recorded})
            title = prepared.path.stem
            recording_doc = ImportedDocument(kind="recording", title=title, text="",
                                             created=facts.recorded,
                                             source_name=prepared.path.name)
            key = store_document(self._project, self._store, recording_doc, site, visit)
            self._store.update("documents", key, {"media_id": media_id})
            self.add_facts(key, media_id, facts)
            keys = [key]
            if prepared.transcript is not None:
                transcript_key = store_document(self._project, self._store,
                                                prepared.transcript, site, visit)
                recording_tables.link(self._store, transcript_key, key)
                keys.append(transcript_key)
        return keys

    def store_media(self, data: bytes, filename: str) -> tuple[int, RecordingFacts]:
        """Check a recording given as bytes (from an archive) and store its file; within a
        change. ``BadInput`` when it is not a usable recording."""
        import tempfile

        with tempfile.TemporaryDirectory(dir=self._project.path) as folder:
            path = Path(folder) / Path(filename).name
            path.write_bytes(data)
            facts = read_facts(path)
            sha = self._project.media.put_file(path, path.name)
        media_id = self._store.media_for({
            "sha256": sha, "filename": Path(filename).name, "mime": facts.mime,
            "size": len(data), "width": facts.width, "height": facts.height,
            "taken": facts.recorded})
        return media_id, facts

    def add_facts(self, document_id: int, media_id: int, facts: RecordingFacts) -> None:
        """The recording row of a recording document (within a change)."""
        recording_tables.add_recording(self._store, {
            "document_id": document_id, "media_id": media_id,
            "duration_ms": facts.duration_ms, "format": facts.format,
            "video": int(facts.video), "width": facts.width, "height": facts.height,
            "recorded": facts.recorded})

    def attach(self, recording: str | Path | int, transcript: int | str) -> Document:
        """Give a transcript already in the project its recording, in one undo step; returns
        the recording document.

        ``recording`` is a recording file (imported now, into the transcript's site and
        visit) or a recording document already in the project (its id or UUID). A transcript
        linked to a recording already is refused: each transcript has one recording. Times
        past the recording's end are kept and warned of in ``project.imports.warnings``."""
        doc = self._project.document(transcript)
        if doc.kind != "transcript":
            raise BadInput(f"'{doc.title}' is a {doc.kind}; a recording is attached to a "
                           "transcript.")
        linked = recording_tables.linked_recording(self._store, doc.id)
        if linked is not None:
            raise BadInput(f"'{doc.title}' already has its recording "
                           f"('{self._store.document(linked[0]).title}').")
        turns = self._store.turns(doc.id)
        imported = ImportedDocument(kind="transcript", title=doc.title, text=doc.text,
                                    turns=turns)
        path = Path(str(recording))
        if isinstance(recording, int) or not (path.is_file() or is_recording(path)):
            rec = self._existing_recording(recording)
            self._project.imports.warnings = times_past_end(imported, rec.duration_ms,
                                                            doc.title)
            with self._store.change(f"Attach {self._store.document(rec.document_id).title}"):
                recording_tables.link(self._store, doc.id, rec.document_id)
            return self._store.document(rec.document_id)
        prepared = self.read(path, find_companion=False)
        self._project.imports.warnings = times_past_end(imported, prepared.facts.duration_ms,
                                                        doc.title)
        with self._store.change(f"Attach {path.name}"):
            key = self.store_prepared(prepared)[0]
            self._store.update("documents", key, {"site_id": doc.site_id,
                                                 "visit_id": doc.visit_id})
            recording_tables.link(self._store, doc.id, key)
        return self._store.document(key)

    def _existing_recording(self, ref: int | str | Path) -> Recording:
        """The recording of a recording document named by id or UUID (not a transcript's)."""
        try:
            doc = self._project.document(ref if isinstance(ref, int) else str(ref))
        except NotFound:
            raise BadInput(f"{ref}: neither a recording file nor a recording in the "
                           "project.") from None
        found = recording_tables.recording(self._store, doc.id)
        if found is None:
            raise BadInput(f"'{doc.title}' is a {doc.kind}, not a recording.")
        return found

    def add_transcript(self, recording: int | str, path: str | Path) -> Document:
        """Import a transcript (subtitles, Whisper JSON, noScribe HTML …) for a recording."""
        rec = self.recording(recording)
        imported = read_transcript(Path(path))
        self._project.imports.warnings = imported.warnings + times_past_end(
            imported, rec.duration_ms, Path(path).name)
        with self._store.change(f"Import {imported.title}"):
            key = store_document(self._project, self._store, imported, None, None)
            source = self._store.document(rec.document_id)
            self._store.update("documents", key, {"site_id": source.site_id,
                                                 "visit_id": source.visit_id})
            recording_tables.link(self._store, key, rec.document_id)
        return self._store.document(key)

    # -- reading ---------------------------------------------------------------------------

    def recording(self, ref: int | str) -> Recording:
        """The recording of a recording document, or of the recording a transcript is linked
        to; ``BadInput`` when there is none."""
        doc = self._project.document(ref)
        found = recording_tables.recording(self._store, doc.id)
        if found is None:
            link = recording_tables.linked_recording(self._store, doc.id)
            if link is not None:
                found = recording_tables.recording(self._store, link[0])
        if found is None:
            raise BadInput(f"'{doc.title}' has no recording.")
        return found

    def has_recording(self, ref: int | str) -> bool:
        try:
            self.recording(ref)
        except BadInput:
            return False
        return True

    def media_file(self, ref: int | str) -> Path:
        return self._project.media_file(self.recording(ref).media_id)

    @contextmanager
    def sound(self, media_id: int) -> Iterator[tuple[Path, BinaryIO | None]]:
        """The stored recording's path and, in an encrypted project, a decrypting file-like
        reader of it (PyAV and faster-whisper read that; the path then holds only
        ciphertext). In a plain project the reader is None and the path is read as ever."""
        path = self._project.media_file(media_id)
        if self._project.media.key is None:
            yield path, None
            return
        with self._project.open_media(media_id) as media:
            yield path, media

    def offset_ms(self, transcript: int | str) -> int:
        link = recording_tables.linked_recording(self._store,
                                                 self._store.resolve("documents", transcript))
        return link[1] if link else 0

    def segments(self, ref: int | str) -> list[TimedSegment]:
        """The timed turns of every transcript linked to the recording, on its clock."""
        rec = self.recording(ref)
        found: list[TimedSegment] = []
        for transcript_id in rec.transcripts:
            offset = self.offset_ms(transcript_id)
            text = self._store.document(transcript_id).text
            for turn in self._store.turns(transcript_id):
                if turn.t_start is None:
                    continue
                end = None if turn.t_end is None else round(turn.t_end * 1000) + offset
                found.append(TimedSegment(transcript_id, turn.start, turn.end, turn.speaker,
                                          round(turn.t_start * 1000) + offset, end,
                                          text[turn.start:turn.end]))
        return sorted(found, key=lambda s: (s.start_ms, s.transcript_id, s.start))

    def time_codings(self, ref: int | str) -> list[Coding]:
        doc_ids = {self.recording(ref).document_id, *self.recording(ref).transcripts}
        return [c for d in sorted(doc_ids) for c in self._project.codings(doc=d)
                if c.start_ms is not None]

    def cached_waveform(self, ref: int | str) -> tuple[int, bytes] | None:
        """(slices per second, peaks 0–255) if the overview was drawn before, else None."""
        return recording_tables.waveform(self._store, self.recording(ref).media_id)

    def waveform(self, ref: int | str, progress: Progress | None = None) -> tuple[int, bytes]:
        """The waveform overview: from the project's cache, else computed and cached.

        Computing decodes the whole recording (seconds for an hour): call it off the GUI
        thread; it stops with ``Cancelled`` when ``progress`` is cancelled.
        """
        rec = self.recording(ref)
        cached = recording_tables.waveform(self._store, rec.media_id)
        if cached is not None:
            return cached
        with self.sound(rec.media_id) as (path, media):
            peaks = compute_peaks(path, progress, media=media)
        recording_tables.save_waveform(self._store, rec.media_id, PER_SECOND, peaks)
        return PER_SECOND, peaks

    # -- changing --------------------------------------------------------------------------

    def code_time(self, doc: int | str, start_ms: int, end_ms: int, code: int | str, *,
                  coder: str | None = None, memo: str = "") -> Coding:
        """Code ``[start_ms, end_ms)`` of a recording (or of a transcript linked to one).

        On a transcript the coding also covers the text of the turns in that stretch, so it
        shows with its words wherever text codings do.
        """
        document = self._project.document(doc)
        rec = self.recording(document.id)
        if not 0 <= start_ms < end_ms:
            raise BadInput(f"{format_ms(start_ms)}–{format_ms(end_ms)} is not a stretch of "
                           "time: FROM must be before TO.")
        if end_ms > rec.duration_ms:
            raise BadInput(f"{format_ms(end_ms)} is past the end of the recording "
                           f"({format_ms(rec.duration_ms)}).")
        code_row = self._project.code(code)
        coder_id = self._store.coder_id(coder or self._project.coder)
        start = end = 0
        if document.kind != "recording":
            start, end = self.text_span(document.id, start_ms, end_ms)
        existing = recording_tables.time_coding(self._store, document.id, code_row.id,
                                                coder_id, start_ms, end_ms)
        if existing is not None:
            return self._store.coding(int(existing))
        before, after = context(document.text, start, end)
        key = self._store.add_coding({
            "document_id": document.id, "code_id": code_row.id, "coder_id": coder_id,
            "start": start, "end": end, "quote": document.text[start:end], "before": before,
            "after": after, "memo": memo, "start_ms": start_ms, "end_ms": end_ms})
        return self._store.coding(key)

    def text_span(self, transcript_id: int, start_ms: int, end_ms: int) -> tuple[int, int]:
        """The text of the turns that overlap a stretch of time (empty if none do)."""
        offset = self.offset_ms(transcript_id)
        turns = [t for t in self._store.turns(transcript_id) if t.t_start is not None]
        hit = []
        for i, turn in enumerate(turns):
            begin = round((turn.t_start or 0) * 1000) + offset
            if turn.t_end is not None:
                finish = round(turn.t_end * 1000) + offset
            elif i + 1 < len(turns):
                finish = round((turns[i + 1].t_start or 0) * 1000) + offset
            else:  # the last turn lasts until the recording ends
                finish = max(begin + 1, self.recording(transcript_id).duration_ms)
            if begin < end_ms and finish > start_ms:
                hit.append(turn)
        if not hit:
            return 0, 0
        return hit[0].start, hit[-1].end

    def transcription_text(self, transcript: int | str) -> str:
        """The text transcription mode opens for a linked transcript: a typed one as it is; an
        imported or machine one (continued or not) with each timed turn on its own line opening
        with its time (``core.transcription.as_typed``), so typing continues it."""
        from fieldkit.core.transcription import as_typed

        doc = self._project.document(transcript)
        if doc.attributes.get("transcription") is True:
            return doc.text
        return as_typed(doc.text, self._store.turns(doc.id))

    def save_transcription(self, recording: int | str, text: str,
                           transcript: int | str | None = None) -> Document:
        """Save what was typed in transcription mode as a transcript linked to the recording.

        The first save makes the transcript ("<recording> (transcription)", its stamps in
        its text) unless ``transcript`` names one linked to the recording: a typed one's text
        is replaced; an imported or machine one is continued without stamps in its text
        (``core.transcription.without_stamps``: turns keep their end times where their stamp
        did not change). Codings re-anchor on their words; one undo step each.
        """
        from fieldkit.core.text import normalise_newlines
        from fieldkit.core.transcription import transcription_turns

        rec = self.recording(recording)
        source = self._store.document(rec.document_id)
        text = normalise_newlines(text)
        with self._store.change(f"Transcribe {source.title}"):
            if transcript is None:
                key = self._store.add_document({
                    "kind": "transcript", "title": f"{source.title} (transcription)",
                    "text": text, "site_id": source.site_id, "visit_id": source.visit_id,
                    "attributes": {"transcription": True}}, transcription_turns(text))
                recording_tables.link(self._store, key, rec.document_id)
                return self._store.document(key)
            doc = self._project.document(transcript)
            if doc.id not in rec.transcripts:
                raise BadInput(f"'{doc.title}' is not a transcript of '{source.title}'.")
            text, turns = self._continued(doc, text)
            if text != doc.text:
                self._project.edit_text(doc.id, text)
            self._replace_turns(doc.id, turns)
        return self._store.document(doc.id)

    def _continued(self, doc: Document, text: str) -> tuple[str, list[Turn]]:
        """The text and turns to store for ``doc`` edited in transcription mode; an imported
        or machine transcript is marked continued (editable, still without stamps)."""
        from fieldkit.core.transcription import transcription_turns, without_stamps

        if doc.attributes.get("transcription") is True:
            return text, transcription_turns(text)
        before = self._store.turns(doc.id)
        if not doc.attributes.get("transcription"):
            self._store.update_document(doc.id, {
                "attributes": {**doc.attributes, "transcription": "continued"}})
        named = any(doc.text.startswith(f"{t.speaker}:", t.start) for t in before
                    if t.speaker)
        return without_stamps(text, before, names_in_text=named or not
                              any(t.speaker for t in before))

    def _replace_turns(self, doc_id: int, turns: list[Turn]) -> None:
        for turn_id in recording_tables.turn_ids(self._store, doc_id):
            self._store.delete("turns", turn_id)
        with self._store.turns_in_bulk(doc_id):
            for turn in turns:
                self._store.insert("turns", {"document_id": doc_id, "start": turn.start,
                                            "end": turn.end, "speaker": turn.speaker,
                                            "t_start": turn.t_start, "t_end": turn.t_end})

    def speakers(self, ref: int | str) -> list[str]:
        """The speakers of a recording's transcripts, in the order they first speak (the
        names transcription mode's speaker keys propose)."""
        names: list[str] = []
        for transcript_id in self.recording(ref).transcripts:
            for turn in self._store.turns(transcript_id):
                if turn.speaker and turn.speaker not in names:
                    names.append(turn.speaker)
        return names

    # -- speech recognition ----------------------------------------------------------------

    def transcription_source(self, ref: int | str) -> tuple[Recording, Path]:
        """The recording document ``ref`` and its media file, checked for transcribing:
        ``BadInput`` for a document that is not a recording or a recording without sound."""
        doc = self._project.document(ref)
        rec = recording_tables.recording(self._store, doc.id)
        if rec is None:
            raise BadInput(f"'{doc.title}' is a {doc.kind}, not a recording: only a recording "
                           "can be transcribed.")
        path = self._project.media_file(rec.media_id)
        with self.sound(rec.media_id) as (_, media):
            silent = read_facts(path, media=media).audio_codec is None
        if silent:
            raise BadInput(f"'{doc.title}' has no sound to transcribe (a video without an "
                           "audio track).")
        return rec, path

    def transcribe(self, ref: int | str, *, model: str | None = None,
                   language: str = "auto", progress: Progress | None = None) -> Document:
        """Transcribe a recording offline and store the transcript linked to it (one undo
        step); returns the transcript. ``model`` is a model folder or the name of a model
        found (``fieldkit.importers.speech_models``; the first found when None); a cancel
        or any refusal stores nothing."""
        from fieldkit.importers import speech
        from fieldkit.importers.speech_models import resolve_model

        rec, path = self.transcription_source(ref)
        found = resolve_model(model)
        speech.check_language(found, language)
        if not speech.available():
            from fieldkit.importers.speech_models import INSTALL_HINT

            raise BadInput(INSTALL_HINT)
        title = self._store.document(rec.document_id).title
        with self.sound(rec.media_id) as (_, media):
            imported = speech.transcribe(path, found, language, rec.duration_ms, progress,
                                         title=title, media=media)
        return self.store_transcribed(rec.document_id, imported)

    def store_transcribed(self, ref: int | str, imported: ImportedDocument) -> Document:
        """Store a transcript ``speech.transcribe`` made, linked to recording ``ref``, in one
        undo step (the GUI transcribes off its thread, then stores here)."""
        rec = self.recording(ref)
        source = self._store.document(rec.document_id)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H.%M.%S")
        imported.source_name = f"{source.title} (transcribed {stamp}).json"
        with self._store.change(f"Transcribe {source.title}"):
            key = store_document(self._project, self._store, imported, None, None)
            self._store.update("documents", key, {"site_id": source.site_id,
                                                 "visit_id": source.visit_id})
            recording_tables.link(self._store, key, rec.document_id)
        return self._store.document(key)

    def words(self, transcript: int | str) -> list[Word]:
        """The word timestamps of a transcript fieldkit transcribed (kept in its original
        file, a Whisper-style JSON in the media folder); empty for any other transcript."""
        from fieldkit.importers.speech import words_of

        doc = self._project.document(transcript)
        kept = [m for m in self._store.all_media() if m.filename == doc.source_name]
        if not doc.source_name.endswith(".json") or not kept:
            return []
        said = re.findall(r"\w+", doc.text.lower())
        found = [words_of(self._project.media.read(m.sha256, m.filename))
                 for m in sorted(kept, key=lambda m: -m.id)]
        # two transcriptions in one second share a name: the one whose words are the text's
        same = [w for w in found if re.findall(r"\w+", " ".join(x.word for x in w).lower())
                == said]
        return (same or found)[0]

    def shift(self, transcript: int | str, offset_ms: int) -> None:
        """Move a linked transcript's times by ``offset_ms`` on the recording's clock."""
        doc = self._project.document(transcript)
        if recording_tables.linked_recording(self._store, doc.id) is None:
            raise BadInput(f"'{doc.title}' is not linked to a recording.")
        recording_tables.set_offset(self._store, doc.id, int(offset_ms))

    def durations(self) -> dict[int, int]:
        return recording_tables.durations(self._store)
