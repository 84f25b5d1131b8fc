"""Checks of one day's attendance list before it is recorded: every problem with its reason.

A list for a day the course did not run, a person not on the course that day, an unknown
code, minutes missed beyond the day's length, a person twice, a missing entry, a signature recorded for someone absent (the
provider strikes an absent person's field through: form 630.059i): each is a
message; the caller refuses the list (and keeps what was recorded before) when any is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from akte.core.message import Message
from akte.courses.codes import note
from akte.courses.model import ATTENDANCE, Course, Mark, Participant

MAX_UNITS_A_DAY = 10  # a plausibility bound for one day's units (10 × 45 minutes)


def check_list(
    course: Course,
    participants: Iterable[Participant],
    day: dt.date,
    units: int,
    marks: Iterable[Mark],
    unit_minutes: int = 45,
) -> list[Message]:
    problems: list[Message] = []
    if not any(d.day == day for d in course.days):
        problems.append(note("courses.attendance.not_a_course_day", day=day))
    if not 0 < units <= MAX_UNITS_A_DAY:
        problems.append(note("courses.attendance.units_out_of_range", units=units))
    expected = {p.id for p in participants if p.on_list(day)}
    seen: set[str] = set()
    for mark in marks:
        if mark.participant in seen:
            problems.append(note("courses.attendance.twice", participant=mark.participant))
            continue
        seen.add(mark.participant)
        if mark.participant not in expected:
            problems.append(
                note("courses.attendance.not_enrolled", participant=mark.participant, day=day)
            )
        if mark.attendance not in ATTENDANCE:
            problems.append(note("courses.attendance.unknown_code", given=mark.attendance))
        if mark.signed is True and mark.attendance != "present" and mark.attendance in ATTENDANCE:
            problems.append(
                note(
                    "courses.attendance.signed_but_absent",
                    participant=mark.participant,
                    attendance=note(f"courses.code.{mark.attendance}"),
                )
            )
        maximum = max(units, 0) * unit_minutes
        if not 0 <= mark.minutes_missed <= maximum:
            problems.append(
                note(
                    "courses.attendance.minutes_out_of_range",
                    minutes=mark.minutes_missed,
                    maximum=maximum,
                )
            )
    for missing in sorted(expected - seen):
        problems.append(note("courses.attendance.missing", participant=missing, day=day))
    return problems
