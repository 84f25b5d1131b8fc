"""The Dublin unit's pages: events with stored deadlines, the status and access logs, the
worklist with its filters, CSV and iCalendar feed, alerts, what-if."""

import datetime as dt

import pytest
from django.core import mail

from akte.web.accounts.roles import Role
from akte.web.audit.models import AccessLogEntry
from akte.web.cases.models import Status, StatusEvent
from akte.web.dublin import services
from akte.web.dublin.alerts import notify
from akte.web.dublin.models import CalendarToken, DublinDeadline, DublinEvent

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def officer(make_user):
    user = make_user(Role.DUBLIN_OFFICER, "dublin")
    user.email = "dublin@example.org"
    user.save()
    return user


def post_event(client, procedure, **data):
    return client.post(f"/dublin/procedures/{procedure.pk}/events/new/", data)


def test_entering_a_take_charge_case_stores_its_deadlines(client_for, officer, make_procedure):
    procedure = make_procedure()
    client = client_for(officer)
    r = post_event(
        client, procedure, role="requesting", type="application_registered", date="2026-11-06"
    )
    assert r.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == Status.DUBLIN
    assert StatusEvent.objects.filter(procedure=procedure, status=Status.DUBLIN).count() == 1
    request = DublinDeadline.objects.get(case__procedure=procedure, kind="take_charge_request")
    assert request.regulation == "ammr" and request.office == procedure.office
    assert request.due == dt.date(2027, 1, 6)  # Berlin office: 6 January is no holiday there
    post_event(
        client, procedure, type="take_charge_request_sent", date="2026-11-20", member_state="IT"
    )
    assert StatusEvent.objects.filter(procedure=procedure, status=Status.DUBLIN).count() == 1
    reply = DublinDeadline.objects.get(case__procedure=procedure, kind="take_charge_reply")
    assert reply.due == dt.date(2026, 12, 21)  # one month, 20 December is a Sunday
    assert DublinDeadline.objects.get(case__procedure=procedure, kind="take_charge_request").done_on
    updates = AccessLogEntry.objects.filter(procedure_id=procedure.pk, action="update")
    assert updates.count() == 2
    page = client.get(f"/procedures/{procedure.pk}/")
    text = page.content.decode()
    assert "take_charge_reply" in text and "21.12.2026" in text and "Art. 40(1)" in text


def test_the_form_validates_and_the_engine_refuses_impossible_sequences(
    client_for, officer, make_procedure
):
    procedure = make_procedure()
    client = client_for(officer)
    r = post_event(client, procedure, type="reply", date="2026-11-06")
    assert r.status_code == 400
    assert not DublinEvent.objects.exists()
    r = post_event(
        client, procedure, role="requesting", type="reply", date="2026-11-06", answer="accepted"
    )
    assert r.status_code == 400  # a reply before any request: nothing stored, not even the case
    assert (
        not DublinEvent.objects.exists()
        and not StatusEvent.objects.filter(status="dublin").exists()
    )
    r = post_event(client, procedure, role="requesting", type="eurodac_hit", date="2027-01-01")
    assert r.status_code == 400  # the future
    r = post_event(
        client, procedure, role="requesting", type="take_charge_request_sent", date="2026-11-06"
    )
    assert r.status_code == 400  # no member state


def test_german_and_english_messages(client_for, officer, make_procedure):
    procedure = make_procedure()
    client = client_for(officer)
    client.post("/i18n/setlang/", {"language": "de"})
    r = post_event(
        client, procedure, role="requesting", type="reply", date="2026-11-06", answer="accepted"
    )
    assert "eine Antwort vor jedem Gesuch" in r.content.decode()
    client.post("/i18n/setlang/", {"language": "en"})
    r = post_event(
        client, procedure, role="requesting", type="reply", date="2026-11-06", answer="accepted"
    )
    assert "a reply before any request" in r.content.decode()


