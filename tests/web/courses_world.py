"""A small world of language courses for the web tests and the access walk: a provider, an
approved course with one list and a submitted invoice, the given person as participant."""

from __future__ import annotations

import datetime as dt

from akte.web.courses import services
from akte.web.courses.models import Course, CourseDay, ExamCentre, Mark, Participant, Provider

DAY = dt.date(2023, 3, 6)


def approved_centre(code: str = "PZ-1") -> ExamCentre:
    return ExamCentre.objects.get_or_create(
        code=code,
        defaults={"name": "Prüfzentrum Berlin", "region": "Berlin", "approved_on": DAY},
    )[0]


def course_world(users, make_procedure) -> dict:
    """The web tests' world: the walk's course with a participant who has a procedure, and
    a course of another provider."""
    from akte.web.accounts.roles import Role

    procedure = make_procedure(family="Rahimi", given="Abdul", country="AFG", key="423")
    made = walk_course(procedure.person, procedure, users[Role.COURSE_PROVIDER])
    other = Provider.objects.create(code="other", name="Andere Schule", region="Köln")
    made["foreign"] = Course.objects.create(
        provider=other,
        number="BSK-other-1",
        module="basic_c1",
        region="Köln",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=90),
        planned_units=400,
    )
    return made


def walk_course(person, procedure, provider_user, code: str = "walk") -> dict:
    provider = Provider.objects.create(code=code, name="Sprachschule Walk", region="Berlin")
    provider_user.organisation = code
    provider_user.save(update_fields=["organisation"])
    course = Course.objects.create(
        provider=provider,
        number=f"BSK-{code}-1",
        module="basic_b2",
        region="Berlin",
        starts_on=DAY,
        ends_on=DAY + dt.timedelta(days=120),
        planned_units=400,
        status="approved",
    )
    participant = Participant.objects.create(
        course=course, person=person, procedure=procedure, joined_on=DAY, facts={"employed": False}
    )
    course_day = CourseDay.objects.create(course=course, day=DAY, units=5)
    Mark.objects.create(day=course_day, participant=participant, attendance="present", signed=True)
    invoice, computed = services.submit(course, 2023, 3, provider_user)
    assert invoice is not None, computed.problems
    return {
        "centre": approved_centre(f"PZ-{code}"),
        "course": course,
        "participant": participant,
        "course_day": course_day,
        "invoice": invoice,
    }
