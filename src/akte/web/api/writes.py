"""What partner systems write: register a procedure, append a status event, upload a
document, record an appeal. The same permission rules and validation as the web (the web's
own forms check the fields, the lifecycle the transitions); errors are problem details;
every write is in the access log and a status in the status log (`transitions`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404
from ninja import Field, File, Form, Schema
from ninja.files import UploadedFile

from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_api_access
from akte.web.audit.subject import Subject
from akte.web.cases import services, transitions
from akte.web.cases.access import sees_personal_data, visible_procedures
from akte.web.cases.decisions import DecisionRefused, record_appeal
from akte.web.cases.duplicates import possible_duplicates
from akte.web.cases.forms import (
    DocumentForm,
    NameSpellingForm,
    PersonForm,
    ProcedureForm,
    store_document,
)
from akte.web.cases.lifecycle_forms import AppealForm
from akte.web.cases.models import Procedure

from . import problems
from .router import api

WRITES = problems.documented(400, 401, 403, 404, 409, 422)


class Refused(Exception):
    """A write refused with a problem: status, title, detail and extra members."""

    def __init__(self, status: int, title: str, detail: str, **extra) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


@api.exception_handler(Refused)
def _refused(request, exc: Refused):
    return problems.problem(request, exc.status, exc.title, exc.detail, **exc.extra)


def _form_errors(form, where: str) -> list[dict]:
    return [
        {"where": f"{where}.{field}" if field != "__all__" else where, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


def _invalid(errors: list[dict]) -> Refused:
    return Refused(422, "Invalid Request", "The request has invalid fields.", errors=errors)


def _procedure(request, file_number: str, capability: Capability) -> Procedure:
    procedure = visible_procedures(request.user).filter(file_number=file_number).first()
    if procedure is None:
        raise Http404
    if not (sees_personal_data(request.user) and request.user.can(capability)):
        raise Refused(403, "Forbidden", "Your role may not do this.")
    return procedure


def _subject(body) -> Subject:
    return Subject(f"procedure:{body.id}", person_id=body.person_id, procedure_id=body.id)


# --- register a procedure ------------------------------------------------------------


class SpellingIn(Schema):
    given_names: str = Field("", max_length=200)
    family_name: str = Field("", max_length=200)
    script: str = Field("Latn", max_length=4)
    note: str = Field("", max_length=200)


class PersonIn(Schema):
    sex: str = Field(..., max_length=1)
    birth_date: str = Field("", max_length=10, description="YYYY, MM.YYYY or DD.MM.YYYY")
    birth_place: str = Field("", max_length=200)
    nationality: str = Field(..., max_length=3)
    languages: list[str] = Field(default_factory=list, max_length=20)


class ProcedureIn(Schema):
    file_number: str = Field(..., max_length=11)
    office: str = Field(..., max_length=8)
    country: str = Field(..., max_length=3)
    language: str = Field("", max_length=3)
    lodged_on: dt.date | None = None
    application_kind: str = Field(
        "first", max_length=16, description="first or follow_up (§ 71 AsylG)"
    )


class RegistrationIn(Schema):
    person: PersonIn
    spellings: list[SpellingIn] = Field(..., min_length=1, max_length=10)
    procedure: ProcedureIn
    confirm_new: bool = Field(False, description="register although possible duplicates were found")


class Registered(Schema):
    id: int
    file_number: str
    status: str
    person_id: int


@api.post(
    "/procedures",
    response={201: Registered},
    tags=["writes"],
    openapi_extra=WRITES,
)
@logs_api_access(create=lambda result: _subject(result[1]))
def register_procedure(request, body: RegistrationIn):
    """Register a person with their name spellings and a first procedure (clerk systems).
    Possible duplicates are a 409 unless `confirm_new`."""
    if not request.user.can(Capability.REGISTER):
        raise Refused(403, "Forbidden", "Your role may not register procedures.")
    person = PersonForm({**body.person.dict(), "languages": ",".join(body.person.languages)})
    spellings = [NameSpellingForm(s.dict()) for s in body.spellings]
    procedure = ProcedureForm(
        {k: ("" if v is None else v) for k, v in body.procedure.dict().items()}
    )
    errors = _form_errors(person, "body.person") if not person.is_valid() else []
    for i, form in enumerate(spellings):
        if not form.is_valid():
            errors += _form_errors(form, f"body.spellings.{i}")
    if not procedure.is_valid():
        errors += _form_errors(procedure, "body.procedure")
    names = [f.cleaned_data for f in spellings if not errors and not f.is_blank]
    if not errors and not names:
        errors.append({"where": "body.spellings", "message": "Enter at least one spelling."})
    if errors:
        raise _invalid(errors)
    if not body.confirm_new and possible_duplicates(person.cleaned_data, names):
        raise Refused(
            409, "Conflict", "Possible duplicates exist; send confirm_new: true to register."
        )
    created = services.register(request, person.cleaned_data, names, procedure.cleaned_data)
    return 201, Registered(
        id=created.pk,
        file_number=created.file_number,
        status=created.status,
        person_id=created.person_id,
    )


# --- append a status event -----------------------------------------------------------


class StatusIn(Schema):
    status: str = Field(..., max_length=32)
    note: str = Field("", max_length=500, description="the reason, for an exceptional transition")


class StatusAppended(Schema):
    id: int
    file_number: str
    person_id: int
    status: str
    request: int | None = Field(
        None, description="the pending request of an exceptional transition"
    )


@api.post(
    "/procedures/{file_number}/events",
    response={201: StatusAppended, 202: StatusAppended},
    tags=["writes"],
    openapi_extra=WRITES,
)
@logs_api_access(update=lambda result: _subject(result[1]))
def append_status(request, file_number: str, body: StatusIn):
    """Move the procedure to `status`, within what the caller's role may (the lifecycle);
    refused with 409 and the reason. An exceptional transition with a reason (`note`) is
    requested (202) and waits for a second user's approval."""
    procedure = _procedure(request, file_number, Capability.CHANGE_STATUS)
    if any(ord(ch) < 32 for ch in body.note):
        raise _invalid([{"where": "body.note", "message": "Control characters are not allowed."}])
    try:
        with transaction.atomic():
            pending = transitions.request_exceptional(
                procedure, body.status, request.user, body.note
            )
            if pending is None:
                services.change_status(request, procedure, body.status, body.note)
    except transitions.TransitionRefused as exc:
        raise Refused(409, "Conflict", exc.message, code=exc.code) from exc
    answer = StatusAppended(
        id=procedure.pk,
        file_number=procedure.file_number,
        person_id=procedure.person_id,
        status=procedure.status,
        request=pending.pk if pending else None,
    )
    return (202 if pending else 201), answer