def test_other_roles_cannot_enter_events(client_for, users, make_procedure):
    procedure = make_procedure()
    for role in (Role.INTERVIEWER, Role.PARTNER_AGENCY):
        r = post_event(
            client_for(users[role]),
            procedure,
            role="requesting",
            type="application_lodged",
            date="2026-01-01",
        )
        assert r.status_code == 404
    assert not DublinEvent.objects.exists()


def _case(client, procedure, events):
    post_event(client, procedure, role="requesting", **events[0])
    for event in events[1:]:
        post_event(client, procedure, **event)


def test_worklist_windows_filters_sort_csv_and_feed(client_for, officer, make_procedure):
    client = client_for(officer)
    a = make_procedure(key="475")
    b = make_procedure(family="Rahimi", given="Ali", country="AFG", key="423", office="MUC")
    b.assigned_to = officer  # Munich's, worked by the Berlin Dublin unit (need-to-know)
    b.save()
    _case(client, a, [{"type": "application_lodged", "date": "2026-03-02"}])  # due 2 June: overdue
    _case(
        client,
        b,
        [
            {"type": "application_registered", "date": "2026-10-03"},
            {"type": "take_charge_request_sent", "date": "2026-10-20", "member_state": "AT"},
        ],
    )
    # b: reply due 20 November (missed -> deemed accepted), transfer decision 4 December
    week = client.get("/dublin/?window=week")
    assert week.status_code == 200
    text = week.content.decode()
    assert b.file_number in text and a.file_number not in text
    overdue = client.get("/dublin/?window=overdue").content.decode()
    assert a.file_number in overdue
    assert b.file_number not in client.get("/dublin/?window=open&office=BER").content.decode()
    assert b.file_number in client.get("/dublin/?window=open&member_state=AT").content.decode()
    kind = client.get("/dublin/?window=open&kind=transfer_decision").content.decode()
    assert b.file_number in kind and a.file_number not in kind
    sorted_page = client.get("/dublin/?window=open&sort=-due").content.decode()
    assert sorted_page.index(b.file_number) < sorted_page.index(a.file_number)
    csv = client.get("/dublin/deadlines.csv?window=open")
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode()
    assert a.file_number in body and "Haddad" not in body
    assert AccessLogEntry.objects.filter(action="export", procedure_id=a.pk).exists()
    assert AccessLogEntry.objects.filter(action="read", path="/dublin/").exists()
    # the feed: a per-user token, file numbers only, every fetch logged, revocable
    page = client.post("/dublin/calendar/", {"action": "issue"})
    token = page.content.decode().split("token=")[1].split("<")[0]
    anonymous = client_for(officer)
    anonymous.logout()
    feed = anonymous.get(f"/dublin/calendar.ics?token={token}")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    ics = feed.content.decode()
    assert ics.startswith("BEGIN:VCALENDAR") and a.file_number in ics and "Haddad" not in ics
    assert "DTSTART;VALUE=DATE:20260602" in ics
    assert (
        AccessLogEntry.objects.filter(path="/dublin/calendar.ics", username="dublin").count() >= 1
    )
    client_for(officer).post("/dublin/calendar/", {"action": "revoke"})
    anonymous.logout()
    assert anonymous.get(f"/dublin/calendar.ics?token={token}").status_code == 404
    assert anonymous.get("/dublin/calendar.ics?token=guess").status_code == 404
    assert not CalendarToken.objects.filter(revoked_at__isnull=True).exists()


def test_a_dublin_event_moves_only_a_status_the_lifecycle_lets_it(
    client_for, officer, make_procedure
):
    """A Dublin case opened after the decision (a late take-back request, say) stores its
    events and deadlines, but the procedure stays decided and the status log gets no entry."""
    procedure = make_procedure(status=Status.DECIDED)
    before = StatusEvent.objects.filter(procedure=procedure).count()
    r = post_event(
        client_for(officer), procedure, role="requesting", type="application_registered",
        date="2026-11-06",
    )  # fmt: skip
    assert r.status_code == 302
    procedure.refresh_from_db()
    assert procedure.status == Status.DECIDED
    assert StatusEvent.objects.filter(procedure=procedure).count() == before
    assert DublinDeadline.objects.filter(case__procedure=procedure).exists()


