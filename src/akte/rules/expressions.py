"""The expression language of rulebooks: syntax tree, parser (lark, LALR) and printer.

Expressions are data, never Python: `known(eurodac_hit_on) and eurodac_hit_on + 2 months`.
`parse(text)` gives a tree of frozen dataclasses; `to_source(tree)` prints it back so that
`parse(to_source(tree)) == tree`. Positions are kept for error messages but not compared.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from lark import Lark, Transformer
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    VisitError,
)

from akte.core.message import Message
from akte.rules.codes import note
from akte.rules.expression_tree import (  # the tree, imported from here by most callers
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
from akte.rules.expressions_fast import parse_fast

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})  # never a fact name
UNITS = ("days", "weeks", "months", "years")
FUNCTIONS = frozenset(
    {
        "known",
        "date",
        "min",
        "max",
        "count",
        "earliest",
        "latest",
        "country_of",
        "days_between",
        "working_day",
    }
)


class ExpressionSyntaxError(ValueError):
    """A text that is not an expression; `line` and `column` are 1-based within the text;
    `message` and `hint` are codes (rules/codes.py)."""

    def __init__(self, message: Message, line: int, column: int, hint: Message) -> None:
        super().__init__(message.code)
        self.message, self.line, self.column, self.hint = message, line, column, hint


def _pos(item) -> dict[str, int]:
    """Position of a token or node (1-based); children carry positions up the tree."""
    line = getattr(item, "line", None) or 1
    column = getattr(item, "column", None) or 1
    return {"line": line, "column": column}


def _unescape(text: str) -> str:
    return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")


class _Build(Transformer):
    """Builds the tree while parsing (lark's inline transformer: no intermediate parse tree)."""

    def or_(self, items):
        return _fold("or", items)

    def and_(self, items):
        return _fold("and", items)

    def not_(self, items):
        return Not(items[0], **_pos(items[0]))

    def neg(self, items):
        return Neg(items[0], **_pos(items[0]))

    def compare(self, items):
        left, op, right = items
        return Compare(str(op), left, right, **_pos(left))

    def in_(self, items):
        return In(items[0], items[1], False, **_pos(items[0]))

    def not_in(self, items):
        return In(items[0], items[1], True, **_pos(items[0]))

    def arith(self, items):
        left, op, right = items
        return Arith(str(op), left, right, **_pos(left))

    def duration(self, items):
        amount, unit = items
        unit_name = str(unit) if str(unit).endswith("s") else str(unit) + "s"
        return Literal(Duration(int(amount), unit_name), **_pos(amount))

    def integer(self, items):
        return Literal(int(items[0]), **_pos(items[0]))

    def decimal(self, items):
        return Literal(Decimal(str(items[0])), **_pos(items[0]))

    def string(self, items):
        return Literal(_unescape(str(items[0])), **_pos(items[0]))

    def true(self, items):
        return Literal(True)

    def false(self, items):
        return Literal(False)

    def name(self, items):
        return Name(str(items[0]), **_pos(items[0]))

    def list_(self, items):
        present = tuple(i for i in items if i is not None)
        return ListExpr(present, **(_pos(present[0]) if present else {}))

    def call(self, items):
        function, *args = items
        args = tuple(a for a in args if a is not None)
        pos = _pos(function)
        if str(function) == "date" and len(args) == 1 and isinstance(args[0], Literal):
            text = args[0].value
            if isinstance(text, str):
                try:
                    return Literal(dt.date.fromisoformat(text), **pos)
                except ValueError:
                    raise ExpressionSyntaxError(
                        note("rules.syntax.not_a_calendar_date", text=repr(text)),
                        pos["line"],
                        pos["column"],
                        note("rules.hint.calendar_date"),
                    ) from None
        return Call(str(function), args, **pos)


def _fold(op: str, items: list[Node]) -> Node:
    result = items[0]
    for item in items[1:]:
        result = Logic(op, result, item, line=result.line, column=result.column)
    return result


@cache
def _parser() -> Lark:
    grammar = (Path(__file__).parent / "expressions.lark").read_text(encoding="utf-8")
    grammar = grammar.replace("__KEYWORDS__", "|".join(sorted(KEYWORDS)))
    return Lark(grammar, parser="lalr", maybe_placeholders=True, transformer=_Build())


def parse(text: str) -> Node:
    """Parse an expression; raises `ExpressionSyntaxError` with line, column and a hint."""
    if isinstance(text, str):
        cached = _PARSED.get(text)
        if cached is not None:
            return cached
    tree = _parse(text)
    if len(_PARSED) < 100_000:
        _PARSED[text] = tree
    return tree


_PARSED: dict[str, Node] = {}  # trees are immutable, so equal texts share one


def clear_cache() -> None:
    """Forget every parsed expression (a benchmark measuring a cold load)."""
    _PARSED.clear()


def _parse(text: str) -> Node:
    if not isinstance(text, str) or not text.strip():
        raise ExpressionSyntaxError(
            note("rules.syntax.empty"), 1, 1, note("rules.hint.write_condition")
        )
    tree = parse_fast(text)  # the well-formed majority, without lark; lark for the rest
    if tree is not None:
        return tree
    try:
        return _parser().parse(text)
    except ExpressionSyntaxError:
        raise
    except VisitError as error:
        if isinstance(error.orig_exc, ExpressionSyntaxError):
            raise error.orig_exc from None
        raise ExpressionSyntaxError(
            note("rules.syntax.cannot_parse", reason=str(error.orig_exc)),
            1,
            1,
            note("rules.hint.simplify_expression"),
        ) from None
    except UnexpectedCharacters as error:
        raise ExpressionSyntaxError(
            note("rules.syntax.unexpected_character", character=repr(text[error.pos_in_stream]))
            if error.pos_in_stream is not None and error.pos_in_stream < len(text)
            else note("rules.syntax.unexpected_character_somewhere"),
            error.line,
            error.column,
            note("rules.hint.lexical"),
        ) from None
    except UnexpectedEOF:
        lines = text.splitlines() or [""]
        raise ExpressionSyntaxError(
            note("rules.syntax.ends_early"),
            len(lines),
            len(lines[-1]) + 1,
            note("rules.hint.complete"),
        ) from None
    except UnexpectedInput as error:
        token = getattr(error, "token", None)
        shown = str(token) if token is not None and str(token) else ""
        raise ExpressionSyntaxError(
            note("rules.syntax.unexpected", token=repr(shown))
            if shown
            else note("rules.syntax.unexpected_end"),
            getattr(error, "line", 1) if getattr(error, "line", -1) > 0 else 1,
            getattr(error, "column", 1) if getattr(error, "column", -1) > 0 else 1,
            note("rules.hint.operators"),
        ) from None
    except (LarkError, RecursionError) as error:
        raise ExpressionSyntaxError(
            note("rules.syntax.cannot_parse", reason=type(error).__name__),
            1,
            1,
            note("rules.hint.simplify_expression"),
        ) from None


# -- printing -----------------------------------------------------------------------------

_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "compare": 4, "+": 5, "-": 5, "*": 6, "/": 6}
_ATOM = 8


