"""The office pays out refunds on passing (§ 4 Abs. 6 DeuFöV): the refunds due and paid, the
payout (confirmed, irreversible, recorded with who and when) and their export as CSV."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akte.web.audit.log import logs_access, shown

from .access import is_office, participant_or_404, require
from .models import RefundPayment
from .refunds import RefundChanged, due_refunds, pay
from .views import COURSES


def _paid():
    return list(
        RefundPayment.objects.select_related(
            "participant__course", "participant__person", "paid_by"
        )
        .prefetch_related("participant__person__spellings")
        .order_by("-paid_at")
    )


@login_required
@require_safe
@logs_access(read="participants", purpose=COURSES)
def refunds(request):
    require(is_office(request.user))
    due, paid = due_refunds(), _paid()
    return TemplateResponse(
        request,
        "courses/refunds.html",
        {
            "due": due,
            "paid": paid,
            "participants": [d.participant for d in due] + [p.participant for p in paid],
        },
    )


@login_required
@require_POST
@logs_access(update="participant", purpose=COURSES)
def refund_pay(request, pk: int):
    require(is_office(request.user))
    participant = participant_or_404(request.user, pk)
    try:
        confirmed = Decimal(request.POST.get("amount", ""))
    except InvalidOperation:
        confirmed = None
    if request.POST.get("confirm") != "yes" or confirmed is None:
        messages.error(request, _("Confirm the payout first: it cannot be undone."))
        return redirect("courses:refunds")
    try:
        payment = pay(participant, confirmed, request.user)
    except RefundChanged:
        messages.error(
            request,
            _("The refund due is no longer the amount confirmed; nothing was paid. Check again."),
        )
        return redirect("courses:refunds")
    messages.success(
        request,
        _("Refund of %(amount)s € to %(name)s recorded as paid.")
        % {"amount": payment.amount, "name": participant.name},
    )
    return shown(redirect("courses:refunds"), participant=participant)


COLUMNS = [
    "status",
    "course",
    "participant",
    "name",
    "amount",
    "passed_on",
    "rule",
    "paid_at",
    "paid_by",
]


@login_required
@require_safe
@logs_access(export="participants", purpose=COURSES)
def refunds_csv(request):
    require(is_office(request.user))
    due, paid = due_refunds(), _paid()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for d in due:
        writer.writerow(
            [
                "due",
                d.participant.course.number,
                d.participant.pk,
                _plain(d.participant.name),
                d.due,
                d.reason.params.get("passed_on", ""),
                d.rule or "",
                "",
                "",
            ]
        )
    for p in paid:
        writer.writerow(
            [
                "paid",
                p.participant.course.number,
                p.participant.pk,
                _plain(p.participant.name),
                p.amount,
                p.passed_on.isoformat(),
                p.rule,
                p.paid_at.isoformat(timespec="seconds"),
                p.paid_by.username,
            ]
        )
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="refunds.csv"'
    return shown(
        response, participants=[d.participant for d in due] + [p.participant for p in paid]
    )


def _plain(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas
