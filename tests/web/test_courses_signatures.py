"""The participants' own signatures on each day's list, as the provider transcribes them
from the paper list, and what billing makes of a presence nobody signed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.courses import services
from akte.web.courses.models import Correction, CourseDay, Invoice, Mark

from .courses_world import DAY, course_world

NEXT = DAY + dt.timedelta(days=1)


@pytest.fixture
def world(users, make_procedure):
    return course_world(users, make_procedure)


def provider(users) -> Client:
    client = Client()
    client.force_login(users[Role.COURSE_PROVIDER])
    return client


def day_url(world, day):
    return f"/courses/courses/{world['course'].pk}/days/{day.isoformat()}/"


def test_the_list_records_each_participants_signature(users, world):
    p = world["participant"].pk
    page = provider(users).get(day_url(world, NEXT))
    assert f'name="s{p}"' in page.text and "data-sign-present" in page.text
    assert f'name="s{p}" type="checkbox" value="yes" data-signature checked' not in page.text
    done = provider(users).post(
        day_url(world, NEXT), {"units": "5", f"a{p}": "present", f"s{p}": "yes"}
    )
    assert done.status_code == 302
    assert Mark.objects.get(participant_id=p, day__day=NEXT).signed is True
    shown = provider(users).get(day_url(world, NEXT))
    assert f'name="s{p}" type="checkbox" value="yes" data-signature checked' in shown.text


def test_an_unsigned_presence_is_recorded_but_not_paid_and_the_invoice_says_why(users, world):
    Invoice.objects.all().delete()
    p = world["participant"].pk
    provider(users).post(day_url(world, NEXT), {"units": "5", f"a{p}": "present"})
    assert Mark.objects.get(participant_id=p, day__day=NEXT).signed is False
    computed = services.compute(world["course"], dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    assert computed.ok
    (line,) = computed.lines
    assert (line.units_listed, line.units_billable) == (10, 5)
    preview = provider(users).get(f"/courses/courses/{world['course'].pk}/invoice/?month=2023-03")
    assert "anwesend ohne eigene Unterschrift" in preview.text
    assert "abrrl-11-unsigned-presence" in preview.text


def test_a_signature_for_someone_absent_is_refused_and_nothing_changes(users, world):
    p = world["participant"].pk
    refused = provider(users).post(
        day_url(world, NEXT), {"units": "5", f"a{p}": "unexcused", f"s{p}": "yes"}
    )
    assert refused.status_code == 200
    assert "nur Anwesende unterschreiben" in refused.text
    assert not CourseDay.objects.filter(course=world["course"], day=NEXT).exists()


def test_correcting_a_signature_needs_a_reason_and_keeps_old_and_new(users, world):
    p = world["participant"].pk  # DAY: present and signed
    refused = provider(users).post(day_url(world, DAY), {"units": "5", f"a{p}": "present"})
    assert refused.status_code == 200
    assert Mark.objects.get(participant_id=p, day__day=DAY).signed is True
    done = provider(users).post(
        day_url(world, DAY),
        {"units": "5", f"a{p}": "present", f"r{p}": "Unterschrift fehlt auf der Papierliste"},
    )
    assert done.status_code == 302
    correction = Correction.objects.get(mark__participant_id=p)
    assert (correction.old_signed, correction.new_signed) == (True, False)
    assert (correction.old_attendance, correction.new_attendance) == ("present", "present")
    assert Mark.objects.get(participant_id=p, day__day=DAY).signed is False
