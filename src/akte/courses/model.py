"""The things courses are about: a course with its days, a participant, a mark on a list.

Plain frozen data; the web keeps them in its database and hands them to the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

ATTENDANCE = (
    "present",
    "excused",
    "unexcused",
    "change_of_course",
    "change_of_provider",
    "internship",
)
UNSIGNED = "present_unsigned"  # billing's category for a presence the participant did not sign
MODULES = (
    "basic_b2",
    "basic_c1",
    "basic_c2",
    "special_recognition",
    "special_subject",
    "special_b1",
    "special_a2",
)


@dataclass(frozen=True, slots=True)
class CourseDay:
    """A day the course ran, with the teaching units held that day."""

    day: dt.date
    units: int


@dataclass(frozen=True)
class Course:
    id: str
    module: str
    days: tuple[CourseDay, ...] = ()
    capacity_exception: bool = False
    needs_extra_preparation: bool = False
    planned_units: int | None = None
    full_time: bool = False

    @property
    def first_day(self) -> dt.date | None:
        return min((d.day for d in self.days), default=None)

    @property
    def last_day(self) -> dt.date | None:
        return max((d.day for d in self.days), default=None)


@dataclass(frozen=True)
class Participant:
    """A participant of one course. `facts` are inputs of the rulebook (employed,
    receives_benefits, taxable_income, assessed_jointly, entitlement_issued_on,
    exam_passed_on, ...); `joined`/`left` bound the days they are on the list."""

    id: str
    facts: Mapping[str, object] = field(default_factory=dict)
    joined: dt.date | None = None
    left: dt.date | None = None

    def on_list(self, day: dt.date) -> bool:
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day <= self.left
        )


@dataclass(frozen=True, slots=True)
class Mark:
    """One participant's entry on one day's list: the attendance code, the minutes
    missed by coming late or leaving early (timed when more than the tolerance), and whether
    the participant signed the list at the start of the day (only a presence needs it;
    None: not recorded, as in data from elsewhere without the field, billed as signed;
    the web always records it)."""

    participant: str
    day: dt.date
    attendance: str
    minutes_missed: int = 0
    signed: bool | None = None
