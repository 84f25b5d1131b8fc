"""Recording a hearing: streams, chunks stored encrypted and durably, breaks, the seal's
view of the audio, export as one file, retention and erasure.

A chunk is acknowledged only after the transaction that stores it has committed (SQLite runs
with synchronous=FULL, PostgreSQL with synchronous_commit on): what the browser was told is
safe survives a killed server. The audio key of a recording is wrapped by the person's data
key from the status log's key table (`akte.keys`), so `akte ledger erase` of the person
leaves the audio unreadable, and an expiry erases one recording without touching the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from akte import keys
from akte.core.message import Message
from akte.hearing import audio, config
from akte.hearing import recording as rules
from akte.hearing.recording import Break, RecordingSeal, Timeline
from akte.web.statuslog.link import get_ledger, person_ref

from .models import (
    Hearing,
    HearingState,
    NoteKind,
    Recording,
    RecordingBreak,
    RecordingChunk,
    RecordingStream,
)


class RecordingRefused(Exception):
    """The recording step is not possible now; `message` says why (a `Message`)."""

    def __init__(self, message: Message, status: int = 409) -> None:
        super().__init__(message.code)
        self.message, self.status = message, status


def law_for(hearing: Hearing) -> str:
    return rules.recording_law(hearing.procedure.lodged_on, config.record_before_apr())


def _person(hearing: Hearing) -> str:
    return person_ref(hearing.procedure.person_id)


def _object(recording: Recording) -> str:
    return f"recording:{recording.pk}"


def _locked_recording(hearing: Hearing) -> Recording:
    try:
        return Recording.objects.select_for_update().get(hearing=hearing)
    except Recording.DoesNotExist as exc:
        raise RecordingRefused(Message("hearing.recording.not_started")) from exc


def _running(hearing: Hearing) -> Hearing:
    hearing = Hearing.objects.select_for_update().select_related("procedure").get(pk=hearing.pk)
    if hearing.state not in (HearingState.RUNNING, HearingState.READ_BACK):
        raise RecordingRefused(Message("hearing.recording.hearing_not_running"))
    return hearing


def audio_key(recording: Recording) -> bytes | None:
    """The recording's key, or None once erased (by expiry, or with the person's data key)."""
    if recording.erased_at is not None or recording.wrapped_key is None:
        return None
    data_key = get_ledger().data_key(_person(recording.hearing), create=False)
    if data_key is None:
        return None
    return keys.unwrap_object_key(data_key, _object(recording), bytes(recording.wrapped_key))


@transaction.atomic
def start_stream(hearing: Hearing) -> tuple[RecordingStream, int]:
    """Begin recording, or a new stream after a reload. Returns the stream and the sequence
    number its first chunk must carry."""
    hearing = _running(hearing)
    law = law_for(hearing)
    if law == rules.LAW_NONE:
        raise RecordingRefused(Message("hearing.recording.not_recorded_here"))
    if not hearing.notes.filter(kind=NoteKind.RECORDING_NOTICE).exists():
        raise RecordingRefused(Message("hearing.recording.notice_missing"))
    recording, created = Recording.objects.select_for_update().get_or_create(
        hearing=hearing, defaults={"law": law}
    )
    if created:
        data_key = get_ledger().data_key(_person(hearing), create=True)
        recording.wrapped_key = keys.wrap_object_key(data_key, _object(recording), keys.new_key())
        recording.save(update_fields=["wrapped_key"])
    now = timezone.now()
    recording.breaks.filter(resumed_at__isnull=True).update(resumed_at=now)
    number = (recording.streams.aggregate(n=Max("number"))["n"] or 0) + 1
    stream = RecordingStream.objects.create(recording=recording, number=number, started_at=now)
    return stream, (recording.chunks.aggregate(n=Max("sequence"))["n"] or 0) + 1


@dataclass(frozen=True)
class Ack:
    sequence: int
    sha256: str
    chunks: int
    bytes: int


@transaction.atomic
def store_chunk(hearing: Hearing, sequence: int, data: bytes, claimed: str, content_type: str):
    """Store one chunk, encrypted; returns the `Ack` once committed (the caller returns after
    this function, so after the commit). Raises `RecordingRefused` with the reason."""
    hearing = _running(hearing)
    recording = _locked_recording(hearing)
    stream = recording.streams.order_by("-number").first()
    key = audio_key(recording)
    if stream is None or key is None or recording.stopped_at is not None:
        raise RecordingRefused(Message("hearing.recording.not_started"))
    last = recording.chunks.aggregate(n=Max("sequence"))["n"] or 0
    stored = recording.chunks.filter(sequence=sequence).values_list("sha256", flat=True).first()
    problem = rules.check_chunk(
        sequence=sequence,
        expected=last + 1,
        stored_hash=stored,
        data=data,
        claimed_hash=claimed,
        content_type=content_type,
        container=recording.container or None,
        starts_stream=not stream.chunks.exists(),
        max_bytes=config.chunk_max_bytes(),
    )
    if problem is not None:
        status = {
            "hearing.recording.chunk.too_large": 413,
            "hearing.recording.chunk.not_audio": 415,
        }
        raise RecordingRefused(problem, status.get(problem.code, 409))
    nonce, ciphertext = keys.encrypt(key, data, _aad(recording, sequence))
    now = timezone.now()
    RecordingChunk.objects.create(
        recording=recording,
        stream=stream,
        sequence=sequence,
        nonce=nonce,
        ciphertext=ciphertext,
        sha256=rules.sha256(data),
        size=len(data),
        received_at=now,
    )
    stream.last_chunk_at = now
    stream.save(update_fields=["last_chunk_at"])
    if not recording.container:
        recording.container = rules.audio_type(content_type)
        recording.save(update_fields=["container"])
    totals = recording.chunks.aggregate(n=Max("sequence"), size=Sum("size"))
    return Ack(sequence, rules.sha256(data), totals["n"], totals["size"])


def _aad(recording: Recording, sequence: int) -> bytes:
    return f"akte/recording/{recording.pk}/chunk/{sequence}".encode()


@transaction.atomic
def pause(hearing: Hearing, reason: str) -> RecordingBreak:
    hearing = _running(hearing)
    recording = _locked_recording(hearing)
    if not reason.strip():
        raise RecordingRefused(Message("hearing.recording.break_needs_reason"), 400)
    if recording.breaks.filter(resumed_at__isnull=True).exists():
        raise RecordingRefused(Message("hearing.recording.already_paused"))
    return RecordingBreak.objects.create(recording=recording, reason=reason.strip()[:500])


@transaction.atomic
def resume(hearing: Hearing) -> None:
    hearing = _running(hearing)
    recording = _locked_recording(hearing)
    if not recording.breaks.filter(resumed_at__isnull=True).update(resumed_at=timezone.now()):
        raise RecordingRefused(Message("hearing.recording.not_paused"))


def stop(hearing: Hearing) -> None:
    """End the recording (at the read-back or the sealing); call inside the caller's atomic."""
    now = timezone.now()
    recording = Recording.objects.filter(hearing=hearing, stopped_at__isnull=True).first()
    if recording is not None:
        recording.breaks.filter(resumed_at__isnull=True).update(resumed_at=now)
        recording.stopped_at = now
        recording.save(update_fields=["stopped_at"])


