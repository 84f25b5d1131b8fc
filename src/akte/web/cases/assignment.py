"""Who works on a procedure beyond its office: one assigned user and one team it is routed
to (the Dublin unit, the litigation team, ...). Both widen who sees it
(`access.visible_procedures`). Set on the procedure page by roles that register or move
procedures; every change is in the access log."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akte.web.accounts.models import Team, User
from akte.web.accounts.roles import Capability, Role
from akte.web.audit.log import logs_access, shown

from .access import procedure_for, sees_personal_data
from .models import Procedure

# roles a procedure can be assigned to: office staff who work on procedures
ASSIGNABLE = [
    Role.REGISTRY_CLERK,
    Role.INTERVIEWER,
    Role.DECISION_MAKER,
    Role.QUALITY_ASSURANCE,
    Role.DUBLIN_OFFICER,
]


def _assignable_users():
    return User.objects.filter(is_active=True, role__in=ASSIGNABLE).order_by("username")


def staff(request) -> list[User]:
    """The active users procedures can be assigned to, by login name: read once per request
    (the procedure page's forms each offer some of them: assignment, hearing plan)."""
    if not hasattr(request, "_assignable_staff"):
        request._assignable_staff = list(_assignable_users())
    return request._assignable_staff


def offer_users(field: forms.ModelChoiceField, users, label=str) -> None:
    """A user field's options from users already read, as its queryset would give them (the
    field still validates against its queryset)."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.choices = empty + [(user.pk, label(user)) for user in users]


def _staff_label(roles: dict):
    def label(user) -> str:
        role = roles.setdefault(user.role, user.get_role_display())
        return f"{user} · {role}" + (f" · {user.office}" if user.office else "")

    return label


class AssignmentForm(forms.ModelForm):
    """`request`: the users and teams offered are read once for the page (`staff`)."""

    class Meta:
        model = Procedure
        fields = ["assigned_to", "team"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = self.fields["assigned_to"]
        users.queryset = _assignable_users()
        users.label_from_instance = _staff_label({})
        self.fields["team"].queryset = Team.objects.all()
        if request is not None:
            offer_users(users, staff(request), users.label_from_instance)
            teams = self.fields["team"]
            teams.choices = [("", teams.empty_label)] + [(t.pk, str(t)) for t in teams.queryset]
        self.fields["assigned_to"].label = gettext_lazy("assigned to")
        self.fields["team"].label = gettext_lazy("routed to team")


def may_assign(user) -> bool:
    return sees_personal_data(user) and (
        user.can(Capability.REGISTER) or user.can(Capability.CHANGE_STATUS)
    )


def assignment_section(request, procedure: Procedure) -> dict:
    return {
        "procedure": procedure,
        "may_assign": may_assign(request.user),
        "form": AssignmentForm(instance=procedure, prefix="assign", request=request),
    }


@login_required
@require_POST
@logs_access(update="changed")
def assign(request, pk: int):
    procedure = procedure_for(request.user, pk)
    if not may_assign(request.user):
        raise Http404
    form = AssignmentForm(request.POST, instance=procedure, prefix="assign")
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("cases:procedure_detail", pk=procedure.pk)
    form.save()
    messages.success(request, _("Assignment saved."))
    return shown(redirect("cases:procedure_detail", pk=procedure.pk), changed=procedure)
