"""Sealing a transcript: SHA-256 over a canonical form of the record.

The canonical form is JSON with sorted keys, no insignificant whitespace, UTF-8, dates in
ISO 8601. Whatever changes in the stored record after sealing (a segment's text, a
correction, the confirmation) changes the digest, so `verify_seal` detects it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json

from .record import HearingRecord

SEAL_ALGORITHM = "sha256"
SEAL_FORMAT = 2
"""The canonical form's version. 1: the header's `interviewer` was the login (seals made
before the record named participants by display name); 2: `interviewer` is the display name
and the login is kept, hashed but not shown, in `interviewer_login`."""


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def canonical_form(record: HearingRecord, version: int = SEAL_FORMAT) -> bytes:
    """The bytes that are hashed. Suggestions are part of it: the record shows what was offered."""
    plain = _plain(record)
    if version < 2:
        header = plain["header"]
        login = header.pop("interviewer_login", "")
        if login:
            header["interviewer"] = login
    if plain.get("recording") is None:  # hearings sealed before recordings keep their seal
        plain.pop("recording", None)
    for suggestion in plain.get("suggestions", ()):  # and before fates could be corrected
        if not suggestion.get("earlier"):
            suggestion.pop("earlier", None)
    return json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def seal(record: HearingRecord, version: int = SEAL_FORMAT) -> str:
    return f"{SEAL_ALGORITHM}:{hashlib.sha256(canonical_form(record, version)).hexdigest()}"


def verify_seal(record: HearingRecord, expected: str, version: int = SEAL_FORMAT) -> bool:
    """Whether the record is as sealed; `version` is the seal format it was sealed in."""
    return seal(record, version) == expected
