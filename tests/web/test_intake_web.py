"""Web intake: the three ways in (upload, API, drop folder), the review queue, the
document's page with its evidence, the one-action correction, access logging."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akte.web.accounts.models import ApiToken
from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.intake.models import Correction, IntakeDocument, IntakeItem, State
from akte.web.intake.watch import sweep

from .test_intake import decision


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_upload_then_review_page_with_evidence_then_one_correction(
    client_for, users, make_procedure
):
    procedure = make_procedure()
    client = client_for(users[Role.REGISTRY_CLERK])
    upload = SimpleUploadedFile("b.pdf", decision("9999999-999"), content_type="application/pdf")
    response = client.post("/intake/upload/", {"file": upload})
    assert response.status_code == 302
    (doc,) = IntakeDocument.objects.all()
    assert doc.state == State.REVIEW  # no procedure: a person decides
    queue = client.get("/intake/")
    assert queue.status_code == 200 and "b.pdf" in queue.content.decode()
    page = client.get(f"/intake/documents/{doc.pk}/").content.decode()
    assert (
        "heading &#x27;BESCHLUSS&#x27; on page 1" in page or "heading 'BESCHLUSS' on page 1" in page
    )
    assert "no file number or name leads to a procedure" in page
    assert "routing rule court-decisions" in page
    response = client.post(
        f"/intake/documents/{doc.pk}/correct/",
        {"kind": "Urteil", "file_number": procedure.file_number, "queue": "litigation"},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert (doc.kind, doc.procedure, doc.state) == ("Urteil", procedure, State.FILED)
    assert procedure.documents.count() == 1
    assert set(Correction.objects.values_list("field", flat=True)) == {"kind", "procedure"}
    logged = AccessLogEntry.objects.filter(record=f"intake:{doc.pk}")
    assert logged.filter(action="update", procedure_id=procedure.pk).exists()
    client.get(f"/intake/documents/{doc.pk}/")
    assert logged.filter(action="read", person_id=procedure.person_id).exists()


def test_roles_without_the_intake_may_not_see_it(client_for, users):
    for role in (Role.PARTNER_AGENCY, Role.COUNSEL, Role.DATA_PROTECTION_OFFICER):
        assert client_for(users[role]).get("/intake/").status_code == 403


def test_api_hands_in_mail_idempotently_with_problem_details(
    client, users, settings, make_procedure
):
    procedure = make_procedure()
    _, clear = ApiToken.issue(users[Role.PARTNER_AGENCY], "court gateway")
    headers = {"Authorization": f"Bearer {clear}"}
    data = decision(procedure.file_number)
    first = client.post(
        "/api/intake/messages", {"file": SimpleUploadedFile("b.pdf", data)}, headers=headers
    )
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["duplicate"] is False and body["documents"][0]["kind"] == "Beschluss"
    assert (
        "file_number" not in first.content.decode()
        and procedure.file_number not in first.content.decode()
    )
    again = client.post(
        "/api/intake/messages", {"file": SimpleUploadedFile("same.pdf", data)}, headers=headers
    )
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert IntakeItem.objects.count() == 1
    settings.AKTE_MAX_UPLOAD_BYTES = 100
    big = client.post(
        "/api/intake/messages",
        {"file": SimpleUploadedFile("big.pdf", data + b"x")},
        headers=headers,
    )
    assert big.status_code == 413 and big["Content-Type"] == "application/problem+json"
    assert client.post("/api/intake/messages", {}, headers=headers).status_code == 422
    assert (
        client.post("/api/intake/messages", {"file": SimpleUploadedFile("b.pdf", data)}).status_code
        == 401
    )
    _, counsel = ApiToken.issue(users[Role.COUNSEL], "x")
    refused = client.post(
        "/api/intake/messages",
        {"file": SimpleUploadedFile("c.pdf", data)},
        headers={"Authorization": f"Bearer {counsel}"},
    )
    assert refused.status_code == 403


def test_drop_folder_receives_moves_and_recognises_twice(db, tmp_path, make_procedure):
    procedure = make_procedure()
    folder = tmp_path / "drop"
    folder.mkdir()
    data = decision(procedure.file_number)  # made once: a PDF made again differs by its date
    (folder / "b.pdf").write_bytes(data)
    (folder / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 30)
    said = []
    assert sweep(folder, said.append) == 2
    assert sorted(p.name for p in (folder / "received").iterdir()) == ["b.pdf", "bomb.png"]
    (folder / "again.pdf").write_bytes(data)
    sweep(folder, said.append)
    assert "received before" in said[-1]
    assert IntakeItem.objects.count() == 2
    broken = IntakeDocument.objects.get(item__filename="bomb.png")
    assert broken.state == State.REVIEW and broken.error == "intake.read.broken_image"


def test_corrections_export_for_retraining_is_access_logged(db, tmp_path, users, make_procedure):
    import json

    from typer.testing import CliRunner

    from akte.cli import app
    from akte.web.intake.services import correct, receive

    procedure = make_procedure()
    item, _ = receive(decision("9999999-999"), "b.pdf", "upload", None)
    doc = item.documents.get()
    correct(doc, users[Role.REGISTRY_CLERK], kind="Urteil", procedure=procedure, queue="")
    out = tmp_path / "corrections.jsonl"
    result = CliRunner().invoke(app, ["intake", "corrections", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["kind"] == "Urteil" and "BESCHLUSS" in row["text"]
    entry = AccessLogEntry.objects.get(record=f"intake:{doc.pk}", action="export")
    assert entry.person_id == procedure.person_id and entry.via == "cli"
