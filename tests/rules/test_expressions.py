import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akte.rules.compiler import compile_expression, missing_inputs
from akte.rules.expressions import (
    Arith,
    Call,
    Compare,
    Duration,
    ExpressionSyntaxError,
    In,
    ListExpr,
    Literal,
    Logic,
    Name,
    Neg,
    Not,
    names_in,
    parse,
    to_source,
)
from akte.rules.values import UNKNOWN, add_duration

SETTINGS = settings(max_examples=150, deadline=None)


def test_parse_examples():
    assert parse("a + 3 months") == Arith("+", Name("a"), Literal(Duration(3, "months")))
    assert parse("1 month") == Literal(Duration(1, "months"))
    assert parse('date("2019-01-31")') == Literal(dt.date(2019, 1, 31))
    assert parse("x not in [1, 2]") == In(Name("x"), ListExpr((Literal(1), Literal(2))), True)
    assert parse("known(x) and not y") == Logic("and", Call("known", (Name("x"),)), Not(Name("y")))
    assert parse("1.50") == Literal(Decimal("1.50"))
    assert names_in(parse("known(a) or b + 1 > c")) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("a +", 1, 3), ("a ++ b", 1, 4), ('"open', 1, 1), ("x\n  and +", 2, 7), ("A", 1, 1)],
)
def test_syntax_errors_have_positions_and_hints(text, line, column):
    with pytest.raises(ExpressionSyntaxError) as caught:
        parse(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert caught.value.hint


def test_invalid_date_literal_is_a_syntax_error():
    with pytest.raises(ExpressionSyntaxError, match="rules.syntax.not_a_calendar_date"):
        parse('date("2019-02-30")')


# -- round trip -------------------------------------------------------------------------

names = st.sampled_from(["a", "b", "fact_1", "eurodac_hit_on", "x"]).map(Name)
literals = st.one_of(
    st.booleans(),
    st.integers(min_value=0, max_value=10**6),
    st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=8),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.builds(
        Duration,
        st.integers(min_value=0, max_value=99),
        st.sampled_from(["days", "weeks", "months", "years"]),
    ),
).map(Literal)


def _trees(children):
    return st.one_of(
        st.builds(Not, children),
        st.builds(Neg, children),
        st.builds(Logic, st.sampled_from(["and", "or"]), children, children),
        st.builds(Compare, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), children, children),
        st.builds(In, children, children, st.booleans()),
        st.builds(Arith, st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.builds(
            Call,
            st.sampled_from(["min", "max", "count"]),
            st.lists(children, max_size=3).map(tuple),
        ),
        st.builds(ListExpr, st.lists(children, max_size=3).map(tuple)),
    )


expressions = st.recursive(st.one_of(names, literals), _trees, max_leaves=12)


@SETTINGS
@given(expressions)
def test_print_parse_round_trip(tree):
    assert parse(to_source(tree)) == tree


# -- three-valued logic -------------------------------------------------------------------

truth = st.sampled_from([True, False, UNKNOWN])
LAWS = {
    "a and b": "b and a",
    "a or b": "b or a",
    "not (a and b)": "not a or not b",
    "not (a or b)": "not a and not b",
    "a and (b or c)": "(a and b) or (a and c)",
    "a or (b and c)": "(a or b) and (a or c)",
    "not not a": "a",
    "a and a": "a",
    "(a and b) and c": "a and (b and c)",
}


def _run(text, values):
    return compile_expression(parse(text))(values)


@SETTINGS
@given(truth, truth, truth)
def test_kleene_laws(a, b, c):
    values = {k: v for k, v in {"a": a, "b": b, "c": c}.items() if v is not UNKNOWN}
    for left, right in LAWS.items():
        assert _run(left, values) is _run(right, values), (left, right, a, b, c)


def test_unknown_propagates_by_kleene():
    assert _run("a and false", {}) is False
    assert _run("a or true", {}) is True
    assert _run("a and true", {}) is UNKNOWN
    assert _run("not a", {}) is UNKNOWN
    assert _run("a > 3", {}) is UNKNOWN
    assert _run("known(a)", {}) is False
    assert _run("known(a)", {"a": 1}) is True
    assert _run("a + 1", {}) is UNKNOWN


def test_missing_inputs_only_what_matters():
    assert missing_inputs(parse("a or b"), {"a": True}) == []
    assert missing_inputs(parse("a and b"), {"a": True}) == ["b"]
    assert missing_inputs(parse("a and b > 2"), {}) == ["a", "b"]
    assert missing_inputs(parse("a and b"), {"a": False}) == []


# -- dates -------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2019-01-31", 1, "2019-02-28"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2019-01-31", 3, "2019-04-30"),
        ("2019-08-31", 18, "2021-02-28"),
        ("2019-03-31", -1, "2019-02-28"),
        ("2019-12-15", 1, "2020-01-15"),
    ],
)
def test_month_arithmetic(start, months, end):
    got = add_duration(dt.date.fromisoformat(start), Duration(months, "months"))
    assert got == dt.date.fromisoformat(end)


@SETTINGS
@given(dates, st.integers(min_value=0, max_value=60))
def test_month_periods_end_on_same_date_or_month_end(day, months):
    end = add_duration(day, Duration(months, "months"))
    assert (end.year * 12 + end.month) - (day.year * 12 + day.month) == months
    if end.day != day.day:
        assert end.day < day.day
        assert (end + dt.timedelta(days=1)).day == 1  # the last day of that month
    assert add_duration(day, Duration(months // 12, "years")) == add_duration(
        day, Duration(12 * (months // 12), "months")
    )


@SETTINGS
@given(dates, st.integers(min_value=-400, max_value=400))
def test_day_and_week_periods(day, amount):
    assert add_duration(day, Duration(amount, "days")) == day + dt.timedelta(days=amount)
    assert add_duration(day, Duration(amount, "weeks")) == day + dt.timedelta(weeks=amount)
    assert _run("d + n - n", {"d": day, "n": Duration(amount, "days")}) == day
    later = add_duration(day, Duration(abs(amount), "days"))
    assert _run("d2 - d1", {"d1": day, "d2": later}) == abs(amount)


@SETTINGS
@given(dates, st.integers(min_value=0, max_value=48))
def test_month_periods_are_monotonic(day, months):
    assert add_duration(day, Duration(months, "months")) <= add_duration(
        day, Duration(months + 1, "months")
    )


def test_membership_in_a_literal_list_is_kleene():
    assert _run("x in [a, 2]", {"x": 2}) is True
    assert _run("x in [a, 2]", {"x": 3}) is UNKNOWN
    assert _run("x in [a, 2]", {"x": 3, "a": 4}) is False
    assert _run("x not in [a, 2]", {"x": 2}) is False
    assert _run("x not in [a, 2]", {"x": 3, "a": 4}) is True
    assert _run('"b" in ["a", "b"]', {}) is True
