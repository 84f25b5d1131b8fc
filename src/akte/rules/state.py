"""The values of one case on one date, kept up to date answer by answer.

`CaseState` is what an evaluation knows, read through a small interface: the value of a fact
(`value`), what decided a derived fact (`outcome`, `rules_for`), the state of a checklist item
(`checklist_value`), and the result of any expression on the case (`run`). Fact values and the
views over them (checklist items, suggestions, question relevance, country information) are
kept apart. `Evaluation` (evaluation.py) adds explanations and questions on top of it; the
modules that explain and ask read a case only through this interface.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from akte.rules.model import (
    ChecklistItem,
    CountryInformation,
    Expression,
    Fact,
    Manifest,
    Question,
    Rule,
    Suggestion,
)
from akte.rules.plan import Plan
from akte.rules.resolution import APPLIES, CONFLICT, NOT_APPLICABLE
from akte.rules.values import UNKNOWN, FactValueError, read_value, show_value

U = UNKNOWN


class RulebookParts(Protocol):
    """What a case state needs of its rulebook (a `Rulebook` has all of it)."""

    manifest: Manifest
    facts: Mapping[str, Fact]
    derived: frozenset[str]
    place_ids: frozenset[str]
    questions: list[Question]
    checklist: list[ChecklistItem]
    suggestions: list[Suggestion]
    country_information: list[CountryInformation]

    def plan(self, as_of: dt.date) -> Plan: ...


def read_input(rulebook: RulebookParts, fact: str, raw: object) -> object:
    """A raw answer (JSON-like: dates as ISO text) as the value of input fact `fact`;
    None is unknown. Raises `FactValueError` for an unknown or derived fact or a value that
    does not fit the fact's type."""
    facts = rulebook.facts
    if fact not in facts:
        raise FactValueError("rules.value.unknown_fact", {"fact": fact})
    if fact in rulebook.derived:
        raise FactValueError("rules.value.derived_fact", {"fact": fact})
    try:
        return read_value(facts[fact].type, raw, rulebook.place_ids)
    except FactValueError as error:
        raise error.for_fact(fact) from None


@dataclass(frozen=True)
class FiredRule:
    rule: Rule
    fact: str
    value: object

    def __str__(self) -> str:
        return f"{self.rule.id} ({self.rule.source}): {self.fact} = {show_value(self.value)}"


@dataclass(frozen=True)
class Conflict:
    """Two or more rules of equal rank apply with different values; the fact stays unknown."""

    fact: str
    rules: tuple[Rule, ...]

    def __str__(self) -> str:
        ids = ", ".join(f"{r.id} ({r.source})" for r in self.rules)
        return f"conflict on {self.fact}: {ids} apply with different values"


