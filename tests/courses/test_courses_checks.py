"""Entitlement, capacity, attendance lists and refunds."""

import datetime as dt
from decimal import Decimal

from akte import words
from akte.courses.attendance import check_list
from akte.courses.capacity import Enrolment, check_capacity, overlaps
from akte.courses.entitlement import check_entitlement
from akte.courses.model import Course, CourseDay, Mark, Participant
from akte.courses.refunds import refund

D = dt.date
ASYLUM = {
    "residence_status": "permission_to_stay",
    "entitlement_issued_on": "2023-02-01",
    "lasting_stay_expected": True,
    "safe_country_of_origin": False,
}


def reasons(check):
    return [m.code for m in check.reasons]


def test_an_asylum_applicant_with_a_lasting_stay_expected_may_attend():
    check = check_entitlement(ASYLUM, D(2023, 3, 1))
    assert check.may_attend is True and not check.refused
    assert reasons(check) == ["courses.entitlement.may_attend"]
    rendered = "\n".join(words.render(line.message, "en") for line in check.explanation)
    assert "aufenthg-45a-2-permission-to-stay" in rendered


def test_from_a_safe_country_the_presumption_excludes_with_its_reason():
    check = check_entitlement({**ASYLUM, "safe_country_of_origin": True}, D(2023, 3, 1))
    assert check.may_attend is False and check.refused
    assert reasons(check) == [
        "courses.entitlement.may_not_attend",
        "courses.entitlement.permission_to_stay",
        "courses.entitlement.safe_country",
    ]


def test_without_an_entitlement_no_one_may_attend():
    check = check_entitlement({"residence_status": "residence_permit"}, D(2023, 3, 1))
    assert reasons(check) == [
        "courses.entitlement.may_not_attend",
        "courses.entitlement.no_entitlement",
    ]


def test_an_open_question_says_what_is_missing():
    check = check_entitlement(
        {"residence_status": "permission_to_stay", "entitlement_issued_on": "2023-02-01"},
        D(2023, 3, 1),
    )
    assert check.may_attend is None and not check.refused
    (reason,) = check.reasons
    assert reason.code == "courses.entitlement.undecided"
    assert "lasting_stay_expected" in reason.params["missing"]


def test_obligation_and_expired_placement():
    facts = {
        "residence_status": "residence_permit",
        "entitlement_issued_on": "2023-01-02",
        "receives_sgb2": True,
        "integration_agreement_provides_course": True,
        "placement_certificate_on": "2022-08-31",
    }
    check = check_entitlement(facts, D(2023, 3, 1))
    assert check.obliged is True and check.placement_valid is False and check.refused
    assert "courses.entitlement.obliged" in reasons(check)
    expired = check.reasons[-1]
    assert "31.08.2022" in words.render(expired, "de")


def test_capacity_25_26_and_an_exception():
    a_course = Course("K1", "basic_b2", planned_units=400)
    full = check_capacity(a_course, 25, D(2023, 3, 1))
    assert full.ok and [m.code for m in full.flagged] == ["courses.capacity.full"]
    refused = check_capacity(a_course, 26, D(2023, 3, 1))
    assert [m.code for m in refused.refused] == ["courses.capacity.exceeded"]
    granted = check_capacity(Course("K1", "basic_b2", capacity_exception=True), 26, D(2023, 3, 1))
    assert granted.ok and [m.code for m in granted.flagged] == ["courses.capacity.exception"]
    small = check_capacity(a_course, 14, D(2023, 3, 1))
    assert small.ok and [m.code for m in small.flagged] == ["courses.capacity.below_minimum"]


def test_planned_units_and_full_time_weeks_are_flagged():
    days = tuple(CourseDay(D(2023, 3, 6) + dt.timedelta(days=i), 6) for i in range(5))
    a_course = Course("K1", "basic_b2", days, planned_units=450, full_time=True)
    check = check_capacity(a_course, 20, D(2023, 3, 1))
    assert [m.code for m in check.flagged] == [
        "courses.capacity.units_differ",
        "courses.capacity.week_over_full_time",
    ]
    assert check.standard_units == 400


def test_a_person_in_two_courses_at_the_same_time():
    found = overlaps(
        [
            Enrolment("anna", "K1", D(2023, 1, 1), D(2023, 3, 31)),
            Enrolment("anna", "K2", D(2023, 3, 15), D(2023, 6, 30)),
            Enrolment("anna", "K3", D(2023, 7, 1), D(2023, 9, 30)),
            Enrolment("ben", "K1", D(2023, 1, 1), D(2023, 3, 31)),
        ]
    )
    assert [(m.params["course"], m.params["first"], m.params["last"]) for m in found] == [
        ("K2", D(2023, 3, 15), D(2023, 3, 31))
    ]


