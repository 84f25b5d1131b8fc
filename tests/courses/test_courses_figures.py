"""Figures without personal data: small cells and revealing rates are suppressed."""

import datetime as dt

import pytest

from akte.courses.figures import CourseFigures, figures, period_of

D = dt.date


def course(start, persons, took=(), passed=(), region="Berlin", module="basic_b2", started=True):
    return CourseFigures(
        start, region, module, started, frozenset(persons), frozenset(took), frozenset(passed)
    )


def test_a_cell_of_fewer_than_t_persons_shows_nothing():
    (cell,) = figures([course(D(2023, 2, 1), range(4), took=range(4), passed=range(2))], t=5)
    assert cell.suppressed
    assert (cell.courses_started, cell.persons, cell.took_exam, cell.passed) == (None,) * 4
    assert cell.completion_rate is None and cell.pass_rate is None


def test_rates_need_t_persons_on_both_sides():
    # 20 persons, 12 took the exam, 7 of them passed: every side holds at least 5
    (cell,) = figures([course(D(2023, 2, 1), range(20), range(12), range(7))], t=5)
    assert not cell.suppressed and cell.persons == 20 and cell.courses_started == 1
    assert cell.completion_rate == pytest.approx(0.6) and cell.pass_rate == pytest.approx(7 / 12)
    # all 12 passed: a pass rate of 100 % tells each one's result; it is not shown
    (all_passed,) = figures([course(D(2023, 2, 1), range(20), range(12), range(12))], t=5)
    assert all_passed.pass_rate is None and all_passed.passed is None
    assert all_passed.completion_rate == pytest.approx(0.6)
    # 3 of 20 took it: the 3 are too few
    (few,) = figures([course(D(2023, 2, 1), range(20), range(3), range(1))], t=5)
    assert few.completion_rate is None and few.took_exam is None and few.pass_rate is None


def test_cells_by_quarter_region_and_course_type_count_persons_once():
    cells = figures(
        [
            course(D(2023, 1, 9), range(10)),
            course(D(2023, 3, 20), range(5, 15)),  # same quarter and place: 15 persons
            course(D(2023, 4, 3), range(10)),
            course(D(2023, 1, 9), range(10), region="Köln"),
            course(D(2023, 1, 9), range(10), module="basic_c1", started=False),
        ],
        t=5,
    )
    assert [(c.period, c.region, c.module, c.courses_started, c.persons) for c in cells] == [
        ("2023-Q1", "Berlin", "basic_b2", 2, 15),
        ("2023-Q1", "Berlin", "basic_c1", 0, 10),
        ("2023-Q1", "Köln", "basic_b2", 1, 10),
        ("2023-Q2", "Berlin", "basic_b2", 1, 10),
    ]
    assert period_of(D(2023, 12, 31)) == "2023-Q4"


def test_the_threshold_is_at_least_one():
    with pytest.raises(ValueError):
        figures([], t=0)
