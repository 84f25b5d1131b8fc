"""Static types of expressions: a date compared with a number is found at load time."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from decimal import Decimal

from akte.core.countries import is_country
from akte.core.message import Message
from akte.rules.codes import note
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
    """A type error in an expression, at `node`, with a hint (both codes, rules/codes.py)."""

    def __init__(self, message: Message, node: Node, hint: Message | None) -> None:
        super().__init__(message.code)
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
            note("rules.type.not_a_choice", value=value),
            node,
            note("rules.hint.choices", choices=", ".join(target.choices)),
        )
    if target.kind == "country" and not is_country(value):
        raise TypeProblem(
            note("rules.type.not_a_country", value=value), node, note("rules.hint.alpha3")
        )
    if target.kind == "place" and value not in places:
        close = difflib.get_close_matches(value, list(places), n=1)
        hint = (
            note("rules.hint.did_you_mean_place", place=repr(close[0]))
            if close
            else note("rules.hint.add_to_gazetteer")
        )
        raise TypeProblem(note("rules.type.not_a_place", value=value), node, hint)


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

    def expect_boolean(self, node: Node, what: Message) -> None:
        """`what` names the part that must be true or false (e.g. `rules.type.condition`)."""
        found = self.infer(node)
        if found.kind not in ("boolean", "any"):
            raise TypeProblem(
                note("rules.type.not_boolean", what=what, found=str(found)),
                node,
                note("rules.hint.boolean"),
            )

    def check_value(self, node: Node, target: Type) -> None:
        found = self.infer(node)
        if not assignable(found, target):
            raise TypeProblem(
                note("rules.type.wrong_value", found=str(found), target=str(target)),
                node,
                note("rules.hint.change_type"),
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
        raise TypeProblem(note("rules.type.literal"), node, note("rules.hint.literal"))

    def _name(self, node: Name) -> Type:
        found = self.facts.get(node.name)
        if found is None:
            close = difflib.get_close_matches(node.name, list(self.facts), n=1)
            hint = (
                note("rules.hint.did_you_mean", name=close[0])
                if close
                else note("rules.hint.declare_fact")
            )
            raise TypeProblem(note("rules.load.undefined_fact", name=node.name), node, hint)
        return found

    def _not(self, node: Not) -> Type:
        self.expect_boolean(node.operand, note("rules.type.operand_of_not"))
        return BOOLEAN

    def _logic(self, node: Logic) -> Type:
        self.expect_boolean(node.left, note("rules.type.side_of", op=node.op))
        self.expect_boolean(node.right, note("rules.type.side_of", op=node.op))
        return BOOLEAN

    def _compare(self, node: Compare) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        if not comparable(left, right):
            raise TypeProblem(
                note("rules.type.not_comparable", left=str(left), right=str(right)),
                node,
                note("rules.hint.same_kind"),
            )
        if node.op not in ("==", "!=") and not (
            {left.kind, right.kind} <= _NUMBERS | {"any"}
            or {left.kind, right.kind} <= _DATES | {"any"}
        ):
            raise TypeProblem(
                note("rules.type.not_ordered", op=node.op, found=str(left)),
                node,
                note("rules.hint.equality"),
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
                note("rules.type.in_needs_list", found=str(container)),
                node.container,
                note("rules.hint.in_list"),
            )
        if not comparable(item, element):
            raise TypeProblem(
                note("rules.type.not_in_list", item=str(item), element=str(element)),
                node,
                note("rules.hint.in_sides"),
            )
        if isinstance(node.container, ListExpr):
            for literal in node.container.items:
                _literal_fits(literal, item, self.places)
        _literal_fits(node.item, element, self.places)
        return BOOLEAN

    def _neg(self, node: Neg) -> Type:
        found = self.infer(node.operand)
        if found.kind not in ("integer", "decimal", "duration"):
            raise TypeProblem(
                note("rules.type.not_negatable", found=str(found)), node, note("rules.hint.negate")
            )
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
                note("rules.type.partial_date_arithmetic"),
                node,
                note("rules.hint.partial_date"),
            )
        raise TypeProblem(
            note("rules.type.arithmetic", left=str(left), op=node.op, right=str(right)),
            node,
            note("rules.hint.arithmetic"),
        )

    def _listexpr(self, node: ListExpr) -> Type:
        if not node.items:
            return Type("list", element=ANY)
        element = self.infer(node.items[0])
        for item in node.items[1:]:
            if not comparable(element, self.infer(item)):
                raise TypeProblem(
                    note("rules.type.mixed_list"), item, note("rules.hint.split_list")
                )
        return Type("list", element=element)

    def _call(self, node: Call) -> Type:
        name, args = node.function, node.args
        if name not in FUNCTIONS:
            close = difflib.get_close_matches(name, sorted(FUNCTIONS), n=1)
            hint = (
                note("rules.hint.did_you_mean_function", function=close[0])
                if close
                else note("rules.hint.use", names=", ".join(sorted(FUNCTIONS)))
            )
            raise TypeProblem(note("rules.type.unknown_function", function=name), node, hint)
        arity = {"known": 1, "date": 1, "count": 1, "earliest": 1, "latest": 1, "country_of": 1}
        if name in arity and len(args) != arity[name]:
            raise TypeProblem(
                note("rules.type.arity", function=name, count=arity[name]),
                node,
                note("rules.hint.write", example=f"{name}(x)"),
            )
        if name == "date":
            raise TypeProblem(
                note("rules.type.date_literal"),
                node,
                note("rules.hint.write", example='date("2019-06-01")'),
            )
        if name == "known":
            if not isinstance(args[0], Name):
                raise TypeProblem(
                    note("rules.type.known_name"),
                    node,
                    note("rules.hint.write", example="known(fact_name)"),
                )
            self.infer(args[0])
            return BOOLEAN
        types = [self.infer(a) for a in args]
        if name in ("min", "max"):
            if len(args) < 2:
                raise TypeProblem(
                    note("rules.type.two_or_more", function=name),
                    node,
                    note("rules.hint.example", example=f"{name}(a, b)"),
                )
            if all(t.kind in _NUMBERS for t in types):
                return DECIMAL if any(t.kind == "decimal" for t in types) else INTEGER
            if all(t.kind == "date" for t in types):
                return DATE
            raise TypeProblem(
                note("rules.type.numbers_or_dates", function=name), node, note("rules.hint.no_mix")
            )
        if name == "count":
            if types[0].kind not in ("choices", "list"):
                raise TypeProblem(
                    note("rules.type.count_list"),
                    node,
                    note("rules.hint.example", example="count(list_fact)"),
                )
            return INTEGER
        if name in ("earliest", "latest"):
            if types[0].kind not in _DATES:
                raise TypeProblem(
                    note("rules.type.takes_date", function=name),
                    node,
                    note("rules.hint.example", example=f"{name}(date_fact)"),
                )
            return DATE
        if name == "country_of":
            if types[0].kind != "place":
                raise TypeProblem(
                    note("rules.type.country_of_place"),
                    node,
                    note("rules.hint.example", example="country_of(place_fact)"),
                )
            return COUNTRY
        if name == "days_between":
            if len(types) != 2 or any(t.kind != "date" for t in types):
                raise TypeProblem(
                    note("rules.type.days_between_dates"),
                    node,
                    note("rules.hint.example", example="days_between(a, b)"),
                )
            return INTEGER
        if name == "working_day":
            if len(types) != 2 or types[0].kind != "date" or types[1].kind != "text":
                raise TypeProblem(
                    note("rules.type.working_day_args"),
                    node,
                    note("rules.hint.example", example='working_day(a + 2 weeks, "DE-BY")'),
                )
            return DATE
        raise TypeProblem(  # pragma: no cover
            note("rules.type.unknown_function", function=name), node, None
        )


__all__ = ["TypeChecker", "TypeProblem", "assignable", "comparable", "PARTIAL_DATE", "TEXT"]
