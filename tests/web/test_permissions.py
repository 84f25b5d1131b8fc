"""The permission matrix: each role sees only what it may, by page, direct URL and API.
A record a role may not see answers 404, never 403, and its content never appears."""

import re

import pytest

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role

OFFICE_READERS = {
    Role.REGISTRY_CLERK,
    Role.INTERVIEWER,
    Role.DECISION_MAKER,
    Role.QUALITY_ASSURANCE,
    Role.DUBLIN_OFFICER,  # the Dublin unit reads the office's procedures (docs/dublin.md)
}
STATUS_ONLY = {Role.PARTNER_AGENCY, Role.DATA_PROTECTION_OFFICER, Role.ADMINISTRATOR}


@pytest.fixture
def world(users, make_procedure):
    own = make_procedure(family="Rahimi", given="Abdul", country="AFG", key="423")
    other = make_procedure(family="Haddad", given="Mohammed")
    own.counsel.add(users[Role.COUNSEL])
    return {"own": own, "other": other}


@pytest.mark.parametrize("role", list(Role))
def test_procedure_page(role, users, world, client_for):
    client = client_for(users[role])
    response = client.get(f"/procedures/{world['other'].pk}/")
    if role in OFFICE_READERS:
        assert response.status_code == 200
        assert "Haddad" in response.text
    elif role in STATUS_ONLY:
        assert response.status_code == 200
        assert world["other"].file_number in response.text
        assert "Haddad" not in response.text and "حداد" not in response.text
        # the birth year, as a word: a timestamp's microseconds (49.199011) may hold the digits
        assert not re.search(r"\b1990\b", response.text)
    else:  # counsel: not their client
        assert response.status_code == 404
        assert "Haddad" not in response.text


@pytest.mark.parametrize("role", list(Role))
def test_procedure_list(role, users, world, client_for):
    response = client_for(users[role]).post("/", {"q": "Haddad"})
    if role in (Role.COURSE_PROVIDER, Role.MANAGEMENT):  # no procedures at all
        assert response.status_code == 404 and "Haddad" not in response.text
        return
    assert response.status_code == 200
    if role in OFFICE_READERS:
        assert world["other"].file_number in response.text
    else:
        # status-only roles cannot search by name; counsel sees only own clients
        assert world["other"].file_number not in response.text
        assert "Haddad, Mohammed" not in response.text


def test_counsel_sees_own_client(users, world, client_for):
    client = client_for(users[Role.COUNSEL])
    assert "Rahimi" in client.get(f"/procedures/{world['own'].pk}/").text
    listing = client.get("/").text
    assert world["own"].file_number in listing
    assert world["other"].file_number not in listing


@pytest.mark.parametrize("role", list(Role))
def test_register_page(role, users, client_for):
    response = client_for(users[role]).get("/register/")
    assert response.status_code == (200 if role == Role.REGISTRY_CLERK else 404)


@pytest.mark.parametrize("role", list(Role))
def test_access_log_pages(role, users, world, client_for):
    client = client_for(users[role])
    person_id = world["other"].person_id
    expected = 200 if role == Role.DATA_PROTECTION_OFFICER else 404
    assert client.get("/audit/").status_code == expected
    assert client.get(f"/audit/persons/{person_id}/").status_code == expected
    assert client.get(f"/audit/persons/{person_id}/report.json").status_code == expected


@pytest.mark.parametrize("role", list(Role))
def test_document_download(role, users, world, client_for):
    from django.core.files.base import ContentFile

    from akte.web.cases.models import Document

    document = Document.objects.create(
        procedure=world["other"],
        title="letter",
        kind="letter",
        file=ContentFile(b"secret letter", name="x.txt"),
        content_type="text/plain",
        size=13,
        sha256="0" * 64,
    )
    response = client_for(users[role]).get(f"/documents/{document.pk}/")
    assert response.status_code == (200 if role in OFFICE_READERS else 404)


@pytest.mark.parametrize("role", list(Role))
def test_api_by_token(role, users, world, client):
    _, token = ApiToken.issue(users[role], "test")
    headers = {"Authorization": f"Bearer {token}"}
    other = world["other"]
    response = client.get(f"/api/procedures/{other.file_number}", headers=headers)
    if role in (Role.COUNSEL, Role.COURSE_PROVIDER, Role.MANAGEMENT):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert "Haddad" not in response.text
        return
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == other.status
    if role in OFFICE_READERS:
        assert body["person"]["spellings"][0]["family_name"] == "Haddad"
        assert body["person"]["birth_date_precision"] == "year"
    else:
        assert body["person"] is None
        assert "Haddad" not in response.text


@pytest.mark.parametrize("role", [Role.REGISTRY_CLERK, Role.DECISION_MAKER])
def test_status_change_only_by_allowed_roles(role, users, world, client_for):
    # "decided" is reached only by recording a decision (tests/web/test_lifecycle.py)
    response = client_for(users[role]).post(
        f"/procedures/{world['other'].pk}/status/", {"status": "hearing_scheduled"}
    )
    assert response.status_code == 302
    world["other"].refresh_from_db()
    assert world["other"].status == "hearing_scheduled"


@pytest.mark.parametrize("role", [Role.INTERVIEWER, Role.QUALITY_ASSURANCE, Role.PARTNER_AGENCY])
def test_status_change_refused(role, users, world, client_for):
    response = client_for(users[role]).post(
        f"/procedures/{world['other'].pk}/status/", {"status": "hearing_scheduled"}
    )
    assert response.status_code in (403, 404)
    world["other"].refresh_from_db()
    assert world["other"].status == "lodged"


def test_management_sees_the_figures_and_no_record(users, world, client_for):
    from akte.web.accounts.roles import Capability, capabilities

    assert capabilities(Role.MANAGEMENT) == {Capability.VIEW_STATISTICS}
    assert [r for r in Role if Capability.VIEW_STATISTICS in capabilities(r)] == [
        Role.QUALITY_ASSURANCE,
        Role.MANAGEMENT,
    ]
    client = client_for(users[Role.MANAGEMENT])
    start = client.get("/")
    assert start.status_code == 302 and start["Location"] == "/analytics/"
    for url in (f"/procedures/{world['other'].pk}/", f"/procedures/{world['other'].pk}/status-qr.svg",
                "/search/?name=Haddad", "/hearings/quality/", "/audit/"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Haddad" not in response.content.decode(errors="replace")


def test_management_is_named_in_german_and_english():
    from django.utils import translation

    with translation.override("de"):
        assert str(Role.MANAGEMENT.label) == "Leitung"
    with translation.override("en"):
        assert str(Role.MANAGEMENT.label) == "Management"


def test_anonymous_redirected_to_login(world, client):
    response = client.get(f"/procedures/{world['other'].pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", list(Role))
def test_feature_pages_by_role(role, users, world, client_for):
    client = client_for(users[role])
    other = world["other"]
    expected = {
        "/search/?name=Haddad": role in (Role.REGISTRY_CLERK, Role.DECISION_MAKER),
        "/hearings/quality/": role == Role.QUALITY_ASSURANCE,
        f"/procedures/{other.pk}/status-qr.svg": role in OFFICE_READERS,
    }
    for url, allowed in expected.items():
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), (role, url)
        if not allowed:
            assert "Haddad" not in response.content.decode(errors="replace")
