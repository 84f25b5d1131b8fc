from __future__ import annotations

import datetime as dt

from ninja import Schema


class StatusEventOut(Schema):
    status: str
    at: dt.datetime
    agency: str


class NameSpellingOut(Schema):
    given_names: str
    family_name: str
    script: str
    is_primary: bool


class PersonOut(Schema):
    id: int
    sex: str
    birth_date: str | None
    birth_date_precision: str | None
    birth_place: str
    nationality: str
    languages: list[str]
    spellings: list[NameSpellingOut]


class ProcedureStatusOut(Schema):
    """What partner agencies see: the file number and the status, nothing personal."""

    id: int
    file_number: str
    status: str
    office: str
    country: str


class ProcedureOut(ProcedureStatusOut):
    events: list[StatusEventOut]
    person: PersonOut | None = None


class ProcedurePage(Schema):
    count: int
    offset: int
    limit: int
    items: list[ProcedureStatusOut]
