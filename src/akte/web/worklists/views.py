"""Worklists per role: what each user has to do next. `/worklist/` sends each role to its
own; the procedure list stays at `/`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from akte.web.accounts.roles import Capability, Role
from akte.web.audit.log import logs_access, shows_no_personal_data
from akte.web.cases.access import of_visible_procedures, sees_personal_data, visible_procedures
from akte.web.cases.models import Decision, Status, TransitionRequest
from akte.web.cases.offices import Office
from akte.web.cases.transitions import may_approve
from akte.web.hearings.models import Hearing, HearingState
from akte.web.intake.models import IntakeDocument
from akte.web.intake.models import State as IntakeState

from .listing import BadFilter, Filter, Listing

COUNTRY = r"[A-Z]{3}"
LANGUAGE = r"[a-z]{2,3}"
OFFICES = frozenset(Office.values)


def _office(qs, value, prefix=""):
    return qs.filter(**{f"{prefix}office": value})


def _country(qs, value, prefix=""):
    return qs.filter(**{f"{prefix}country": value})


PROCEDURE_FILTERS = {
    "office": Filter(_office, OFFICES),
    "country": Filter(_country, COUNTRY),
}


def _page(request, template: str, listing: Listing, queryset, **context) -> TemplateResponse:
    try:
        found = listing.apply(request, queryset)
    except BadFilter as exc:
        context = {"key": exc.key, "value": exc.value}
        return TemplateResponse(request, "worklists/bad_filter.html", context, status=400)
    return TemplateResponse(request, template, {**found, "offices": Office.choices, **context})


def _rows(context):
    return list(context["page"].object_list) if context.get("page") else None


def _office_user(request, capability: Capability) -> None:
    if not (sees_personal_data(request.user) and request.user.can(capability)):
        raise Http404


START = {
    Role.INTERVIEWER: "worklists:hearings",
    Role.REGISTRY_CLERK: "worklists:registrations",
    Role.DECISION_MAKER: "worklists:decisions",
}


@login_required
@require_safe
@shows_no_personal_data  # a redirect
def start(request):
    """After login: the role's worklist, or the procedure list for roles without one."""
    return redirect(START.get(request.user.role, "cases:procedure_list"))


HEARINGS = Listing(
    sorts={"date": ("date", "time"), "language": ("language", "date"), "room": ("room", "date")},
    default_sort="date",
    filters={
        "who": Filter(lambda qs, v: qs, frozenset({"mine", "all"}), default="mine"),
        "language": Filter(lambda qs, v: qs.filter(language=v), LANGUAGE),
        "when": Filter(lambda qs, v: qs, frozenset({"today", "upcoming"}), default="upcoming"),
    },
)


def _hearings_shown(context):
    return (_rows(context) or []) + list(context.get("running") or [])


@login_required
@require_safe
@logs_access(read=_hearings_shown)
def hearings(request):
    """The interviewer's day: running hearings to resume, today's and upcoming ones."""
    _office_user(request, Capability.CONDUCT_HEARING)
    today = timezone.localdate()
    visible = of_visible_procedures(Hearing.objects.all(), request.user)
    mine = request.GET.get("who", "mine") != "all"
    planned = visible.filter(state=HearingState.PLANNED, date__gte=today)
    if request.GET.get("when") == "today":
        planned = planned.filter(date=today)
    if mine:  # theirs or nobody's yet; as one expression, so that (state, date) is the index
        planned = planned.alias(assigned=Coalesce("interviewer", request.user.pk)).filter(
            assigned=request.user.pk
        )
    running = visible.filter(
        state__in=[HearingState.RUNNING, HearingState.READ_BACK], interviewer=request.user
    ).select_related("procedure")
    return _page(
        request,
        "worklists/hearings.html",
        HEARINGS,
        planned.select_related("procedure__person", "interviewer").prefetch_related(
            "procedure__person__spellings"
        ),
        running=list(running),
        today=today,
    )


def _age_days(at) -> int | None:
    return (timezone.now() - at).days if at else None


