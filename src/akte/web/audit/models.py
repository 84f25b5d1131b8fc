"""The access log: every read or change of a person's data, with who, when, what and why.

Entries are append-only. The app offers no way to edit or delete them: `save()` refuses an
update, `delete()` refuses, and the queryset's bulk `update()`/`delete()` refuse too.
Person and procedure are kept as plain ids (not foreign keys) so that the log outlives an
erasure of the person's data and still shows who looked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akte.web.accounts.purposes import Purpose

__all__ = [
    "AccessLogEntry",
    "AccessLogImmutable",
    "Action",
    "BreakGlassGrant",
    "BreakGlassReview",
    "Decision",
    "Purpose",
]


class AccessLogImmutable(Exception):
    """Raised on any attempt to change or delete an access log entry."""


class Action(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    SEARCH = "search", _("search")
    EXPORT = "export", _("export")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessLogImmutable("access log entries cannot be changed")

    def delete(self):
        raise AccessLogImmutable("access log entries cannot be deleted")


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150)
    role = models.CharField(_("role"), max_length=32)
    via = models.CharField(_("channel"), max_length=8, default="web")  # web, api, cli
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    person_id = models.BigIntegerField(_("person"), null=True, db_index=True)
    procedure_id = models.BigIntegerField(_("procedure"), null=True)
    record = models.CharField(_("record"), max_length=100)  # e.g. "procedure:12", "document:4"
    path = models.CharField(max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AccessLogImmutable("access log entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogImmutable("access log entries cannot be deleted")


class BreakGlassGrant(models.Model):
    """A read outside the user's own procedures, with the reason they gave: it lasts until
    `expires_at` (`AKTE_BREAK_GLASS_UNTIL`), every read under it is logged with the purpose
    break-glass, and it waits in the data protection officer's queue for a decision.
    Like the log, it keeps plain ids: it outlives an erasure of the person's data."""

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    username = models.CharField(_("user"), max_length=150)
    role = models.CharField(_("role"), max_length=32)
    procedure_id = models.BigIntegerField(_("procedure"), db_index=True)
    person_id = models.BigIntegerField(_("person"), db_index=True)
    reason = models.TextField(_("reason"))
    expires_at = models.DateTimeField(_("valid until"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")

    def decision(self) -> BreakGlassReview | None:
        """The officer's review, or None while it waits in the queue."""
        return getattr(self, "review", None)


class Decision(models.TextChoices):
    JUSTIFIED = "justified", _("justified")
    NOT_JUSTIFIED = "not_justified", _("not justified")


class BreakGlassReview(models.Model):
    """The data protection officer's decision on a break-glass access, with a note. One per
    access; the decision is also written to the access log (`audit.break_glass.review`)."""

    grant = models.OneToOneField(BreakGlassGrant, on_delete=models.PROTECT, related_name="review")
    at = models.DateTimeField(_("time"), default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    note = models.TextField(_("note"))

    class Meta:
        verbose_name = _("break-glass review")
        verbose_name_plural = _("break-glass reviews")
