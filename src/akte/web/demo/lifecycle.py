"""Demo decisions, appeals, planned hearings and one exceptional request, so that every
worklist has something on it. Synthetic throughout; the Bescheide are short demo texts.

The office's history is fixed by the seed (`load.BASE_DATE`); what the worklists show
"today" (appeal periods running, hearings planned for the coming days) is placed relative to
the day the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.core.files.base import ContentFile
from django.db.models import Count
from django.utils import timezone

from akte.web.cases.decisions import version_for
from akte.web.cases.models import (
    Appeal,
    ApplicationKind,
    Decision,
    Document,
    DocumentKind,
    Procedure,
    Status,
    StatusEvent,
    TransitionRequest,
)
from akte.web.hearings.models import Hearing, HearingState

OUTCOMES = [  # (choice, weight): roughly the mix of a year's decisions
    ("refugee", 30),
    ("subsidiary", 14),
    ("deportation_ban_5", 3),
    ("deportation_ban_7", 3),
    ("unfounded", 22),
    ("manifestly_unfounded", 6),
    ("inadmissible:dublin", 14),
    ("discontinued_withdrawn", 4),
    ("discontinued_not_pursued", 4),
]
ROOMS = ["A 1.04", "A 1.07", "B 2.14", "B 2.15", "Video 1"]
RUNNING_DEADLINES = 8  # decisions notified in the last days: their appeal period runs


def create_demo_lifecycle(rng: random.Random, users: dict) -> None:
    _follow_up_applications()
    decisions = _decisions(rng, users)
    _appeals(rng, users, decisions)
    _planned_hearings(rng)
    _exceptional_request(users)


def _follow_up_applications() -> None:
    """A person's second procedure is a follow-up application (§ 71 AsylG)."""
    people = Procedure.objects.values("person").annotate(n=Count("pk")).filter(n__gt=1)
    for row in people:
        later = Procedure.objects.filter(person=row["person"]).order_by("pk")[1:]
        Procedure.objects.filter(pk__in=[p.pk for p in later]).update(
            application_kind=ApplicationKind.FOLLOW_UP
        )


def _bescheid(procedure: Procedure, decider) -> Document:
    text = (
        f"DEMO-BESCHEID - synthetisch\nAktenzeichen {procedure.file_number}\n"
        "Dieses Dokument enthält keine echten Daten.\n"
    ).encode()
    return Document.objects.create(
        procedure=procedure,
        title="Bescheid (Demo)",
        kind=DocumentKind.DECISION,
        file=ContentFile(text, name=f"bescheid-{procedure.pk}.txt"),
        content_type="text/plain",
        size=len(text),
        sha256=hashlib.sha256(text).hexdigest(),
        uploaded_by=decider,
    )


def _decisions(rng: random.Random, users: dict) -> list[Decision]:
    today = timezone.localdate()
    decided = list(
        Procedure.objects.filter(
            status__in=[Status.DECIDED, Status.APPEAL, Status.CLOSED]
        ).order_by("pk")
    )
    choices, weights = zip(*OUTCOMES, strict=True)
    made = []
    running = 0
    for procedure in decided:
        event = procedure.events.filter(status=Status.DECIDED).order_by("at").first()
        decided_on = event.at.date() if event else today - dt.timedelta(days=60)
        if procedure.status == Status.DECIDED and running < RUNNING_DEADLINES:
            decided_on = today - dt.timedelta(days=2 + running)  # notified, period running
            running += 1
        choice = rng.choices(choices, weights)[0]
        code, ground, version = version_for(choice, procedure.lodged_on)
        decision = Decision(
            procedure=procedure,
            outcome=code,
            ground=ground,
            basis=version.basis,
            decided_on=decided_on,
            appeal_days=version.appeal_days,
            notified_on=decided_on + dt.timedelta(days=1),
            notified="applicant",
            document=_bescheid(procedure, users["decider"]),
            decided_by=users["decider"],
        )
        decision.save()
        made.append(decision)
    return made


def _appeals(rng: random.Random, users: dict, decisions: list[Decision]) -> None:
    """Procedures in appeal have an action (and sometimes an urgent application); closed
    ones whose history went through an appeal had it dismissed and became final first."""
    for n, decision in enumerate(decisions):
        procedure = decision.procedure
        appeal_event = procedure.events.filter(status=Status.APPEAL).order_by("at").first()
        if appeal_event is None:
            continue
        lodged_on = max(appeal_event.at.date(), decision.decided_on)
        court = rng.choice(["VG Berlin (Demo)", "VG München (Demo)", "VG Köln (Demo)"])
        appeal = Appeal.objects.create(
            procedure=procedure,
            decision=decision,
            court=court,
            court_file_number=f"{n % 40 + 1} K {1000 + n}/26.A",
            kind="main",
            lodged_on=lodged_on,
            recorded_by=users["clerk"],
        )
        if decision.outcome == "manifestly_unfounded":
            Appeal.objects.create(
                procedure=procedure,
                decision=decision,
                court=court,
                court_file_number=f"{n % 40 + 1} L {1000 + n}/26.A",
                kind="urgent",
                lodged_on=lodged_on,
                recorded_by=users["clerk"],
            )
        if procedure.status == Status.CLOSED:
            closed = procedure.events.filter(status=Status.CLOSED).order_by("at").last()
            appeal.outcome, appeal.outcome_on = "dismissed", closed.at.date()
            appeal.save(update_fields=["outcome", "outcome_on"])
            StatusEvent.objects.create(  # the lifecycle: appeal -> final -> closed
                procedure=procedure,
                status=Status.FINAL,
                at=closed.at - dt.timedelta(hours=1),
                agency="VG (demo court)",
                note=f"{appeal.court_file_number}: dismissed",
            )


def _planned_hearings(rng: random.Random) -> None:
    """Hearings planned for today and the coming days, with room and time."""
    today = timezone.localdate()
    planned = Hearing.objects.filter(
        state=HearingState.PLANNED, procedure__status=Status.HEARING_SCHEDULED
    ).order_by("pk")[:12]
    for n, hearing in enumerate(planned):
        hearing.date = today + dt.timedelta(days=n // 3)
        hearing.time = dt.time(8 + 2 * (n % 3), 30)
        hearing.room = rng.choice(ROOMS)
        hearing.save(update_fields=["date", "time", "room"])


def _exceptional_request(users: dict) -> None:
    """One closed procedure to reopen, waiting for a second user's approval."""
    closed = Procedure.objects.filter(status=Status.CLOSED).order_by("pk").first()
    if closed is not None:
        TransitionRequest.objects.create(
            procedure=closed,
            source=Status.CLOSED,
            target=Status.LODGED,
            reason="Folgeantrag mit neuen Beweismitteln (Demo)",
            requested_by=users["clerk"],
        )
