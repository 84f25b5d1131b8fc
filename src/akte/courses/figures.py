"""The office's figures without personal data: courses started, completion and pass rates by
period, region and course type, with small cells suppressed.

One table of cells (period × region × course type) and nothing else: no totals, no second
grouping, so no published sum lets a reader recover a suppressed cell by subtraction (the
reason the analytics reports need secondary suppression). Within a cell:

- the cell is suppressed when it holds fewer than `t` distinct persons (all its figures);
- a rate is suppressed unless both those it counts and those it does not count are at least
  `t` persons: a pass rate of 100 % (or 0 %) of a group tells each member's result, whatever
  the group's size.

Periods are the quarter of the course's start ("2023-Q1"). A course counts as started once it
is approved and its first day has come; its participants are those not on the waiting list;
completion is an exam taken, passing an exam passed (Deutsch-Test für den Beruf).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CourseFigures:
    """One course as the figures need it: no names, only counts of distinct persons."""

    starts_on: dt.date
    region: str
    module: str
    started: bool
    persons: frozenset[int]  # the participants' person ids (only counted, never shown)
    took_exam: frozenset[int] = frozenset()
    passed: frozenset[int] = frozenset()


@dataclass
class Cell:
    period: str
    region: str
    module: str
    courses_started: int | None = 0
    persons: int | None = 0
    took_exam: int | None = 0
    passed: int | None = 0
    suppressed: bool = False
    completion_rate: float | None = None
    pass_rate: float | None = None
    _who: set[int] = field(default_factory=set, repr=False)
    _took: set[int] = field(default_factory=set, repr=False)
    _passed: set[int] = field(default_factory=set, repr=False)


def period_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _rate(counted: int, of: int, t: int) -> float | None:
    if of == 0 or counted < t or of - counted < t:
        return None
    return counted / of


def figures(courses: Iterable[CourseFigures], t: int) -> list[Cell]:
    """The cells, sorted by period, region and course type. A suppressed cell carries no
    figure (None throughout), a suppressed rate neither its rate nor its count."""
    if t < 1:
        raise ValueError("the threshold is at least one person")
    cells: dict[tuple[str, str, str], Cell] = {}
    for course in courses:
        key = (period_of(course.starts_on), course.region, course.module)
        cell = cells.get(key) or cells.setdefault(key, Cell(*key))
        cell.courses_started = (cell.courses_started or 0) + course.started
        cell._who |= course.persons
        cell._took |= course.took_exam & course.persons
        cell._passed |= course.passed & course.took_exam & course.persons
    out = []
    for key in sorted(cells):
        cell = cells[key]
        persons, took, passed = len(cell._who), len(cell._took), len(cell._passed)
        if persons < t:
            out.append(Cell(*key, None, None, None, None, suppressed=True))
            continue
        cell.persons, cell.took_exam, cell.passed = persons, took, passed
        cell.completion_rate = _rate(took, persons, t)
        cell.pass_rate = _rate(passed, took, t)
        if cell.completion_rate is None:
            cell.took_exam = None  # the count would give the rate away
        if cell.pass_rate is None:
            cell.passed = None
        cell._who, cell._took, cell._passed = set(), set(), set()
        out.append(cell)
    return out
