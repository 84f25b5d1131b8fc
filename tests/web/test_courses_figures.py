"""The office's figures page and CSV: no personal data, small cells suppressed."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.cases.models import NameSpelling, Person
from akte.web.courses import views_figures
from akte.web.courses.models import ExamResult, Participant

from .courses_world import DAY, approved_centre, course_world


@pytest.fixture
def world(users, make_procedure):
    made = course_world(users, make_procedure)
    course = made["course"]
    for n in range(11):  # 12 participants with the world's own: 7 take the exam, 5 pass
        person = Person.objects.create(sex="F", nationality="SYR")
        NameSpelling.objects.create(
            person=person, given_names="Lina", family_name=f"Figur{n}", is_primary=True
        )
        p = Participant.objects.create(course=course, person=person, joined_on=DAY)
        if n < 7:
            ExamResult.objects.create(
                participant=p,
                exam="dtb_b2",
                centre=approved_centre(),
                taken_on=DAY + dt.timedelta(days=130),
                passed=n < 5,
                recorded_by=users[Role.COURSE_PROVIDER],
            )
    return made


def client(users, role, language="de") -> Client:
    c = Client()
    c.cookies["django_language"] = language
    c.force_login(users[role])
    return c


def test_the_page_shows_rates_of_large_cells_and_no_names(users, world):
    page = client(users, Role.REGISTRY_CLERK).get("/courses/figures/")
    assert page.status_code == 200
    assert "Rahimi" not in page.text and "Figur" not in page.text
    assert "2023-Q1" in page.text and "58,3 %" in page.text  # 7 of 12 took the exam
    assert "Bestehensquote" in page.text
    # 5 of 7 passed: only 2 failed, too few; the pass rate is not shown
    assert "71,4" not in page.text
    # the other provider's course has no participants: suppressed
    assert "weniger als 5 Personen" in page.text
    english = client(users, Role.REGISTRY_CLERK, "en").get("/courses/figures/")
    assert "Pass rate" in english.text and "fewer than 5 persons" in english.text


def test_the_csv_has_the_same_cells(users, world):
    csv = client(users, Role.REGISTRY_CLERK).get("/courses/figures.csv")
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("Zeitraum;Region;Kursart")
    assert "2023-Q1;Berlin;Basisberufssprachkurs B1 → B2;1;12;7;;58.3;;" in lines
    assert any(line.startswith("2023-Q1;Köln;") and line.endswith(";ja") for line in lines)
    assert "Rahimi" not in csv.content.decode()


def test_the_threshold_is_the_analytics_setting(users, world, monkeypatch):
    monkeypatch.setattr(views_figures, "analytics_settings", lambda: SimpleNamespace(min_persons=2))
    page = client(users, Role.REGISTRY_CLERK).get("/courses/figures/")
    assert "71,4 %" in page.text  # 5 passed, 2 failed: both sides hold 2


def test_providers_do_not_see_the_figures(users, world):
    provider = client(users, Role.COURSE_PROVIDER)
    assert provider.get("/courses/figures/").status_code == 404
    assert provider.get("/courses/figures.csv").status_code == 404
