"""Demo language courses: three providers, courses in several regions and states, one of
them spanning the rate change of 1 August 2022, participants who are asylum applicants with
a procedure and others who are not, attendance lists, exams and invoices. Synthetic only."""

from __future__ import annotations

import datetime as dt
import random

from akte.synth import generate_persons
from akte.web.accounts.models import User
from akte.web.cases.models import NameSpelling, Person, Procedure
from akte.web.courses import services
from akte.web.courses.models import (
    Course,
    CourseDay,
    ExamCentre,
    ExamResult,
    Mark,
    Participant,
    Provider,
)

PROVIDERS = [
    ("SPRACHWERK", "Sprachwerk Berlin (demo)", "Berlin"),
    ("RHEINSPRACHE", "Rheinsprache Köln (demo)", "Köln"),
    ("ELBE", "Elbe Sprachschule Hamburg (demo)", "Hamburg"),
]
# number, provider, module, start, weeks, status
COURSES = [
    ("BSK-2022-0117", 0, "basic_b2", dt.date(2022, 6, 13), 20, "finished"),
    ("BSK-2026-0031", 0, "basic_c1", dt.date(2026, 9, 7), 20, "approved"),
    ("BSK-2026-0032", 1, "special_b1", dt.date(2026, 10, 5), 20, "approved"),
    ("BSK-2026-0040", 1, "special_recognition", dt.date(2027, 1, 11), 24, "registered"),
    ("BSK-2026-0051", 2, "basic_b2", dt.date(2026, 11, 2), 20, "approved"),
]
CODES = ["present"] * 16 + ["excused", "excused", "unexcused", "internship"]


def create_demo_courses(rng: random.Random, clerk: User, user: User) -> None:
    """`user` is the demo provider login (its organisation names the first provider)."""
    providers = [
        Provider.objects.create(
            code=code, name=name, region=region, approved_on=dt.date(2021, 3, 1)
        )
        for code, name, region in PROVIDERS
    ]
    centre = ExamCentre.objects.create(
        code="DEMO-PZ-1",
        name="Prüfzentrum Berlin (demo)",
        region="Berlin",
        approved_on=dt.date(2021, 3, 1),
        approved_by=clerk,
    )
    ExamCentre.objects.create(code="DEMO-PZ-2", name="Prüfzentrum Köln (demo)", region="Köln")
    applicants = list(Procedure.objects.filter(country__in=["SYR", "AFG", "IRQ", "ERI"])[:60])
    others = generate_persons(count=60, seed=rng.randrange(10**6), countries=("TUR", "SYR", "IRQ"))
    today = dt.date.today()
    for number, index, module, start, weeks, status in COURSES:
        course = Course.objects.create(
            provider=providers[index],
            number=number,
            module=module,
            region=providers[index].region,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=weeks) - dt.timedelta(days=3),
            planned_units={"special_recognition": 600}.get(module, 400),
            status=status,
            approved_by=clerk if status != "registered" else None,
        )
        size = rng.randint(15, 22)
        people = []
        for _ in range(size):
            if applicants and rng.random() < 0.5:
                procedure = applicants.pop()
                people.append(_participant(course, procedure.person, procedure, rng, clerk))
            elif others:
                people.append(_participant(course, _person(others.pop()), None, rng, clerk))
        for day in _weekdays(course.starts_on, min(course.ends_on, today - dt.timedelta(days=1))):
            course_day = CourseDay.objects.create(
                course=course, day=day, units=5, countersigned_by=user, countersigned_at=None
            )
            marks = [
                Mark(
                    day=course_day,
                    participant=p,
                    attendance=rng.choice(CODES),
                    minutes_missed=rng.choice([0] * 12 + [20, 50]),
                )
                for p in people
            ]
            for mark in marks:  # now and then someone present forgot to sign at the start
                mark.signed = mark.attendance == "present" and rng.random() > 0.02
            Mark.objects.bulk_create(marks)
        if status == "finished":
            for n, p in enumerate(people):
                taken = course.ends_on + dt.timedelta(days=10)
                passed = rng.random() < 0.7
                ExamResult.objects.create(
                    participant=p,
                    exam="dtb_b2",
                    centre=centre,
                    taken_on=taken,
                    passed=passed,
                    certificate=f"DTB-B2-{course.number}-{n + 1:02d}" if passed else "",
                    certificate_issued_on=taken + dt.timedelta(days=28) if passed else None,
                    recorded_by=user,
                )
            for month in (7, 8):  # the invoices either side of the rate change
                services.submit(course, 2022, month, user)


def _weekdays(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def _person(synth) -> Person:
    person = Person.objects.create(
        sex=synth.sex, birth_date=synth.birth_date, nationality=synth.country
    )
    spelling = synth.spellings[0]
    NameSpelling.objects.create(
        person=person,
        given_names=spelling.given_names,
        family_name=spelling.family_name,
        is_primary=True,
    )
    return person


def _participant(course, person, procedure, rng, clerk) -> Participant:
    employed = procedure is None and rng.random() < 0.6
    facts = {
        "residence_status": "permission_to_stay" if procedure else "residence_permit",
        "entitlement_issued_on": (course.starts_on - dt.timedelta(days=30)).isoformat(),
        "lasting_stay_expected": True if procedure else None,
        "safe_country_of_origin": False if procedure else None,
        "employed": employed,
        "receives_benefits": False if employed else None,
        "taxable_income": str(rng.choice([18000, 26000, 34000])) if employed else None,
        "assessed_jointly": False if employed else None,
    }
    return Participant.objects.create(
        course=course,
        person=person,
        procedure=procedure,
        joined_on=course.starts_on,
        facts={k: v for k, v in facts.items() if v is not None},
        enrolled_by=clerk,
    )
