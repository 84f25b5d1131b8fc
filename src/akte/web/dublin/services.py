"""Changes to a procedure's Dublin events, each in one transaction with its stored deadlines.

`add_event` starts the Dublin check where there is none (status `dublin` in the status log,
through the lifecycle's event `dublin_case_opened`, so only from a status that allows it),
stores the event, asks the engine for every deadline
and stores them, all in one transaction: an event the engine refuses (a reply before any
request) leaves nothing behind. The views declare the access log entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from akte.dublin.config import DublinConfig, config
from akte.dublin.deadlines import deadlines
from akte.web.cases.models import Procedure, Status
from akte.web.cases.transitions import on_event

from .models import DublinCase, DublinDeadline, DublinEvent

# the Land of each office branch (its public holidays count for AMMR periods, 1182/71)
OFFICE_LAND = {"BER": "BE", "MUC": "BY", "NUE": "BY", "BIE": "NW", "DOR": "NW"}


def settings_for(procedure: Procedure) -> DublinConfig:
    base = config()
    return replace(base, land=OFFICE_LAND.get(procedure.office, base.land))


def today() -> dt.date:
    return timezone.localdate()


def contract(case: DublinCase, extra: list[dict] = ()) -> dict:
    events = [e.contract() for e in case.events.all()] + list(extra)
    return {"role": case.role, "events": events}


def answer(case: DublinCase, extra: list[dict] = (), as_of: dt.date | None = None) -> dict:
    """The engine's answer for the case's events (and `extra` ones, for a what-if)."""
    procedure = case.procedure
    return deadlines(contract(case, extra), as_of or today(), settings=settings_for(procedure))


def store_deadlines(case: DublinCase) -> list[DublinDeadline]:
    """Replace the case's stored deadlines with the engine's answer (raises DublinInputError)."""
    result = answer(case)
    procedure = case.procedure
    states = [e.member_state for e in case.events.all() if e.member_state]
    case.regulation = result["regulation"]
    case.member_state = states[-1] if states else case.member_state
    case.save(update_fields=["regulation", "member_state", "updated_at"])
    case.deadlines.all().delete()
    rows = [
        DublinDeadline(
            case=case,
            kind=item["id"],
            regulation=item["regulation"],
            due=_date(item["due"]),
            done_on=_date(item.get("done_on")),
            applicable=item["state"] != "not_applicable",
            latest=_date(item.get("latest")),
            article=(item["article"] or "")[:300],
            consequence=item["consequence"],
            explanation=item.get("explanation") or {},
            office=procedure.office,
            member_state=case.member_state,
            file_number=procedure.file_number,
            procedure=procedure,
        )
        for item in result["deadlines"]
    ]
    return DublinDeadline.objects.bulk_create(rows)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@transaction.atomic
def add_event(request, procedure: Procedure, role: str | None, data: dict) -> DublinEvent:
    """Store one event and the deadlines after it; raises DublinInputError (nothing stored)."""
    case = DublinCase.objects.filter(procedure=procedure).first()
    if case is None:
        case = DublinCase.objects.create(procedure=procedure, role=role or "requesting")
        # the Dublin check starts, where the lifecycle allows it from the procedure's status
        # (from "lodged"); elsewhere the status stays and the log gets no entry
        on_event(procedure, "dublin_case_opened", Status.DUBLIN, request.user)
    event = DublinEvent.objects.create(case=case, entered_by=request.user, **data)
    store_deadlines(case)
    return event


@transaction.atomic
def remove_event(request, case: DublinCase, event: DublinEvent) -> None:
    """Take back a wrongly entered event; the deadlines are computed again without it."""
    event.delete()
    if case.events.exists():
        store_deadlines(case)
    else:
        case.deadlines.all().delete()
