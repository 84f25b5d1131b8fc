"""Moving a procedure through its lifecycle (`cases/lifecycle/statuses.yaml`).

Every status change goes through `move`: by a user (their role must be allowed), or by an
event elsewhere (`on_event`: a sealed hearing, a recorded decision, an appeal, a court's
ruling). A refused transition raises `TransitionRefused` with a reason in the reader's
language; a transition to the current status is always refused, so the status log receives
only real transitions. Exceptional transitions need a `TransitionRequest` that a second
user of an approving role approves.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akte.web.accounts.roles import Role

from .lifecycle import Lifecycle, Refusal, Transition, load
from .lifecycle_models import RequestState, TransitionRequest
from .models import Procedure, Status, StatusEvent
from .signals import status_changed

REASONS = {
    "unknown_status": gettext_lazy("%(status)s is not a status."),
    "same_status": gettext_lazy("The procedure already has the status “%(status)s”."),
    "not_allowed": gettext_lazy("From “%(source)s” the procedure cannot go to “%(target)s”."),
    "not_by_event": gettext_lazy("This event does not lead to “%(target)s”."),
    "event_only": gettext_lazy(
        "“%(target)s” is reached by what happens (%(events)s), not by changing the status."
    ),
    "role": gettext_lazy("Your role may not move the procedure to “%(target)s”."),
    "exceptional": gettext_lazy(
        "Going to “%(target)s” is exceptional: it needs a reason and a second user's approval."
    ),
    "needs_reason": gettext_lazy("Give the reason for this exceptional transition."),
    "pending": gettext_lazy("A request for this procedure is already waiting for approval."),
    "stale": gettext_lazy("The status changed since the request; it can no longer be approved."),
    "own_request": gettext_lazy("A request must be approved by a second user, not by its author."),
    "approver_role": gettext_lazy("Your role may not approve this transition."),
    "not_pending": gettext_lazy("This request was already decided."),
}
EVENT_NAMES = {
    "hearing_sealed": gettext_lazy("a sealed hearing"),
    "decision_recorded": gettext_lazy("a recorded decision"),
    "appeal_lodged": gettext_lazy("an appeal"),
    "court_final": gettext_lazy("a court's final decision"),
    "court_annulled": gettext_lazy("a court annulling the decision"),
    "dublin_case_opened": gettext_lazy("a Dublin procedure's first event"),
}


def lifecycle() -> Lifecycle:
    return load(frozenset(Role.values))


def status_label(key: str) -> str:
    try:
        return str(Status(key).label)
    except ValueError:
        return key


class TransitionRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.code)
        self.refusal = refusal

    @property
    def code(self) -> str:
        return self.refusal.code

    @property
    def message(self) -> str:
        params = dict(self.refusal.params)
        for key in ("status", "source", "target"):
            if key in params:
                params[key] = status_label(params[key])
        if "events" in params:
            params["events"] = ", ".join(str(EVENT_NAMES[e]) for e in params["events"])
        return str(REASONS[self.refusal.code]) % params


def _refuse(code: str, **params) -> TransitionRefused:
    return TransitionRefused(Refusal(code, params))


def _locked(procedure: Procedure) -> Procedure:
    """The procedure re-read under a row lock: two changes racing see each other's status."""
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def record_status(
    procedure: Procedure, status: str, actor, note: str = "", agency: str = ""
) -> StatusEvent:
    """Add a status event and tell the apps above (`signals.status_changed`); call inside
    the transaction that changes the procedure, after the lifecycle allowed it."""
    fields = {"agency": agency} if agency else {}
    event = StatusEvent.objects.create(
        procedure=procedure, status=status, actor=actor, note=note[:500], **fields
    )
    procedure.status_since = event.at  # the worklists' "since": in the event's transaction
    Procedure.objects.filter(pk=procedure.pk).update(status_since=event.at)
    status_changed.send(sender=Procedure, procedure=procedure, event=event)
    return event


def _apply(procedure: Procedure, target: str, actor, note: str, agency: str = "") -> StatusEvent:
    procedure.status = target
    procedure.save(update_fields=["status", "updated_at"])
    return record_status(procedure, target, actor, note, agency)


