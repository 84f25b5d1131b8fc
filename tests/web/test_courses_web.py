"""Language courses on the web: who sees what, enrolment with the entitlement checked,
attendance lists with corrections, invoices from preview to the office's decision."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Person
from akte.web.courses.models import (
    Correction,
    Course,
    CourseDay,
    Invoice,
    Mark,
    Participant,
    Provider,
)

from .courses_world import DAY, approved_centre, course_world

ENROL = {
    "given_names": "Amina",
    "family_name": "Yusuf",
    "sex": "F",
    "born": "1991",
    "nationality": "SOM",
    "joined_on": "2023-03-06",
    "residence_status": "residence_permit",
    "entitlement_issued_on": "2023-02-01",
    "employed": "no",
}


@pytest.fixture
def world(users, make_procedure):
    return course_world(users, make_procedure)


def as_(users, role) -> Client:
    client = Client()
    client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", list(Role))
def test_only_the_office_and_providers_see_courses(role, users, world):
    response = as_(users, role).get("/courses/")
    if role in (Role.REGISTRY_CLERK, Role.COURSE_PROVIDER):
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_a_provider_sees_only_its_own_courses_and_participants(users, world):
    provider = as_(users, Role.COURSE_PROVIDER)
    listing = provider.get("/courses/").text
    assert "BSK-walk-1" in listing and "BSK-other-1" not in listing
    assert provider.get(f"/courses/courses/{world['foreign'].pk}/").status_code == 404
    page = provider.get(f"/courses/courses/{world['course'].pk}/")
    assert "Rahimi" in page.text
    office = as_(users, Role.REGISTRY_CLERK).get("/courses/").text
    assert "BSK-walk-1" in office and "BSK-other-1" in office


def test_reading_a_course_logs_its_participants(users, world):
    person = world["participant"].person_id
    before = AccessLogEntry.objects.filter(person_id=person).count()
    as_(users, Role.COURSE_PROVIDER).get(f"/courses/courses/{world['course'].pk}/")
    entry = AccessLogEntry.objects.filter(person_id=person).latest("pk")
    assert AccessLogEntry.objects.filter(person_id=person).count() == before + 1
    assert entry.purpose == "language_courses" and entry.record.startswith("participant:")


def test_enrolment_refused_with_its_reason_keeps_nothing(users, world):
    persons = Person.objects.count()
    data = {
        **ENROL,
        "residence_status": "permission_to_stay",
        "lasting_stay_expected": "yes",
        "safe_country_of_origin": "yes",
    }
    response = as_(users, Role.COURSE_PROVIDER).post(
        f"/courses/courses/{world['course'].pk}/enrol/", data
    )
    assert response.status_code == 200
    assert "sicheren Herkunftsstaat" in response.text
    assert "Nicht angemeldet" in response.text
    assert Person.objects.count() == persons
    assert Participant.objects.filter(course=world["course"]).count() == 1


def test_enrolment_with_an_entitlement_creates_the_participant_and_logs_it(users, world):
    response = as_(users, Role.COURSE_PROVIDER).post(
        f"/courses/courses/{world['course'].pk}/enrol/", ENROL
    )
    assert response.status_code == 302
    participant = Participant.objects.get(
        course=world["course"], person__spellings__family_name="Yusuf"
    )
    assert participant.procedure is None  # a participant need not be an asylum applicant
    assert AccessLogEntry.objects.filter(person_id=participant.person_id, action="create").exists()


def test_the_26th_participant_is_refused(users, world):
    course = world["course"]
    for _ in range(24):
        person = Person.objects.create(sex="F", nationality="SYR")
        Participant.objects.create(course=course, person=person, joined_on=DAY)
    assert course.participants.count() == 25
    response = as_(users, Role.COURSE_PROVIDER).post(f"/courses/courses/{course.pk}/enrol/", ENROL)
    assert response.status_code == 200 and "Höchstzahl" in response.text
    assert course.participants.count() == 25


def test_a_person_in_two_courses_at_once_is_refused(users, world):
    clerk = as_(users, Role.REGISTRY_CLERK)
    data = {
        **ENROL,
        "file_number": world["participant"].procedure.file_number,
        "residence_status": "permission_to_stay",
        "lasting_stay_expected": "yes",
        "safe_country_of_origin": "no",
    }
    response = clerk.post(f"/courses/courses/{world['foreign'].pk}/enrol/", data)
    assert response.status_code == 200
    assert "auch im Kurs BSK-walk-1" in response.text
    assert not Participant.objects.filter(course=world["foreign"]).exists()


def day_url(world, day=DAY):
    return f"/courses/courses/{world['course'].pk}/days/{day.isoformat()}/"


def test_an_attendance_list_is_recorded_and_countersigned(users, world):
    day = DAY + dt.timedelta(days=1)
    p = world["participant"].pk
    response = as_(users, Role.COURSE_PROVIDER).post(
        day_url(world, day), {"units": "5", f"a{p}": "excused", f"m{p}": "0", "countersign": "yes"}
    )
    assert response.status_code == 302
    course_day = CourseDay.objects.get(course=world["course"], day=day)
    assert course_day.countersigned_by == users[Role.COURSE_PROVIDER]
    assert Mark.objects.get(day=course_day).attendance == "excused"


def test_a_list_for_a_day_the_course_did_not_run_is_refused(users, world):
    p = world["participant"].pk
    before = DAY - dt.timedelta(days=3)
    response = as_(users, Role.COURSE_PROVIDER).post(
        day_url(world, before), {"units": "5", f"a{p}": "present"}
    )
    assert response.status_code == 200
    assert not CourseDay.objects.filter(day=before).exists()


def test_a_correction_needs_a_reason_and_keeps_the_old_values(users, world):
    p = world["participant"].pk
    provider = as_(users, Role.COURSE_PROVIDER)
    refused = provider.post(day_url(world), {"units": "5", f"a{p}": "unexcused", f"m{p}": "0"})
    assert refused.status_code == 200
    assert "needs a reason" in refused.text or "braucht einen Grund" in refused.text
    assert Mark.objects.get(participant_id=p, day__day=DAY).attendance == "present"
    done = provider.post(
        day_url(world), {"units": "5", f"a{p}": "unexcused", f"m{p}": "0", f"r{p}": "Attest fehlt"}
    )
    assert done.status_code == 302
    correction = Correction.objects.get(mark__participant_id=p)
    assert (correction.old_attendance, correction.new_attendance, correction.reason) == (
        "present",
        "unexcused",
        "Attest fehlt",
    )


def test_bad_minutes_are_refused_with_the_reason(users, world):
    p = world["participant"].pk
    day = DAY + dt.timedelta(days=2)
    response = as_(users, Role.COURSE_PROVIDER).post(
        day_url(world, day), {"units": "5", f"a{p}": "present", f"m{p}": "9999"}
    )
    assert response.status_code == 200
    assert "9.999 Minuten versäumt" in response.text
    assert not CourseDay.objects.filter(day=day).exists()


def test_a_month_from_list_to_invoice_to_approval(users, world):
    Invoice.objects.all().delete()
    provider = as_(users, Role.COURSE_PROVIDER)
    course = world["course"]
    preview = provider.get(f"/courses/courses/{course.pk}/invoice/?month=2023-03")
    assert preview.status_code == 200 and "24.20" in preview.text  # 5 units × 4.84 €
    assert "deufoev-25-1-rate@2022-08-01" in preview.text
    unconfirmed = provider.post(f"/courses/courses/{course.pk}/invoice/", {"month": "2023-03"})
    assert unconfirmed.status_code == 200 and not Invoice.objects.exists()
    provider.post(f"/courses/courses/{course.pk}/invoice/", {"month": "2023-03", "confirm": "yes"})
    invoice = Invoice.objects.get()
    assert str(invoice.payable) == "24.20" and invoice.status == "submitted"
    assert (
        provider.post(
            f"/courses/invoices/{invoice.pk}/decide/", {"decision": "approve", "confirm": "yes"}
        ).status_code
        == 404
    )
    office = as_(users, Role.REGISTRY_CLERK)
    office.post(f"/courses/invoices/{invoice.pk}/decide/", {"decision": "approve"})
    invoice.refresh_from_db()
    assert invoice.status == "submitted"  # not confirmed: nothing decided
    office.post(
        f"/courses/invoices/{invoice.pk}/decide/", {"decision": "approve", "confirm": "yes"}
    )
    invoice.refresh_from_db()
    assert invoice.status == "approved" and invoice.decided_by == users[Role.REGISTRY_CLERK]


def test_an_invoice_with_open_attendance_cannot_be_submitted(users, world):
    Invoice.objects.all().delete()
    CourseDay.objects.create(course=world["course"], day=DAY + dt.timedelta(days=1), units=5)
    provider = as_(users, Role.COURSE_PROVIDER)
    response = provider.post(
        f"/courses/courses/{world['course'].pk}/invoice/", {"month": "2023-03", "confirm": "yes"}
    )
    assert response.status_code == 200 and not Invoice.objects.exists()
    assert "keine Anwesenheit" in response.text


def test_the_invoice_as_pdf_and_csv(users, world):
    from pypdf import PdfReader

    invoice = world["invoice"]
    provider = as_(users, Role.COURSE_PROVIDER)
    pdf = provider.get(f"/courses/invoices/{invoice.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rahimi" in text and "24.20" in text
    csv = provider.get(f"/courses/invoices/{invoice.pk}/csv/").content.decode()
    assert csv.splitlines()[0].startswith("invoice;course;participant")
    assert ";4.84;deufoev-25-1-rate@2022-08-01;5;5;0;24.20;0.00;24.20" in csv
    exports = AccessLogEntry.objects.filter(
        person_id=world["participant"].person_id, action="export"
    )
    assert exports.count() == 2


def test_figures_show_no_personal_data(users, world):
    response = as_(users, Role.REGISTRY_CLERK).get("/courses/figures/")
    assert response.status_code == 200 and "Rahimi" not in response.text
    assert as_(users, Role.COURSE_PROVIDER).get("/courses/figures/").status_code == 404


def test_the_invoice_as_xrechnung_fits_the_en16931_cii_schema(users, world):
    from lxml import etree

    from akte.web.courses.xrechnung import NS

    invoice = world["invoice"]
    response = as_(users, Role.COURSE_PROVIDER).get(f"/courses/invoices/{invoice.pk}/xrechnung.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    total = document.find(".//ram:DuePayableAmount", NS).text
    assert total == "24.20"
    assert "Rahimi" not in response.content.decode()  # participants by number only
    assert AccessLogEntry.objects.filter(
        person_id=world["participant"].person_id, action="export"
    ).exists()


def test_a_contribution_is_an_allowance_and_the_schema_still_holds(users, world):
    from akte.web.courses import xrechnung

    invoice = world["invoice"]
    invoice.contributions = invoice.total / 2
    invoice.payable = invoice.total - invoice.contributions
    body = xrechnung.build(invoice)  # raises when the schema refuses it
    assert b"AllowanceTotalAmount>12.10<" in body


@pytest.mark.parametrize(
    "body",
    [
        b"<rsm:CrossIndustryInvoice xmlns:rsm='urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100'/>",
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
        b"not xml at all",
    ],
)
def test_the_schema_check_refuses_what_does_not_fit(body):
    from akte.web.courses.xrechnung import XRechnungError, check

    with pytest.raises(XRechnungError):
        check(body)


def test_the_office_approves_a_provider_before_it_registers_courses(users, world):
    provider = Provider.objects.get(code="walk")
    client = as_(users, Role.COURSE_PROVIDER)
    assert client.get("/courses/new/").status_code == 302  # not approved yet: back to the list
    office = as_(users, Role.REGISTRY_CLERK)
    office.post(f"/courses/providers/{provider.pk}/approve/", {})
    provider.refresh_from_db()
    assert provider.approved_on is None  # not confirmed
    office.post(f"/courses/providers/{provider.pk}/approve/", {"confirm": "yes"})
    provider.refresh_from_db()
    assert provider.approved_on is not None
    assert client.get("/courses/new/").status_code == 200
    assert client.get("/courses/providers/").status_code == 404
    response = client.post(
        "/courses/new/",
        {
            "number": "BSK-walk-2",
            "module": "basic_c1",
            "region": "Berlin",
            "starts_on": "2023-05-02",
            "ends_on": "2023-04-01",
            "planned_units": "400",
        },
    )
    assert response.status_code == 200 and "vor seinem Beginn" in response.text
    assert not Course.objects.filter(number="BSK-walk-2").exists()


def test_the_course_page_shows_each_participants_attendance(users, world):
    page = as_(users, Role.REGISTRY_CLERK).get(f"/courses/courses/{world['course'].pk}/")
    assert "5 von 5 anwesend" in page.text


def test_a_participant_who_paid_and_passed_in_time_sees_the_refund(users, world):
    from akte.web.courses.models import ExamResult

    participant = world["participant"]
    participant.facts = {
        "employed": True,
        "receives_benefits": False,
        "taxable_income": "30000",
        "assessed_jointly": False,
        "entitlement_issued_on": "2023-02-01",
    }
    participant.save()
    invoice = world["invoice"]
    invoice.lines[0]["contribution"] = "12.10"
    invoice.status = "approved"
    invoice.save()
    ExamResult.objects.create(
        participant=participant,
        exam="dtb_b2",
        centre=approved_centre(),
        taken_on=dt.date(2023, 7, 1),
        passed=True,
        recorded_by=users[Role.COURSE_PROVIDER],
    )
    page = as_(users, Role.REGISTRY_CLERK).get(f"/courses/courses/{world['course'].pk}/")
    assert "6,05 € erstattet" in page.text


def test_hostile_input_is_refused_or_made_inert(users, world):
    provider = as_(users, Role.COURSE_PROVIDER)
    course = world["course"]
    assert provider.get(f"/courses/courses/{course.pk}/days/2023-02-30/").status_code == 404
    assert provider.get(f"/courses/courses/{course.pk}/days/..%2F..%2Fetc/").status_code == 404
    bad = provider.post(f"/courses/courses/{course.pk}/enrol/", {**ENROL, "nationality": "ABC"})
    assert bad.status_code == 200 and "ISO 3166-1 alpha-3" in bad.text
    p = world["participant"].pk
    huge = provider.post(
        day_url(world, DAY + dt.timedelta(days=1)), {"units": "9" * 50, f"a{p}": "present"}
    )
    assert (
        huge.status_code == 200
        and not CourseDay.objects.filter(day=DAY + dt.timedelta(days=1)).exists()
    )
    # a name that a spreadsheet would run as a formula stays text in the CSV
    invoice = world["invoice"]
    invoice.lines[0]["name"] = '=HYPERLINK("http://x")'
    invoice.save()
    csv = provider.get(f"/courses/invoices/{invoice.pk}/csv/").content.decode()
    assert ";\"'=HYPERLINK" in csv  # quoted by the csv writer, led by an apostrophe


def test_the_leitweg_id_is_the_buyer_reference_and_the_schema_holds(users, world, monkeypatch):
    from lxml import etree

    from akte.courses import config
    from akte.web.courses import xrechnung

    ns = {
        "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    }
    invoice = world["invoice"]

    def reference():
        body = xrechnung.build(invoice)  # raises when the schema refuses it
        return etree.fromstring(body).findtext(".//ram:BuyerReference", namespaces=ns)

    assert reference() == "BSK-walk-1"  # nothing set: the course number
    config.office_leitweg_id.cache_clear()
    monkeypatch.setenv("AKTE_COURSES_LEITWEG_ID", "991-33333TEST-33")
    assert reference() == "991-33333TEST-33"
    office = as_(users, Role.REGISTRY_CLERK)
    provider = invoice.course.provider
    url = f"/courses/providers/{provider.pk}/leitweg/"
    office.post(url, {"leitweg_id": "04011000-1234512345-07"})
    provider.refresh_from_db()
    assert provider.leitweg_id == ""  # refused: wrong check digits
    refused = office.get("/courses/providers/")
    assert "richtig wären 06" in refused.text
    office.post(url, {"leitweg_id": "04011000-1234512345-06"})
    invoice.course.provider.refresh_from_db()
    assert reference() == "04011000-1234512345-06"  # the provider's own comes first
    config.office_leitweg_id.cache_clear()
    assert as_(users, Role.COURSE_PROVIDER).post(url, {"leitweg_id": ""}).status_code == 404
