"""Exams at approved centres, results per level, certificates and the participation
certificate (Teilnahmebescheinigung) as PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.courses.models import ExamCentre, ExamResult

from .courses_world import DAY, course_world

TAKEN = DAY + dt.timedelta(days=125)


@pytest.fixture
def world(users, make_procedure):
    return course_world(users, make_procedure)


def as_(users, role) -> Client:
    client = Client()
    client.cookies["django_language"] = "de"
    client.force_login(users[role])
    return client


def exam_form(centre, **more):
    return {
        "exam": "dtb_b2",
        "centre": str(centre.pk),
        "taken_on": TAKEN.isoformat(),
        "passed": "on",
        "certificate": "DTB-B2-0042",
        "certificate_issued_on": (TAKEN + dt.timedelta(days=20)).isoformat(),
        **more,
    }


def test_the_office_registers_and_approves_an_exam_centre(users, world):
    office = as_(users, Role.REGISTRY_CLERK)
    office.post(
        "/courses/exam-centres/", {"code": "PZ-K", "name": "Prüfzentrum Köln", "region": "Köln"}
    )
    centre = ExamCentre.objects.get(code="PZ-K")
    assert centre.approved_on is None
    office.post(f"/courses/exam-centres/{centre.pk}/approve/", {})
    centre.refresh_from_db()
    assert centre.approved_on is None  # not confirmed: nothing approved
    office.post(f"/courses/exam-centres/{centre.pk}/approve/", {"confirm": "yes"})
    centre.refresh_from_db()
    assert centre.approved_on == dt.date.today()
    assert centre.approved_by == users[Role.REGISTRY_CLERK]
    provider = as_(users, Role.COURSE_PROVIDER)
    assert provider.get("/courses/exam-centres/").status_code == 404
    assert (
        provider.post(f"/courses/exam-centres/{centre.pk}/approve/", {"confirm": "yes"}).status_code
        == 404
    )


def test_a_result_at_a_centre_not_approved_is_refused(users, world):
    pending = ExamCentre.objects.create(code="PZ-X", name="Nicht zugelassen", region="Berlin")
    p = world["participant"].pk
    response = as_(users, Role.COURSE_PROVIDER).post(
        f"/courses/participants/{p}/exam/", exam_form(pending)
    )
    assert response.status_code == 200 and not ExamResult.objects.exists()
    assert "Ergebnis erfassen" in response.text and "Nicht zugelassen" not in response.text


def test_a_result_with_its_certificate_is_recorded_per_level(users, world):
    p = world["participant"].pk
    provider = as_(users, Role.COURSE_PROVIDER)
    response = provider.post(f"/courses/participants/{p}/exam/", exam_form(world["centre"]))
    assert response.status_code == 302
    result = ExamResult.objects.get()
    assert (result.level, result.certificate, result.centre) == (
        "B2",
        "DTB-B2-0042",
        world["centre"],
    )
    page = provider.get(f"/courses/courses/{world['course'].pk}/")
    assert "DTB-B2-0042" in page.text and world["centre"].name in page.text


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"passed": ""}, "nur bei Bestehen"),
        ({"certificate_issued_on": ""}, "Nummer und ihr Datum"),
        (
            {"certificate_issued_on": (TAKEN - dt.timedelta(days=1)).isoformat()},
            "nicht vor der Prüfung",
        ),
    ],
)
def test_a_certificate_that_cannot_be_is_refused(users, world, change, problem):
    p = world["participant"].pk
    form = {k: v for k, v in {**exam_form(world["centre"]), **change}.items() if v != ""}
    response = as_(users, Role.COURSE_PROVIDER).post(f"/courses/participants/{p}/exam/", form)
    assert response.status_code == 200 and problem in response.text
    assert not ExamResult.objects.exists()


@pytest.mark.parametrize("role", [Role.COURSE_PROVIDER, Role.REGISTRY_CLERK])
def test_the_participation_certificate_as_pdf(users, world, role):
    from pypdf import PdfReader

    p = world["participant"]
    ExamResult.objects.create(
        participant=p,
        exam="dtb_b2",
        centre=world["centre"],
        taken_on=TAKEN,
        passed=True,
        certificate="DTB-B2-0042",
        certificate_issued_on=TAKEN,
        recorded_by=users[Role.COURSE_PROVIDER],
    )
    response = as_(users, role).get(f"/courses/participants/{p.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Teilnahmebescheinigung" in text and "Rahimi" in text
    assert "5 von 5 Unterrichtseinheiten" in text and "DTB-B2-0042" in text
    assert AccessLogEntry.objects.filter(person_id=p.person_id, action="export").exists()


def test_another_providers_participant_has_no_certificate_here(users, world, make_procedure):
    from akte.web.courses.models import Participant

    other = make_procedure(family="Other", given="Person", country="SYR", key="424")
    foreign = Participant.objects.create(
        course=world["foreign"], person=other.person, joined_on=DAY
    )
    response = as_(users, Role.COURSE_PROVIDER).get(
        f"/courses/participants/{foreign.pk}/certificate.pdf"
    )
    assert response.status_code == 404
