"""Which regulation governs a procedure, decided by the case's dates (never by the clock).

Art. 84(2) AMMR keeps Dublin III for applications registered *before* 1 July 2026; Art. 84(1)
speaks of applications registered *after* it, and Art. 85 makes the AMMR apply from 1 July 2026.
Read together, an application registered on 1 July 2026 is the AMMR's (docs/dublin.md). The date
is the registration's when known, else the lodging's, else the earliest event's.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from akte.dublin.events import DublinInputError, Procedure
from akte.rules.config import bundled_rulebooks
from akte.rules.rulebook import Rulebook

DUBLIN_III, AMMR = "dublin-iii", "ammr"
AMMR_FROM = dt.date(2026, 7, 1)
_NOT_UNDER = {
    DUBLIN_III: ("take_back_notification_sent", "take_back_notification_received"),
    AMMR: ("take_back_request_sent", "take_back_request_received"),
}


def deciding_event(procedure: Procedure):
    """The event whose date decides the regulation: registration, else lodging, else the first."""
    return (
        procedure.first("application_registered")
        or procedure.first("application_lodged")
        or procedure.events[0]
    )


def regulation_of(procedure: Procedure) -> str:
    """`dublin-iii` or `ammr`; raises `DublinInputError` for an event the regulation lacks
    (a take-back request under the AMMR, a take-back notification under Dublin III)."""
    regulation = AMMR if deciding_event(procedure).date >= AMMR_FROM else DUBLIN_III
    for event in procedure.events:
        if event.type in _NOT_UNDER[regulation]:
            raise DublinInputError("dublin.input.not_under_regulation", event.index, "type")
    return regulation


@cache
def rulebook(regulation: str) -> Rulebook:
    return Rulebook.load(bundled_rulebooks() / regulation)
