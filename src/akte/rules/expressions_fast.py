"""A fast path for parsing well-formed expressions: the grammar of `expressions.lark`, by
hand (precedence climbing over one regular expression of tokens), about five times quicker
than lark on the short expressions rulebooks are made of.

It builds exactly the tree lark builds, positions included, or gives up: `parse_fast`
returns None for anything it is not sure of (a syntax error, `date(...)`, which lark checks
while parsing, a character outside the language), and the caller then asks lark, which
also gives every error message. `tests/rules/test_expressions_fast.py` checks the two
against each other on every expression of the rulebooks, the generated bench rulebook and
random token strings.
"""

from __future__ import annotations

import re
from decimal import Decimal

from akte.rules.expression_tree import (
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

_TOKEN = re.compile(
    r"""(?P<ws>[ \t\f\r\n]+)
    |(?P<dec>\d+\.\d+)
    |(?P<int>\d+)
    |(?P<word>[a-z_][a-z0-9_]*)
    |(?P<str>"(?:[^"\\\n]|\\["\\])*")
    |(?P<op>==|!=|<=|>=|<|>|[-+*/()\[\],])""",
    re.VERBOSE,
)
_KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_COMPARE = frozenset({"==", "!=", "<=", ">=", "<", ">"})
_END = ("end", "", 0, 0)


class _GiveUp(Exception):
    """Not sure: let lark parse it (and explain the error, if there is one)."""


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, line, column) of each token; kind is the text for keywords and symbols."""
    tokens = []
    position, line, line_start = 0, 1, 0
    match = _TOKEN.match
    while position < len(text):
        found = match(text, position)
        if found is None:
            raise _GiveUp
        kind, value = found.lastgroup, found.group()
        if kind == "ws":
            newlines = value.count("\n")
            if newlines:
                line += newlines
                line_start = position + value.rindex("\n") + 1
        else:
            if kind == "op" or (kind == "word" and value in _KEYWORDS):
                kind = value
            tokens.append((kind, value, line, position - line_start + 1))
        position = found.end()
    tokens.append(_END)
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, int, int]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str:
        return self.tokens[self.at][0]

    def take(self, kind: str | None = None) -> tuple[str, str, int, int]:
        token = self.tokens[self.at]
        if kind is not None and token[0] != kind:
            raise _GiveUp
        self.at += 1
        return token

    def logic(self, op: str, operand) -> Node:
        result = operand()
        while self.peek() == op:
            self.at += 1
            result = Logic(op, result, operand(), line=result.line, column=result.column)
        return result

    def or_(self) -> Node:
        return self.logic("or", self.and_)

    def and_(self) -> Node:
        return self.logic("and", self.not_)

    def not_(self) -> Node:
        if self.peek() == "not":
            self.at += 1
            operand = self.not_()
            return Not(operand, line=operand.line, column=operand.column)
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum()
        kind = self.peek()
        pos = {"line": left.line, "column": left.column}
        if kind in _COMPARE:
            self.at += 1
            return Compare(kind, left, self.sum(), **pos)
        if kind == "in":
            self.at += 1
            return In(left, self.sum(), False, **pos)
        if kind == "not" and self.tokens[self.at + 1][0] == "in":
            self.at += 2
            return In(left, self.sum(), True, **pos)
        return left

    def sum(self) -> Node:
        return self.arith(("+", "-"), self.product)

    def product(self) -> Node:
        return self.arith(("*", "/"), self.unary)

    def arith(self, ops: tuple[str, str], operand) -> Node:
        left = operand()
        while self.peek() in ops:
            op = self.take()[0]
            left = Arith(op, left, operand(), line=left.line, column=left.column)
        return left

    def unary(self) -> Node:
        if self.peek() == "-":
            self.at += 1
            operand = self.unary()
            return Neg(operand, line=operand.line, column=operand.column)
        return self.atom()

    def atom(self) -> Node:
        kind, value, line, column = self.take()
        pos = {"line": line, "column": column}
        if kind == "int":
            following = self.tokens[self.at]
            if following[0] == "word" and following[1] in _UNITS:
                self.at += 1
                return Literal(Duration(int(value), _UNITS[following[1]]), **pos)
            return Literal(int(value), **pos)
        if kind == "dec":
            return Literal(Decimal(value), **pos)
        if kind == "str":
            return Literal(value[1:-1].replace('\\"', '"').replace("\\\\", "\\"), **pos)
        if kind in ("true", "false"):
            return Literal(kind == "true")
        if kind == "word":
            if self.peek() != "(":
                return Name(value, **pos)
            if value == "date":
                raise _GiveUp  # lark's transformer turns date("...") into a checked date
            self.at += 1
            return Call(value, self.items(")"), **pos)
        if kind == "[":
            items = self.items("]")
            return (
                ListExpr(items, line=items[0].line, column=items[0].column)
                if items
                else (ListExpr(()))
            )
        if kind == "(":
            inner = self.or_()
            self.take(")")
            return inner
        raise _GiveUp

    def items(self, close: str) -> tuple[Node, ...]:
        if self.peek() == close:
            self.at += 1
            return ()
        found = [self.or_()]
        while self.peek() == ",":
            self.at += 1
            found.append(self.or_())
        self.take(close)
        return tuple(found)


def parse_fast(text: str) -> Node | None:
    """The tree of `text` as lark would build it, or None where only lark can tell."""
    try:
        parser = _Parser(_tokens(text))
        tree = parser.or_()
        if parser.peek() != "end":
            return None
        return tree
    except (_GiveUp, RecursionError):
        return None
