"""The transactional outbox of the status log: one `PendingAppend` per status change,
written in the transaction that records the change, appended to the log by `outbox.drain`.

A row names the event exactly as it goes into the log (file number, status key, agency, UTC
time) and the person reference it is filed under, so that the log can be written (and a
half-finished append recognised) without the case models. `ledger_index` is set once the
entry is in the log; a row without it is pending.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PendingAppend(models.Model):
    status_event = models.OneToOneField(
        "cases.StatusEvent", null=True, on_delete=models.SET_NULL, related_name="log_append"
    )
    procedure = models.CharField(max_length=200)  # the file number, as in the log
    person = models.CharField(max_length=200)  # `link.person_ref`, taken from the procedure
    event_type = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)
    time = models.CharField(max_length=64)  # ISO 8601 UTC, as in the log
    created_at = models.DateTimeField(default=timezone.now)
    appended_at = models.DateTimeField(null=True, blank=True)
    ledger_index = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["ledger_index", "id"], name="pending_append_idx")]

    def __str__(self) -> str:
        return f"PendingAppend {self.pk}"

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.procedure, self.event_type, self.agency, self.time)
