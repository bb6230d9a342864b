"""A recording's speech as a timed transcript, offline: faster-whisper (CTranslate2, CPU int8).

``transcribe(path, model, language, progress)`` decodes the recording's sound, runs Whisper
over it and returns the transcript as an ``ImportedDocument``: one timed turn per stretch of
speech (Whisper's segments, split again where the speaker pauses for ``PAUSE_S`` or more),
no speakers (the transcription mode's speaker keys assign them). The word timestamps are kept
in the document's original file, a Whisper-style JSON (segments with their ``words``) that
fieldkit's own Whisper reader turns into the same transcript; ``words_of`` reads them back.

Nothing leaves the computer and nothing is downloaded: the model is a folder found by
``speech_models``. Progress reports the seconds of sound done, with the time left; Cancel stops
at the next segment with ``Cancelled`` (the caller has stored nothing yet).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fieldkit.core.errors import BadInput
from fieldkit.core.model import ImportedDocument
from fieldkit.core.progress import Progress
from fieldkit.importers.speech_models import INSTALL_HINT, SpeechModel

#: a silence at least this long between two words starts a new turn
PAUSE_S = 1.0
LANGUAGES = ("nl", "en", "auto")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word and its time in the recording, in seconds."""

    start: float
    end: float
    word: str
    probability: float


def available() -> bool:
    """Whether faster-whisper is installed (the ``transcribe`` extra)."""
    try:
        import faster_whisper  # noqa: F401
    except ImportError:
        return False
    return True


def check_language(model: SpeechModel, language: str) -> str | None:
    """Whisper's language code for ``language`` (None: let the model tell); ``BadInput`` for
    Dutch on an English-only model."""
    if language not in LANGUAGES:
        raise BadInput(f"--language {language}: choose nl, en or auto.")
    if not model.multilingual:
        if language == "nl":
            raise BadInput(f"{model.name} knows English only; for Dutch use a multilingual "
                           "model (e.g. faster-whisper-small).")
        return "en"
    return None if language == "auto" else language


def load(model: SpeechModel) -> Any:
    """The model loaded for the CPU (int8); ``BadInput`` when it is missing or damaged."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise BadInput(INSTALL_HINT) from None
    try:
        return WhisperModel(str(model.path), device="cpu", compute_type="int8",
                            cpu_threads=os.cpu_count() or 1, local_files_only=True)
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on a bad file
        first = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise BadInput(f"{model.name}: a damaged speech model ({first}).") from None


def transcribe(path: Path, model: SpeechModel, language: str, duration_ms: int,
               progress: Progress | None = None, *, title: str | None = None,
               loaded: Any = None, media: BinaryIO | None = None) -> ImportedDocument:
    """The recording's speech as a timed transcript (see the module docstring).

    ``duration_ms`` is the recording's length (for progress and the time left); ``loaded``
    a model ``load`` returned before (the benchmark reuses one); ``media`` the recording as a
    file-like object (an encrypted project's decrypting reader), read instead of ``path``."""
    from fieldkit.importers.machine import read_machine_bytes

    progress = progress or Progress.silent()
    code = check_language(model, language)
    total = max(1, round(duration_ms / 1000))
    progress.start(total, "Loading the speech model")
    whisper = loaded if loaded is not None else load(model)
    progress.check()
    try:
        segments, info = whisper.transcribe(media if media is not None else str(path),
                                            language=code, word_timestamps=True,
                                            vad_filter=True, beam_size=5,
                                            condition_on_previous_text=False)
    except Exception as exc:  # PyAV cannot decode the sound
        raise BadInput(f"{path.name}: its sound cannot be read ({type(exc).__name__}).") \
            from None
    began = time.monotonic()
    found: list[dict[str, Any]] = []
    for segment in segments:  # decoded lazily: a cancel stops the work at the next segment
        progress.check()
        found.append(_segment(segment))
        done = min(total, round(segment.end))
        progress.step(_left(done, total, time.monotonic() - began), done - progress.done)
    progress.check()
    turns = split_at_pauses(found)
    name = f"{title or path.stem} (transcribed).json"
    data = json.dumps({"language": info.language, "model": model.name,
                       "duration": info.duration, "segments": turns},
                      ensure_ascii=False).encode("utf-8")
    if not turns:
        raise BadInput(f"{path.name}: no speech was recognised; nothing was stored.")
    doc = read_machine_bytes(data, name)
    doc.title = f"{title or path.stem} (transcribed)"
    return doc


def _segment(segment: Any) -> dict[str, Any]:
    words = [{"start": round(w.start, 3), "end": round(w.end, 3), "word": w.word,
              "probability": round(w.probability, 3)} for w in (segment.words or [])]
    return {"start": round(segment.start, 3), "end": round(segment.end, 3),
            "text": segment.text.strip(), "words": words}


def _left(done: int, total: int, elapsed: float) -> str:
    """"0:42 of 3:10, about 1:05 left" (at the rate so far)."""
    if done <= 0 or elapsed <= 0:
        return "Transcribing"
    left = elapsed * (total - done) / done
    return f"{_clock(done)} of {_clock(total)}, about {_clock(round(left))} left"


def _clock(seconds: int) -> str:
    """1:05, 1:02:03."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def split_at_pauses(segments: list[dict[str, Any]],
                    pause: float = PAUSE_S) -> list[dict[str, Any]]:
    """Segments split where the speaker pauses ``pause`` seconds or more between words."""
    turns: list[dict[str, Any]] = []
    for segment in segments:
        words = segment["words"]
        if not words:
            if segment["text"]:
                turns.append(segment)
            continue
        run = [words[0]]
        for word in words[1:]:
            if word["start"] - run[-1]["end"] >= pause:
                turns.append(_turn(run))
                run = []
            run.append(word)
        turns.append(_turn(run))
    return [t for t in turns if t["text"]]


def _turn(words: list[dict[str, Any]]) -> dict[str, Any]:
    text = "".join(w["word"] for w in words).strip()
    return {"start": words[0]["start"], "end": words[-1]["end"], "text": text,
            "words": words}


def words_of(original: bytes) -> list[Word]:
    """The word timestamps kept in a transcribed transcript's original file."""
    parsed = json.loads(original.decode("utf-8"))
    return [Word(float(w["start"]), float(w["end"]), str(w["word"]).strip(),
                 float(w.get("probability", 0.0)))
            for segment in parsed.get("segments", []) for w in segment.get("words", [])]
