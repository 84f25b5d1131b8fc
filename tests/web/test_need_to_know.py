"""Need-to-know: a user sees their office's procedures, those assigned to them and those
routed to their team, and nothing else: not in lists, search, worklists, exports or the API.
The walk asks every page of the resolver and every operation of the OpenAPI document (as
the access walk does) as office staff of another office, and finds the marker nowhere; the
only way in is break-glass, with a reason, logged and reviewed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from akte.web.accounts.models import Team
from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry, BreakGlassGrant, BreakGlassReview
from akte.web.cases.access import count_visible, visible_procedures
from akte.web.cases.models import Procedure

from . import urlwalk
from .test_access_walk import MARKS, SEARCH, _text
from .urlwalk import api_urls, web_routes

marker = urlwalk.marker

OFFICE_ROLES = [
    Role.REGISTRY_CLERK,
    Role.INTERVIEWER,
    Role.DECISION_MAKER,
    Role.QUALITY_ASSURANCE,
    Role.DUBLIN_OFFICER,
]
# language course administration is its own task (purpose language_courses), scoped by
# course, not by asylum procedure (`akte.web.courses.access`)
NOT_PROCEDURE_SCOPED = ("courses:",)
REASON = "Anfrage des Verwaltungsgerichts zur Akte, telefonisch bestätigt"


@pytest.fixture
def elsewhere(make_user):
    """Office staff of Munich: the marker's procedure is in Berlin."""
    made = {}
    for role in OFFICE_ROLES:
        user = make_user(role, username=f"muc_{role.value}")
        user.office = "MUC"
        user.save(update_fields=["office"])
        made[role] = user
    return made


def test_scope_is_office_assignment_and_team(make_procedure, make_user):
    berlin = make_procedure(office="BER")
    munich = make_procedure(office="MUC")
    assigned = make_procedure(office="NUE")
    routed = make_procedure(office="DOR")
    user = make_user(Role.DECISION_MAKER, "dm")  # office BER
    team = Team.objects.create(name="Dublin unit")
    team.members.add(user)
    assigned.assigned_to = user
    assigned.save()
    routed.team = team
    routed.save()
    seen = set(visible_procedures(user))
    assert seen == {berlin, assigned, routed}
    assert munich not in seen
    team.members.remove(user)
    assert routed not in set(visible_procedures(user))


def test_without_an_office_only_assigned_and_team(make_procedure, make_user):
    make_procedure(office="BER")
    user = make_user(Role.INTERVIEWER, "nobody")
    user.office = ""
    user.save()
    assert not visible_procedures(user).exists()


@pytest.mark.parametrize("role", OFFICE_ROLES, ids=[r.value for r in OFFICE_ROLES])
def test_another_office_finds_the_marker_nowhere(role, marker, elsewhere, client):
    client.force_login(elsewhere[role])
    number = marker["procedure"].file_number
    routes = [(n, u) for n, u in web_routes(marker) if not n.startswith(NOT_PROCEDURE_SCOPED)]
    urls = [u for _, u in routes] + api_urls(marker)
    assert f"/api/procedures/{number}" in urls and f"/procedures/{marker['procedure'].pk}/" in urls
    leaks, glass = [], 0
    asks = [("get", u, q) for u in urls for q in ({}, SEARCH)] + [("post", u, SEARCH) for u in urls]
    for method, url, query in asks:
        response = getattr(client, method)(url, query)
        if response.status_code == 302 and "/break-glass/" in response["Location"]:
            glass += 1
            continue
        if response.status_code not in (200, 403):
            continue
        text = _text(response)
        # the file number counts where the URL did not say it (the status page's form does)
        asked = [*query.values(), url]
        marks = [m for m in [*MARKS, number] if not any(m in v for v in asked)]
        shown = [m for m in marks if m in text]
        if shown:
            leaks.append(f"{method} {url} {query or ''} shows {shown}")
    assert not leaks, f"as {role} of another office:\n" + "\n".join(leaks)
    assert glass, "no page offered break-glass: the walk reached nothing of the marker"
    assert not AccessLogEntry.objects.filter(
        person_id=marker["person"].pk, user=elsewhere[role]
    ).exists(), "a read of the marker was logged: something was shown"


