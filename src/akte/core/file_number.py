"""The office file number (Geschäftszeichen): seven digits, a hyphen, a three-digit country key.

The country key is the federal statistical office's nationality key (Staatsangehörigkeitsschlüssel),
e.g. 475 Syria. See `akte.core.countries` for the keys Akte knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ASCII digits only: `\d` also takes other scripts' digits (١٢٣), which would store a second
# spelling of the same file number that no lookup finds.
_PATTERN = re.compile(r"^(?P<serial>[0-9]{7})-(?P<key>[0-9]{3})$")


class FileNumberError(ValueError):
    """A text that is not a file number; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class FileNumber:
    serial: str
    country_key: str

    @classmethod
    def parse(cls, text: str) -> FileNumber:
        cleaned = (text or "").strip()
        match = _PATTERN.match(cleaned)
        if not match:
            raise FileNumberError(
                f"{cleaned[:40]!r} is not a file number: expected seven digits, a hyphen and "
                "a three-digit country key, e.g. 1234567-475"
            )
        return cls(match["serial"], match["key"])

    def __str__(self) -> str:
        return f"{self.serial}-{self.country_key}"