# --- upload a document ---------------------------------------------------------------


class DocumentOut(Schema):
    id: int
    procedure: int
    person_id: int
    title: str
    kind: str
    size: int
    sha256: str


@api.post(
    "/procedures/{file_number}/documents",
    response={201: DocumentOut},
    tags=["writes"],
    openapi_extra=WRITES,
)
@logs_api_access(
    create=lambda result: Subject(
        f"document:{result[1].id}", person_id=result[1].person_id, procedure_id=result[1].procedure
    )
)
def upload_document(
    request,
    file_number: str,
    file: File[UploadedFile],
    title: str = Form(..., max_length=200),
    kind: str = Form(..., max_length=32),
):
    """A document for the procedure (multipart form: `title`, `kind`, `file`): PDF, PNG,
    JPEG or plain text whose content matches its type, at most AKTE_MAX_UPLOAD_BYTES."""
    procedure = _procedure(request, file_number, Capability.UPLOAD_DOCUMENT)
    form = DocumentForm({"title": title, "kind": kind}, {"file": file})
    if not form.is_valid():
        raise _invalid(_form_errors(form, "body"))
    document = store_document(procedure, form, request.user)
    return 201, DocumentOut(
        id=document.pk,
        procedure=procedure.pk,
        person_id=procedure.person_id,
        title=document.title,
        kind=document.kind,
        size=document.size,
        sha256=document.sha256,
    )


# --- record an appeal ----------------------------------------------------------------


class AppealIn(Schema):
    court: str = Field(..., max_length=200)
    court_file_number: str = Field(..., max_length=60)
    kind: str = Field(..., max_length=8, description="main or urgent")
    lodged_on: dt.date


class AppealOut(Schema):
    id: int
    procedure: int
    person_id: int
    status: str
    court: str
    court_file_number: str
    kind: str
    lodged_on: dt.date


@api.post(
    "/procedures/{file_number}/appeals",
    response={201: AppealOut},
    tags=["writes"],
    openapi_extra=WRITES,
)
@logs_api_access(
    create=lambda result: Subject(
        f"appeal:{result[1].id}", person_id=result[1].person_id, procedure_id=result[1].procedure
    )
)
def add_appeal(request, file_number: str, body: AppealIn):
    """An appeal against the latest decision (court, court file number, main or urgent
    proceedings); the procedure goes to `appeal`."""
    procedure = _procedure(request, file_number, Capability.CHANGE_STATUS)
    form = AppealForm({**body.dict(), "lodged_on": body.lodged_on.isoformat()})
    if not form.is_valid():
        raise _invalid(_form_errors(form, "body"))
    try:
        appeal = record_appeal(procedure, request.user, **form.cleaned_data)
    except DecisionRefused as exc:
        raise Refused(409, "Conflict", str(exc)) from exc
    procedure.refresh_from_db()
    return 201, AppealOut(
        id=appeal.pk,
        procedure=procedure.pk,
        person_id=procedure.person_id,
        status=procedure.status,
        court=appeal.court,
        court_file_number=appeal.court_file_number,
        kind=appeal.kind,
        lodged_on=appeal.lodged_on,
    )
