"""Demo Dublin procedures: every deadline state (open, met, missed, not applicable) under both
regulations (Dublin III: registered before 1 July 2026; AMMR: from then), entered by the demo
Dublin officer `dublin`. Synthetic data only; the same every load."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from akte.web.accounts.models import User
from akte.web.cases.models import Procedure, Status, StatusEvent
from akte.web.dublin.models import DublinCase, DublinEvent
from akte.web.dublin.services import store_deadlines

D = dt.date.fromisoformat
# (role, member state, events: (type, date, fields))
SCENARIOS = [
    # Dublin III: accepted, transfer open
    (
        "requesting",
        "IT",
        [
            ("application_lodged", "2026-05-04", {}),
            ("eurodac_hit", "2026-05-20", {}),
            ("take_charge_request_sent", "2026-06-15", {"eurodac": True}),
            ("reply", "2026-07-01", {"answer": "accepted"}),
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
    ("requesting", "", [("application_registered", "2026-09-28", {})]),
    # AMMR: take-back notification, tacit confirmation, transfer decision met
    (
        "requesting",
        "GR",
        [
            ("application_registered", "2026-08-03", {}),
            ("eurodac_hit", "2026-08-03", {}),
            ("take_back_notification_sent", "2026-08-10", {"eurodac": True}),
            ("transfer_decision_notified", "2026-09-01", {}),
        ],
    ),
    # AMMR: refusal, re-examination, acceptance; the transfer decision was missed
    (
        "requesting",
        "BE",
        [
            ("application_registered", "2026-07-06", {}),
            ("take_charge_request_sent", "2026-08-03", {}),
            ("reply", "2026-08-20", {"answer": "refused"}),
            ("reexamination_requested", "2026-08-25", {}),
            ("reply", "2026-09-10", {"answer": "accepted"}),
        ],
    ),
    # AMMR: absconded, the transfer period extended
    (
        "requesting",
        "SE",
        [
            ("application_registered", "2026-07-13", {}),
            ("vis_hit", "2026-07-14", {}),
            ("take_charge_request_sent", "2026-07-30", {"vis": True}),
            ("reply", "2026-08-05", {"answer": "accepted"}),
            ("transfer_decision_notified", "2026-08-12", {}),
            ("absconded", "2026-09-15", {}),
        ],
    ),
    # AMMR: Germany requested to take charge, reply still open
    (
        "requested",
        "HR",
        [
            ("application_registered", "2026-09-20", {}),
            ("take_charge_request_received", "2026-09-28", {}),
        ],
    ),
    # AMMR: refused, nothing follows
    (
        "requesting",
        "BG",
        [
            ("application_registered", "2026-07-20", {}),
            ("take_charge_request_sent", "2026-08-17", {}),
            ("reply", "2026-09-01", {"answer": "refused"}),
        ],
    ),
]


def create_demo_dublin(officer: User) -> None:
    """The scenarios on the first open procedures, entered by the demo Dublin officer."""
    officer.email = "dublin@example.invalid"
    officer.save(update_fields=["email"])
    procedures = Procedure.objects.exclude(status=Status.CLOSED).order_by("pk")[: len(SCENARIOS)]
    for procedure, (role, state, events) in zip(procedures, SCENARIOS, strict=False):
        procedure.status = Status.DUBLIN
        procedure.save(update_fields=["status", "updated_at"])
        first = D(events[0][1])
        at = timezone.make_aware(dt.datetime.combine(first, dt.time(10)))
        StatusEvent.objects.create(procedure=procedure, status=Status.DUBLIN, at=at, actor=officer)
        case = DublinCase.objects.create(procedure=procedure, role=role, member_state=state)
        DublinEvent.objects.bulk_create(
            DublinEvent(
                case=case,
                type=kind,
                date=D(day),
                entered_by=officer,
                member_state=state if ("request" in kind or "notification" in kind) else "",
                **fields,
            )
            for kind, day, fields in events
        )
        store_deadlines(case)
