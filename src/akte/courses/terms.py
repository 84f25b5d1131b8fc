"""The rules in force on a day, as billing needs them, read from the DeuFöV rulebook.

`Terms` holds the rate and the rule behind it, the contribution share, which attendance
counts (and by which rule), the lateness tolerance and the unit's minutes. They are computed
once per validity interval of the rulebook (its plan) and shared by every day inside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from akte.courses.config import courses_rulebook
from akte.courses.model import ATTENDANCE, UNSIGNED
from akte.rules.model import Rule
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN


@cache
def deufoev() -> Rulebook:
    """The courses rulebook (`AKTE_COURSES_RULEBOOK`, default the bundled `deufoev`)."""
    return Rulebook.load(courses_rulebook())


@dataclass(frozen=True)
class Terms:
    index: int  # one number per validity interval of the rulebook
    rate: Decimal | None
    rate_rule: Rule | None
    contribution_share: Decimal | None
    counts: dict[str, bool]  # attendance code (and UNSIGNED) -> billable
    count_rule: dict[str, Rule | None]
    tolerance: int
    unit_minutes: int


def _fired(evaluation, fact: str) -> Rule | None:
    for fired in evaluation.fired:
        if fired.fact == fact:
            return fired.rule
    return None


def _known(value):
    return None if value is UNKNOWN else value


class TermsBook:
    """`terms(day)` for one rulebook, cached per validity interval."""

    def __init__(self, book: Rulebook | None = None) -> None:
        self.book = book or deufoev()
        self._by_plan: dict[int, Terms] = {}
        self._by_day: dict[dt.date, Terms] = {}

    def terms(self, day: dt.date) -> Terms:
        found = self._by_day.get(day)
        if found is not None:
            return found
        plan = self.book.plan(day)
        found = self._by_plan.get(id(plan))
        if found is None:
            found = self._compute(day, len(self._by_plan))
            self._by_plan[id(plan)] = found
        self._by_day[day] = found
        return found

    def _compute(self, day: dt.date, index: int) -> Terms:
        counts: dict[str, bool] = {}
        count_rule: dict[str, Rule | None] = {}
        evaluation = None
        for code in (*ATTENDANCE, UNSIGNED):
            given = {"attendance": "present", "signed": False} if code == UNSIGNED else None
            evaluation = self.book.evaluate(given or {"attendance": code, "signed": True}, day)
            counts[code] = evaluation["billable"] is True
            count_rule[code] = _fired(evaluation, "billable")
        assert evaluation is not None
        return Terms(
            index=index,
            rate=_known(evaluation["rate_per_unit"]),
            rate_rule=_fired(evaluation, "rate_per_unit"),
            contribution_share=_known(evaluation["contribution_share"]),
            counts=counts,
            count_rule=count_rule,
            tolerance=_known(evaluation["lateness_tolerance_minutes"]) or 0,
            unit_minutes=_known(evaluation["unit_minutes"]) or 45,
        )

    def contribution_due(self, facts, day: dt.date) -> bool | None:
        """Whether a participant with these facts owes the contribution on `day`."""
        names = ("employed", "receives_benefits", "taxable_income", "assessed_jointly")
        given = {name: facts.get(name) for name in names}
        value = self.book.evaluate_goals(given, day, ["contribution_due"])["contribution_due"]
        return None if value is UNKNOWN else bool(value)
