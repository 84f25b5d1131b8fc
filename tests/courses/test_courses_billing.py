"""Billing by hand: every figure below is computed on paper from the rulebook's rates."""

import datetime as dt
import random
from decimal import Decimal

import pytest

from akte import words
from akte.courses.billing import bill, bill_naively
from akte.courses.model import Course, CourseDay, Mark, Participant

D = dt.date
NOT_EMPLOYED = {"employed": False}
PAYS = {
    "employed": True,
    "receives_benefits": False,
    "taxable_income": "30000",
    "assessed_jointly": False,
}


def course(*days, units=5):
    return Course("K1", "basic_b2", tuple(CourseDay(day, units) for day in days))


def marks(person, days, code="present", minutes=0):
    return [Mark(person, day, code, minutes) for day in days]


def codes(invoice):
    return [problem.code for problem in invoice.problems]


def test_a_course_spanning_the_rate_change_of_1_august_2022_pays_each_day_at_its_rate():
    days = [D(2022, 7, 28), D(2022, 7, 29), D(2022, 8, 1), D(2022, 8, 2)]
    invoice = bill(
        course(*days), [Participant("p1", NOT_EMPLOYED)], marks("p1", days), days[0], days[-1]
    )
    assert invoice.ok, invoice.problems
    assert [
        (line.first, line.last, line.rate, line.units_billable, line.amount)
        for line in invoice.lines
    ] == [
        (D(2022, 7, 28), D(2022, 7, 29), Decimal("4.64"), 10, Decimal("46.40")),
        (D(2022, 8, 1), D(2022, 8, 2), Decimal("4.84"), 10, Decimal("48.40")),
    ]
    assert invoice.total == Decimal("94.80")
    assert [line.rate_rule for line in invoice.lines] == [
        "deufoev-25-1-rate@2021-01-01",
        "deufoev-25-1-rate@2022-08-01",
    ]
    first = invoice.lines[0].explanation[0]
    assert first.code == "courses.explain.rate" and "15/22" in first.params["source"]


def test_the_last_day_of_the_old_rate_and_the_first_of_the_new():
    for day, rate in ((D(2022, 7, 31), "4.64"), (D(2022, 8, 1), "4.84")):
        invoice = bill(course(day), [Participant("p1", NOT_EMPLOYED)], marks("p1", [day]), day, day)
        assert invoice.lines[0].rate == Decimal(rate)
        assert invoice.total == Decimal(rate) * 5


def test_an_employed_participant_above_the_threshold_contributes_half_the_rate():
    days = [D(2022, 8, 1), D(2022, 8, 2)]
    invoice = bill(course(*days), [Participant("p1", PAYS)], marks("p1", days), days[0], days[-1])
    (line,) = invoice.lines
    assert (line.amount, line.contribution_per_unit, line.contribution, line.payable) == (
        Decimal("48.40"),
        Decimal("2.42"),
        Decimal("24.20"),
        Decimal("24.20"),
    )
    assert invoice.payable == Decimal("24.20")
    assert line.explanation[-1].code == "courses.explain.contribution"


@pytest.mark.parametrize(
    ("facts", "contribution"),
    [
        ({**PAYS, "taxable_income": "20000"}, "0"),  # at the threshold: exempt
        ({**PAYS, "taxable_income": "20000.01"}, "24.20"),
        ({**PAYS, "taxable_income": "39000", "assessed_jointly": True}, "0"),
        ({**PAYS, "receives_benefits": True}, "0"),
    ],
)
def test_contribution_exemptions(facts, contribution):
    days = [D(2022, 8, 1), D(2022, 8, 2)]
    invoice = bill(course(*days), [Participant("p1", facts)], marks("p1", days), days[0], days[-1])
    assert invoice.lines[0].contribution == Decimal(contribution)


def test_absences_of_each_kind():
    days = [D(2023, 3, 6), D(2023, 3, 7), D(2023, 3, 8), D(2023, 3, 9), D(2023, 3, 10)]
    kinds = ["present", "excused", "unexcused", "internship", "change_of_course"]
    given = [Mark("p1", day, kind) for day, kind in zip(days, kinds, strict=True)]
    invoice = bill(course(*days), [Participant("p1", NOT_EMPLOYED)], given, days[0], days[-1])
    (line,) = invoice.lines
    assert line.units_listed == 25
    assert line.units_billable == 15  # present, excused, internship
    assert line.amount == Decimal("72.60")  # 15 × 4.84
    said = {
        m.params["attendance"].code: m.code for m in line.explanation if "attendance" in m.params
    }
    assert said == {
        "courses.code.present": "courses.explain.counted",
        "courses.code.excused": "courses.explain.counted",
        "courses.code.unexcused": "courses.explain.not_counted",
        "courses.code.internship": "courses.explain.counted",
        "courses.code.change_of_course": "courses.explain.not_counted",
    }
    text = [words.render(m, "de") for m in line.explanation]
    assert any("unentschuldigt abwesend: 1 Tage, 5 UE nicht gezählt" in t for t in text), text


@pytest.mark.parametrize(
    ("minutes", "billed"), [(0, 5), (15, 5), (16, 4), (45, 4), (46, 3), (500, 0)]
)
def test_lateness_beyond_15_minutes_costs_whole_units(minutes, billed):
    day = D(2023, 3, 6)
    invoice = bill(
        course(day),
        [Participant("p1", NOT_EMPLOYED)],
        marks("p1", [day], minutes=minutes),
        day,
        day,
    )
    assert invoice.lines[0].units_billable == billed


