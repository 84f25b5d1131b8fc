"""Planning a hearing: date, time, room, language, interpreter and interviewer. The
procedure moves to "hearing scheduled" when the lifecycle allows it for the planner's role;
starting the hearing on its day (`services.start`) takes the planned one."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akte.web.accounts.models import User
from akte.web.accounts.roles import Capability, Role
from akte.web.audit.log import logs_access, shown
from akte.web.cases import sections
from akte.web.cases.access import procedure_or_404, sees_personal_data
from akte.web.cases.assignment import offer_users, staff
from akte.web.cases.forms import errors_as_messages
from akte.web.cases.models import Procedure, Status
from akte.web.cases.transitions import TransitionRefused, check, move

from .models import Hearing, HearingState


class PlanForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=gettext_lazy("time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    room = forms.CharField(label=gettext_lazy("room"), max_length=60, required=False)
    language = forms.RegexField(
        label=gettext_lazy("language"), regex=r"^[a-z]{2,3}$", max_length=3, required=False
    )
    interpreter = forms.CharField(label=gettext_lazy("interpreter"), max_length=200, required=False)
    interviewer = forms.ModelChoiceField(
        label=gettext_lazy("interviewer"),
        queryset=User.objects.filter(
            is_active=True, role__in=[Role.INTERVIEWER, Role.DECISION_MAKER]
        ).order_by("username"),
        required=False,
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value < dt.date.today():
            raise forms.ValidationError(_("A hearing cannot be planned in the past."))
        return value


@transaction.atomic
def schedule(procedure: Procedure, user, **fields) -> Hearing:
    hearing = Hearing.objects.create(
        procedure=procedure,
        state=HearingState.PLANNED,
        date=fields["date"],
        time=fields.get("time"),
        room=fields.get("room", ""),
        language=fields.get("language") or procedure.language or "de",
        interpreter=fields.get("interpreter", ""),
        interviewer=fields.get("interviewer"),
    )
    if procedure.status != Status.HEARING_SCHEDULED:
        try:
            check(procedure, Status.HEARING_SCHEDULED, role=user.role)
        except TransitionRefused:
            pass  # planned, the status stays (e.g. already held: a second hearing)
        else:
            move(procedure, Status.HEARING_SCHEDULED, user)
    return hearing


@login_required
@require_POST
@logs_access(create="created")
def plan(request, procedure_pk: int):
    procedure = procedure_or_404(request.user, procedure_pk)
    if not (sees_personal_data(request.user) and request.user.can(Capability.CHANGE_STATUS)):
        raise Http404
    form = PlanForm(request.POST, prefix="plan")
    if not form.is_valid():
        errors_as_messages(request, form)
        return redirect("cases:procedure_detail", pk=procedure.pk)
    hearing = schedule(procedure, request.user, **form.cleaned_data)
    messages.success(request, _("Hearing planned."))
    return shown(redirect("cases:procedure_detail", pk=procedure.pk), created=hearing)


def _plan_form(request, procedure: Procedure) -> PlanForm:
    """The plan form, its interviewers from the page's staff list (read once per request)."""
    form = PlanForm(prefix="plan", initial={"language": procedure.language})
    field = form.fields["interviewer"]
    planners = {Role.INTERVIEWER, Role.DECISION_MAKER}  # both assignable: in `staff`
    offer_users(field, [user for user in staff(request) if user.role in planners])
    return form


def _plan_context(request, procedure: Procedure) -> dict | None:
    if not request.user.can(Capability.CHANGE_STATUS):
        return None
    planned = procedure.hearings.filter(state=HearingState.PLANNED).select_related("interviewer")
    return {
        "procedure": procedure,
        "planned": list(planned),
        "form": _plan_form(request, procedure),
    }


PLAN_SECTION = sections.ProcedureSection(template="hearings/_plan.html", context=_plan_context)