def timeline(recording: Recording, now: dt.datetime | None = None) -> Timeline:
    end = recording.stopped_at or now or timezone.now()
    streams = [
        (s.started_at, s.last_chunk_at or s.started_at)
        if s.last_chunk_at or recording.stopped_at
        else (s.started_at, end)
        for s in recording.streams.all()
    ]
    breaks = [Break(b.paused_at, b.resumed_at, b.reason) for b in recording.breaks.all()]
    return Timeline(streams, breaks)


def plaintext_streams(recording: Recording) -> list[bytes]:
    """The decrypted audio, one bytes per stream (raises `keys.CryptoError` if altered)."""
    key = audio_key(recording)
    if key is None:
        raise RecordingRefused(Message("hearing.recording.erased"), 410)
    streams: dict[int, bytearray] = {}
    for chunk in recording.chunks.select_related("stream"):
        plain = keys.decrypt(
            key, bytes(chunk.nonce), bytes(chunk.ciphertext), _aad(recording, chunk.sequence)
        )
        streams.setdefault(chunk.stream.number, bytearray()).extend(plain)
    return [bytes(streams[n]) for n in sorted(streams)]


def export_audio(recording: Recording) -> audio.Remuxed:
    return audio.remux(plaintext_streams(recording), recording.container or "webm")


def _r(seconds: float) -> float:
    return round(seconds, 3)


