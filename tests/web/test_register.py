"""Registering persons and procedures: validation at the field, nothing saved on error."""

import pytest

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import NameSpelling, Person, Procedure


def form_data(**overrides):
    data = {
        "spelling-TOTAL_FORMS": "3",
        "spelling-INITIAL_FORMS": "0",
        "spelling-MIN_NUM_FORMS": "0",
        "spelling-MAX_NUM_FORMS": "10",
        "spelling-0-given_names": "Mohammed",
        "spelling-0-family_name": "Al-Hassan",
        "spelling-0-script": "Latn",
        "spelling-1-given_names": "Muhammad",
        "spelling-1-family_name": "Alhasan",
        "spelling-1-script": "Latn",
        "spelling-2-given_names": "",
        "spelling-2-family_name": "",
        "spelling-2-script": "Latn",
        "person-sex": "M",
        "person-birth_date": "1990",
        "person-birth_place": "Homs",
        "person-nationality": "syr",
        "person-languages": "ar, ku",
        "procedure-file_number": "7654321-475",
        "procedure-office": "BER",
        "procedure-country": "SYR",
        "procedure-language": "ar",
        "procedure-lodged_on": "2024-03-01",
    }
    data.update(overrides)
    return data


@pytest.fixture
def clerk_client(users, client_for):
    return client_for(users[Role.REGISTRY_CLERK])


def test_register_with_two_spellings(clerk_client):
    response = clerk_client.post("/register/", form_data())
    assert response.status_code == 302
    procedure = Procedure.objects.get(file_number="7654321-475")
    person = procedure.person
    assert [s.family_name for s in person.spellings.all()] == ["Al-Hassan", "Alhasan"]
    assert person.birth_date.precision == "year"
    assert person.nationality == "SYR"
    assert person.languages == "ar,ku"
    assert procedure.events.get().status == "registered"
    entry = AccessLogEntry.objects.get(action="create")
    assert entry.person_id == person.pk and entry.username == "registry_clerk"
    page = clerk_client.get(response["Location"]).text
    assert "1990" in page and "Al-Hassan" in page and "Alhasan" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("procedure-file_number", "123-475", "seven digits"),
        ("procedure-file_number", "7654321-423", "country key"),
        ("person-birth_date", "31.02.1990", "does not exist"),
        ("person-birth_date", "2150", "future"),
        ("person-birth_date", "1990-13", "not between 1 and 12"),
        ("person-nationality", "XYZ", "alpha-3"),
        ("procedure-country", "Syria", ""),
        ("person-languages", "arabic!", "language code"),
        ("spelling-0-given_names", "Mo\x00hammed", ""),
        ("procedure-lodged_on", "2099-01-01", "future"),
    ],
)
def test_invalid_input_message_at_field_and_nothing_saved(clerk_client, field, value, message):
    response = clerk_client.post("/register/", form_data(**{field: value}))
    assert response.status_code == 400
    assert "errorlist" in response.text
    assert message in response.text
    assert not Procedure.objects.exists() and not Person.objects.exists()
    # what was typed is still in the form: nothing is lost
    assert 'value="Al-Hassan"' in response.text


def test_no_spelling_at_all(clerk_client):
    data = form_data(**{"spelling-0-given_names": "", "spelling-0-family_name": ""})
    data.update({"spelling-1-given_names": "", "spelling-1-family_name": ""})
    response = clerk_client.post("/register/", data)
    assert response.status_code == 400
    assert "at least one spelling" in response.text


def test_duplicate_file_number(clerk_client, make_procedure):
    existing = make_procedure()
    response = clerk_client.post(
        "/register/", form_data(**{"procedure-file_number": existing.file_number})
    )
    assert response.status_code == 400
    assert "already registered" in response.text


def test_hostile_names_are_stored_verbatim_and_escaped(clerk_client):
    hostile = "<script>alert(1)</script>'; DROP TABLE cases_person;--"
    response = clerk_client.post("/register/", form_data(**{"spelling-0-family_name": hostile}))
    assert response.status_code == 302
    assert NameSpelling.objects.filter(family_name=hostile).exists()
    page = clerk_client.get(response["Location"]).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_huge_input_is_refused_cleanly(clerk_client):
    response = clerk_client.post(
        "/register/", form_data(**{"spelling-0-family_name": "x" * 10_000})
    )
    assert response.status_code == 400
    assert not Person.objects.exists()


def test_tampered_formset_count_is_refused(clerk_client):
    response = clerk_client.post("/register/", form_data(**{"spelling-TOTAL_FORMS": "5000"}))
    assert response.status_code == 400
    assert not Person.objects.exists()


def test_add_spelling_to_existing_person(clerk_client, make_procedure, users, client):
    procedure = make_procedure()
    response = clerk_client.post(
        f"/procedures/{procedure.pk}/spellings/",
        {
            "spelling-given_names": "Mohamad",
            "spelling-family_name": "Hadad",
            "spelling-script": "Latn",
        },
    )
    assert response.status_code == 302
    assert procedure.person.spellings.filter(family_name="Hadad", is_primary=False).exists()
    assert AccessLogEntry.objects.filter(action="update", person_id=procedure.person_id).exists()
    client.force_login(users[Role.INTERVIEWER])
    refused = client.post(
        f"/procedures/{procedure.pk}/spellings/",
        {"spelling-family_name": "X", "spelling-script": "Latn"},
    )
    assert refused.status_code == 404
    assert not procedure.person.spellings.filter(family_name="X").exists()
