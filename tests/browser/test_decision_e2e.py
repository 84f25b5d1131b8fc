"""A decision-maker's day: the worklist of procedures ready for decision, the procedure, the
decision recorded with its Bescheid; the procedure leaves the list, its appeal period runs."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from akte.core.partial_date import PartialDate
from akte.web.accounts.models import User
from akte.web.cases.models import Decision, NameSpelling, Person, Procedure, StatusEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ready(file_number: str, family: str, days_ago: int) -> Procedure:
    person = Person.objects.create(
        sex="F", birth_date=PartialDate(1991), nationality="ERI", languages="ti"
    )
    NameSpelling.objects.create(
        person=person, given_names="Senait", family_name=family, is_primary=True
    )
    procedure = Procedure.objects.create(
        file_number=file_number,
        person=person,
        status="hearing_held",
        office="BER",
        country="ERI",
        language="ti",
        lodged_on=dt.date(2026, 1, 12),
    )
    held = timezone.now() - dt.timedelta(days=days_ago)
    StatusEvent.objects.create(procedure=procedure, status="hearing_held", at=held)
    procedure.status_since = held  # as the lifecycle keeps it (`transitions.record_status`)
    procedure.save(update_fields=["status_since"])
    return procedure


def test_a_decision_makers_day(page, live_server, tmp_path):
    user = User(
        username="entscheider", role="decision_maker", office="BER", display_name="E. Entscheider"
    )
    user.set_password("a-long-test-password")
    user.save()
    oldest = _ready("7000002-224", "Tesfamariam", 40)
    _ready("7000003-224", "Ghebremedhin", 3)

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill("entscheider")
    page.get_by_label("Passwort").fill("a-long-test-password")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/worklist/decisions/")  # the start page

    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Tesfamariam")  # the longest waiting first
    expect(rows.first).to_contain_text("40")
    page.screenshot(path=tmp_path / "worklist.png", full_page=True)

    rows.first.get_by_role("link", name="7000002-224").click()
    page.wait_for_url(f"{live_server.url}/procedures/{oldest.pk}/")
    page.get_by_text("Entscheidung erfassen", exact=True).first.click()  # the <summary>
    form = page.locator("#record-decision form")
    form.locator("#id_outcome").select_option("subsidiary")
    today = timezone.localdate()
    form.get_by_label("entschieden am").fill(today.isoformat())
    form.get_by_label("zugestellt am").fill(today.isoformat())
    form.get_by_label("antragstellende Person").check()
    form.get_by_label("Bescheid (Dokument)").set_input_files(
        {"name": "bescheid.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 Bescheid"}
    )
    form.get_by_role("button", name="Entscheidung erfassen").click()

    page.wait_for_url(f"{live_server.url}/procedures/{oldest.pk}/")
    expect(page.get_by_text("Entscheidung erfasst.")).to_be_visible()
    expect(page.locator("dl.facts").first).to_contain_text("entschieden")
    expect(page.locator("li.decision")).to_contain_text("subsidiärer Schutz")
    expect(page.locator("li.decision")).to_contain_text("§ 4 Abs. 1 AsylG")
    expect(page.locator("li.decision")).to_contain_text("antragstellende Person")
    deadline = (today + dt.timedelta(days=14)).strftime("%d.%m.%Y")
    expect(page.locator("li.decision")).to_contain_text(deadline)
    page.screenshot(path=tmp_path / "decided.png", full_page=True)

    page.goto(f"{live_server.url}/worklist/decisions/")
    expect(page.locator("table.list tbody tr")).to_have_count(1)
    expect(page.locator("table.list")).not_to_contain_text("Tesfamariam")
    page.get_by_role("link", name="Rechtsbehelfsfristen").click()
    expect(page.locator("table.list tbody tr").first).to_contain_text(deadline)

    decision = Decision.objects.get()
    assert decision.decided_by == user and decision.outcome == "subsidiary"
    assert decision.document.kind == "decision"
    assert list(oldest.events.values_list("status", flat=True)) == ["hearing_held", "decided"]
