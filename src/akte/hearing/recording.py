"""The audio recording of a hearing as plain data and rules (no storage, no Django).

- Which law governs the recording: applications lodged on or after 12 June 2026 fall under
  the Asylum Procedure Regulation (EU) 2024/1348 (its Art. 79), whose Art. 14 makes the audio
  recording of the personal interview mandatory; for older applications it is an office
  setting (`config.record_before_apr`, default on) and the record names which applied.
- Which chunk the server may accept: in sequence, once, not too large, audio (WebM or Ogg),
  matching its SHA-256. `check_chunk` returns the reason as a `Message`, or None.
- Where a moment of the hearing lies in the recording: the recording's time runs only while
  a stream records and no break is on (`Timeline`).
- What the seal covers (`RecordingSeal`): the SHA-256 of the plaintext of every chunk and of
  the whole, the duration, the breaks and the segment times. Plaintext, so that a key
  rotation never breaks a seal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from akte.core.message import Message

APR_APPLIES_FROM = dt.date(2026, 6, 12)  # Regulation (EU) 2024/1348, Art. 79(2)

LAW_APR = "apr_art14"  # recorded because Art. 14 APR requires it
LAW_OFFICE = "office_setting"  # lodged before the APR applies: recorded by office setting
LAW_NONE = "not_recorded"  # lodged before, and the office does not record

_CONTAINERS = {b"\x1a\x45\xdf\xa3": "webm", b"OggS": "ogg"}
AUDIO_TYPES = {"audio/webm": "webm", "audio/ogg": "ogg"}
# what a chunk that claims to be audio must not start with (documents, images, archives,
# markup): four bytes each, so that a cut through the audio matches one by chance at 2^-32
_FOREIGN = (
    b"%PDF",
    b"\x89PNG",
    b"PK\x03\x04",
    b"\x7fELF",
    b"GIF8",
    b"RIFF",
    b"7z\xbc\xaf",
    b"<!DO",
    b"<!do",
    b"<htm",
    b"<HTM",
    b"<?xm",
    b"<scr",
    b"<svg",
)


def recording_law(lodged_on: dt.date | None, office_records: bool) -> str:
    """The law under which a hearing is recorded (`LAW_*`); no lodging date counts as new."""
    if lodged_on is None or lodged_on >= APR_APPLIES_FROM:
        return LAW_APR
    return LAW_OFFICE if office_records else LAW_NONE


def container_of(data: bytes) -> str | None:
    """'webm' or 'ogg' if the bytes begin a WebM or Ogg stream, else None."""
    return _CONTAINERS.get(bytes(data[:4]))


def audio_type(content_type: str) -> str | None:
    """The container a Content-Type names ('audio/webm;codecs=opus' -> 'webm'), else None."""
    return AUDIO_TYPES.get(content_type.split(";")[0].strip().lower())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_chunk(
    *,
    sequence: int,
    expected: int,
    stored_hash: str | None,
    data: bytes,
    claimed_hash: str,
    content_type: str,
    container: str | None,
    starts_stream: bool,
    max_bytes: int,
) -> Message | None:
    """Why chunk `sequence` must be refused, or None. `expected` is the next sequence number,
    `stored_hash` the hash already stored under `sequence` (a duplicate), `container` the
    recording's container (None before the first chunk), `starts_stream` whether the chunk
    must begin a stream (the first after a start or a reload)."""
    if stored_hash is not None:
        same = stored_hash == claimed_hash.lower()
        return Message("hearing.recording.chunk.duplicate", {"sequence": sequence, "same": same})
    if sequence != expected:
        return Message(
            "hearing.recording.chunk.out_of_order", {"expected": expected, "got": sequence}
        )
    if len(data) > max_bytes:
        return Message("hearing.recording.chunk.too_large", {"size": len(data), "limit": max_bytes})
    if not data:
        return Message("hearing.recording.chunk.empty")
    kind = audio_type(content_type)
    begins = container_of(data)
    if kind is None or data.startswith(_FOREIGN) or (container and kind != container):
        return Message("hearing.recording.chunk.not_audio", {"type": content_type[:80]})
    if starts_stream and begins != kind:
        return Message("hearing.recording.chunk.header_expected")
    if not starts_stream and begins is not None:
        return Message("hearing.recording.chunk.header_unexpected")
    if sha256(data) != claimed_hash.lower():
        return Message("hearing.recording.chunk.hash_mismatch", {"sequence": sequence})
    return None


@dataclass(frozen=True)
class Span:
    """A stretch of wall time during which the recording ran (between start or resume and
    break or stream end)."""

    start: dt.datetime
    end: dt.datetime

    @property
    def seconds(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds())


@dataclass(frozen=True)
class Break:
    start: dt.datetime
    end: dt.datetime | None
    reason: str


@dataclass(frozen=True)
class Gap:
    """Time between two streams that no break explains: audio lost (a closed tab, say)."""

    start: dt.datetime
    end: dt.datetime
    at_s: float  # where in the recording it falls


class Timeline:
    """Recording time of wall times, from the streams' (start, end) and the breaks."""

    def __init__(
        self, streams: Sequence[tuple[dt.datetime, dt.datetime]], breaks: Sequence[Break]
    ) -> None:
        self.spans: list[Span] = []
        self.gaps: list[Gap] = []
        for number, (start, end) in enumerate(streams):
            cursor = start
            for b in breaks:
                if b.start >= end or (b.end is not None and b.end <= cursor):
                    continue
                if b.start > cursor:
                    self.spans.append(Span(cursor, b.start))
                cursor = end if b.end is None else max(cursor, min(b.end, end))
            if end > cursor:
                self.spans.append(Span(cursor, end))
            if number + 1 < len(streams):
                following = streams[number + 1][0]
                paused = any(
                    b.start <= end and (b.end is None or b.end >= following) for b in breaks
                )
                if following > end and not paused:
                    self.gaps.append(Gap(end, following, self.offset(end)))

    def offset(self, at: dt.datetime) -> float:
        """Seconds into the recording at wall time `at` (a break or gap maps to where it began)."""
        total = 0.0
        for span in self.spans:
            if at <= span.start:
                break
            if at < span.end:
                return total + (at - span.start).total_seconds()
            total += span.seconds
        return total

    @property
    def seconds(self) -> float:
        return sum(span.seconds for span in self.spans)


@dataclass(frozen=True)
class BreakRecord:
    at_s: float
    seconds: float | None
    reason: str


@dataclass(frozen=True)
class SegmentTime:
    number: int
    start_s: float
    end_s: float


@dataclass(frozen=True)
class RecordingSeal:
    """What the hearing's seal covers of its recording."""

    law: str
    container: str
    chunks: tuple[str, ...]  # SHA-256 of each chunk's plaintext, in sequence
    sha256: str  # of the whole (all chunks' plaintext in sequence)
    duration_s: float
    breaks: tuple[BreakRecord, ...] = ()
    segment_times: tuple[SegmentTime, ...] = ()


UNREADABLE = "unreadable"  # the hash of a chunk that no longer decrypts: breaks the seal


def whole_hash(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
