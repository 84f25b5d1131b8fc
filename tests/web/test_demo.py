"""`akte demo`: a coherent synthetic office, the same for the same seed, loaded once."""

import pytest

from akte.web.accounts.models import User
from akte.web.cases.models import NameSpelling, Person, Procedure, Status
from akte.web.demo.load import DEMO_PASSWORD, DEMO_USERS, ensure_demo
from akte.web.hearings.models import Hearing
from akte.web.hearings.services import seal_intact
from akte.web.statuslog import link


def snapshot():
    return [
        (
            p.file_number,
            p.status,
            p.office,
            p.person.birth_date and p.person.birth_date.isoformat(),
            tuple(s.family_name for s in p.person.spellings.all()),
        )
        for p in Procedure.objects.select_related("person")
        .prefetch_related("person__spellings")
        .order_by("file_number")
    ]


def wipe():
    from akte.web.courses.models import Course, ExamCentre, Invoice, Participant, Provider

    Invoice.objects.all().delete()
    for participant in Participant.objects.all():
        participant.marks.all().delete()
        participant.exams.all().delete()
    Participant.objects.all().delete()
    Course.objects.all().delete()
    Provider.objects.all().delete()
    ExamCentre.objects.all().delete()
    Hearing.objects.all().delete()
    Procedure.objects.all().delete()
    Person.objects.all().delete()
    User.objects.all().delete()


@pytest.mark.django_db
def test_demo_office(django_capture_on_commit_callbacks):
    lines = []
    with django_capture_on_commit_callbacks(execute=True):
        assert ensure_demo(seed=7, persons=120, echo=lines.append)
    assert any(DEMO_PASSWORD in line for line in lines)
    assert {u.username for u in User.objects.all()} == {u.username for u in DEMO_USERS}
    assert User.objects.get(username="clerk").check_password(DEMO_PASSWORD)
    # 120 asylum applicants; language-course participants without a procedure come on top
    assert Person.objects.filter(procedures__isnull=False).distinct().count() == 120
    assert Procedure.objects.count() >= 120
    statuses = set(Procedure.objects.values_list("status", flat=True))
    assert {Status.REGISTERED, Status.LODGED, Status.DECIDED, Status.HEARING_HELD} <= statuses
    countries = set(Procedure.objects.values_list("country", flat=True))
    assert countries == {"SYR", "AFG", "IRQ", "ERI", "TUR"}
    precisions = {p.birth_date.precision for p in Person.objects.exclude(birth_date=None)}
    assert precisions == {"day", "month", "year"}
    assert NameSpelling.objects.filter(script="Arab").exists()
    assert NameSpelling.objects.values("person").distinct().count() == Person.objects.count()
    # language courses: a course either side of the rate change of 1 August 2022
    from akte.web.courses.models import Invoice

    rates = {line["rate"] for invoice in Invoice.objects.all() for line in invoice.lines}
    assert rates == {"4.64", "4.84"}
    # hearings in several states, the sealed ones intact
    states = set(Hearing.objects.exclude(segments=None).values_list("state", flat=True))
    assert states == {"running", "read_back", "sealed"}
    sealed = Hearing.objects.filter(state="sealed").exclude(seal="").first()
    assert seal_intact(sealed)
    # realistic hearings (80-150 segments) in every state, the sealed one with a recording
    from django.db.models import Count

    long = Hearing.objects.annotate(n=Count("segments")).filter(n__gte=80, n__lte=150)
    assert set(long.values_list("state", flat=True)) == {"running", "read_back", "sealed"}
    assert Hearing.objects.filter(state="planned").exists()
    recorded = Hearing.objects.get(recording__isnull=False)
    assert recorded.is_sealed and seal_intact(recorded) and recorded.answers.exists()
    assert recorded.recording.sealed["duration_s"] > 20
    # every status event is in the verifiable status log
    procedure = Procedure.objects.first()
    history = link.history(procedure)
    assert len(history) == procedure.events.count() and all(h.verified for h in history)
    counsel = User.objects.get(username="counsel")
    assert counsel.client_procedures.exists()

    # loading again changes nothing
    before = snapshot()
    assert not ensure_demo(seed=7, persons=120, echo=lines.append)
    assert snapshot() == before
    # the same seed gives the same office
    wipe()
    with django_capture_on_commit_callbacks(execute=True):
        ensure_demo(seed=7, persons=120, echo=lines.append)
    assert snapshot() == before


@pytest.mark.django_db
def test_demo_lifecycle_fills_every_worklist(client):
    from akte.web.cases.models import Appeal, Decision, TransitionRequest

    ensure_demo(seed=7, persons=120, echo=lambda line: None)
    assert (
        Decision.objects.count()
        == Procedure.objects.filter(status__in=["decided", "appeal", "closed"]).count()
    )
    assert (
        Appeal.objects.filter(kind="main").count()
        >= Procedure.objects.filter(status="appeal").count()
    )
    assert TransitionRequest.objects.filter(state="pending").count() == 1
    expected = {
        "decider": "/worklist/decisions/",
        "clerk": "/worklist/appeal-deadlines/",
        "interviewer": "/worklist/hearings/",
    }
    for username, url in expected.items():
        client.force_login(User.objects.get(username=username))
        page = client.get(url)
        assert page.status_code == 200 and "<tbody><tr><td colspan" not in page.text, url


@pytest.mark.django_db
def test_ready_for_decision_means_the_hearing_is_sealed(client):
    """The demo's decision worklist holds no procedure whose hearing still runs or is at
    the read-back; those procedures wait as "hearing scheduled"."""
    ensure_demo(seed=7, persons=120, echo=lambda line: None)
    ready = Procedure.objects.filter(status=Status.HEARING_HELD)
    assert ready.exists()
    assert not Hearing.objects.filter(
        procedure__in=ready, state__in=["running", "read_back", "planned"]
    ).exists()
    unsealed = Hearing.objects.filter(state__in=["running", "read_back"])
    assert unsealed.exists()
    assert Status.HEARING_HELD not in set(unsealed.values_list("procedure__status", flat=True))
    for procedure in ready:
        held = procedure.events.filter(status=Status.HEARING_HELD).latest("at")
        assert procedure.status_since == held.at
