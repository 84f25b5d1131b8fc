"""Capacity and plan checks of a course (§§ 8, 11, 12, 13 DeuFöV) and overlapping
enrolments (a participant in two courses at the same time)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from akte.core.message import Message
from akte.courses.codes import note
from akte.courses.model import Course
from akte.courses.terms import deufoev
from akte.rules.rulebook import Rulebook
from akte.rules.values import UNKNOWN


@dataclass
class CapacityCheck:
    maximum: int
    minimum: int
    standard_units: int | None
    refused: list[Message] = field(default_factory=list)  # an enrolment past these is refused
    flagged: list[Message] = field(default_factory=list)  # shown, not blocking

    @property
    def ok(self) -> bool:
        return not self.refused


def check_capacity(
    course: Course, enrolled: int, as_of: dt.date, book: Rulebook | None = None
) -> CapacityCheck:
    """Check `enrolled` participants (counting one about to enrol) against the rules."""
    book = book or deufoev()
    values = book.evaluate_goals(
        {
            "module": course.module,
            "needs_extra_preparation": course.needs_extra_preparation,
            "participants_enrolled": enrolled,
            "capacity_exception": course.capacity_exception,
        },
        as_of,
        [
            "max_participants",
            "min_participants_to_run",
            "capacity_exceeded",
            "should_run",
            "standard_units",
            "max_units_per_week_full_time",
        ],
    )
    standard = values["standard_units"]
    check = CapacityCheck(
        values["max_participants"],
        values["min_participants_to_run"],
        None if standard is UNKNOWN else standard,
    )
    if values["capacity_exceeded"] is True:
        check.refused.append(
            note("courses.capacity.exceeded", enrolled=enrolled, maximum=check.maximum)
        )
    elif enrolled > check.maximum:
        check.flagged.append(
            note("courses.capacity.exception", enrolled=enrolled, maximum=check.maximum)
        )
    elif enrolled == check.maximum:
        check.flagged.append(note("courses.capacity.full", maximum=check.maximum))
    if values["should_run"] is False:
        check.flagged.append(
            note("courses.capacity.below_minimum", enrolled=enrolled, minimum=check.minimum)
        )
    if course.planned_units is not None and check.standard_units is not None:
        if course.planned_units != check.standard_units:
            check.flagged.append(
                note(
                    "courses.capacity.units_differ",
                    planned=course.planned_units,
                    standard=check.standard_units,
                )
            )
    if course.full_time:
        weekly: dict[tuple[int, int], int] = defaultdict(int)
        for day in course.days:
            year, week, _ = day.day.isocalendar()
            weekly[(year, week)] += day.units
        limit = values["max_units_per_week_full_time"]
        for (year, week), units in sorted(weekly.items()):
            if units > limit:
                check.flagged.append(
                    note(
                        "courses.capacity.week_over_full_time",
                        week=f"{year}-W{week:02d}",
                        units=units,
                        maximum=limit,
                    )
                )
    return check


@dataclass(frozen=True)
class Enrolment:
    participant: str  # the person, across courses
    course: str
    first: dt.date
    last: dt.date


def overlaps(enrolments: Iterable[Enrolment]) -> list[Message]:
    """Every pair of enrolments of one person whose periods share a day."""
    by_person: dict[str, list[Enrolment]] = defaultdict(list)
    for enrolment in enrolments:
        by_person[enrolment.participant].append(enrolment)
    found = []
    for person, items in sorted(by_person.items()):
        items.sort(key=lambda e: (e.first, e.course))
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if b.first > a.last:
                    break
                found.append(
                    note(
                        "courses.capacity.overlap",
                        participant=person,
                        course=b.course,
                        first=max(a.first, b.first),
                        last=min(a.last, b.last),
                    )
                )
    return found
