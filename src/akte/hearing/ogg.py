"""Ogg pages (RFC 3533) carrying one Opus stream (RFC 7845), read and written in pure Python.

A page: "OggS", version 0, a header type (1 continued packet, 2 first page, 4 last page), the
granule position (for Opus: 48 kHz samples at the end of the last packet that ends on the page,
pre-skip included; -1 if none ends there), the stream's serial number, the page's sequence
number, a CRC-32 of the whole page (polynomial 0x04C11DB7, not reflected, initial value 0,
computed with the CRC field zero) and the lacing table: a packet is cut into 255-byte segments,
and a segment shorter than 255 ends it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

CAPTURE = b"OggS"
_HEADER = struct.Struct("<4sBBqIIIB")  # capture, version, type, granule, serial, sequence, crc, n
CONTINUED, FIRST, LAST = 1, 2, 4
_NO_GRANULE = -1
_REVERSED_BITS = bytes(int(f"{b:08b}"[::-1], 2) for b in range(256))


class OggError(ValueError):
    """Not an Ogg stream, or a page that is damaged (what and at which byte)."""


def crc32(data: bytes) -> int:
    """Ogg's CRC-32. zlib computes the bit-reflected form of the same polynomial, so the bytes
    and the result are reflected around it (zlib's initial and final XOR undone)."""
    reflected = zlib.crc32(data.translate(_REVERSED_BITS), 0xFFFFFFFF) ^ 0xFFFFFFFF
    return int(f"{reflected:032b}"[::-1], 2)


@dataclass(frozen=True)
class Page:
    header_type: int
    granule: int
    serial: int
    sequence: int
    segments: tuple[int, ...]  # the lacing values
    body: bytes
    offset: int  # where the page starts in the stream


def encode_page(header_type: int, granule: int, serial: int, sequence: int, lacing, body) -> bytes:
    header = _HEADER.pack(CAPTURE, 0, header_type, granule, serial, sequence, 0, len(lacing))
    page = header + bytes(lacing) + body
    return page[:22] + struct.pack("<I", crc32(page)) + page[26:]


def pages(data: bytes, *, strict: bool = True) -> Iterator[Page]:
    """The pages of a stream, each checked (capture pattern, version, CRC). With `strict` off,
    a page cut off at the end (a recording whose tab was closed) ends the stream quietly."""
    offset = 0
    while offset < len(data):
        if len(data) - offset < _HEADER.size:
            if strict:
                raise OggError(f"a page header is cut off at byte {offset}")
            return
        capture, version, kind, granule, serial, sequence, crc, count = _HEADER.unpack_from(
            data, offset
        )
        if capture != CAPTURE or version != 0:
            raise OggError(f"no Ogg page at byte {offset}")
        lacing = data[offset + _HEADER.size : offset + _HEADER.size + count]
        end = offset + _HEADER.size + count + sum(lacing)
        if len(lacing) < count or end > len(data):
            if strict:
                raise OggError(f"the page at byte {offset} is cut off")
            return
        raw = data[offset:end]
        if crc32(raw[:22] + b"\0\0\0\0" + raw[26:]) != crc:
            raise OggError(f"the page at byte {offset} fails its CRC")
        body = raw[_HEADER.size + count :]
        yield Page(kind, granule, serial, sequence, tuple(lacing), body, offset)
        offset = end


def packets(data: bytes, *, strict: bool = True) -> Iterator[tuple[bytes, Page]]:
    """The packets of the first logical stream, each with the page it ends on."""
    serial, partial, expected = None, bytearray(), 0
    for page in pages(data, strict=strict):
        if serial is None:
            if not page.header_type & FIRST:
                raise OggError(f"the stream does not begin with a first page (byte {page.offset})")
            serial = page.serial
        if page.serial != serial:
            continue
        if page.sequence != expected:
            raise OggError(f"page {page.sequence} at byte {page.offset}, expected {expected}")
        expected += 1
        if bool(page.header_type & CONTINUED) != bool(partial):
            raise OggError(f"the page at byte {page.offset} breaks a packet's continuation")
        position = 0
        for value in page.segments:
            partial += page.body[position : position + value]
            position += value
            if value < 255:
                yield bytes(partial), page
                partial = bytearray()


def write(head: bytes, tags: bytes, audio: Iterable[tuple[bytes, int]], serial: int) -> bytes:
    """One Ogg Opus stream: OpusHead alone on the first page, OpusTags from the second, then
    the audio packets, each given with its granule position (its end), about a second a page."""
    out = [encode_page(FIRST, 0, serial, 0, _lacing(head), head)]
    writer = _PageWriter(serial, sequence=1, out=out)
    writer.add(tags, 0)
    writer.flush()
    for packet, granule in audio:
        if writer.granule_span() >= 48_000 or len(writer.lacing) >= 200:
            writer.flush()
        writer.add(packet, granule)
    writer.flush(last=True)
    return b"".join(out)


def _lacing(packet: bytes) -> list[int]:
    return [255] * (len(packet) // 255) + [len(packet) % 255]


class _PageWriter:
    def __init__(self, serial: int, sequence: int, out: list[bytes]) -> None:
        self.serial, self.sequence, self.out = serial, sequence, out
        self.lacing: list[int] = []
        self.body = bytearray()
        self.granule = _NO_GRANULE
        self.first_granule: int | None = None
        self.continued = False

    def granule_span(self) -> int:
        return 0 if self.first_granule is None else self.granule - self.first_granule

    def add(self, packet: bytes, granule: int) -> None:
        values = _lacing(packet)
        position = 0
        while len(self.lacing) + len(values) > 255:  # the packet goes on over the next page
            room = 255 - len(self.lacing)
            self.lacing += values[:room]
            self.body += packet[position : position + 255 * room]
            position += 255 * room
            values = values[room:]
            self._emit(continues=True)
        self.lacing += values
        self.body += packet[position:]
        self.granule = granule  # the granule of the last packet that ends on this page
        if self.first_granule is None:
            self.first_granule = granule

    def _emit(self, continues: bool = False, last: bool = False) -> None:
        kind = (CONTINUED if self.continued else 0) | (LAST if last else 0)
        self.out.append(
            encode_page(
                kind, self.granule, self.serial, self.sequence, self.lacing, bytes(self.body)
            )
        )
        self.sequence += 1
        self.lacing, self.body = [], bytearray()
        self.continued = continues
        self.granule, self.first_granule = _NO_GRANULE, None

    def flush(self, last: bool = False) -> None:
        if self.lacing or last:
            self._emit(last=last)
