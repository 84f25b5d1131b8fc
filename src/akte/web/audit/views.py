"""The data protection officer's view of the access log, and the Art. 15 report."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from akte.web.accounts.roles import Capability
from akte.web.cases.models import Person, Procedure

from .log import record_access
from .models import AccessLogEntry, Action, Purpose
from .report import access_report, access_report_pdf


def _require_dpo(request) -> None:
    if not request.user.can(Capability.VIEW_ACCESS_LOG):
        raise Http404


@login_required
def index(request):
    _require_dpo(request)
    query = request.GET.get("q", "").strip()[:40]
    error = ""
    if query:
        person_id = None
        if query.isdigit():
            person_id = int(query) if Person.objects.filter(pk=int(query)).exists() else None
        else:
            procedure = Procedure.objects.filter(file_number=query).first()
            person_id = procedure.person_id if procedure else None
        if person_id is not None:
            return redirect("audit:person", person_id=person_id)
        if AccessLogEntry.objects.filter(person_id=query if query.isdigit() else -1).exists():
            return redirect("audit:person", person_id=int(query))
        error = _("No person with this id or file number.")
    recent = AccessLogEntry.objects.all()[:50]
    return render(request, "audit/index.html", {"q": query, "error": error, "recent": recent})


@login_required
def person_log(request, person_id: int):
    _require_dpo(request)
    entries = AccessLogEntry.objects.filter(person_id=person_id)
    if not entries.exists() and not Person.objects.filter(pk=person_id).exists():
        raise Http404
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/person.html", {"person_id": person_id, "page": page})


@login_required
def person_report(request, person_id: int, fmt: str):
    _require_dpo(request)
    if fmt not in ("json", "pdf"):
        raise Http404
    if (
        not Person.objects.filter(pk=person_id).exists()
        and not AccessLogEntry.objects.filter(person_id=person_id).exists()
    ):
        raise Http404
    record_access(
        request,
        action=Action.EXPORT,
        record=f"access_report:{person_id}",
        person_id=person_id,
        purpose=Purpose.ACCESS_REQUEST,
    )
    if fmt == "json":
        body = json.dumps(access_report(person_id), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(
            access_report_pdf(person_id, request.LANGUAGE_CODE), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="access-report-{person_id}.{fmt}"'
    return response
