"""What the course pages do, on the engine `akte.courses`: enrol with the entitlement and
capacity checked, keep a day's list (corrections with a reason), bill a month, decide."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from akte.core.message import Message
from akte.courses import model as engine
from akte.courses.attendance import check_list
from akte.courses.billing import Invoice as EngineInvoice
from akte.courses.billing import bill
from akte.courses.capacity import CapacityCheck, Enrolment, check_capacity, overlaps
from akte.courses.entitlement import EntitlementCheck, check_entitlement
from akte.courses.terms import deufoev

from .models import Correction, Course, CourseDay, Invoice, InvoiceStatus, Mark, Participant


def engine_course(course: Course) -> engine.Course:
    return engine.Course(
        str(course.number),
        course.module,
        tuple(engine.CourseDay(d.day, d.units) for d in course.days.all()),
        course.capacity_exception,
        course.needs_extra_preparation,
        course.planned_units,
        course.full_time,
    )


def engine_participant(p: Participant) -> engine.Participant:
    facts = dict(p.facts)
    passed = [e.taken_on for e in p.exams.all() if e.passed]
    if passed:
        facts["exam_passed_on"] = min(passed).isoformat()
    return engine.Participant(str(p.pk), facts, p.joined_on, p.left_on)


def enrolled(course: Course) -> list[Participant]:
    return list(
        course.participants.filter(waiting=False)
        .select_related("person")
        .prefetch_related("person__spellings", "exams__centre")
    )


def capacity(course: Course, adding: int = 0) -> CapacityCheck:
    count = course.participants.filter(waiting=False).count() + adding
    return check_capacity(engine_course(course), count, course.starts_on)


@dataclass
class EnrolmentOutcome:
    participant: Participant | None
    entitlement: EntitlementCheck
    capacity: CapacityCheck
    problems: list[Message] = field(default_factory=list)


def enrol(course, person, procedure, facts, joined_on, by, waiting=False) -> EnrolmentOutcome:
    """Enrol when the entitlement holds, the course has room (or onto the waiting list) and
    the person is in no other course at the same time; otherwise refuse with the reasons."""
    check = check_entitlement(facts, joined_on)
    room = capacity(course, adding=0 if waiting else 1)
    problems = list(room.refused) if not waiting else []
    if not waiting:
        mine = Enrolment(str(person.pk), course.number, joined_on, course.ends_on)
        others = Participant.objects.filter(person=person, waiting=False).exclude(course=course)
        periods = [
            Enrolment(str(person.pk), o.course.number, o.joined_on, o.left_on or o.course.ends_on)
            for o in others.select_related("course")
        ]
        problems += overlaps([mine, *periods])
    outcome = EnrolmentOutcome(None, check, room, problems)
    if check.refused or problems:
        return outcome
    outcome.participant = Participant.objects.create(
        course=course,
        person=person,
        procedure=procedure,
        joined_on=joined_on,
        waiting=waiting,
        facts={k: v for k, v in facts.items() if v is not None},
        enrolled_by=by,
    )
    return outcome


@dataclass
class Entry:
    participant: Participant
    attendance: str
    minutes: int
    reason: str = ""
    signed: bool = False

    def values(self) -> tuple[str, int, bool]:
        return (self.attendance, self.minutes, self.signed)


def recorded_values(mark: Mark) -> tuple[str, int, bool]:
    return (mark.attendance, mark.minutes_missed, mark.signed)


def save_list(course, day, units, entries: list[Entry], user, countersign: bool) -> list:
    """Record one day's list; refuse it whole (nothing recorded changes) on any problem.
    Problems are engine messages, or texts of the web (a correction without a reason)."""
    people = [engine_participant(p) for p in enrolled(course)]
    days = engine_course(course)
    if not any(d.day == day for d in days.days) and course.starts_on <= day <= course.ends_on:
        days = engine.Course(days.id, days.module, (*days.days, engine.CourseDay(day, units)))
    marks = [
        engine.Mark(str(e.participant.pk), day, e.attendance, e.minutes, e.signed) for e in entries
    ]
    problems = check_list(days, people, day, units, marks)
    existing = {m.participant_id: m for m in Mark.objects.filter(day__course=course, day__day=day)}
    for entry in entries:
        old = existing.get(entry.participant.pk)
        changed = old and recorded_values(old) != entry.values()
        if changed and not entry.reason.strip():
            problems.append(
                _("%(name)s: a change of a recorded entry needs a reason")
                % {"name": entry.participant.name}
            )
    if problems:
        return problems
    with transaction.atomic():
        course_day, _created = CourseDay.objects.update_or_create(
            course=course, day=day, defaults={"units": units}
        )
        if countersign:
            course_day.countersigned_by = user
            course_day.countersigned_at = timezone.now()
            course_day.save(update_fields=["countersigned_by", "countersigned_at"])
        for entry in entries:
            old = existing.get(entry.participant.pk)
            if old is None:
                Mark.objects.create(
                    day=course_day,
                    participant=entry.participant,
                    attendance=entry.attendance,
                    minutes_missed=entry.minutes,
                    signed=entry.signed,
                )
            elif recorded_values(old) != entry.values():
                Correction.objects.create(
                    mark=old,
                    old_attendance=old.attendance,
                    old_minutes=old.minutes_missed,
                    old_signed=old.signed,
                    new_attendance=entry.attendance,
                    new_minutes=entry.minutes,
                    new_signed=entry.signed,
                    reason=entry.reason.strip()[:300],
                    by=user,
                )
                old.attendance, old.minutes_missed = entry.attendance, entry.minutes
                old.signed = entry.signed
                old.save(update_fields=["attendance", "minutes_missed", "signed"])
    return []


def attendance_by_participant(course: Course) -> dict[int, tuple[int, int]]:
    """Participant -> (units present, units listed): the course page's progress column."""
    from django.db.models import Q, Sum

    rows = (
        Mark.objects.filter(day__course=course)
        .values("participant_id")
        .annotate(
            listed=Sum("day__units"), present=Sum("day__units", filter=Q(attendance="present"))
        )
    )
    return {r["participant_id"]: (r["present"] or 0, r["listed"] or 0) for r in rows}


