"""Security baseline: CSP without inline scripts, login rate limiting, upload limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from akte.web.accounts.roles import Role
from akte.web.cases.models import Document

from .conftest import PASSWORD


def test_csp_header_forbids_inline_scripts(db, client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.text  # no inline script on any page


def test_login_rate_limited(users, client):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "interviewer", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "interviewer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_works(users, client):
    response = client.post("/accounts/login/", {"username": "interviewer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_csrf_enforced(users):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "interviewer", "password": PASSWORD})
    assert response.status_code == 403


@pytest.fixture
def upload(users, make_procedure, client_for):
    procedure = make_procedure()
    client = client_for(users[Role.REGISTRY_CLERK])

    def send(name, content, content_type):
        file = SimpleUploadedFile(name, content, content_type=content_type)
        return client.post(
            f"/procedures/{procedure.pk}/documents/",
            {"title": "Letter", "kind": "letter", "file": file},
            follow=True,
        )

    return send


def test_upload_pdf(upload):
    response = upload("letter.pdf", b"%PDF-1.4 demo", "application/pdf")
    assert "Document stored" in response.text
    document = Document.objects.get()
    assert document.size == 13 and len(document.sha256) == 64


def test_upload_traversal_name_is_neutralised(upload):
    upload("../../../etc/passwd.txt", b"hello", "text/plain")
    name = Document.objects.get().file.name
    assert ".." not in name and name.startswith("documents/")


@override_settings(AKTE_MAX_UPLOAD_BYTES=1024)
def test_upload_too_large(upload):
    response = upload("big.pdf", b"%PDF" + b"0" * 2048, "application/pdf")
    assert "at most" in response.text
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        ("evil.html", b"<html><script>", "text/html"),
        ("empty.txt", b"", "text/plain"),
    ],
)
def test_upload_rejected(upload, name, content, content_type):
    response = upload(name, content, content_type)
    assert not Document.objects.exists()
    assert 'class="error"' in response.text or "messages" in response.text
