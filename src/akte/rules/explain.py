"""Explanations: the tree of rules and inputs behind a value, or what is still missing.

take_charge_request_deadline = 2019-04-30
  by rule art21-1-eurodac (Art. 21(1) subpara. 2 Regulation (EU) No 604/2013)
    when known(eurodac_hit_on)  ->  eurodac_hit_on + 2 months
    exception to art21-1-lodging
  - eurodac_hit_on = 2019-02-28 (input)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from akte.rules.compiler import missing_inputs, unknown_known_arguments
from akte.rules.expressions import Node, names_in
from akte.rules.model import Rule
from akte.rules.resolution import APPLIES, CONFLICT, NOT_APPLICABLE, walk
from akte.rules.values import UNKNOWN, show_value, to_json

if TYPE_CHECKING:
    from akte.rules.evaluation import Evaluation


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
    not_applied: list[tuple[Rule, str]] = field(default_factory=list)

    def render(self, indent: int = 0) -> str:
        pad = "  " * indent
        head = f"{pad}{self.fact} = {show_value(self.value)}"
        lines: list[str] = []
        if self.kind == "input":
            lines.append(head + " (input)")
        elif self.kind == "missing":
            lines.append(head + " (input not given)")
        elif self.kind == "default":
            lines.append(head + " (default: no rule applies)")
        elif self.kind == "no_rule":
            lines.append(head + " (no rule for it is in force on this date)")
        elif self.kind == "conflict":
            lines.append(head + " (conflict: rules of equal rank disagree)")
        else:
            lines.append(head)
        for rule in self.rules:
            lines.append(f"{pad}  by rule {rule.id} ({rule.source})")
            condition = f"when {rule.when.source}" if rule.when else "always"
            value = rule.value.source if rule.value else "true"
            lines.append(f"{pad}    {condition}  ->  {value}")
            if rule.exception_to:
                lines.append(f"{pad}    exception to {rule.exception_to}")
        for rule, why in self.not_applied:
            lines.append(f"{pad}  rule {rule.id} did not apply: {why}")
        if self.missing:
            lines.append(f"{pad}  missing inputs: {', '.join(self.missing)}")
        for child in self.because:
            lines.append(child.render(indent + 1))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()

    def to_dict(self) -> dict:
        return {
            "fact": self.fact,
            "value": to_json(self.value),
            "kind": self.kind,
            "rules": [{"id": r.id, "source": r.source} for r in self.rules],
            "not_applied": [{"id": r.id, "why": why} for r, why in self.not_applied],
            "missing": self.missing,
            "because": [c.to_dict() for c in self.because],
        }


def _reads(rule: Rule) -> list[str]:
    names: set[str] = set()
    for expression in (rule.when, rule.value):
        if expression is not None:
            names |= names_in(expression.tree)
    return sorted(names - {"as_of"})


def missing_inputs_of(evaluation: Evaluation, tree: Node, through_known: bool = True) -> list[str]:
    """Input facts that keep an expression unknown (or, through `known(x)`, false),
    looking through derived facts to the inputs behind them."""
    found: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen or name == "as_of":
            return
        seen.add(name)
        if name in evaluation.plan.trees:
            for sub in missing_for_fact(evaluation, name):
                visit(sub)
        elif name not in evaluation.rulebook.derived and name not in found:
            found.append(name)

    for name in missing_inputs(tree, evaluation.values):
        visit(name)
    if through_known and evaluation.values is not None:
        for name in unknown_known_arguments(tree, evaluation.values):
            visit(name)
    return found


def missing_for_fact(evaluation: Evaluation, fact: str) -> list[str]:
    """Direct unknown facts (input or derived) that keep a derived fact undecided."""
    values = evaluation.values
    names: list[str] = []
    for node in walk(evaluation.plan.trees.get(fact, [])):
        rule = node.rule
        condition = True if rule.when is None else rule.when.run(values)
        if condition is UNKNOWN:
            names += missing_inputs(rule.when.tree, values)  # type: ignore[union-attr]
        elif condition is True and rule.value is not None:
            names += missing_inputs(rule.value.tree, values)
    return list(dict.fromkeys(names))


def explain(evaluation: Evaluation, fact: str, depth: int = 0) -> Explanation:
    rulebook = evaluation.rulebook
    if fact not in rulebook.facts:
        raise KeyError(f"unknown fact {fact!r}")
    value = evaluation.values.get(fact, UNKNOWN)
    if fact not in evaluation.plan.trees:
        if fact in rulebook.derived:
            return Explanation(fact, value, "no_rule")
        return Explanation(fact, value, "input" if value is not UNKNOWN else "missing")
    state, rules = evaluation.outcomes.get(fact, (NOT_APPLICABLE, ()))
    not_applied = []
    for node in walk(evaluation.plan.trees[fact]):
        rule = node.rule
        if rule in rules or rule.when is None:
            continue
        condition = rule.when.run(evaluation.values)
        if condition is False:
            not_applied.append((rule, f"{rule.when.source} is false"))
    if state == APPLIES:
        children = [explain(evaluation, name, depth + 1) for r in rules for name in _reads(r)]
        return Explanation(fact, value, "derived", rules, children, [], not_applied)
    if state == NOT_APPLICABLE:
        return Explanation(fact, value, "default", (), [], [], not_applied)
    if state == CONFLICT:
        children = [explain(evaluation, name, depth + 1) for r in rules for name in _reads(r)]
        return Explanation(fact, UNKNOWN, "conflict", rules, children, [], not_applied)
    skipped = {rule for rule, _ in not_applied}
    read: list[str] = []
    for node in walk(evaluation.plan.trees[fact]):
        if node.rule not in skipped:
            read += [n for n in _reads(node.rule) if n in rulebook.derived and n not in read]
    children = [explain(evaluation, name, depth + 1) for name in read]
    inputs = missing_inputs_of_fact(evaluation, fact)
    return Explanation(fact, UNKNOWN, "unknown", (), children, inputs, not_applied)


def missing_inputs_of_fact(evaluation: Evaluation, fact: str) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    stack = [fact]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        for sub in missing_for_fact(evaluation, name):
            if sub in evaluation.plan.trees:
                stack.append(sub)
            elif sub not in evaluation.rulebook.derived and sub != "as_of" and sub not in found:
                found.append(sub)
    return found
