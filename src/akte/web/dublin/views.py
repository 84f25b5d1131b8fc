"""The Dublin unit's pages: event entry, what-if, worklist (HTML, CSV, iCalendar), feed token."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.core.message import Message
from akte.dublin.config import config
from akte.dublin.events import DublinInputError
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown, shows_no_personal_data
from akte.web.audit.subject import Subject
from akte.web.cases.access import procedure_or_404, visible_procedures
from akte.web.cases.offices import Office
from akte.web.words import words_filter as say

from . import services
from .forms import MEMBER_STATES, DublinEventForm, WhatIfForm
from .models import DEADLINE_IDS, CalendarToken, DublinCase, DublinEvent
from .timeline import rows
from .worklist import WINDOWS, as_csv, as_ics, open_deadlines, subjects, with_person_ids, worklist

PAGE_SIZE = 50
SORT_LABELS = [
    ("due", gettext_lazy("due date, earliest first")),
    ("-due", gettext_lazy("due date, latest first")),
    ("file_number", gettext_lazy("file number")),
    ("office", gettext_lazy("office")),
    ("member_state", gettext_lazy("Member State")),
    ("kind", gettext_lazy("deadline")),
]


def _dublin_unit(request) -> None:
    if not request.user.can(Capability.TRACK_DUBLIN):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(read="procedure", update="changed")
def event_form(request, pk: int):
    """Enter one event of the procedure's Dublin check; the deadlines are stored with it."""
    _dublin_unit(request)
    procedure = procedure_or_404(request.user, pk)
    case = DublinCase.objects.filter(procedure=procedure).first()
    today = services.today()
    form = DublinEventForm(request.POST or None, needs_role=case is None, today=today)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.add_event(
                    request, procedure, form.cleaned_data.get("role"), form.event_data()
                )
            except DublinInputError as error:
                form.add_error(
                    error.field if error.field in form.fields and error.field != "type" else None,
                    say(Message(error.code)),
                )
            else:
                messages.success(request, _("Event entered, deadlines updated."))
                url = reverse("cases:procedure_detail", args=[procedure.pk]) + "#dublin"
                return shown(redirect(url), changed=procedure)
    context = {"procedure": procedure, "form": form, "case": case}
    return TemplateResponse(request, "dublin/event_form.html", context, status=status)


@login_required
@require_POST
@logs_access(update="changed")
def remove_event(request, pk: int):
    _dublin_unit(request)
    procedure = procedure_or_404(request.user, pk)
    case = DublinCase.objects.filter(procedure=procedure).first()
    event = case and DublinEvent.objects.filter(case=case, pk=request.POST.get("event")).first()
    if not event:
        raise Http404
    try:
        services.remove_event(request, case, event)
    except DublinInputError as error:  # the events left make no sense without it
        messages.error(request, say(Message(error.code)))
        return redirect(reverse("cases:procedure_detail", args=[procedure.pk]) + "#dublin")
    messages.success(request, _("Event removed, deadlines updated."))
    url = reverse("cases:procedure_detail", args=[procedure.pk]) + "#dublin"
    return shown(redirect(url), changed=procedure)


@login_required
@require_safe
@logs_access(read="procedure")
def what_if(request, pk: int):
    """If the reply came on DATE: the deadlines then (the engine's answer, nothing saved)."""
    procedure = procedure_or_404(request.user, pk)
    case = DublinCase.objects.filter(procedure=procedure).first()
    if case is None or not request.user.can(Capability.VIEW_PERSONAL_DATA):
        raise Http404
    form = WhatIfForm(request.GET or None)
    result, error = None, None
    if form.is_valid():
        extra = {
            "type": "reply",
            "date": form.cleaned_data["reply_on"].isoformat(),
            "answer": form.cleaned_data["answer"],
        }
        try:
            result = services.answer(case, [extra])
        except DublinInputError as refused:
            error = Message(refused.code)
    today = services.today()
    context = {
        "procedure": procedure,
        "case": case,
        "form": form,
        "error": error,
        "now": rows(case.deadlines.order_by("pk"), today),
        "then": rows(result["deadlines"], today) if result else None,
        "today": today,
    }
    return TemplateResponse(request, "dublin/what_if.html", context, status=400 if error else 200)


