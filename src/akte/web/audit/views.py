"""The data protection officer's view of the access log, and the Art. 15 report."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from akte.web.accounts.roles import Capability

from . import break_glass
from .directory import persons
from .log import logs_access, shown, shows_no_personal_data
from .models import AccessLogEntry, BreakGlassGrant, Decision, Purpose
from .report import access_report, access_report_pdf, languages_of
from .subject import Subject


def _require_dpo(request) -> None:
    if not request.user.can(Capability.VIEW_ACCESS_LOG):
        raise Http404


@login_required
@require_safe
@shows_no_personal_data
def index(request):
    _require_dpo(request)
    query = request.GET.get("q", "").strip()[:40]
    error = ""
    if query:
        person_id = None
        if query.isdigit():
            person_id = int(query) if persons().exists(int(query)) else None
        else:
            person_id = persons().person_of(query)
        if person_id is not None:
            return redirect("audit:person", person_id=person_id)
        if AccessLogEntry.objects.filter(person_id=query if query.isdigit() else -1).exists():
            return redirect("audit:person", person_id=int(query))
        error = _("No person with this id or file number.")
    recent = AccessLogEntry.objects.all()[:50]
    context = {"q": query, "error": error, "recent": recent}
    context["break_glass_waiting"] = break_glass.waiting().count()
    return render(request, "audit/index.html", context)


@login_required
@require_safe
@shows_no_personal_data  # who looked, when and why: ids, never the data
def person_log(request, person_id: int):
    _require_dpo(request)
    entries = AccessLogEntry.objects.filter(person_id__in=persons().same_person(person_id))
    if not entries.exists() and not persons().exists(person_id):
        raise Http404
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    context = {"person_id": person_id, "page": page, "languages": languages_of(person_id)}
    return render(request, "audit/person.html", context)


@login_required
@require_safe
@logs_access(export="report", purpose=Purpose.ACCESS_REQUEST)
def person_report(request, person_id: int, fmt: str):
    """The Art. 15 report, in `?lang=` (German by default, English, or the applicant's
    language of `report.languages_of`)."""
    _require_dpo(request)
    if fmt not in ("json", "pdf"):
        raise Http404
    if (
        not persons().exists(person_id)
        and not AccessLogEntry.objects.filter(person_id=person_id).exists()
    ):
        raise Http404
    language = request.GET.get("lang", "de")[:10]
    if language not in languages_of(person_id):
        language = "de"
    if fmt == "json":
        body = json.dumps(access_report(person_id, language), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        pdf = access_report_pdf(person_id, language)
        response = HttpResponse(pdf, content_type="application/pdf")
    name = f"access-report-{person_id}-{language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return shown(response, report=Subject(f"access_report:{person_id}", person_id=person_id))


@login_required
@require_safe
@shows_no_personal_data  # who broke the glass, when, why: ids and the stated reason
def break_glass_queue(request):
    """The break-glass accesses: those waiting for a decision first (oldest first), or the
    decided ones (newest first), 25 to a page."""
    _require_dpo(request)
    decided = request.GET.get("show") == "decided"
    grants = (
        BreakGlassGrant.objects.filter(review__isnull=False).select_related("review__reviewer")
        if decided
        else break_glass.waiting()
    )
    page = Paginator(grants, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "decided": decided,
        "waiting": break_glass.waiting().count(),
        "form": ReviewForm(),
    }
    return render(request, "audit/break_glass.html", context)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_lazy("decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_lazy("note"),
        max_length=break_glass.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 50}),
    )


@login_required
@require_POST
@shows_no_personal_data  # the decision is written to the log by `break_glass.review`
def break_glass_decide(request, pk: int):
    _require_dpo(request)
    grant = get_object_or_404(BreakGlassGrant, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Not decided: choose a decision and write a note."))
        return redirect("audit:break_glass")
    try:
        break_glass.review(
            grant,
            request.user,
            form.cleaned_data["decision"],
            form.cleaned_data["note"],
            path=request.path,
        )
    except break_glass.ReviewRefused:
        messages.error(request, _("This access has already been decided."))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("audit:break_glass")
