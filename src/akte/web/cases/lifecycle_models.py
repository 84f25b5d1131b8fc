"""Decisions (Bescheide), appeals and exceptional transitions waiting for a second user.

Imported at the end of `cases.models`; the rules (which outcome, which transition) are data
in `cases/lifecycle/`, the changes in `cases.decisions` and `cases.transitions`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.audit.subject import Subject


class Notified(models.TextChoices):
    APPLICANT = "applicant", _("applicant")
    COUNSEL = "counsel", _("counsel")
    FOREIGNERS_AUTHORITY = "foreigners_authority", _("foreigners' authority")


class Decision(models.Model):
    """A Bescheid as the decision-maker recorded it: outcome, legal basis as it applied,
    date, document, appeal period and who was notified. Never computed."""

    procedure = models.ForeignKey(
        "cases.Procedure", on_delete=models.CASCADE, related_name="decisions"
    )
    outcome = models.CharField(_("outcome"), max_length=40)  # outcomes.yaml code
    ground = models.CharField(_("ground"), max_length=40, blank=True)
    basis = models.CharField(_("legal basis"), max_length=300)  # as it applied when recorded
    decided_on = models.DateField(_("decided on"))
    document = models.ForeignKey(
        "cases.Document", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    appeal_days = models.PositiveSmallIntegerField(_("appeal period (days)"))
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    notified = models.CharField(_("notified"), max_length=200, blank=True)  # comma-separated
    # the last day of the appeal period, from the notification (None until notified)
    appeal_until = models.DateField(_("appeal until"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["recorded_at", "pk"]
        indexes = [
            models.Index(fields=["appeal_until"], name="decision_appeal_until_idx"),
            # a procedure's latest decision (the appeal deadlines), without a sort each
            models.Index(fields=["procedure", "recorded_at", "id"], name="decision_latest_idx"),
        ]

    def save(self, *args, **kwargs):
        self.appeal_until = (
            self.notified_on + dt.timedelta(days=self.appeal_days) if self.notified_on else None
        )
        super().save(*args, **kwargs)

    @property
    def appeal_deadline(self) -> dt.date | None:
        """The last day of the appeal period (from notification; None until notified)."""
        return self.appeal_until

    @property
    def notified_list(self) -> list[str]:
        return [n for n in self.notified.split(",") if n]

    @property
    def access_subject(self) -> Subject:
        return Subject(
            f"decision:{self.pk}",
            person_id=self.procedure.person_id,
            procedure_id=self.procedure_id,
        )


class AppealKind(models.TextChoices):
    MAIN = "main", _("action (main proceedings)")
    URGENT = "urgent", _("urgent proceedings (§ 80 (5) VwGO)")


class CourtOutcome(models.TextChoices):
    DISMISSED = "dismissed", _("dismissed")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ANNULLED = "annulled", _("decision annulled, procedure continues")
    OBLIGED = "obliged", _("office obliged to grant protection")
    GRANTED = "granted", _("urgent application granted")
    REFUSED = "refused", _("urgent application refused")


# Outcomes that end the main proceedings and what they make of the procedure.
FINAL_OUTCOMES = {
    CourtOutcome.DISMISSED: "court_final",
    CourtOutcome.WITHDRAWN: "court_final",
    CourtOutcome.ANNULLED: "court_annulled",
    CourtOutcome.OBLIGED: "court_annulled",  # the office decides anew as the court obliged
}


class Appeal(models.Model):
    procedure = models.ForeignKey(
        "cases.Procedure", on_delete=models.CASCADE, related_name="appeals"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.RESTRICT, related_name="appeals"
    )
    court = models.CharField(_("court"), max_length=200)
    court_file_number = models.CharField(_("court file number"), max_length=60)
    kind = models.CharField(_("type"), max_length=8, choices=AppealKind.choices)
    lodged_on = models.DateField(_("lodged on"))
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=CourtOutcome.choices, blank=True
    )
    outcome_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["lodged_on", "pk"]

    @property
    def access_subject(self) -> Subject:
        return Subject(
            f"appeal:{self.pk}", person_id=self.procedure.person_id, procedure_id=self.procedure_id
        )


class RequestState(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class TransitionRequest(models.Model):
    """An exceptional transition (e.g. reopening): asked for with a reason by one user,
    approved or rejected by a second user of an approving role."""

    procedure = models.ForeignKey(
        "cases.Procedure", on_delete=models.CASCADE, related_name="transition_requests"
    )
    source = models.CharField(_("from"), max_length=32)
    target = models.CharField(_("to"), max_length=32)
    reason = models.CharField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    state = models.CharField(max_length=16, choices=RequestState.choices, default="pending")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)
    event = models.OneToOneField(
        "cases.StatusEvent", null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(state="pending"),
                name="one_pending_request_per_procedure",
            )
        ]

    @property
    def access_subject(self) -> Subject:
        return Subject(
            f"transition-request:{self.pk}",
            person_id=self.procedure.person_id,
            procedure_id=self.procedure_id,
        )
