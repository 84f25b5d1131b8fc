"""Who may see which procedure. Every view, API operation, export, search, worklist and the
status-log views go through these functions (`tests/web/test_need_to_know.py` walks them all).

- Office roles with personal-data access see, need-to-know, the procedures of their own
  office, those assigned to them and those routed to a team they are a member of
  (`visible_procedures`). Any other procedure they may open only by breaking the glass: with
  a reason, for a limited time, logged and reviewed by the data protection officer
  (`procedure_for` raises `BreakGlassRequired`; `akte.web.audit.break_glass`).
- Counsel see only the procedures of their own clients, with the person's data; no glass.
- Partner agencies, the data protection officer and administrators see the status only
  (file number, status and its history), of every procedure.
A procedure a user may not see does not exist for them: 404, never 403, so nothing leaks;
only a role that may break the glass learns that there is something behind it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from akte.web.accounts.models import Team
from akte.web.accounts.roles import Capability, Role
from akte.web.audit.break_glass import active_grants
from akte.web.audit.directory import persons

from .models import Person, Procedure


class BreakGlassRequired(Exception):
    """The procedure exists but is outside the user's own: they may open it with a reason
    (the middleware answers with the break-glass page, `cases.break_glass_views`)."""

    def __init__(self, procedure_id: int):
        super().__init__(f"procedure {procedure_id} is outside the user's procedures")
        self.procedure_id = procedure_id


def sees_personal_data(user) -> bool:
    """True when the user may see names, birth dates, documents and hearings of the
    procedures in `visible_procedures(user)`."""
    return user.is_authenticated and user.can(Capability.VIEW_PERSONAL_DATA)


def may_break_glass(user) -> bool:
    """Office staff who see personal data; counsel never (they have no office task)."""
    return sees_personal_data(user) and user.role != Role.COUNSEL


def own_scope(user, through: str = "") -> Q:
    """The procedures that are an office user's own: their office's, assigned to them,
    routed to one of their teams (`through`: the path to the procedure, e.g. "procedure__")."""
    teams = Team.objects.filter(members=user).values("pk")
    scope = Q(**{f"{through}assigned_to": user}) | Q(**{f"{through}team__in": teams})
    if user.office:
        scope |= Q(**{f"{through}office": user.office})
    return scope


def visible_procedures(user) -> QuerySet[Procedure]:
    """The one queryset of what `user` sees in lists, searches, worklists, exports and the
    API. Break-glass grants are not in it: they open single procedures, never lists."""
    if not user.is_authenticated or not user.can(Capability.VIEW_STATUS):
        return Procedure.objects.none()
    if user.role == Role.COUNSEL:
        return Procedure.objects.filter(counsel=user)
    if not sees_personal_data(user):
        return Procedure.objects.all()  # status only
    return Procedure.objects.filter(own_scope(user))


def of_visible_procedures(queryset: QuerySet, user, procedure: str = "procedure") -> QuerySet:
    """Rows of `queryset` that belong to a procedure in `visible_procedures(user)` (through
    the field `procedure`): the same rule, as a filter on the rows' own join, not as a
    subquery over every procedure (which SQLite would read in full)."""
    if not user.is_authenticated or not user.can(Capability.VIEW_STATUS):
        return queryset.none()
    if user.role == Role.COUNSEL:
        return queryset.filter(**{f"{procedure}__counsel": user})
    if not sees_personal_data(user):
        return queryset  # status only, of every procedure
    return queryset.filter(own_scope(user, f"{procedure}__"))


def count_visible(queryset: QuerySet[Procedure], user) -> int:
    """`visible_procedures(user)` & `queryset` counted (`queryset` of procedures, unscoped).

    The scope's OR (office, assignee, team) makes SQLite read every procedure for a count
    (26 ms at 100,000); counted as two disjoint parts, each is an index range: the office's
    procedures (its index covers them) and the few beyond the office, found through the
    assignee's and the teams' indexes (on PostgreSQL too: 1.4 ms instead of 15-25 ms)."""
    if not (may_break_glass(user) and user.can(Capability.VIEW_STATUS)) or not user.office:
        return (visible_procedures(user) & queryset).count()
    teams = Team.objects.filter(members=user).values("pk")
    # one subquery of the two index ranges (an OR of two would make PostgreSQL read every
    # procedure: it cannot turn OR-ed subqueries into a join)
    assigned = Procedure.objects.filter(assigned_to=user).order_by().values("pk")
    beyond = Q(
        pk__in=assigned.union(Procedure.objects.filter(team__in=teams).order_by().values("pk"))
    )
    own = queryset.filter(office=user.office).count()
    return own + queryset.exclude(office=user.office).filter(beyond).count()


def _granted(user) -> QuerySet:
    return active_grants(user).values("procedure_id")


def readable_procedures(user) -> QuerySet[Procedure]:
    """`visible_procedures` and those the user opened by breaking the glass (still running)."""
    if not (may_break_glass(user) and user.can(Capability.VIEW_STATUS)):
        return visible_procedures(user)
    # the scope as a condition on the rows, not `pk IN (every visible pk)`: that subquery is
    # built by reading all the office's procedures (45 ms at 100,000) before the person's
    # two or three are looked up by their index
    return Procedure.objects.filter(own_scope(user) | Q(pk__in=_granted(user)))


def procedures_of_person(user, person_id: int) -> QuerySet[Procedure]:
    """The procedures of one person that `user` may read: counsel only those they are counsel
    on, never a client's other procedures (not even their file numbers); office staff their
    own and those opened by breaking the glass."""
    return readable_procedures(user).filter(person_id=person_id)


def procedure_for(user, pk, *, glass: bool = True) -> Procedure:
    """The procedure, if the user may read it. Outside their own, a role that may break the
    glass gets `BreakGlassRequired` (with `glass=False`, e.g. the API: 404); others 404."""
    try:
        return visible_procedures(user).select_related("person").get(pk=pk)
    except (Procedure.DoesNotExist, ValueError, TypeError) as exc:
        if not may_break_glass(user) or not _exists(pk):
            raise Http404("no such procedure") from exc
        if active_grants(user).filter(procedure_id=int(pk)).exists():
            return Procedure.objects.select_related("person").get(pk=int(pk))
        if glass:
            raise BreakGlassRequired(int(pk)) from exc
        raise Http404("no such procedure") from exc


def _exists(pk) -> bool:
    try:
        return Procedure.objects.filter(pk=int(pk)).exists()
    except (ValueError, TypeError):
        return False


procedure_or_404 = procedure_for  # the name the views have used


def person_or_404(user, pk: int) -> Person:
    """The person, if the user may read a procedure of theirs; outside that, a role that may
    break the glass is sent to the break-glass page of the person's latest procedure."""
    if not sees_personal_data(user):
        raise Http404("no such person")
    try:
        person = Person.objects.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such person") from exc
    same = persons().same_person(person.pk)  # a merged record: its survivor's procedures
    if readable_procedures(user).filter(person_id__in=same).exists():
        return person
    latest = Procedure.objects.filter(person_id__in=same).order_by("-created_at", "-pk").first()
    if latest is not None and may_break_glass(user):
        raise BreakGlassRequired(latest.pk)
    raise Http404("no such person")


def visible_persons(user) -> QuerySet[Person]:
    """Persons of whom the user sees a procedure (search results, duplicates, merges)."""
    if not sees_personal_data(user):
        return Person.objects.none()
    return Person.objects.filter(pk__in=visible_procedures(user).values("person_id"))
