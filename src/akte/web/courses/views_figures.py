"""The office's figures without personal data (`akte.courses.figures`): courses started,
completion and pass rates by quarter, region and course type, small cells suppressed below
the analytics threshold (`AKTE_ANALYTICS_MIN_PERSONS`); as a page and as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from akte.analytics.config import settings as analytics_settings
from akte.courses.figures import CourseFigures, figures
from akte.web.audit.log import shows_no_personal_data

from .access import is_office, require
from .models import Course, CourseStatus, ExamResult, Module, Participant


def cells():
    """The cells and the threshold they were suppressed at."""
    t = analytics_settings().min_persons
    persons: dict[int, set[int]] = defaultdict(set)
    for course_id, person_id in Participant.objects.filter(waiting=False).values_list(
        "course_id", "person_id"
    ):
        persons[course_id].add(person_id)
    took: dict[int, set[int]] = defaultdict(set)
    passed: dict[int, set[int]] = defaultdict(set)
    for course_id, person_id, ok in ExamResult.objects.filter(
        participant__waiting=False
    ).values_list("participant__course_id", "participant__person_id", "passed"):
        took[course_id].add(person_id)
        if ok:
            passed[course_id].add(person_id)
    today = dt.date.today()
    rows = [
        CourseFigures(
            c["starts_on"],
            c["region"],
            c["module"],
            c["status"] != CourseStatus.REGISTERED and c["starts_on"] <= today,
            frozenset(persons[c["pk"]]),
            frozenset(took[c["pk"]]),
            frozenset(passed[c["pk"]]),
        )
        for c in Course.objects.values("pk", "starts_on", "region", "module", "status")
    ]
    return figures(rows, t), t


def _percent(rate: float | None) -> str:
    return "" if rate is None else number_format(round(rate * 100, 1), 1)


@login_required
@require_safe
@shows_no_personal_data
def figures_page(request):
    require(is_office(request.user))
    found, t = cells()
    labels = dict(Module.choices)
    rows = [
        {
            "cell": cell,
            "module": labels.get(cell.module, cell.module),
            "completion": _percent(cell.completion_rate),
            "pass_rate": _percent(cell.pass_rate),
        }
        for cell in found
    ]
    return TemplateResponse(request, "courses/figures.html", {"rows": rows, "threshold": t})


@login_required
@require_safe
@shows_no_personal_data
def figures_csv(request):
    require(is_office(request.user))
    found, t = cells()
    labels = dict(Module.choices)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("period"),
            _("region"),
            _("course type"),
            _("courses started"),
            _("participants"),
            _("exam taken"),
            _("exam passed"),
            _("completion rate (%)"),
            _("pass rate (%)"),
            _("suppressed (fewer than %(t)s persons)") % {"t": t},
        ]
    )
    for cell in found:
        writer.writerow(
            [
                cell.period,
                _plain(cell.region),
                labels.get(cell.module, cell.module),
                *("" if v is None else v for v in (cell.courses_started, cell.persons)),
                *("" if v is None else v for v in (cell.took_exam, cell.passed)),
                "" if cell.completion_rate is None else round(cell.completion_rate * 100, 1),
                "" if cell.pass_rate is None else round(cell.pass_rate * 100, 1),
                _("yes") if cell.suppressed else "",
            ]
        )
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="course-figures.csv"'
    return response


def _plain(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas
