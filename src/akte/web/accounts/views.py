from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .purposes import remember_purpose


@login_required
@require_POST
def choose_purpose(request):
    """Remember the purpose the user works for; it is written to each access log entry."""
    remember_purpose(request, request.POST.get("purpose", ""))
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "/"
    return redirect(target)
