"""The Django side of a load or fault run, as a command of its own process:

    python -m akte.web.load.office prepare '{"interviewers": 20, ...}'   # prints the office
    python -m akte.web.load.office written MARKER                        # prints what was saved

It runs with the server's environment (settings, database), so it sees exactly the database
the server writes. `prepare` migrates, then creates the users, procedures and one running
hearing per interviewer; `written` reads back every segment and status note that carries the
run's marker, so the caller can check that every acknowledged write is there, once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

PASSWORD = "load-test-password-not-secret"  # noqa: S105  (throw-away users on a throw-away db)


def prepare(spec: dict) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import translation

    from akte.core.partial_date import PartialDate
    from akte.web.accounts.models import ApiToken, User
    from akte.web.cases.models import NameSpelling, Person, Procedure, Status, StatusEvent
    from akte.web.hearings import services as hearings

    call_command("migrate", verbosity=0)
    if User.objects.filter(username__startswith="load-").exists():
        raise SystemExit("error: the database holds a load run already; give it an empty one")
    translation.activate("de")
    roles = {
        "interviewer": spec.get("interviewers", 0),
        "registry_clerk": spec.get("clerks", 0),
        "decision_maker": spec.get("readers", 0),
        "partner_agency": spec.get("partners", 0),
    }
    users: dict[str, list[str]] = {}
    digest = make_password(PASSWORD)  # hashed once: the settings' hasher is slow on purpose
    for role, count in roles.items():
        names = [f"load-{role}-{i}" for i in range(count)]
        User.objects.bulk_create(
            User(username=name, role=role, office="BER", password=digest) for name in names
        )
        users[role] = names
    procedures = []
    for i in range(spec.get("procedures", 50) + roles["interviewer"]):
        person = Person.objects.create(
            sex="F" if i % 2 else "M",
            birth_date=PartialDate(1970 + i % 40),
            birth_place="Homs",
            nationality="SYR",
            languages="ar",
        )
        NameSpelling.objects.create(
            person=person, given_names="Senait", family_name=f"Tesfay{i}", is_primary=True
        )
        procedure = Procedure.objects.create(
            file_number=f"{1_000_000 + i}-475",
            person=person,
            status=Status.LODGED,
            office="BER",
            country="SYR",
            language="ar",
            lodged_on=dt.date(2024, 5, 2),
        )
        StatusEvent.objects.create(procedure=procedure, status=procedure.status)
        procedures.append(procedure)
    hearing_of = {}
    for username, procedure in zip(users["interviewer"], procedures, strict=False):
        user = User.objects.get(username=username)
        hearing = hearings.start(procedure, user, skeleton="short", interpreter="", language="ar")
        hearing_of[username] = hearing.pk
    tokens = [
        ApiToken.issue(User.objects.get(username=name), "load")[1]
        for name in users["partner_agency"]
    ]
    return {
        "password": PASSWORD,
        "sessions": _sessions(User.objects.filter(username__startswith="load-")),
        "users": users,
        "hearings": hearing_of,
        "procedures": [p.pk for p in procedures[roles["interviewer"] :]],
        "file_numbers": [p.file_number for p in procedures],
        "tokens": tokens,
    }


def _sessions(users) -> dict[str, str]:
    """A logged-in session per user, as `django.contrib.auth.login` would leave it."""
    from django.contrib import auth
    from django.contrib.sessions.backends.db import SessionStore

    keys = {}
    for user in users:
        session = SessionStore()
        session[auth.SESSION_KEY] = str(user.pk)
        session[auth.BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[auth.HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[user.username] = session.session_key
    return keys


def written(marker: str) -> dict:
    from akte.web.cases.models import Procedure, StatusEvent
    from akte.web.hearings.models import Segment

    segments = list(
        Segment.objects.filter(text__contains=marker).values_list("hearing_id", "number", "text")
    )
    numbers: dict[int, list[int]] = {}
    for hearing_id, number in Segment.objects.values_list("hearing_id", "number"):
        numbers.setdefault(hearing_id, []).append(number)
    gaps = {h: sorted(n) for h, n in numbers.items() if sorted(n) != list(range(1, len(n) + 1))}
    return {
        "segments": [text for _, _, text in segments],
        "statuses": list(StatusEvent.objects.filter(note__contains=marker).values_list("note")),
        "registered": list(
            Procedure.objects.filter(file_number__startswith="9").values_list("file_number")
        ),
        "segment_number_gaps": {str(h): n for h, n in gaps.items()},
    }


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akte.web.settings.dev")
    import django

    django.setup()
    command, argument = argv[1], argv[2]
    result = prepare(json.loads(argument)) if command == "prepare" else written(argument)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
