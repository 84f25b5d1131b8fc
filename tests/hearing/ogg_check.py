"""A strict check of an Ogg Opus file that shares no code with `akte.hearing.ogg`: every page's
capture pattern, version, sequence and CRC-32 (a bitwise implementation of RFC 3533's), the
first and last page flags, granule positions that never go back, OpusHead alone on the first
page and OpusTags starting the second; and `opusinfo` (opus-tools) where it is installed."""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass


def bitwise_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


@dataclass
class Checked:
    pre_skip: int
    granules: list[int]  # of the audio pages, in order
    packets: int

    @property
    def duration_s(self) -> float:
        return (self.granules[-1] - self.pre_skip) / 48_000


def check_ogg_opus(data: bytes) -> Checked:
    offset, sequence, pages = 0, 0, []
    while offset < len(data):
        capture, version, kind, granule, _serial, number, crc, count = struct.unpack_from(
            "<4sBBqIIIB", data, offset
        )
        assert capture == b"OggS" and version == 0, offset
        lacing = data[offset + 27 : offset + 27 + count]
        end = offset + 27 + count + sum(lacing)
        assert end <= len(data), f"page at {offset} cut off"
        page = data[offset:end]
        assert bitwise_crc(page[:22] + b"\0" * 4 + page[26:]) == crc, f"CRC of page {number}"
        assert number == sequence, (number, sequence)
        pages.append((kind, granule, list(lacing), page[27 + count :]))
        sequence, offset = sequence + 1, end
    assert pages[0][0] & 2 and all(not p[0] & 2 for p in pages[1:]), "first-page flags"
    assert pages[-1][0] & 4 and all(not p[0] & 4 for p in pages[:-1]), "last-page flags"
    head = pages[0][3]
    assert pages[0][2] == [len(head)] and head.startswith(b"OpusHead") and head[8] == 1
    assert pages[1][3].startswith(b"OpusTags") and pages[1][2][-1] < 255
    audio = [p for p in pages[2:] if p[1] != -1]
    granules = [p[1] for p in audio]
    assert granules == sorted(granules) and granules, granules
    packets = sum(1 for p in pages[2:] for value in p[2] if value < 255)
    _opusinfo(data)
    return Checked(struct.unpack_from("<H", head, 10)[0], granules, packets)


def _opusinfo(data: bytes) -> None:
    tool = shutil.which("opusinfo")
    if tool is None:
        return
    with tempfile.NamedTemporaryFile(suffix=".opus") as file:
        file.write(data)
        file.flush()
        result = subprocess.run([tool, file.name], capture_output=True, text=True, check=False)
    report = result.stdout + result.stderr
    # Chromium's MediaRecorder writes a pre-skip of 0 (its header, copied as it is): opusinfo
    # warns about that (and exits 1) and about nothing else
    lines = [line for line in report.splitlines() if "Implausibly low preskip" not in line]
    assert not any("WARNING" in line.upper() or "ERROR" in line.upper() for line in lines), report
    assert result.returncode == 0 or len(lines) < len(report.splitlines()), report
