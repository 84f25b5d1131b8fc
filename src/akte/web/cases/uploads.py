"""What a text upload must be: UTF-8 text a person can read, not a file of another kind
under a `text/plain` label (PDF, PNG and JPEG are checked by their magic bytes in
`forms.DocumentForm`). Every refusal says what was wrong and where (line and column)."""

from __future__ import annotations

import codecs
import re

from django import forms
from django.utils.translation import gettext_lazy as _

# magic bytes of files that are not text (WHATWG MIME sniffing and file(1)): archives,
# office documents, executables, images, PDF
FOREIGN_MAGIC: dict[str, bytes] = {
    "ZIP": b"PK\x03\x04",
    "ZIP (empty)": b"PK\x05\x06",
    "gzip": b"\x1f\x8b",
    "7z": b"7z\xbc\xaf\x27\x1c",
    "RAR": b"Rar!\x1a\x07",
    "PDF": b"%PDF",
    "PNG": b"\x89PNG",
    "JPEG": b"\xff\xd8\xff",
    "GIF": b"GIF8",
    "ELF": b"\x7fELF",
    "Windows executable": b"MZ\x90\x00",
    "OLE (old Office)": b"\xd0\xcf\x11\xe0",
}
# markup a browser would sniff as HTML, XML or SVG, or scripts anywhere in the text
_MARKUP_START = re.compile(
    r"\s*<(!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--|style|title|a\s|"
    r"div|table|img|object|embed|meta|link|form)\b",
    re.IGNORECASE,
)
_ACTIVE = re.compile(r"<\s*(script|iframe|object|embed|svg)\b|javascript:", re.IGNORECASE)
# allowed besides printable text: tab, line feed, carriage return (CRLF files)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _where(text: str, offset: int) -> dict:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return {"line": line, "column": column}


def check_text(data: bytes) -> str:
    """The upload as text, or a `ValidationError` saying what it is instead and where."""
    for kind, magic in FOREIGN_MAGIC.items():
        if data.startswith(magic):
            raise forms.ValidationError(
                _("The text file is a %(kind)s file, not text."), params={"kind": kind}
            )
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = _where(body[: exc.start].decode("utf-8", errors="replace"), exc.start)
        raise forms.ValidationError(
            _(
                "The text file is not valid UTF-8 at line %(line)d, column %(column)d: "
                "save it as UTF-8 text."
            ),
            params=where,
        ) from exc
    control = _CONTROL.search(text)
    if control:
        raise forms.ValidationError(
            _(
                "The text file contains the control character %(char)s at line %(line)d, "
                "column %(column)d; only tab and line breaks are allowed."
            ),
            params={"char": f"U+{ord(control.group()):04X}", **_where(text, control.start())},
        )
    active = _MARKUP_START.match(text) or _ACTIVE.search(text)
    if active:
        raise forms.ValidationError(
            _(
                "The text file contains HTML or script markup at line %(line)d, column "
                "%(column)d; upload a PDF instead."
            ),
            params=_where(text, active.start() if active.re is _ACTIVE else 0),
        )
    return text
