"""The data protection officer's view of the access log, and the Art. 15 report."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from akte.web.accounts.roles import Capability

from .directory import persons
from .log import logs_access, shown, shows_no_personal_data
from .models import AccessLogEntry, Purpose
from .report import access_report, access_report_pdf
from .subject import Subject


def _require_dpo(request) -> None:
    if not request.user.can(Capability.VIEW_ACCESS_LOG):
        raise Http404


@login_required
@require_safe
@shows_no_personal_data
def index(request):
    _require_dpo(request)
    query = request.GET.get("q", "").strip()[:40]
    error = ""
    if query:
        person_id = None
        if query.isdigit():
            person_id = int(query) if persons().exists(int(query)) else None
        else:
            person_id = persons().person_of(query)
        if person_id is not None:
            return redirect("audit:person", person_id=person_id)
        if AccessLogEntry.objects.filter(person_id=query if query.isdigit() else -1).exists():
            return redirect("audit:person", person_id=int(query))
        error = _("No person with this id or file number.")
    recent = AccessLogEntry.objects.all()[:50]
    return render(request, "audit/index.html", {"q": query, "error": error, "recent": recent})


@login_required
@require_safe
@shows_no_personal_data  # who looked, when and why: ids, never the data
def person_log(request, person_id: int):
    _require_dpo(request)
    entries = AccessLogEntry.objects.filter(person_id__in=persons().same_person(person_id))
    if not entries.exists() and not persons().exists(person_id):
        raise Http404
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/person.html", {"person_id": person_id, "page": page})


@login_required
@require_safe
@logs_access(export="report", purpose=Purpose.ACCESS_REQUEST)
def person_report(request, person_id: int, fmt: str):
    _require_dpo(request)
    if fmt not in ("json", "pdf"):
        raise Http404
    if (
        not persons().exists(person_id)
        and not AccessLogEntry.objects.filter(person_id=person_id).exists()
    ):
        raise Http404
    if fmt == "json":
        body = json.dumps(access_report(person_id), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(
            access_report_pdf(person_id, request.LANGUAGE_CODE), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="access-report-{person_id}.{fmt}"'
    return shown(response, report=Subject(f"access_report:{person_id}", person_id=person_id))
