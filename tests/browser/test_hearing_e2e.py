"""A whole hearing in the browser: start, type segments with the keyboard, read back,
correct, confirm, seal, export both formats and check their text."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from akte.core.partial_date import PartialDate
from akte.web.accounts.models import User
from akte.web.cases.models import NameSpelling, Person, Procedure
from akte.web.hearings.models import Hearing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedure(settings, tmp_path):
    settings.AKTE_LEDGER_CONFIG = str(tmp_path / "ledger" / "ledger.toml")
    person = Person.objects.create(sex="M", birth_date=PartialDate(1988), nationality="IRQ")
    NameSpelling.objects.create(person=person, given_names="Rebin", family_name="Barzani")
    return Procedure.objects.create(
        file_number="7000002-438",
        person=person,
        status="lodged",
        office="BER",
        country="IRQ",
        language="ku",
    )


def login(page, live_server, username):
    user = User(username=username, role="interviewer", office="BER")
    user.set_password("a-long-test-password")
    user.save()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("a-long-test-password")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/worklist/hearings/")  # the interviewer's start page


def settled(page):
    """Wait until HTMX has no request in flight and has finished swapping and settling, so
    the next click lands on a form HTMX has already taken over."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def test_whole_hearing(page, live_server, procedure):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    login(page, live_server, "anhoerer")
    page.goto(f"{live_server.url}/procedures/{procedure.pk}/")
    page.get_by_label("Dolmetscher/in").fill("Dolmetscherin (demo)")
    page.get_by_role("button", name="Anhörung beginnen").click()
    page.wait_for_url("**/hearings/*/")

    text = page.locator("textarea[name=text]")
    text.fill("Woher kommen Sie?")
    text.press("Enter")  # Enter saves the segment, the panels refresh without a reload
    page.locator("#seg-1").wait_for()
    settled(page)
    page.keyboard.press("Alt+2")  # applicant
    page.locator("textarea[name=text]").fill("Aus Erbil, Stadtteil Ankawa.")
    page.locator("textarea[name=text]").press("Enter")
    page.locator("#seg-2").wait_for()
    settled(page)
    assert "Antragsteller/in" in page.locator("#seg-2").inner_text()

    # the place named brings information and suggested questions, each saying why
    attacks = page.locator(".suggestion").filter(has_text="Wann genau kam es zu Angriffen?")
    attacks.wait_for()
    attacks.get_by_text("Warum?").click()
    assert "Erbil" in attacks.inner_text()
    assert page.locator(".suggestion.kind-information").filter(has_text="Demo").count() >= 1
    attacks.get_by_role("button", name="verwenden").click()
    page.locator(".suggestion.decided").filter(
        has_text="Wann genau kam es zu Angriffen?"
    ).wait_for()
    settled(page)
    parts = page.locator(".suggestion").filter(has_text="In welchen Teilen der Stadt?")
    parts.get_by_role("button", name="verwerfen").click()  # without a reason: refused
    page.get_by_text("Bitte angeben, warum der Vorschlag verworfen wird.").wait_for()
    settled(page)
    parts = page.locator(".suggestion").filter(has_text="In welchen Teilen der Stadt?")
    parts.get_by_placeholder("Grund für das Verwerfen").fill("bereits beantwortet")
    parts.get_by_role("button", name="verwerfen").click()
    page.locator(".suggestion.decided").filter(has_text="bereits beantwortet").wait_for()
    settled(page)

    # an answer that covers a legal element (only the applicant's account does)
    page.keyboard.press("Alt+2")
    page.locator("textarea[name=text]").fill("Man hat mich festgenommen und geschlagen.")
    page.get_by_text("Diese Antwort betrifft Tatbestandsmerkmale").click()
    page.get_by_label("Verfolgungshandlung", exact=True).check()
    page.get_by_role("button", name="Abschnitt speichern").click()
    page.locator("#seg-3").wait_for()
    covered = page.locator(".checklist li.covered").filter(has_text="Verfolgungshandlung")
    covered.wait_for()
    settled(page)
    assert covered.get_by_role("link", name="3").count() == 1

    # a draft survives a reload
    page.locator("textarea[name=text]").fill("Entwurf, noch nicht gespeichert")
    page.reload()
    assert page.locator("textarea[name=text]").input_value() == "Entwurf, noch nicht gespeichert"
    page.locator("textarea[name=text]").fill("")

    page.get_by_role("button", name="Rückübersetzung beginnen").click()
    page.locator("#seg-2 summary").wait_for()
    settled(page)
    page.locator("#seg-2 summary").click()
    page.locator("#corr-2").fill("Aus Erbil, Stadtteil Ainkawa.")
    page.locator("#corr-reason-2").fill("Schreibweise")
    page.get_by_role("button", name="Korrektur speichern").click()
    page.locator("#seg-2 .correction").wait_for()
    settled(page)
    for number in (1, 2, 3):
        page.locator(f"#seg-{number}").get_by_role("button", name="bestätigen").click()
        page.locator(f"#seg-{number}").get_by_text("bestätigt").wait_for()
        settled(page)
    page.get_by_label("bestätigt die Niederschrift").check()
    page.get_by_role("button", name="Festhalten und versiegeln").click()
    page.get_by_text("Versiegelt und unverändert").wait_for()
    # both irreversible steps asked first and said what follows
    assert len(dialogs) == 2 and "keine weiteren Abschnitte" in dialogs[0]
    assert "nicht mehr geändert" in dialogs[1]

    hearing = Hearing.objects.get()
    assert hearing.is_sealed
    with page.expect_download() as download:
        page.get_by_role("link", name="Niederschrift (PDF)").click()
    pdf = download.value.path().read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Aus Erbil, Stadtteil Ankawa." in text and "Aus Erbil, Stadtteil Ainkawa." in text
    assert "Wann genau kam es zu Angriffen?" in text and "verworfen: bereits beantwortet" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Niederschrift (DOCX)").click()
    doc = Document(str(download.value.path()))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert "Aus Erbil, Stadtteil Ainkawa." in paragraphs
    assert "In welchen Teilen der Stadt?" in paragraphs and "asylum-de" in paragraphs
