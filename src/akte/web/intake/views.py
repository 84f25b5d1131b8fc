"""The registry's intake: upload, the queues (review first), each document's page with the
evidence for its class, match and route, and the one-action correction."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown
from akte.web.cases.access import visible_procedures
from akte.web.cases.models import Procedure

from . import services
from .forms import CorrectionForm, UploadForm
from .models import IntakeDocument, Source, State
from .reasons import describe, queue_label
from .routing import QUEUE_LABELS


def _may_work(user) -> bool:
    return user.can(Capability.UPLOAD_DOCUMENT) and user.can(Capability.VIEW_PERSONAL_DATA)


def _visible(user):
    """Intake documents the user may see: unmatched ones, and those of visible procedures."""
    return IntakeDocument.objects.select_related("item", "procedure").filter(
        procedure__isnull=True
    ) | IntakeDocument.objects.select_related("item", "procedure").filter(
        procedure__in=visible_procedures(user)
    )


@login_required
@require_safe
@logs_access(read="documents")
def queue(request):
    if not _may_work(request.user):
        return HttpResponseForbidden(_("Your role may not work on incoming mail."))
    state = request.GET.get("state", State.REVIEW)
    team = request.GET.get("queue", "")
    documents = _visible(request.user).filter(
        state=state if state in State.values else State.REVIEW
    )
    if team in QUEUE_LABELS:
        documents = documents.filter(queue=team)
    documents = list(documents.order_by("-item__received_at", "pk")[:200])
    rows = [(d, queue_label(d.queue)) for d in documents]
    return TemplateResponse(
        request,
        "intake/queue.html",
        {
            "documents": documents,
            "rows": rows,
            "state": state,
            "team": team,
            "queues": QUEUE_LABELS,
            "states": State.choices,
            "form": UploadForm(),
        },  # fmt: skip
    )


@login_required
@require_POST
@logs_access(create="created")
def upload(request):
    if not _may_work(request.user):
        return HttpResponseForbidden(_("Your role may not work on incoming mail."))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("intake:queue")
    upload = form.cleaned_data["file"]
    item, new = services.receive(
        b"".join(upload.chunks()), upload.name, Source.UPLOAD, request.user
    )
    if new:
        messages.success(
            request, _("Received: %(count)s document(s).") % {"count": item.documents.count()}
        )
    else:
        messages.info(request, _("This file was received before; nothing was added."))
    return shown(redirect("intake:queue"), created=list(item.documents.select_related("procedure")))


@login_required
@require_safe
@logs_access(read="document")
def document(request, pk: int):
    if not _may_work(request.user):
        return HttpResponseForbidden(_("Your role may not work on incoming mail."))
    doc = get_object_or_404(_visible(request.user), pk=pk)
    result = doc.result
    form = CorrectionForm(initial={"kind": doc.kind, "queue": doc.queue,
                                   "file_number": doc.procedure.file_number if doc.procedure else ""})  # fmt: skip
    return TemplateResponse(
        request,
        "intake/document.html",
        {
            "document": doc,
            "result": result,
            "evidence": result.get("evidence", []),
            "problems": result.get("problems", []),
            "match_reasons": [describe(r) for r in doc.match_reasons],
            "route_reasons": [describe(r) for r in doc.route_reasons],
            "queue_name": queue_label(doc.queue),
            "corrections": doc.corrections.select_related("by"),
            "form": form,
            "excerpt": doc.text[:4000],
            "error_message": {"code": doc.error, "params": result.get("error_params", {})}
            if doc.error
            else None,
        },
    )


@login_required
@require_POST
@logs_access(update="changed")
def correct(request, pk: int):
    if not _may_work(request.user):
        return HttpResponseForbidden(_("Your role may not work on incoming mail."))
    doc = get_object_or_404(_visible(request.user), pk=pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Not corrected: %(errors)s")
            % {"errors": "; ".join(e for es in form.errors.values() for e in es)},
        )
        return redirect("intake:document", pk=doc.pk)
    procedure = None
    if form.cleaned_data["file_number"]:
        procedure = (
            visible_procedures(request.user)
            .filter(file_number=form.cleaned_data["file_number"])
            .first()
        )
        if procedure is None:
            messages.error(request, _("No procedure with this file number."))
            return redirect("intake:document", pk=doc.pk)
    services.correct(doc, request.user, kind=form.cleaned_data["kind"], procedure=procedure,
                     queue=form.cleaned_data["queue"])  # fmt: skip
    messages.success(request, _("Corrected."))
    return shown(redirect("intake:document", pk=doc.pk), changed=doc)


__all__ = ["queue", "upload", "document", "correct", "Procedure"]
