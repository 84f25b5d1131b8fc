"""The API's writes through the permission matrix: register, status event, document,
appeal; validation and refusals as problem details; the access log and the status log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Decision, Document, Procedure, Status, TransitionRequest
from akte.web.statuslog.models import PendingAppend


@pytest.fixture
def api_for(users):
    def make(role):
        _, clear = ApiToken.issue(users[role], f"api {role}")
        return Client(raise_request_exception=False, headers={"Authorization": f"Bearer {clear}"})

    return make


REGISTRATION = {
    "person": {
        "sex": "F",
        "birth_date": "03.1994",
        "birth_place": "Keren",
        "nationality": "ERI",
        "languages": ["ti"],
    },
    "spellings": [{"given_names": "Senait", "family_name": "Tesfamariam"}],
    "procedure": {
        "file_number": "8123456-224",
        "office": "BER",
        "country": "ERI",
        "language": "ti",
        "lodged_on": "2026-01-05",
    },
}

# role -> expected status of (register, status event, document, appeal)
MATRIX = {
    Role.REGISTRY_CLERK: (201, 201, 201, 201),
    Role.DECISION_MAKER: (403, 201, 201, 201),
    Role.INTERVIEWER: (403, 403, 201, 403),
    Role.QUALITY_ASSURANCE: (403, 403, 403, 403),
    Role.DATA_PROTECTION_OFFICER: (403, 403, 403, 403),
    Role.ADMINISTRATOR: (403, 403, 403, 403),
    Role.PARTNER_AGENCY: (403, 403, 403, 403),
    Role.COUNSEL: (403, 404, 404, 404),  # not their client: the procedure does not exist for them
}


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("b.pdf", b"%PDF-1.4 Brief", content_type="application/pdf")


@pytest.mark.parametrize("role", list(MATRIX))
def test_the_permission_matrix(role, api_for, make_procedure, users):
    client = api_for(role)
    lodged = make_procedure(status=Status.LODGED)
    decided = make_procedure(family="Bescheid", status=Status.DECIDED)
    Decision.objects.create(
        procedure=decided,
        outcome="unfounded",
        basis="§ 31 AsylG",
        decided_on=dt.date(2026, 2, 1),
        appeal_days=14,
    )
    register = client.post("/api/procedures", REGISTRATION, content_type="application/json")
    status = client.post(
        f"/api/procedures/{lodged.file_number}/events",
        {"status": "dublin"},
        content_type="application/json",
    )
    document = client.post(
        f"/api/procedures/{lodged.file_number}/documents",
        {"title": "Brief", "kind": "letter", "file": _pdf()},
    )
    appeal = client.post(
        f"/api/procedures/{decided.file_number}/appeals",
        {
            "court": "VG Berlin",
            "court_file_number": "VG 1 K 2/26 A",
            "kind": "main",
            "lodged_on": "2026-02-10",
        },
        content_type="application/json",
    )
    answers = (register, status, document, appeal)
    assert tuple(a.status_code for a in answers) == MATRIX[role], [a.content[:200] for a in answers]
    for answer in answers:
        if answer.status_code >= 400:
            assert answer["Content-Type"] == "application/problem+json"
    lodged.refresh_from_db()
    decided.refresh_from_db()
    assert (lodged.status == "dublin") == (MATRIX[role][1] == 201)
    assert (decided.status == "appeal") == (MATRIX[role][3] == 201)
    assert Procedure.objects.filter(file_number="8123456-224").exists() == (MATRIX[role][0] == 201)
    logged = AccessLogEntry.objects.filter(via="api", user=users[role])
    assert logged.count() == sum(1 for s in MATRIX[role] if s == 201)


def test_a_status_event_goes_to_the_status_log(api_for, make_procedure):
    procedure = make_procedure(status=Status.LODGED)
    appends = PendingAppend.objects.count()
    answer = api_for(Role.REGISTRY_CLERK).post(
        f"/api/procedures/{procedure.file_number}/events",
        {"status": "hearing_scheduled", "note": "Ladung versandt"},
        content_type="application/json",
    )
    assert answer.status_code == 201 and answer.json()["status"] == "hearing_scheduled"
    assert PendingAppend.objects.count() == appends + 1
    assert procedure.events.last().note == "Ladung versandt"


@pytest.mark.parametrize(
    "status,code",
    [
        ("lodged", "same_status"),
        ("decided", "event_only"),
        ("registered", "not_allowed"),
        ("nonsense", "unknown_status"),
    ],
)
def test_a_refused_transition_is_a_409_with_its_reason(status, code, api_for, make_procedure):
    procedure = make_procedure(status=Status.LODGED)
    answer = api_for(Role.DECISION_MAKER).post(
        f"/api/procedures/{procedure.file_number}/events",
        {"status": status},
        content_type="application/json",
    )
    assert answer.status_code == 409 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["code"] == code and answer.json()["detail"]
    assert procedure.events.count() == 1


def test_an_exceptional_transition_is_requested(api_for, make_procedure):
    procedure = make_procedure(status=Status.CLOSED)
    client = api_for(Role.REGISTRY_CLERK)
    url = f"/api/procedures/{procedure.file_number}/events"
    no_reason = client.post(url, {"status": "lodged"}, content_type="application/json")
    assert no_reason.status_code == 409 and no_reason.json()["code"] == "needs_reason"
    asked = client.post(
        url, {"status": "lodged", "note": "Folgeantrag"}, content_type="application/json"
    )
    assert asked.status_code == 202 and asked.json()["status"] == "closed"
    assert TransitionRequest.objects.get(pk=asked.json()["request"]).state == "pending"


def test_registration_is_validated_like_the_web(api_for):
    client = api_for(Role.REGISTRY_CLERK)
    bad = {
        **REGISTRATION,
        "person": {**REGISTRATION["person"], "nationality": "XXX", "birth_date": "31.02.1990"},
        "procedure": {**REGISTRATION["procedure"], "file_number": "123"},
    }
    answer = client.post("/api/procedures", bad, content_type="application/json")
    assert answer.status_code == 422
    wheres = {e["where"] for e in answer.json()["errors"]}
    assert {
        "body.person.nationality",
        "body.person.birth_date",
        "body.procedure.file_number",
    } <= wheres
    assert (
        client.post("/api/procedures", REGISTRATION, content_type="application/json").status_code
        == 201
    )
    again = client.post("/api/procedures", REGISTRATION, content_type="application/json")
    assert again.status_code in (409, 422)  # the same person again, the same file number
    created = Procedure.objects.get(file_number="8123456-224")
    assert created.status == "registered" and created.person.spellings.count() == 1
    assert created.person.birth_date.precision.value == "month"


def test_possible_duplicates_need_confirmation(api_for):
    client = api_for(Role.REGISTRY_CLERK)
    assert (
        client.post("/api/procedures", REGISTRATION, content_type="application/json").status_code
        == 201
    )
    twin = {
        **REGISTRATION,
        "procedure": {**REGISTRATION["procedure"], "file_number": "8123457-224"},
    }
    assert client.post("/api/procedures", twin, content_type="application/json").status_code == 409
    confirmed = client.post(
        "/api/procedures", {**twin, "confirm_new": True}, content_type="application/json"
    )
    assert confirmed.status_code == 201


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "x", "kind": "letter", "file": ("fake.pdf", b"MZ\x90\x00", "application/pdf")},
        {"title": "x", "kind": "nonsense", "file": ("b.pdf", b"%PDF-1.4", "application/pdf")},
        {
            "title": "x",
            "kind": "letter",
            "file": ("b.txt", b"<script>alert(1)</script>", "text/plain"),
        },
        {"title": "x", "kind": "letter", "file": ("b.txt", b"PK\x03\x04zip", "text/plain")},
    ],
)
def test_hostile_uploads_are_refused_like_the_web(payload, api_for, make_procedure):
    from django.core.files.uploadedfile import SimpleUploadedFile

    procedure = make_procedure()
    name, content, content_type = payload.pop("file")
    answer = api_for(Role.REGISTRY_CLERK).post(
        f"/api/procedures/{procedure.file_number}/documents",
        {**payload, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert not Document.objects.exists()


def test_an_appeal_needs_a_decision(api_for, make_procedure):
    procedure = make_procedure(status=Status.HEARING_HELD)
    answer = api_for(Role.REGISTRY_CLERK).post(
        f"/api/procedures/{procedure.file_number}/appeals",
        {"court": "VG", "court_file_number": "1", "kind": "main", "lodged_on": "2026-01-01"},
        content_type="application/json",
    )
    assert answer.status_code == 409 and answer["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "query,parameter",
    [
        ({"status": "nonsense"}, "status"),
        ({"office": "XYZ"}, "office"),
        ({"country": "QQQ"}, "country"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_it(query, parameter, api_for, make_procedure):
    make_procedure()
    answer = api_for(Role.PARTNER_AGENCY).get("/api/procedures", query)
    assert answer.status_code == 400 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["parameter"] == parameter and parameter in answer.json()["detail"]


def test_404_and_405_are_problem_details(api_for, make_procedure):
    client = api_for(Role.REGISTRY_CLERK)
    for path in ("/api/nope", "/api/procedures/1/2/3"):
        answer = client.get(path)
        assert answer.status_code == 404 and answer["Content-Type"] == "application/problem+json"
    put = client.put("/api/procedures")
    assert put.status_code == 405 and put["Content-Type"] == "application/problem+json"
    assert "POST" in put["Allow"]


def test_a_follow_up_application_is_recorded(api_for):
    follow_up = {
        **REGISTRATION,
        "procedure": {**REGISTRATION["procedure"], "application_kind": "follow_up"},
    }
    client = api_for(Role.REGISTRY_CLERK)
    assert (
        client.post("/api/procedures", follow_up, content_type="application/json").status_code
        == 201
    )
    assert Procedure.objects.get().application_kind == "follow_up"
    wrong = {
        **follow_up,
        "procedure": {
            **follow_up["procedure"],
            "file_number": "8123458-224",
            "application_kind": "third",
        },
    }
    answer = client.post(
        "/api/procedures", {**wrong, "confirm_new": True}, content_type="application/json"
    )
    assert answer.status_code == 422
    assert "body.procedure.application_kind" in {e["where"] for e in answer.json()["errors"]}
