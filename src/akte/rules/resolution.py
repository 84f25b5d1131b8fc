"""Base rules and exceptions (default logic): which rule sets a fact, or why none can yet.

For one fact, the rules in force form trees: base rules at the root, exceptions below the
rule they override. A node's result is one of:

- APPLIES: the rule (or an exception below it) applies, with a known value;
- NOT_APPLICABLE: neither the rule nor any exception below it applies;
- UNDECIDED: it depends on unknown facts (with the value it would give, if that is certain);
- CONFLICT: two rules of equal rank apply with different values: reported, never picked.

An exception is considered whether or not its base rule's condition holds (as in Catala).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from akte.rules.compiler import Compiled
from akte.rules.model import Rule
from akte.rules.values import UNKNOWN

NOT_APPLICABLE, APPLIES, UNDECIDED, CONFLICT = 0, 1, 2, 3
_NOPOSS = object()  # "the value it would give is not certain"
U = UNKNOWN


@dataclass
class RuleNode:
    rule: Rule
    condition: Compiled | None
    value: Compiled
    exceptions: list[RuleNode] = field(default_factory=list)
    applied: tuple[Rule, ...] = ()

    def __post_init__(self) -> None:
        self.applied = (self.rule,)


Result = tuple[int, object, tuple[Rule, ...]]
_NOT_APPLICABLE: Result = (NOT_APPLICABLE, None, ())


def evaluate_node(node: RuleNode, v) -> Result:
    if not node.exceptions:  # the common case: a rule without exceptions
        condition = True if node.condition is None else node.condition(v)
        if condition is False:
            return _NOT_APPLICABLE
        value = node.value(v)
        if value is not U:
            if condition is True:
                return APPLIES, value, node.applied
            return UNDECIDED, value, ()
        return UNDECIDED, _NOPOSS, ()
    undecided_below = False
    possible: object = _NOPOSS
    exceptions = node.exceptions
    if exceptions:
        if len(exceptions) == 1:
            state, value, rules = evaluate_node(exceptions[0], v)
        else:
            state, value, rules = combine([evaluate_node(e, v) for e in exceptions])
        if state == APPLIES or state == CONFLICT:
            return state, value, rules
        if state == UNDECIDED:
            undecided_below, possible = True, value
    condition = True if node.condition is None else node.condition(v)
    if condition is False:
        return (UNDECIDED, possible, ()) if undecided_below else (NOT_APPLICABLE, None, ())
    value = node.value(v)
    if condition is True and value is not U:
        if not undecided_below or (possible is not _NOPOSS and possible == value):
            return APPLIES, value, node.applied
        return UNDECIDED, _NOPOSS, ()
    # condition unknown, or the rule applies with an unknown value
    mine = value if (value is not U and condition is U) else _NOPOSS
    if undecided_below and (possible is _NOPOSS or mine is _NOPOSS or possible != mine):
        mine = _NOPOSS
    return UNDECIDED, mine, ()


def combine(results: list[Result]) -> Result:
    """Results of rules of equal rank (siblings)."""
    if len(results) == 1:
        return results[0]
    # fast path: nothing applies, or exactly one rule applies and the others do not
    single = None
    for r in results:
        state = r[0]
        if state == NOT_APPLICABLE:
            continue
        if state == APPLIES and single is None:
            single = r
            continue
        return _combine(results)
    return single if single is not None else _NOT_APPLICABLE


def _combine(results: list[Result]) -> Result:
    """The general case of `combine`, in one pass."""
    applied_rules: list[Rule] = []
    conflict_rules: list[Rule] = []
    possibles: list[object] = []
    value: object = _NOPOSS
    applied = 0
    differ = False
    for state, result_value, rules in results:
        if state == APPLIES:
            if applied == 0:
                value = result_value
            elif result_value != value:
                differ = True
            applied += 1
            applied_rules.extend(rules)
        elif state == CONFLICT:
            conflict_rules.extend(rules)
        elif state == UNDECIDED:
            possibles.append(result_value)
    if conflict_rules:
        return CONFLICT, None, tuple(conflict_rules + applied_rules)
    if applied:
        if differ:
            return CONFLICT, None, tuple(applied_rules)
        for possible in possibles:
            if possible is _NOPOSS or possible != value:
                return UNDECIDED, _NOPOSS, ()
        return APPLIES, value, tuple(applied_rules)
    if possibles:
        first = possibles[0]
        for possible in possibles[1:]:
            if possible is _NOPOSS or possible != first:
                return UNDECIDED, _NOPOSS, ()
        return UNDECIDED, first, ()
    return _NOT_APPLICABLE


def resolve(roots: list[RuleNode], default: object, v) -> tuple[object, int, tuple[Rule, ...]]:
    """The fact's value, the state, and the rules that set it (or that conflict)."""
    if len(roots) == 1:
        state, value, rules = evaluate_node(roots[0], v)
    else:
        state, value, rules = combine([evaluate_node(r, v) for r in roots])
    if state == APPLIES:
        return value, state, rules
    if state == NOT_APPLICABLE:
        return default, state, rules
    return U, state, rules


def walk(nodes: list[RuleNode]):
    """Every rule node of the trees, parents before exceptions."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.exceptions))
