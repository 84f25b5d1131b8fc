"""Generated audio for tests and demo data: a speech-like signal (tones that rise and fall in
syllable-length bursts) encoded as Opus in live-style WebM or Ogg, as MediaRecorder writes it
(no duration, no cues). Nothing here is a real voice."""

from __future__ import annotations

import io
import math
from array import array

import av

RATE = 48_000
FRAME = 960  # 20 ms


class _Unseekable(io.RawIOBase):
    """A sink the muxer cannot seek in: it writes the stream as a live recorder does."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, b) -> int:
        self.data += b
        return len(b)


def _sample(n: int, voice: float) -> float:
    t = n / RATE
    syllable = 0.5 - 0.5 * math.cos(2 * math.pi * 3.5 * t)  # ~3.5 syllables a second
    pitch = voice * (1 + 0.15 * math.sin(2 * math.pi * 0.4 * t))
    tone = math.sin(2 * math.pi * pitch * t) + 0.4 * math.sin(4 * math.pi * pitch * t)
    return 0.25 * syllable * tone


def speech_like(seconds: float, container: str = "webm", voice: float = 180.0) -> bytes:
    """`seconds` of generated audio as one live-style stream."""
    sink = _Unseekable()
    with av.open(sink, "w", format="webm" if container == "webm" else "ogg") as output:
        stream = output.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = 24_000
        total = int(seconds * RATE)
        for start in range(0, total, FRAME):
            pcm = array("h", (int(32767 * _sample(n, voice)) for n in range(start, start + FRAME)))
            frame = av.AudioFrame(format="s16", layout="mono", samples=FRAME)
            frame.planes[0].update(pcm.tobytes())
            frame.sample_rate, frame.pts = RATE, start
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return bytes(sink.data)


def chunks(data: bytes, size: int = 4_000) -> list[bytes]:
    """The stream cut into pieces the way a recorder's timeslices arrive."""
    return [data[i : i + size] for i in range(0, len(data), size)]
