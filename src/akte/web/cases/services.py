"""Changes to persons and procedures, each in one transaction. The views that call them
declare the access log entries (`akte.web.audit.log.logs_access`)."""

from __future__ import annotations

from django.db import transaction

from . import transitions
from .models import NameSpelling, Person, Procedure, StatusEvent
from .transitions import record_status


@transaction.atomic
def register(request, person_data: dict, spellings: list[dict], procedure_data: dict) -> Procedure:
    """Register a person with their name spellings and a first procedure."""
    person = Person.objects.create(**person_data)
    rows = [s for s in spellings if s.get("given_names") or s.get("family_name")]
    NameSpelling.objects.bulk_create(
        NameSpelling(person=person, is_primary=(i == 0), **row) for i, row in enumerate(rows)
    )
    initial = transitions.lifecycle().initial
    procedure = Procedure.objects.create(person=person, status=initial, **procedure_data)
    record_status(procedure, initial, request.user)
    return procedure


def change_status(request, procedure: Procedure, status: str, note: str = "") -> StatusEvent:
    """The user moves the procedure (`transitions.move`: refused with `TransitionRefused`
    unless the lifecycle allows it for their role)."""
    return transitions.move(procedure, status, request.user, note)


@transaction.atomic
def add_spelling(request, person: Person, data: dict) -> NameSpelling:
    spelling = NameSpelling.objects.create(person=person, is_primary=False, **data)
    person.save(update_fields=["updated_at"])  # so the person index picks it up
    return spelling
