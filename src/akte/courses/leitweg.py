"""The Leitweg-ID: the routing identifier of a German public buyer, written as XRechnung's
buyer reference (BT-10). Format (KoSIT, "Formatspezifikation Leitweg-ID", version 2.0.2):
a coarse address of 2 to 12 digits, an optional fine address of up to 30 capital letters and
digits, and two check digits, joined by hyphens; the check digits are ISO/IEC 7064 MOD 97-10
over the coarse and fine address (letters as 10 to 35), as for an IBAN.
E.g. 04011000-1234512345-06 and 991-33333TEST-33.
"""

from __future__ import annotations

import re

from akte.core.message import Message
from akte.courses.codes import note

FORMAT = re.compile(r"^(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[0-9A-Z]{1,30}))?-(?P<check>[0-9]{2})$")


def check_digits(address: str) -> str:
    """The two check digits of `address` (coarse and fine address, no hyphens)."""
    number = int("".join(str(int(c, 36)) for c in address) + "00")
    return f"{98 - number % 97:02d}"


def check_leitweg_id(text: str) -> list[Message]:
    """No messages when `text` is a Leitweg-ID; otherwise what is wrong with it."""
    found = FORMAT.match(text)
    if found is None:
        return [note("courses.leitweg.format", given=text[:60])]
    expected = check_digits(found["coarse"] + (found["fine"] or ""))
    if found["check"] != expected:
        return [note("courses.leitweg.check_digits", given=found["check"], expected=expected)]
    return []
