"""Courses for the office and the providers: the list with capacity and waiting lists by
region and course type, registering and approving a course, its page, enrolment."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.core.partial_date import PartialDate
from akte.web.accounts.purposes import Purpose
from akte.web.audit.log import logs_access, shown, shows_no_personal_data
from akte.web.cases.access import visible_procedures
from akte.web.cases.models import NameSpelling, Person

from . import services
from .access import course_or_404, is_office, is_provider, may_use, require, visible_courses
from .forms import CourseForm, EnrolForm
from .models import CourseStatus, Module, Provider

COURSES = Purpose.LANGUAGE_COURSES


@login_required
@require_safe
@shows_no_personal_data
def index(request):
    require(may_use(request.user))
    courses = (
        visible_courses(request.user)
        .select_related("provider")
        .annotate(
            enrolled=Count("participants", filter=Q(participants__waiting=False)),
            waiting=Count("participants", filter=Q(participants__waiting=True)),
        )
    )
    regions: dict[tuple[str, str], dict] = {}
    for course in courses:
        key = (course.region, course.get_module_display())
        row = regions.setdefault(key, {"courses": 0, "enrolled": 0, "places": 0, "waiting": 0})
        row["courses"] += 1
        row["enrolled"] += course.enrolled
        row["places"] += max(0, 25 - course.enrolled)
        row["waiting"] += course.waiting
    return TemplateResponse(
        request,
        "courses/index.html",
        {
            "courses": courses,
            "by_region": sorted(regions.items()),
            "office": is_office(request.user),
            "provider": is_provider(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@shows_no_personal_data
def course_new(request):
    require(is_provider(request.user))
    provider = Provider.objects.filter(code=request.user.organisation).first()
    require(provider is not None)
    if provider.approved_on is None:
        messages.error(
            request,
            _(
                "Your provider is not approved yet: courses can be registered once the office has approved it."
            ),
        )
        return redirect("courses:index")
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.save(commit=False)
        course.provider = provider
        course.save()
        messages.success(
            request,
            _("Course %(number)s registered; the office approves it.") % {"number": course.number},
        )
        return redirect("courses:course", pk=course.pk)
    return TemplateResponse(request, "courses/course_form.html", {"form": form})


@login_required
@require_safe
@logs_access(read="participants", purpose=COURSES)
def course(request, pk: int):
    require(may_use(request.user))
    found = course_or_404(request.user, pk)
    participants = list(
        found.participants.select_related("person", "procedure").prefetch_related(
            "person__spellings", "exams__centre"
        )
    )
    check = services.capacity(found)
    progress = services.attendance_by_participant(found)
    refunds = services.refunds(found, participants)
    for p in participants:
        p.progress = progress.get(p.pk, (0, 0))
        p.refund = refunds.get(p.pk)
    return TemplateResponse(
        request,
        "courses/course_detail.html",
        {
            "course": found,
            "participants": participants,
            "enrolled": [p for p in participants if not p.waiting],
            "waiting": [p for p in participants if p.waiting],
            "capacity": check,
            "days": list(found.days.all()[:400]),
            "invoices": list(found.invoices.all()),
            "office": is_office(request.user),
            "provider": is_provider(request.user),
            "today": dt.date.today(),
        },
    )


@login_required
@require_POST
@shows_no_personal_data
def course_approve(request, pk: int):
    require(is_office(request.user))
    found = course_or_404(request.user, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm the approval first."))
    elif found.status != CourseStatus.REGISTERED:
        messages.error(request, _("Only a registered course can be approved."))
    else:
        found.status = CourseStatus.APPROVED
        found.approved_by = request.user
        found.capacity_exception = request.POST.get("capacity_exception") == "yes"
        found.save(update_fields=["status", "approved_by", "capacity_exception"])
        messages.success(request, _("Course approved."))
    return redirect("courses:course", pk=found.pk)


def _person(form: EnrolForm, office: bool, user):
    data = form.cleaned_data
    number = data.get("file_number") if office else ""
    if number:  # need-to-know: only a procedure of the user's own (`cases.access`)
        procedures = visible_procedures(user).select_related("person")
        procedure = procedures.filter(file_number=number).first()
        if procedure is None:
            form.add_error("file_number", _("No procedure with this file number."))
            return None, None
        return procedure.person, procedure
    person = Person.objects.create(
        sex=data.get("sex") or "X",
        birth_date=PartialDate(data["born"]) if data.get("born") else None,
        nationality=(data.get("nationality") or "").upper(),
    )
    NameSpelling.objects.create(
        person=person,
        given_names=data.get("given_names") or "",
        family_name=data["family_name"],
        is_primary=True,
    )
    return person, None


@login_required
@require_http_methods(["GET", "POST"])
@logs_access(create="created", purpose=COURSES)
def enrol(request, pk: int):
    require(may_use(request.user))
    found = course_or_404(request.user, pk)
    office = is_office(request.user)
    form = EnrolForm(request.POST or None, office=office, initial={"joined_on": found.starts_on})
    outcome = None
    if request.method == "POST" and form.is_valid():
        person, procedure = _person(form, office, request.user)
        if person is not None:
            facts = form.facts()
            if procedure is not None:
                facts["residence_status"] = facts.get("residence_status") or "permission_to_stay"
            outcome = services.enrol(
                found,
                person,
                procedure,
                facts,
                form.cleaned_data["joined_on"],
                request.user,
                waiting=form.cleaned_data.get("waiting", False),
            )
            if outcome.participant is not None:
                messages.success(request, _("Enrolled."))
                response = redirect("courses:course", pk=found.pk)
                return shown(response, created=outcome.participant)
            if procedure is None:
                person.spellings.all().delete()
                person.delete()  # refused: the person entered for it is not kept
    return TemplateResponse(
        request,
        "courses/enrol.html",
        {"course": found, "form": form, "outcome": outcome, "modules": Module},
    )
