"""Who may or must attend (§ 45a (2) AufenthG, § 4 DeuFöV), with the reasons and the rules'
explanation, as of the day of enrolment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from akte.core.message import Message
from akte.courses.codes import note
from akte.courses.terms import deufoev
from akte.rules.explain import Line
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN

INPUTS = (
    "residence_status",
    "entitlement_issued_on",
    "receives_sgb2",
    "integration_agreement_provides_course",
    "lasting_stay_expected",
    "safe_country_of_origin",
    "presumption_rebutted",
    "entered_before_2019_08_01",
    "permitted_stay_three_months",
    "registered_or_employed",
    "placement_certificate_on",
)


def _value(evaluation, fact: str) -> bool | None:
    value = evaluation[fact]
    return None if value is UNKNOWN else bool(value)


@dataclass
class EntitlementCheck:
    may_attend: bool | None
    obliged: bool | None
    placement_valid: bool | None
    reasons: list[Message] = field(default_factory=list)
    explanation: list[Line] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        """Enrolment is refused when attendance is excluded or the placement has expired."""
        return self.may_attend is False or self.placement_valid is False


def check_entitlement(
    facts: Mapping[str, object], as_of: dt.date, book: Rulebook | None = None
) -> EntitlementCheck:
    """Check a participant's facts (names of the rulebook's inputs; others are ignored)."""
    book = book or deufoev()
    given = {name: facts.get(name) for name in INPUTS if facts.get(name) is not None}
    given.setdefault("presumption_rebutted", False)  # a presumption holds until rebutted
    evaluation = book.evaluate(given, as_of=as_of)
    check = EntitlementCheck(
        _value(evaluation, "may_attend"),
        _value(evaluation, "obliged"),
        _value(evaluation, "placement_certificate_valid"),
    )
    fired = {f.rule.id for f in evaluation.fired}
    if check.may_attend is True:
        check.reasons.append(note("courses.entitlement.may_attend"))
    elif check.may_attend is False:
        check.reasons.append(note("courses.entitlement.may_not_attend"))
        if "entitlement_issued_on" not in given:
            check.reasons.append(note("courses.entitlement.no_entitlement"))
        if "aufenthg-45a-2-permission-to-stay" in fired:
            check.reasons.append(note("courses.entitlement.permission_to_stay"))
        if "aufenthg-45a-2-4-safe-country-presumption" in fired:
            check.reasons.append(note("courses.entitlement.safe_country"))
    else:
        missing = evaluation.explain("may_attend").missing
        check.reasons.append(note("courses.entitlement.undecided", missing=", ".join(missing)))
    if check.obliged:
        check.reasons.append(note("courses.entitlement.obliged"))
    if check.placement_valid is False:
        check.reasons.append(
            note(
                "courses.entitlement.placement_expired",
                taken_on=evaluation["placement_certificate_on"],
                months=6,
            )
        )
    check.explanation = evaluation.explain("may_attend").lines()
    return check
