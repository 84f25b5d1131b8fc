"""`akte ledger reconcile`: compare the committed status events with the log, report every
gap (a status event the log does not hold) and, with `repair=True`, close it through the
outbox.

A status event is in the log when an entry with the same procedure, status key, agency and
UTC time opens under the procedure's person (the key `outbox.log_event` builds). Gaps are
classified by their outbox row: `missing` (no row: e.g. written before the outbox or by a
bulk load), `pending` (not yet drained) or `lost` (marked done, but the entry is not in the
log). A person whose data key is gone after done appends was erased (`akte ledger erase`):
their events are reported as `erased` and never appended again. Repair writes the missing
rows, reopens the lost ones and drains. Entries that appear twice for one event are reported
as duplicates (they are never removed: the log is append-only).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from akte.web.cases.models import StatusEvent

from . import link, outbox
from .models import PendingAppend

CHUNK = 1000


@dataclass(frozen=True)
class Gap:
    status_event: int
    procedure: str
    event_type: str
    agency: str
    time: str
    outbox: str  # "missing", "pending", "lost" or "erased"


@dataclass
class Report:
    events_checked: int = 0
    log_entries: int = 0
    gaps: list[Gap] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    repaired: int = 0
    remaining: int = 0  # gaps left after the repair (or found, without repair)

    @property
    def ok(self) -> bool:
        return self.remaining == 0 and not self.duplicates

    def to_dict(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def _logged(ledger) -> dict[tuple[str, str, str, str], list[int]]:
    found: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    size = ledger.store.size()
    for start in range(0, size, CHUNK):
        for row in ledger.store.entries(start, min(size, start + CHUNK)):
            event = ledger.open_entry(row)
            if event is not None:
                found[(event.procedure, event.event_type, event.agency, event.time)].append(
                    row.index
                )
    return found


def _find(report: Report) -> list[Gap]:
    ledger = link.get_ledger()
    logged = _logged(ledger)
    report.log_entries = ledger.store.size()
    rows = {r.status_event_id: r for r in PendingAppend.objects.exclude(status_event=None)}
    done_persons = set(
        PendingAppend.objects.exclude(ledger_index=None).values_list("person", flat=True)
    )
    keys_of: dict[str, bool] = {}
    gaps, report.duplicates = [], []
    report.events_checked = 0
    events = StatusEvent.objects.select_related("procedure").order_by("pk")
    for event in events.iterator(chunk_size=CHUNK):
        report.events_checked += 1
        key = outbox.log_event(event.procedure, event)
        indexes = logged.get((key.procedure, key.event_type, key.agency, key.time), [])
        if len(indexes) > 1:
            report.duplicates.append({"status_event": event.pk, "indexes": indexes})
        if indexes:
            continue
        row = rows.get(event.pk)
        person = link.person_ref(event.procedure.person_id)
        if person not in keys_of:
            keys_of[person] = ledger.store.wrapped_key(person) is not None
        if not keys_of[person] and person in done_persons:
            state = "erased"
        elif row is None:
            state = "missing"
        else:
            state = "pending" if row.ledger_index is None else "lost"
        gaps.append(Gap(event.pk, key.procedure, key.event_type, key.agency, key.time, state))
    return gaps


def reconcile(repair: bool = False) -> Report:
    report = Report()
    report.gaps = _find(report)
    open_gaps = [g for g in report.gaps if g.outbox != "erased"]
    if repair and open_gaps:
        by_state = defaultdict(list)
        for gap in open_gaps:
            by_state[gap.outbox].append(gap.status_event)
        PendingAppend.objects.filter(status_event__in=by_state["lost"]).update(
            ledger_index=None, appended_at=None
        )
        missing = StatusEvent.objects.filter(pk__in=by_state["missing"]).select_related("procedure")
        for event in missing.order_by("at", "pk"):
            outbox.enqueue(event.procedure, event)
        outbox.drain()
        after = Report()
        left = [g for g in _find(after) if g.outbox != "erased"]
        report.repaired, report.remaining = len(open_gaps) - len(left), len(left)
        report.duplicates = after.duplicates
    else:
        report.remaining = len(open_gaps)
    return report
