"""Invoices: what the office pays a provider for a course over a period, line by line.

One line per participant and validity interval of the rules (so a course that spans a rate
change gets a line at each rate: the rate is taken AS OF EACH COURSE DAY, as circular 15/22
prescribed for the change of 1 August 2022; docs/courses.md). Each line says which rule set
its rate, which attendance counted by which rule, what lateness cost and what the participant
contributes. Attendance is consumed as a stream of marks, never held whole.

A presence the participant did not sign at the start of the day is its own category on the
line (`UNSIGNED`), counted or not as the rulebook says (today: not paid, verify).

A mark for a day the course did not run, a second mark for the same person and day, a day
with no rate in force, a participant on the list without a mark, or a claim of more units
than were held: each is a problem on the invoice (with its reason), and nothing is dropped
silently; an invoice with problems is not to be paid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from akte.core.message import Message
from akte.courses.codes import note
from akte.courses.model import ATTENDANCE, UNSIGNED, Course, Mark, Participant
from akte.courses.terms import Terms, TermsBook

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def units_lost(minutes: int, units: int, terms: Terms) -> int:
    """Whole units lost by lateness or leaving early beyond the tolerance (rounded up)."""
    if minutes <= terms.tolerance:
        return 0
    return min(units, -(-minutes // terms.unit_minutes))


@dataclass
class Line:
    participant: str
    first: dt.date
    last: dt.date
    rate: Decimal
    rate_rule: str
    rate_source: str
    units_listed: int = 0
    units_billable: int = 0
    minutes_late: int = 0
    units_late: int = 0
    contribution_per_unit: Decimal = Decimal(0)
    counts: dict[str, list[int]] = field(default_factory=dict)  # attendance -> [days, units]
    explanation: list[Message] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return money(self.rate * self.units_billable)

    @property
    def contribution(self) -> Decimal:
        return money(self.contribution_per_unit * self.units_billable)

    @property
    def payable(self) -> Decimal:
        return self.amount - self.contribution


@dataclass
class Invoice:
    course: str
    first: dt.date
    last: dt.date
    lines: list[Line] = field(default_factory=list)
    problems: list[Message] = field(default_factory=list)
    units_held: int = 0

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def contributions(self) -> Decimal:
        return sum((line.contribution for line in self.lines), Decimal(0))

    @property
    def payable(self) -> Decimal:
        return self.total - self.contributions

    @property
    def ok(self) -> bool:
        return not self.problems


class _Accumulator:
    __slots__ = ("first", "last", "listed", "billable", "late_minutes", "late_units", "counts")

    def __init__(self, day: dt.date) -> None:
        self.first = self.last = day
        self.listed = self.billable = self.late_minutes = self.late_units = 0
        self.counts = {code: [0, 0] for code in (*ATTENDANCE, UNSIGNED)}


def bill(
    course: Course,
    participants: Iterable[Participant],
    marks: Iterable[Mark],
    first: dt.date,
    last: dt.date,
    terms: TermsBook | None = None,
    claimed_units: int | None = None,
) -> Invoice:
    """The invoice for `course` from `first` to `last` (inclusive)."""
    terms = terms or TermsBook()
    people = {p.id: p for p in participants}
    invoice = Invoice(course.id, first, last)
    days = {d.day: d.units for d in course.days if first <= d.day <= last}
    invoice.units_held = sum(days.values())
    day_terms: dict[dt.date, Terms] = {}
    for day in sorted(days):
        found = terms.terms(day)
        if found.rate is None:
            invoice.problems.append(note("courses.billing.no_rate", day=day))
        day_terms[day] = found
    # the hot loop: one dict lookup per day, one per participant, no per-mark allocation
    # beyond the accumulator of a new (participant, rate interval)
    by_day = {day: (units, day_terms[day], set()) for day, units in days.items()}
    bounded = {p.id for p in people.values() if p.joined is not None or p.left is not None}
    totals: dict[tuple[str, int], _Accumulator] = {}
    problems = invoice.problems
    for mark in marks:
        day = mark.day
        found_day = by_day.get(day)
        if found_day is None:
            if first <= day <= last:
                problems.append(note("courses.attendance.not_a_course_day", day=day))
            continue
        units, day_term, seen = found_day
        who = mark.participant
        if who not in people or (who in bounded and not people[who].on_list(day)):
            problems.append(note("courses.attendance.not_enrolled", participant=who, day=day))
            continue
        if who in seen:
            problems.append(note("courses.attendance.twice", participant=who))
            continue
        seen.add(who)
        counts = day_term.counts
        code = mark.attendance
        if day_term.rate is None:
            continue
        if code not in counts or code == UNSIGNED:
            problems.append(note("courses.attendance.unknown_code", given=code))
            continue
        if code == "present" and mark.signed is False:
            code = UNSIGNED  # not signed at the start of the day (rule abrrl-11-unsigned-presence)
        key = (who, day_term.index)
        acc = totals.get(key)
        if acc is None:
            acc = totals[key] = _Accumulator(day)
        if day < acc.first:
            acc.first = day
        if day > acc.last:
            acc.last = day
        acc.listed += units
        count = acc.counts[code]
        count[0] += 1
        count[1] += units
        if counts[code]:
            minutes = mark.minutes_missed
            lost = units_lost(minutes, units, day_term) if minutes > day_term.tolerance else 0
            acc.billable += units - lost
            if lost:
                acc.late_minutes += minutes
                acc.late_units += lost
    for person in people.values():
        for day, (_units, _terms, seen) in by_day.items():
            if person.id not in seen and person.on_list(day):
                problems.append(note("courses.billing.open", participant=person.id, day=day))
    if claimed_units is not None and claimed_units > invoice.units_held:
        invoice.problems.append(
            note("courses.billing.units_not_held", claimed=claimed_units, held=invoice.units_held)
        )
    by_index = {t.index: t for t in day_terms.values()}
    for (participant, index), acc in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[1].first)):
        invoice.lines.append(
            _line(participant, by_index[index], acc, people[participant], terms, invoice)
        )
    return invoice


def _line(
    participant: str,
    terms: Terms,
    acc: _Accumulator,
    person: Participant,
    book: TermsBook,
    invoice: Invoice,
) -> Line:
    assert terms.rate is not None and terms.rate_rule is not None
    line = Line(
        participant,
        acc.first,
        acc.last,
        terms.rate,
        terms.rate_rule.key,
        terms.rate_rule.source,
        units_listed=acc.listed,
        units_billable=acc.billable,
        minutes_late=acc.late_minutes,
        units_late=acc.late_units,
        counts={code: list(c) for code, c in acc.counts.items() if c[0]},
    )
    line.explanation.append(
        note(
            "courses.explain.rate",
            rate=terms.rate,
            rule=terms.rate_rule.key,
            source=terms.rate_rule.source,
            first=acc.first,
            last=acc.last,
        )
    )
    for code, (days, units) in line.counts.items():
        rule = terms.count_rule.get(code)
        said = "courses.explain.counted" if terms.counts[code] else "courses.explain.not_counted"
        line.explanation.append(
            note(
                said,
                attendance=note(f"courses.code.{code}"),
                days=days,
                units=units,
                rule=rule.key if rule else "-",
            )
        )
    if acc.late_units:
        line.explanation.append(
            note(
                "courses.explain.lateness",
                minutes=acc.late_minutes,
                units=acc.late_units,
                tolerance=terms.tolerance,
            )
        )
    due = book.contribution_due(person.facts, acc.first)
    if due is None:
        invoice.problems.append(
            note("courses.billing.contribution_unknown", participant=participant)
        )
    if due and terms.contribution_share is not None:
        line.contribution_per_unit = money(terms.rate * terms.contribution_share)
        line.explanation.append(
            note(
                "courses.explain.contribution",
                per_unit=line.contribution_per_unit,
                units=line.units_billable,
                amount=line.contribution,
            )
        )
    else:
        line.explanation.append(note("courses.explain.no_contribution"))
    return line


def bill_naively(
    course: Course,
    participants: Iterable[Participant],
    marks: Iterable[Mark],
    first: dt.date,
    last: dt.date,
    terms: TermsBook | None = None,
) -> Decimal:
    """The payable total by evaluating the rulebook afresh for every mark (the benchmark's
    baseline and the fast path's cross-check: both must agree to the cent)."""
    book = (terms or TermsBook()).book
    people: Mapping[str, Participant] = {p.id: p for p in participants}
    days = {d.day: d.units for d in course.days if first <= d.day <= last}
    total = Decimal(0)
    for mark in marks:
        units = days.get(mark.day)
        person = people.get(mark.participant)
        if units is None or person is None or not (first <= mark.day <= last):
            continue
        facts = {
            name: person.facts.get(name)
            for name in ("employed", "receives_benefits", "taxable_income", "assessed_jointly")
        }
        value = book.evaluate_goals(
            {**facts, "attendance": mark.attendance, "signed": mark.signed is not False},
            mark.day,
            [
                "billable",
                "rate_per_unit",
                "contribution_per_unit",
                "lateness_tolerance_minutes",
                "unit_minutes",
            ],
        )
        if value["billable"] is not True:
            continue
        tolerance = value["lateness_tolerance_minutes"]
        minutes = value["unit_minutes"]
        late = mark.minutes_missed > tolerance
        billed = units - (min(units, -(-mark.minutes_missed // minutes)) if late else 0)
        total += (value["rate_per_unit"] - money(value["contribution_per_unit"])) * billed
    return money(total)
