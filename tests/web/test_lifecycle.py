"""The lifecycle: every allowed and every refused transition, by role and by event; the data
file's checks; exceptional transitions with a second user's approval."""

from __future__ import annotations

import itertools

import pytest

from akte.web.accounts.roles import Role
from akte.web.cases import services, transitions
from akte.web.cases.lifecycle import LifecycleError, load, parse_lifecycle
from akte.web.cases.models import Status, StatusEvent, TransitionRequest
from akte.web.cases.transitions import TransitionRefused
from akte.web.statuslog.models import PendingAppend

ROLES = frozenset(Role.values)
CLERK, DM, QA = Role.REGISTRY_CLERK, Role.DECISION_MAKER, Role.QUALITY_ASSURANCE
# The law as reviewed, written out here on purpose (not read from the data file):
# (from, to) -> roles that may make it by hand.
BY_HAND = {
    ("registered", "lodged"): {CLERK, DM},
    ("registered", "closed"): {CLERK, DM},
    ("lodged", "dublin"): {CLERK, DM},
    ("lodged", "hearing_scheduled"): {CLERK, DM},
    ("dublin", "hearing_scheduled"): {CLERK, DM},
    ("dublin", "lodged"): {DM},
    ("hearing_scheduled", "lodged"): {CLERK, DM},
    ("decided", "final"): {CLERK, DM},
    ("final", "closed"): {CLERK, DM},
}
# (from, to) -> the events that make it
BY_EVENT = {
    ("lodged", "hearing_held"): "hearing_sealed",
    ("dublin", "hearing_held"): "hearing_sealed",
    ("hearing_scheduled", "hearing_held"): "hearing_sealed",
    ("lodged", "decided"): "decision_recorded",
    ("dublin", "decided"): "decision_recorded",
    ("hearing_scheduled", "decided"): "decision_recorded",
    ("hearing_held", "decided"): "decision_recorded",
    ("appeal", "decided"): "decision_recorded",
    ("decided", "appeal"): "appeal_lodged",
    ("final", "appeal"): "appeal_lodged",
    ("appeal", "final"): "court_final",
    ("appeal", "lodged"): "court_annulled",
    ("lodged", "dublin"): "dublin_case_opened",
}
# exceptional: (from, to) -> (who may ask, who may approve)
EXCEPTIONAL = {
    ("decided", "hearing_held"): ({DM}, {DM, QA}),
    ("decided", "lodged"): ({DM}, {DM, QA}),
    ("final", "lodged"): ({CLERK, DM}, {DM, QA}),
    ("closed", "lodged"): ({CLERK, DM}, {DM, QA}),
}
PAIRS = list(itertools.product(Status.values, repeat=2))


class _Request:
    def __init__(self, user):
        self.user = user


def test_the_data_file_says_what_the_tables_here_say():
    lifecycle = load(ROLES)
    assert set(lifecycle.statuses) == set(Status.values)
    by_hand = {
        k: set(t.roles) for k, t in lifecycle.transitions.items() if t.roles and not t.exceptional
    }
    assert by_hand == BY_HAND
    assert {
        k: next(iter(t.events)) for k, t in lifecycle.transitions.items() if t.events
    } == BY_EVENT
    assert {
        k: (set(t.roles), set(t.approvers))
        for k, t in lifecycle.transitions.items()
        if t.exceptional
    } == EXCEPTIONAL
    assert all(t.step in lifecycle.steps for t in lifecycle.transitions.values())


