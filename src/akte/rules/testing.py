"""Run a rulebook's YAML tests and measure which rules and branches they reach."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from akte.core.message import Message
from akte.rules.codes import note
from akte.rules.evaluation import Evaluation
from akte.rules.explain import Line, render_lines
from akte.rules.model import TestCase, code_text
from akte.rules.rulebook import Rulebook
from akte.rules.values import show_value


@dataclass(frozen=True)
class Failure:
    what: str  # a fact name, "checklist:<id>" or "fired"
    expected: str
    actual: str  # "" when no rule fired
    explanation: tuple[Line, ...] = ()


@dataclass
class TestOutcome:
    case: TestCase
    failures: list[Failure]
    evaluation: Evaluation

    @property
    def passed(self) -> bool:
        return not self.failures

    def lines(self) -> list[Line]:
        """The outcome as messages: passed or failed, each failure with its explanation."""
        where = str(self.case.location)
        head = "rules.test.passed" if self.passed else "rules.test.failed"
        lines = [Line(0, note(head, name=self.case.name, location=where))]
        for f in self.failures:
            if f.actual:
                got = note("rules.test.got", what=f.what, expected=f.expected, actual=f.actual)
            else:
                got = note("rules.test.got_no_rule", what=f.what, expected=f.expected)
            lines.append(Line(1, got))
            lines += [Line(line.depth + 2, line.message) for line in f.explanation]
        return lines

    def report(self, say: Callable[[Message], str] = code_text) -> str:
        """The outcome said by `say` (e.g. `lambda m: akte.words.render(m, "en")`)."""
        return render_lines(self.lines(), say)


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
                    tuple(evaluation.explain(fact).lines()),
                )
            )
    states = {s.item.id: s for s in evaluation.checklist}
    for item, expected in case.checklist.items():
        state = states[item]
        if state.state != expected:
            explanation = [
                Line(0, note("rules.test.covered_when", condition=state.item.covered_when.source))
            ]
            if state.missing:
                names = ", ".join(state.missing)
                explanation.append(Line(0, note("rules.test.missing", names=names)))
            failures.append(Failure("checklist:" + item, expected, state.state, tuple(explanation)))
    fired = {f.rule.id for f in evaluation.fired}
    for rule_id in case.fired:
        if rule_id not in fired:
            failures.append(Failure("fired", rule_id, ", ".join(sorted(fired))))
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

    def gaps(self, rulebook: Rulebook) -> list[Message]:
        """Rules and branches no test reached, one message each (`location` is file:line:col)."""
        lines = []
        for rule in rulebook.rules:
            where = str(rule.location)
            if rule.key not in self.fired:
                since = rule.valid_from.isoformat()
                lines.append(
                    note("rules.test.never_fired", location=where, rule=rule.id, since=since)
                )
            if rule.when is not None:
                seen = self.branches.get(rule.key, set())
                if True not in seen:
                    lines.append(note("rules.test.never_true", location=where, rule=rule.id))
                if False not in seen:
                    lines.append(note("rules.test.never_false", location=where, rule=rule.id))
        for item in rulebook.checklist:
            seen_states = self.checklist.get(item.id, set())
            for state in ("covered", "open"):
                if state not in seen_states:
                    code = f"rules.test.never_{state}"
                    lines.append(note(code, location=str(item.location), item=item.id))
        return lines


def coverage(outcomes: list[TestOutcome]) -> Coverage:
    result = Coverage()
    for outcome in outcomes:
        result.record(outcome.evaluation)
    return result