def _listed(context):
    return context.get("listed")


def _worklist_read(context):
    """One entry per page fetch: the worklist shows file numbers and deadlines, no names (as
    the procedure list without personal data); the export and the feed are logged in full."""
    return Subject("dublin:worklist")


@login_required
@require_safe
@logs_access(read=_worklist_read)
def worklist_page(request):
    _dublin_unit(request)
    today = services.today()
    rows, chosen = worklist(request.GET, today, request.user)
    fields = ("pk", "kind", "due", "regulation", "office", "member_state", "file_number")
    page = Paginator(rows.values(*fields, "procedure_id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    soon = today + dt.timedelta(days=config().alert_days)
    alerts = open_deadlines().filter(due__gte=today, due__lte=soon)
    alerts = alerts.filter(procedure__in=visible_procedures(request.user))
    query = request.GET.copy()
    query.pop("page", None)
    names = {k: say(Message(f"dublin.deadline.{k}")) for k in DEADLINE_IDS}
    regulations = {r: say(Message(f"dublin.regulation.{r}")) for r in ("dublin-iii", "ammr")}
    page_rows = []
    for row in page.object_list:
        days = (row["due"] - today).days
        page_rows.append(
            row
            | {
                "name": names[row["kind"]],
                "regulation_name": regulations.get(row["regulation"], row["regulation"]),
                "href": reverse("cases:procedure_detail", args=[row["procedure_id"]]) + "#dublin",
                "state": "missed" if days < 0 else "open",
                "countdown": countdown(days),
            }
        )
    context = {
        "rows": page_rows,
        "kind_names": list(names.items()),
        "sorts": SORT_LABELS,
        "page": page,
        "chosen": chosen,
        "windows": WINDOWS,
        "offices": Office.choices,
        "member_states": MEMBER_STATES,
        "query": query.urlencode(),
        "alerts": alerts.count(),
        "alert_days": config().alert_days,
        "today": today,
    }
    return TemplateResponse(request, "dublin/worklist.html", context)


def countdown(days: int) -> str:
    if days < 0:
        return ngettext("%(n)s day over", "%(n)s days over", -days) % {"n": -days}
    return ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days}


@login_required
@require_safe
@logs_access(export=_listed)
def worklist_csv(request):
    _dublin_unit(request)
    today = services.today()
    rows, _chosen = worklist(request.GET, today, request.user)
    listed = with_person_ids(rows[:10_000])
    response = HttpResponse(as_csv(listed, today, say), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="dublin-deadlines.csv"'
    return shown(response, listed=subjects(listed))


def _fetched(context):
    return context.get("listed") or [Subject("dublin:calendar-feed")]


@require_safe
@logs_access(read=_fetched)
def calendar_feed(request):
    """The iCalendar feed of the open deadlines: a revocable per-user token in the query, file
    numbers only; every fetch is in the access log (as the token's user)."""
    user = CalendarToken.user_for(request.GET.get("token", "")[:100])
    if user is None or not user.can(Capability.TRACK_DUBLIN):
        raise Http404
    request.user = user  # the access log entry is the token owner's
    rows, _chosen = worklist({"window": "open"}, services.today(), user)  # their own
    listed = with_person_ids(rows[:5000])
    body = as_ics(listed, timezone.now().astimezone(dt.UTC), say)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return shown(response, listed=subjects(listed))


@login_required
@require_http_methods(["GET", "POST"])
@shows_no_personal_data
def calendar_token(request):
    """Issue (and so revoke the old) or revoke the user's feed token; shown once."""
    _dublin_unit(request)
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            messages.success(request, _("The calendar link is revoked."))
        else:
            token = CalendarToken.issue(request.user)
    active = CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).exists()
    feed = (
        request.build_absolute_uri(reverse("dublin:calendar_feed")) + f"?token={token}"
        if token
        else None
    )
    return TemplateResponse(request, "dublin/calendar_token.html", {"feed": feed, "active": active})
