"""Text uploads are checked by their content, and every document is served as a download
that a browser never renders or sniffs. Hostile files stay here as tests."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akte.web.accounts.roles import Role
from akte.web.cases.models import Document


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("letter.txt", "Sehr geehrte Damen und Herren")
    return buffer.getvalue()


HOSTILE = {
    "zip": (_zip(), "ZIP"),
    "docx-as-text": (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
    "gzip": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
    "exe": (b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run", "Windows executable"),
    "elf": (b"\x7fELF\x02\x01\x01", "ELF"),
    "pdf-as-text": (b"%PDF-1.7\n1 0 obj", "PDF"),
    "png-as-text": (b"\x89PNG\r\n\x1a\n", "PNG"),
    "latin-1": ("Grüße aus Köln".encode("latin-1"), "line 1, column 3"),
    "nul": (b"Name: Haddad\nGeboren:\x00 1990", "U+0000 at line 2, column 9"),
    "escape": (b"ok\n\x1b[31mred", "U+001B at line 2"),
    "bell": (b"\x07", "U+0007"),
    "c1": ("text \u0085 next".encode(), "U+0085"),
    "html": (b"<!DOCTYPE html><html><body>Hi</body></html>", "HTML or script markup"),
    "html-later": (b"Hallo\n\n<script>alert(document.cookie)</script>", "line 3, column 1"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "markup"),
    "js-url": (b"Klick: javascript:alert(1)", "markup"),
    "utf16": ("Brief".encode("utf-16"), "not valid UTF-8"),
}


@pytest.fixture
def send(users, make_procedure, client_for):
    procedure = make_procedure()
    client = client_for(users[Role.REGISTRY_CLERK])

    def upload(content: bytes, name="letter.txt", content_type="text/plain"):
        file = SimpleUploadedFile(name, content, content_type=content_type)
        return client.post(
            f"/procedures/{procedure.pk}/documents/",
            {"title": "Letter", "kind": "letter", "file": file},
            follow=True,
        )

    upload.client = client
    return upload


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_text_upload_is_refused_with_what_and_where(send, case):
    content, said = HOSTILE[case]
    response = send(content)
    assert response.status_code == 200
    assert not Document.objects.exists()
    assert said in response.text, response.text[-2000:]


@pytest.mark.parametrize(
    "content",
    [
        "Sehr geehrte Damen und Herren,\r\nmein Name ist Ḥaddād.\tDanke.\n".encode(),
        b"\xef\xbb\xbfmit BOM",
        "محمد حداد, ኲሪኑስ, 李".encode(),
        b"a < b and c > d; 3 <4",
    ],
)
def test_ordinary_text_is_accepted(send, content):
    response = send(content)
    assert "Document stored" in response.text
    assert Document.objects.get().size == len(content)


def test_documents_are_downloads_never_rendered(send):
    send(b"Hallo")
    document = Document.objects.get()
    response = send.client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == b"Hallo"
