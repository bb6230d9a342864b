"""Generated recordings: a tone with speech-like bursts of noise, written with PyAV.

Used by the tests and benchmarks (they make their own media, nothing is downloaded) and
available to demo builders. Every format fieldkit imports can be written: wav, mp3, m4a, ogg
(opus), mp4 and webm (with a small moving picture when ``video`` is asked).
"""

from __future__ import annotations

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


def speechlike(seconds: float, rate: int = RATE, seed: int = 7) -> Any:
    """Samples in [-1, 1] (a numpy array): a low tone under bursts of noise about as long as
    syllables."""
    import numpy as np

    rng = np.random.default_rng(seed)
    count = int(seconds * rate)
    lengths = rng.integers(int(rate * 0.08), int(rate * 0.4), size=count // int(rate * 0.08) + 2)
    loud = rng.random(len(lengths)) < 0.6
    envelope = np.repeat(loud, lengths)[:count].astype(np.float32)
    if len(envelope) < count:
        envelope = np.pad(envelope, (0, count - len(envelope)))
    tone = 0.2 * np.sin(2 * np.pi * 220 * np.arange(count) / rate)
    noise = rng.uniform(-0.6, 0.6, size=count)
    return (tone + noise * envelope).astype(np.float32)


def write_recording(path: Path, seconds: float = 3.0, *, video: bool = False,
                    metadata: dict[str, str] | None = None) -> Path:
    """Write ``seconds`` of generated sound (and picture) to ``path`` in the format its
    extension names."""
    import av
    import numpy as np

    suffix = path.suffix.lower()
    audio_codec, sample_format, video_codec = _CODECS[suffix]
    rate = 48000 if audio_codec == "libopus" else RATE
    samples = speechlike(seconds, rate)
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
