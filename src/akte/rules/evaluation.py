"""An evaluation of one case as of one date, kept up to date answer by answer.

`Rulebook.evaluate(facts, as_of=...)` returns an `Evaluation`. It holds every derived value,
the rules that fired, the checklist and suggestions, and it is also the session object of the
interview assistant: `evaluation.set(fact, value)` recomputes only the nodes that read the
changed fact (and, transitively, what changed because of them), in dependency order.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from akte.rules.model import ChecklistItem, CountryInformation, Rule, Suggestion
from akte.rules.plan import Plan
from akte.rules.resolution import APPLIES, CONFLICT
from akte.rules.values import UNKNOWN, FactValueError, read_value, show_value

if TYPE_CHECKING:
    from akte.rules.explain import Explanation
    from akte.rules.questions import SuggestedQuestion
    from akte.rules.rulebook import Rulebook

U = UNKNOWN


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


@dataclass(frozen=True)
class ChecklistState:
    item: ChecklistItem
    state: str  # covered | open | not_relevant
    missing: tuple[str, ...]  # facts whose account would settle an open item

    @property
    def covered(self) -> bool:
        return self.state == "covered"


class Evaluation:
    """Values of one case on one date; `set()` re-evaluates incrementally."""

    def __init__(self, rulebook: Rulebook, plan: Plan, as_of: dt.date) -> None:
        self.rulebook = rulebook
        self.plan = plan
        self.as_of = as_of
        self.values: dict[str, object] = {"as_of": as_of}
        self.outcomes: dict[str, tuple[int, tuple[Rule, ...]]] = {}

    # -- building and updating ----------------------------------------------------------

    def _read(self, fact: str, raw: object) -> object:
        facts = self.rulebook.facts
        if fact not in facts:
            raise FactValueError(f"unknown fact {fact!r}: it is not declared in the rulebook")
        if fact in self.rulebook.derived:
            raise FactValueError(f"{fact!r} is derived by rules and cannot be given as input")
        try:
            return read_value(facts[fact].type, raw, self.rulebook.place_ids)
        except FactValueError as error:
            raise FactValueError(f"{fact}: {error}") from None

    def load_inputs(self, facts: Mapping[str, object]) -> None:
        for fact, raw in facts.items():
            value = self._read(fact, raw)
            if value is not U:
                self.values[fact] = value

    def compute_all(self) -> None:
        """Full evaluation: every node in dependency order."""
        values, outcomes = self.values, self.outcomes
        for node in self.plan.nodes:
            values[node.key] = node.compute(values, outcomes)

    def set(self, fact: str, raw: object) -> list[str]:
        """Record one answer (None forgets it) and recompute only what depends on it.

        Returns the keys of the derived facts and views whose value changed.
        """
        value = self._read(fact, raw)
        return self._changed({fact: value})

    def update(self, facts: Mapping[str, object]) -> list[str]:
        """Several answers at once (e.g. one transcript segment); one propagation."""
        return self._changed({fact: self._read(fact, raw) for fact, raw in facts.items()})

    def unset(self, fact: str) -> list[str]:
        return self.set(fact, None)

    def _changed(self, new: Mapping[str, object]) -> list[str]:
        values, outcomes, dependents = self.values, self.outcomes, self.plan.dependents
        heap: list[tuple[int, str]] = []
        queued: set[str] = set()
        for fact, value in new.items():
            if values.get(fact, U) == value and type(values.get(fact, U)) is type(value):
                continue
            if value is U:
                values.pop(fact, None)
            else:
                values[fact] = value
            for node in dependents.get(fact, ()):
                if node.key not in queued:
                    queued.add(node.key)
                    heapq.heappush(heap, (node.order, node.key))
        changed: list[str] = []
        by_key = self.plan.by_key
        while heap:
            _, key = heapq.heappop(heap)
            node = by_key[key]
            old = values.get(key, U)
            value = node.compute(values, outcomes)
            values[key] = value
            if value is old or (value == old and type(value) is type(old)):
                continue
            changed.append(key)
            for dependent in dependents.get(key, ()):
                if dependent.key not in queued:
                    queued.add(dependent.key)
                    heapq.heappush(heap, (dependent.order, dependent.key))
        return changed

    # -- reading results ----------------------------------------------------------------

    def value(self, fact: str) -> object:
        """The value of a fact (input or derived), or `UNKNOWN`."""
        if fact not in self.rulebook.facts:
            raise KeyError(f"unknown fact {fact!r}")
        value = self.values.get(fact, U)
        return U if value is None else value

    def __getitem__(self, fact: str) -> object:
        return self.value(fact)

    @property
    def derived(self) -> dict[str, object]:
        """Every derived fact in force on this date with its value (`UNKNOWN` if unknown)."""
        return {
            node.key: self.values.get(node.key, U)
            for node in self.plan.nodes
            if node.kind == "fact"
        }

    @property
    def inputs(self) -> dict[str, object]:
        derived = self.rulebook.derived
        return {
            k: v for k, v in self.values.items() if k in self.rulebook.facts and k not in derived
        }

    @property
    def fired(self) -> list[FiredRule]:
        """The rules whose value was used, one per derived fact that a rule set."""
        result = []
        for fact, (state, rules) in self.outcomes.items():
            if state == APPLIES:
                result.extend(FiredRule(rule, fact, self.values.get(fact, U)) for rule in rules)
        return result

    @property
    def conflicts(self) -> list[Conflict]:
        return [
            Conflict(fact, rules)
            for fact, (state, rules) in self.outcomes.items()
            if state == CONFLICT
        ]

    @property
    def checklist(self) -> list[ChecklistState]:
        from akte.rules.explain import missing_inputs_of

        result = []
        for item in self.rulebook.checklist:
            relevant, covered = self.values.get("checklist:" + item.id, (True, U))
            if relevant is False:
                state = "not_relevant"
            elif covered is True:
                state = "covered"
            else:
                state = "open"
            missing = (
                tuple(missing_inputs_of(self, item.covered_when.tree)) if state == "open" else ()
            )
            result.append(ChecklistState(item, state, missing))
        return result

    @property
    def suggestions(self) -> list[Suggestion]:
        """Suggestions whose condition holds (not those that are unknown)."""
        return [
            s for s in self.rulebook.suggestions if self.values.get("suggestion:" + s.id) is True
        ]

    @property
    def country_information(self) -> list[CountryInformation]:
        """Country information published by this date that concerns the case."""
        return [
            info
            for info in self.rulebook.country_information
            if self.values.get("country_information:" + info.id) is True
        ]

    def explain(self, fact: str) -> Explanation:
        """The tree of rules and inputs behind a value, or the inputs still missing."""
        from akte.rules.explain import explain

        return explain(self, fact)

    def next_questions(
        self, goals: Iterable[str] | None = None, limit: int | None = None
    ) -> list[SuggestedQuestion]:
        """Questions for unknown inputs, ranked by how many unresolved goals they serve."""
        from akte.rules.questions import next_questions

        return next_questions(self, goals, limit)

    def copy(self) -> Evaluation:
        clone = Evaluation(self.rulebook, self.plan, self.as_of)
        clone.values, clone.outcomes = dict(self.values), dict(self.outcomes)
        return clone
