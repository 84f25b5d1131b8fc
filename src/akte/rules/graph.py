"""The dependency graph of derived facts over every rule version: one graph for the cycle
check at load time and for the order in which plans compute."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from akte.rules.model import Rule


def fact_dependencies(rules: Iterable[Rule]) -> dict[str, set[str]]:
    """Derived fact -> the derived facts its rules read (every fact some rule sets is a key)."""
    rules = list(rules)
    derived = {rule.sets for rule in rules}
    reads: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        reads[rule.sets] |= rule.reads & derived
    return dict(reads)


def cycles(dependencies: Mapping[str, set[str]]) -> list[list[str]]:
    """Each cycle found by a depth-first walk, as a path that ends where it starts."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(dependencies):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(dependencies[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                found.append(path[path.index(child) :] + [child])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(dependencies.get(child, ())))))
    return found


def dependency_order(dependencies: Mapping[str, set[str]]) -> dict[str, int]:
    """A topological order (fact -> position): what a fact reads comes first. Cycles are
    load errors, so the graph is acyclic here."""
    order: dict[str, int] = {}
    for start in sorted(dependencies):
        stack = [(start, False)]
        while stack:
            fact, expanded = stack.pop()
            if fact in order:
                continue
            if expanded:
                order[fact] = len(order)
                continue
            stack.append((fact, True))
            stack.extend((d, False) for d in sorted(dependencies.get(fact, ())) if d not in order)
    return order
