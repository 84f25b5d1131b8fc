"""Exams, invoices (preview, submit, PDF, CSV, the office's decision) and figures without
personal data."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.web.audit.log import logs_access, shown, shows_no_personal_data

from . import services
from .access import course_or_404, is_office, is_provider, may_use, require
from .models import Course, Invoice, InvoiceStatus, Participant
from .views import COURSES


def _month(text: str | None) -> tuple[int, int]:
    try:
        year, month = (int(x) for x in (text or "").split("-"))
        services.month_bounds(year, month)
        return year, month
    except (ValueError, TypeError):
        today = dt.date.today().replace(day=1) - dt.timedelta(days=1)
        return today.year, today.month


def _participants_of(lines: list[dict], course: Course) -> list[Participant]:
    ids = {int(line["participant"]) for line in lines}
    return list(course.participants.filter(pk__in=ids).select_related("person"))


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(read="participants", purpose=COURSES)
def invoice_new(request, pk: int):
    require(may_use(request.user))
    course = course_or_404(request.user, pk)
    year, month = _month(request.POST.get("month") or request.GET.get("month"))
    if request.method == "POST":
        require(is_provider(request.user))
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Confirm that the invoice is complete and correct first."))
        else:
            invoice, computed = services.submit(course, year, month, request.user)
            if invoice is not None:
                messages.success(
                    request, _("Invoice %(number)s submitted.") % {"number": invoice.number}
                )
                return shown(
                    redirect("courses:invoice", pk=invoice.pk),
                    participants=_participants_of(invoice.lines, course),
                )
            messages.error(request, _("The invoice cannot be submitted: see the problems below."))
    first, last = services.month_bounds(year, month)
    computed = services.compute(course, first, last)
    names = {str(p.pk): p.name for p in course.participants.select_related("person")}
    lines = services.lines_as_data(computed, names)
    return TemplateResponse(
        request,
        "courses/invoice.html",
        {
            "course": course,
            "month": f"{year:04d}-{month:02d}",
            "lines": _with_messages(lines),
            "problems": computed.problems,
            "total": computed.total,
            "contributions": computed.contributions,
            "payable": computed.payable,
            "preview": True,
            "participants": _participants_of(lines, course),
            "provider": is_provider(request.user),
        },
    )


def _with_messages(lines: list[dict]) -> list[dict]:
    return [
        {**line, "messages": [services.unpack(m) for m in line["explanation"]]} for line in lines
    ]


def _invoice(user, pk: int) -> Invoice:
    invoice = get_object_or_404(Invoice.objects.select_related("course"), pk=pk)
    course_or_404(user, invoice.course_id)
    return invoice


@login_required
@require_safe
@logs_access(read="participants", purpose=COURSES)
def invoice(request, pk: int):
    require(may_use(request.user))
    found = _invoice(request.user, pk)
    return TemplateResponse(
        request,
        "courses/invoice.html",
        {
            "course": found.course,
            "invoice": found,
            "lines": _with_messages(found.lines),
            "total": found.total,
            "contributions": found.contributions,
            "payable": found.payable,
            "participants": _participants_of(found.lines, found.course),
            "office": is_office(request.user),
        },
    )


@login_required
@require_POST
@shows_no_personal_data
def invoice_decide(request, pk: int):
    require(is_office(request.user))
    found = _invoice(request.user, pk)
    decision = request.POST.get("decision")
    if request.POST.get("confirm") != "yes" or decision not in ("approve", "reject"):
        messages.error(request, _("Confirm the decision first."))
    elif found.status != InvoiceStatus.SUBMITTED:
        messages.error(request, _("This invoice is already decided."))
    else:
        services.decide(found, decision == "approve", request.user)
        messages.success(
            request,
            _("Invoice approved for payment.") if decision == "approve" else _("Invoice rejected."),
        )
    return redirect("courses:invoice", pk=found.pk)


@login_required
@require_safe
@logs_access(export="participants", purpose=COURSES)
def invoice_pdf(request, pk: int):
    require(may_use(request.user))
    found = _invoice(request.user, pk)
    from weasyprint import HTML

    html = render_to_string(
        "courses/invoice_pdf.html",
        {
            "invoice": found,
            "course": found.course,
            "lines": _with_messages(found.lines),
            "LANG": get_language(),
        },
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.number}.pdf"'
    return shown(response, participants=_participants_of(found.lines, found.course))


@login_required
@require_safe
@logs_access(export="participants", purpose=COURSES)
def invoice_xml(request, pk: int):
    require(may_use(request.user))
    found = _invoice(request.user, pk)
    from .xrechnung import build

    response = HttpResponse(build(found), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.number}-xrechnung.xml"'
    return shown(response, participants=_participants_of(found.lines, found.course))


CSV_COLUMNS = [
    "invoice",
    "course",
    "participant",
    "name",
    "first",
    "last",
    "rate",
    "rate_rule",
    "units_listed",
    "units_billable",
    "units_late",
    "amount",
    "contribution",
    "payable",
]


@login_required
@require_safe
@logs_access(export="participants", purpose=COURSES)
def invoice_csv(request, pk: int):
    require(may_use(request.user))
    found = _invoice(request.user, pk)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for line in found.lines:
        row = {**line, "invoice": found.number, "course": found.course.number}
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{found.number}.csv"'
    return shown(response, participants=_participants_of(found.lines, found.course))


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas
