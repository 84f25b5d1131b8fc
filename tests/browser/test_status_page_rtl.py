"""The applicant's status page in Arabic on a phone: right-to-left, no horizontal scroll at
390 px, the language chooser switches language without the token entering an address.

The screenshot is kept under the test's tmp dir and, if AKTE_SCREENSHOT_DIR is set, copied
there (CI keeps it as an artefact): `status-page-ar-390.png`."""

import os
import shutil

import pytest
from playwright.sync_api import expect

from akte.core.partial_date import PartialDate
from akte.web.cases.models import NameSpelling, Person, Procedure, StatusEvent
from akte.web.statuslog import applicant, link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedure(settings, tmp_path):
    settings.AKTE_LEDGER_CONFIG = str(tmp_path / "ledger" / "ledger.toml")
    person = Person.objects.create(
        sex="M", birth_date=PartialDate(1991), nationality="SYR", languages="ar,ku"
    )
    NameSpelling.objects.create(person=person, given_names="Omar", family_name="Haddad")
    procedure = Procedure.objects.create(
        file_number="7000003-475", person=person, status="decided", office="BER", country="SYR"
    )
    for status in ("registered", "lodged", "hearing_scheduled", "hearing_held", "decided"):
        event = StatusEvent.objects.create(procedure=procedure, status=status)
        link.append_status(procedure, event)
    return procedure


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


def no_horizontal_scroll(page) -> tuple[int, int]:
    return page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )


def test_the_arabic_status_page_reads_right_to_left_on_a_phone(
    phone, live_server, procedure, tmp_path
):
    token = link.status_token(procedure)
    requested = []
    phone.on("request", lambda request: requested.append(request.url))
    phone.goto(f"{live_server.url}/status/{procedure.file_number}/#token={token}")
    arabic = applicant.catalogue("ar")
    expect(phone.get_by_role("heading", level=1)).to_have_text(arabic.texts["title"])
    assert phone.get_attribute("html", "dir") == "rtl"
    assert phone.get_attribute("html", "lang") == "ar"
    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    expect(phone.get_by_text(arabic.statuses["decided"]["next"])).to_be_visible()
    width, client = no_horizontal_scroll(phone)
    assert width <= client, f"scrolls sideways: {width} > {client}"
    phone.get_by_text(arabic.texts["proof_summary"]).click()  # the proof, opened
    expect(phone.get_by_text(arabic.texts["proof_ok"]).first).to_be_visible()
    width, client = no_horizontal_scroll(phone)
    assert width <= client, f"scrolls sideways with the proof open: {width} > {client}"
    shot = tmp_path / "status-page-ar-390.png"
    phone.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("AKTE_SCREENSHOT_DIR"):
        os.makedirs(os.environ["AKTE_SCREENSHOT_DIR"], exist_ok=True)
        shutil.copy(shot, os.environ["AKTE_SCREENSHOT_DIR"])

    phone.locator("button[lang=ti]").click()
    tigrinya = applicant.catalogue("ti")
    expect(phone.get_by_role("heading", level=1)).to_have_text(tigrinya.texts["title"])
    assert phone.get_attribute("html", "dir") == "ltr"
    assert phone.evaluate("getComputedStyle(document.body).direction") == "ltr"
    width, client = no_horizontal_scroll(phone)
    assert width <= client
    shot = tmp_path / "status-page-ti-390.png"
    phone.screenshot(path=str(shot), full_page=True)
    if os.environ.get("AKTE_SCREENSHOT_DIR"):
        shutil.copy(shot, os.environ["AKTE_SCREENSHOT_DIR"])
    assert not [u for u in requested if token in u.split("#")[0]]
    phone.reload()  # the choice is kept in the fragment, beside the token
    expect(phone.get_by_role("heading", level=1)).to_have_text(tigrinya.texts["title"])
    assert phone.url.endswith("&lang=ti")
