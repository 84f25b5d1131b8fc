"""A course day's attendance list: one row per participant, keyboard-fast (every row starts
on "present"; a code's first letter picks it; Tab moves on), the participant's own signature
on the paper list as the provider transcribes it (a box per row, Space ticks it; one button
ticks every present row), corrections with a reason, the provider's countersignature. A list the checks refuse is shown again as entered, and nothing
recorded before is lost."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from akte.web.audit.log import logs_access

from . import services
from .access import course_or_404, is_provider, may_use, require
from .models import Attendance, CourseDay, Mark
from .views import COURSES


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise Http404("no such day") from exc


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or default)
    except ValueError:
        return -1  # refused by the checks with its reason


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(read="participants", update="updated", purpose=COURSES)
def day(request, pk: int, day: str):
    require(may_use(request.user))
    course = course_or_404(request.user, pk)
    on = _day(day)
    participants = [
        p
        for p in services.enrolled(course)
        if p.joined_on <= on and (p.left_on is None or on <= p.left_on)
    ]
    course_day = CourseDay.objects.filter(course=course, day=on).first()
    recorded = (
        {m.participant_id: m for m in Mark.objects.filter(day=course_day)} if course_day else {}
    )
    problems: list = []
    posted: dict[int, dict] = {}
    units = course_day.units if course_day else 5
    if request.method == "POST":
        require(is_provider(request.user))
        units = _int(request.POST.get("units"), 5)
        entries = []
        for p in participants:
            code = request.POST.get(f"a{p.pk}", Attendance.PRESENT)
            minutes = _int(request.POST.get(f"m{p.pk}"), 0)
            reason = request.POST.get(f"r{p.pk}", "")
            signed = request.POST.get(f"s{p.pk}") == "yes"
            posted[p.pk] = {
                "attendance": code,
                "minutes": minutes,
                "reason": reason,
                "signed": signed,
            }
            entries.append(services.Entry(p, code, minutes, reason, signed))
        if on > dt.date.today():
            problems = [_("A list cannot be kept for a day still to come.")]
        else:
            problems = services.save_list(
                course, on, units, entries, request.user, request.POST.get("countersign") == "yes"
            )
        if not problems:
            messages.success(
                request, _("The list of %(day)s is recorded.") % {"day": on.strftime("%d.%m.%Y")}
            )
            response = redirect("courses:day", pk=course.pk, day=on.isoformat())
            response.access_context = {"updated": participants}
            return response
    labels = [(value, escape(str(label))) for value, label in Attendance.choices]
    rows = []
    for p in participants:
        mark = recorded.get(p.pk)
        value = posted.get(p.pk) or (
            {
                "attendance": mark.attendance,
                "minutes": mark.minutes_missed,
                "reason": "",
                "signed": mark.signed,
            }
            if mark
            else {"attendance": Attendance.PRESENT, "minutes": 0, "reason": "", "signed": False}
        )
        options = "".join(  # built once per row here: 25 rows × 6 codes in a template loop are slow
            f'<option value="{v}"{" selected" if v == value["attendance"] else ""}>{label}</option>'
            for v, label in labels
        )
        rows.append({"participant": p, "mark": mark, "options": mark_safe(options), **value})  # noqa: S308
    return TemplateResponse(
        request,
        "courses/day.html",
        {
            "course": course,
            "day": on,
            "course_day": course_day,
            "units": units,
            "rows": rows,
            "participants": participants,
            "codes": Attendance.choices,
            "problems": problems,
            "provider": is_provider(request.user),
            "previous": (on - dt.timedelta(days=1)).isoformat(),
            "next": (on + dt.timedelta(days=1)).isoformat(),
        },
    )
