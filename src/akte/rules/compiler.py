"""Compile expression trees into Python closures over a dict of fact values.

No `eval`: every node becomes a small function. Unknown inputs give `UNKNOWN` by Kleene's
three-valued logic; a period that leaves the calendar or a division by zero also gives
`UNKNOWN` (the engine never raises on data).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal, DivisionByZero, InvalidOperation

from akte.core.partial_date import PartialDate
from akte.rules.calendar import working_day
from akte.rules.expressions import (
    Arith,
    Call,
    Compare,
    Duration,
    In,
    ListExpr,
    Literal,
    Logic,
    Name,
    Neg,
    Node,
    Not,
)
from akte.rules.values import UNKNOWN, add_duration

Compiled = Callable[[Mapping[str, object]], object]
U = UNKNOWN

_ORDER = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _range(value: object) -> tuple[dt.date, dt.date]:
    if isinstance(value, PartialDate):
        return value.earliest(), value.latest()
    return value, value  # type: ignore[return-value]


def compare_values(op: str, left: object, right: object) -> object:
    """Compare two known values; partial dates compare by their ranges (may stay unknown)."""
    if isinstance(left, PartialDate) or isinstance(right, PartialDate):
        (low_l, high_l), (low_r, high_r) = _range(left), _range(right)
        if op == "==":
            if low_l == high_l == low_r == high_r:
                return True
            return U if low_l <= high_r and low_r <= high_l else False
        if op == "!=":
            result = compare_values("==", left, right)
            return result if result is U else not result
        if op == "<":
            return True if high_l < low_r else (False if low_l >= high_r else U)
        if op == "<=":
            return True if high_l <= low_r else (False if low_l > high_r else U)
        if op == ">":
            return compare_values("<", right, left)
        return compare_values("<=", right, left)
    return _ORDER[op](left, right)


def _arith(op: str, left: object, right: object) -> object:
    try:
        if isinstance(left, dt.date):
            if isinstance(right, Duration):
                return add_duration(left, right, 1 if op == "+" else -1)
            return (left - right).days  # type: ignore[operator]
        if isinstance(right, dt.date):
            return add_duration(right, left)  # type: ignore[arg-type]
        if op == "+":
            return left + right  # type: ignore[operator]
        if op == "-":
            return left - right  # type: ignore[operator]
        if op == "*":
            return left * right  # type: ignore[operator]
        if right == 0:
            return U
        return Decimal(left) / Decimal(right)  # type: ignore[arg-type]
    except (OverflowError, DivisionByZero, InvalidOperation, ValueError):
        return U


def _neg(value: object) -> object:
    if isinstance(value, Duration):
        return Duration(-value.amount, value.unit)
    return -value  # type: ignore[operator]


def compile_expression(node: Node, places: Mapping[str, str] | None = None) -> Compiled:
    """A function from fact values to the expression's value (or `UNKNOWN`)."""
    places = places or {}

    if isinstance(node, Literal):
        constant = node.value
        return lambda v: constant
    if isinstance(node, Name):
        name = node.name
        return lambda v: v.get(name, U)
    if isinstance(node, Not):
        inner = compile_expression(node.operand, places)

        def not_(v):
            x = inner(v)
            return x if x is U else not x

        return not_
    if isinstance(node, Neg):
        inner = compile_expression(node.operand, places)
        return lambda v: U if (x := inner(v)) is U else _neg(x)
    if isinstance(node, Logic):
        left, right = compile_expression(node.left, places), compile_expression(node.right, places)
        if node.op == "and":

            def and_(v):
                a = left(v)
                if a is False:
                    return False
                b = right(v)
                if b is False:
                    return False
                return U if a is U or b is U else True

            return and_

        def or_(v):
            a = left(v)
            if a is True:
                return True
            b = right(v)
            if b is True:
                return True
            return U if a is U or b is U else False

        return or_
    if isinstance(node, Compare):
        special = _compare_name_literal(node)
        if special is not None:
            return special
        left, right = compile_expression(node.left, places), compile_expression(node.right, places)
        op_name = node.op
        fast = _ORDER[op_name]

        def compare(v):
            a = left(v)
            if a is U:
                return U
            b = right(v)
            if b is U:
                return U
            if type(a) is PartialDate or type(b) is PartialDate:
                return compare_values(op_name, a, b)
            return fast(a, b)

        return compare
    if isinstance(node, In) and isinstance(node.container, ListExpr):
        return _in_list(node, places)
    if isinstance(node, In):
        item, container = (
            compile_expression(node.item, places),
            compile_expression(node.container, places),
        )
        negated = node.negated

        def in_(v):
            a = item(v)
            if a is U:
                return U
            b = container(v)
            if b is U:
                return U
            return (a not in b) if negated else (a in b)

        return in_
    if isinstance(node, Arith):
        special = _arith_name_number(node)
        if special is not None:
            return special
        left, right = compile_expression(node.left, places), compile_expression(node.right, places)
        op_name = node.op

        def arith(v):
            a = left(v)
            if a is U:
                return U
            b = right(v)
            if b is U:
                return U
            return _arith(op_name, a, b)

        return arith
    if isinstance(node, ListExpr):
        items = [compile_expression(i, places) for i in node.items]
        if all(isinstance(i, Literal) for i in node.items):
            constant = frozenset(i.value for i in node.items)  # type: ignore[attr-defined]
            return lambda v: constant

        def list_(v):
            values = [f(v) for f in items]
            return U if any(x is U for x in values) else frozenset(values)

        return list_
    if isinstance(node, Call):
        return _compile_call(node, places)
    raise TypeError(f"not an expression node: {node!r}")


