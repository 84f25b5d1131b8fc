"""A hearing's audio recording: its key, its encrypted chunks, its streams and its breaks."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.audit.subject import Subject


class Recording(models.Model):
    """One per hearing. The audio key is random per recording and stored only wrapped by the
    person's data key (`akte.keys`); erasing the person or an expiry leaves it unreadable."""

    hearing = models.OneToOneField("Hearing", on_delete=models.CASCADE, related_name="recording")
    law = models.CharField(max_length=32)  # akte.hearing.recording.LAW_*
    container = models.CharField(max_length=8, blank=True)  # webm, ogg
    wrapped_key = models.BinaryField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(null=True, blank=True)
    sealed = models.JSONField(null=True, blank=True)  # the RecordingSeal at sealing, kept
    retention_until = models.DateField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_reason = models.CharField(max_length=32, blank=True)  # retention, person

    class Meta:
        db_table = "hearings_recording"

    @property
    def access_subject(self) -> Subject:
        procedure = self.hearing.procedure
        return Subject(
            f"recording:{self.pk}", person_id=procedure.person_id, procedure_id=procedure.pk
        )


class RecordingStream(models.Model):
    """One MediaRecorder session: the first, or a new one after a reload or lost connection."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="streams")
    number = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    last_chunk_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "hearings_recording_stream"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["recording", "number"], name="stream_number_unique")
        ]


class RecordingChunk(models.Model):
    """A chunk as uploaded, AES-256-GCM under the recording's key (the AAD names the
    recording and the sequence number), with the SHA-256 of its plaintext."""

    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="chunks")
    stream = models.ForeignKey(RecordingStream, on_delete=models.CASCADE, related_name="chunks")
    sequence = models.PositiveIntegerField()
    nonce = models.BinaryField()
    ciphertext = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "hearings_recording_chunk"
        ordering = ["sequence"]
        constraints = [
            models.UniqueConstraint(fields=["recording", "sequence"], name="chunk_sequence_unique")
        ]


class RecordingBreak(models.Model):
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="breaks")
    paused_at = models.DateTimeField(default=timezone.now)
    resumed_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason for the break"), max_length=500)

    class Meta:
        db_table = "hearings_recording_break"
        ordering = ["paused_at", "pk"]


class RecordingComment(models.Model):
    """The applicant's comment or correction after sealing (Art. 14 APR), within the time
    limit: a layer appended to the sealed record, never a change of it."""

    hearing = models.ForeignKey("Hearing", on_delete=models.CASCADE, related_name="late_comments")
    text = models.TextField(_("comment"), max_length=20_000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "hearings_late_comment"
        ordering = ["at", "pk"]
