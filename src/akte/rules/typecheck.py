"""Static types of expressions: a date compared with a number is found at load time."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from decimal import Decimal

from akte.core.countries import is_country
from akte.rules.expressions import (
    FUNCTIONS,
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
from akte.rules.values import (
    ANY,
    BOOLEAN,
    COUNTRY,
    DATE,
    DECIMAL,
    DURATION,
    INTEGER,
    PARTIAL_DATE,
    TEXT,
    Type,
)


class TypeProblem(ValueError):
    """A type error in an expression, at `node`, with a hint."""

    def __init__(self, message: str, node: Node, hint: str) -> None:
        super().__init__(message)
        self.message, self.node, self.hint = message, node, hint


_NUMBERS = {"integer", "decimal"}
_DATES = {"date", "partial_date"}
_NAMED = {"choice", "country", "place", "text"}


def _literal_fits(node: Node, target: Type, places: Mapping[str, str]) -> None:
    """A text literal compared with a choice, country or place must be a valid one."""
    if not (isinstance(node, Literal) and isinstance(node.value, str)):
        return
    value = node.value
    if target.kind in ("choice", "choices") and value not in target.choices:
        raise TypeProblem(
            f'"{value}" is not a choice of this fact',
            node,
            f"use one of: {', '.join(target.choices)}",
        )
    if target.kind == "country" and not is_country(value):
        raise TypeProblem(f'"{value}" is not a country code', node, "use ISO alpha-3, e.g. SYR")
    if target.kind == "place" and value not in places:
        close = difflib.get_close_matches(value, list(places), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "add the place to the gazetteer"
        raise TypeProblem(f'"{value}" is not a place of the gazetteer', node, hint)


def comparable(left: Type, right: Type) -> bool:
    if ANY in (left, right):
        return True
    if left.kind in _NUMBERS and right.kind in _NUMBERS:
        return True
    if left.kind in _DATES and right.kind in _DATES:
        return True
    if left.kind == right.kind:
        return left.kind not in ("choice", "choices") or left.choices == right.choices
    if "text" in (left.kind, right.kind) and {left.kind, right.kind} <= _NAMED:
        return True
    if left.kind == "list" and right.kind == "choices" or left.kind == "choices" == right.kind:
        return True
    return False


def assignable(value: Type, target: Type) -> bool:
    """Can a value of type `value` be the value of a fact of type `target`?"""
    if value == target or value.kind == "any":
        return True
    if value.kind == "integer" and target.kind == "decimal":
        return True
    if value.kind == "text" and target.kind in _NAMED:
        return True
    if value.kind in ("choice", "choices") and value.kind == target.kind:
        return set(value.choices) <= set(target.choices)
    if value.kind == "list" and target.kind == "choices":
        return value.element is not None and value.element.kind in ("text", "any")
    return False


class TypeChecker:
    """Infers the type of expressions over the facts of one rulebook."""

    def __init__(self, facts: Mapping[str, Type], places: Mapping[str, str]) -> None:
        self.facts = facts
        self.places = places

    def infer(self, node: Node) -> Type:
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node)

    def expect_boolean(self, node: Node, what: str) -> None:
        found = self.infer(node)
        if found.kind not in ("boolean", "any"):
            raise TypeProblem(
                f"{what} must be true or false, but it is a {found}",
                node,
                "compare the value, e.g. `x > 3`, or test `known(x)`",
            )

    def check_value(self, node: Node, target: Type) -> None:
        found = self.infer(node)
        if not assignable(found, target):
            raise TypeProblem(
                f"the value is a {found}, but the fact is a {target}",
                node,
                "change the expression or the fact's type",
            )
        if isinstance(node, ListExpr):
            for item in node.items:
                _literal_fits(item, target, self.places)
        else:
            _literal_fits(node, target, self.places)

    def _literal(self, node: Literal) -> Type:
        value = node.value
        if isinstance(value, bool):
            return BOOLEAN
        if isinstance(value, int):
            return INTEGER
        if isinstance(value, Decimal):
            return DECIMAL
        if isinstance(value, str):
            return TEXT
        if isinstance(value, dt.date):
            return DATE
        if isinstance(value, Duration):
            return DURATION
        raise TypeProblem("unsupported literal", node, "use a number, text, date or period")

    def _name(self, node: Name) -> Type:
        found = self.facts.get(node.name)
        if found is None:
            close = difflib.get_close_matches(node.name, list(self.facts), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "declare it under `facts:`"
            raise TypeProblem(f"undefined fact `{node.name}`", node, hint)
        return found

    def _not(self, node: Not) -> Type:
        self.expect_boolean(node.operand, "the operand of `not`")
        return BOOLEAN

    def _logic(self, node: Logic) -> Type:
        self.expect_boolean(node.left, f"each side of `{node.op}`")
        self.expect_boolean(node.right, f"each side of `{node.op}`")
        return BOOLEAN

    def _compare(self, node: Compare) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        if not comparable(left, right):
            raise TypeProblem(
                f"cannot compare a {left} with a {right}",
                node,
                "compare values of the same kind (dates with dates, numbers with numbers)",
            )
        if node.op not in ("==", "!=") and not (
            {left.kind, right.kind} <= _NUMBERS | {"any"}
            or {left.kind, right.kind} <= _DATES | {"any"}
        ):
            raise TypeProblem(
                f"`{node.op}` orders numbers and dates, not a {left}",
                node,
                "use == or != for other values",
            )
        _literal_fits(node.right, left, self.places)
        _literal_fits(node.left, right, self.places)
        return BOOLEAN

    def _in(self, node: In) -> Type:
        item, container = self.infer(node.item), self.infer(node.container)
        if container.kind == "choices":
            element = Type("choice", container.choices)
        elif container.kind == "list":
            element = container.element or ANY
        else:
            raise TypeProblem(
                f"`in` needs a list on its right, not a {container}",
                node.container,
                'write `x in ["a", "b"]` or use a list-of-choices fact',
            )
        if not comparable(item, element):
            raise TypeProblem(
                f"a {item} cannot be in a list of {element}", node, "check both sides of `in`"
            )
        if isinstance(node.container, ListExpr):
            for literal in node.container.items:
                _literal_fits(literal, item, self.places)
        _literal_fits(node.item, element, self.places)
        return BOOLEAN

    def _neg(self, node: Neg) -> Type:
        found = self.infer(node.operand)
        if found.kind not in ("integer", "decimal", "duration"):
            raise TypeProblem(f"cannot negate a {found}", node, "negate numbers or periods")
        return found

    def _arith(self, node: Arith) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        kinds = (left.kind, right.kind)
        if left.kind in _NUMBERS and right.kind in _NUMBERS:
            if node.op == "/" or "decimal" in kinds:
                return DECIMAL
            return INTEGER
        if kinds == ("date", "duration") and node.op in "+-":
            return DATE
        if kinds == ("duration", "date") and node.op == "+":
            return DATE
        if kinds == ("date", "date") and node.op == "-":
            return INTEGER
        if "partial_date" in kinds:
            raise TypeProblem(
                "no arithmetic on a partial date",
                node,
                "use earliest(x) or latest(x) to get a day, or compare the partial date",
            )
        raise TypeProblem(
            f"cannot compute {left} {node.op} {right}",
            node,
            "add periods to dates (`d + 3 months`), subtract dates, or compute with numbers",
        )

    def _listexpr(self, node: ListExpr) -> Type:
        if not node.items:
            return Type("list", element=ANY)
        element = self.infer(node.items[0])
        for item in node.items[1:]:
            if not comparable(element, self.infer(item)):
                raise TypeProblem("a list holds values of one kind", item, "split the list")
        return Type("list", element=element)

    def _call(self, node: Call) -> Type:
        name, args = node.function, node.args
        if name not in FUNCTIONS:
            close = difflib.get_close_matches(name, sorted(FUNCTIONS), n=1)
            hint = f"did you mean {close[0]}()?" if close else f"use {', '.join(sorted(FUNCTIONS))}"
            raise TypeProblem(f"unknown function {name}()", node, hint)
        arity = {"known": 1, "date": 1, "count": 1, "earliest": 1, "latest": 1, "country_of": 1}
        if name in arity and len(args) != arity[name]:
            raise TypeProblem(f"{name}() takes {arity[name]} argument", node, f"write {name}(x)")
        if name == "date":
            raise TypeProblem(
                'date() takes a literal "YYYY-MM-DD"', node, 'write date("2019-06-01")'
            )
        if name == "known":
            if not isinstance(args[0], Name):
                raise TypeProblem("known() takes a fact name", node, "write known(fact_name)")
            self.infer(args[0])
            return BOOLEAN
        types = [self.infer(a) for a in args]
        if name in ("min", "max"):
            if len(args) < 2:
                raise TypeProblem(f"{name}() needs two or more values", node, f"{name}(a, b)")
            if all(t.kind in _NUMBERS for t in types):
                return DECIMAL if any(t.kind == "decimal" for t in types) else INTEGER
            if all(t.kind == "date" for t in types):
                return DATE
            raise TypeProblem(f"{name}() takes numbers or dates", node, "do not mix kinds")
        if name == "count":
            if types[0].kind not in ("choices", "list"):
                raise TypeProblem("count() takes a list", node, "count(list_fact)")
            return INTEGER
        if name in ("earliest", "latest"):
            if types[0].kind not in _DATES:
                raise TypeProblem(f"{name}() takes a (partial) date", node, f"{name}(date_fact)")
            return DATE
        if name == "country_of":
            if types[0].kind != "place":
                raise TypeProblem("country_of() takes a place", node, "country_of(place_fact)")
            return COUNTRY
        if name == "days_between":
            if len(types) != 2 or any(t.kind != "date" for t in types):
                raise TypeProblem("days_between() takes two dates", node, "days_between(a, b)")
            return INTEGER
        raise TypeProblem(f"unknown function {name}()", node, "")  # pragma: no cover


__all__ = ["TypeChecker", "TypeProblem", "assignable", "comparable", "PARTIAL_DATE", "TEXT"]
