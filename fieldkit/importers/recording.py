"""Reading an audio or video recording's facts (duration, format, creation time) with PyAV.

PyAV binds FFmpeg and its wheels bundle FFmpeg for Windows, macOS and Linux, so one dependency
opens every container researchers bring home (wav, mp3, m4a/aac, ogg/opus, mp4, mov, webm)
without an FFmpeg install, and decodes them for the waveform. Nothing is decoded here except a
packet at each end, which proves the file is whole: a truncated mp4 loses its index or its last
packets, and a file whose content is not what its extension says (an mp3 named .wav) is refused
so that players that trust the extension never get it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from .common import bad, one_line, user_file

# extension → (FFmpeg demuxer names that may read it, MIME type)
FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    ".wav": (("wav",), "audio/wav"),
    ".mp3": (("mp3",), "audio/mpeg"),
    ".m4a": (("mov", "mp4", "m4a"), "audio/mp4"),
    ".aac": (("aac",), "audio/aac"),
    ".ogg": (("ogg",), "audio/ogg"),
    ".opus": (("ogg",), "audio/ogg"),
    ".mp4": (("mov", "mp4"), "video/mp4"),
    ".mov": (("mov",), "video/quicktime"),
    ".webm": (("matroska", "webm"), "video/webm"),
}
EXTENSIONS = tuple(FORMATS)


@dataclass(frozen=True, slots=True)
class RecordingFacts:
    """What the file itself says about a recording."""

    duration_ms: int
    format: str  # the container as FFmpeg names it, e.g. "mp3", "mov,mp4,m4a,3gp,3g2,mj2"
    mime: str
    video: bool
    width: int | None
    height: int | None
    recorded: str | None  # UTC ISO-8601 from the file's metadata, else its modification time
    audio_codec: str | None


def is_recording(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def read_facts(path: Path, *, media: BinaryIO | None = None) -> RecordingFacts:
    """Open ``path`` and read its facts; ``BadInput`` with one line when it cannot be used.

    Empty, damaged, truncated and unsupported files are refused, and so is a file whose
    content is of another format than its extension says.
    """
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise bad(name, f"{suffix or 'no extension'} is not a recording format fieldkit "
                        f"plays (use {', '.join(EXTENSIONS)})")
    size = user_file(path).st_size if media is None else media.seek(0, 2)
    if media is not None:
        media.seek(0)
    if size == 0:
        raise bad(name, "the file is empty (0 bytes)")
    try:
        import av
    except ImportError:  # pragma: no cover - av is a dependency
        raise bad(name, "recordings need the 'av' package (pip install av)") from None
    try:
        with av.open(media if media is not None else str(path),
                     metadata_errors="ignore") as container:
            facts = _facts(container, path, suffix)
            _read_both_ends(container, path, size)
    except av.FFmpegError as exc:
        raise bad(name, "the recording is damaged or not a recording "
                        f"({one_line(exc.strerror or type(exc).__name__)})") \
            from None
    return facts


def _facts(container: object, path: Path, suffix: str) -> RecordingFacts:
    import av

    assert isinstance(container, av.container.InputContainer)
    names = set(container.format.name.split(","))
    allowed, mime = FORMATS[suffix]
    if not names & set(allowed):
        actual = container.format.long_name or container.format.name
        raise bad(path.name, f"the file is {actual}, not what its extension {suffix} says; "
                             "rename it to its real type")
    audio = container.streams.audio[0] if container.streams.audio else None
    video = container.streams.video[0] if container.streams.video else None
    if audio is None and video is None:
        raise bad(path.name, "the file holds no sound or picture")
    duration_ms = _duration_ms(container)
    if duration_ms <= 0:
        raise bad(path.name, "the recording has no length (damaged or cut off)")
    if video is not None and suffix in (".mp4", ".webm") and audio is None:
        mime = mime.replace("audio/", "video/")
    elif video is None and suffix in (".mp4", ".webm"):
        mime = mime.replace("video/", "audio/")
    return RecordingFacts(
        duration_ms=duration_ms, format=container.format.name, mime=mime,
        video=video is not None,
        width=video.codec_context.width if video is not None else None,
        height=video.codec_context.height if video is not None else None,
        recorded=_recorded(container.metadata, path),
        audio_codec=audio.codec_context.name if audio is not None else None)


def _duration_ms(container: object) -> int:
    import av

    assert isinstance(container, av.container.InputContainer)
    if container.duration is not None and container.duration > 0:
        return int(container.duration * 1000 // av.time_base)
    best = 0
    for stream in container.streams:
        if stream.duration and stream.time_base:
            best = max(best, int(stream.duration * stream.time_base * 1000))
    return best


def _read_both_ends(container: object, path: Path, size: int) -> None:
    """Decode the first packet and demux the last few percent: a cut-off file (an mp4 whose
    index points past the end of the file, a webm that stops early) fails here.

    The sound's last packet is compared with the end the file gives *the sound* (its stream's
    own duration), not with the whole file's: a phone or screen recorder often writes a
    picture that runs on a little after the sound stops (0.6 s is common), and such a file
    is whole."""
    import av

    assert isinstance(container, av.container.InputContainer)
    stream = (container.streams.audio or container.streams.video)[0]
    for packet in container.demux(stream):
        if packet.size:
            packet.decode()
            break
    else:
        raise bad(path.name, "the recording holds no sound or picture data")
    end = _stream_end(container, stream)
    if end <= 1.0:
        return
    container.seek(int(end * 0.97 * av.time_base), backward=True)
    last = None
    for packet in container.demux(stream):
        if packet.size == 0:
            continue
        if packet.pos is not None and packet.pos >= 0 and packet.pos + packet.size > size:
            last = None
            break
        if packet.pts is not None and packet.time_base:
            last = float((packet.pts + (packet.duration or 0)) * packet.time_base)
    if last is None or last < end - max(0.5, end * 0.02):
        raise bad(path.name, "the recording is cut off (the file ends before its sound does)")


def _stream_end(container: object, stream: object) -> float:
    """Seconds at which the file says ``stream`` ends: its own start and duration when the
    container records them, else the whole file's duration."""
    import av

    assert isinstance(container, av.container.InputContainer)
    assert isinstance(stream, av.stream.Stream)
    if stream.duration and stream.time_base:
        return float((stream.duration + (stream.start_time or 0)) * stream.time_base)
    return (container.duration or 0) / av.time_base


def _recorded(metadata: dict[str, str], path: Path) -> str | None:
    for key in ("creation_time", "date", "com.apple.quicktime.creationdate"):
        value = (metadata.get(key) or "").strip()
        if value:
            parsed = _parse_time(value)
            if parsed:
                return parsed
    try:
        return _utc(datetime.fromtimestamp(os.stat(path).st_mtime, UTC))
    except OSError:
        return None


def _parse_time(value: str) -> str | None:
    text = value.replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _utc(moment)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
