"""The Art. 15 report is a document the person can read: German, English and the
applicant's language; local times to the minute; roles, purposes and what was accessed in
words; what is stored and for how long; who received it; the break-glass reads with the
data protection officer's decision. The PDF is a real PDF with those words and no keys."""

from __future__ import annotations

import re

import pypdfium2
import pytest

from akte.web.accounts.roles import Role
from akte.web.audit import break_glass
from akte.web.audit.report import access_report

# what must never reach the person: the log's codes, UTC and seconds
INTERNAL = [
    "break_glass", "case_processing", "registry_clerk",
    "data_protection", "interviewer", "hearing_scheduled", "+00:00", "UTC", "None",
]  # fmt: skip
SECONDS = re.compile(r"\d\d:\d\d:\d\d")
RECORD_KEY = re.compile(r"\b[a-z_]+:\d+")  # procedure:12, access_report:3


@pytest.fixture
def looked_at(make_procedure, users, make_user, client_for):
    procedure = make_procedure()  # the applicant speaks Arabic (languages "ar")
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    outsider = make_user(Role.DECISION_MAKER, "muc_dm")
    outsider.office = "MUC"
    outsider.save()
    grant = break_glass.grant(
        outsider,
        procedure_id=procedure.pk,
        person_id=procedure.person_id,
        reason="Rückfrage des Gerichts zum Termin",
    )
    break_glass.review(grant, users[Role.DATA_PROTECTION_OFFICER], "justified", "Auftrag liegt vor")
    return procedure


def _pdf_text(body: bytes) -> str:
    pdf = pypdfium2.PdfDocument(body)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_the_german_report_is_in_words_and_local_minutes(looked_at):
    report = access_report(looked_at.person_id, "de")
    assert report["title"] == "Auskunft über Ihre personenbezogenen Daten"
    first = report["entries"][0]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr", first["time"]), first["time"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d\+0[12]:00", first["codes"]["at"])
    assert first["who"].startswith("Anhörer") or "BER" in first["who"]
    categories = [c["category"] for c in report["categories"]]
    assert (
        "Namen und ihre Schreibweisen" in categories and "Geburtsdatum und Geburtsort" in categories
    )
    assert all(c["kept"] for c in report["categories"])
    [glass] = report["break_glass"]
    assert (
        glass["decision"] == "berechtigt" and glass["reason"] == "Rückfrage des Gerichts zum Termin"
    )
    assert "Prüfung eines Ausnahmezugriffs" in [e["what"] for e in report["entries"]]


def test_the_pdf_is_a_real_pdf_with_the_words_and_no_keys(looked_at, users, client_for):
    dpo = client_for(users[Role.DATA_PROTECTION_OFFICER])
    url = f"/audit/persons/{looked_at.person_id}/report.pdf"
    for language, words in [
        ("de", ["Auskunft über Ihre personenbezogenen Daten", "Ausnahmezugriffe", "berechtigt"]),
        ("en", ["Information about your personal data", "hearing preparation and conduct"]),
    ]:
        response = dpo.get(url, {"lang": language})
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        text = _pdf_text(response.content)
        missing = [w for w in words if w not in text]
        assert not missing, f"{language}: {missing}"
        keys = [k for k in INTERNAL if k in text]
        assert not keys and not SECONDS.search(text), f"{language}: {keys}"
        assert not RECORD_KEY.search(text), RECORD_KEY.search(text)


def test_the_applicants_language_is_offered_and_used(looked_at, users, client_for):
    dpo = client_for(users[Role.DATA_PROTECTION_OFFICER])
    page = dpo.get(f"/audit/persons/{looked_at.person_id}/").text
    assert "lang=ar" in page and "lang=de" in page and "lang=en" in page
    report = dpo.get(f"/audit/persons/{looked_at.person_id}/report.json", {"lang": "ar"}).json()
    assert report["language"] == "ar" and report["direction"] == "rtl"
    assert report["title"] == "معلومات عن بياناتك الشخصية"
    assert report["break_glass"][0]["decision"] == "مبرَّر"
    # a language the applicant does not speak is not offered: German instead
    other = dpo.get(f"/audit/persons/{looked_at.person_id}/report.json", {"lang": "ru"}).json()
    assert other["language"] == "de"
    pdf = dpo.get(f"/audit/persons/{looked_at.person_id}/report.pdf", {"lang": "ar"})
    assert pdf.content.startswith(b"%PDF-") and "معلومات عن بياناتك الشخصية" in _pdf_text(
        pdf.content
    )


def test_recipients_are_the_partner_agencies_and_counsel(looked_at, users, client_for):
    partner = users[Role.PARTNER_AGENCY]
    partner.organisation = "Ausländerbehörde Teststadt"
    partner.save()
    counsel = users[Role.COUNSEL]
    counsel.organisation = "Kanzlei Test"
    counsel.save()
    looked_at.counsel.add(counsel)
    client_for(counsel).get(f"/procedures/{looked_at.pk}/")
    looked_at.events.create(status="lodged", agency="Ausländerbehörde Teststadt")
    report = access_report(looked_at.person_id, "en")
    assert "your lawyer: Kanzlei Test" in report["recipients"]
    assert any("Ausländerbehörde Teststadt" in r for r in report["recipients"])


def test_the_report_catalogues_know_only_the_reports_keys():
    from importlib import resources

    import yaml

    from akte.web.audit.report_words import TEXTS
    from akte.web.statuslog import applicant

    folder = resources.files("akte.web.statuslog").joinpath("access_report")
    found = [e for e in folder.iterdir() if e.name.endswith(".yaml")]
    assert len(found) >= 2
    for entry in found:
        language = entry.name.removesuffix(".yaml")
        assert language in applicant.languages(), f"{entry.name}: no status page in it"
        texts = yaml.safe_load(entry.read_text(encoding="utf-8"))["texts"]
        unknown = set(texts) - set(TEXTS)
        assert not unknown, f"{entry.name}: {sorted(unknown)}"
        assert all(str(v).strip() for v in texts.values()), entry.name


def test_a_language_without_the_reports_words_is_not_offered(make_procedure):
    from akte.web.audit.report import languages_of
    from akte.web.cases.models import Person

    procedure = make_procedure()
    Person.objects.filter(pk=procedure.person_id).update(languages="sw")  # no page, no report
    assert languages_of(procedure.person_id) == ["de", "en"]
    Person.objects.filter(pk=procedure.person_id).update(languages="sw,ti")
    assert languages_of(procedure.person_id) == ["de", "en", "ti"]  # the next one it has
    Person.objects.filter(pk=procedure.person_id).update(languages="de,ar")
    assert languages_of(procedure.person_id) == ["de", "en"]  # they read German


def test_every_status_page_language_has_the_whole_report():
    """The report speaks every language the applicant's status page speaks, with every word
    (a missing word would be said in English in the middle of the document)."""
    from importlib import resources

    import yaml

    from akte.web.statuslog import applicant

    folder = resources.files("akte.web.statuslog").joinpath("access_report")
    read = lambda name: yaml.safe_load(folder.joinpath(name).read_text(encoding="utf-8"))["texts"]  # noqa: E731
    arabic = set(read("ar.yaml"))  # the fullest catalogue: the words the report shows
    for language in sorted(set(applicant.languages()) - {"de", "en"}):
        assert folder.joinpath(f"{language}.yaml").is_file(), f"no report words in {language}"
        missing = arabic - set(read(f"{language}.yaml"))
        assert not missing, f"{language}: missing {sorted(missing)}"
