"""One audio file from a recording's streams (PyAV, which bundles FFmpeg).

MediaRecorder writes WebM (or Ogg) for live streaming: no duration, no seek index, and a
reload starts a new stream with its own header. `remux` copies every Opus packet, without
re-encoding, into one file with continuous timestamps (breaks and reloads leave no hole and
no overlap), a duration and, for WebM, cues, so that a player seeks in it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import av

SAMPLE_CLOCK = Fraction(1, 48_000)  # Opus runs at 48 kHz whatever the input rate
_FALLBACK_PACKET = 960  # 20 ms, MediaRecorder's Opus frame, if a packet names no duration


class AudioError(ValueError):
    """The stored audio does not demux (damaged, or not Opus in WebM/Ogg)."""


@dataclass(frozen=True)
class Remuxed:
    data: bytes
    duration_s: float
    mime: str


def _samples(packet) -> int:
    if packet.duration and packet.time_base:
        return max(1, round(packet.duration * packet.time_base / SAMPLE_CLOCK))
    return _FALLBACK_PACKET


def remux(streams: Sequence[bytes], container: str) -> Remuxed:
    """The streams (each a whole MediaRecorder session's bytes) as one seekable file."""
    if not streams:
        raise AudioError("no audio stored")
    out_buffer = io.BytesIO()
    fmt = "webm" if container == "webm" else "ogg"
    cursor = 0
    try:
        with av.open(out_buffer, "w", format=fmt) as output:
            target = None
            for data in streams:
                with av.open(io.BytesIO(data), "r") as source:
                    audio = next((s for s in source.streams if s.type == "audio"), None)
                    if audio is None:
                        raise AudioError("a stream holds no audio")
                    if target is None:
                        target = output.add_stream_from_template(audio)
                    for packet in source.demux(audio):
                        if packet.size == 0:
                            continue
                        samples = _samples(packet)
                        packet.stream = target
                        packet.time_base = SAMPLE_CLOCK
                        packet.pts = packet.dts = cursor
                        packet.duration = samples
                        output.mux(packet)
                        cursor += samples
    except av.FFmpegError as exc:
        raise AudioError(f"the audio does not demux: {exc}") from exc
    mime = "audio/webm" if fmt == "webm" else "audio/ogg"
    return Remuxed(out_buffer.getvalue(), float(cursor * SAMPLE_CLOCK), mime)


def duration(data: bytes) -> float:
    """The duration of one file (seconds), as a player would read it."""
    try:
        with av.open(io.BytesIO(data), "r") as source:
            if source.duration is not None:
                return source.duration / av.time_base
            audio = source.streams.audio[0]
            return float(sum(_samples(p) for p in source.demux(audio) if p.size) * SAMPLE_CLOCK)
    except (av.FFmpegError, IndexError) as exc:
        raise AudioError(f"the audio does not demux: {exc}") from exc
