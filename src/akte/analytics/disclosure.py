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
taken. A one-dimensional table (one total) needs one partner of at least t. Cells absent from
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


def _cost(cells: list[Cell]) -> float:
    return sum(_value(cell) for cell in cells if not cell.get("suppressed"))


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
    in_row: dict[Hashable, list[Hashable]] = defaultdict(list)
    for r, c in grid:
        in_row[r].append(c)
    weak = []
    for (r, c), cell in list(grid.items()):
        if cell.get("suppressed") != PRIMARY:
            continue
        need_low = min(_value(cell), t)
        best, best_key = None, None
        for c2 in in_row[r]:
            if c2 == c:
                continue
            across = grid[(r, c2)]
            for r2 in in_row:
                down, corner = grid.get((r2, c)), grid.get((r2, c2))
                if r2 == r or down is None or corner is None:
                    continue
                up = min(_value(across), _value(down))
                low = _value(corner)
                shortfall = max(0.0, t - up) + max(0.0, need_low - low)
                key = (shortfall, _cost([across, down, corner]))
                if best_key is None or key < best_key:
                    best, best_key = (across, down, corner), key
                    if key == (0.0, 0.0):
                        break  # already hidden and enough: nothing better exists
            if best_key == (0.0, 0.0):
                break
        if best is not None:
            _hide(list(best))
        if best_key is None or best_key[0] > 0:
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