def seal_of(hearing: Hearing, segments) -> RecordingSeal | None:
    """What the seal covers of the recording, from the stored audio as it is now (a chunk that
    no longer decrypts hashes as `UNREADABLE`); for erased audio, what was sealed."""
    recording = Recording.objects.filter(hearing=hearing).first()
    if recording is None:
        return None
    if recording.sealed is not None and audio_key(recording) is None:
        return seal_from_plain(recording.sealed)
    key = audio_key(recording)
    hashes, whole = [], hashlib.sha256()
    # chunk by chunk: the check holds one chunk's ciphertext and plaintext at a time
    stored = recording.chunks.only("sequence", "nonce", "ciphertext").order_by("sequence")
    for chunk in stored.iterator(chunk_size=2):
        try:
            plain = keys.decrypt(
                key, bytes(chunk.nonce), bytes(chunk.ciphertext), _aad(recording, chunk.sequence)
            )
        except (keys.CryptoError, TypeError):
            hashes.append(rules.UNREADABLE)
            continue
        hashes.append(rules.sha256(plain))
        whole.update(plain)
    line = timeline(recording)
    sealed_duration = (recording.sealed or {}).get("duration_s")
    return RecordingSeal(
        law=recording.law,
        container=recording.container,
        chunks=tuple(hashes),
        sha256=whole.hexdigest(),
        duration_s=sealed_duration if sealed_duration is not None else _duration(recording),
        breaks=tuple(
            rules.BreakRecord(
                _r(line.offset(b.paused_at)),
                _r((b.resumed_at - b.paused_at).total_seconds()) if b.resumed_at else None,
                b.reason,
            )
            for b in recording.breaks.all()
        ),
        segment_times=tuple(
            rules.SegmentTime(
                s.number, _r(line.offset(s.typing_started_at or s.at)), _r(line.offset(s.at))
            )
            for s in segments
        ),
    )


def _duration(recording: Recording) -> float:
    if not recording.chunks.exists():
        return 0.0
    try:
        return _r(export_audio(recording).duration_s)
    except (audio.AudioError, keys.CryptoError, RecordingRefused):
        return 0.0


def seal_from_plain(plain: dict) -> RecordingSeal:
    return RecordingSeal(
        law=plain["law"],
        container=plain["container"],
        chunks=tuple(plain["chunks"]),
        sha256=plain["sha256"],
        duration_s=plain["duration_s"],
        breaks=tuple(rules.BreakRecord(**b) for b in plain["breaks"]),
        segment_times=tuple(rules.SegmentTime(**t) for t in plain["segment_times"]),
    )


def keep_sealed(hearing: Hearing, sealed: RecordingSeal | None, today: dt.date) -> None:
    """At sealing: keep what was sealed (for the tombstone) and set the retention expiry."""
    if sealed is None:
        return
    days = config.retention_days()
    Recording.objects.filter(hearing=hearing).update(
        sealed=dataclasses.asdict(sealed),
        retention_until=today + dt.timedelta(days=days) if days else None,
    )


def erase(recording: Recording, reason: str) -> None:
    """Erase the audio: chunks and key go, the row stays as the tombstone."""
    with transaction.atomic():
        recording.chunks.all().delete()
        recording.wrapped_key = None
        recording.erased_at = timezone.now()
        recording.erased_reason = reason
        recording.save(update_fields=["wrapped_key", "erased_at", "erased_reason"])


def expire(today: dt.date) -> int:
    """Erase every recording whose retention ran out; returns how many."""
    due = list(Recording.objects.filter(retention_until__lte=today, erased_at__isnull=True))
    for recording in due:
        erase(recording, "retention")
    return len(due)


def erased_on(recording: Recording) -> dt.date | None:
    """When the audio was erased (an expiry, or the person's erasure noticed now)."""
    if recording.erased_at is None and recording.wrapped_key is not None:
        if get_ledger().data_key(_person(recording.hearing), create=False) is not None:
            return None
        erase(recording, "person")
    return timezone.localdate(recording.erased_at)


def panel(hearing: Hearing, segments) -> dict:
    """What the workspace shows of the recording: the law, the state, what is safely stored,
    breaks, gaps, the segments' times, and a tombstone once erased."""
    law = law_for(hearing)
    recording = Recording.objects.filter(hearing=hearing).first()
    found = {
        "law": Message(f"hearing.recording.law.{recording.law if recording else law}"),
        "recording": recording,
        "recordable": law != rules.LAW_NONE,
    }
    if recording is None:
        return found
    erased = erased_on(recording)
    line = timeline(recording)
    times = {}
    if erased is None:
        times = {
            s.number: [_r(line.offset(s.typing_started_at or s.at)), _r(line.offset(s.at))]
            for s in segments
        }
    totals = recording.chunks.aggregate(n=Max("sequence"), size=Sum("size"))
    return found | {
        "erased_on": erased,
        "chunks": totals["n"] or 0,
        "bytes": totals["size"] or 0,
        "seconds": round(line.seconds),
        "paused": recording.breaks.filter(resumed_at__isnull=True).exists(),
        "breaks": list(recording.breaks.all()),
        "gaps": line.gaps,
        "segment_times": times,
        "sealed": recording.sealed,
    }
