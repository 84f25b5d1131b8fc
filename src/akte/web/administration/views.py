"""Administration for the administrator role (`MANAGE_USERS`): users, offices, API tokens,
rulebooks. Every other role gets 404. Nothing here shows a person's data: the pages are
about staff accounts, tokens and configuration. Irreversible steps (deactivating a user,
revoking a token) ask for confirmation first; a user is never deleted.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.web.accounts.models import ApiToken, User
from akte.web.accounts.roles import Capability
from akte.web.audit.log import shows_no_personal_data
from akte.web.cases.offices import Office

from .forms import TokenForm, UserForm
from .rulebooks import rulebooks


def _require_admin(request) -> None:
    if not request.user.can(Capability.MANAGE_USERS):
        raise Http404


def _page(request, template: str, context: dict | None = None, status: int = 200):
    return TemplateResponse(request, f"administration/{template}", context or {}, status=status)


@login_required
@require_safe
@shows_no_personal_data
def index(request):
    _require_admin(request)
    return _page(
        request,
        "index.html",
        {
            "users_active": User.objects.filter(is_active=True).count(),
            "users_inactive": User.objects.filter(is_active=False).count(),
            "tokens_valid": _valid_tokens().count(),
        },
    )


@login_required
@require_safe
@shows_no_personal_data
def user_list(request):
    _require_admin(request)
    users = User.objects.order_by("-is_active", "username")
    return _page(request, "users.html", {"users": users})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def user_create(request):
    _require_admin(request)
    form = UserForm(request.POST or None, editor=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("User %(name)s created.") % {"name": user.get_username()})
        return redirect("administration:users")
    status = 400 if request.method == "POST" else 200
    return _page(request, "user_form.html", {"form": form, "creating": True}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def user_edit(request, pk: int):
    _require_admin(request)
    account = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=account, editor=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("User %(name)s saved.") % {"name": account.get_username()})
        return redirect("administration:users")
    status = 400 if request.method == "POST" else 200
    return _page(request, "user_form.html", {"form": form, "account": account}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def user_deactivate(request, pk: int):
    """Deactivate after confirmation: the user can no longer log in, their tokens stop
    working; the account and everything it recorded stay."""
    _require_admin(request)
    account = get_object_or_404(User, pk=pk)
    if account.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate your own account."))
        return redirect("administration:users")
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        account.is_active = False
        account.save(update_fields=["is_active"])
        messages.success(
            request, _("User %(name)s deactivated.") % {"name": account.get_username()}
        )
        return redirect("administration:users")
    return _page(request, "user_deactivate.html", {"account": account})


@login_required
@require_POST
@shows_no_personal_data
def user_activate(request, pk: int):
    _require_admin(request)
    account = get_object_or_404(User, pk=pk)
    account.is_active = True
    account.save(update_fields=["is_active"])
    messages.success(request, _("User %(name)s activated.") % {"name": account.get_username()})
    return redirect("administration:users")


@login_required
@require_safe
@shows_no_personal_data
def offices(request):
    _require_admin(request)
    counts = {code: User.objects.filter(office=code, is_active=True).count() for code in Office}
    rows = [(code, label, counts[code]) for code, label in Office.choices]
    return _page(request, "offices.html", {"offices": rows})


def _valid_tokens():
    return ApiToken.objects.filter(revoked=False, user__is_active=True).exclude(
        expires_at__lte=timezone.now()
    )


@login_required
@require_safe
@shows_no_personal_data
def token_list(request):
    _require_admin(request)
    tokens = ApiToken.objects.select_related("user").order_by("revoked", "-created_at")
    return _page(request, "tokens.html", {"tokens": tokens, "now": timezone.now()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def token_issue(request):
    """Issue a token; its clear text is shown once, on this response, and never stored."""
    _require_admin(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, clear = ApiToken.issue(data["user"], data["name"], days=data["days"])
        response = _page(request, "token_issued.html", {"token": token, "clear": clear})
        response["Cache-Control"] = "no-store"
        return response
    status = 400 if request.method == "POST" else 200
    return _page(request, "token_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data
def token_revoke(request, pk: int):
    _require_admin(request)
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        token.revoked = True
        token.save(update_fields=["revoked"])
        messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
        return redirect("administration:tokens")
    return _page(request, "token_revoke.html", {"token": token})


@login_required
@require_safe
@shows_no_personal_data
def rulebook_list(request):
    _require_admin(request)
    return _page(request, "rulebooks.html", {"rulebooks": rulebooks(), "today": dt.date.today()})
