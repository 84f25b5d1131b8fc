"""The JSON API under /api/ (OpenAPI at /api/openapi.json, docs at /api/docs)."""

from __future__ import annotations

from django.http import Http404
from ninja import Field, Query, Schema

from akte.core.countries import is_country
from akte.web.audit.log import logs_api_access, shows_no_personal_data
from akte.web.audit.subject import Subject
from akte.web.cases.access import procedure_or_404, sees_personal_data, visible_procedures
from akte.web.cases.models import Procedure, Status
from akte.web.cases.offices import Office

from . import problems
from .router import api
from .schemas import PersonOut, ProcedureOut, ProcedurePage

# Pages: out-of-range values are a 422 problem naming the parameter (`query.offset`), never
# a database overflow (SQLite and PostgreSQL take at most 2**63 - 1).
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 500


class ProcedureFilter(Schema):
    status: str | None = Field(None, max_length=32)
    country: str | None = Field(None, max_length=3)
    office: str | None = Field(None, max_length=8)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


def _person(procedure: Procedure) -> PersonOut:
    person = procedure.person
    return PersonOut(
        id=person.pk,
        sex=person.sex,
        birth_date=person.birth_date.isoformat() if person.birth_date else None,
        birth_date_precision=person.birth_date.precision.value if person.birth_date else None,
        birth_place=person.birth_place,
        nationality=person.nationality,
        languages=person.language_list,
        spellings=list(person.spellings.all()),
    )


def _known(key: str, value: str) -> bool:
    if key == "status":
        return value in Status.values
    if key == "office":
        return value in Office.values
    return is_country(value)


@api.get(
    "/procedures",
    response=ProcedurePage,
    tags=["procedures"],
    openapi_extra=problems.documented(400, 401, 422),
)
@shows_no_personal_data  # file numbers and status fields only
def list_procedures(request, filters: Query[ProcedureFilter]):
    """Procedures visible to the caller, newest first; status fields only."""
    limit, offset = filters.limit, filters.offset
    procedures = visible_procedures(request.user)
    for key in ("status", "country", "office"):
        value = getattr(filters, key)
        if value and not _known(key, value):
            detail = f"Unknown value for the filter '{key}'."
            return problems.problem(request, 400, "Bad Request", detail, parameter=key)
        if value:
            procedures = procedures.filter(**{key: value})
    items = procedures.order_by("-created_at", "-pk")[offset : offset + limit]
    return {"count": procedures.count(), "offset": offset, "limit": limit, "items": list(items)}


def _person_shown(body: ProcedureOut) -> Subject | None:
    if body.person is None:
        return None
    return Subject(f"procedure:{body.id}", person_id=body.person.id, procedure_id=body.id)


@api.get(
    "/procedures/{file_number}",
    response=ProcedureOut,
    tags=["procedures"],
    openapi_extra=problems.documented(401, 404, 422),
)
@logs_api_access(read=_person_shown)
def get_procedure(request, file_number: str):
    """One procedure by file number; the person's data only for roles that may see it."""
    match = visible_procedures(request.user).filter(file_number=file_number).first()
    if match is None:
        raise Http404
    procedure = procedure_or_404(request.user, match.pk)
    body = ProcedureOut(
        id=procedure.pk,
        file_number=procedure.file_number,
        status=procedure.status,
        office=procedure.office,
        country=procedure.country,
        events=list(procedure.events.all()),
    )
    if sees_personal_data(request.user):
        body.person = _person(procedure)
    return body


from .intake import router as intake_router  # noqa: E402 - the operations need `api` first

api.add_router("/intake", intake_router)
from . import writes  # noqa: E402, F401  (the write operations, on the same API)
