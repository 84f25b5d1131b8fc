"""Explanations: the tree of rules and inputs behind a value, or what is still missing.

take_charge_request_deadline = 2019-04-30
  by rule art21-1-eurodac (Art. 21(1) subpara. 2 Regulation (EU) No 604/2013)
    when known(eurodac_hit_on)  ->  eurodac_hit_on + 2 months
    exception to art21-1-lodging
  - eurodac_hit_on = 2019-02-28 (input)

(as `akte rules explain` prints it: `Explanation.lines()` is the structure, one message per
line with its depth; `render(say)` says them, e.g. in English for the command line)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from akte.core.message import Message
from akte.rules.calendar import moved_over
from akte.rules.codes import note
from akte.rules.compiler import compile_expression, missing_inputs, unknown_known_arguments
from akte.rules.expressions import Call, Node
from akte.rules.model import Expression, Rule, code_text
from akte.rules.resolution import APPLIES, CONFLICT, NOT_APPLICABLE
from akte.rules.state import CaseState
from akte.rules.values import UNKNOWN, show_value, to_json

_HEADS = {
    "input": "rules.explain.input",
    "missing": "rules.explain.missing",
    "default": "rules.explain.default",
    "no_rule": "rules.explain.no_rule",
    "conflict": "rules.explain.conflict",
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of an explanation: a message at a depth (two spaces of indent each)."""

    depth: int
    message: Message


def render_lines(lines: list[Line], say: Callable[[Message], str] = code_text) -> str:
    return "\n".join("  " * line.depth + say(line.message) for line in lines)


@dataclass
class Explanation:
    """Why a fact has its value.

    `kind`: input (given), missing (an input not given), derived (a rule set it), default (no
    rule applied), unknown (undecided: `missing` lists the inputs that would settle it),
    conflict (rules of equal rank disagree), no_rule (no rule in force on the date).
    """

    fact: str
    value: object
    kind: str
    rules: tuple[Rule, ...] = ()
    because: list[Explanation] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    not_applied: list[tuple[Rule, Message]] = field(default_factory=list)  # rule, reason
    moved: Message | None = None  # a working_day() that moved the value past a day off

    def lines(self, depth: int = 0) -> list[Line]:
        """The explanation as messages, each with its depth in the tree (structure, no words)."""
        head = note(
            _HEADS.get(self.kind, "rules.explain.value"),
            fact=self.fact,
            value=show_value(self.value),
        )
        lines = [Line(depth, head)]
        for rule in self.rules:
            lines.append(
                Line(depth + 1, note("rules.explain.by_rule", rule=rule.id, source=rule.source))
            )
            value = rule.value.source if rule.value else "true"
            if rule.when:
                step = note("rules.explain.when", condition=rule.when.source, value=value)
            else:
                step = note("rules.explain.always", value=value)
            lines.append(Line(depth + 2, step))
            if rule.exception_to:
                lines.append(
                    Line(depth + 2, note("rules.explain.exception_to", rule=rule.exception_to))
                )
        if self.moved is not None:
            lines.append(Line(depth + 2, self.moved))
        for rule, why in self.not_applied:
            lines.append(
                Line(depth + 1, note("rules.explain.not_applied", rule=rule.id, reason=why))
            )
        if self.missing:
            names = ", ".join(self.missing)
            lines.append(Line(depth + 1, note("rules.explain.missing_inputs", names=names)))
        for child in self.because:
            lines += child.lines(depth + 1)
        return lines

    def render(self, say: Callable[[Message], str] = code_text) -> str:
        """The tree as indented lines said by `say` (e.g. `lambda m: akte.words.render(m, "en")`);
        without it, codes and parameters."""
        return render_lines(self.lines(), say)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict:
        return {
            "fact": self.fact,
            "value": to_json(self.value),
            "kind": self.kind,
            "rules": [{"id": r.id, "source": r.source} for r in self.rules],
            "not_applied": [{"id": r.id, "why": why.as_dict()} for r, why in self.not_applied],
            "missing": self.missing,
            "moved": self.moved.as_dict() if self.moved is not None else None,
            "because": [c.to_dict() for c in self.because],
        }


_COMPILED: dict[int, tuple[Node, object]] = {}


def _compiled(node: Node):
    """The compiled argument of a rule's working_day() (rules live as long as the process)."""
    kept = _COMPILED.get(id(node))
    if kept is None or kept[0] is not node:
        kept = _COMPILED[id(node)] = (node, compile_expression(node))
    return kept[1]


