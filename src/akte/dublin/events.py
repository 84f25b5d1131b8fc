"""The input of the engine: a procedure's role and events, read and checked.

`read_procedure(data)` takes the JSON-like object of the contract (docs/dublin.md)
`{"role": "requesting" | "requested", "events": [{"type": ..., "date": "YYYY-MM-DD", ...}]}`
and returns a `Procedure` with its events sorted by date (same-day events in the procedure's
natural order: `order`), or raises `DublinInputError(code, event_index, field)`. Unknown fields are ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

ROLES = ("requesting", "requested")
REQUESTS = (
    "take_charge_request_sent",
    "take_charge_request_received",
    "take_back_request_sent",
    "take_back_request_received",
    "take_back_notification_sent",
    "take_back_notification_received",
)
EVENT_TYPES = (
    "application_lodged",
    "application_registered",
    "eurodac_hit",
    "vis_hit",
    *REQUESTS,
    "urgent_reply_requested",
    "reply",
    "reexamination_requested",
    "transfer_decision_notified",
    "appeal_final_decision",
    "imprisoned",
    "absconded",
    "detained",
    "transfer_carried_out",
)
ANSWERS = ("accepted", "refused")
# The states bound by the Dublin system besides Germany (ISO 3166-1 alpha-2): the EU Member
# States, and Iceland, Liechtenstein, Norway and Switzerland by their association agreements.
# "member_state" names the other state of a procedure; its public holidays count for the AMMR
# periods it must act within (1182/71 Art. 2(1)). The EU writes Greece "EL": read as "GR".
MEMBER_STATES = tuple(
    "AT BE BG CY CZ DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK CH".split()
)
_STATE_ALIASES = {"EL": "GR"}
_FLAGS = {t: ("eurodac", "vis") for t in REQUESTS} | {"appeal_final_decision": ("suspensive",)}
MAX_EVENTS = 1000


class DublinInputError(ValueError):
    """Input that breaks the contract: `code` (akte/dublin/codes.py) and where."""

    def __init__(self, code: str, event_index: int | None = None, field: str | None = None):
        super().__init__(code)
        self.code, self.event_index, self.field = code, event_index, field

    def to_dict(self) -> dict:
        return {"code": self.code, "event_index": self.event_index, "field": self.field}


@dataclass(frozen=True)
class Event:
    index: int  # position in the input
    type: str
    date: dt.date
    flags: Mapping[str, bool] = field(default_factory=dict)
    answer: str | None = None  # reply
    by: dt.date | None = None  # urgent_reply_requested
    member_state: str | None = None  # the other state (ISO 3166-1 alpha-2), where given

    def flag(self, name: str) -> bool:
        return bool(self.flags.get(name, False))


@dataclass(frozen=True)
class Procedure:
    role: str
    events: tuple[Event, ...]

    def of(self, *types: str) -> list[Event]:
        return [e for e in self.events if e.type in types]

    def first(self, *types: str) -> Event | None:
        found = self.of(*types)
        return found[0] if found else None

    def last(self, *types: str) -> Event | None:
        found = self.of(*types)
        return found[-1] if found else None


def _date(raw: object, index: int, name: str) -> dt.date:
    if not isinstance(raw, str) or len(raw) != 10:
        raise DublinInputError("dublin.input.bad_date", index, name)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DublinInputError("dublin.input.bad_date", index, name) from None


def read_event(index: int, raw: object) -> Event:
    if not isinstance(raw, Mapping):
        raise DublinInputError("dublin.input.event_not_an_object", index, None)
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        raise DublinInputError("dublin.input.unknown_event_type", index, "type")
    day = _date(raw.get("date"), index, "date")
    flags: dict[str, bool] = {}
    for name in _FLAGS.get(kind, ()):
        value = raw.get(name, False)
        if not isinstance(value, bool):
            raise DublinInputError("dublin.input.bad_flag", index, name)
        flags[name] = value
    answer = by = None
    if kind == "reply":
        answer = raw.get("answer")
        if answer not in ANSWERS:
            raise DublinInputError("dublin.input.bad_answer", index, "answer")
    if kind == "urgent_reply_requested":
        by = _date(raw.get("by"), index, "by")
    return Event(index, kind, day, flags, answer, by, _member_state(raw, index))


def _member_state(raw: Mapping, index: int) -> str | None:
    """The optional `member_state` of an event: one of MEMBER_STATES (any case), or absent."""
    state = raw.get("member_state")
    if state is None or state == "":
        return None
    code = state.strip().upper() if isinstance(state, str) else None
    code = _STATE_ALIASES.get(code, code)
    if code not in MEMBER_STATES:
        raise DublinInputError("dublin.input.bad_member_state", index, "member_state")
    return code


_RANK = {kind: rank for rank, kind in enumerate(EVENT_TYPES)}


def order(event: Event) -> tuple:
    """Events by date; on one day in the procedure's natural order (a request before its reply),
    then as given."""
    return (event.date, _RANK[event.type], event.index)


def read_procedure(data: object) -> Procedure:
    """The procedure of a contract object; raises `DublinInputError` if it breaks the contract."""
    if not isinstance(data, Mapping):
        raise DublinInputError("dublin.input.not_an_object")
    role = data.get("role")
    if role not in ROLES:
        raise DublinInputError("dublin.input.bad_role", None, "role")
    raw_events = data.get("events")
    if not isinstance(raw_events, list) or not raw_events:
        raise DublinInputError("dublin.input.no_events", None, "events")
    if len(raw_events) > MAX_EVENTS:
        raise DublinInputError("dublin.input.too_many_events", None, "events")
    events = sorted((read_event(i, raw) for i, raw in enumerate(raw_events)), key=order)
    procedure = Procedure(str(role), tuple(events))
    check_sequence(procedure)
    return procedure


def check_sequence(procedure: Procedure) -> None:
    """Refuse sequences that cannot happen (dates are sorted; same-day order as given): a reply,
    urgent request or transfer before any request; a take-charge and a take-back request in one
    procedure; a re-examination without a refusal before it; a second reply that no
    re-examination of a refusal asked for."""
    kinds: set[str] = set()
    last_answer: str | None = None  # the latest reply's answer
    reexamining = False  # a refusal's re-examination was asked and not yet answered
    for event in procedure.events:
        kind, where = event.type, event.index
        if kind in REQUESTS:
            kinds.add("take_charge" if kind.startswith("take_charge") else "take_back")
            if len(kinds) > 1:
                raise DublinInputError("dublin.input.two_kinds_of_request", where, "type")
        elif kind in _AFTER_REQUEST and not kinds:
            raise DublinInputError(_AFTER_REQUEST[kind], where, "type")
        if kind == "reexamination_requested":
            if last_answer != "refused":
                raise DublinInputError("dublin.input.reexamination_without_refusal", where, "type")
            reexamining = True
        elif kind == "reply":
            if last_answer is not None and not reexamining:
                raise DublinInputError("dublin.input.second_reply", where, "type")
            last_answer, reexamining = event.answer, False


_AFTER_REQUEST = {
    "reply": "dublin.input.reply_without_request",
    "urgent_reply_requested": "dublin.input.reply_without_request",
    "reexamination_requested": "dublin.input.reply_without_request",
    "transfer_decision_notified": "dublin.input.transfer_without_request",
    "transfer_carried_out": "dublin.input.transfer_without_request",
}
