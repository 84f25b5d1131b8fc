"""Who may see which procedure. Every view and API endpoint goes through these functions.

- Office roles with personal-data access see every procedure with the person's data.
- Counsel see only the procedures of their own clients, with the person's data.
- Partner agencies, the data protection officer and administrators see the status only.
A procedure a user may not see does not exist for them: 404, never 403, so nothing leaks.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from akte.web.accounts.roles import Capability, Role

from .models import Person, Procedure


def visible_procedures(user) -> QuerySet[Procedure]:
    if not user.is_authenticated or not user.can(Capability.VIEW_STATUS):
        return Procedure.objects.none()
    if user.role == Role.COUNSEL:
        return Procedure.objects.filter(counsel=user)
    return Procedure.objects.all()


def of_visible_procedures(queryset: QuerySet, user, procedure: str = "procedure") -> QuerySet:
    """Rows of `queryset` that belong to a procedure `user` may see (through the field
    `procedure`): the same rule as `visible_procedures`, without a subquery over every
    procedure for the roles that see them all (which SQLite would read in full)."""
    if not user.is_authenticated or not user.can(Capability.VIEW_STATUS):
        return queryset.none()
    if user.role == Role.COUNSEL:
        return queryset.filter(**{f"{procedure}__counsel": user})
    return queryset


def procedures_of_person(user, person_id: int) -> QuerySet[Procedure]:
    """The procedures of one person that `user` may see: counsel only those they are counsel
    on, never a client's other procedures (not even their file numbers)."""
    return visible_procedures(user).filter(person_id=person_id)


def sees_personal_data(user) -> bool:
    """True when the user may see names, birth dates, documents and hearings of the
    procedures in `visible_procedures(user)`."""
    return user.is_authenticated and user.can(Capability.VIEW_PERSONAL_DATA)


def procedure_or_404(user, pk: int) -> Procedure:
    try:
        return visible_procedures(user).select_related("person").get(pk=pk)
    except (Procedure.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such procedure") from exc


def person_or_404(user, pk: int) -> Person:
    """The person, if the user may see their data: office roles any, counsel only a client
    of theirs (a person of whom they see a procedure)."""
    if not sees_personal_data(user):
        raise Http404("no such person")
    try:
        person = Person.objects.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such person") from exc
    if user.role == Role.COUNSEL and not procedures_of_person(user, person.pk).exists():
        raise Http404("no such person")
    return person