def test_the_worklist_is_the_dublin_units(client_for, users):
    assert client_for(users[Role.INTERVIEWER]).get("/dublin/").status_code == 404


def test_notify_sends_each_alert_once(client_for, officer, make_procedure, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = client_for(officer)
    procedure = make_procedure()
    _case(
        client,
        procedure,
        [
            {"type": "application_registered", "date": "2026-10-03"},
            {"type": "take_charge_request_sent", "date": "2026-10-20", "member_state": "AT"},
        ],
    )
    first = notify(TODAY, days=5)
    assert first == {"alerted": 1, "emails": 1}  # the transfer decision, due 4 December
    assert procedure.file_number in mail.outbox[0].body
    assert "Haddad" not in mail.outbox[0].body and mail.outbox[0].to == ["dublin@example.org"]
    assert notify(TODAY, days=5) == {"alerted": 0, "emails": 0}
    assert len(mail.outbox) == 1


def test_what_if_shows_and_saves_nothing(client_for, officer, make_procedure):
    client = client_for(officer)
    procedure = make_procedure()
    _case(
        client,
        procedure,
        [
            {"type": "application_lodged", "date": "2026-01-05"},
            {"type": "take_charge_request_sent", "date": "2026-02-02", "member_state": "FR"},
        ],
    )
    before = list(DublinDeadline.objects.values_list("kind", "due"))
    r = client.get(
        f"/dublin/procedures/{procedure.pk}/what-if/?reply_on=2026-03-01&answer=accepted"
    )
    assert r.status_code == 200
    assert "01.09.2026" in r.content.decode()  # six months from the reply
    assert list(DublinDeadline.objects.values_list("kind", "due")) == before
    assert DublinEvent.objects.count() == 2
    bad = client.get(
        f"/dublin/procedures/{procedure.pk}/what-if/?reply_on=2026-01-01&answer=accepted"
    )
    assert bad.status_code == 400  # a reply before the request


def test_removing_an_event_recomputes(client_for, officer, make_procedure):
    client = client_for(officer)
    procedure = make_procedure()
    _case(
        client,
        procedure,
        [
            {"type": "application_lodged", "date": "2026-01-05"},
            {"type": "take_charge_request_sent", "date": "2026-02-02", "member_state": "FR"},
        ],
    )
    sent = DublinEvent.objects.get(type="take_charge_request_sent")
    client.post(f"/dublin/procedures/{procedure.pk}/events/remove/", {"event": sent.pk})
    kinds = set(DublinDeadline.objects.values_list("kind", flat=True))
    assert "take_back_request" in kinds  # unsettled again: both kinds listed


@pytest.mark.django_db
def test_demo_office_has_dublin_procedures_in_every_state_under_both_regulations(
    django_capture_on_commit_callbacks,
):
    from akte.web.demo.load import ensure_demo

    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo(seed=7, persons=60, echo=lambda _line: None)
    day = TODAY
    seen = {(d.regulation, d.state_on(day)) for d in DublinDeadline.objects.all()}
    for regulation in ("dublin-iii", "ammr"):
        for state in ("open", "met", "missed", "not_applicable"):
            assert (regulation, state) in seen, (regulation, state)
    assert StatusEvent.objects.filter(status=Status.DUBLIN, actor__username="dublin").exists()


def test_an_empty_feed_fetch_is_logged_too(client, officer):
    token = CalendarToken.issue(officer)
    response = client.get(f"/dublin/calendar.ics?token={token}")
    assert response.status_code == 200 and "BEGIN:VEVENT" not in response.content.decode()
    entry = AccessLogEntry.objects.get(path="/dublin/calendar.ics")
    assert entry.username == "dublin" and entry.record == "dublin:calendar-feed"
