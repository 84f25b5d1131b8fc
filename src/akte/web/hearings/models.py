"""A hearing and what happens in it: transcript segments, read-back corrections, what the
assistant suggested and its fate, procedural notes, the confirmation and the seal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.hearing.record import Fate, Speaker
from akte.web.audit.subject import Subject
from akte.web.cases.models import Procedure


class HearingState(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    READ_BACK = "read_back", _("read-back")
    SEALED = "sealed", _("sealed")


class Hearing(models.Model):
    """The personal interview (Anhörung, § 25 AsylG). The table keeps the name it had when
    the model lived in `cases` (moved by migrations that change no data)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="hearings")
    date = models.DateField(_("date"))
    state = models.CharField(_("state"), max_length=16, choices=HearingState.choices)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    interpreter = models.CharField(_("interpreter"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8)
    room = models.CharField(_("room"), max_length=60, blank=True)  # planned hearings
    time = models.TimeField(_("time"), null=True, blank=True)
    rulebook = models.CharField(_("rulebook"), max_length=100, blank=True)  # pinned at start
    skeleton = models.CharField(_("model questions"), max_length=8, blank=True)  # short, long
    started_at = models.DateTimeField(null=True, blank=True)
    confirmed = models.BooleanField(null=True)
    refusal_reasons = models.TextField(_("reasons for refusing"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    seal = models.CharField(max_length=80, blank=True)
    seal_format = models.PositiveSmallIntegerField(default=1)  # akte.hearing.seal.SEAL_FORMAT
    interviewer_name = models.CharField(max_length=150, blank=True)  # display name, as sealed
    sealed_at = models.DateTimeField(null=True, blank=True)
    # the checklist's coverage when sealed (a sealed record never changes): read by the
    # quality figures in one query; NULL for hearings sealed before it was recorded
    checklist_items = models.PositiveSmallIntegerField(null=True, blank=True)
    checklist_covered = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        db_table = "cases_hearing"
        ordering = ["date", "pk"]
        indexes = [
            # the worklist's planned hearings from today, whose (or nobody's): covering
            models.Index(
                fields=["state", "date", "interviewer"], name="hearing_state_date_who_idx"
            ),
            # an interviewer's running hearings, among the thousands they held
            models.Index(fields=["interviewer", "state"], name="hearing_interviewer_state_idx"),
        ]

    @property
    def is_sealed(self) -> bool:
        # by state, not by the stored seal: a blanked seal must show as broken, not as open
        return self.state == HearingState.SEALED

    @property
    def access_subject(self) -> Subject:
        return Subject(
            f"hearing:{self.pk}",
            person_id=self.procedure.person_id,
            procedure_id=self.procedure_id,
        )


FATES = [
    (Fate.OPEN.value, _("open")),
    (Fate.USED.value, _("used")),
    (Fate.SKIPPED.value, _("skipped")),
    (Fate.DISMISSED.value, _("dismissed")),
]


class Segment(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="segments")
    number = models.PositiveIntegerField()
    speaker = models.CharField(
        _("speaker"), max_length=16, choices=[(s.value, s.value) for s in Speaker]
    )
    text = models.TextField(_("text"), max_length=20_000)
    at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    checklist_items = models.CharField(max_length=500, blank=True)  # comma-separated item ids
    typing_started_at = models.DateTimeField(null=True, blank=True)  # its start in the recording

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "number"], name="segment_number_unique")
        ]


class Correction(models.Model):
    """A correction from the read-back: kept beside the segment, never replacing its text."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("corrected text"), max_length=20_000)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]


class SuggestionShown(models.Model):
    """A suggestion the assistant showed, with its reason and source, and what became of it."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="suggestions")
    suggestion_id = models.CharField(max_length=200)
    kind = models.CharField(max_length=32)
    text = models.TextField()
    reason = models.TextField()
    source = models.TextField()
    validity = models.CharField(max_length=100, blank=True)
    shown_at = models.DateTimeField(default=timezone.now)
    fate = models.CharField(max_length=16, choices=FATES, default=Fate.OPEN)
    fate_reason = models.CharField(max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    answer_segment = models.PositiveIntegerField(null=True, blank=True)
    # fates corrected before sealing, oldest first: [{"fate", "reason", "at"}]
    earlier_fates = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["shown_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "suggestion_id"], name="suggestion_once_per_hearing"
            )
        ]


class NoteKind(models.TextChoices):
    SAME_SEX_INTERVIEWER = "same_sex_interviewer", _("same-sex interviewer requested")
    SAME_SEX_INTERPRETER = "same_sex_interpreter", _("same-sex interpreter requested")
    MINOR = "minor", _("applicant may be a minor")
    TRAUMA = "trauma", _("signs of trauma")
    HEALTH = "health", _("health issues")
    COMPREHENSION = "comprehension", _("comprehension problems")
    COMPREHENSION_OK = "comprehension_ok", _("comprehension with the interpreter checked")
    OTHER = "other", _("other")
    RECORDING_NOTICE = "recording_notice", _("applicant told that the hearing is audio-recorded")


class ProceduralNote(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=32, choices=NoteKind.choices)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)
    # a correction is a note of its own beside the one it corrects (a layer, until sealing)
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="corrections"
    )

    class Meta:
        ordering = ["at", "pk"]


class Answer(models.Model):
    """A structured answer the interviewer recorded for a rulebook question (a fact)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="answers")
    fact = models.CharField(max_length=200)
    value = models.JSONField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "fact"], name="one_answer_per_fact")
        ]


from .recording_models import (  # noqa: E402  (one models module for Django)
    Recording,
    RecordingBreak,
    RecordingChunk,
    RecordingComment,
    RecordingStream,
)

__all__ = [
    "Answer",
    "Correction",
    "Hearing",
    "ProceduralNote",
    "Recording",
    "RecordingBreak",
    "RecordingChunk",
    "RecordingComment",
    "RecordingStream",
    "Segment",
    "SuggestionShown",
]
