"""Status events and their commitments (the leaves of the log).

A leaf commits to an event without revealing it: ``leaf = SHA-256(0x00 || salt || JSON)``
(the RFC 6962 leaf hash of ``salt || canonical JSON``), where ``salt`` is 32 random bytes.
Without the salt the leaf cannot be linked to the event even if the event is guessable;
erasing the salt (with the encrypted payload and the data key) makes the leaf meaningless.

Canonical JSON here: UTF-8, keys sorted, no insignificant whitespace, strings only, the
output of ``json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from akte.ledger.merkle import leaf_hash

SALT_SIZE = 32
TOMBSTONE_SALT = bytes(SALT_SIZE)  # tombstones are public: no secret salt
MAX_FIELD = 200


class EventError(ValueError):
    """A status event is malformed; the message names the field and what to do."""


def control_characters(text: str) -> bool:
    """True if `text` holds a control, format (e.g. bidi override) or unassigned character."""
    return any(unicodedata.category(c) in ("Cc", "Cf", "Cn", "Cs") for c in text)


def canonical_json(obj: dict) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class StatusEvent:
    """One status change of a procedure, as an agency reports it."""

    procedure: str  # the procedure's reference, e.g. a file number
    event_type: str  # e.g. "application_filed", "hearing_held", "decision_served"
    agency: str  # the reporting agency, e.g. "BAMF-BER"
    time: str  # ISO 8601 with a UTC offset, e.g. "2026-11-23T09:30:00Z"

    def __post_init__(self) -> None:
        for name in ("procedure", "event_type", "agency", "time"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise EventError(f"status event field {name!r} must be a non-empty string")
            if control_characters(value):
                raise EventError(f"status event field {name!r} holds a control character")
            if len(value) > MAX_FIELD:
                raise EventError(
                    f"status event field {name!r} is longer than {MAX_FIELD} characters"
                )
        try:
            parsed = datetime.fromisoformat(self.time.replace("Z", "+00:00"))
        except ValueError as exc:
            raise EventError(
                f"status event time {self.time!r} is not ISO 8601 (e.g. 2026-11-23T09:30:00Z)"
            ) from exc
        if parsed.tzinfo is None:
            raise EventError(
                f"status event time {self.time!r} needs a UTC offset, e.g. a trailing Z"
            )
        try:  # 0001-01-01T00:00:00+05:00 is a valid text but no instant in UTC
            parsed.astimezone(UTC)
        except OverflowError as exc:
            raise EventError(f"status event time {self.time!r} is out of range") from exc

    @classmethod
    def from_dict(cls, data: object) -> StatusEvent:
        if not isinstance(data, dict):
            raise EventError(
                "a status event is a JSON object with procedure, event_type, agency, time"
            )
        fields = {"procedure", "event_type", "agency", "time"}
        missing, extra = fields - data.keys(), data.keys() - fields
        if missing:
            raise EventError(f"status event is missing {sorted(missing)}")
        if extra:
            raise EventError(
                f"status event has unknown fields {sorted(extra)}: personal data stays out of the log"
            )
        return cls(**data)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    def canonical(self) -> bytes:
        return canonical_json(self.to_dict())


def new_salt() -> bytes:
    return os.urandom(SALT_SIZE)


def commitment(salt: bytes, event: StatusEvent) -> bytes:
    """The leaf hash committing to ``event`` under ``salt``."""
    return leaf_hash(salt + event.canonical())


def tombstone(erased_entries: int, time: str | None = None) -> tuple[str, bytes]:
    """(public JSON, leaf hash) of an erasure tombstone; it holds no personal data."""
    body = {"type": "erasure", "erased_entries": str(erased_entries), "time": time or utc_now()}
    data = canonical_json(body)
    return data.decode(), leaf_hash(TOMBSTONE_SALT + data)