def test_an_attendance_list_for_a_day_the_course_did_not_run_is_refused():
    a_course = Course("K1", "basic_b2", (CourseDay(D(2023, 3, 6), 5),))
    people = [Participant("p1"), Participant("p2")]
    problems = check_list(
        a_course,
        people,
        D(2023, 3, 7),
        5,
        [
            Mark("p1", D(2023, 3, 7), "present"),
            Mark("p1", D(2023, 3, 7), "present"),
            Mark("p3", D(2023, 3, 7), "sick", 300),
        ],
    )
    assert [m.code for m in problems] == [
        "courses.attendance.not_a_course_day",
        "courses.attendance.twice",
        "courses.attendance.not_enrolled",
        "courses.attendance.unknown_code",
        "courses.attendance.minutes_out_of_range",
        "courses.attendance.missing",
    ]
    assert (
        check_list(
            a_course,
            people,
            D(2023, 3, 6),
            5,
            [Mark("p1", D(2023, 3, 6), "present"), Mark("p2", D(2023, 3, 6), "excused")],
        )
        == []
    )


PAID = {
    "employed": True,
    "receives_benefits": False,
    "taxable_income": "30000",
    "assessed_jointly": False,
    "entitlement_issued_on": "2022-01-10",
}


def test_refund_of_half_on_passing_within_two_years():
    done = refund({**PAID, "exam_passed_on": "2024-01-10"}, Decimal("968.00"), D(2024, 2, 1))
    assert done.amount == Decimal("484.00") and done.reason.code == "courses.refund.due"
    late = refund({**PAID, "exam_passed_on": "2024-01-11"}, Decimal("968.00"), D(2024, 2, 1))
    assert late.amount == 0 and late.reason.code == "courses.refund.too_late"
    assert refund(PAID, Decimal("968.00"), D(2024, 2, 1)).reason.code == "courses.refund.not_passed"
    assert refund(PAID, Decimal(0), D(2024, 2, 1)).reason.code == "courses.refund.nothing_paid"


def test_a_signature_for_someone_absent_is_refused():
    day = D(2023, 3, 6)
    a_course = Course("K1", "basic_b2", (CourseDay(day, 5),))
    people = [Participant("p1"), Participant("p2"), Participant("p3")]
    given = [
        Mark("p1", day, "present", 0, True),
        Mark("p2", day, "unexcused", 0, True),
        Mark("p3", day, "excused", 0, False),
    ]
    problems = check_list(a_course, people, day, 5, given)
    assert [(m.code, m.params["participant"]) for m in problems] == [
        ("courses.attendance.signed_but_absent", "p2")
    ]
    assert "unentschuldigt" in words.render(problems[0], "de")


def test_a_leitweg_id_is_checked_by_its_format_and_check_digits():
    from akte.courses.leitweg import check_digits, check_leitweg_id

    assert check_leitweg_id("04011000-1234512345-06") == []  # KoSIT's example
    assert check_leitweg_id("991-33333TEST-33") == []  # the test ID of the federal portal
    assert check_leitweg_id(f"04011000-{check_digits('04011000')}") == []  # no fine address
    assert [m.code for m in check_leitweg_id("04011000-1234512345-07")] == [
        "courses.leitweg.check_digits"
    ]
    for bad in ("", "1-ABC-12", "04011000-abc-06", "04011000-1234512345", "x" * 80):
        (problem,) = check_leitweg_id(bad)
        assert problem.code == "courses.leitweg.format" and len(str(problem.params["given"])) <= 60
    assert "Prüfziffern" in words.render(check_leitweg_id("991-33333TEST-34")[0], "de")


def test_the_office_leitweg_id_setting_is_checked(monkeypatch):
    import pytest

    from akte.courses import config

    config.office_leitweg_id.cache_clear()
    monkeypatch.setenv("AKTE_COURSES_LEITWEG_ID", "991-33333test-33")
    assert config.office_leitweg_id() == "991-33333TEST-33"
    config.office_leitweg_id.cache_clear()
    monkeypatch.setenv("AKTE_COURSES_LEITWEG_ID", "991-33333TEST-34")
    with pytest.raises(ValueError, match="AKTE_COURSES_LEITWEG_ID"):
        config.office_leitweg_id()
    config.office_leitweg_id.cache_clear()
