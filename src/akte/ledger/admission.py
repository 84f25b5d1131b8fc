"""Who may append what to the log: reporting roles as data, the checks every appended event
passes, and a rate limit per token (docs/ledger.md, "Who may append").

An agency configured for the log (``[[agencies]]`` in ``ledger.toml``) has a role; the role
says which status keys it may report (``REPORTING``), an agency's ``may_report`` list
overrides it. The office itself (role ``office``) reports the procedure's statuses; a partner
reports only what it observes itself.
"""

from __future__ import annotations

import threading
import time as clock
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from akte.ledger.events import StatusEvent, control_characters

# The statuses of a procedure, as the office records them (the web's `cases.Status` keys).
OFFICE_STATUSES = (
    "registered",
    "lodged",
    "dublin",
    "hearing_scheduled",
    "hearing_held",
    "decided",
    "appeal",
    "closed",
    "final",
)

REPORTING: dict[str, frozenset[str]] = {
    "office": frozenset(OFFICE_STATUSES),
    # Aufnahmeeinrichtung: arrival, accommodation, transfer, absence
    "reception_centre": frozenset(
        {"arrival_registered", "accommodated", "transferred", "absent_without_notice"}
    ),
    # Ausländerbehörde: residence documents and departure
    "foreigners_authority": frozenset(
        {"permit_issued", "toleration_issued", "departure_confirmed"}
    ),
    # Verwaltungsgericht: the appeal's course
    "court": frozenset({"appeal_received", "hearing_held_in_court", "judgment_served"}),
}

CLOCK_SKEW = timedelta(minutes=5)
# A partner may report what it saw before the office opened the procedure (a reception
# centre registers the arrival days or weeks before the application is registered), but not
# a time long before: an older event is a mistake or a forgery.
REPORTED_BEFORE_REGISTRATION = timedelta(days=90)


class Refused(Exception):
    """An append is refused: HTTP status, what was wrong and where (a JSON pointer)."""

    def __init__(self, status: int, detail: str, pointer: str = "", headers: tuple = ()) -> None:
        super().__init__(detail)
        self.status, self.detail, self.pointer, self.headers = status, detail, pointer, headers


@dataclass(frozen=True)
class Reporter:
    """An agency that may append: its name in events and the status keys it may report
    (None: any, for a standalone log configured without roles)."""

    agency: str
    role: str | None = None
    may_report: frozenset[str] | None = None

    @classmethod
    def of(cls, agency: str, role: str | None, may_report: list[str] | None = None) -> Reporter:
        if may_report is not None:
            return cls(agency, role, frozenset(may_report))
        if role is None:
            return cls(agency)
        if role not in REPORTING:
            raise ValueError(f"unknown reporting role {role!r}: one of {sorted(REPORTING)}")
        return cls(agency, role, REPORTING[role])


def check_fields(data: object, pointer: str = "/event") -> None:
    """Refuse control characters in any string of an event object (before it is parsed)."""
    if isinstance(data, dict):
        for name, value in data.items():
            if isinstance(value, str) and control_characters(value):
                raise Refused(400, f"{name} holds a control character", f"{pointer}/{name}")


def parse_time(event: StatusEvent) -> datetime:
    return datetime.fromisoformat(event.time.replace("Z", "+00:00")).astimezone(UTC)


def check_event(
    event: StatusEvent,
    reporter: Reporter,
    *,
    now: datetime | None = None,
    not_before: datetime | None = None,
    pointer: str = "/event",
) -> None:
    """Refuse an event its reporter may not report, or at a time that cannot be."""
    if event.agency != reporter.agency:
        raise Refused(
            403,
            f"token of agency {reporter.agency!r} cannot report events of agency {event.agency!r}",
            f"{pointer}/agency",
        )
    if reporter.may_report is not None and event.event_type not in reporter.may_report:
        allowed = ", ".join(sorted(reporter.may_report)) or "nothing"
        raise Refused(
            403,
            f"agency {reporter.agency!r} ({reporter.role or 'configured list'}) may not report "
            f"{event.event_type!r}; it may report: {allowed}",
            f"{pointer}/event_type",
        )
    at = parse_time(event)
    now = now or datetime.now(UTC)
    if at > now + CLOCK_SKEW:
        raise Refused(
            400,
            f"time {event.time} is in the future (now {now:%Y-%m-%dT%H:%M:%SZ})",
            f"{pointer}/time",
        )
    if not_before is not None and at < not_before - REPORTED_BEFORE_REGISTRATION:
        raise Refused(
            400,
            f"time {event.time} is more than {REPORTED_BEFORE_REGISTRATION.days} days before "
            f"the procedure was opened ({not_before:%Y-%m-%dT%H:%M:%SZ})",
            f"{pointer}/time",
        )


@dataclass(frozen=True)
class ProcedureFacts:
    """What the log's host knows of a procedure: the person reference its entries are filed
    under (never taken from a request) and when it was opened."""

    person: str
    opened: datetime


class RateLimit:
    """At most `per_minute` appended entries per key in any 60 seconds (in this process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, count: int = 1, now: float | None = None) -> None:
        """Count `count` entries for `key`, or raise Refused(429) with a Retry-After."""
        now = clock.monotonic() if now is None else now
        if count > self.per_minute:
            raise Refused(400, f"send at most {self.per_minute} items per request", "/items")
        with self._lock:
            if len(self._hits) > 10_000:  # bound the memory: forget idle keys
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - 60}
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) + count > self.per_minute:
                wait = 60 - (now - hits[0]) if hits else 60
                retry = max(1, int(wait + 0.999))
                raise Refused(
                    429,
                    f"more than {self.per_minute} entries per minute for this token; "
                    f"retry in {retry} s",
                    "",
                    (("Retry-After", str(retry)),),
                )
            hits.extend([now] * count)
