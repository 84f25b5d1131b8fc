"""The refund of half the contribution on passing the exam in time (§ 4 Abs. 6 DeuFöV)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from akte.core.message import Message
from akte.courses.billing import money
from akte.courses.codes import note
from akte.courses.terms import deufoev
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN


@dataclass(frozen=True)
class Refund:
    amount: Decimal
    reason: Message
    rule: str | None = None


def refund(
    facts: Mapping[str, object],
    contributions_paid: Decimal,
    as_of: dt.date,
    book: Rulebook | None = None,
) -> Refund:
    """What is refunded to a participant who paid `contributions_paid` over the course."""
    book = book or deufoev()
    names = (
        "employed",
        "receives_benefits",
        "taxable_income",
        "assessed_jointly",
        "entitlement_issued_on",
        "exam_passed_on",
    )
    evaluation = book.evaluate({n: facts.get(n) for n in names if facts.get(n) is not None}, as_of)
    if contributions_paid <= 0:
        return Refund(Decimal(0), note("courses.refund.nothing_paid"))
    passed_on = evaluation["exam_passed_on"]
    if passed_on is UNKNOWN:
        return Refund(Decimal(0), note("courses.refund.not_passed"))
    deadline = evaluation["refund_deadline"]
    share = evaluation["refund_share"]
    if evaluation["refund_due"] is True and share is not UNKNOWN:
        rule = next((f.rule.key for f in evaluation.fired if f.fact == "refund_due"), None)
        amount = money(contributions_paid * share)
        return Refund(
            amount,
            note("courses.refund.due", amount=amount, passed_on=passed_on, deadline=deadline),
            rule,
        )
    return Refund(
        Decimal(0), note("courses.refund.too_late", passed_on=passed_on, deadline=deadline)
    )
