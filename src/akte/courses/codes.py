"""Every code akte.courses emits (code -> parameter names); the texts are in
``akte/words/<language>/courses.yaml``. Explanations of rule values reuse akte.rules' codes."""

from __future__ import annotations

from akte.core.message import Message

_NONE: frozenset[str] = frozenset()

CODES: dict[str, frozenset[str]] = {
    # entitlement (§ 45a (2) AufenthG, § 4 DeuFöV)
    "courses.entitlement.may_attend": _NONE,
    "courses.entitlement.may_not_attend": _NONE,
    "courses.entitlement.undecided": frozenset({"missing"}),
    "courses.entitlement.obliged": _NONE,
    "courses.entitlement.no_entitlement": _NONE,
    "courses.entitlement.permission_to_stay": _NONE,
    "courses.entitlement.safe_country": _NONE,
    "courses.entitlement.placement_expired": frozenset({"taken_on", "months"}),
    # capacity (§§ 8, 11 DeuFöV)
    "courses.capacity.exceeded": frozenset({"enrolled", "maximum"}),
    "courses.capacity.exception": frozenset({"enrolled", "maximum"}),
    "courses.capacity.full": frozenset({"maximum"}),
    "courses.capacity.below_minimum": frozenset({"enrolled", "minimum"}),
    "courses.capacity.overlap": frozenset({"participant", "course", "first", "last"}),
    "courses.capacity.units_differ": frozenset({"planned", "standard"}),
    "courses.capacity.week_over_full_time": frozenset({"week", "units", "maximum"}),
    # attendance lists
    "courses.attendance.not_a_course_day": frozenset({"day"}),
    "courses.attendance.not_enrolled": frozenset({"participant", "day"}),
    "courses.attendance.unknown_code": frozenset({"given"}),
    "courses.attendance.minutes_out_of_range": frozenset({"minutes", "maximum"}),
    "courses.attendance.twice": frozenset({"participant"}),
    "courses.attendance.missing": frozenset({"participant", "day"}),
    "courses.attendance.units_out_of_range": frozenset({"units"}),
    "courses.attendance.signed_but_absent": frozenset({"participant", "attendance"}),
    # billing
    "courses.billing.no_rate": frozenset({"day"}),
    "courses.billing.units_not_held": frozenset({"claimed", "held"}),
    "courses.billing.contribution_unknown": frozenset({"participant"}),
    "courses.billing.open": frozenset({"participant", "day"}),
    "courses.explain.rate": frozenset({"rate", "rule", "source", "first", "last"}),
    "courses.explain.counted": frozenset({"attendance", "days", "units", "rule"}),
    "courses.explain.not_counted": frozenset({"attendance", "days", "units", "rule"}),
    "courses.explain.lateness": frozenset({"minutes", "units", "tolerance"}),
    "courses.explain.contribution": frozenset({"per_unit", "units", "amount"}),
    "courses.explain.no_contribution": _NONE,
    # attendance codes as words (a parameter `attendance` is one of these messages)
    "courses.code.present": _NONE,
    "courses.code.excused": _NONE,
    "courses.code.unexcused": _NONE,
    "courses.code.change_of_course": _NONE,
    "courses.code.change_of_provider": _NONE,
    "courses.code.internship": _NONE,
    "courses.code.present_unsigned": _NONE,
    # the buyer's Leitweg-ID (XRechnung BT-10)
    "courses.leitweg.format": frozenset({"given"}),
    "courses.leitweg.check_digits": frozenset({"given", "expected"}),
    # refunds
    "courses.refund.due": frozenset({"amount", "passed_on", "deadline"}),
    "courses.refund.too_late": frozenset({"passed_on", "deadline"}),
    "courses.refund.not_passed": _NONE,
    "courses.refund.nothing_paid": _NONE,
}


def note(code: str, **params: object) -> Message:
    """A message of akte.courses (the code and its parameters checked against CODES)."""
    assert code in CODES and set(params) <= CODES[code], (code, sorted(params))
    return Message(code, params)