def moved_by_working_day(case: CaseState, rule: Rule) -> Message | None:
    """Where the rule's value is `working_day(d, region)` and `d` is no working day there: the
    message naming the days it moved over (holidays by name), else None."""
    tree = rule.value.tree if rule.value is not None else None
    if not (isinstance(tree, Call) and tree.function == "working_day" and len(tree.args) == 2):
        return None
    values = case.fact_values
    day, region = (_compiled(arg)(values) for arg in tree.args)
    if not isinstance(day, dt.date) or not isinstance(region, str):
        return None
    skipped = moved_over(day, region)
    if not skipped:
        return None
    end = (skipped[-1][0] + dt.timedelta(days=1)).isoformat()
    named = [f"{d.isoformat()} {name}".strip() for d, name in skipped if name is not None]
    params = {"start": day.isoformat(), "end": end, "region": region}
    if named:
        return note("rules.explain.moved_holiday", **params, holidays=", ".join(named))
    return note("rules.explain.moved_weekend", **params)


def _reads(rule: Rule) -> list[str]:
    return sorted(rule.reads - {"as_of"})


def missing_inputs_of(
    case: CaseState, expression: Expression, through_known: bool = True
) -> list[str]:
    """Input facts that keep an expression unknown (or, through `known(x)`, false),
    looking through derived facts to the inputs behind them."""
    found: list[str] = []
    seen: set[str] = set()
    derived = case.rulebook.derived

    def visit(name: str) -> None:
        if name in seen or name == "as_of":
            return
        seen.add(name)
        if case.has_rules(name):
            for sub in missing_for_fact(case, name):
                visit(sub)
        elif name not in derived and name not in found:
            found.append(name)

    values = case.fact_values
    for name in missing_inputs(expression.tree, values):
        visit(name)
    if through_known:
        for name in unknown_known_arguments(expression.tree, values):
            visit(name)
    return found


def missing_for_fact(case: CaseState, fact: str) -> list[str]:
    """Direct unknown facts (input or derived) that keep a derived fact undecided."""
    values = case.fact_values
    names: list[str] = []
    for rule in case.rules_for(fact):
        condition = True if rule.when is None else case.run(rule.when)
        if condition is UNKNOWN:
            names += missing_inputs(rule.when.tree, values)  # type: ignore[union-attr]
        elif condition is True and rule.value is not None:
            names += missing_inputs(rule.value.tree, values)
    return list(dict.fromkeys(names))


def explain(case: CaseState, fact: str, depth: int = 0) -> Explanation:
    rulebook = case.rulebook
    if fact not in rulebook.facts:
        raise KeyError(f"unknown fact {fact!r}")
    value = case.value(fact)
    if not case.has_rules(fact):
        if fact in rulebook.derived:
            return Explanation(fact, value, "no_rule")
        return Explanation(fact, value, "input" if value is not UNKNOWN else "missing")
    state, rules = case.outcome(fact)
    not_applied = []
    for rule in case.rules_for(fact):
        if rule in rules or rule.when is None:
            continue
        if case.run(rule.when) is False:
            not_applied.append((rule, note("rules.explain.false", condition=rule.when.source)))
    if state == APPLIES:
        children = [explain(case, name, depth + 1) for r in rules for name in _reads(r)]
        moved = next(filter(None, (moved_by_working_day(case, r) for r in rules)), None)
        return Explanation(fact, value, "derived", rules, children, [], not_applied, moved)
    if state == NOT_APPLICABLE:
        return Explanation(fact, value, "default", (), [], [], not_applied)
    if state == CONFLICT:
        children = [explain(case, name, depth + 1) for r in rules for name in _reads(r)]
        return Explanation(fact, UNKNOWN, "conflict", rules, children, [], not_applied)
    skipped = {rule for rule, _ in not_applied}
    read: list[str] = []
    for rule in case.rules_for(fact):
        if rule not in skipped:
            read += [n for n in _reads(rule) if n in rulebook.derived and n not in read]
    children = [explain(case, name, depth + 1) for name in read]
    inputs = missing_inputs_of_fact(case, fact)
    return Explanation(fact, UNKNOWN, "unknown", (), children, inputs, not_applied)


def missing_inputs_of_fact(case: CaseState, fact: str) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    stack = [fact]
    derived = case.rulebook.derived
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        for sub in missing_for_fact(case, name):
            if case.has_rules(sub):
                stack.append(sub)
            elif sub not in derived and sub != "as_of" and sub not in found:
                found.append(sub)
    return found
