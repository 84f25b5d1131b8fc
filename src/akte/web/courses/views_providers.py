"""The office approves providers (Kursträger); a provider registers courses only once
approved (§§ 19, 20 DeuFöV: the admission itself is the office's procedure, outside Akte)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from akte import words
from akte.courses.config import office_leitweg_id
from akte.courses.leitweg import check_leitweg_id
from akte.web.audit.log import shows_no_personal_data

from .access import is_office, require
from .models import Provider


class ProviderForm(forms.ModelForm):
    class Meta:
        model = Provider
        fields = ["code", "name", "region", "leitweg_id"]
        help_texts = {"code": gettext_lazy("the provider's users carry it as their organisation")}

    def clean_leitweg_id(self):
        value = (self.cleaned_data.get("leitweg_id") or "").strip().upper()
        problems = check_leitweg_id(value) if value else []
        if problems:
            raise forms.ValidationError(words.render(problems[0], get_language() or "de"))
        return value


@login_required
@require_http_methods(["GET", "POST"])
@shows_no_personal_data
def providers(request):
    require(is_office(request.user))
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Provider registered; approve it to let it register courses."))
        return redirect("courses:providers")
    return TemplateResponse(
        request,
        "courses/providers.html",
        {
            "providers": Provider.objects.all(),
            "form": form,
            "office_leitweg_id": office_leitweg_id(),
        },
    )


@login_required
@require_POST
@shows_no_personal_data
def provider_approve(request, pk: int):
    require(is_office(request.user))
    provider = get_object_or_404(Provider, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm the approval first."))
    elif provider.approved_on:
        messages.error(request, _("This provider is already approved."))
    else:
        provider.approved_on = dt.date.today()
        provider.save(update_fields=["approved_on"])
        messages.success(request, _("Provider approved."))
    return redirect("courses:providers")


class LeitwegForm(ProviderForm):
    class Meta(ProviderForm.Meta):
        fields = ["leitweg_id"]


@login_required
@require_POST
@shows_no_personal_data
def provider_leitweg(request, pk: int):
    """The office sets (or clears) the Leitweg-ID a provider's invoices are addressed to."""
    require(is_office(request.user))
    provider = get_object_or_404(Provider, pk=pk)
    form = LeitwegForm(request.POST, instance=provider)
    if form.is_valid():
        form.save()
        messages.success(request, _("Leitweg-ID saved."))
    else:
        for error in form.errors.get("leitweg_id", []):
            messages.error(request, f"{provider.name}: {error}")
    return redirect("courses:providers")
