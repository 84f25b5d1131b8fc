"""A provider's month in the browser: the attendance list by keyboard, the invoice with its
lines explained, submitted; the office approves it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from akte.web.accounts.models import User
from akte.web.cases.models import NameSpelling, Person
from akte.web.courses.models import Course, Invoice, Mark, Participant, Provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_label("Passwort").press("Enter")


def test_attendance_invoice_and_approval(page, live_server):
    for username, role, organisation in (
        ("traeger", "course_provider", "SPRACHWERK"),
        ("clerk", "registry_clerk", ""),
    ):
        user = User(username=username, role=role, organisation=organisation)
        user.set_password(PASSWORD)
        user.save()
    provider = Provider.objects.create(code="SPRACHWERK", name="Sprachwerk", region="Berlin")
    today = dt.date.today()
    course = Course.objects.create(
        provider=provider,
        number="BSK-E2E-1",
        module="basic_b2",
        region="Berlin",
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=100),
        planned_units=400,
        status="approved",
    )
    for family in ("Berhane", "Yilmaz"):
        person = Person.objects.create(sex="F", nationality="ERI")
        NameSpelling.objects.create(
            person=person, given_names="Senait", family_name=family, is_primary=True
        )
        Participant.objects.create(
            course=course, person=person, joined_on=course.starts_on, facts={"employed": False}
        )

    login(page, live_server, "traeger")
    page.wait_for_url(f"{live_server.url}/courses/")  # a provider starts at its courses
    page.get_by_role("link", name="BSK-E2E-1").click()
    page.get_by_role("link", name="Anwesenheitsliste von heute").click()
    first = page.get_by_label("Anwesenheit 1", exact=True)
    first.focus()
    page.keyboard.press("u")  # the first letter picks "unentschuldigt abwesend"
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    expect(first).to_have_value("unexcused")
    # the paper list: the one present signed; one button ticks every present row
    page.get_by_role("button", name="Alle als anwesend Eingetragenen als unterschrieben").click()
    expect(page.get_by_label("Zu Beginn unterschrieben 2", exact=True)).to_be_checked()
    expect(page.get_by_label("Zu Beginn unterschrieben 1", exact=True)).not_to_be_checked()
    page.get_by_label("Ich zeichne diese Liste für den Kursträger gegen").check()
    page.get_by_role("button", name="Liste erfassen").click()
    expect(page.get_by_text("ist erfasst")).to_be_visible()
    assert sorted(Mark.objects.values_list("attendance", "signed")) == [
        ("present", True),
        ("unexcused", False),
    ]

    page.get_by_role("link", name="Kurs", exact=True).click()
    page.get_by_role("link", name="Abrechnung", exact=True).click()
    page.get_by_label("Monat").fill(f"{today:%Y-%m}")
    page.get_by_role("button", name="Anzeigen").click()
    expect(
        page.get_by_text("unentschuldigt abwesend: 1 Tage, 5 UE nicht gezählt").first
    ).to_be_visible()
    page.get_by_label("Die Abrechnung ist vollständig und richtig").check()
    page.get_by_role("button", name="Abrechnung einreichen").click()
    expect(page.get_by_text("eingereicht").first).to_be_visible()
    invoice = Invoice.objects.get()
    assert str(invoice.payable) == "24.20"  # one participant present, 5 units × 4.84 €
    page.get_by_role("button", name="Abmelden").click()

    login(page, live_server, "clerk")
    page.goto(f"{live_server.url}/courses/invoices/{invoice.pk}/")
    page.get_by_label("Ich habe jede Zeile geprüft").check()
    page.get_by_role("button", name="Zur Zahlung freigeben").click()
    expect(page.get_by_text("Abrechnung zur Zahlung freigegeben.")).to_be_visible()
    invoice.refresh_from_db()
    assert invoice.status == "approved"
