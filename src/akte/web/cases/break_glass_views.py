"""The break-glass page: a procedure outside the user's own opens only with a stated reason
(German or English, at least `REASON_MIN` characters); the grant runs until
`AKTE_BREAK_GLASS_UNTIL`, every read under it is logged with the purpose break-glass and
waits for the data protection officer's decision (`akte.web.audit.break_glass`).

`BreakGlassMiddleware` turns `access.BreakGlassRequired`, raised by `procedure_for` and
`person_or_404` in any view, into a redirect to this page, back to where the user was going.
The page shows nothing of the procedure: not its file number, not the person's name.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from akte.web.audit import break_glass
from akte.web.audit.log import shows_no_personal_data

from .access import BreakGlassRequired, may_break_glass, readable_procedures
from .models import Procedure


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this procedure?"),
        min_length=break_glass.REASON_MIN,
        max_length=break_glass.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "At least %(n)d characters. The data protection officer reads this reason and "
            "decides whether the access was justified."
        )
        % {"n": break_glass.REASON_MIN},
    )


def _next(request, pk: int) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("cases:procedure_detail", args=[pk])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@shows_no_personal_data  # a form; the reads after it are logged as break-glass
def break_glass_page(request, pk: int):
    if not may_break_glass(request.user):
        raise Http404
    procedure = Procedure.objects.filter(pk=pk).values("pk", "person_id").first()
    if procedure is None:
        raise Http404
    target = _next(request, pk)
    if readable_procedures(request.user).filter(pk=pk).exists():
        return HttpResponseRedirect(target)  # one's own, or already opened
    form = BreakGlassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        break_glass.grant(
            request.user,
            procedure_id=procedure["pk"],
            person_id=procedure["person_id"],
            reason=form.cleaned_data["reason"],
        )
        return HttpResponseRedirect(target)
    context = {"form": form, "next": target, "pk": pk, "until": break_glass.expiry()}
    status = 400 if request.method == "POST" else 403  # nothing of the procedure is shown
    return TemplateResponse(request, "cases/break_glass.html", context, status=status)


class BreakGlassMiddleware:
    """A view that met a procedure outside the user's own sends them to the break-glass page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BreakGlassRequired):
            return None
        url = reverse("cases:break_glass", args=[exception.procedure_id])
        target = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        response = redirect(f"{url}?next={target}" if target else url)
        if getattr(request, "htmx", False):
            response["HX-Redirect"] = response["Location"]
        return response