def test_break_glass_opens_with_a_reason_logs_and_is_reviewed(marker, elsewhere, users, client):
    clerk = elsewhere[Role.REGISTRY_CLERK]
    client.force_login(clerk)
    pk, person = marker["procedure"].pk, marker["person"].pk
    response = client.get(f"/procedures/{pk}/")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 403 and "reason" in page.text
    assert urlwalk.FAMILY not in page.text and marker["procedure"].file_number not in page.text
    short = client.post(f"/procedures/{pk}/break-glass/", {"reason": "weil", "next": "/"})
    assert short.status_code == 400 and not BreakGlassGrant.objects.filter(user=clerk).exists()
    opened = client.post(
        f"/procedures/{pk}/break-glass/", {"reason": REASON, "next": f"/procedures/{pk}/"}
    )
    assert opened.status_code == 302 and opened["Location"] == f"/procedures/{pk}/"
    shown = client.get(f"/procedures/{pk}/")
    assert shown.status_code == 200 and urlwalk.FAMILY in shown.text
    entry = AccessLogEntry.objects.filter(person_id=person, user=clerk).get()
    assert entry.purpose == "break_glass"
    # the list stays the office's: a break-glass grant opens one procedure, never lists
    listed = client.post("/", {"q": urlwalk.FAMILY}).text
    assert marker["procedure"].file_number not in listed and urlwalk.GIVEN not in listed
    # a hostile next is not followed
    client.force_login(elsewhere[Role.INTERVIEWER])
    away = client.post(
        f"/procedures/{pk}/break-glass/", {"reason": REASON, "next": "https://evil.example/"}
    )
    assert away["Location"] == f"/procedures/{pk}/"

    dpo = users[Role.DATA_PROTECTION_OFFICER]
    client.force_login(dpo)
    queue = client.get("/audit/break-glass/")
    assert queue.status_code == 200 and REASON in queue.text
    grant = BreakGlassGrant.objects.get(user=clerk)
    no_note = client.post(f"/audit/break-glass/{grant.pk}/decide/", {"decision": "justified"})
    assert no_note.status_code == 302 and not BreakGlassReview.objects.exists()
    client.post(
        f"/audit/break-glass/{grant.pk}/decide/",
        {"decision": "not_justified", "note": "Kein Auftrag des Gerichts in der Akte"},
    )
    assert grant.decision().decision == "not_justified"
    logged = AccessLogEntry.objects.get(record=f"break_glass:{grant.pk}")
    assert logged.user == dpo and logged.action == "update" and logged.person_id == person
    again = client.post(
        f"/audit/break-glass/{grant.pk}/decide/", {"decision": "justified", "note": "doch"}
    )
    assert again.status_code == 302 and grant.decision().decision == "not_justified"
    assert "not justified" in client.get("/audit/break-glass/?show=decided").text

    report = client.get(f"/audit/persons/{person}/report.json", {"lang": "en"}).json()
    ours = [g["decision"] for g in report["break_glass"] if g["reason"] == REASON]
    assert ours == ["not justified", "not yet checked"]  # the clerk's, the interviewer's
    assert any(e["break_glass"] for e in report["entries"])


def test_a_break_glass_grant_ends(marker, elsewhere, client, settings):
    clerk = elsewhere[Role.DECISION_MAKER]
    client.force_login(clerk)
    pk = marker["procedure"].pk
    client.post(f"/procedures/{pk}/break-glass/", {"reason": REASON})
    assert client.get(f"/procedures/{pk}/").status_code == 200
    grant = BreakGlassGrant.objects.get(user=clerk)
    local_midnight = grant.expires_at.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert grant.expires_at > timezone.now() and local_midnight.hour in (0, 23)
    BreakGlassGrant.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert client.get(f"/procedures/{pk}/").status_code == 302  # the glass again
    settings.AKTE_BREAK_GLASS_UNTIL = "2"
    from akte.web.audit.break_glass import expiry

    now = timezone.now()
    assert expiry(now) == now + dt.timedelta(hours=2)


