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


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Procedure
        fields = ["assigned_to", "team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.filter(is_active=True, role__in=ASSIGNABLE).order_by("username")
        self.fields["assigned_to"].queryset = users
        self.fields["assigned_to"].label_from_instance = lambda u: (
            f"{u} · {u.get_role_display()}" + (f" · {u.office}" if u.office else "")
        )
        self.fields["team"].queryset = Team.objects.all()
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
        "form": AssignmentForm(instance=procedure, prefix="assign"),
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
