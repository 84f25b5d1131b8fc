"""Teams in the administration: name, office, members. A procedure routed to a team is seen
by its members (`akte.web.cases.access`); the pages show staff accounts only, no procedure
and no applicant."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from akte.web.accounts.models import Team, User
from akte.web.accounts.roles import Capability
from akte.web.audit.log import shows_no_personal_data
from akte.web.cases.offices import Office


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "office", "members"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"] = forms.ChoiceField(
            label=gettext_lazy("office"), choices=[("", "–"), *Office.choices], required=False
        )
        members = self.fields["members"]
        members.queryset = User.objects.filter(is_active=True).order_by("username")
        members.widget = forms.CheckboxSelectMultiple()
        members.label_from_instance = lambda u: f"{u} · {u.get_role_display()} · {u.office or '–'}"


def _require_admin(request) -> None:
    if not request.user.can(Capability.MANAGE_USERS):
        raise Http404


@login_required
@require_safe
@shows_no_personal_data
def team_list(request):
    _require_admin(request)
    teams = Team.objects.annotate(
        member_count=Count("members", distinct=True),
        procedure_count=Count("procedures", distinct=True),
    )
    return TemplateResponse(request, "administration/teams.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def team_edit(request, pk: int | None = None):
    _require_admin(request)
    team = get_object_or_404(Team, pk=pk) if pk is not None else None
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Team %(name)s saved.") % {"name": saved.name})
        return redirect("administration:teams")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "team": team}
    return TemplateResponse(request, "administration/team_form.html", context, status=status)
