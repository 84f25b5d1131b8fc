"""What a file is, by its first bytes, and whether its name says the same."""

from __future__ import annotations

import re

from akte.core.message import Message

PDF, IMAGE, XML, MAIL = "pdf", "image", "xml", "mail"

_BY_EXTENSION = {
    ".pdf": PDF,
    ".png": IMAGE,
    ".jpg": IMAGE,
    ".jpeg": IMAGE,
    ".tif": IMAGE,
    ".tiff": IMAGE,
    ".xml": XML,
    ".eml": MAIL,
}
_HEADER = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{1,40}:[ \t]")


def detect(data: bytes) -> str | None:
    """pdf, image, xml or mail, from the content; None for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return IMAGE
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return XML
    if _HEADER.match(stripped) and (b"\n\n" in data[:65536] or b"\r\n\r\n" in data[:65536]):
        return MAIL
    return None


def check(name: str, data: bytes) -> tuple[str | None, Message | None]:
    """The kind of `data` and, where it cannot be read as named, the reason."""
    kind = detect(data)
    dot = name.rfind(".")
    extension = name[dot:].lower() if dot > 0 else ""
    named = _BY_EXTENSION.get(extension)
    if kind is None:
        return None, Message("intake.read.unknown_format")
    if named is not None and named != kind:
        return kind, Message(
            "intake.read.wrong_extension", {"extension": extension, "detected": kind}
        )
    return kind, None
