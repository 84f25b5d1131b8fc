from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .purposes import Purpose, PurposeNotAllowed, remember_purpose


@login_required
@require_POST
def choose_purpose(request):
    """Remember the purpose the user works for; it is written to each access log entry.
    A purpose the user's role may not work for is refused with a message (403); the header
    offers only the role's purposes, so only a forged form gets there."""
    try:
        remember_purpose(request, request.POST.get("purpose", ""))
    except PurposeNotAllowed as exc:
        text = _(
            "Your role may not work for the purpose “%(purpose)s”; the purpose was not changed."
        )
        return HttpResponseForbidden(
            text % {"purpose": Purpose(exc.purpose).label}, content_type="text/plain; charset=utf-8"
        )
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)
