"""`akte bench courses`: invoices per second for N courses of 25 participants and 400 units,
against a naive per-mark computation (the rulebook evaluated afresh for every mark) in the
same run. Attendance is generated per course day and streamed into the billing, never held
for a whole course; the naive path runs on a sample of the courses and must agree to the cent.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import time
from collections.abc import Iterator

from akte.core.machine import machine as machine_info
from akte.courses.billing import bill, bill_naively
from akte.courses.model import Course, CourseDay, Mark, Participant
from akte.courses.terms import TermsBook

CODES = ["present"] * 16 + ["excused", "excused", "unexcused", "internship"]
FACTS = [
    {"employed": False},
    {
        "employed": True,
        "receives_benefits": False,
        "taxable_income": "30000",
        "assessed_jointly": False,
    },
    {
        "employed": True,
        "receives_benefits": False,
        "taxable_income": "35000",
        "assessed_jointly": True,
    },
]


def course(index: int, units: int = 400, per_day: int = 5) -> Course:
    """Course `index`: weekday lessons of `per_day` units from a start between 2021 and 2024
    (so some courses span the rate change of 1 August 2022)."""
    start = dt.date(2021, 1, 4) + dt.timedelta(days=(index * 37) % 1200)
    days, day = [], start
    while len(days) * per_day < units:
        if day.weekday() < 5:
            days.append(CourseDay(day, per_day))
        day += dt.timedelta(days=1)
    return Course(f"K{index}", "basic_b2", tuple(days))


def participants(index: int, size: int = 25) -> list[Participant]:
    return [Participant(f"{index}-{n}", FACTS[(index + n) % len(FACTS)]) for n in range(size)]


def marks(the_course: Course, people: list[Participant], seed: int) -> Iterator[Mark]:
    """One mark per participant and course day, generated as the days go."""
    rng = random.Random(seed)
    for day in the_course.days:
        for person in people:
            late = rng.random() < 0.05
            code = rng.choice(CODES)
            signed = code == "present" and rng.random() > 0.01  # 1 % forget to sign
            yield Mark(person.id, day.day, code, rng.choice((20, 50, 100)) if late else 0, signed)


def _billed(billing, i: int, the_course, people, terms):
    """The course's invoice over its whole run, its attendance generated as it is read."""
    attendance = marks(the_course, people, i)
    return billing(the_course, people, attendance, the_course.first_day, the_course.last_day, terms)


def run(courses: int = 10_000, naive_courses: int = 20, size: int = 25, units: int = 400) -> dict:
    terms = TermsBook()
    spans_change = 0
    total_marks = 0
    start = time.perf_counter()
    payable = 0
    for i in range(courses):
        the_course, people = course(i, units), participants(i, size)
        invoice = _billed(bill, i, the_course, people, terms)
        if not invoice.ok:
            raise RuntimeError(f"course {i}: {invoice.problems[:3]}")
        spans_change += len({line.rate for line in invoice.lines}) > 1
        total_marks += len(the_course.days) * size
        payable += invoice.payable
    fast = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(courses):  # the same attendance, generated and thrown away: its cost
        the_course, people = course(i, units), participants(i, size)
        for _ in marks(the_course, people, i):
            pass
    generating = time.perf_counter() - start

    sample = min(naive_courses, courses)
    start = time.perf_counter()
    agree = True
    for i in range(sample):
        the_course, people = course(i, units), participants(i, size)
        naive = _billed(bill_naively, i, the_course, people, terms)
        agree &= naive == _billed(bill, i, the_course, people, terms).payable
    naive_time = time.perf_counter() - start
    # the sample's time includes one fast run per course: take it out
    fast_per_course = fast / courses
    naive_per_course = max(naive_time / sample - fast_per_course, 1e-9) if sample else None
    return {
        "benchmark": "courses",
        "courses": courses,
        "participants_per_course": size,
        "units_per_course": units,
        "marks": total_marks,
        "courses_spanning_the_rate_change": spans_change,
        "payable_total_eur": str(payable),
        "fast_seconds": round(fast, 3),
        "fast_invoices_per_second": round(courses / fast, 1),
        "fast_marks_per_second": round(total_marks / fast),
        "generating_seconds": round(generating, 3),
        "billing_marks_per_second_without_generating": round(
            total_marks / max(fast - generating, 1e-9)
        ),
        "naive_sample_courses": sample,
        "naive_invoices_per_second": round(1 / naive_per_course, 2) if naive_per_course else None,
        "speedup": round(naive_per_course / fast_per_course, 1) if naive_per_course else None,
        "naive_agrees_to_the_cent": agree,
        "naive_scope": (
            "all courses"
            if sample == courses
            else f"a fixed sample: courses 0 to {sample - 1} of {courses} (the same attendance "
            "as the fast run); its per-invoice rate is compared with the fast run's"
        ),
        "unsigned_presences_share": 0.01,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "machine": {**machine_info(), "cpus": os.cpu_count()},
        "note": "timings on a shared machine are noisy; compare the ratio, not the absolute figures",
    }
