"""The applicant opens the status page from a QR code: the token travels in the URL
fragment and the page's script posts it; a printed QR code with `?token=` still works."""

import pytest
from playwright.sync_api import expect

from akte.core.partial_date import PartialDate
from akte.web.cases.models import NameSpelling, Person, Procedure, StatusEvent
from akte.web.statuslog import link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedure(settings, tmp_path):
    settings.AKTE_LEDGER_CONFIG = str(tmp_path / "ledger" / "ledger.toml")
    person = Person.objects.create(sex="F", birth_date=PartialDate(1990), nationality="AFG")
    NameSpelling.objects.create(person=person, given_names="Mina", family_name="Rahimi")
    procedure = Procedure.objects.create(
        file_number="7000002-423", person=person, status="lodged", office="BER", country="AFG"
    )
    link.append_status(procedure, StatusEvent.objects.create(procedure=procedure, status="lodged"))
    return procedure


@pytest.mark.parametrize("form", ["fragment", "printed-query"])
def test_status_page_from_a_link(page, live_server, procedure, form):
    token = link.status_token(procedure)
    path = f"/status/{procedure.file_number}/"
    url = f"{path}#token={token}" if form == "fragment" else f"{path}?token={token}"
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + url)
    expect(page.get_by_text("Asylantrag gestellt").first).to_be_visible()
    page.get_by_text("Nachweis, dass diese Angaben").click()  # the proof, one click away
    expect(page.get_by_text("im signierten Protokoll")).to_be_visible()
    assert page.url.endswith(f"{path}#token={token}")
    # after the first request of a printed code, the token is never in a URL sent again
    assert [u for u in requested if token in u] == (
        [] if form == "fragment" else [live_server.url + url]
    )
    expect(page.get_by_text("Rahimi")).to_have_count(0)


def test_a_wrong_code_is_refused_once(page, live_server, procedure):
    page.goto(f"{live_server.url}/status/{procedure.file_number}/#token=wrong")
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Zugangscode").fill(link.status_token(procedure))
    page.get_by_role("button", name="Stand anzeigen").click()
    expect(page.get_by_text("Asylantrag gestellt").first).to_be_visible()
