"""Realistic procedures for `akte bench web`, made fast in bulk: persons with several
spellings of their names (Latin variants and the original script), a course of 5–15 status
events along the lifecycle (`course.py`, cut at today for the youngest procedures), its
documents, hearings (planned ones with date, time and room), decisions and appeals
(`fill_lifecycle.py`), and every status event in the signed status log (`fill_log.py`).
Written in batches (`executemany`, COPY on PostgreSQL), one transaction per batch, with a
progress bar on stderr.

More data for more pages: append a function to `FILLERS`; it gets each batch's procedures
(`Made`: id, file number, person, course of statuses and their times, written) and the
random generator, e.g.
``FILLERS.append(decisions.fill_bench)`` from the app that owns the model.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from akte.core.partial_date import PartialDate
from akte.synth.pools import pool

from . import fill_lifecycle
from .course import course
from .fill_log import StatusLog
from .rows import Rows

BATCH = 2_000  # procedures per transaction

COUNTRIES = [  # country (names from `akte.synth`'s pools), the applicant's languages, places
    ("SYR", ("ar", "ar,ku", "ku,ar"), ("Aleppo", "Homs", "Damaskus", "Qamishli")),
    ("AFG", ("prs", "ps", "prs,ps", "fa"), ("Kabul", "Herat", "Kandahar", "Mazar-i-Sharif")),
    ("IRQ", ("ar", "ku,ar"), ("Mossul", "Erbil", "Bagdad")),
    ("ERI", ("ti", "ti,ar"), ("Asmara", "Keren", "Massawa")),
    ("TUR", ("tr", "ku,tr"), ("Diyarbakır", "Van", "Istanbul")),
]
OFFICES = ("BER", "MUC", "NUE", "BIE", "DOR")
INTERPRETERS = ("A. Nasser", "B. Haile", "C. Öztürk", "D. Sahak", "E. Rahmani")
ROOMS = ("A 1.04", "A 1.07", "B 2.14", "B 2.15", "Video 1")
DOCUMENTS = [  # kind, title, from which status on
    ("application", "Asylantrag", "lodged"),
    ("identity", "Reisepass (Kopie)", "registered"),
    ("letter", "Einladung zur Anhörung", "hearing_scheduled"),
    ("medical", "Ärztliches Attest", "lodged"),
    ("decision", "Bescheid", "decided"),
    ("court", "Klageschrift", "appeal"),
]


@dataclass
class Counts:
    procedures: int = 0
    persons: int = 0
    spellings: int = 0
    status_events: int = 0
    documents: int = 0
    hearings: int = 0
    decisions: int = 0
    appeals: int = 0
    status_log_entries: int = 0


FILLERS: list[Callable[[list, random.Random], None]] = []


def _spellings(rng: random.Random, country: str, sex: str):
    """The primary Latin spelling, 0-3 further romanisations, and the original script where
    the name has one: names drawn from `akte.synth`'s pools by their weights."""
    names = pool(country)
    given = names.draw(rng, "female" if sex == "F" else "male")
    family = names.draw(rng, "family")
    spellings = [(given.canonical, family.canonical, "Latn", True)]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        spellings.append((rng.choice(given.variants), rng.choice(family.variants), "Latn", False))
    if family.original and given.original and rng.random() < 0.7:
        spellings.append((given.original, family.original, names.script, False))
    return list(dict.fromkeys(spellings))


def fill(procedures: int, rng: random.Random, users: dict, progress=None) -> Counts:
    """Write `procedures` procedures; `users` by role (interviewers for the hearings,
    decision-makers for the decisions, clerks for the appeals)."""
    from django.core.management.color import no_style
    from django.db import connection

    from akte.web.cases.models import (
        Appeal,
        Decision,
        Document,
        NameSpelling,
        Person,
        Procedure,
        StatusEvent,
    )  # fmt: skip
    from akte.web.hearings.models import Hearing
    from akte.web.statuslog.models import PendingAppend

    now = timezone.now()
    tables = {
        "persons": Rows(
            Person,
            ["sex", "birth_date", "birth_place", "nationality", "languages", "created_at",
             "updated_at"],
        ),
        "spellings": Rows(
            NameSpelling, ["person", "given_names", "family_name", "script", "is_primary", "note"]
        ),
        "procedures": Rows(
            Procedure,
            ["file_number", "person", "status", "office", "country", "language", "lodged_on",
             "created_at", "updated_at", "status_since"],
        ),
        "status_events": Rows(StatusEvent, ["procedure", "status", "at", "agency", "note"]),
        "documents": Rows(
            Document,
            ["procedure", "title", "kind", "file", "content_type", "size", "sha256",
             "uploaded_at"],
        ),
        "hearings": Rows(
            Hearing,
            ["procedure", "date", "time", "room", "state", "interviewer", "interpreter",
             "language", "rulebook", "skeleton", "refusal_reasons", "seal", "sealed_at",
             "checklist_items", "checklist_covered"],
        ),
        **fill_lifecycle.rows(),
    }  # fmt: skip
    log = StatusLog()
    counts = Counts()
    start = now - dt.timedelta(days=3 * 365)
    step = max(1, int(3 * 365 * 86400 / max(procedures, 1)))  # spread over three years
    world = _World(now, users)
    for first in range(0, procedures, BATCH):
        size = min(BATCH, procedures - first)
        with transaction.atomic():
            made = [
                _procedure(first + i, rng, tables, start, step, world, log) for i in range(size)
            ]
            for name, rows in tables.items():
                setattr(counts, name, getattr(counts, name) + rows.write())
            counts.status_log_entries += log.write()
            for filler in FILLERS:
                filler(made, rng)
        if progress is not None:
            progress(size)
    log.checkpoint()
    counts.procedures = counts.procedures or procedures
    models = [Person, NameSpelling, Procedure, StatusEvent, Document, Hearing, Decision, Appeal,
              PendingAppend]  # fmt: skip
    with connection.cursor() as cursor:  # PostgreSQL: the sequences after the given ids
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    return counts


