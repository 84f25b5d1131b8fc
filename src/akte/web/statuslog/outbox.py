"""The status log's transactional outbox: nothing committed is lost between the database
and the log.

`enqueue` runs inside the transaction of a status change (receiver of
`cases.signals.status_changed`) and writes a `PendingAppend` row; it commits or rolls back
with the change. `drain` appends pending rows to the log in their order and marks them done.
It runs

- in the web process right after the commit (`drain_after_commit`, the fast path, best
  effort: an error is logged and the row stays pending),
- at server start (`akte serve`) and on demand (`akte ledger drain`, e.g. from cron),

so a row left behind by a crash (kill -9 between commit and append) is appended by the next
drain. Drains are serialised (a lock in the process and a file lock beside the log; on
PostgreSQL the rows are also locked `FOR UPDATE`), and each drain first looks in the log for
the rows it is about to append: a crash between the append and the mark leaves the entry in
the log and the row pending, and the next drain only marks it, so one row never makes two
log entries.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from akte.ledger.events import StatusEvent as LogEvent

from . import link
from .models import PendingAppend

logger = logging.getLogger(__name__)
_lock = threading.Lock()
BATCH = 200


@dataclass(frozen=True)
class DrainResult:
    appended: int  # new log entries
    recognised: int  # already in the log (an earlier drain crashed before marking them)
    pending: int  # rows still pending afterwards

    def to_dict(self) -> dict[str, int]:
        return {"appended": self.appended, "recognised": self.recognised, "pending": self.pending}


def log_event(procedure, status_event) -> LogEvent:
    """The log's event for a `cases.StatusEvent` (the one place that decides its fields)."""
    agency = status_event.agency
    return LogEvent(
        procedure=procedure.file_number,
        event_type=status_event.status,
        agency=link.agency_for(procedure.office) if agency == "BAMF" else agency,
        time=link.utc(status_event.at),
    )


def enqueue(procedure, status_event) -> PendingAppend:
    """Write the pending append of `status_event`; call inside its transaction."""
    event = log_event(procedure, status_event)
    return PendingAppend.objects.create(
        status_event=status_event,
        procedure=event.procedure,
        person=link.person_ref(procedure.person_id),
        event_type=event.event_type,
        agency=event.agency,
        time=event.time,
    )


def drain_after_commit() -> None:
    """The fast path after a commit: drain now; on failure leave it to the next drain."""
    try:
        drain()
    except Exception:  # the change is committed and its row stays pending: never fail the request
        logger.exception("status log: appending after commit failed; the rows stay pending")


@contextmanager
def _exclusive() -> Iterator[None]:
    path = link.ledger_config_path().parent / "outbox.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock, open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _in_log(ledger, procedures: set[str]) -> dict[tuple[str, str, str, str], int]:
    """(procedure, event type, agency, time) -> log index of the events already in the log."""
    found: dict[tuple[str, str, str, str], int] = {}
    for procedure in procedures:
        for row in ledger.store.entries_for_procedure(procedure):
            event = ledger.open_entry(row)
            if event is not None:
                found.setdefault(
                    (event.procedure, event.event_type, event.agency, event.time), row.index
                )
    return found


def pending() -> int:
    return PendingAppend.objects.filter(ledger_index__isnull=True).count()


def drain(limit: int | None = None) -> DrainResult:
    """Append the pending rows (at most `limit`) to the log in order and mark them done."""
    appended = recognised = 0
    with _exclusive():
        ledger = link.get_ledger()
        while limit is None or appended + recognised < limit:
            size = BATCH if limit is None else min(BATCH, limit - appended - recognised)
            with transaction.atomic():
                rows = list(
                    PendingAppend.objects.select_for_update()
                    .filter(ledger_index__isnull=True)
                    .order_by("pk")[:size]
                )
                if not rows:
                    break
                known = _in_log(ledger, {r.procedure for r in rows})
                new = [r for r in rows if r.key not in known]
                with link.lock:
                    receipts = ledger.append_many([(r.person, LogEvent(*r.key)) for r in new])
                    ledger.checkpoint()
                indexes = dict(known)
                indexes.update({r.key: rc.index for r, rc in zip(new, receipts, strict=True)})
                now = timezone.now()
                for r in rows:
                    r.ledger_index, r.appended_at = indexes[r.key], now
                PendingAppend.objects.bulk_update(rows, ["ledger_index", "appended_at"])
                appended += len(new)
                recognised += len(rows) - len(new)
    return DrainResult(appended, recognised, pending())
