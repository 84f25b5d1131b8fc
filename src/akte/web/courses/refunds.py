"""Refunds due and paid: half the contribution back on passing the exam in time
(`akte.courses.refunds`), less what the office already paid out; the payout recorded once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from akte.core.message import Message

from . import services
from .models import Course, InvoiceStatus, Participant, RefundPayment


@dataclass
class DueRefund:
    participant: Participant
    computed: Decimal  # on every approved invoice's contributions
    paid: Decimal  # paid out before
    reason: Message
    rule: str | None

    @property
    def due(self) -> Decimal:
        return max(self.computed - self.paid, Decimal(0))


def due_refunds(courses=None) -> list[DueRefund]:
    """Every participant whose refund is due and not yet (fully) paid."""
    courses = courses if courses is not None else Course.objects.all()
    with_contributions = courses.filter(
        invoices__status=InvoiceStatus.APPROVED, invoices__contributions__gt=0
    ).distinct()
    paid = dict(
        RefundPayment.objects.values("participant_id")
        .annotate(total=Sum("amount"))
        .values_list("participant_id", "total")
    )
    found = []
    for course in with_contributions.select_related("provider"):
        people = services.enrolled(course)
        for participant in people:
            participant.course = course
        for pk, result in services.refunds(course, people).items():
            if result.amount > 0:
                participant = next(p for p in people if p.pk == pk)
                item = DueRefund(
                    participant, result.amount, paid.get(pk, Decimal(0)), result.reason, result.rule
                )
                if item.due > 0:
                    found.append(item)
    return found


class RefundChanged(Exception):
    """The amount confirmed is not (any longer) the amount due: nothing paid."""


def pay(participant: Participant, confirmed: Decimal, user) -> RefundPayment:
    """Record the payout of the refund due, if it is the amount the clerk confirmed."""
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        due = next(
            (
                d
                for d in due_refunds(Course.objects.filter(pk=participant.course_id))
                if d.participant.pk == participant.pk
            ),
            None,
        )
        if due is None or due.due != confirmed:
            raise RefundChanged
        passed = min(e.taken_on for e in participant.exams.all() if e.passed)
        return RefundPayment.objects.create(
            participant=participant,
            amount=due.due,
            rule=due.rule or "",
            passed_on=passed,
            paid_by=user,
        )
