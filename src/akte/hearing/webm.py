"""The Opus track of a WebM (Matroska) stream, read from its EBML elements in pure Python, and a
live-style WebM writer for generated test audio.

EBML: each element is an ID (a variable-length integer that keeps its length marker), a size
(a variable-length integer without it; all ones means "unknown", as a live recorder writes the
Segment and its Clusters) and its content. A master element's content is more elements, so the
reader walks the stream as one flat sequence: it steps into the masters it needs (Segment,
Tracks, TrackEntry, Cluster, BlockGroup) and over everything else (Cues, SeekHead, Tags, Void).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
SEGMENT, CLUSTER, TRACKS, TRACK_ENTRY, BLOCK_GROUP = (
    0x18538067,
    0x1F43B675,
    0x1654AE6B,
    0xAE,
    0xA0,
)
_MASTERS = {SEGMENT, CLUSTER, TRACKS, TRACK_ENTRY, BLOCK_GROUP, 0xE1}  # 0xE1: Audio
TRACK_NUMBER, TRACK_TYPE, CODEC_ID, CODEC_PRIVATE, CODEC_DELAY, CHANNELS = (
    0xD7,
    0x83,
    0x86,
    0x63A2,
    0x56AA,
    0x9F,
)
SIMPLE_BLOCK, BLOCK = 0xA3, 0xA1
_AUDIO_TRACK = 2
_UNKNOWN = object()


class WebMError(ValueError):
    """Not WebM, or an element that does not parse (what and at which byte)."""


@dataclass
class Track:
    number: int = 0
    kind: int = 0
    codec: str = ""
    private: bytes = b""
    codec_delay_ns: int = 0
    channels: int = 1


@dataclass
class OpusTrack:
    """What the remux needs of a WebM stream: the first audio track and its frames in order."""

    track: Track
    frames: list[bytes] = field(default_factory=list)


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int | object, int]:
    if pos >= len(data):
        raise IndexError(pos)
    first = data[pos]
    length = 9 - first.bit_length() if first else 9
    if length > 8 or pos + length > len(data):
        raise WebMError(f"a malformed element number at byte {pos}")
    value = int.from_bytes(data[pos : pos + length], "big")
    if not keep_marker:
        value &= (1 << (7 * length)) - 1
        if value == (1 << (7 * length)) - 1:
            return _UNKNOWN, pos + length
    return value, pos + length


def _uint(payload: bytes) -> int:
    return int.from_bytes(payload, "big")


def read(data: bytes) -> OpusTrack:
    """The first audio track's frames. A stream cut off inside its last block (a tab closed
    mid-write) loses that block only; anything else malformed is a `WebMError`."""
    if not data.startswith(EBML_MAGIC):
        raise WebMError("no EBML header at byte 0")
    tracks: list[Track] = []
    audio: Track | None = None
    frames: list[bytes] = []
    pos = 0
    while pos < len(data):
        start = pos
        try:
            element, pos = _vint(data, pos, keep_marker=True)
            size, pos = _vint(data, pos, keep_marker=False)
        except IndexError:
            break  # the header of the last element is cut off
        if element in _MASTERS:
            if element == TRACK_ENTRY:
                tracks.append(Track())
            continue  # step in: its content is the next elements
        if size is _UNKNOWN:
            raise WebMError(f"element {element:#x} at byte {start} has no size")
        payload, pos = data[pos : pos + size], pos + size
        if len(payload) < size:
            break  # cut off at the end
        if tracks and element in _TRACK_FIELDS:
            _TRACK_FIELDS[element](tracks[-1], payload)
        elif element in (SIMPLE_BLOCK, BLOCK):
            if audio is None:
                audio = _audio_track(tracks)
            frames.extend(_block_frames(payload, audio.number, start))
    if audio is None:
        audio = _audio_track(tracks)
    return OpusTrack(audio, frames)


_TRACK_FIELDS = {
    TRACK_NUMBER: lambda t, p: setattr(t, "number", _uint(p)),
    TRACK_TYPE: lambda t, p: setattr(t, "kind", _uint(p)),
    CODEC_ID: lambda t, p: setattr(t, "codec", p.rstrip(b"\0").decode("ascii", "replace")),
    CODEC_PRIVATE: lambda t, p: setattr(t, "private", bytes(p)),
    CODEC_DELAY: lambda t, p: setattr(t, "codec_delay_ns", _uint(p)),
    CHANNELS: lambda t, p: setattr(t, "channels", _uint(p)),
}


def _audio_track(tracks: list[Track]) -> Track:
    audio = next((t for t in tracks if t.kind == _AUDIO_TRACK), None)
    if audio is None:
        raise WebMError("the stream holds no audio track")
    if audio.codec != "A_OPUS":
        raise WebMError(f"the audio track is {audio.codec or 'of no codec'}, not Opus")
    return audio


def _block_frames(block: bytes, audio_track: int, at: int) -> list[bytes]:
    track, pos = _vint(block, 0, keep_marker=False)
    if track != audio_track:
        return []
    if pos + 3 > len(block):
        raise WebMError(f"a block at byte {at} is too short")
    lacing = (block[pos + 2] >> 1) & 0x03
    body = block[pos + 3 :]
    if lacing == 0:
        return [body]
    count, pos = body[0] + 1, 1
    if lacing == 2:  # fixed-size lacing
        size, rest = divmod(len(body) - 1, count)
        if rest:
            raise WebMError(f"a block at byte {at} does not divide into {count} frames")
        return [body[1 + i * size : 1 + (i + 1) * size] for i in range(count)]
    sizes: list[int] = []
    if lacing == 1:  # Xiph lacing: each size as a run of 255s and a last byte
        for _ in range(count - 1):
            size = 0
            while True:
                size += body[pos]
                pos += 1
                if body[pos - 1] != 255:
                    break
            sizes.append(size)
    else:  # EBML lacing: the first size, then signed differences
        first, pos = _vint(body, pos, keep_marker=False)
        sizes.append(first)
        for _ in range(count - 2):
            start = pos
            raw, pos = _vint(body, pos, keep_marker=False)
            bias = (1 << (7 * (pos - start) - 1)) - 1
            sizes.append(sizes[-1] + raw - bias)
    sizes.append(len(body) - pos - sum(sizes))
    if min(sizes) < 0:
        raise WebMError(f"a block at byte {at} has frame sizes beyond its end")
    frames = []
    for size in sizes:
        frames.append(body[pos : pos + size])
        pos += size
    return frames


def _element(element: int, payload: bytes, unknown_size: bool = False) -> bytes:
    ident = element.to_bytes((element.bit_length() + 7) // 8, "big")
    if unknown_size:
        return ident + b"\x01\xff\xff\xff\xff\xff\xff\xff" + payload
    return ident + (len(payload) | (1 << 56)).to_bytes(8, "big") + payload


def _u(element: int, value: int) -> bytes:
    return _element(element, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def write_live(head: bytes, frames: list[tuple[bytes, int]], cluster_ms: int = 5_000) -> bytes:
    """A WebM stream as a live recorder writes it (Segment and Clusters of unknown size, no
    cues, no duration). `frames`: each Opus packet with its start in milliseconds."""
    header = _element(
        0x1A45DFA3,
        _u(0x4286, 1) + _u(0x42F7, 1) + _u(0x42F2, 4) + _u(0x42F3, 8)
        + _element(0x4282, b"webm") + _u(0x4287, 4) + _u(0x4285, 2),
    )  # fmt: skip
    info = _element(0x1549A966, _u(0x2AD7B1, 1_000_000) + _element(0x4D80, b"Akte"))
    audio = _element(0xE1, _element(0xB5, struct.pack(">d", 48_000.0)) + _u(CHANNELS, head[9]))
    entry = _element(
        TRACK_ENTRY,
        _u(TRACK_NUMBER, 1) + _u(0x73C5, 1) + _u(TRACK_TYPE, _AUDIO_TRACK)
        + _element(CODEC_ID, b"A_OPUS") + _element(CODEC_PRIVATE, head) + audio,
    )  # fmt: skip
    out = [header, _element(SEGMENT, b"", unknown_size=True), info, _element(TRACKS, entry)]
    cluster_start = None
    for frame, at_ms in frames:
        if cluster_start is None or at_ms - cluster_start >= cluster_ms:
            cluster_start = at_ms
            out.append(_element(CLUSTER, _u(0xE7, at_ms), unknown_size=True))
        block = b"\x81" + struct.pack(">hB", at_ms - cluster_start, 0x80) + frame
        out.append(_element(SIMPLE_BLOCK, block))
    return b"".join(out)
