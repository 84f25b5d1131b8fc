"""What an access log entry is about. Models that hold a person's data say it with an
`access_subject` property (plain data, so the case models need nothing else of `audit`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    """The record (e.g. "procedure:12", "document:4") and the person and procedure it belongs to."""

    record: str
    person_id: int | None = None
    procedure_id: int | None = None
