"""Generated recordings: a tone with speech-like bursts of noise, written with PyAV.

Used by the tests and benchmarks (they make their own media, nothing is downloaded) and
available to demo builders. Every format fieldkit imports can be written: wav, mp3, m4a, ogg
(opus), mp4 and webm (with a small moving picture when ``video`` is asked).
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

RATE = 16000
_CODECS = {
    ".wav": ("pcm_s16le", "s16", None),
    ".mp3": ("libmp3lame", "s16p", None),
    ".m4a": ("aac", "fltp", None),
    ".ogg": ("libopus", "s16", None),
    ".opus": ("libopus", "s16", None),
    ".mp4": ("aac", "fltp", "libx264"),
    ".mov": ("aac", "fltp", "libx264"),
    ".webm": ("libopus", "s16", "libvpx"),
}


def speechlike(seconds: float, rate: int = RATE, seed: int = 7) -> list[float]:
    """Samples in [-1, 1]: a low tone under bursts of noise about as long as syllables."""
    rng = random.Random(seed)
    out: list[float] = []
    loud = False
    left = 0
    for i in range(int(seconds * rate)):
        if left <= 0:
            loud = rng.random() < 0.6
            left = int(rate * rng.uniform(0.08, 0.4))
        left -= 1
        tone = 0.2 * math.sin(2 * math.pi * 220 * i / rate)
        noise = rng.uniform(-0.6, 0.6) if loud else 0.0
        out.append(tone + noise)
    return out


def write_recording(path: Path, seconds: float = 3.0, *, video: bool = False,
                    metadata: dict[str, str] | None = None) -> Path:
    """Write ``seconds`` of generated sound (and picture) to ``path`` in the format its
    extension names."""
    import av
    import numpy as np

    suffix = path.suffix.lower()
    audio_codec, sample_format, video_codec = _CODECS[suffix]
    rate = 48000 if audio_codec == "libopus" else RATE
    samples = np.array(speechlike(seconds, rate), dtype=np.float32)
    with av.open(str(path), "w") as container:
        for key, value in (metadata or {}).items():
            container.metadata[key] = value
        picture: Any = None
        if video and video_codec:
            picture = container.add_stream(video_codec, rate=10)
            picture.width, picture.height = 64, 48
            picture.pix_fmt = "yuv420p"
        sound: Any = container.add_stream(audio_codec, rate=rate)
        sound.layout = "mono"
        block = 1024 if audio_codec != "libopus" else 960
        pts = 0
        for begin in range(0, len(samples), block):
            chunk = samples[begin:begin + block]
            data: Any = chunk.reshape(1, -1)
            if sample_format.startswith("s16"):
                data = (data * 32767).astype(np.int16)
            frame: Any = av.AudioFrame.from_ndarray(data, format=sample_format, layout="mono")
            frame.sample_rate = rate
            frame.pts = pts
            frame.time_base = Fraction(1, rate)
            pts += frame.samples
            for packet in sound.encode(frame):
                container.mux(packet)
        for packet in sound.encode(None):
            container.mux(packet)
        if picture is not None:
            for n in range(int(seconds * 10)):
                image = np.full((48, 64, 3), (n * 9) % 255, dtype=np.uint8)
                picture_frame = av.VideoFrame.from_ndarray(image, format="rgb24")
                for packet in picture.encode(picture_frame):
                    container.mux(packet)
            for packet in picture.encode(None):
                container.mux(packet)
    return path
