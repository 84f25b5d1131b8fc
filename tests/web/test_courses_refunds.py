"""The office pays out refunds on passing: confirmed, recorded with who and when, never twice;
the CSV of due and paid refunds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.courses.models import ExamResult, RefundPayment

from .courses_world import course_world

PAYS = {
    "employed": True,
    "receives_benefits": False,
    "taxable_income": "30000",
    "assessed_jointly": False,
    "entitlement_issued_on": "2023-02-01",
}


@pytest.fixture
def world(users, make_procedure):
    made = course_world(users, make_procedure)
    participant = made["participant"]
    participant.facts = PAYS
    participant.save()
    invoice = made["invoice"]
    invoice.lines[0]["contribution"] = "12.10"
    invoice.contributions = "12.10"
    invoice.status = "approved"
    invoice.save()
    ExamResult.objects.create(
        participant=participant,
        exam="dtb_b2",
        centre=made["centre"],
        taken_on=dt.date(2023, 7, 1),
        passed=True,
        recorded_by=users[Role.COURSE_PROVIDER],
    )
    return made


def as_(users, role) -> Client:
    client = Client()
    client.cookies["django_language"] = "de"
    client.force_login(users[role])
    return client


def pay_url(world):
    return f"/courses/participants/{world['participant'].pk}/refund/pay/"


def test_a_due_refund_is_listed_and_paid_only_when_confirmed(users, world):
    office = as_(users, Role.REGISTRY_CLERK)
    page = office.get("/courses/refunds/")
    assert page.status_code == 200 and "Rahimi" in page.text and "6,05 €" in page.text
    assert AccessLogEntry.objects.filter(
        person_id=world["participant"].person_id, action="read"
    ).exists()
    office.post(pay_url(world), {"amount": "6.05"})
    assert not RefundPayment.objects.exists()  # not confirmed: nothing paid
    office.post(pay_url(world), {"amount": "6.05", "confirm": "yes"})
    payment = RefundPayment.objects.get()
    assert (str(payment.amount), payment.paid_by, payment.passed_on) == (
        "6.05",
        users[Role.REGISTRY_CLERK],
        dt.date(2023, 7, 1),
    )
    assert payment.rule.startswith("deufoev-4-refund")
    after = office.get("/courses/refunds/")
    assert "Keine Erstattung fällig" in after.text and "Noch nichts ausgezahlt" not in after.text


def test_a_refund_is_not_paid_twice_nor_at_another_amount(users, world):
    office = as_(users, Role.REGISTRY_CLERK)
    changed = office.post(pay_url(world), {"amount": "60.50", "confirm": "yes"})
    assert changed.status_code == 302 and not RefundPayment.objects.exists()
    office.post(pay_url(world), {"amount": "6.05", "confirm": "yes"})
    office.post(pay_url(world), {"amount": "6.05", "confirm": "yes"})
    assert RefundPayment.objects.count() == 1
    garbage = office.post(pay_url(world), {"amount": "x'; DROP", "confirm": "yes"})
    assert garbage.status_code == 302 and RefundPayment.objects.count() == 1


def test_providers_neither_see_nor_pay_refunds(users, world):
    provider = as_(users, Role.COURSE_PROVIDER)
    assert provider.get("/courses/refunds/").status_code == 404
    assert provider.get("/courses/refunds.csv").status_code == 404
    assert provider.post(pay_url(world), {"amount": "6.05", "confirm": "yes"}).status_code == 404
    assert not RefundPayment.objects.exists()


def test_the_csv_of_due_and_paid_refunds(users, world):
    office = as_(users, Role.REGISTRY_CLERK)
    due = office.get("/courses/refunds.csv").content.decode().splitlines()
    assert due[0] == "status;course;participant;name;amount;passed_on;rule;paid_at;paid_by"
    assert due[1].startswith(
        f"due;BSK-walk-1;{world['participant'].pk};Rahimi, Abdul;6.05;2023-07-01;"
    )
    office.post(pay_url(world), {"amount": "6.05", "confirm": "yes"})
    paid = office.get("/courses/refunds.csv").content.decode().splitlines()
    assert len(paid) == 2 and paid[1].startswith("paid;BSK-walk-1;")
    assert paid[1].endswith(f";{users[Role.REGISTRY_CLERK].username}")
    assert (
        AccessLogEntry.objects.filter(
            person_id=world["participant"].person_id, action="export"
        ).count()
        == 2
    )