def _precedence(node: Node) -> int:
    if isinstance(node, Logic):
        return _PRECEDENCE[node.op]
    if isinstance(node, Not):
        return 3
    if isinstance(node, Compare | In):
        return 4
    if isinstance(node, Arith):
        return _PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return 7
    return _ATOM


def _wrap(node: Node, minimum: int) -> str:
    text = to_source(node)
    return f"({text})" if _precedence(node) < minimum else text


def literal_source(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Duration):
        unit = value.unit[:-1] if value.amount == 1 else value.unit
        return f"{value.amount} {unit}"
    if isinstance(value, dt.date):
        return f'date("{value.isoformat()}")'
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def to_source(node: Node) -> str:
    """Print a tree back as expression text with the fewest brackets that keep its meaning."""
    if isinstance(node, Literal):
        return literal_source(node.value)
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Not):
        return "not " + _wrap(node.operand, 3)
    if isinstance(node, Neg):
        return "-" + _wrap(node.operand, 7)
    if isinstance(node, Logic):
        level = _PRECEDENCE[node.op]
        return f"{_wrap(node.left, level)} {node.op} {_wrap(node.right, level + 1)}"
    if isinstance(node, Compare):
        return f"{_wrap(node.left, 5)} {node.op} {_wrap(node.right, 5)}"
    if isinstance(node, In):
        keyword = "not in" if node.negated else "in"
        return f"{_wrap(node.item, 5)} {keyword} {_wrap(node.container, 5)}"
    if isinstance(node, Arith):
        level = _PRECEDENCE[node.op]
        return f"{_wrap(node.left, level)} {node.op} {_wrap(node.right, level + 1)}"
    if isinstance(node, Call):
        return f"{node.function}({', '.join(to_source(a) for a in node.args)})"
    if isinstance(node, ListExpr):
        return "[" + ", ".join(to_source(i) for i in node.items) + "]"
    raise TypeError(f"not an expression node: {node!r}")


def names_in(node: Node) -> set[str]:
    """Every fact name an expression reads."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            found.add(current.name)
        elif isinstance(current, Not | Neg):
            stack.append(current.operand)
        elif isinstance(current, Logic | Compare | Arith):
            stack.extend((current.left, current.right))
        elif isinstance(current, In):
            stack.extend((current.item, current.container))
        elif isinstance(current, Call):
            stack.extend(current.args)
        elif isinstance(current, ListExpr):
            stack.extend(current.items)
    return found