@pytest.mark.parametrize("source,target", PAIRS)
@pytest.mark.parametrize("role", [CLERK, DM, Role.INTERVIEWER, Role.PARTNER_AGENCY])
def test_every_transition_by_hand(source, target, role, make_procedure, make_user):
    """Through the service the status form calls: allowed ones make one status event and
    one pending append for the signed log; refused ones change nothing and say why."""
    user = make_user(role, f"u-{role}")
    procedure = make_procedure(status=source)
    events, appends = StatusEvent.objects.count(), PendingAppend.objects.count()
    if role in BY_HAND.get((source, target), ()):
        event = services.change_status(_Request(user), procedure, target, "n")
        procedure.refresh_from_db()
        assert procedure.status == target and event.status == target and event.actor == user
        assert StatusEvent.objects.count() == events + 1
        assert PendingAppend.objects.count() == appends + 1
        return
    with pytest.raises(TransitionRefused) as refused:
        services.change_status(_Request(user), procedure, target, "n")
    expected = (
        "same_status"
        if source == target
        else "exceptional"
        if (source, target) in EXCEPTIONAL and role in EXCEPTIONAL[(source, target)][0]
        else "role"
        if (source, target) in BY_HAND or (source, target) in EXCEPTIONAL
        else "event_only"
        if (source, target) in BY_EVENT
        else "not_allowed"
    )
    assert refused.value.code == expected
    assert refused.value.message  # a sentence, with the statuses' names
    procedure.refresh_from_db()
    assert procedure.status == source
    assert (StatusEvent.objects.count(), PendingAppend.objects.count()) == (events, appends)


@pytest.mark.parametrize("source,target", PAIRS)
@pytest.mark.parametrize("event", sorted({*BY_EVENT.values()}))
def test_every_transition_by_event(source, target, event, make_procedure, users):
    procedure = make_procedure(status=source)
    made = transitions.on_event(procedure, event, target, users[DM])
    procedure.refresh_from_db()
    if BY_EVENT.get((source, target)) == event:
        assert made is not None and procedure.status == target
    else:
        assert made is None and procedure.status == source


def test_reaching_a_status_again_is_a_new_entry(make_procedure, users):
    procedure = make_procedure()
    clerk = _Request(users[CLERK])
    for target in ("hearing_scheduled", "lodged", "hearing_scheduled"):
        services.change_status(clerk, procedure, target)
    assert list(procedure.events.values_list("status", flat=True)) == [
        "lodged",
        "hearing_scheduled",
        "lodged",
        "hearing_scheduled",
    ]


def test_the_web_refuses_with_a_reason_and_409(make_procedure, users, client_for):
    procedure = make_procedure(status="hearing_held")
    client = client_for(users[CLERK])
    response = client.post(f"/procedures/{procedure.pk}/status/", {"status": "registered"})
    assert response.status_code == 409
    assert "cannot go to" in response.text
    same = client.post(f"/procedures/{procedure.pk}/status/", {"status": "hearing_held"})
    assert same.status_code == 409 and "already has the status" in same.text
    assert procedure.events.count() == 1
    client.cookies["django_language"] = "de"
    german = client.post(f"/procedures/{procedure.pk}/status/", {"status": "decided"})
    assert german.status_code == 409 and "nicht durch Ändern des Status" in german.text


def test_the_status_form_offers_only_what_the_role_may(make_procedure, users, client_for):
    procedure = make_procedure(status="lodged")
    page = client_for(users[CLERK]).get(f"/procedures/{procedure.pk}/").text
    assert 'value="dublin"' in page and 'value="hearing_scheduled"' in page
    assert 'value="decided"' not in page and 'value="registered"' not in page


@pytest.mark.parametrize(
    "change,error",
    [
        (
            lambda d: d["transitions"].append(
                {"from": "lodged", "to": "lodged", "step": "hearing", "roles": ["decision_maker"]}
            ),
            "same status",
        ),
        (
            lambda d: d["transitions"].append(
                {"from": "lodged", "to": "nowhere", "step": "hearing", "roles": ["decision_maker"]}
            ),
            "unknown status",
        ),
        (
            lambda d: d["transitions"].append(
                {"from": "lodged", "to": "closed", "step": "x", "roles": ["decision_maker"]}
            ),
            "unknown step",
        ),
        (
            lambda d: d["transitions"].append(
                {"from": "lodged", "to": "closed", "step": "closed", "roles": ["king"]}
            ),
            "unknown role",
        ),
        (
            lambda d: d["transitions"].append({"from": "lodged", "to": "closed", "step": "closed"}),
            "nobody may",
        ),
        (
            lambda d: d["transitions"].append(
                {"from": "lodged", "to": "closed", "step": "closed", "events": ["rain"]}
            ),
            "unknown event",
        ),
        (
            lambda d: d["transitions"].append(
                {
                    "from": "lodged",
                    "to": "closed",
                    "step": "reopening",
                    "roles": ["decision_maker"],
                    "exceptional": True,
                }
            ),
            "needs approvers",
        ),
        (lambda d: d["transitions"].append(dict(d["transitions"][0])), "given twice"),
    ],
)
def test_the_loader_refuses_a_broken_data_file(change, error):
    import yaml

    from akte.web.cases.lifecycle import HERE

    data = yaml.safe_load((HERE / "statuses.yaml").read_text())
    change(data)
    with pytest.raises(LifecycleError, match=error):
        parse_lifecycle(data, ROLES)


