"""One Ogg Opus file from a recording's streams, in pure Python (no FFmpeg).

MediaRecorder writes WebM (Chromium) or Ogg (Firefox) for live streaming: no duration, no
seek index, and a reload starts a new stream with its own header. `remux` copies every Opus
packet, without re-encoding, into one Ogg Opus stream (RFC 7845) with continuous granule
positions (breaks and reloads leave no hole and no overlap), so that its duration is the last
page's granule and a player seeks by bisecting the pages.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from akte.hearing import ogg, webm

SAMPLE_RATE = 48_000  # Opus granules run at 48 kHz whatever the input rate
OGG_MIME = "audio/ogg"
_OPUS_HEAD = b"OpusHead"
_SERIAL = 0x416B7465  # "Akte": one logical stream per file, so any fixed number will do
_FRAME_MS = (10, 20, 40, 60) * 3 + (10, 20) * 2 + (2.5, 5, 10, 20) * 4  # RFC 6716 §3.1, by config


class AudioError(ValueError):
    """The stored audio does not demux (damaged, or not Opus in WebM/Ogg)."""


@dataclass(frozen=True)
class Remuxed:
    data: bytes
    duration_s: float
    mime: str


@dataclass(frozen=True)
class OpusStream:
    """The Opus identification header and the audio packets of one stream."""

    head: bytes
    packets: list[bytes]

    @property
    def pre_skip(self) -> int:
        return struct.unpack_from("<H", self.head, 10)[0]

    @property
    def channels(self) -> int:
        return self.head[9]

    def samples(self) -> int:
        return sum(packet_samples(p) for p in self.packets)


def packet_samples(packet: bytes) -> int:
    """How many 48 kHz samples an Opus packet decodes to, from its TOC byte (RFC 6716 §3.1)."""
    if not packet:
        return 0
    toc = packet[0]
    per_frame = int(_FRAME_MS[toc >> 3] * 48)
    code = toc & 0x03
    if code == 0:
        frames = 1
    elif code in (1, 2):
        frames = 2
    elif len(packet) < 2:
        raise AudioError("an Opus packet of code 3 has no frame count")
    else:
        frames = packet[1] & 0x3F
    return per_frame * frames


def opus_head(channels: int = 1, pre_skip: int = 0, input_rate: int = SAMPLE_RATE) -> bytes:
    """An identification header (RFC 7845 §5.1), for a WebM track that carries none."""
    return _OPUS_HEAD + struct.pack("<BBHIhB", 1, channels, pre_skip, input_rate, 0, 0)


def opus_tags(vendor: str = "Akte") -> bytes:
    encoded = vendor.encode()
    return b"OpusTags" + struct.pack("<I", len(encoded)) + encoded + struct.pack("<I", 0)


def read(data: bytes) -> OpusStream:
    """One stream (WebM or Ogg, told by its first bytes) as its Opus header and packets."""
    try:
        if data.startswith(webm.EBML_MAGIC):
            return _from_webm(webm.read(data))
        if data.startswith(ogg.CAPTURE):
            return _from_ogg(data)
    except (webm.WebMError, ogg.OggError) as exc:
        raise AudioError(f"the audio does not demux: {exc}") from exc
    raise AudioError("the audio is neither WebM nor Ogg")


def _from_webm(track: webm.OpusTrack) -> OpusStream:
    head = track.track.private
    if not head.startswith(_OPUS_HEAD) or len(head) < 19:
        delay = round(track.track.codec_delay_ns * SAMPLE_RATE / 1e9)
        head = opus_head(track.track.channels, delay)
    return OpusStream(head, [f for f in track.frames if f])


def _from_ogg(data: bytes) -> OpusStream:
    found = [packet for packet, _page in ogg.packets(data, strict=False)]
    if not found or not found[0].startswith(_OPUS_HEAD):
        raise AudioError("the Ogg stream does not begin with an Opus header")
    if len(found) < 2 or not found[1].startswith(b"OpusTags"):
        raise AudioError("the Ogg stream has no Opus comment header")
    return OpusStream(found[0], [p for p in found[2:] if p])


def remux(streams: Sequence[bytes], container: str | None = None) -> Remuxed:
    """The streams (each a whole MediaRecorder session's bytes, WebM or Ogg) as one Ogg Opus
    file. `container` is what the recorder said it wrote; the bytes decide."""
    if not streams:
        raise AudioError("no audio stored")
    parsed = [read(data) for data in streams]
    first = parsed[0]
    if any(s.channels != first.channels for s in parsed):
        raise AudioError("the streams differ in their number of channels")
    audio, granule = [], 0
    for stream in parsed:
        for packet in stream.packets:
            granule += packet_samples(packet)
            audio.append((packet, granule))
    data = ogg.write(first.head, opus_tags(), audio, _SERIAL)
    return Remuxed(data, max(0, granule - first.pre_skip) / SAMPLE_RATE, OGG_MIME)


def duration(data: bytes) -> float:
    """The duration of one file (seconds), as a player reads it: for Ogg the last granule
    position less the pre-skip, for a live WebM (which names none) the packets' sum."""
    stream = read(data)
    if data.startswith(ogg.CAPTURE):
        last = max((page.granule for page in ogg.pages(data, strict=False)), default=0)
        return max(0, last - stream.pre_skip) / SAMPLE_RATE
    return max(0, stream.samples() - stream.pre_skip) / SAMPLE_RATE
