"""Disclosure control: no published cell lets a reader learn about fewer than `t` persons.

Primary: a cell whose count of distinct persons is below `t` is suppressed; so is a rate whose
numerator or denominator is.

Secondary, for additive tables (a reader may know each period's total and each category's
total): every primary cell gets a protecting rectangle, the hypercube method for two
dimensions (Repsilber; Giessing, "Survey on methods for tabular data protection in ARGUS").
Cell x = (r, c) with partners (r, c'), (r', c), (r', c'), all suppressed: moving d along the
rectangle (x + d, (r, c') - d, (r', c) - d, (r', c') + d) keeps every row and column total,
so x can be at least t higher when both (r, c') and (r', c) hold at least t, and min(x, t)
lower when (r', c') does. Of the rectangles that qualify, the one that hides the least is
taken (among the 16 most suitable partners on each side). A one-dimensional table (one total) needs one partner of at least t. Cells absent from
a table are known zeros and never serve as partners. `tests/analytics/test_disclosure.py`
checks the result by linear programming over every additive report. A table so sparse that
no qualifying rectangle exists for a cell (a month with only a handful of persons in every
category) gets the rectangle that protects most; `secondary_two` returns those cells.

Hand-written on purpose: the maintained tools for cell suppression (tau-Argus, sdcTable) are
a Java program and an R package, not Python libraries; this is their classic method, audited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

Cell = dict[str, object]
PRIMARY, SECONDARY = "primary", "secondary"
CANDIDATES = 16  # partners tried per side of a rectangle, the most suitable first


def primary(rows: list[Cell], t: int) -> None:
    """Mark cells below the threshold (in place). `numerator_persons` counts for rates."""
    for row in rows:
        persons = row.get("persons") or 0
        numerator = row.get("numerator_persons", persons)
        if persons < t or (numerator is not None and numerator < t):
            row["suppressed"] = PRIMARY


def _value(row: Cell) -> float:
    return float(row.get("value") or 0)


def _hide(cells: list[Cell]) -> None:
    for cell in cells:
        if not cell.get("suppressed"):
            cell["suppressed"] = SECONDARY


def secondary_one(rows: list[Cell], t: int) -> None:
    """One total: each primary cell needs another suppressed cell of at least t."""
    for cell in [row for row in rows if row.get("suppressed") == PRIMARY]:
        others = [row for row in rows if row is not cell and _value(row) >= t]
        if any(row.get("suppressed") for row in others) or not others:
            continue
        _hide([min(others, key=_value)])


def secondary_two(rows: list[Cell], t: int, dims: tuple[str, str]) -> list[Cell]:
    """Period x category: a protecting rectangle for every primary cell. Returns the primary
    cells for which no rectangle protects the full threshold."""
    first, second = dims
    grid: dict[tuple[Hashable, Hashable], Cell] = {(row[first], row[second]): row for row in rows}
    value = {key: _value(cell) for key, cell in grid.items()}
    in_row: dict[Hashable, list[Hashable]] = defaultdict(list)
    in_column: dict[Hashable, list[Hashable]] = defaultdict(list)
    for r, c in grid:
        in_row[r].append(c)
        in_column[c].append(r)

    def preference(key) -> tuple:  # hidden partners of at least t first, then the smallest such
        return (value[key] < t, not grid[key].get("suppressed"), value[key])

    weak = []
    for (r, c), cell in list(grid.items()):
        if cell.get("suppressed") != PRIMARY:
            continue
        need_low = min(value[(r, c)], t)
        best, best_key = None, (float("inf"), float("inf"))
        columns = sorted((c2 for c2 in in_row[r] if c2 != c), key=lambda c2: preference((r, c2)))
        rows_ = sorted((r2 for r2 in in_column[c] if r2 != r), key=lambda r2: preference((r2, c)))
        for c2 in columns[:CANDIDATES]:
            across = (r, c2)
            up_across = value[across]
            cost_across = 0.0 if grid[across].get("suppressed") else up_across
            for r2 in rows_[:CANDIDATES]:
                down, corner = (r2, c), (r2, c2)
                if corner not in grid:
                    continue
                up = min(up_across, value[down])
                shortfall = max(0.0, t - up) + max(0.0, need_low - value[corner])
                if shortfall > best_key[0]:
                    continue
                cost = cost_across
                cost += 0.0 if grid[down].get("suppressed") else value[down]
                cost += 0.0 if grid[corner].get("suppressed") else value[corner]
                if (shortfall, cost) < best_key:
                    best, best_key = (across, down, corner), (shortfall, cost)
                    if best_key == (0.0, 0.0):
                        break  # already hidden and enough: nothing better exists
            if best_key == (0.0, 0.0):
                break
        if best is not None:
            _hide([grid[key] for key in best])
        if best is None or best_key[0] > 0:
            weak.append(cell)
    return weak


def suppress(rows: list[Cell], t: int, *, additive: bool, dims: tuple[str, ...]) -> list[Cell]:
    """Primary suppression always, secondary for additive tables; suppressed cells lose
    their value and count (None). Returns the rows."""
    for row in rows:
        row.setdefault("suppressed", None)
    primary(rows, t)
    if additive and len(dims) == 2:
        secondary_two(rows, t, (dims[0], dims[1]))
    elif additive:
        secondary_one(rows, t)
    for row in rows:
        row.pop("numerator_persons", None)
        if row["suppressed"]:
            row["value"] = None
            row["persons"] = None
    return rows