# --- exceptional transitions: a reason and a real second user -------------------------


def test_reopening_needs_a_reason_and_a_second_user(make_procedure, make_user, users, client_for):
    procedure = make_procedure(status="closed")
    asker = users[CLERK]
    client = client_for(asker)
    no_reason = client.post(f"/procedures/{procedure.pk}/status/", {"status": "lodged"})
    assert no_reason.status_code == 409 and "reason" in no_reason.text
    asked = client.post(
        f"/procedures/{procedure.pk}/status/", {"status": "lodged", "note": "new evidence"}
    )
    assert asked.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == "closed"  # nothing moves before the approval
    request = TransitionRequest.objects.get()
    assert (request.state, request.reason, request.requested_by) == (
        "pending",
        "new evidence",
        asker,
    )
    url = f"/procedures/{procedure.pk}/requests/{request.pk}/"
    # the author cannot approve their own request
    own = client.post(url, {"decision": "approve"})
    assert own.status_code == 302
    request.refresh_from_db()
    assert request.state == "pending"
    # a second user whose role may not approve
    client_for(make_user(CLERK, "clerk2")).post(url, {"decision": "approve"})
    request.refresh_from_db()
    assert request.state == "pending"
    # a second user of an approving role
    approver = users[QA]
    page = client_for(approver).get(f"/procedures/{procedure.pk}/").text
    assert 'value="approve"' in page
    client_for(approver).post(url, {"decision": "approve", "note": "ok"})
    request.refresh_from_db()
    procedure.refresh_from_db()
    assert request.state == "approved" and request.decided_by == approver
    assert procedure.status == "lodged"
    event = procedure.events.last()
    assert event == request.event and event.actor == approver
    assert "new evidence" in event.note and str(asker) in event.note and str(approver) in event.note


def test_a_rejected_or_stale_request_changes_nothing(make_procedure, users):
    procedure = make_procedure(status="final")
    request = transitions.request_exceptional(procedure, "lodged", users[DM], "error")
    with pytest.raises(TransitionRefused, match="pending"):
        transitions.request_exceptional(procedure, "lodged", users[CLERK], "again")
    transitions.decide_request(request, users[QA], approve=False, note="no")
    request.refresh_from_db()
    assert request.state == "rejected" and procedure.events.count() == 1
    with pytest.raises(TransitionRefused) as again:
        transitions.decide_request(request, users[QA], approve=True)
    assert again.value.code == "not_pending"
    second = transitions.request_exceptional(procedure, "lodged", users[DM], "error 2")
    services.change_status(_Request(users[CLERK]), procedure, "closed")  # moved meanwhile
    with pytest.raises(TransitionRefused) as stale:
        transitions.decide_request(second, users[QA], approve=True)
    assert stale.value.code == "stale"
    procedure.refresh_from_db()
    assert procedure.status == "closed"


def test_partners_move_no_procedure_and_report_their_own_events_to_the_log():
    """Reception centres and foreigners' authorities make no transition (statuses.yaml says
    why): the statuses are the office's acts; what a partner does itself it reports to the
    status log under its own event types, none of which is a procedure status."""
    from akte.ledger.admission import REPORTING
    from akte.web.accounts.roles import Capability, capabilities

    lifecycle = load(ROLES)
    assert not any(
        Role.PARTNER_AGENCY in t.roles or Role.PARTNER_AGENCY in t.approvers
        for t in lifecycle.transitions.values()
    )
    assert Capability.CHANGE_STATUS not in capabilities(Role.PARTNER_AGENCY)
    for partner in ("reception_centre", "foreigners_authority"):
        assert REPORTING[partner] and not REPORTING[partner] & set(Status.values)
