"""A recording's waveform overview: the loudest sample in each slice of time, 0–255.

Decoded with PyAV (FFmpeg) and reduced a few seconds at a time with numpy (the loudest
channel, then the loudest sample of each slice), so an hour and a half of m4a takes seconds;
the result is a few hundred kilobytes that the project caches (``project.recordings``), so the
player draws it at once the next time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from fieldkit.core.progress import Progress

from .common import bad, one_line

PER_SECOND = 50  # slices per second of sound: 20 ms, finer than a pixel of a 90-minute slider


def compute_peaks(path: Path, progress: Progress | None = None,
                  per_second: int = PER_SECOND, *, media: BinaryIO | None = None) -> bytes:
    """Peaks (one byte per slice) of the first audio stream; silence for a silent video.

    ``media`` is the recording as a file-like object (an encrypted project's decrypting
    reader); ``path`` then only names it.

    Reports progress in seconds of sound decoded and stops with ``Cancelled`` when asked.
    """
    import av
    import numpy as np

    progress = progress or Progress.silent()
    try:
        with av.open(media if media is not None else str(path), mode="r") as container:
            if not container.streams.audio:
                seconds = (container.duration or 0) // av.time_base
                return bytes(int(seconds * per_second))
            stream = container.streams.audio[0]
            rate = stream.codec_context.sample_rate or 8000
            slice_len = max(1, rate // per_second)
            total = int((container.duration or 0) / av.time_base) or 1
            progress.start(total, "Drawing the waveform")
            peaks: list[np.ndarray] = []
            pending: list[np.ndarray] = []
            held = 0
            carry = np.zeros(0, dtype=np.float32)
            done = 0
            for frame in container.decode(stream):
                pending.append(_as_float(frame.to_ndarray(), frame.format.name, np))
                held += frame.samples
                if held >= rate * 8:
                    carry = _reduce(carry, pending, slice_len, peaks, np)
                    pending, held = [], 0
                    if frame.time is not None and int(frame.time) > done:
                        progress.step("Drawing the waveform", int(frame.time) - done)
                        done = int(frame.time)
            carry = _reduce(carry, pending, slice_len, peaks, np)
            if len(carry):
                peaks.append(carry.max(keepdims=True))
    except av.FFmpegError as exc:
        raise bad(path.name, f"cannot be decoded ({one_line(exc.strerror or exc)})") from None
    found = np.concatenate(peaks) if peaks else np.zeros(0, dtype=np.float32)
    return (np.clip(found, 0.0, 1.0) * 255).astype(np.uint8).tobytes()


def _reduce(carry: Any, pending: list[Any], slice_len: int, peaks: list[Any], np: Any) -> Any:
    """Append the peaks of the whole slices in ``carry`` + ``pending``; return what is left."""
    if not pending:
        return carry
    loudest = np.abs(np.concatenate(pending, axis=1)).max(axis=0)
    samples = np.concatenate((carry, loudest)) if len(carry) else loudest
    whole = len(samples) // slice_len * slice_len
    if whole:
        peaks.append(samples[:whole].reshape(-1, slice_len).max(axis=1))
    return samples[whole:]


def _as_float(data: Any, sample_format: str, np: Any) -> Any:
    """Samples as floats in [-1, 1], channels × samples, whatever the decoder gave."""
    if data.ndim == 1 or not sample_format.endswith("p"):
        channels = 1 if data.ndim == 1 else data.shape[0]
        data = data.reshape(channels, -1) if data.ndim == 1 else data
    if data.dtype.kind == "f":
        return data
    if data.dtype.kind == "u":  # 8-bit PCM is unsigned
        return (data.astype(np.float32) - 128) / 128
    return data.astype(np.float32) / float(np.iinfo(data.dtype).max)