REGISTRATIONS = Listing(
    sorts={"age": ("created_at",), "file_number": ("file_number",), "country": ("country",)},
    default_sort="age",
    filters=PROCEDURE_FILTERS,
)


@login_required
@require_safe
@logs_access(read=_rows)
def registrations(request):
    """The clerk's new registrations: procedures registered, the application not yet lodged."""
    _office_user(request, Capability.REGISTER)
    procedures = (
        visible_procedures(request.user)
        .filter(status=Status.REGISTERED)
        .select_related("person")
        .prefetch_related("person__spellings")
    )
    response = _page(request, "worklists/registrations.html", REGISTRATIONS, procedures)
    _with_age(response, "created_at")
    if response.status_code == 200:  # the mail intake's items without a procedure (no names)
        response.context_data["unmatched_mail"] = IntakeDocument.objects.filter(
            state=IntakeState.REVIEW, procedure__isnull=True
        ).count()
    return response


def _with_age(response, attribute: str) -> None:
    if response.status_code == 200:
        for row in response.context_data["page"].object_list:
            row.age = _age_days(getattr(row, attribute))


READY = Listing(
    sorts={"age": ("status_since",), "file_number": ("file_number",), "country": ("country",)},
    default_sort="age",
    filters=PROCEDURE_FILTERS,
)


@login_required
@require_safe
@logs_access(read=_rows)
def decisions(request):
    """The decision-maker's procedures ready for decision: hearing sealed, no decision yet
    (status "hearing held", reached only by sealing the Niederschrift or by reopening),
    longest waiting first (`status_since`: an index, not an aggregate over the history);
    and exceptional transitions waiting for them."""
    _office_user(request, Capability.DECIDE)
    procedures = (
        visible_procedures(request.user)
        .filter(status=Status.HEARING_HELD)
        .select_related("person")
        .prefetch_related("person__spellings")
    )
    waiting = [
        r
        for r in of_visible_procedures(
            TransitionRequest.objects.filter(state="pending"), request.user
        ).select_related("procedure", "requested_by")[:50]
        if may_approve(r, request.user)
    ]
    response = _page(request, "worklists/decisions.html", READY, procedures, waiting=waiting)
    _with_age(response, "status_since")
    return response


DEADLINES = Listing(
    sorts={"deadline": ("appeal_until",), "decided_on": ("decided_on",)},
    default_sort="deadline",
    filters={
        "office": Filter(lambda qs, v: qs.filter(procedure__office=v), OFFICES),
        "outcome": Filter(lambda qs, v: qs.filter(outcome=v), r"[a-z_0-9]{1,40}"),
    },
)


def _deadline_rows(context):
    return [d.procedure for d in _rows(context) or []]


@login_required
@require_safe
@logs_access(read=_deadline_rows)
def deadlines(request):
    """Appeal periods running: the latest decision of procedures still "decided", notified,
    its period not yet over; the nearest deadline first."""
    if not (sees_personal_data(request.user) and request.user.can(Capability.CHANGE_STATUS)):
        raise Http404
    today = timezone.localdate()
    latest = (
        Decision.objects.filter(procedure=OuterRef("procedure"))
        .order_by("-recorded_at", "-pk")
        .values("pk")[:1]
    )
    # the periods still running first (an index range: decisions of the last weeks), then
    # which of them is the procedure's latest decision and the procedure still "decided"
    period_running = Decision.objects.filter(appeal_until__gte=today).values("pk")
    running = (
        of_visible_procedures(Decision.objects.filter(pk__in=period_running), request.user)
        .filter(procedure__status=Status.DECIDED)
        .filter(pk=Subquery(latest))
        .select_related("procedure__person")
        .prefetch_related("procedure__person__spellings")
        .annotate(file_number=F("procedure__file_number"))
    )
    response = _page(request, "worklists/deadlines.html", DEADLINES, running, today=today)
    if response.status_code == 200:
        for d in response.context_data["page"].object_list:
            d.days_left = (d.appeal_until - today).days
    return response