def _in_list(node: In, places: Mapping[str, str]) -> Compiled:
    """`x in [a, b]` by Kleene: true as soon as one known element matches, even if another
    element is unknown; false only when every element is known and none matches."""
    item = compile_expression(node.item, places)
    items = node.container.items  # type: ignore[attr-defined]
    negated = node.negated
    if all(isinstance(e, Literal) for e in items):
        constant = frozenset(e.value for e in items)

        def in_constant(v):
            x = item(v)
            if x is U:
                return U
            return (x not in constant) if negated else (x in constant)

        return in_constant
    elements = [compile_expression(e, places) for e in items]

    def in_list(v):
        x = item(v)
        if x is U:
            return U
        unknown = False
        for element in elements:
            y = element(v)
            if y is U:
                unknown = True
            elif y == x:
                return not negated
        return U if unknown else negated

    return in_list


# -- fewer calls for the most common shapes (`fact > 3`, `fact + 1`) ------------------------


def _compare_name_literal(node: Compare) -> Compiled | None:
    """`name OP literal`: one closure instead of three."""
    if not (isinstance(node.left, Name) and isinstance(node.right, Literal)):
        return None
    name, constant, op_name = node.left.name, node.right.value, node.op
    fast = _ORDER[op_name]

    def compare(v):
        a = v.get(name, U)
        if a is U:
            return U
        if type(a) is PartialDate:
            return compare_values(op_name, a, constant)
        return fast(a, constant)

    return compare


_NUMBER_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _arith_name_number(node: Arith) -> Compiled | None:
    """`name + 1` with a number literal: one closure instead of three."""
    if not (
        isinstance(node.left, Name)
        and isinstance(node.right, Literal)
        and node.op in _NUMBER_OPS
        and type(node.right.value) in (int, Decimal)
    ):
        return None
    name, constant, fast = node.left.name, node.right.value, _NUMBER_OPS[node.op]

    def arith(v):
        a = v.get(name, U)
        return U if a is U else fast(a, constant)

    return arith


def _compile_call(node: Call, places: Mapping[str, str]) -> Compiled:
    name = node.function
    if name == "known":
        if len(node.args) != 1 or not isinstance(node.args[0], Name):
            return lambda v: U  # the type checker reports it
        fact = node.args[0].name
        return lambda v: v.get(fact, U) is not U
    args = [compile_expression(a, places) for a in node.args]

    def all_known(v):
        values = [f(v) for f in args]
        return None if any(x is U for x in values) else values

    if name in ("min", "max"):
        pick = min if name == "min" else max
        return lambda v: U if (xs := all_known(v)) is None else pick(xs)
    if name == "count":
        return lambda v: U if (xs := all_known(v)) is None else len(xs[0])
    if name in ("earliest", "latest"):

        def bound(v):
            xs = all_known(v)
            if xs is None:
                return U
            x = xs[0]
            if isinstance(x, PartialDate):
                return x.earliest() if name == "earliest" else x.latest()
            return x

        return bound
    if name == "country_of":
        return lambda v: U if (xs := all_known(v)) is None else places.get(xs[0], U)
    if name == "days_between":
        return lambda v: U if (xs := all_known(v)) is None else (xs[1] - xs[0]).days
    if name == "working_day":
        return lambda v: U if (xs := all_known(v)) is None else working_day(xs[0], xs[1])
    return lambda v: U  # an unknown function: the type checker reports it


def missing_inputs(node: Node, values: Mapping[str, object]) -> list[str]:
    """The unknown facts that keep this expression unknown (empty if its value is known).

    `a or b` with `a` true needs nothing; `a and b` with `a` false needs nothing; otherwise
    the unknown facts of the sub-expressions that are themselves unknown.
    """
    if compile_expression(node)(values) is not U:
        return []
    if isinstance(node, Name):
        return [node.name]
    children: list[Node] = []
    if isinstance(node, Not | Neg):
        children = [node.operand]
    elif isinstance(node, Logic | Compare | Arith):
        children = [node.left, node.right]
    elif isinstance(node, In):
        children = [node.item, node.container]
    elif isinstance(node, Call):
        children = list(node.args)
    elif isinstance(node, ListExpr):
        children = list(node.items)
    found: list[str] = []
    for child in children:
        for name in missing_inputs(child, values):
            if name not in found:
                found.append(name)
    return found


def unknown_known_arguments(node: Node, values: Mapping[str, object]) -> list[str]:
    """Facts inside `known(x)` that are still unknown: `known(x)` is false, never unknown,
    yet answering `x` may change it (what a checklist item still needs)."""
    found: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if (
            isinstance(current, Call)
            and current.function == "known"
            and len(current.args) == 1
            and isinstance(current.args[0], Name)
        ):
            name = current.args[0].name
            if values.get(name, U) is U and name not in found:
                found.append(name)
            continue
        if isinstance(current, Not | Neg):
            stack.append(current.operand)
        elif isinstance(current, Logic | Compare | Arith):
            stack.extend((current.right, current.left))
        elif isinstance(current, In):
            stack.extend((current.container, current.item))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, ListExpr):
            stack.extend(reversed(current.items))
    return found
