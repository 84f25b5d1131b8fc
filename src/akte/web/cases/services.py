"""Changes to persons and procedures, each in one transaction, each recorded in the access log."""

from __future__ import annotations

from django.db import transaction

from akte.web.audit.log import record_access
from akte.web.audit.models import Action
from akte.web.statuslog.link import append_status

from .models import NameSpelling, Person, Procedure, Status, StatusEvent


@transaction.atomic
def register(request, person_data: dict, spellings: list[dict], procedure_data: dict) -> Procedure:
    """Register a person with their name spellings and a first procedure."""
    person = Person.objects.create(**person_data)
    rows = [s for s in spellings if s.get("given_names") or s.get("family_name")]
    NameSpelling.objects.bulk_create(
        NameSpelling(person=person, is_primary=(i == 0), **row) for i, row in enumerate(rows)
    )
    procedure = Procedure.objects.create(person=person, status=Status.REGISTERED, **procedure_data)
    event = StatusEvent.objects.create(
        procedure=procedure, status=Status.REGISTERED, actor=request.user, agency="BAMF"
    )
    transaction.on_commit(lambda: append_status(procedure, event))
    record_access(
        request,
        action=Action.CREATE,
        record=f"procedure:{procedure.pk}",
        person_id=person.pk,
        procedure_id=procedure.pk,
    )
    return procedure


@transaction.atomic
def change_status(request, procedure: Procedure, status: str, note: str = "") -> StatusEvent:
    procedure.status = status
    procedure.save(update_fields=["status", "updated_at"])
    event = StatusEvent.objects.create(
        procedure=procedure, status=status, actor=request.user, note=note
    )
    transaction.on_commit(lambda: append_status(procedure, event))
    record_access(
        request,
        action=Action.UPDATE,
        record=f"procedure:{procedure.pk}",
        person_id=procedure.person_id,
        procedure_id=procedure.pk,
    )
    return event


@transaction.atomic
def add_spelling(request, person: Person, data: dict) -> NameSpelling:
    spelling = NameSpelling.objects.create(person=person, is_primary=False, **data)
    person.save(update_fields=["updated_at"])  # so the person index picks it up
    record_access(
        request,
        action=Action.UPDATE,
        record=f"person:{person.pk}",
        person_id=person.pk,
    )
    return spelling