class CaseState:
    """Values of one case on one date; `set()` re-evaluates incrementally."""

    def __init__(self, rulebook: RulebookParts, plan: Plan, as_of: dt.date) -> None:
        self.rulebook = rulebook
        self.plan = plan
        self.as_of = as_of
        self._facts: dict[str, object] = {"as_of": as_of}
        self._views: dict[str, object] = {}
        self._outcomes: dict[str, tuple[int, tuple[Rule, ...]]] = {}

    # -- building and updating ----------------------------------------------------------

    def load_inputs(self, facts: Mapping[str, object]) -> None:
        for fact, raw in facts.items():
            value = read_input(self.rulebook, fact, raw)
            if value is not U:
                self._facts[fact] = value

    def compute_all(self) -> None:
        """Full evaluation: every node in dependency order."""
        self.compute(self.plan.nodes)

    def compute(self, nodes) -> None:
        """Compute `nodes` (in dependency order), e.g. the cone of some goals."""
        facts, views, outcomes = self._facts, self._views, self._outcomes
        for node in nodes:
            (facts if node.is_fact else views)[node.key] = node.compute(facts, outcomes)

    def set(self, fact: str, raw: object) -> list[str]:
        """Record one answer (None forgets it) and recompute only what depends on it.

        Returns the keys of the derived facts and views whose value changed.
        """
        return self._changed({fact: read_input(self.rulebook, fact, raw)})

    def update(self, facts: Mapping[str, object]) -> list[str]:
        """Several answers at once (e.g. one transcript segment); one propagation."""
        rulebook = self.rulebook
        return self._changed({fact: read_input(rulebook, fact, raw) for fact, raw in facts.items()})

    def unset(self, fact: str) -> list[str]:
        return self.set(fact, None)

    def _replanned(self, new: Mapping[str, object]) -> list[str] | None:
        """Where the case's own date (manifest `case_date`) changes the rules' versions: the
        new plan, evaluated in full; every derived key and view is reported changed."""
        case_date = self.rulebook.manifest.case_date
        if case_date is None or case_date not in new:
            return None
        day = new[case_date]
        plan = self.rulebook.plan(day if isinstance(day, dt.date) else dt.date.max)
        if plan is self.plan:
            return None
        inputs = {k: v for k, v in self.inputs.items()}
        inputs.update(new)
        self.plan = plan
        self._facts = {"as_of": self.as_of} | {k: v for k, v in inputs.items() if v is not U}
        self._views, self._outcomes = {}, {}
        self.compute_all()
        return [node.key for node in plan.nodes]

    def _changed(self, new: Mapping[str, object]) -> list[str]:
        replanned = self._replanned(new)
        if replanned is not None:
            return replanned
        facts, views, outcomes = self._facts, self._views, self._outcomes
        dependents = self.plan.dependents
        heap: list[tuple[int, str]] = []
        queued: set[str] = set()
        for fact, value in new.items():
            if facts.get(fact, U) == value and type(facts.get(fact, U)) is type(value):
                continue
            if value is U:
                facts.pop(fact, None)
            else:
                facts[fact] = value
            for node in dependents.get(fact, ()):
                if node.key not in queued:
                    queued.add(node.key)
                    heapq.heappush(heap, (node.order, node.key))
        changed: list[str] = []
        by_key = self.plan.by_key
        while heap:
            _, key = heapq.heappop(heap)
            node = by_key[key]
            store = facts if node.is_fact else views
            old = store.get(key, U)
            value = node.compute(facts, outcomes)
            store[key] = value
            if value is old or (value == old and type(value) is type(old)):
                continue
            changed.append(key)
            for dependent in dependents.get(key, ()):
                if dependent.key not in queued:
                    queued.add(dependent.key)
                    heapq.heappush(heap, (dependent.order, dependent.key))
        return changed

    # -- reading: facts -----------------------------------------------------------------

    def value(self, fact: str) -> object:
        """The value of a fact (input or derived), or `UNKNOWN`."""
        if fact not in self.rulebook.facts:
            raise KeyError(f"unknown fact {fact!r}")
        value = self._facts.get(fact, U)
        return U if value is None else value

    def __getitem__(self, fact: str) -> object:
        return self.value(fact)

    def is_known(self, name: str) -> bool:
        """Whether a fact (or `as_of`) has a value; no check that the fact is declared."""
        return self._facts.get(name, U) is not U

    @property
    def fact_values(self) -> Mapping[str, object]:
        """Every known fact value (and `as_of`), read-only: what expressions run on."""
        return MappingProxyType(self._facts)

    def run(self, expression: Expression) -> object:
        """The value of an expression of the rulebook on this case (true, false, a value or
        `UNKNOWN`)."""
        return expression.run(self._facts)

    @property
    def derived(self) -> dict[str, object]:
        """Every derived fact in force on this date with its value (`UNKNOWN` if unknown)."""
        facts = self._facts
        return {node.key: facts.get(node.key, U) for node in self.plan.nodes if node.is_fact}

    @property
    def inputs(self) -> dict[str, object]:
        declared, derived = self.rulebook.facts, self.rulebook.derived
        return {k: v for k, v in self._facts.items() if k in declared and k not in derived}

    # -- reading: how derived facts were decided ----------------------------------------

    def has_rules(self, fact: str) -> bool:
        """Whether some rule in force on this date sets `fact`."""
        return fact in self.plan.trees

    def rules_for(self, fact: str) -> list[Rule]:
        """The rules in force that set `fact`, each base rule before its exceptions."""
        return self.plan.rules_for(fact)

    @property
    def rules_in_force(self) -> list[Rule]:
        return self.plan.rules

    def outcome(self, fact: str) -> tuple[int, tuple[Rule, ...]]:
        """How a derived fact was decided: a state of `akte.rules.resolution` (APPLIES,
        NOT_APPLICABLE, UNDECIDED, CONFLICT) and the rules that set it (or conflict)."""
        return self._outcomes.get(fact, (NOT_APPLICABLE, ()))

    @property
    def fired(self) -> list[FiredRule]:
        """The rules whose value was used, one per derived fact that a rule set."""
        result = []
        for fact, (state, rules) in self._outcomes.items():
            if state == APPLIES:
                result.extend(FiredRule(rule, fact, self._facts.get(fact, U)) for rule in rules)
        return result

    @property
    def conflicts(self) -> list[Conflict]:
        return [
            Conflict(fact, rules)
            for fact, (state, rules) in self._outcomes.items()
            if state == CONFLICT
        ]

    # -- reading: views -----------------------------------------------------------------

    @property
    def views(self) -> Mapping[str, object]:
        """Every view computed on this case (checklist items, suggestions, question
        relevance, country information) by its plan key, read-only."""
        return MappingProxyType(self._views)

    def checklist_value(self, item_id: str) -> tuple[object, object]:
        """(relevant, covered) of a checklist item, each true, false or `UNKNOWN`."""
        return self._views.get("checklist:" + item_id, (True, U))  # type: ignore[return-value]

    def question_relevant(self, question_id: str) -> object:
        """A question's `relevant_when` on this case (true without one)."""
        return self._views.get("question:" + question_id, True)

    @property
    def suggestions(self) -> list[Suggestion]:
        """Suggestions whose condition holds (not those that are unknown)."""
        views = self._views
        return [s for s in self.rulebook.suggestions if views.get("suggestion:" + s.id) is True]

    @property
    def country_information(self) -> list[CountryInformation]:
        """Country information published by this date that concerns the case."""
        views = self._views
        return [
            info
            for info in self.rulebook.country_information
            if views.get("country_information:" + info.id) is True
        ]

    def same_as(self, other: CaseState) -> bool:
        """The same values, views and outcomes (e.g. incremental against fresh)."""
        return (self._facts, self._views, self._outcomes) == (
            other._facts,
            other._views,
            other._outcomes,
        )

    def _copy_into(self, clone: CaseState) -> None:
        clone._facts, clone._views = dict(self._facts), dict(self._views)
        clone._outcomes = dict(self._outcomes)
