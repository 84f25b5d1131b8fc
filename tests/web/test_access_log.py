"""Every read or change of a person's data is logged; the log cannot be changed; the data
protection officer sees it and exports the Art. 15 report as JSON and PDF."""

import io

import pytest
from pypdf import PdfReader

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry, AccessLogImmutable


def test_reading_a_procedure_is_logged_with_derived_purpose(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    entry = AccessLogEntry.objects.get()
    assert entry.username == "interviewer"
    assert entry.action == "read"
    assert entry.purpose == "hearing"
    assert entry.person_id == procedure.person_id
    assert entry.record == f"procedure:{procedure.pk}"


def test_chosen_purpose_is_recorded(users, make_procedure, client_for):
    procedure = make_procedure()
    client = client_for(users[Role.DECISION_MAKER])
    client.post("/accounts/purpose/", {"purpose": "hearing", "next": "/"})
    client.get(f"/procedures/{procedure.pk}/")
    assert AccessLogEntry.objects.get().purpose == "hearing"


def test_status_only_reads_are_not_personal_and_not_logged(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.PARTNER_AGENCY]).get(f"/procedures/{procedure.pk}/")
    assert not AccessLogEntry.objects.exists()


def test_name_search_is_logged(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.REGISTRY_CLERK]).post("/", {"q": "Haddad"})
    search = AccessLogEntry.objects.get(action="search")
    assert search.record == "procedures" and search.purpose == "registration"
    read = AccessLogEntry.objects.get(action="read")  # the row shows name and birth date
    assert read.person_id == procedure.person_id and read.record == f"procedure:{procedure.pk}"


def test_procedure_list_logs_each_person_shown_in_one_insert(
    users, make_procedure, client_for, django_assert_max_num_queries
):
    shown = [make_procedure(family=f"Haddad{i}") for i in range(3)]
    client = client_for(users[Role.INTERVIEWER])
    client.get("/")
    entries = AccessLogEntry.objects.filter(action="read")
    assert sorted(e.person_id for e in entries) == sorted(p.person_id for p in shown)
    assert {e.purpose for e in entries} == {"hearing"}
    shown += [make_procedure(family=f"Tesfay{i}") for i in range(10)]
    with django_assert_max_num_queries(12):  # not one insert per row
        client.get("/")
    assert AccessLogEntry.objects.filter(action="read").count() == 3 + 13


def test_status_only_list_is_not_logged(users, make_procedure, client_for):
    make_procedure()
    client_for(users[Role.PARTNER_AGENCY]).get("/")
    assert not AccessLogEntry.objects.exists()


def test_entries_cannot_be_changed_or_deleted(users, make_procedure, client_for):
    procedure = make_procedure()
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    entry = AccessLogEntry.objects.get()
    entry.purpose = "decision"
    with pytest.raises(AccessLogImmutable):
        entry.save()
    with pytest.raises(AccessLogImmutable):
        entry.delete()
    with pytest.raises(AccessLogImmutable):
        AccessLogEntry.objects.all().update(purpose="decision")
    with pytest.raises(AccessLogImmutable):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().purpose == "hearing"


def test_dpo_sees_log_and_exports_report(users, make_procedure, client_for, client):
    procedure = make_procedure()
    client_for(users[Role.INTERVIEWER]).get(f"/procedures/{procedure.pk}/")
    client.logout()
    dpo = client_for(users[Role.DATA_PROTECTION_OFFICER])
    found = dpo.get("/audit/", {"q": procedure.file_number})
    assert found.status_code == 302
    page = dpo.get(found["Location"]).text
    assert "interviewer" in page
    url = f"/audit/persons/{procedure.person_id}/report"
    report = dpo.get(f"{url}.json", {"lang": "en"}).json()
    assert report["person_id"] == procedure.person_id
    assert report["entries"][0]["who"] == "Interviewer (BER)"
    assert report["entries"][0]["purpose"] == "hearing preparation and conduct"
    assert report["entries"][0]["codes"]["purpose"] == "hearing"
    pdf = dpo.get(f"{url}.pdf", {"lang": "en"})
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Interviewer" in text and "hearing preparation and conduct" in text
    # the export itself is an access and is logged
    assert (
        AccessLogEntry.objects.filter(action="export", username="data_protection_officer").count()
        == 2
    )


def test_dpo_unknown_person(users, client_for):
    dpo = client_for(users[Role.DATA_PROTECTION_OFFICER])
    assert dpo.get("/audit/persons/999999/").status_code == 404
    assert dpo.get("/audit/persons/1/report.xml").status_code == 404
    response = dpo.get("/audit/", {"q": "../../etc/passwd"})
    assert response.status_code == 200 and "No person" in response.text


def test_api_read_is_logged(users, make_procedure, client):
    from akte.web.accounts.models import ApiToken

    procedure = make_procedure()
    _, token = ApiToken.issue(users[Role.DECISION_MAKER], "script")
    client.get(
        f"/api/procedures/{procedure.file_number}", headers={"Authorization": f"Bearer {token}"}
    )
    entry = AccessLogEntry.objects.get()
    assert entry.via == "api" and entry.username == "decision_maker"