def check(procedure: Procedure, target: str, *, role=None, event=None) -> Transition:
    found = lifecycle().check(procedure.status, target, role=role, event=event)
    if isinstance(found, Refusal):
        raise TransitionRefused(found)
    if found.exceptional and event is None:
        raise _refuse("exceptional", target=target)
    return found


@transaction.atomic
def move(procedure: Procedure, target: str, actor, note: str = "", agency: str = "") -> StatusEvent:
    """A user moves the procedure to `target` (their role must be allowed)."""
    locked = _locked(procedure)
    check(locked, target, role=getattr(actor, "role", None))
    event = _apply(locked, target, actor, note, agency)
    procedure.status = locked.status
    return event


@transaction.atomic
def on_event(procedure: Procedure, event: str, target: str, actor, note: str = ""):
    """What happened elsewhere moves the procedure to `target` if the lifecycle allows it
    from where it is; otherwise nothing changes (None): the log gets real transitions only."""
    locked = _locked(procedure)
    try:
        check(locked, target, event=event)
    except TransitionRefused:
        return None
    status_event = _apply(locked, target, actor, note)
    procedure.status = locked.status
    return status_event


@transaction.atomic
def request_exceptional(procedure: Procedure, target: str, actor, reason: str):
    locked = _locked(procedure)
    found = lifecycle().check(locked.status, target, role=getattr(actor, "role", None))
    if isinstance(found, Refusal):
        raise TransitionRefused(found)
    if not found.exceptional:
        return None  # an ordinary transition: the caller moves
    if not reason.strip():
        raise _refuse("needs_reason")
    if locked.transition_requests.filter(state=RequestState.PENDING).exists():
        raise _refuse("pending")
    return TransitionRequest.objects.create(
        procedure=locked,
        source=locked.status,
        target=target,
        reason=reason.strip()[:500],
        requested_by=actor,
    )


def may_approve(request: TransitionRequest, user) -> bool:
    found = lifecycle().transition(request.source, request.target)
    return (
        request.state == RequestState.PENDING
        and user.is_active
        and user.pk != request.requested_by_id
        and found is not None
        and user.role in found.approvers
    )


@transaction.atomic
def decide_request(request: TransitionRequest, user, *, approve: bool, note: str = ""):
    """A second user approves (the transition is made, both names in the status note) or
    rejects the request."""
    request = TransitionRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RequestState.PENDING:
        raise _refuse("not_pending")
    if user.pk == request.requested_by_id:
        raise _refuse("own_request")
    found = lifecycle().transition(request.source, request.target)
    if found is None or user.role not in found.approvers:
        raise _refuse("approver_role")
    procedure = _locked(request.procedure)
    request.decided_by, request.decided_at = user, timezone.now()
    request.decision_note = note.strip()[:500]
    if not approve:
        request.state = RequestState.REJECTED
        request.save()
        return None
    if procedure.status != request.source:
        raise _refuse("stale")
    text = _("%(step)s: %(reason)s (requested by %(requester)s, approved by %(approver)s)") % {
        "step": found.step,
        "reason": request.reason,
        "requester": request.requested_by,
        "approver": user,
    }
    event = _apply(procedure, request.target, user, text)
    request.state, request.event = RequestState.APPROVED, event
    request.save()
    return event


def validate() -> None:
    """At start: the data file's statuses are the model's (no key lost, none unknown), and
    every role that may make a transition may change a status at all."""
    from akte.web.accounts.roles import Capability, capabilities

    from .lifecycle import LifecycleError, outcomes

    found = lifecycle()
    if set(found.statuses) != set(Status.values):
        raise LifecycleError(
            f"statuses.yaml: statuses differ from cases.Status: {sorted(set(found.statuses) ^ set(Status.values))}"
        )
    for t in found.transitions.values():
        for role in t.roles:
            if Capability.CHANGE_STATUS not in capabilities(role):
                raise LifecycleError(
                    f"statuses.yaml: {t.source} -> {t.target}: role {role} may not change a status"
                )
    outcomes()
