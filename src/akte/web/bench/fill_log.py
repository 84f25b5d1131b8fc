"""The signed status log of the bench's procedures: every status event appended to
`akte.ledger` (through `statuslog.link`'s log, in batches, outside any timing), with the
outbox row each change leaves in the database (`statuslog.PendingAppend`, already appended:
its log index set), and one signed checkpoint at the end, so that the procedure page shows
each event verified against it, as in an office whose log has been kept from the start."""

from __future__ import annotations

from akte.ledger.events import StatusEvent as LogEvent


class StatusLog:
    """Collects a batch's events (`add`), appends them (`write`), signs at the end."""

    def __init__(self) -> None:
        from akte.web.statuslog.models import PendingAppend

        from .rows import Rows

        self.pending: list[tuple] = []  # (status event id, person ref, log event, time)
        self.outbox = Rows(
            PendingAppend,
            ["status_event", "procedure", "person", "event_type", "agency", "time",
             "created_at", "appended_at", "ledger_index"],
        )  # fmt: skip
        self.entries = 0

    def add(self, status_event: int, person: int, file_number: str, status: str, office: str,
            at) -> None:  # fmt: skip
        from akte.web.statuslog import link

        event = LogEvent(file_number, status, link.agency_for(office), link.utc(at))
        self.pending.append((status_event, link.person_ref(person), event, at))

    def write(self) -> int:
        """Append the batch to the log and write its outbox rows; returns the entries."""
        from akte.web.statuslog import link

        ledger = link.get_ledger()
        with link.lock:
            receipts = ledger.append_many([(person, event) for _, person, event, _ in self.pending])
        for (event_id, person, event, at), receipt in zip(self.pending, receipts, strict=True):
            self.outbox.add(
                event_id, event.procedure, person, event.event_type, event.agency, event.time,
                at, at, receipt.index,
            )  # fmt: skip
        self.outbox.write()
        written = len(self.pending)
        self.pending = []
        self.entries += written
        return written

    def checkpoint(self) -> None:
        from akte.web.statuslog import link

        with link.lock:
            link.get_ledger().checkpoint()
