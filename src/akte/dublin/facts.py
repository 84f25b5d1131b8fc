"""A procedure's events as the input facts of its rulebook (one kind of request at a time).

Where the input leaves a date out, the engine reads it so (docs/dublin.md): a request received
on the day it was sent (DubliNet delivers at once) and sent on the day it was received; Dublin
III counts from lodging, and uses the registration where no lodging is given; the AMMR counts
from registration, and uses the lodging where no registration is given.
"""

from __future__ import annotations

from akte.dublin.config import DublinConfig
from akte.dublin.events import Event, Procedure
from akte.dublin.regulation import AMMR

REQUEST_EVENTS = {
    "take_charge": ("take_charge_request_sent", "take_charge_request_received"),
    "take_back": (
        "take_back_request_sent",
        "take_back_request_received",
        "take_back_notification_sent",
        "take_back_notification_received",
    ),
}
OTHER_STATE = "XX"  # a Member State whose holidays Akte does not know: weekends only


def kind_of(procedure: Procedure) -> str | None:
    """take_charge or take_back once a request or notification says so, else None."""
    for kind, types in REQUEST_EVENTS.items():
        if procedure.first(*types):
            return kind
    return None


def _day(event: Event | None):
    return event.date.isoformat() if event is not None else None


def request_events(procedure: Procedure, kind: str) -> tuple[Event | None, Event | None]:
    types = REQUEST_EVENTS[kind]
    sent = procedure.first(*(t for t in types if t.endswith("_sent")))
    received = procedure.first(*(t for t in types if t.endswith("_received")))
    return sent or received, received or sent


def other_state(procedure: Procedure) -> str:
    for event in procedure.events:
        if event.member_state:
            return event.member_state
    return OTHER_STATE


def facts_for(procedure: Procedure, regulation: str, kind: str, config: DublinConfig) -> dict:
    p = procedure
    sent, received = request_events(p, kind)
    request = sent or received
    replies = p.of("reply")
    last = replies[-1] if replies else None
    accepting = next((r for r in replies if r.answer == "accepted"), None)
    appeal = p.last("appeal_final_decision")
    suspensive = appeal is not None and appeal.flag("suspensive")
    detained = p.first("detained")
    facts: dict[str, object] = {
        "procedure": kind,
        "request_received_on": _day(received),
        "reply_given": bool(replies),
        "reply_given_on": _day(replies[0]) if replies else None,
        "reply": last.answer if last else None,
        "accepting_reply_on": _day(accepting) if last and last.answer == "accepted" else None,
        "appeal_with_suspensive_effect": suspensive,
        "appeal_final_decision_on": _day(appeal) if suspensive else None,
        "imprisoned": p.first("imprisoned") is not None,
        "absconded": p.first("absconded") is not None,
        "detained": detained is not None,
    }
    hit = p.first("eurodac_hit")
    registered = p.first("application_registered")
    lodged = p.first("application_lodged")
    if regulation == AMMR:
        ours, theirs = config.region, other_state(p)
        hits = p.of("eurodac_hit", "vis_hit")
        based = request is not None and (request.flag("eurodac") or request.flag("vis"))
        facts |= {
            "application_registered_on": _day(registered or lodged),
            "eurodac_or_vis_hit": bool(hits),
            "eurodac_or_vis_hit_on": _day(hits[0]) if hits else None,
            "eurodac_hit_on": _day(hit),
            "request_based_on_eurodac_or_vis": based,
            "detained_on": _day(detained),
            "requesting_region": ours if p.role == "requesting" else theirs,
            "requested_region": theirs if p.role == "requesting" else ours,
        }
        return facts
    urgent = p.first("urgent_reply_requested")
    facts |= {
        "application_lodged_on": _day(lodged or registered),
        "eurodac_hit": hit is not None,
        "eurodac_hit_on": _day(hit),
        "request_sent_on": _day(sent),
        "request_based_on_eurodac": request is not None and request.flag("eurodac"),
        "urgent_reply_requested": urgent is not None,
        "urgent_reply_requested_by": urgent.by.isoformat() if urgent and urgent.by else None,
        "take_back_eurodac_capped": config.take_back_capped,
    }
    return facts
