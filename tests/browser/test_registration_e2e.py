"""A registry clerk logs in, registers a person with two spellings, finds the procedure."""

import pytest
from playwright.sync_api import expect

from akte.web.accounts.models import User
from akte.web.cases.models import Procedure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_and_find(page, live_server, tmp_path):
    clerk = User(username="clerk", role="registry_clerk", office="BER")
    clerk.set_password("a-long-test-password")
    clerk.save()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("clerk")
    page.get_by_label("Passwort").fill("a-long-test-password")
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_url(f"{live_server.url}/worklist/registrations/")  # the clerk's start page

    page.get_by_role("link", name="Registrieren").click()
    page.locator("#id_spelling-0-given_names").fill("Abdulrahman")
    page.locator("#id_spelling-0-family_name").fill("Al-Khatib")
    page.locator("#id_spelling-1-given_names").fill("عبد الرحمن")
    page.locator("#id_spelling-1-family_name").fill("الخطيب")
    page.locator("#id_spelling-1-script").select_option("Arab")
    page.get_by_label("Geschlecht").select_option("M")
    page.get_by_label("Geburtsdatum").fill("03.1994")
    page.get_by_label("Staatsangehörigkeit").fill("SYR")
    page.get_by_label("Aktenzeichen").fill("7000001-475")
    page.get_by_label("Dienststelle").select_option("BER")
    page.get_by_label("Herkunftsland").fill("SYR")
    page.get_by_role("button", name="Registrieren").click()

    page.wait_for_url(f"{live_server.url}/procedures/*/")
    expect(page.get_by_text("Verfahren 7000001-475 registriert.")).to_be_visible()
    expect(page.get_by_text("nur Monat und Jahr bekannt")).to_be_visible()
    expect(page.get_by_role("cell", name="الخطيب")).to_be_visible()

    page.get_by_role("link", name="Verfahren", exact=True).first.click()
    page.get_by_label("Name oder Aktenzeichen").fill("Khatib")
    page.get_by_label("Name oder Aktenzeichen").press("Enter")  # posted: not in the URL
    row = page.get_by_role("row").filter(has_text="7000001-475")
    expect(row.get_by_text("Al-Khatib, Abdulrahman")).to_be_visible()
    assert "Khatib" not in page.url
    page.screenshot(path=tmp_path / "registration.png", full_page=True)
    assert Procedure.objects.get(file_number="7000001-475").person.spellings.count() == 2


def test_invalid_file_number_keeps_input(page, live_server):
    clerk = User(username="clerk2", role="registry_clerk")
    clerk.set_password("a-long-test-password")
    clerk.save()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("clerk2")
    page.get_by_label("Passwort").fill("a-long-test-password")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/worklist/registrations/")  # the clerk's start page
    page.goto(f"{live_server.url}/register/")
    page.locator("#id_spelling-0-family_name").fill("Tesfay")
    page.get_by_label("Staatsangehörigkeit").fill("ERI")
    page.get_by_label("Aktenzeichen").fill("12-224")
    page.get_by_label("Herkunftsland").fill("ERI")
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_text("Bitte die markierten Felder korrigieren")).to_be_visible()
    assert page.locator("#id_spelling-0-family_name").input_value() == "Tesfay"
    assert not Procedure.objects.exists()
