"""`Rulebook`: a loaded, checked and compiled rulebook, the entry point of the engine.

rulebook = Rulebook.load("rulebooks/dublin-iii")
evaluation = rulebook.evaluate(
    {"procedure": "take_charge", "application_lodged_on": "2019-01-31", "eurodac_hit": False},
    as_of=date(2019, 3, 1),
)
evaluation["take_charge_request_deadline"]      # date(2019, 4, 30)
print(evaluation.explain("take_charge_request_deadline").render(lambda m: render(m, "en")))
evaluation.set("eurodac_hit_on", "2019-02-10")  # incremental: only what depends on it
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from akte.rules.evaluation import Evaluation, read_input
from akte.rules.graph import dependency_order, fact_dependencies
from akte.rules.loader import LoadedRulebook, load
from akte.rules.model import Expression, RulebookError
from akte.rules.plan import Plan, build_plan
from akte.rules.values import UNKNOWN, from_form


class Rulebook:
    """A compiled rulebook. Build it with `Rulebook.load(path)`."""

    def __init__(self, book: LoadedRulebook) -> None:
        self.book = book
        self.path = book.path
        self.manifest = book.manifest
        self.facts = book.facts
        self.rules = book.rules
        self.questions = book.questions
        self.suggestions = book.suggestions
        self.checklist = book.checklist
        self.places = book.places
        self.place_ids = frozenset(book.places)
        self.country_information = book.country_information
        self.stages = book.stages
        self.tests = book.tests
        self.derived = book.derived
        self.order = dependency_order(fact_dependencies(book.rules))
        boundaries = set()
        for rule in book.rules:
            boundaries.add(rule.valid_from)
            if rule.valid_to is not None and rule.valid_to < dt.date.max:
                boundaries.add(rule.valid_to + dt.timedelta(days=1))
        for info in book.country_information:
            boundaries.add(info.published)
        self._boundaries = sorted(boundaries)
        self._plans: dict[int, Plan] = {}

    @classmethod
    def load(cls, path: str | Path) -> Rulebook:
        """Load, check and compile; raises `RulebookError` listing every problem found."""
        return cls(load(path))

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def version(self) -> str:
        return self.manifest.version

    def plan(self, as_of: dt.date) -> Plan:
        """The plan of the rules in force on `as_of` (cached per validity interval)."""
        index = bisect.bisect_right(self._boundaries, as_of)
        plan = self._plans.get(index)
        if plan is None:
            plan = build_plan(self.book, self.order, as_of)
            self._plans[index] = plan
        return plan

    def rules_in_force(self, as_of: dt.date):
        return self.plan(as_of).rules

    def case_plan(self, facts: Mapping[str, object], as_of: dt.date) -> Plan:
        """The plan a case is evaluated with: chosen by the case's own date (the manifest's
        `case_date`, e.g. when the application was lodged) where the rulebook declares one,
        never by the evaluation date; else by `as_of`. A case whose date is not known yet gets
        the latest version of each rule."""
        case_date = self.manifest.case_date
        if case_date is None:
            return self.plan(as_of)
        raw = facts.get(case_date)
        day = read_input(self, case_date, raw) if raw is not None else UNKNOWN
        return self.plan(day if isinstance(day, dt.date) else dt.date.max)

    # -- what callers ask of the facts ----------------------------------------------------

    def inputs_read(self, expression: Expression) -> list[str]:
        """The input facts (declared, not derived) an expression reads, sorted."""
        return sorted(n for n in expression.names if n in self.facts and n not in self.derived)

    def read_answer(self, fact: str, raw: object) -> object:
        """A raw answer (JSON-like) as the value of input fact `fact`, None for unknown;
        raises `FactValueError` (with a message to render) if it does not fit."""
        return read_input(self, fact, raw)

    def answer_from_form(self, fact: str, texts: list[str]) -> object:
        """The texts a form sent for `fact` as the raw answer `read_answer` expects (None
        for no answer); a text that fits no value is passed on for `read_answer` to refuse."""
        kind = self.facts[fact].type.kind if fact in self.facts else "text"
        return from_form(kind, texts)

    def session(self, as_of: dt.date) -> Evaluation:
        """An empty evaluation to fill answer by answer with `set()`."""
        return self.evaluate({}, as_of=as_of)

    def evaluate(self, facts: Mapping[str, object], as_of: dt.date) -> Evaluation:
        """Evaluate every derived fact, checklist item and suggestion as of `as_of`.

        `facts` maps input fact names to values (JSON-like: dates as ISO text are fine);
        None or a missing fact means unknown. Raises `FactValueError` for a value that does
        not fit its fact.
        """
        if isinstance(as_of, dt.datetime) or not isinstance(as_of, dt.date):
            raise TypeError("as_of must be a datetime.date")
        evaluation = Evaluation(self, self.case_plan(facts, as_of), as_of)
        evaluation.load_inputs(facts)
        evaluation.compute_all()
        return evaluation

    def evaluate_goals(
        self, facts: Mapping[str, object], as_of: dt.date, goals: Iterable[str]
    ) -> dict[str, object]:
        """Only the goals and what they depend on (batch what-if runs): goal -> value.

        Inputs the goals do not read are checked for their name only, not their value.
        """
        goals = tuple(goals)
        plan = self.case_plan(facts, as_of)
        evaluation = Evaluation(self, plan, as_of)
        reads = plan.cone_reads(goals)
        unknown = [name for name in facts if name not in self.facts]
        if unknown:
            evaluation.load_inputs({unknown[0]: None})  # raises the usual error
        evaluation.load_inputs({k: v for k, v in facts.items() if k in reads})
        evaluation.compute(plan.cone(goals))
        values = evaluation.fact_values
        return {goal: values.get(goal, UNKNOWN) for goal in goals}

    def __repr__(self) -> str:
        return f"<Rulebook {self.name} {self.version}: {len(self.rules)} rules>"


__all__ = ["Rulebook", "RulebookError"]
