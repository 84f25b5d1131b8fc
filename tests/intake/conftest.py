"""Fixtures of the mail-intake tests: documents made here, the shared test data beside the repo."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest

from .xjustiz_messages import message

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "testdata"  # CI lays shared/ beside the clone


@pytest.fixture(scope="session")
def shared_testdata() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"no shared test data at {SHARED}")
    return SHARED


@pytest.fixture
def xjustiz_message():
    return message


def pdf_of(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def scan_of(pdf: bytes, dpi: int = 200, fmt: str = "PNG") -> bytes:
    """The first page of `pdf` as a page image (what a scanner gives)."""
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72, grayscale=True).to_pil()
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def raw_pdf(content: bytes, *, flate: bool = False, media_box: str = "0 0 595 842") -> bytes:
    """A one-page PDF written by hand (for the hostile ones)."""
    stream = zlib.compress(content) if flate else content
    filters = " /Filter /FlateDecode" if flate else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 4 0 R >>" % media_box.encode(),
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filters.encode()) + stream + b"\nendstream",
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def bomb_pdf(megabytes: int) -> bytes:
    """A PDF whose page content inflates from about 1/1000 of its size to `megabytes` MB."""
    packer = zlib.compressobj(6)
    chunk = b" " * (1024 * 1024)
    body = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
    ]
    return _assemble(objects)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels (the pixels never need to exist)."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )
