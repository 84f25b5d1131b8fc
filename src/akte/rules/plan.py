"""An evaluation plan: the rules in force on a date, ordered, with their dependency graph.

Rules change only on the dates where some rule's validity begins or ends, so plans are cached
per interval between those dates. A plan lists every node (derived fact or view: checklist
item, suggestion, question relevance, country information) in dependency order and, for each
fact, the nodes that read it: what incremental re-evaluation follows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from akte.rules.model import LoadedRulebook, Rule
from akte.rules.resolution import RuleNode, resolve, walk
from akte.rules.values import UNKNOWN

U = UNKNOWN


def _always_true(v) -> bool:
    return True


@dataclass
class Node:
    """One thing to compute: a derived fact (`kind == "fact"`) or a view."""

    key: str
    kind: str  # fact | checklist | suggestion | question | country_information
    order: int
    reads: frozenset[str]
    compute: Callable  # (fact values, outcomes) -> value
    is_fact: bool = field(init=False)  # a derived fact, not a view

    def __post_init__(self) -> None:
        self.is_fact = self.kind == "fact"


@dataclass
class Plan:
    as_of_from: dt.date
    rules: list[Rule]
    trees: dict[str, list[RuleNode]]
    nodes: list[Node]
    by_key: dict[str, Node]
    dependents: dict[str, list[Node]] = field(default_factory=dict)
    _cones: dict[tuple[str, ...], list[Node]] = field(default_factory=dict)
    _cone_reads: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    _rules_for: dict[str, list[Rule]] = field(default_factory=dict)

    def rules_for(self, fact: str) -> list[Rule]:
        """The rules in force that set `fact`, each base rule before its exceptions."""
        cached = self._rules_for.get(fact)
        if cached is None:
            cached = [node.rule for node in walk(self.trees.get(fact, []))]
            self._rules_for[fact] = cached
        return cached

    def cone_reads(self, goals: tuple[str, ...]) -> frozenset[str]:
        """Every fact the nodes of the cone read."""
        cached = self._cone_reads.get(goals)
        if cached is None:
            cached = frozenset(name for node in self.cone(goals) for name in node.reads)
            self._cone_reads[goals] = cached
        return cached

    def cone(self, goals: tuple[str, ...]) -> list[Node]:
        """The nodes needed to compute `goals`, in order (for goal-directed batch runs)."""
        cached = self._cones.get(goals)
        if cached is not None:
            return cached
        needed: set[str] = set()
        stack = [g for g in goals if g in self.by_key]
        while stack:
            key = stack.pop()
            if key in needed:
                continue
            needed.add(key)
            stack.extend(r for r in self.by_key[key].reads if r in self.by_key)
        result = [n for n in self.nodes if n.key in needed]
        self._cones[goals] = result
        return result


def _fact_node(fact: str, roots: list[RuleNode], default: object) -> Callable:
    def compute(values, outcomes):
        value, state, rules = resolve(roots, default, values)
        outcomes[fact] = (state, rules)
        return value

    return compute


def _view(expression) -> Callable:
    if expression is None:
        return lambda values, outcomes: True
    run = expression.run
    return lambda values, outcomes: run(values)


def build_plan(book: LoadedRulebook, order: dict[str, int], day: dt.date) -> Plan:
    """The plan for `day`: rules in force, exception trees, nodes in dependency order."""
    rules = [r for r in book.rules if r.in_force(day)]
    by_id = {r.id: r for r in rules}
    nodes_by_rule: dict[str, RuleNode] = {}
    for rule in rules:
        nodes_by_rule[rule.id] = RuleNode(
            rule,
            rule.when.run if rule.when is not None else None,
            rule.value.run if rule.value is not None else _always_true,
        )
    trees: dict[str, list[RuleNode]] = defaultdict(list)
    for rule in rules:
        node = nodes_by_rule[rule.id]
        base = rule.exception_to
        if base is not None and base in by_id:
            nodes_by_rule[base].exceptions.append(node)
        else:  # a base rule, or an exception whose base is not in force on this day
            trees[rule.sets].append(node)
    nodes: list[Node] = []
    for fact in sorted(trees, key=order.__getitem__):
        reads: set[str] = set()
        for rule_node in walk(trees[fact]):
            reads |= rule_node.rule.reads
        default = book.facts[fact].default
        nodes.append(
            Node(fact, "fact", len(nodes), frozenset(reads), _fact_node(fact, trees[fact], default))
        )
    for item in book.checklist:
        covered, relevant = item.covered_when, item.relevant_when
        reads = item.reads
        covered_run = covered.run
        relevant_run = relevant.run if relevant else _always_true

        def checklist(values, outcomes, c=covered_run, r=relevant_run):
            return (r(values), c(values))

        nodes.append(Node("checklist:" + item.id, "checklist", len(nodes), reads, checklist))
    for suggestion in book.suggestions:
        nodes.append(
            Node(
                "suggestion:" + suggestion.id,
                "suggestion",
                len(nodes),
                suggestion.when.names,
                _view(suggestion.when),
            )
        )
    for question in book.questions:
        relevant = question.relevant_when
        nodes.append(
            Node(
                "question:" + question.id,
                "question",
                len(nodes),
                relevant.names if relevant else frozenset(),
                _view(relevant),
            )
        )
    place_facts = [f.name for f in book.facts.values() if f.type.kind == "place"]
    for info in book.country_information:
        if info.published > day:
            continue  # not yet published on this day
        if info.when is not None:
            reads, compute = info.when.names, _view(info.when)
        else:
            places = frozenset(info.places)

            def compute(values, outcomes, places=places):
                seen = [values.get(f, U) for f in place_facts]
                if any(v in places for v in seen if v is not U):
                    return True
                return U if any(v is U for v in seen) else False

            reads = frozenset(place_facts)
        nodes.append(
            Node(
                "country_information:" + info.id, "country_information", len(nodes), reads, compute
            )
        )
    by_key = {n.key: n for n in nodes}
    dependents: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        for name in node.reads:
            dependents[name].append(node)
    return Plan(day, rules, dict(trees), nodes, by_key, dict(dependents))
