"""A procedure's Dublin events and the deadlines stored with them.

The deadlines are computed by the engine (`akte.dublin`) and stored in the same transaction as
each event (services.py); pages and feeds read them, never recompute them. Only the state
(open / met / missed) depends on the day and is read from the stored dates (`state_on`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.dublin.deadlines import state_of
from akte.dublin.events import ANSWERS, EVENT_TYPES, ROLES
from akte.web.audit.subject import Subject
from akte.web.cases.models import Procedure

DEADLINE_IDS = (
    "take_charge_request",
    "take_charge_reply",
    "take_back_request",
    "take_back_notification",
    "take_back_reply",
    "take_back_confirmation",
    "transfer_decision",
    "transfer",
)


class DublinCase(models.Model):
    """The Dublin check of one procedure: Germany's role and the regulation that governs it."""

    procedure = models.OneToOneField(Procedure, on_delete=models.CASCADE, related_name="dublin")
    role = models.CharField(_("role of Germany"), max_length=12, choices=[(r, r) for r in ROLES])
    regulation = models.CharField(_("regulation"), max_length=12, blank=True)
    member_state = models.CharField(_("other Member State"), max_length=2, blank=True)
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Dublin procedure")

    @property
    def access_subject(self) -> Subject:
        return self.procedure.access_subject


class DublinEvent(models.Model):
    case = models.ForeignKey(DublinCase, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("event"), max_length=40, choices=[(t, t) for t in EVENT_TYPES])
    date = models.DateField(_("date"))
    member_state = models.CharField(_("Member State"), max_length=2, blank=True)
    eurodac = models.BooleanField(_("based on Eurodac data"), default=False)
    vis = models.BooleanField(_("based on VIS data"), default=False)
    suspensive = models.BooleanField(_("suspensive effect"), default=False)
    answer = models.CharField(
        _("answer"), max_length=8, blank=True, choices=[(a, a) for a in ANSWERS]
    )
    reply_by = models.DateField(_("reply requested by"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "pk"]

    def contract(self) -> dict:
        """The event as the engine's contract has it."""
        data: dict = {"type": self.type, "date": self.date.isoformat()}
        if self.member_state:
            data["member_state"] = self.member_state
        if "request" in self.type or "notification" in self.type:
            data |= {"eurodac": self.eurodac, "vis": self.vis}
        if self.type == "appeal_final_decision":
            data["suspensive"] = self.suspensive
        if self.type == "reply":
            data["answer"] = self.answer
        if self.type == "urgent_reply_requested" and self.reply_by:
            data["by"] = self.reply_by.isoformat()
        return data


OPEN = models.Q(done_on__isnull=True, applicable=True, due__isnull=False)


class DublinDeadline(models.Model):
    """One deadline as the engine answered it after the latest event. `office`, `member_state`
    and `file_number` are copied from the procedure so the worklist reads one table."""

    case = models.ForeignKey(DublinCase, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=24, choices=[(k, k) for k in DEADLINE_IDS])
    regulation = models.CharField(_("regulation"), max_length=12)
    due = models.DateField(_("due"), null=True)
    done_on = models.DateField(_("met on"), null=True)
    applicable = models.BooleanField(default=True)
    latest = models.DateField(null=True)  # the general period's end, where detention is shorter
    article = models.CharField(_("article"), max_length=300, blank=True)
    consequence = models.CharField(_("consequence"), max_length=80, blank=True)
    explanation = models.JSONField(default=dict)
    office = models.CharField(max_length=8, db_index=True)
    member_state = models.CharField(max_length=2, blank=True)
    file_number = models.CharField(max_length=11)
    procedure = models.ForeignKey(  # copied too: the worklist links without a join
        Procedure, null=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["due", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="dublin_deadline_once_per_case")
        ]
        indexes = [
            # the worklist: deadlines still to meet, by due date, alone or within one office,
            # kind or Member State (each filter reads its own index, the count too)
            models.Index(fields=["due"], name="dublin_deadline_open_due", condition=OPEN),
            models.Index(fields=["office", "due"], name="dublin_deadline_office_due"),
            models.Index(fields=["kind", "due"], name="dublin_deadline_kind_due", condition=OPEN),
            models.Index(
                fields=["member_state", "due"], name="dublin_deadline_state_due", condition=OPEN
            ),
            # one office's deadlines with one Member State (the page and its count)
            models.Index(
                fields=["office", "member_state", "due"],
                name="dublin_deadline_office_state",
                condition=OPEN,
            ),
        ]

    @property
    def access_subject(self) -> Subject:
        return self.case.procedure.access_subject

    def state_on(self, day: dt.date) -> str:
        done = self.done_on
        return state_of(self.due, done, day, self.applicable)

    def days_left(self, day: dt.date) -> int | None:
        return (self.due - day).days if self.due else None


class DublinAlert(models.Model):
    """An alert sent for a deadline and due date: once (`akte dublin notify` is idempotent)."""

    deadline = models.ForeignKey(DublinDeadline, on_delete=models.CASCADE, related_name="alerts")
    due = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deadline", "due"], name="dublin_alert_once_per_due")
        ]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarToken(models.Model):
    """A user's iCalendar feed token; only its digest is stored; revoked tokens stay revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user) -> str:
        """Revoke the user's tokens and issue a new one; returns it (shown once)."""
        cls.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
        token = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=_digest(token))
        return token

    @classmethod
    def user_for(cls, token: str):
        found = (
            cls.objects.filter(digest=_digest(token), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        return found.user if found and found.user.is_active else None