def test_an_unexcused_absence_is_not_paid_whatever_the_minutes():
    day = D(2023, 3, 6)
    invoice = bill(
        course(day),
        [Participant("p1", NOT_EMPLOYED)],
        marks("p1", [day], "unexcused", 200),
        day,
        day,
    )
    assert invoice.lines[0].units_billable == 0 and invoice.lines[0].units_late == 0


def test_bad_input_is_flagged_with_its_reason_and_nothing_is_dropped_silently():
    days = [D(2023, 3, 6), D(2023, 3, 7)]
    people = [Participant("p1", NOT_EMPLOYED), Participant("p2", NOT_EMPLOYED)]
    given = [
        Mark("p1", days[0], "present"),
        Mark("p1", days[0], "present"),  # twice
        Mark("p1", D(2023, 3, 8), "present"),  # the course did not run on 8 March
        Mark("p9", days[0], "present"),  # not on the course
        Mark("p2", days[0], "present"),
        Mark("p1", days[1], "present"),
    ]  # p2 has no mark on 7 March
    invoice = bill(course(*days), people, given, days[0], D(2023, 3, 8), claimed_units=15)
    assert sorted(codes(invoice)) == sorted(
        [
            "courses.attendance.twice",
            "courses.attendance.not_a_course_day",
            "courses.attendance.not_enrolled",
            "courses.billing.open",
            "courses.billing.units_not_held",
        ]
    )
    assert not invoice.ok
    assert sum(line.units_billable for line in invoice.lines) == 15  # what is recorded still counts


def test_a_day_without_a_rate_in_force_is_refused_not_guessed():
    day = D(2020, 11, 2)
    invoice = bill(course(day), [Participant("p1", NOT_EMPLOYED)], marks("p1", [day]), day, day)
    assert codes(invoice) == ["courses.billing.no_rate"]
    assert invoice.lines == [] and invoice.total == 0


def test_an_unknown_employment_is_flagged():
    day = D(2023, 3, 6)
    invoice = bill(course(day), [Participant("p1", {})], marks("p1", [day]), day, day)
    assert codes(invoice) == ["courses.billing.contribution_unknown"]


def test_participants_joining_late_are_not_expected_before_they_join():
    days = [D(2023, 3, 6), D(2023, 3, 7)]
    people = [Participant("p1", NOT_EMPLOYED, joined=days[1])]
    invoice = bill(course(*days), people, marks("p1", [days[1]]), days[0], days[1])
    assert invoice.ok and invoice.lines[0].units_billable == 5


def test_attendance_is_consumed_as_a_stream():
    days = [D(2023, 3, 6) + dt.timedelta(days=i) for i in range(5)]

    def stream():
        for day in days:
            yield Mark("p1", day, "present")

    invoice = bill(course(*days), [Participant("p1", NOT_EMPLOYED)], stream(), days[0], days[-1])
    assert invoice.lines[0].units_billable == 25


@pytest.mark.parametrize("seed", range(8))
def test_the_fast_path_agrees_with_the_naive_per_line_computation(seed):
    rng = random.Random(seed)
    start = D(2022, 7, 1)
    days = [
        start + dt.timedelta(days=i)
        for i in range(0, 70)
        if (start + dt.timedelta(days=i)).weekday() < 5
    ]
    the_course = course(*days)
    people = [
        Participant(f"p{i}", rng.choice([NOT_EMPLOYED, PAYS, {**PAYS, "assessed_jointly": True}]))
        for i in range(6)
    ]
    codes_ = ["present"] * 6 + ["excused", "unexcused", "internship", "change_of_provider"]
    given = [
        Mark(
            p.id,
            day,
            rng.choice(codes_),
            rng.choice([0, 0, 0, 10, 20, 50, 100]),
            rng.choice([True, True, True, False, None]),
        )
        for day in days
        for p in people
    ]
    invoice = bill(the_course, people, given, days[0], days[-1])
    assert invoice.ok, invoice.problems
    assert len({line.rate for line in invoice.lines}) == 2
    assert invoice.payable == bill_naively(the_course, people, given, days[0], days[-1])


def test_a_presence_the_participant_did_not_sign_is_not_paid_and_says_so():
    days = [D(2023, 3, 6), D(2023, 3, 7), D(2023, 3, 8)]
    given = [
        Mark("p1", days[0], "present", 0, True),
        Mark("p1", days[1], "present", 0, False),  # forgot to sign at the start
        Mark("p1", days[2], "excused", 0, False),  # an absence needs no signature
    ]
    invoice = bill(course(*days), [Participant("p1", NOT_EMPLOYED)], given, days[0], days[-1])
    assert invoice.ok, invoice.problems
    (line,) = invoice.lines
    assert (line.units_listed, line.units_billable, line.amount) == (15, 10, Decimal("48.40"))
    assert line.counts == {"present": [1, 5], "excused": [1, 5], "present_unsigned": [1, 5]}
    unsigned = [
        m for m in line.explanation if str(m.params.get("rule")).startswith("abrrl-11-unsigned")
    ]
    assert [m.code for m in unsigned] == ["courses.explain.not_counted"]
    assert "ohne eigene Unterschrift" in words.render(unsigned[0], "de")
    assert "without the participant's signature" in words.render(unsigned[0], "en")
    assert bill_naively(
        course(*days), [Participant("p1", NOT_EMPLOYED)], given, days[0], days[-1]
    ) == Decimal("48.40")


def test_a_mark_without_a_recorded_signature_is_billed_as_signed():
    day = D(2023, 3, 6)
    invoice = bill(
        course(day), [Participant("p1", NOT_EMPLOYED)], [Mark("p1", day, "present")], day, day
    )
    assert invoice.lines[0].units_billable == 5
