"""Suppressed cells stay protected against a reader who knows every total: checked by
linear programming over every additive report's table for a year of a synthetic history the
size of one office's. (In tables so sparse that no rectangle of cells of at least t exists, the
method cannot protect every cell: docs/analytics.md says so.)"""

import datetime as dt
from collections import defaultdict

import pytest

from akte.analytics import disclosure, reports
from akte.analytics.engines import DuckDB

scipy_optimize = pytest.importorskip("scipy.optimize")

T = 5
YEAR = (dt.date(2016, 1, 1), dt.date(2016, 12, 31))


def _cells(snapshot, name, by=None):
    rep = reports.report(name)
    sql = reports.query(rep, by=by, date_from=YEAR[0], date_to=YEAR[1])
    rows = DuckDB(snapshot).rows(sql)
    for row in rows:
        row["suppressed"] = None
    dims = reports.dimensions(rep, by)
    return rows, dims


def _protection(rows, dims):
    """For each suppressed cell: (lowest, highest) value an LP allows, given every published
    cell, every row and column total and non-negative cells."""
    hidden = [i for i, row in enumerate(rows) if row["suppressed"]]
    index = {i: k for k, i in enumerate(hidden)}
    equations, totals = [], []
    for d in dims:
        lines = defaultdict(list)
        for i, row in enumerate(rows):
            lines[row[d]].append(i)
        for members in lines.values():
            unknown = [index[i] for i in members if i in index]
            if not unknown:
                continue
            coefficients = [0.0] * len(hidden)
            for k in unknown:
                coefficients[k] = 1.0
            equations.append(coefficients)
            totals.append(sum(rows[i]["value"] for i in members if i in index))
    ranges = {}
    for i in hidden:
        k = index[i]
        objective = [0.0] * len(hidden)
        bounds = []
        for sign in (1.0, -1.0):
            objective[k] = sign
            result = scipy_optimize.linprog(
                objective, A_eq=equations, b_eq=totals, bounds=[(0, None)] * len(hidden)
            )
            assert result.status in (0, 3)
            bounds.append(sign * result.fun if result.status == 0 else float("inf"))
        ranges[i] = (bounds[0], bounds[1])
    return ranges


ADDITIVE = [
    (name, by)
    for name, rep in sorted(reports.catalogue().reports.items())
    if rep.additive and rep.kind == "count"
    for by in (None, "nationality")
    if by is None or by in rep.by
]


@pytest.mark.parametrize(("name", "by"), ADDITIVE)
def test_every_suppressed_cell_keeps_an_interval_of_the_threshold(office_snapshot, name, by):
    rows, dims = _cells(office_snapshot, name, by)
    disclosure.primary(rows, T)
    if len(dims) == 2:
        disclosure.secondary_two(rows, T, dims)
    else:
        disclosure.secondary_one(rows, T)
    if not any(row["suppressed"] for row in rows):
        pytest.skip(f"{name}: nothing to suppress in {YEAR[0].year}")
    lp_dims = dims if len(dims) == 2 else ()
    if not lp_dims:  # one line: the total of all cells
        for row in rows:
            row["_all"] = "*"
        lp_dims = ("_all",)
    for i, (low, high) in _protection(rows, lp_dims).items():
        if rows[i]["suppressed"] != "primary":
            continue  # a secondary cell protects others; it is not sensitive itself
        value = rows[i]["value"]
        assert high >= value + T, (name, rows[i], high)
        assert low <= max(0, value - T), (name, rows[i], low)


def test_primary_suppression_uses_distinct_persons_not_rows():
    rows = [{"value": 9, "persons": 3}, {"value": 9, "persons": 9}]
    disclosure.primary(rows, 5)
    assert [row.get("suppressed") for row in rows] == ["primary", None]


def test_a_single_small_cell_in_a_line_gets_a_partner():
    rows = [
        {"p": "a", "value": 2, "persons": 2},
        {"p": "a", "value": 40, "persons": 40},
        {"p": "a", "value": 7, "persons": 7},
    ]
    disclosure.primary(rows, 5)
    disclosure.secondary_one(rows, 5)
    assert [row.get("suppressed") for row in rows] == ["primary", None, "secondary"]


def test_a_primary_cell_in_a_table_gets_the_cheapest_rectangle():
    cells = {("m1", "a"): 2, ("m1", "b"): 30, ("m1", "c"): 8, ("m2", "a"): 9, ("m2", "b"): 50,
             ("m2", "c"): 6, ("m3", "a"): 40, ("m3", "b"): 40, ("m3", "c"): 40}  # fmt: skip
    rows = [{"p": p, "k": k, "value": v, "persons": v} for (p, k), v in cells.items()]
    disclosure.primary(rows, 5)
    disclosure.secondary_two(rows, 5, ("p", "k"))
    hidden = {(row["p"], row["k"]) for row in rows if row.get("suppressed")}
    assert hidden == {("m1", "a"), ("m1", "c"), ("m2", "a"), ("m2", "c")}
