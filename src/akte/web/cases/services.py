"""Changes to persons and procedures, each in one transaction. The views that call them
declare the access log entries (`akte.web.audit.log.logs_access`)."""

from __future__ import annotations

from django.db import transaction

from .models import NameSpelling, Person, Procedure, Status, StatusEvent
from .signals import status_changed


def record_status(procedure: Procedure, status: str, actor, note: str = "") -> StatusEvent:
    """Add a status event and tell the apps above (`signals.status_changed`); call inside
    the transaction that changes the procedure."""
    event = StatusEvent.objects.create(procedure=procedure, status=status, actor=actor, note=note)
    status_changed.send(sender=Procedure, procedure=procedure, event=event)
    return event


@transaction.atomic
def register(request, person_data: dict, spellings: list[dict], procedure_data: dict) -> Procedure:
    """Register a person with their name spellings and a first procedure."""
    person = Person.objects.create(**person_data)
    rows = [s for s in spellings if s.get("given_names") or s.get("family_name")]
    NameSpelling.objects.bulk_create(
        NameSpelling(person=person, is_primary=(i == 0), **row) for i, row in enumerate(rows)
    )
    procedure = Procedure.objects.create(person=person, status=Status.REGISTERED, **procedure_data)
    record_status(procedure, Status.REGISTERED, request.user)
    return procedure


@transaction.atomic
def change_status(request, procedure: Procedure, status: str, note: str = "") -> StatusEvent:
    procedure.status = status
    procedure.save(update_fields=["status", "updated_at"])
    event = record_status(procedure, status, request.user, note)
    return event


@transaction.atomic
def add_spelling(request, person: Person, data: dict) -> NameSpelling:
    spelling = NameSpelling.objects.create(person=person, is_primary=False, **data)
    person.save(update_fields=["updated_at"])  # so the person index picks it up
    return spelling
