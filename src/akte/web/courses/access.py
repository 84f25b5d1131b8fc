"""Who sees which course. The office (`MANAGE_COURSES`) sees every course; a provider
(`RUN_COURSES`) only the courses of the provider named by its `organisation`; everyone else
none. A course a user may not see answers 404, never 403."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from akte.web.accounts.roles import Capability

from .models import Course, Participant


def is_office(user) -> bool:
    return user.is_authenticated and user.can(Capability.MANAGE_COURSES)


def is_provider(user) -> bool:
    return user.is_authenticated and user.can(Capability.RUN_COURSES)


def may_use(user) -> bool:
    return is_office(user) or is_provider(user)


def visible_courses(user) -> QuerySet[Course]:
    if is_office(user):
        return Course.objects.all()
    if is_provider(user) and user.organisation:
        return Course.objects.filter(provider__code=user.organisation)
    return Course.objects.none()


def course_or_404(user, pk: int) -> Course:
    try:
        return visible_courses(user).select_related("provider").get(pk=pk)
    except (Course.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such course") from exc


def participant_or_404(user, pk: int) -> Participant:
    try:
        return Participant.objects.select_related("course", "person").get(
            pk=pk, course__in=visible_courses(user)
        )
    except (Participant.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("no such participant") from exc


def require(allowed: bool) -> None:
    if not allowed:
        raise Http404("not here")