class _World:
    def __init__(self, now: dt.datetime, users: dict) -> None:
        self.now, self.today, self.users = now, timezone.localdate(now), users
        self.interviewers = [u.pk for u in users.get("interviewer", [])] or [None]


@dataclass
class Made:
    """One procedure as written (for `FILLERS`): its id, number and course of statuses."""

    id: int
    file_number: str
    person_id: int
    course: list[str]
    times: list[dt.datetime]


def _times(rng, steps, created, now) -> tuple[list, dt.datetime | None]:
    """Each step's time (office hours); the steps up to now, and when the next one is due."""
    times, at = [], created
    for s in steps:
        at = at + dt.timedelta(days=s.wait_days)
        at = at.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
        if at > now:
            return times, at
        times.append(at)
    return times, None


def _procedure(n, rng, tables, start, step, world, log) -> Made:
    country, languages, places = rng.choice(COUNTRIES)
    day = rng.randint(1, 28) if rng.random() < 0.62 else None
    birth = PartialDate(rng.randint(1960, 2008), rng.randint(1, 12) if day else None, day)
    created = start + dt.timedelta(seconds=n * step + rng.randint(0, step // 2))
    spoken, sex = rng.choice(languages), rng.choice("MMF")
    person = tables["persons"].add(
        sex, birth, rng.choice(places), country, spoken, created, created
    )
    for given, family, script, primary in _spellings(rng, country, sex):
        tables["spellings"].add(person, given, family, script, primary, "")
    full = course(rng)
    times, due = _times(rng, full, created, world.now)
    times = times or [created]
    steps = full[: len(times)]
    statuses = [s.status for s in steps]
    number = f"{1_000_000 + n}-{rng.choice(('475', '423', '439'))}"
    language, office = spoken.split(",")[0], rng.choice(OFFICES)
    lodged_on = (created + dt.timedelta(days=2)).date()
    procedure = tables["procedures"].add(
        number, person, statuses[-1], office, country, language, lodged_on, created,
        times[-1], times[-1],
    )  # fmt: skip
    for status, when in zip(statuses, times, strict=True):
        event = tables["status_events"].add(procedure, status, when, "BAMF", "")
        log.add(event, person, number, status, office, when)
    documents = _documents(rng, tables, procedure, number, set(statuses), times)
    _hearings(rng, tables, procedure, language, steps, times, due, world)
    fill_lifecycle.add(
        tables, rng, procedure, lodged_on, steps, times, world.today, documents, world.users
    )
    return Made(procedure, number, person, statuses, times)


def _documents(rng, tables, procedure, number, reached, times) -> dict[str, int]:
    made = {}
    for kind, title, after in DOCUMENTS:
        if after in reached and (rng.random() < 0.8 or kind == "decision"):
            made[kind] = tables["documents"].add(
                procedure, title, kind, f"documents/bench/{number}-{kind}.pdf",
                "application/pdf", rng.randint(20_000, 900_000), "0" * 64,
                times[0] + dt.timedelta(days=1),
            )  # fmt: skip
    return made


def _hearings(rng, tables, procedure, language, steps, times, due, world) -> None:
    """One hearing per "hearing held" (sealed at that time), and a planned one where the
    procedure waits for its hearing (on the day the course holds it, with time and room)."""
    interviewer = rng.choice(world.interviewers) if rng.random() < 0.9 else None
    for s, at in zip(steps, times, strict=True):
        if s.status == "hearing_held":
            tables["hearings"].add(
                procedure, at.date(), None, "", "sealed", interviewer, rng.choice(INTERPRETERS),
                language, "", "", "", "0" * 64, at, 20, 12 + procedure % 9,
            )  # fmt: skip
    if steps[-1].status == "hearing_scheduled" and due is not None:
        tables["hearings"].add(
            procedure, timezone.localdate(due), dt.time(rng.choice((8, 9, 10, 13, 14)), 30),
            rng.choice(ROOMS), "planned", interviewer, rng.choice(INTERPRETERS), language, "",
            "", "", "", None, None, None,
        )  # fmt: skip
