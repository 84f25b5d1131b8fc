"""Run a rulebook's YAML tests and measure which rules and branches they reach."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from akte.rules.evaluation import Evaluation
from akte.rules.model import TestCase
from akte.rules.rulebook import Rulebook
from akte.rules.values import show_value


@dataclass(frozen=True)
class Failure:
    what: str  # a fact name, "checklist:<id>" or "fired"
    expected: str
    actual: str
    explanation: str


@dataclass
class TestOutcome:
    case: TestCase
    failures: list[Failure]
    evaluation: Evaluation

    @property
    def passed(self) -> bool:
        return not self.failures

    def report(self) -> str:
        head = f"{'PASS' if self.passed else 'FAIL'} {self.case.name} ({self.case.location})"
        lines = [head]
        for failure in self.failures:
            lines.append(f"  {failure.what}: expected {failure.expected}, got {failure.actual}")
            if failure.explanation:
                lines += ["    " + line for line in failure.explanation.splitlines()]
        return "\n".join(lines)


def run_case(rulebook: Rulebook, case: TestCase) -> TestOutcome:
    evaluation = rulebook.evaluate(case.input, as_of=case.as_of)
    failures: list[Failure] = []
    for fact, expected in case.output.items():
        actual = evaluation.value(fact)
        if actual != expected or type(actual) is not type(expected):
            failures.append(
                Failure(
                    fact,
                    show_value(expected),
                    show_value(actual),
                    evaluation.explain(fact).render(),
                )
            )
    states = {s.item.id: s for s in evaluation.checklist}
    for item, expected in case.checklist.items():
        state = states[item]
        if state.state != expected:
            missing = ", ".join(state.missing)
            failures.append(
                Failure(
                    "checklist:" + item,
                    expected,
                    state.state,
                    f"covered_when: {state.item.covered_when.source}"
                    + (f"\nmissing: {missing}" if missing else ""),
                )
            )
    fired = {f.rule.id for f in evaluation.fired}
    for rule_id in case.fired:
        if rule_id not in fired:
            failures.append(Failure("fired", rule_id, ", ".join(sorted(fired)) or "no rule", ""))
    return TestOutcome(case, failures, evaluation)


def run_tests(rulebook: Rulebook) -> list[TestOutcome]:
    return [run_case(rulebook, case) for case in rulebook.tests]


@dataclass
class Coverage:
    """What the tests reached: rules fired, conditions seen true and false, checklist states."""

    fired: set[str] = field(default_factory=set)
    branches: dict[str, set[object]] = field(default_factory=lambda: defaultdict(set))
    checklist: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def record(self, evaluation: Evaluation) -> None:
        for fired in evaluation.fired:
            self.fired.add(fired.rule.key)
        for rule in evaluation.rules_in_force:
            if rule.when is not None:
                self.branches[rule.key].add(evaluation.run(rule.when))
        for state in evaluation.checklist:
            self.checklist[state.item.id].add(state.state)

    def gaps(self, rulebook: Rulebook) -> list[str]:
        """Rules and branches no test reached, one line each."""
        lines = []
        for rule in rulebook.rules:
            where = f"{rule.location}"
            if rule.key not in self.fired:
                lines.append(f"{where}: rule {rule.id} ({rule.valid_from}) never fired")
            if rule.when is not None:
                seen = self.branches.get(rule.key, set())
                if True not in seen:
                    lines.append(f"{where}: rule {rule.id}: `when` never true")
                if False not in seen:
                    lines.append(f"{where}: rule {rule.id}: `when` never false")
        for item in rulebook.checklist:
            seen_states = self.checklist.get(item.id, set())
            for state in ("covered", "open"):
                if state not in seen_states:
                    lines.append(f"{item.location}: checklist {item.id} never {state}")
        return lines


def coverage(outcomes: list[TestOutcome]) -> Coverage:
    result = Coverage()
    for outcome in outcomes:
        result.record(outcome.evaluation)
    return result
