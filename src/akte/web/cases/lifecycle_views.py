"""Recording a decision, an appeal and a court's ruling; approving an exceptional transition.
Shown on the procedure page (`lifecycle_section`), each a POST that redirects back."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown

from . import transitions
from .access import procedure_or_404, sees_personal_data
from .decisions import GROUND_NAMES, OUTCOME_NAMES, DecisionRefused, version_for
from .decisions import record_appeal as _record_appeal
from .decisions import record_court_outcome as _record_court_outcome
from .decisions import record_decision as _record_decision
from .forms import DocumentForm, errors_as_messages, store_document
from .lifecycle_forms import AppealForm, ApprovalForm, CourtOutcomeForm, DecisionForm
from .lifecycle_models import Appeal, Notified, RequestState, TransitionRequest
from .models import DocumentKind, Procedure
from .transitions import TransitionRefused


def _back(procedure: Procedure):
    return redirect("cases:procedure_detail", pk=procedure.pk)


def _office_user(request, pk: int, capability: Capability) -> Procedure:
    procedure = procedure_or_404(request.user, pk)
    if not sees_personal_data(request.user) or not request.user.can(capability):
        raise Http404
    return procedure


@login_required
@require_POST
@logs_access(create="created")
def record_decision(request, pk: int):
    procedure = _office_user(request, pk, Capability.DECIDE)
    form = DecisionForm(request.POST, request.FILES)
    document_form = DocumentForm(
        {"title": request.POST.get("title", "Bescheid"), "kind": DocumentKind.DECISION},
        request.FILES,
    )
    if not (form.is_valid() and document_form.is_valid()):
        errors_as_messages(request, form if form.errors else document_form)
        return _back(procedure)
    data = form.cleaned_data
    try:
        version = version_for(data["outcome"], procedure.lodged_on)[2]
        with transaction.atomic():  # no document row without its decision
            document = store_document(procedure, document_form, request.user)
            decision = _record_decision(
                procedure,
                request.user,
                choice=data["outcome"],
                decided_on=data["decided_on"],
                appeal_days=data["appeal_days"] or version.appeal_days,
                notified_on=data["notified_on"],
                notified=data["notified"],
                document=document,
            )
    except DecisionRefused as exc:
        messages.error(request, _("The decision was not recorded: %(reason)s") % {"reason": exc})
        return _back(procedure)
    messages.success(request, _("Decision recorded."))
    return shown(_back(procedure), created=decision)


@login_required
@require_POST
@logs_access(create="created")
def record_appeal(request, pk: int):
    procedure = _office_user(request, pk, Capability.CHANGE_STATUS)
    form = AppealForm(request.POST)
    if not form.is_valid():
        errors_as_messages(request, form)
        return _back(procedure)
    try:
        appeal = _record_appeal(procedure, request.user, **form.cleaned_data)
    except DecisionRefused as exc:
        messages.error(request, _("The appeal was not recorded: %(reason)s") % {"reason": exc})
        return _back(procedure)
    messages.success(request, _("Appeal recorded."))
    return shown(_back(procedure), created=appeal)


@login_required
@require_POST
@logs_access(update="changed")
def record_court_outcome(request, pk: int, appeal_pk: int):
    procedure = _office_user(request, pk, Capability.CHANGE_STATUS)
    appeal = get_object_or_404(Appeal, pk=appeal_pk, procedure=procedure)
    form = CourtOutcomeForm(request.POST)
    if not form.is_valid():
        errors_as_messages(request, form)
        return _back(procedure)
    try:
        _record_court_outcome(appeal, request.user, **form.cleaned_data)
    except DecisionRefused as exc:
        messages.error(request, _("The ruling was not recorded: %(reason)s") % {"reason": exc})
        return _back(procedure)
    messages.success(request, _("Ruling recorded."))
    return shown(_back(procedure), changed=appeal)


@login_required
@require_POST
@logs_access(update="changed")
def decide_request(request, pk: int, request_pk: int):
    """A second user approves or rejects an exceptional transition."""
    procedure = procedure_or_404(request.user, pk)
    if not sees_personal_data(request.user):
        raise Http404
    pending = get_object_or_404(TransitionRequest, pk=request_pk, procedure=procedure)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        errors_as_messages(request, form)
        return _back(procedure)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        transitions.decide_request(
            pending, request.user, approve=approve, note=form.cleaned_data["note"]
        )
    except TransitionRefused as exc:
        messages.error(request, exc.message)
        return _back(procedure)
    messages.success(request, _("Approved: the status changed.") if approve else _("Rejected."))
    return shown(_back(procedure), changed=pending)


def lifecycle_section(request, procedure: Procedure) -> dict:
    """The decisions, appeals and pending requests on the procedure page."""
    user = request.user
    decisions = list(procedure.decisions.select_related("document", "decided_by"))
    for d in decisions:
        d.outcome_name = OUTCOME_NAMES.get(d.outcome, d.outcome)
        d.ground_name = GROUND_NAMES.get(d.ground, d.ground)
        d.notified_names = [str(Notified(n).label) for n in d.notified_list if n in Notified.values]
    requests = list(procedure.transition_requests.select_related("requested_by", "decided_by"))
    for r in requests:
        r.may_decide = transitions.may_approve(r, user)
        r.source_label = transitions.status_label(r.source)
        r.target_label = transitions.status_label(r.target)
    return {
        "procedure": procedure,
        "decisions": decisions,
        "appeals": list(procedure.appeals.all()),
        "requests": requests,
        "pending": RequestState.PENDING,
        "may_decide": user.can(Capability.DECIDE)
        and transitions.lifecycle().transition(procedure.status, "decided") is not None,
        "may_appeal": user.can(Capability.CHANGE_STATUS) and bool(decisions),
        "decision_form": DecisionForm(),
        "appeal_form": AppealForm(),
        "court_form": CourtOutcomeForm(),
    }
