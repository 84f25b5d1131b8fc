"""The fast path builds exactly lark's tree (positions too) or leaves the text to lark."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from akte.rules.bench_rulebook import generate
from akte.rules.expression_tree import Node
from akte.rules.expressions import _parser, parse
from akte.rules.expressions_fast import parse_fast

RULEBOOKS = Path(__file__).parents[2] / "rulebooks"
KEYS = {"when", "value", "covered_when", "relevant_when", "expect_when"}


def _lark(text):
    try:
        return _parser().parse(text)
    except Exception:  # noqa: BLE001 (any failure: the fast path must give up too)
        return None


def _same(a, b) -> bool:
    """Equal trees with equal positions on every node."""
    if isinstance(a, Node) or isinstance(b, Node):
        if type(a) is not type(b) or (a.line, a.column) != (b.line, b.column):
            return False
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in fields(a))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b and type(a) is type(b)


def _expressions(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in KEYS and isinstance(item, str):
                yield item
            else:
                yield from _expressions(item)
    elif isinstance(value, list):
        for item in value:
            yield from _expressions(item)


def _check(text: str) -> None:
    fast, slow = parse_fast(text), _lark(text)
    if fast is not None:
        assert slow is not None and _same(fast, slow), text


def test_every_rulebook_expression(tmp_path):
    generate(tmp_path / "bench", rules=500, facts=200, seed=4)
    texts = set()
    for file in [*RULEBOOKS.rglob("*.yaml"), *(tmp_path / "bench").glob("*.yaml")]:
        try:
            content = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError:  # a file only the rulebook's own reader takes
            continue
        texts.update(_expressions(content))
    assert len(texts) > 300
    taken = 0
    for text in texts:
        _check(text)
        taken += parse_fast(text) is not None
    assert taken > 0.9 * len(texts)  # the fast path is the common path


TRICKY = [
    "notx", "a and android", "x in inx", "30days", "30 days", "1 day + x", "-x*2",
    "not not a", "x not in [1, 2]", "f()", "[]", "a\n  and b", "30 dayx", "x == 1.5",
    "days + 1", "a.b", "a == b == c", "not in x", "a not b", "(a or b) and c", "- -1",
    '"a \\" b" == s', "min(a, b,)", "x in [a, [b]]", "A", "a\tor\nb", 'date("2020-01-01")',
    "known(x) and x > 2 months", "1 +", "", " ", "a - -1 * 3 / 4", "aB", "1a",
]  # fmt: skip


def test_tricky_texts():
    for text in TRICKY:
        _check(text)
    assert parse_fast('date("2020-01-01")') is None  # lark checks the date itself
    assert _same(parse("a\n  and b"), _lark("a\n  and b"))


WORDS = ["a", "b", "and", "or", "not", "in", "true", "false", "1", "2.5", "3 days", "min",
         "(", ")", "[", "]", ",", "+", "-", "*", "/", "==", "<", ">=", '"t"', "x1", "\n"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from([" ", ""]))
def test_random_token_strings(words, glue):
    _check(glue.join(words))
