"""Demo Dublin procedures: every deadline state (open, met, missed, not applicable) under both
regulations (Dublin III: registered before 1 July 2026; AMMR: from then), entered by the demo
Dublin officer `dublin`. Synthetic data only; the same every load but for the dates that move
with the day the demo is loaded (see SCENARIOS)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from akte.web.accounts.models import User
from akte.web.cases.models import Procedure, Status, StatusEvent
from akte.web.dublin import services
from akte.web.dublin.models import DublinCase, DublinEvent
from akte.web.dublin.services import store_deadlines

# (role, member state, events: (type, date, fields)). A date is fixed ("2026-05-04": Dublin III
# needs a lodging before 1 July 2026) or a number of days relative to the day the demo is loaded
# (-30: thirty days before), so every state stays present however long ago the code was written:
# the AMMR's cases move with the load day, Dublin III's keep their fixed past (met, missed, not
# applicable for good) and one suspensive appeal decided 20 days before the load day keeps a
# Dublin III transfer open (Art. 29(1)).
SCENARIOS = [
    # Dublin III: accepted; a suspensive appeal decided lately, the transfer period runs from it
    (
        "requesting",
        "IT",
        [
            ("application_lodged", "2026-05-04", {}),
            ("eurodac_hit", "2026-05-20", {}),
            ("take_charge_request_sent", "2026-06-15", {"eurodac": True}),
            ("reply", "2026-07-01", {"answer": "accepted"}),
            ("appeal_final_decision", -20, {"suspensive": True}),
        ],
    ),
    # Dublin III: no reply, deemed accepted; transfer from the end of the reply period
    (
        "requesting",
        "FR",
        [("application_lodged", "2026-04-01", {}), ("take_charge_request_sent", "2026-04-20", {})],
    ),
    # Dublin III: refused for good, no transfer
    (
        "requesting",
        "ES",
        [
            ("application_lodged", "2026-03-02", {}),
            ("take_charge_request_sent", "2026-04-01", {}),
            ("reply", "2026-05-10", {"answer": "refused"}),
        ],
    ),
    # Dublin III: Mengesteab, the request came too late despite a later Eurodac hit
    (
        "requesting",
        "AT",
        [
            ("application_lodged", "2026-02-02", {}),
            ("eurodac_hit", "2026-04-20", {}),
            ("take_charge_request_sent", "2026-05-10", {"eurodac": True}),
        ],
    ),
    # Dublin III: Germany requested to take back, replied in time
    (
        "requested",
        "NL",
        [
            ("take_back_request_received", "2026-06-10", {"eurodac": True}),
            ("reply", "2026-06-20", {"answer": "accepted"}),
        ],
    ),
    # Dublin III: detained, transfer carried out
    (
        "requesting",
        "PL",
        [
            ("application_lodged", "2026-06-01", {}),
            ("detained", "2026-06-02", {}),
            ("take_back_request_sent", "2026-06-12", {"eurodac": True}),
            ("reply", "2026-06-19", {"answer": "accepted"}),
            ("transfer_carried_out", "2026-07-20", {}),
        ],
    ),
    # AMMR: take-charge request still to send
    ("requesting", "", [("application_registered", -30, {})]),
    # AMMR: take-back notification, tacit confirmation, transfer decision met
    (
        "requesting",
        "GR",
        [
            ("application_registered", -120, {}),
            ("eurodac_hit", -120, {}),
            ("take_back_notification_sent", -113, {"eurodac": True}),
            ("transfer_decision_notified", -91, {}),
        ],
    ),
    # AMMR: refusal, re-examination, acceptance; the transfer decision was missed
    (
        "requesting",
        "BE",
        [
            ("application_registered", -148, {}),
            ("take_charge_request_sent", -120, {}),
            ("reply", -103, {"answer": "refused"}),
            ("reexamination_requested", -98, {}),
            ("reply", -81, {"answer": "accepted"}),
        ],
    ),
    # AMMR: absconded, the transfer period extended
    (
        "requesting",
        "SE",
        [
            ("application_registered", -141, {}),
            ("vis_hit", -140, {}),
            ("take_charge_request_sent", -124, {"vis": True}),
            ("reply", -118, {"answer": "accepted"}),
            ("transfer_decision_notified", -111, {}),
            ("absconded", -77, {}),
        ],
    ),
    # AMMR: Germany requested to take charge, reply still open
    (
        "requested",
        "HR",
        [
            ("application_registered", -20, {}),
            ("take_charge_request_received", -12, {}),
        ],
    ),
    # AMMR: refused, nothing follows
    (
        "requesting",
        "BG",
        [
            ("application_registered", -134, {}),
            ("take_charge_request_sent", -106, {}),
            ("reply", -91, {"answer": "refused"}),
        ],
    ),
]


def day_of(date: str | int, today: dt.date) -> dt.date:
    """A scenario's date: fixed, or days relative to the load day."""
    if isinstance(date, int):
        return today + dt.timedelta(days=date)
    return dt.date.fromisoformat(date)


def scenario_events(state: str, events, today: dt.date) -> list[dict]:
    """A scenario's events as DublinEvent fields, dated for a demo loaded on `today`."""
    return [
        {
            "type": kind,
            "date": day_of(day, today),
            "member_state": state if ("request" in kind or "notification" in kind) else "",
            **fields,
        }
        for kind, day, fields in events
    ]


def create_demo_dublin(officer: User, today: dt.date | None = None) -> None:
    """The scenarios on the first open procedures, entered by the demo Dublin officer, dated
    relative to `today` (default: the day the demo is loaded)."""
    today = today or services.today()
    officer.email = "dublin@example.invalid"
    officer.save(update_fields=["email"])
    procedures = Procedure.objects.exclude(status=Status.CLOSED).order_by("pk")[: len(SCENARIOS)]
    for procedure, (role, state, events) in zip(procedures, SCENARIOS, strict=False):
        procedure.status = Status.DUBLIN
        procedure.save(update_fields=["status", "updated_at"])
        rows = scenario_events(state, events, today)
        first = min(row["date"] for row in rows)
        at = timezone.make_aware(dt.datetime.combine(first, dt.time(10)))
        StatusEvent.objects.create(procedure=procedure, status=Status.DUBLIN, at=at, actor=officer)
        case = DublinCase.objects.create(procedure=procedure, role=role, member_state=state)
        DublinEvent.objects.bulk_create(
            DublinEvent(case=case, entered_by=officer, **row) for row in rows
        )
        store_deadlines(case)
