"""Migrating a database with courses in it: earlier presences stay paid (signed on paper),
free-text exam centres become centres for the office to approve, results keep their centre."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("courses", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_migrating_keeps_marks_paid_and_turns_free_text_centres_into_records():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # the other apps' tables are as they are now: their records through today's models
    from akte.web.accounts.models import User
    from akte.web.cases.models import Person

    user = User.objects.create(username="p", role="course_provider", organisation="X")
    person = Person.objects.create(sex="F", nationality="SYR")
    provider = old.get_model("courses", "Provider").objects.create(code="X", name="X", region="B")
    course = old.get_model("courses", "Course").objects.create(
        provider=provider,
        number="BSK-M",
        module="basic_b2",
        region="B",
        starts_on=dt.date(2023, 3, 6),
        ends_on=dt.date(2023, 7, 6),
        planned_units=400,
    )
    participant = old.get_model("courses", "Participant").objects.create(
        course=course, person_id=person.pk, joined_on=dt.date(2023, 3, 6)
    )
    days = [
        old.get_model("courses", "CourseDay").objects.create(course=course, day=d, units=5)
        for d in (dt.date(2023, 3, 6), dt.date(2023, 3, 7))
    ]
    Mark = old.get_model("courses", "Mark")
    Mark.objects.create(day=days[0], participant=participant, attendance="present")
    Mark.objects.create(day=days[1], participant=participant, attendance="excused")
    for centre in ("telc Berlin", "telc Berlin", "g.a.s.t. Köln"):
        old.get_model("courses", "ExamResult").objects.create(
            participant=participant,
            exam="dtb_b2",
            centre=centre,
            taken_on=dt.date(2023, 7, 10),
            passed=True,
            recorded_by_id=user.pk,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from akte.web.courses.models import ExamCentre, ExamResult
    from akte.web.courses.models import Mark as NewMark

    assert sorted(NewMark.objects.values_list("attendance", "signed")) == [
        ("excused", False),
        ("present", True),
    ]
    assert sorted(ExamCentre.objects.values_list("name", "approved_on")) == [
        ("g.a.s.t. Köln", None),
        ("telc Berlin", None),
    ]
    assert sorted(ExamResult.objects.values_list("centre__name", flat=True)) == [
        "g.a.s.t. Köln",
        "telc Berlin",
        "telc Berlin",
    ]
