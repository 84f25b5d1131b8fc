"""Person similarity search in the web app, and the possible-duplicates warning."""

import pytest

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Procedure

from .test_register import form_data


@pytest.fixture
def people(make_procedure):
    return {
        "haddad": make_procedure(family="Al-Haddad", given="Mohammed"),
        "rahimi": make_procedure(family="Rahimi", given="Abdul Rahman", country="AFG", key="423"),
    }


def test_finds_a_transliteration_variant_with_explanation(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    page = client.get("/search/", {"name": "Muhammad Hadad", "born": "1990"})
    assert page.status_code == 200
    assert people["haddad"].file_number in page.text
    assert "How the score comes about" in page.text
    assert (
        page.text.index(people["haddad"].file_number) < page.text.find(people["rahimi"].file_number)
        or people["rahimi"].file_number not in page.text
    )
    assert AccessLogEntry.objects.filter(action="search", username="registry_clerk").exists()


def test_finds_by_original_script(people, users, client_for):
    page = client_for(users[Role.DECISION_MAKER]).get("/search/", {"name": "محمد حداد"})
    assert people["haddad"].file_number in page.text


@pytest.mark.parametrize("query", ["   ", "!!!", "\u200f\u202e", "😀😀"])
def test_bad_queries_get_a_clear_message(query, people, users, client_for):
    page = client_for(users[Role.REGISTRY_CLERK]).get("/search/", {"name": query})
    assert page.status_code == 200
    assert "errorlist" in page.text or 'role="alert"' in page.text


def test_huge_query_is_refused_at_the_field(people, users, client_for):
    page = client_for(users[Role.REGISTRY_CLERK]).get("/search/", {"name": "x" * 10_000})
    assert page.status_code == 200 and "errorlist" in page.text


@pytest.mark.parametrize(
    "role", [Role.INTERVIEWER, Role.PARTNER_AGENCY, Role.COUNSEL, Role.DATA_PROTECTION_OFFICER]
)
def test_search_only_for_clerks_and_decision_makers(role, users, client_for):
    assert client_for(users[role]).get("/search/", {"name": "x"}).status_code == 404


def test_registration_warns_of_possible_duplicates(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    data = form_data(
        **{
            "spelling-0-given_names": "Mohamed",
            "spelling-0-family_name": "al Haddad",
            "spelling-1-given_names": "",
            "spelling-1-family_name": "",
            "person-birth_date": "1990",
            "person-birth_place": "Aleppo",
            "procedure-file_number": "7654322-475",
        }
    )
    warned = client.post("/register/", data)
    assert warned.status_code == 200
    assert "Possible duplicates" in warned.text and people["haddad"].file_number in warned.text
    assert not Procedure.objects.filter(file_number="7654322-475").exists()
    registered = client.post("/register/", {**data, "confirm_new": "1"})
    assert registered.status_code == 302
    assert Procedure.objects.filter(file_number="7654322-475").exists()


def test_new_spellings_are_found_after_they_are_added(people, users, client_for):
    client = client_for(users[Role.REGISTRY_CLERK])
    client.get("/search/", {"name": "Tesfamariam"})  # builds the index
    procedure = people["rahimi"]
    client.post(
        f"/procedures/{procedure.pk}/spellings/",
        {
            "spelling-given_names": "Yonas",
            "spelling-family_name": "Tesfamariam",
            "spelling-script": "Latn",
        },
    )
    assert procedure.file_number in client.get("/search/", {"name": "Yonas Tesfamariam"}).text


def test_explanations_and_messages_in_german(people, users):
    from django.test import Client

    client = Client()  # no language cookie: the office language, German
    client.force_login(users[Role.REGISTRY_CLERK])
    page = client.get("/search/", {"name": "Muhammad Hadad", "born": "1990"}).text
    assert "Namensteile" in page and "gleicher Klang" in page and "der Einträge" in page
    assert "same sound" not in page and "of records" not in page
    refused = client.get("/search/", {"name": "!!!"}).text
    assert "keine Buchstaben" in refused and "no letters" not in refused