def refunds(course: Course, participants: list[Participant]) -> dict[int, object]:
    """Participant -> the refund due on the contributions of the approved invoices
    (`akte.courses.refunds.refund`: half, when the exam was passed in time)."""
    from akte.courses.refunds import refund

    paid: dict[str, Decimal] = {}
    for invoice in course.invoices.filter(status=InvoiceStatus.APPROVED):
        for line in invoice.lines:
            paid[line["participant"]] = paid.get(line["participant"], Decimal(0)) + Decimal(
                line["contribution"]
            )
    today = dt.date.today()
    found = {}
    for p in participants:
        contributions = paid.get(str(p.pk), Decimal(0))
        if contributions:
            found[p.pk] = refund(engine_participant(p).facts, contributions, today)
    return found


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def stream_marks(course: Course, first: dt.date, last: dt.date) -> Iterator[engine.Mark]:
    rows = Mark.objects.filter(day__course=course, day__day__range=(first, last)).values_list(
        "participant_id", "day__day", "attendance", "minutes_missed", "signed"
    )
    for participant, day, attendance, minutes, signed in rows.iterator(chunk_size=2000):
        yield engine.Mark(str(participant), day, attendance, minutes, signed)


def compute(course: Course, first: dt.date, last: dt.date) -> EngineInvoice:
    people = [
        engine_participant(p)
        for p in course.participants.filter(waiting=False).prefetch_related("exams")
    ]
    return bill(engine_course(course), people, stream_marks(course, first, last), first, last)


def lines_as_data(invoice: EngineInvoice, names: dict[str, str]) -> list[dict]:
    return [
        {
            "participant": line.participant,
            "name": names.get(line.participant, line.participant),
            "first": line.first.isoformat(),
            "last": line.last.isoformat(),
            "rate": str(line.rate),
            "rate_rule": line.rate_rule,
            "rate_source": line.rate_source,
            "units_listed": line.units_listed,
            "units_billable": line.units_billable,
            "units_late": line.units_late,
            "amount": str(line.amount),
            "contribution": str(line.contribution),
            "payable": str(line.payable),
            "explanation": [pack(m) for m in line.explanation],
        }
        for line in invoice.lines
    ]


def pack(message: Message) -> dict:
    """A message as JSON data (decimals, dates and inner messages tagged), for an invoice's
    lines kept in the database; `unpack` gives it back for `|words` in any language."""
    params = {}
    for key, value in message.params.items():
        if isinstance(value, Message):
            value = {"message": pack(value)}
        elif isinstance(value, Decimal):
            value = {"decimal": str(value)}
        elif isinstance(value, dt.date):
            value = {"date": value.isoformat()}
        params[key] = value
    return {"code": message.code, "params": params}


def unpack(data: dict) -> Message:
    params = {}
    for key, value in (data.get("params") or {}).items():
        if isinstance(value, dict) and "message" in value:
            value = unpack(value["message"])
        elif isinstance(value, dict) and "decimal" in value:
            value = Decimal(value["decimal"])
        elif isinstance(value, dict) and "date" in value:
            value = dt.date.fromisoformat(value["date"])
        params[key] = value
    return Message(str(data["code"]), params)


def submit(course: Course, year: int, month: int, user) -> tuple[Invoice | None, EngineInvoice]:
    first, last = month_bounds(year, month)
    computed = compute(course, first, last)
    if not computed.ok or not computed.lines:
        return None, computed
    names = {str(p.pk): p.name for p in course.participants.all()}
    book = deufoev()
    invoice = Invoice.objects.create(
        course=course,
        number=f"{course.number}-{year:04d}{month:02d}",
        first=first,
        last=last,
        total=computed.total,
        contributions=computed.contributions,
        payable=computed.payable,
        lines=lines_as_data(computed, names),
        rulebook=f"{book.name} {book.version}",
        submitted_by=user,
    )
    return invoice, computed


def decide(invoice: Invoice, approve: bool, user) -> None:
    invoice.status = InvoiceStatus.APPROVED if approve else InvoiceStatus.REJECTED
    invoice.decided_by = user
    invoice.decided_at = timezone.now()
    invoice.save(update_fields=["status", "decided_by", "decided_at"])
