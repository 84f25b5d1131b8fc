"""`akte intake read FILE... --json`: one JSON object per document, the contract's fields,
an error object for what cannot be read, and the command goes on."""

from __future__ import annotations

import email.message
import json

from typer.testing import CliRunner

from akte.cli import app

from .conftest import pdf_of
from .xjustiz_messages import message

CONTRACT = {
    "file", "text_source", "pages", "document_class", "document_type", "kind", "confidence",
    "evidence", "court", "court_file_numbers", "cited_file_numbers", "office_file_numbers",
    "document_date", "needs_review",
}  # fmt: skip
LADUNG = (
    "<p>Verwaltungsgericht Potsdam</p><p>Az.: VG 6 K 1234/23.A</p><p>Ihr Zeichen: 8123456-439</p>"
    "<p>Potsdam, den 03.04.2024</p><h1>Ladung</h1><p>In der Verwaltungsstreitsache Haddad ./. "
    "Bundesrepublik Deutschland werden Sie zur mündlichen Verhandlung am 14.05.2024, 10:30 Uhr, "
    "Saal 3, geladen.</p>"
)


def run(*args):
    result = CliRunner().invoke(app, ["intake", "read", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_contract_of_a_pdf_and_an_error_and_the_next(tmp_path):
    good = tmp_path / "ladung.pdf"
    good.write_bytes(pdf_of(LADUNG))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    after = tmp_path / "b.pdf"
    after.write_bytes(pdf_of("<h1>BESCHLUSS</h1><p>1 B 789/24</p>"))
    first, error, last = run(good, broken, after)
    assert CONTRACT <= set(first)
    assert first["file"] == str(good)
    assert (first["text_source"], first["pages"]) == ("text", 1)
    assert (first["document_class"], first["document_type"], first["kind"]) == (
        "015",
        "198",
        "Ladung",
    )
    assert first["court"] == "Verwaltungsgericht Potsdam"
    assert first["court_file_numbers"] == ["VG 6 K 1234/23.A"]
    assert first["office_file_numbers"] == ["8123456-439"]
    assert first["document_date"] == "2024-04-03"
    assert {"kind": "hearing", "date": "2024-05-14", "time": "10:30"} in first["deadlines"]
    assert isinstance(first["confidence"], float) and 0 <= first["confidence"] <= 1
    assert first["evidence"][0]["code"] == "intake.evidence.heading"
    assert first["needs_review"] is False
    assert error["file"] == str(broken) and error["error"] == "intake.read.broken_pdf"
    assert error["reason"] and error["needs_review"] is True
    assert last["kind"] == "Beschluss" and last["document_class"] == "007"


def test_mail_gives_one_object_per_attachment_with_part(tmp_path):
    msg = email.message.EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "vg@example.org", "bamf@example.org", "Post"
    msg.set_content("Anbei")
    msg.add_attachment(pdf_of(LADUNG), maintype="application", subtype="pdf", filename="ladung.pdf")
    msg.add_attachment(b"x", maintype="application", subtype="pdf", filename="leer.pdf")
    path = tmp_path / "post.eml"
    path.write_bytes(msg.as_bytes())
    ladung, empty = run(path)
    assert (ladung["file"], ladung["part"], ladung["kind"]) == (str(path), "ladung.pdf", "Ladung")
    assert (empty["part"], empty["error"]) == ("leer.pdf", "intake.read.unknown_format")


def test_xjustiz_message_gives_its_documents_with_the_senders_codes(tmp_path):
    (tmp_path / "urteil.pdf").write_bytes(
        pdf_of("<h1>URTEIL</h1><p>Die Klage wird abgewiesen.</p>")
    )
    path = tmp_path / "nachricht.xml"
    path.write_bytes(message("3.6.2", court="G6076", filename="urteil.pdf"))
    (doc,) = run(path)
    assert doc["part"] == "urteil.pdf"
    assert (doc["document_class"], doc["kind"]) == ("006", "Urteil")
    assert doc["evidence"][0] == {
        "code": "intake.evidence.sender_code",
        "params": {"code": "006", "name": "Urteil"},
    }
    assert doc["court"] == "Verwaltungsgericht Potsdam"
    assert doc["court_file_numbers"][0] == "VG 31 K 123.23 A"
    assert doc["office_file_numbers"] == ["8123456-439"]
    assert doc["document_date"] == "2024-03-14"
    assert doc["xjustiz"]["version"] == "3.6.2" and doc["xjustiz"]["valid"] is True


def test_invalid_message_is_printed_for_review(tmp_path):
    path = tmp_path / "n.xml"
    path.write_bytes(message("3.2.1").replace(b"<akteneinsicht>false", b"<akteneinsicht>nein"))
    (doc,) = run(path)
    assert doc["needs_review"] is True
    assert doc["text_source"] == "xjustiz"
    assert any(p["code"] == "intake.xjustiz.schema_error" for p in doc["problems"])
