"""The syntax tree of rulebook expressions: frozen dataclasses, positions kept but not
compared. Built by the parser (`expressions.parse`), read by the compiler and the checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "Arith",
    "Call",
    "Compare",
    "Duration",
    "In",
    "ListExpr",
    "Literal",
    "Logic",
    "Name",
    "Neg",
    "Node",
    "Not",
]


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar period: `amount` days, weeks, months or years."""

    amount: int
    unit: str  # one of UNITS


@dataclass(frozen=True)
class Node:
    line: int = field(default=1, compare=False, repr=False, kw_only=True)
    column: int = field(default=1, compare=False, repr=False, kw_only=True)


@dataclass(frozen=True)
class Literal(Node):
    value: bool | int | Decimal | str | dt.date | Duration


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True)
class Neg(Node):
    operand: Node


@dataclass(frozen=True)
class Logic(Node):
    op: str  # "and" | "or"
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare(Node):
    op: str  # == != < <= > >=
    left: Node
    right: Node


@dataclass(frozen=True)
class In(Node):
    item: Node
    container: Node
    negated: bool = False


@dataclass(frozen=True)
class Arith(Node):
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Call(Node):
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class ListExpr(Node):
    items: tuple[Node, ...]
