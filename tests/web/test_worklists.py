"""Worklists per role: who sees which, what is on them, sorting, filters, pages, the log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Decision, Procedure, Status, StatusEvent
from akte.web.hearings.models import Hearing, HearingState
from akte.web.hearings.planning import schedule


@pytest.fixture
def office(make_procedure, users):
    today = timezone.localdate()
    ready_old = make_procedure(family="Alt", status=Status.HEARING_HELD)
    ready_new = make_procedure(family="Neu", status=Status.HEARING_HELD)
    held_long_ago = timezone.now() - dt.timedelta(days=30)
    StatusEvent.objects.filter(procedure=ready_old).update(at=held_long_ago)
    Procedure.objects.filter(pk=ready_old.pk).update(status_since=held_long_ago)
    registered = make_procedure(family="Frisch", status=Status.REGISTERED, office="MUC")
    lodged = make_procedure(family="Geplant", status=Status.LODGED)
    planned = schedule(
        lodged,
        users[Role.REGISTRY_CLERK],
        date=today,
        time=dt.time(9, 30),
        room="B 2.14",
        language="ar",
        interpreter="Frau Dolmetsch",
        interviewer=users[Role.INTERVIEWER],
    )
    decided = make_procedure(family="Frist", status=Status.DECIDED)
    Decision.objects.create(
        procedure=decided,
        outcome="unfounded",
        basis="§ 31 AsylG",
        decided_on=today,
        appeal_days=14,
        notified_on=today - dt.timedelta(days=3),
    )
    expired = make_procedure(family="Vorbei", status=Status.DECIDED)
    Decision.objects.create(
        procedure=expired,
        outcome="unfounded",
        basis="§ 31 AsylG",
        decided_on=today,
        appeal_days=7,
        notified_on=today - dt.timedelta(days=30),
    )
    return locals()


@pytest.mark.parametrize(
    "role,target",
    [
        (Role.INTERVIEWER, "/worklist/hearings/"),
        (Role.REGISTRY_CLERK, "/worklist/registrations/"),
        (Role.DECISION_MAKER, "/worklist/decisions/"),
        (Role.QUALITY_ASSURANCE, "/"),
        (Role.PARTNER_AGENCY, "/"),
    ],
)
def test_each_role_starts_at_its_worklist(role, target, users, client_for):
    assert client_for(users[role]).get("/worklist/").url == target


def test_login_lands_on_the_worklist(users, client):
    from .conftest import PASSWORD

    response = client.post("/accounts/login/", {"username": "decision_maker", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/worklist/"
    assert client.get("/").status_code == 200  # the procedure list stays where it was


def test_planning_a_hearing_schedules_the_procedure(office):
    lodged = office["lodged"]
    lodged.refresh_from_db()
    assert lodged.status == Status.HEARING_SCHEDULED
    assert office["planned"].state == HearingState.PLANNED


def test_the_interviewers_day(office, users, client_for):
    client = client_for(users[Role.INTERVIEWER])
    page = client.get("/worklist/hearings/").text
    assert "B 2.14" in page and "Frau Dolmetsch" in page and "09:30" in page and "Geplant" in page
    # starting it takes the planned hearing; then it is a running hearing to resume
    from akte.web.hearings import services

    started = services.start(
        office["lodged"], users[Role.INTERVIEWER], skeleton="short", interpreter="", language=""
    )
    assert started.pk == office["planned"].pk and started.room == "B 2.14"
    page = client.get("/worklist/hearings/").text
    assert "Running hearings to resume" in page and f"/hearings/{started.pk}/" in page
    assert Hearing.objects.count() == 1


def test_the_decision_makers_list_is_oldest_first_and_sortable(office, users, client_for):
    client = client_for(users[Role.DECISION_MAKER])
    page = client.get("/worklist/decisions/").text
    assert page.index("Alt") < page.index("Neu") and "Frisch" not in page
    reverse = client.get("/worklist/decisions/?sort=-age").text
    assert reverse.index("Neu") < reverse.index("Alt")
    entries = AccessLogEntry.objects.filter(path="/worklist/decisions/")
    assert {e.procedure_id for e in entries} == {office["ready_old"].pk, office["ready_new"].pk}


def test_the_clerks_new_registrations_filtered_by_office(office, users, client_for):
    # Munich's registration reaches the Berlin clerk through their team (need-to-know)
    from akte.web.accounts.models import Team

    pool = Team.objects.create(name="Registry pool")
    pool.members.add(users[Role.REGISTRY_CLERK])
    Procedure.objects.filter(office="MUC").update(team=pool)
    client = client_for(users[Role.REGISTRY_CLERK])
    assert "Frisch" in client.get("/worklist/registrations/").text
    assert "Frisch" not in client.get("/worklist/registrations/?office=BER").text
    assert "Frisch" in client.get("/worklist/registrations/?office=MUC").text


def test_appeal_deadlines_running(office, users, client_for):
    page = client_for(users[Role.REGISTRY_CLERK]).get("/worklist/appeal-deadlines/").text
    assert "Frist" in page and "Vorbei" not in page
    assert (timezone.localdate() + dt.timedelta(days=11)).strftime("%d.%m.%Y") in page


@pytest.mark.parametrize(
    "url,key",
    [
        ("/worklist/decisions/?office=XXX", "office"),
        ("/worklist/decisions/?sort=name", "sort"),
        ("/worklist/registrations/?country=syria", "country"),
        ("/worklist/hearings/?who=boss", "who"),
        ("/worklist/appeal-deadlines/?page=-1", "page"),
    ],
)
def test_an_unknown_filter_value_is_a_400_naming_it(url, key, users, client_for):
    user = (
        users[Role.DECISION_MAKER]
        if "hearings" in url or "decisions" in url
        else users[Role.REGISTRY_CLERK]
    )
    response = client_for(user).get(url)
    assert response.status_code == 400 and f"“{key}”" in response.text


def test_paged(make_procedure, users, client_for):
    for i in range(55):
        make_procedure(family=f"Reg{i}", status=Status.REGISTERED)
    client = client_for(users[Role.REGISTRY_CLERK])
    first = client.get("/worklist/registrations/").text
    assert "55 entries" in first and "page 1 of 2" in first
    assert "page 2 of 2" in client.get("/worklist/registrations/?page=2").text


@pytest.mark.parametrize(
    "role,url",
    [
        (Role.PARTNER_AGENCY, "/worklist/decisions/"),
        (Role.INTERVIEWER, "/worklist/decisions/"),
        (Role.COUNSEL, "/worklist/hearings/"),
        (Role.ADMINISTRATOR, "/worklist/registrations/"),
        (Role.QUALITY_ASSURANCE, "/worklist/appeal-deadlines/"),
    ],
)
def test_other_roles_do_not_see_a_worklist(role, url, users, client_for):
    assert client_for(users[role]).get(url).status_code == 404


@pytest.mark.parametrize(
    "role,url",
    [
        (Role.DECISION_MAKER, "/worklist/decisions/"),
        (Role.REGISTRY_CLERK, "/worklist/registrations/"),
        (Role.REGISTRY_CLERK, "/worklist/appeal-deadlines/"),
        (Role.INTERVIEWER, "/worklist/hearings/?who=all"),
    ],
)
def test_a_full_page_costs_a_fixed_number_of_queries(
    role, url, make_procedure, users, client_for, django_assert_max_num_queries
):
    today = timezone.localdate()
    for i in range(30):
        procedure = make_procedure(family=f"N{i}", status=Status.HEARING_HELD)
        registered = make_procedure(family=f"R{i}", status=Status.REGISTERED)
        Decision.objects.create(
            procedure=registered,
            outcome="unfounded",
            basis="§ 31 AsylG",
            decided_on=today,
            appeal_days=14,
            notified_on=today,
        )
        registered.status = Status.DECIDED if i % 2 else Status.REGISTERED
        registered.save()
        Hearing.objects.create(
            procedure=procedure, date=today, state=HearingState.PLANNED, language="ar", room="A"
        )
    client = client_for(users[role])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_clerk_sees_how_much_incoming_mail_is_unmatched(office, users, client_for):
    from akte.web.intake.models import IntakeDocument, IntakeItem

    item = IntakeItem.objects.create(sha256="0" * 64, source="upload", filename="a.pdf", size=1)
    IntakeDocument.objects.create(item=item, state="review")  # no procedure
    IntakeDocument.objects.create(item=item, state="review", procedure=office["lodged"])
    page = client_for(users[Role.REGISTRY_CLERK]).get("/worklist/registrations/").text
    assert "1 incoming document is not matched to a procedure yet" in page
    assert 'href="/intake/"' in page


def test_ready_since_is_set_with_the_event_that_made_the_procedure_ready(
    make_procedure, users, client_for
):
    from akte.web.cases import transitions

    procedure = make_procedure(family="Versiegelt", status=Status.HEARING_SCHEDULED)
    Procedure.objects.filter(pk=procedure.pk).update(
        status_since=timezone.now() - dt.timedelta(days=90)
    )
    event = transitions.on_event(
        procedure, "hearing_sealed", Status.HEARING_HELD, users[Role.INTERVIEWER]
    )
    procedure.refresh_from_db()
    assert procedure.status == Status.HEARING_HELD and procedure.status_since == event.at
    page = client_for(users[Role.DECISION_MAKER]).get("/worklist/decisions/").text
    assert "Versiegelt" in page and timezone.localtime(event.at).strftime("%d.%m.%Y") in page


def test_status_since_of_existing_rows_comes_from_their_history(make_procedure):
    """The data migration's statement: the latest event of the current status, not a later
    one of another status nor an earlier visit of the same status."""
    from django.db import connection

    from akte.web.cases.status_since import from_events

    procedure = make_procedure(status=Status.DECIDED)
    now = timezone.now()
    StatusEvent.objects.filter(procedure=procedure).update(at=now - dt.timedelta(days=50))
    StatusEvent.objects.create(
        procedure=procedure, status=Status.APPEAL, at=now - dt.timedelta(days=40)
    )
    again = StatusEvent.objects.create(
        procedure=procedure, status=Status.DECIDED, at=now - dt.timedelta(days=20)
    )
    other = make_procedure(status=Status.LODGED)
    StatusEvent.objects.filter(procedure=other).delete()  # no history: since its creation
    from_events(connection)
    procedure.refresh_from_db()
    other.refresh_from_db()
    assert procedure.status_since == again.at
    assert other.status_since == other.created_at
