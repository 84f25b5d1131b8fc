"""Reading: PDFs with a text layer, scans (German OCR), e-mails, and hostile input of each kind.

Every hostile file gives a clear error (a code), and the document after it is still read.
"""

from __future__ import annotations

import email.message
import io
from dataclasses import replace

import pytest

from akte.intake import ocr
from akte.intake.config import limits
from akte.intake.read import read_bytes, read_path

from .conftest import bomb_pdf, pdf_of, png_header, raw_pdf, scan_of

DECISION = (
    "<h1>BESCHLUSS</h1><p>In der Verwaltungsrechtssache A 5 K 1234/23 hat das "
    "Verwaltungsgericht Potsdam am 12. März 2024 beschlossen:</p>"
    "<p>Der Antrag auf Gewährung vorläufigen Rechtsschutzes wird abgelehnt.</p>"
)
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")


def one(parts):
    (part,) = list(parts)
    return part


def test_pdf_with_a_text_layer_is_read_without_ocr():
    part = one(read_bytes("b.pdf", pdf_of(DECISION)))
    assert part.error is None
    assert (part.text_source, part.pages) == ("text", 1)
    assert "A 5 K 1234/23" in part.text and "BESCHLUSS" in part.text
    assert len(part.sha256) == 64


@needs_tesseract
def test_scanned_page_is_read_by_german_ocr():
    part = one(read_bytes("scan.png", scan_of(pdf_of(DECISION))))
    assert part.error is None, part.error
    assert part.text_source == "ocr"
    assert "BESCHLUSS" in part.text
    assert "Gewährung" in part.text  # the German model knows its umlauts


@needs_tesseract
def test_pdf_without_text_layer_goes_to_ocr():
    image_pdf = io.BytesIO()
    from PIL import Image

    Image.open(io.BytesIO(scan_of(pdf_of(DECISION)))).save(image_pdf, format="PDF")
    part = one(read_bytes("scan.pdf", image_pdf.getvalue()))
    assert (part.error, part.text_source) == (None, "ocr")
    assert "Verwaltungsgericht" in part.text


def _page_images(words: list[str]) -> list:
    from PIL import Image

    images = []
    for word in words:
        page = pdf_of(f"<p style='font-size:40pt'>{word}</p>")
        images.append(Image.open(io.BytesIO(scan_of(page, dpi=100))).convert("L"))
    return images


@needs_tesseract
@pytest.mark.parametrize("fmt", ["PDF", "TIFF"])
def test_pages_of_a_scan_come_back_in_their_order(fmt):
    """Pages are read side by side, a free thread taking the next page; the texts keep the
    pages' order all the same (five pages, so that some finish out of order)."""
    words = ["Erste", "Zweite", "Dritte", "Vierte", "Fünfte"]
    images = _page_images(words)
    out = io.BytesIO()
    images[0].save(out, format=fmt, save_all=True, append_images=images[1:], resolution=100)
    part = one(read_bytes(f"scan.{fmt.lower()}", out.getvalue()))
    assert part.error is None, part.error
    assert (part.text_source, part.pages) == ("ocr", 5)
    assert [text.strip() for text in part.page_texts] == words


def test_missing_file_is_an_error_not_an_exception(tmp_path):
    assert one(read_path(tmp_path / "nope.pdf")).error.code == "intake.read.not_found"


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf_of(DECISION))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    assert one(read_bytes("locked.pdf", out.getvalue())).error.code == "intake.read.encrypted"


def test_broken_pdf():
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without end"
    assert one(read_bytes("broken.pdf", data)).error.code == "intake.read.broken_pdf"


def test_pdf_larger_than_the_limit_is_not_opened():
    lim = replace(limits(), max_bytes=10_000)
    part = one(read_bytes("big.pdf", pdf_of(DECISION * 40), lim=lim))
    assert part.error.code == "intake.read.too_large"


def test_page_too_large_to_render_for_ocr():
    # a page of 14 m x 14 m without text: rendering it for OCR would take gigapixels
    data = raw_pdf(b"", media_box="0 0 40000 40000")
    part = one(read_bytes("poster.pdf", data))
    assert part.error.code == "intake.read.image_too_large"


def test_decompression_bomb_reaches_the_limit_and_the_next_document_is_read():
    lim = replace(limits(), memory_mb=512)
    bomb = bomb_pdf(768)  # about 0.8 MB on disk, 768 MB inflated
    assert len(bomb) < 2_000_000
    first = one(read_bytes("bomb.pdf", bomb, lim=lim))
    assert first.error is not None
    assert first.error.code == "intake.read.memory_limit"
    after = one(read_bytes("next.pdf", pdf_of(DECISION), lim=lim))
    assert after.error is None and "BESCHLUSS" in after.text


def test_image_of_50000_by_50000_pixels_is_refused_before_decoding():
    part = one(read_bytes("huge.png", png_header(50_000, 50_000)))
    assert part.error.code == "intake.read.image_too_large"
    assert dict(part.error.params)["width"] == 50_000


def test_broken_image():
    part = one(read_bytes("torn.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40))
    assert part.error.code == "intake.read.broken_image"


def test_wrong_file_ending_is_named():
    part = one(read_bytes("photo.jpg", pdf_of(DECISION)))
    assert part.error.code == "intake.read.wrong_extension"
    assert dict(part.error.params) == {"extension": ".jpg", "detected": "pdf"}


def test_unknown_content():
    assert one(read_bytes("x.pdf", b"MZ\x90\x00 not a document")).error.code in (
        "intake.read.unknown_format",
    )


@needs_tesseract
def test_time_limit_stops_a_long_read_and_the_next_is_read():
    lim = replace(limits(), timeout=0.3)
    pages = scan_of(pdf_of(DECISION * 12), dpi=300)
    first = one(read_bytes("slow.png", pages, lim=lim))
    assert first.error.code == "intake.read.time_limit"
    after = one(read_bytes("next.pdf", pdf_of(DECISION)))
    assert after.error is None


def _mail(
    attachments: list[tuple[str, bytes]], body: str = "Sehr geehrte Damen und Herren,"
) -> bytes:
    msg = email.message.EmailMessage()
    msg["From"] = "poststelle@vg-potsdam.example"
    msg["To"] = "eingang@bamf.example"
    msg["Subject"] = "Az. A 5 K 1234/23"
    msg.set_content(body)
    for name, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def test_mail_gives_one_part_per_attachment():
    data = _mail([("beschluss.pdf", pdf_of(DECISION)), ("../../etc/passwd.pdf", b"junk")])
    parts = list(read_bytes("in.eml", data))
    assert [p.part for p in parts] == ["beschluss.pdf", "passwd.pdf"]
    assert parts[0].error is None and "BESCHLUSS" in parts[0].text
    assert parts[1].error.code == "intake.read.unknown_format"
    assert all(p.file == "in.eml" for p in parts)


def test_mail_without_attachment_gives_its_text():
    part = one(read_bytes("in.eml", _mail([], body="Ladung zum Termin am 3. Mai 2024")))
    assert (part.part, part.text_source) == ("(body)", "text")
    assert "Ladung" in part.text


def test_mail_with_1000_attachments_is_refused_and_the_next_is_read():
    data = _mail([(f"a{i}.pdf", b"%PDF-1.4 x") for i in range(1000)])
    first = one(read_bytes("flood.eml", data))
    assert first.error.code == "intake.read.too_many_parts"
    assert dict(first.error.params) == {"parts": 1000, "limit": limits().max_parts}
    assert one(read_bytes("next.pdf", pdf_of(DECISION))).error is None
