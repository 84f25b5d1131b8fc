"""Exams: the office approves exam centres (records, not free text); a provider records a
participant's Deutsch-Test für den Beruf result at an approved centre and its certificate;
both download a participant's participation certificate (Teilnahmebescheinigung) as PDF."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.web.audit.log import logs_access, shown, shows_no_personal_data

from .access import is_office, is_provider, may_use, participant_or_404, require
from .forms import ExamCentreForm, ExamForm
from .models import ExamCentre, Mark
from .views import COURSES


@login_required
@require_http_methods(["GET", "POST"])
@shows_no_personal_data
def centres(request):
    require(is_office(request.user))
    form = ExamCentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Exam centre registered; approve it before results count."))
        return redirect("courses:centres")
    return TemplateResponse(
        request, "courses/centres.html", {"centres": ExamCentre.objects.all(), "form": form}
    )


@login_required
@require_POST
@shows_no_personal_data
def centre_approve(request, pk: int):
    require(is_office(request.user))
    centre = get_object_or_404(ExamCentre, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm the approval first."))
    elif centre.approved_on:
        messages.error(request, _("This exam centre is already approved."))
    else:
        centre.approved_on, centre.approved_by = dt.date.today(), request.user
        centre.save(update_fields=["approved_on", "approved_by"])
        messages.success(request, _("Exam centre approved."))
    return redirect("courses:centres")


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(update="participant", purpose=COURSES)
def exam(request, pk: int):
    require(is_provider(request.user))
    participant = participant_or_404(request.user, pk)
    form = ExamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = form.save(commit=False)
        result.participant = participant
        result.recorded_by = request.user
        result.save()
        messages.success(request, _("Exam result recorded."))
        return shown(redirect("courses:course", pk=participant.course_id), participant=participant)
    return TemplateResponse(
        request, "courses/exam.html", {"participant": participant, "form": form}
    )


def units_attended(participant) -> tuple[int, int]:
    """(units present with the participant's signature, units on the lists)."""
    found = Mark.objects.filter(participant=participant).aggregate(
        listed=Sum("day__units"),
        present=Sum("day__units", filter=Q(attendance="present", signed=True)),
    )
    return found["present"] or 0, found["listed"] or 0


@login_required
@require_safe
@logs_access(export="participant", purpose=COURSES)
def participation_certificate(request, pk: int):
    require(may_use(request.user))
    participant = participant_or_404(request.user, pk)
    from weasyprint import HTML

    present, listed = units_attended(participant)
    marks = Mark.objects.filter(participant=participant)
    html = render_to_string(
        "courses/participation_pdf.html",
        {
            "participant": participant,
            "course": participant.course,
            "provider": participant.course.provider,
            "first": marks.order_by("day__day").values_list("day__day", flat=True).first(),
            "last": marks.order_by("-day__day").values_list("day__day", flat=True).first(),
            "present": present,
            "listed": listed,
            "exams": participant.exams.select_related("centre"),
            "today": dt.date.today(),
            "LANG": get_language(),
        },
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="teilnahmebescheinigung-{participant.course.number}-'
        f'{participant.pk}.pdf"'
    )
    return shown(response, participant=participant)
