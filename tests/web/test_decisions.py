"""Decisions, appeals and courts' rulings: recorded, never computed, and each moves the
procedure (and the status log) only through a real transition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akte.web.accounts.roles import Role
from akte.web.cases import decisions
from akte.web.cases.lifecycle import outcomes
from akte.web.cases.models import Decision, Status
from akte.web.statuslog.models import PendingAppend

DAY = dt.date(2026, 3, 20)


def _pdf(name="bescheid.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 Bescheid", content_type="application/pdf")


def _decide(client, procedure, outcome="refugee", **extra):
    form = {
        "outcome": outcome,
        "decided_on": "2026-03-02",
        "notified_on": "2026-03-04",
        "notified": ["applicant", "counsel"],
        "title": "Bescheid",
        "file": _pdf(),
        **extra,
    }
    return client.post(f"/procedures/{procedure.pk}/decisions/", form)


def _statuses(procedure):
    return list(procedure.events.values_list("status", flat=True))


@pytest.fixture
def decider(users, client_for):
    return client_for(users[Role.DECISION_MAKER])


def test_a_recorded_decision_moves_the_procedure_once(make_procedure, decider, users):
    procedure = make_procedure(status=Status.HEARING_HELD)
    appends = PendingAppend.objects.count()
    response = _decide(decider, procedure)
    assert response.status_code == 302
    procedure.refresh_from_db()
    decision = Decision.objects.get()
    assert procedure.status == Status.DECIDED and _statuses(procedure)[-1] == "decided"
    assert decision.basis == "§ 3 Abs. 1 AsylG"  # lodged 2024: the law before the APR
    assert decision.appeal_days == 14 and decision.appeal_deadline == dt.date(2026, 3, 18)
    assert decision.notified_list == ["applicant", "counsel"]
    assert decision.decided_by == users[Role.DECISION_MAKER]
    assert decision.document.kind == "decision" and decision.document.sha256
    assert PendingAppend.objects.count() == appends + 1  # one entry for the signed log
    page = decider.get(f"/procedures/{procedure.pk}/").text
    assert "refugee status" in page and "18.03.2026" in page


def test_a_decision_needs_a_lodged_application_and_a_decision_maker(
    make_procedure, decider, users, client_for
):
    registered = make_procedure(status=Status.REGISTERED)
    _decide(decider, registered)
    assert not Decision.objects.exists() and _statuses(registered) == ["registered"]
    lodged = make_procedure(status=Status.LODGED)
    for role in (Role.REGISTRY_CLERK, Role.INTERVIEWER, Role.PARTNER_AGENCY):
        assert _decide(client_for(users[role]), lodged).status_code == 404
    assert not Decision.objects.exists()


def test_an_outcome_applies_by_the_lodging_date(make_procedure, decider):
    after_apr = make_procedure(status=Status.HEARING_HELD)
    after_apr.lodged_on = dt.date(2026, 7, 1)
    after_apr.save()
    _decide(decider, after_apr, outcome="inadmissible:third_country")  # no APR version
    assert not Decision.objects.exists()
    _decide(decider, after_apr, outcome="inadmissible:dublin")
    decision = Decision.objects.get()
    assert "2024/1351" in decision.basis and decision.appeal_days == 7
    assert decision.ground == "dublin"


def test_the_outcome_data_carries_basis_and_validity():
    found = outcomes()
    assert {
        "asylum",
        "refugee",
        "subsidiary",
        "deportation_ban_5",
        "deportation_ban_7",
        "unfounded",
        "manifestly_unfounded",
        "inadmissible",
        "discontinued_withdrawn",
        "discontinued_not_pursued",
    } == set(found)
    before = found["manifestly_unfounded"].version("", dt.date(2026, 6, 11))
    after = found["manifestly_unfounded"].version("", dt.date(2026, 6, 12))
    assert "§ 30 AsylG" in before.basis and before.verified
    assert "APR" in after.basis and not after.verified  # marked: not verified
    assert set(decisions.OUTCOME_NAMES) == set(found)
    assert {g for o in found.values() for g in o.grounds} <= set(decisions.GROUND_NAMES)


def test_appeal_and_rulings_move_the_procedure(make_procedure, decider, users):
    procedure = make_procedure(status=Status.HEARING_HELD)
    _decide(decider, procedure, outcome="manifestly_unfounded")
    main = decider.post(
        f"/procedures/{procedure.pk}/appeals/",
        {
            "court": "VG Berlin",
            "court_file_number": "VG 31 K 17/26 A",
            "kind": "main",
            "lodged_on": "2026-03-09",
        },
    )
    assert main.status_code == 302
    urgent = decider.post(
        f"/procedures/{procedure.pk}/appeals/",
        {
            "court": "VG Berlin",
            "court_file_number": "VG 31 L 18/26 A",
            "kind": "urgent",
            "lodged_on": "2026-03-09",
        },
    )
    assert urgent.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == Status.APPEAL
    assert _statuses(procedure).count("appeal") == 1  # the second appeal is no transition
    main_appeal, urgent_appeal = procedure.appeals.order_by("pk")
    # an urgent ruling changes no status; an annulment sends the case back to the office
    decisions.record_court_outcome(
        urgent_appeal, users[Role.REGISTRY_CLERK], outcome="granted", outcome_on=DAY
    )
    procedure.refresh_from_db()
    assert procedure.status == Status.APPEAL
    with pytest.raises(decisions.DecisionRefused):
        decisions.record_court_outcome(
            main_appeal,
            users[Role.REGISTRY_CLERK],
            outcome="granted",
            outcome_on=dt.date(2026, 5, 1),
        )
    decider.post(
        f"/procedures/{procedure.pk}/appeals/{main_appeal.pk}/ruling/",
        {"outcome": "annulled", "outcome_on": "2026-05-01"},
    )
    procedure.refresh_from_db()
    assert procedure.status == Status.LODGED
    # the office decides anew: "decided" again is a new entry
    _decide(decider, procedure, outcome="subsidiary", decided_on="2026-06-01", notified_on="")
    procedure.refresh_from_db()
    assert procedure.status == Status.DECIDED and _statuses(procedure).count("decided") == 2
    second = procedure.decisions.last()
    assert second.notified_on is None and second.appeal_deadline is None


def test_a_dismissed_action_makes_the_decision_final(make_procedure, decider, users):
    procedure = make_procedure(status=Status.HEARING_HELD)
    _decide(decider, procedure, outcome="unfounded")
    appeal = decisions.record_appeal(
        procedure,
        users[Role.REGISTRY_CLERK],
        court="VG Köln",
        court_file_number="4 K 1/26.A",
        kind="main",
        lodged_on=dt.date(2026, 3, 10),
    )
    decisions.record_court_outcome(
        appeal, users[Role.REGISTRY_CLERK], outcome="dismissed", outcome_on=dt.date(2026, 9, 1)
    )
    procedure.refresh_from_db()
    assert procedure.status == Status.FINAL
    assert _statuses(procedure)[-3:] == ["decided", "appeal", "final"]
    with pytest.raises(decisions.DecisionRefused):
        decisions.record_court_outcome(
            appeal, users[Role.REGISTRY_CLERK], outcome="dismissed", outcome_on=dt.date(2026, 9, 1)
        )


def test_appeal_needs_a_decision_and_valid_dates(make_procedure, users):
    procedure = make_procedure(status=Status.HEARING_HELD)
    with pytest.raises(decisions.DecisionRefused):
        decisions.record_appeal(
            procedure,
            users[Role.REGISTRY_CLERK],
            court="VG",
            court_file_number="1",
            kind="main",
            lodged_on=DAY,
        )


def test_a_sealed_hearing_moves_the_procedure(make_procedure, users):
    from akte.web.hearings import services

    procedure = make_procedure(status=Status.HEARING_SCHEDULED)
    hearing = services.start(
        procedure, users[Role.INTERVIEWER], skeleton="short", interpreter="", language="ar"
    )
    procedure.refresh_from_db()
    assert procedure.status == Status.HEARING_SCHEDULED  # starting is not holding
    services.add_segment(hearing, "applicant", "Ich bin geflohen.", [])
    services.begin_read_back(hearing)
    services.confirm_segment(hearing, 1)
    services.conclude(hearing, confirmed=True)
    procedure.refresh_from_db()
    assert procedure.status == Status.HEARING_HELD
    event = procedure.events.last()
    assert event.status == "hearing_held" and event.actor == users[Role.INTERVIEWER]
    # a second sealed hearing: already held, no new entry
    second = services.start(
        procedure, users[Role.INTERVIEWER], skeleton="short", interpreter="", language="ar"
    )
    services.add_segment(second, "applicant", "Nachtrag.", [])
    services.begin_read_back(second)
    services.confirm_segment(second, 1)
    services.conclude(second, confirmed=True)
    assert _statuses(procedure).count("hearing_held") == 1


@pytest.mark.parametrize(
    "extra",
    [
        {"outcome": "inadmissible"},  # the ground is missing
        {"outcome": "inadmissible:../../etc"},
        {"outcome": "granted_by_computer"},
        {"appeal_days": "0"},
        {"appeal_days": "99999999999999999999"},
        {"decided_on": "2999-01-01"},
        {"notified_on": "2026-03-01"},  # before the decision
        {
            "file": SimpleUploadedFile(
                "b.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            )
        },
        {
            "file": SimpleUploadedFile(
                "b.txt", b"<script>alert(1)</script>", content_type="text/plain"
            )
        },
        {"title": "x" * 201},
    ],
)
def test_a_bad_decision_is_refused_and_leaves_nothing(extra, make_procedure, decider):
    procedure = make_procedure(status=Status.HEARING_HELD)
    response = _decide(decider, procedure, **extra)
    assert response.status_code == 302  # back to the page, with the reason
    procedure.refresh_from_db()
    assert procedure.status == Status.HEARING_HELD and not Decision.objects.exists()
    assert not procedure.documents.exists()
