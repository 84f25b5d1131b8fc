"""Disclosure control: no published cell lets a reader learn about fewer than `t` persons.

Primary: a cell whose count of distinct persons is below `t` is suppressed; so is a rate whose
numerator or denominator is. Secondary (additive tables, two dimensions: period x category): a
reader who knows every period's total and every category's total must not be able to narrow
a suppressed cell down. In every line (a period, or a category) that holds suppressed cells,
the other suppressed cells must together hold at least `t`; where they do not, the smallest
cell that makes up the difference is suppressed too (cells of at least `t` are preferred as
partners, so that moving `t` along a cycle of suppressed cells stays possible), until no line
needs another. `tests/analytics/test_disclosure.py` checks the result by linear programming:
every suppressed cell can be at least `t` higher, and `min(value, t)` lower, than it is.

Hand-written on purpose: the maintained tools for cell suppression (tau-Argus, sdcTable) are
Java and R programs, not libraries for Python; this is the classic heuristic, audited by LP.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable

Cell = dict[str, object]
PRIMARY, SECONDARY = "primary", "secondary"


def primary(rows: list[Cell], t: int) -> None:
    """Mark cells below the threshold (in place). `numerator_persons` counts for rates."""
    for row in rows:
        persons = row.get("persons") or 0
        numerator = row.get("numerator_persons", persons)
        if persons < t or (numerator is not None and numerator < t):
            row["suppressed"] = PRIMARY


def secondary(rows: list[Cell], t: int, lines: list[Callable[[Cell], Hashable]]) -> None:
    """Suppress more cells (in place) until every line protects its suppressed cells."""
    changed = True
    while changed:
        changed = False
        for key in lines:
            groups: dict[Hashable, list[Cell]] = defaultdict(list)
            for row in rows:
                groups[key(row)].append(row)
            for line in groups.values():
                changed |= _protect(line, t)


def _value(row: Cell) -> float:
    return float(row.get("value") or 0)


def _protect(line: list[Cell], t: int) -> bool:
    hidden = [row for row in line if row.get("suppressed")]
    if not hidden:
        return False
    changed = False
    while True:
        values = [_value(row) for row in hidden]
        total = sum(values)
        deficit = max(t - (total - v) for v in values)  # the others must hold at least t
        if deficit <= 0 and len(hidden) >= 2:
            return changed
        shown = [row for row in line if not row.get("suppressed")]
        if not shown:
            return changed  # the whole line is suppressed: nothing left to derive it from
        need = max(deficit, 1)
        big = sorted((r for r in shown if _value(r) >= max(need, t)), key=_value)
        partner = big[0] if big else max(shown, key=_value)
        partner["suppressed"] = SECONDARY
        hidden.append(partner)
        changed = True


def suppress(rows: list[Cell], t: int, *, additive: bool, dims: tuple[str, ...]) -> list[Cell]:
    """Primary suppression always; secondary for additive tables. Suppressed values are
    removed (value and persons become None). Returns the rows."""
    for row in rows:
        row.setdefault("suppressed", None)
    primary(rows, t)
    if additive:
        if len(dims) == 2:  # a line per period and a line per category
            lines = [lambda row, d=dims[0]: row[d], lambda row, d=dims[1]: row[d]]
        else:  # one dimension: its cells add up to one total
            lines = [lambda row: None]
        secondary(rows, t, lines)
    for row in rows:
        row.pop("numerator_persons", None)
        if row["suppressed"]:
            row["value"] = None
            row["persons"] = None
    return rows
