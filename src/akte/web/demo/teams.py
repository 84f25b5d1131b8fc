"""The demo's teams and assignments, so that the demo shows need-to-know: the Berlin users
see Berlin's procedures, those assigned to them and those routed to their team; the Munich
users (`clerk_muc`, `decider_muc`) Munich's. Work the demo's Berlin users did on other
offices' procedures (hearings, decisions, Dublin events) is an assignment or a routing, as it
would be in the office."""

from __future__ import annotations

from django.db.models import Q

from akte.web.accounts.models import Team, User
from akte.web.cases.models import Procedure
from akte.web.dublin.models import DublinCase


def create_demo_teams(users: dict[str, User]) -> None:
    dublin, _ = Team.objects.get_or_create(name="Dublin-Referat (Dublin unit)")
    dublin.members.add(users["dublin"])
    litigation, _ = Team.objects.get_or_create(
        name="Prozessführung (litigation team)", defaults={"office": "BER"}
    )
    litigation.members.add(users["clerk"], users["decider"])
    outside = ~Q(office="BER")
    Procedure.objects.filter(pk__in=DublinCase.objects.values("procedure_id")).update(team=dublin)
    Procedure.objects.filter(outside, status="appeal", team__isnull=True).update(team=litigation)
    Procedure.objects.filter(outside, hearings__interviewer=users["interviewer"]).update(
        assigned_to=users["interviewer"]
    )
    Procedure.objects.filter(outside, decisions__decided_by=users["decider"]).exclude(
        assigned_to__isnull=False
    ).update(assigned_to=users["decider"])
    Procedure.objects.filter(outside, transition_requests__isnull=False).update(team=litigation)
