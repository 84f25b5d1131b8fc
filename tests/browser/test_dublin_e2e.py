"""The Dublin officer enters the events of a take-charge case and sees the deadlines on the
procedure page and in the worklist."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from akte.web.accounts.models import User
from akte.web.cases.models import Person, Procedure
from akte.web.dublin import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_take_charge_case(page, live_server, monkeypatch, tmp_path):
    monkeypatch.setattr(services, "today", lambda: dt.date(2026, 12, 1))
    officer = User(username="dublin", role="dublin_officer", office="BER")
    officer.set_password("a-long-test-password")
    officer.save()
    person = Person.objects.create(sex="M", nationality="SYR")
    procedure = Procedure.objects.create(
        file_number="7000002-475", person=person, status="lodged", office="BER", country="SYR"
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("dublin")
    page.get_by_label("Passwort").fill("a-long-test-password")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/procedures/{procedure.pk}/")
    form = page.locator("form.dublin-event-form")
    form.get_by_label("Deutschland ist der").select_option("requesting")
    form.get_by_label("Ereignis").select_option("application_registered")
    form.get_by_label("Datum").fill("2026-11-06")
    form.get_by_role("button", name="Ereignis erfassen").click()
    page.wait_for_url(f"{live_server.url}/procedures/{procedure.pk}/#dublin")
    expect(page.get_by_text("Ereignis erfasst, Fristen aktualisiert.")).to_be_visible()
    request = page.locator("tr[data-deadline=take_charge_request]")
    expect(request).to_contain_text("06.01.2027")
    expect(request).to_contain_text("Art. 39(1)")
    expect(page.get_by_text("AMMR (Verordnung (EU) 2024/1351)")).to_be_visible()

    form = page.locator("form.dublin-event-form")
    form.get_by_label("Ereignis").select_option("take_charge_request_sent")
    form.get_by_label("Datum").fill("2026-11-20")
    form.get_by_label("Anderer Mitgliedstaat").select_option("IT")
    form.get_by_role("button", name="Ereignis erfassen").click()
    page.wait_for_url(f"{live_server.url}/procedures/{procedure.pk}/#dublin")
    reply = page.locator("tr[data-deadline=take_charge_reply]")
    expect(reply).to_contain_text("21.12.2026")
    expect(reply).to_contain_text("20 Tage übrig")
    expect(page.locator("tr[data-deadline=take_charge_request]")).to_contain_text("gewahrt")
    reply.get_by_text("Begründung").click()
    expect(reply.get_by_text("art40-1-reply-within-1-month", exact=False)).to_be_visible()

    page.get_by_role("link", name="Dublin-Fristen").click()
    page.get_by_role("link", name="alle offenen").click()
    row = page.get_by_role("row").filter(has_text="Antwort auf das Aufnahmegesuch")
    expect(row).to_contain_text("7000002-475")
    expect(row).to_contain_text("21.12.2026")
    page.screenshot(path=tmp_path / "dublin-worklist.png", full_page=True)
