"""Forged appends to the status log over `POST /ledger/entries`, each refused with a problem
detail saying what and where; nothing forged reaches the log or the applicant's page."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.statuslog import link, views

from .test_statuslog import configure_agency, partner_token


@pytest.fixture
def procedure(make_procedure):
    procedure = make_procedure()
    procedure.created_at = timezone.now() - dt.timedelta(days=30)
    procedure.save()
    configure_agency("AE Musterstadt", "reception_centre")
    configure_agency("BAMF-BER", "office")
    return procedure


def _event(of, **changes):
    when = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    event = {
        "procedure": of.file_number,
        "event_type": "arrival_registered",
        "agency": "AE Musterstadt",
        "time": when,
    }
    return {**event, **changes}


def _post(token, body):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client().post(
        "/ledger/entries", json.dumps(body), content_type="application/json", headers=headers
    )


def _refused(response, status, pointer=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["detail"] and problem["error"]
    if pointer is not None:
        assert problem.get("pointer") == pointer, problem
    return problem


def test_a_configured_partner_reports_what_it_observes(procedure, users):
    token = partner_token(users, "AE Musterstadt")
    response = _post(token, {"event": _event(procedure)})
    assert response.status_code == 201, response.content
    history = link.history(procedure)
    assert [h.event.event_type for h in history] == ["arrival_registered"]
    assert link.get_ledger().store.entries_for_person(link.person_ref(procedure.person_id))


@pytest.mark.parametrize(
    "role", [Role.REGISTRY_CLERK, Role.DECISION_MAKER, Role.INTERVIEWER, Role.PARTNER_AGENCY]
)
def test_tokens_of_unconfigured_or_internal_agencies_are_refused(procedure, users, role):
    user = users[role]
    user.organisation = "BAMF-BER" if role != Role.PARTNER_AGENCY else "Somebody"
    user.save()
    token = ApiToken.issue(user, "t")[1]
    _refused(_post(token, {"event": _event(procedure, agency=user.organisation)}), 403)


def test_a_partner_of_an_office_role_agency_is_refused(procedure, users):
    token = partner_token(users, "BAMF-BER")  # the office writes through its outbox only
    _refused(
        _post(token, {"event": _event(procedure, agency="BAMF-BER", event_type="decided")}), 403
    )


FORGED = {
    "unknown procedure": ({"procedure": "9999999-999"}, 404, "/event/procedure"),
    "status it may not report": ({"event_type": "decided"}, 403, "/event/event_type"),
    "made-up event type": ({"event_type": "asylum_granted"}, 403, "/event/event_type"),
    "another agency": ({"agency": "BAMF-BER"}, 403, "/event/agency"),
    "year 9999": ({"time": "9999-12-31T23:59:59Z"}, 400, "/event/time"),
    "tomorrow": ({"time": "TOMORROW"}, 400, "/event/time"),
    "before the procedure": ({"time": "2001-01-01T00:00:00Z"}, 400, "/event/time"),
    "no time zone": ({"time": "2026-01-01T00:00:00"}, 400, "/event"),
    "before year 1 in UTC": ({"time": "0001-01-01T00:00:00+05:00"}, 400, "/event"),
    "after year 9999 in UTC": ({"time": "9999-12-31T23:59:59-05:00"}, 400, "/event"),
    "NUL in the type": ({"event_type": "arrival_registered\x00"}, 400, "/event/event_type"),
    "NUL in the procedure": ({"procedure": "1000000-475\x00"}, 400, "/event/procedure"),
    "bidi override": ({"agency": "AE Muster\u202estadt"}, 400, "/event/agency"),
    "newline": ({"agency": "AE Musterstadt\n"}, 400, "/event/agency"),
}


@pytest.mark.parametrize("name", FORGED)
def test_forged_events_are_refused_and_never_logged(procedure, users, name):
    changes, status, pointer = FORGED[name]
    if changes.get("time") == "TOMORROW":
        changes = {"time": (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")}
    token = partner_token(users, "AE Musterstadt")
    size = link.get_ledger().store.size()
    _refused(_post(token, {"event": _event(procedure, **changes)}), status, pointer)
    assert link.get_ledger().store.size() == size


def test_the_person_comes_from_the_procedure(procedure, users):
    token = partner_token(users, "AE Musterstadt")
    other = {"person": "person:424242", "event": _event(procedure)}
    _refused(_post(token, other), 400, "/person")
    own = {"person": link.person_ref(procedure.person_id), "event": _event(procedure)}
    assert _post(token, own).status_code == 201


def test_one_bad_item_refuses_the_batch_and_says_which(procedure, users):
    token = partner_token(users, "AE Musterstadt")
    items = [{"event": _event(procedure)}, {"event": _event(procedure, event_type="closed")}]
    _refused(_post(token, {"items": items}), 403, "/items/1/event/event_type")
    _refused(_post(token, {"event": {**_event(procedure), "name": "x"}}), 400, "/event")
    assert link.history(procedure) == []


def test_appends_are_rate_limited_per_token(procedure, users, settings):
    settings.AKTE_LEDGER_APPEND_PER_MINUTE = 3
    views._rate.cache_clear()
    token = partner_token(users, "AE Musterstadt")
    for _ in range(3):
        assert _post(token, {"event": _event(procedure)}).status_code == 201
    response = _post(token, {"event": _event(procedure)})
    _refused(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    _refused(_post(token, {"items": [{"event": _event(procedure)}] * 4}), 400, "/items")
    views._rate.cache_clear()


def test_the_status_page_shows_no_refused_entry(procedure, users):
    token = partner_token(users, "AE Musterstadt")
    for changes, _, _ in FORGED.values():
        if changes.get("time") != "TOMORROW":
            _post(token, {"event": _event(procedure, **changes)})
    page = Client().post(
        f"/status/{procedure.file_number}/", {"token": link.status_token(procedure), "lang": "de"}
    )
    assert page.status_code == 200 and "im signierten Protokoll" not in page.text