@pytest.mark.parametrize("role", [Role.COUNSEL, Role.PARTNER_AGENCY, Role.COURSE_PROVIDER])
def test_no_glass_for_who_has_no_office_task(role, make_procedure, make_user, client):
    procedure = make_procedure()
    client.force_login(make_user(role, f"other_{role.value}"))
    assert client.get(f"/procedures/{procedure.pk}/break-glass/").status_code == 404
    response = client.get(f"/procedures/{procedure.pk}/")  # partner agency: status only
    assert response.status_code in (404, 200) and "Haddad" not in response.text


def test_assignment_and_team_open_the_procedure(make_procedure, users, make_user, client):
    procedure = make_procedure(office="MUC")
    interviewer = users[Role.INTERVIEWER]  # BER
    client.force_login(interviewer)
    assert client.get(f"/procedures/{procedure.pk}/").status_code == 302
    team = Team.objects.create(name="Litigation team", office="MUC")
    team.members.add(interviewer)
    munich_clerk = make_user(Role.REGISTRY_CLERK, "muc_clerk")
    munich_clerk.office = "MUC"
    munich_clerk.save()
    client.force_login(munich_clerk)
    saved = client.post(f"/procedures/{procedure.pk}/assign/", {"assign-team": team.pk})
    assert saved.status_code == 302
    procedure.refresh_from_db()
    assert procedure.team == team
    assert AccessLogEntry.objects.filter(
        user=munich_clerk, action="update", procedure_id=procedure.pk
    ).exists()
    client.force_login(interviewer)
    assert client.get(f"/procedures/{procedure.pk}/").status_code == 200
    # a role that only looks may not assign
    assert client.post(f"/procedures/{procedure.pk}/assign/", {}).status_code == 404


def test_the_administrator_keeps_teams_without_seeing_procedures(users, make_procedure, client):
    procedure = make_procedure(office="MUC")
    client.force_login(users[Role.ADMINISTRATOR])
    created = client.post(
        "/administration/teams/new/",
        {"name": "Dublin-Referat", "office": "", "members": [users[Role.DUBLIN_OFFICER].pk]},
    )
    assert created.status_code == 302
    team = Team.objects.get(name="Dublin-Referat")
    assert list(team.members.all()) == [users[Role.DUBLIN_OFFICER]]
    procedure.team = team
    procedure.save()
    page = client.get("/administration/teams/").text
    assert "Dublin-Referat" in page and "Haddad" not in page and procedure.file_number not in page
    edit = client.get(f"/administration/teams/{team.pk}/").text
    assert "Haddad" not in edit and procedure.file_number not in edit
    twice = client.post("/administration/teams/new/", {"name": "Dublin-Referat"})
    assert twice.status_code == 400 and Team.objects.count() == 1
    client.force_login(users[Role.REGISTRY_CLERK])
    assert client.get("/administration/teams/").status_code == 404
    assert client.post("/administration/teams/new/", {"name": "x"}).status_code == 404


def test_the_list_count_is_the_scope_counted_in_its_parts(make_procedure, make_user):
    """`count_visible` (the procedure list's count, office and beyond counted apart) counts
    what `visible_procedures` holds: an assigned procedure of the own office once, the
    assigned and routed ones of other offices, never another office's others."""
    own = [make_procedure(office="BER") for _ in range(3)]
    make_procedure(office="MUC")
    assigned, routed = make_procedure(office="NUE"), make_procedure(office="DOR")
    user = make_user(Role.DECISION_MAKER, "dm")  # office BER
    team = Team.objects.create(name="Dublin unit")
    team.members.add(user)
    own[0].assigned_to = assigned.assigned_to = user
    own[0].save()
    assigned.save()
    routed.team = team
    routed.save()
    everything = Procedure.objects.all()
    assert count_visible(everything, user) == visible_procedures(user).count() == 5
    lodged = everything.filter(pk__in=[own[1].pk, assigned.pk])
    assert count_visible(lodged, user) == 2
    for role, office in ((Role.PARTNER_AGENCY, "BER"), (Role.INTERVIEWER, "")):
        other = make_user(role, f"u-{role}")
        other.office = office
        other.save()
        assert count_visible(everything, other) == visible_procedures(other).count()
