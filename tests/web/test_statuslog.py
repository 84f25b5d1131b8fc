"""Status changes go to the verifiable status log; the procedure page marks them verified;
the applicant's status page (token, no login) verifies inclusion proofs; the log's HTTP
contract is served under /ledger/."""

import json
import re

import pytest
from django.test import Client

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.statuslog import link

from .test_register import form_data


@pytest.fixture
def registered(users, client_for, django_capture_on_commit_callbacks):
    client = client_for(users[Role.REGISTRY_CLERK])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/register/", form_data(**{"procedure-file_number": "7123456-475"}))
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        pk = response["Location"].rstrip("/").split("/")[-1]
        client.post(f"/procedures/{pk}/status/", {"status": "lodged"})
    return client, pk


def test_status_changes_are_in_the_log_and_marked_verified(registered):
    client, pk = registered
    history = link.get_ledger().procedure_history("7123456-475")
    assert [h.event.event_type for h in history] == ["registered", "lodged"]
    assert all(h.verified for h in history)
    page = client.get(f"/procedures/{pk}/").text
    assert page.count("verified (#") == 2
    assert f"/procedures/{pk}/status-qr.svg" in page
    qr = client.get(f"/procedures/{pk}/status-qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content


def test_status_page_with_token_only(registered):
    client, pk = registered
    from akte.web.cases.models import Procedure

    token = link.status_token(Procedure.objects.get(pk=pk))
    anonymous = Client()
    anonymous.cookies["django_language"] = "en"  # the token form's language
    page = anonymous.post("/status/7123456-475/", {"token": token, "lang": "en"})
    assert page.status_code == 200
    assert page.text.count("in the signed log") == 2
    assert "Al-Hassan" not in page.text  # no personal data; the birth year as a word (a
    assert not re.search(r"\b1990\b", page.text)  # timestamp's 49.199011 may hold the digits
    refused = anonymous.post("/status/7123456-475/", {"token": "x" * 32})
    assert refused.status_code == 404 and "does not open" in refused.text
    assert anonymous.post("/status/7123456-475/").status_code == 404
    other = anonymous.post("/status/7000000-475/", {"token": token})
    assert other.status_code == 404  # a token opens exactly one procedure
    proofs = anonymous.get("/ledger/procedures/7123456-475", {"token": token})
    assert proofs.status_code == 200
    assert [e["event"]["event_type"] for e in proofs.json()["entries"]] == ["registered", "lodged"]
    assert anonymous.get("/ledger/procedures/7123456-475", {"token": "nope"}).status_code == 403


def configure_agency(name: str, role: str) -> None:
    """Add an agency to the web app's ledger.toml (read once: reopen the log)."""
    link.get_ledger()  # created on first use
    config = link.ledger_config_path()
    config.write_text(config.read_text() + f'\n[[agencies]]\nname = "{name}"\nrole = "{role}"\n')
    link._open.cache_clear()


def partner_token(users, organisation: str) -> str:
    partner = users[Role.PARTNER_AGENCY]
    partner.organisation = organisation
    partner.save()
    return ApiToken.issue(partner, organisation)[1]


def test_ledger_http_contract(registered, users):
    anonymous = Client()
    checkpoint = anonymous.get("/ledger/checkpoint")
    assert checkpoint.status_code == 200
    lines = checkpoint.content.decode().splitlines()
    assert lines[0] == "akte.example/ledger" and int(lines[1]) >= 2
    proof = anonymous.get("/ledger/proof/consistency", {"old": 1, "new": 2})
    assert proof.status_code == 200
    bad = anonymous.get("/ledger/proof/consistency", {"old": 2, "new": 1})
    assert bad.status_code == 400 and "error" in bad.json()
    assert bad["Content-Type"].startswith("application/problem+json")
    event = {
        "procedure": "7123456-475",
        "event_type": "permit_issued",
        "agency": "ABH Musterstadt",
        "time": "2026-11-23T09:30:00Z",
    }
    body = json.dumps({"event": event})
    refused = anonymous.post("/ledger/entries", body, content_type="application/json")
    assert refused.status_code in (401, 403)
    configure_agency("ABH Musterstadt", "foreigners_authority")
    token = partner_token(users, "ABH Musterstadt")
    from akte.web.cases.models import Procedure

    procedure = Procedure.objects.get(file_number="7123456-475")
    procedure.created_at = procedure.created_at.replace(year=2026, month=1, day=1)
    procedure.save()
    accepted = anonymous.post(
        "/ledger/entries",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert accepted.status_code == 201, accepted.content
    history = link.history(procedure)
    assert [h.event.event_type for h in history] == ["registered", "lodged", "permit_issued"]
    # filed under the procedure's person: erased with them
    link.get_ledger().erase_person(link.person_ref(procedure.person_id))
    assert all(h.event is None for h in link.history(procedure))


def test_agency_cannot_report_for_another(registered, users):
    configure_agency("ABH Musterstadt", "foreigners_authority")
    token = partner_token(users, "ABH Musterstadt")
    event = {
        "procedure": "7123456-475",
        "event_type": "permit_issued",
        "agency": "BAMF-BER",
        "time": "2026-11-23T09:30:00Z",
    }
    response = Client().post(
        "/ledger/entries",
        json.dumps({"event": event}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert response.json()["pointer"] == "/event/agency"


@pytest.mark.django_db(transaction=True)
def test_partner_witness_cosigns_through_the_web_app(live_server, settings, tmp_path):
    """A partner agency's witness checks the office's log at /ledger/ and cosigns; the
    next check sees the log only grew; the checkpoint then counts one witness."""
    from akte.ledger import note
    from akte.ledger.events import StatusEvent
    from akte.ledger.witness import witness_once

    ledger = link.get_ledger()
    ledger.append(
        "person:1", StatusEvent("7000001-475", "registered", "BAMF-BER", "2026-11-23T09:00:00Z")
    )
    ledger.checkpoint()
    witness_key = note.Signer.generate("abh.example/witness", alg=note.COSIGNATURE_V1)
    config = link.ledger_config_path()
    text = config.read_text().replace(
        "witnesses = []", f'witnesses = ["{witness_key.verifier.vkey()}"]'
    )
    config.write_text(text)
    link._open.cache_clear()
    ledger = link.get_ledger()

    first = witness_once(f"{live_server.url}/ledger", tmp_path / "w", witness_key, ledger.verifier)
    assert first.previous_size is None and first.post_error is None
    assert ledger.latest_checkpoint().witness_count == 1

    ledger.append(
        "person:1", StatusEvent("7000001-475", "lodged", "BAMF-BER", "2026-11-24T09:00:00Z")
    )
    ledger.checkpoint()
    second = witness_once(f"{live_server.url}/ledger", tmp_path / "w", witness_key)
    assert second.previous_size == 1 and second.size == 2


def test_erasure_keeps_the_log_verifiable(registered):
    client, pk = registered
    ledger = link.get_ledger()
    old_checkpoint = ledger.latest_checkpoint()
    from akte.web.cases.models import Procedure

    procedure = Procedure.objects.get(pk=pk)
    erasure = ledger.erase_person(link.person_ref(procedure.person_id))
    assert erasure.person_entries == 2
    ledger.checkpoint()
    assert ledger.verify().ok
    history = link.history(procedure)
    assert len(history) == 0 or all(h.event is None for h in history)
    # the procedure page still renders, without verified marks for erased entries
    page = client.get(f"/procedures/{pk}/").text
    assert "verified (#" not in page
    assert old_checkpoint.checkpoint.size <= ledger.latest_checkpoint().checkpoint.size


def test_an_unsigned_entry_is_explained_in_german(registered):
    """The log says why an entry is not (yet) verified as a code; the pages say it in the
    reader's language (here German, chosen on the page), never the log's English."""
    from akte.ledger.events import StatusEvent as LogEvent
    from akte.web.cases.models import Procedure
    from akte.words import catalogue

    _, pk = registered
    procedure = Procedure.objects.get(pk=pk)
    link.get_ledger().append(  # appended, but no checkpoint signed yet
        link.person_ref(procedure.person_id),
        LogEvent("7123456-475", "hearing_scheduled", "BAMF-BER", "2026-12-01T10:00:00Z"),
    )
    token = link.status_token(procedure)
    page = Client().post("/status/7123456-475/", {"token": token, "lang": "de"}).text
    assert 'lang="de"' in page and catalogue("de")["ledger.history.pending"] in page
    english = [t for c, t in catalogue("en").items() if c.startswith("ledger.")]
    assert not [t for t in english if t.split("{")[0].strip() in page]
