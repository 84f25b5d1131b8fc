"""The person page (data, spellings, procedures, audit trail), corrections, merge, un-merge.

Who may see a person: `access.person_or_404`. Who may correct (`CORRECT_PERSON`) and merge
(`MERGE_PERSONS`): `akte.web.accounts.roles`. A merge and an un-merge each take two steps:
the form, then a page that shows both records side by side and asks to confirm.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from akte.core.countries import country_name
from akte.web.accounts.roles import Capability
from akte.web.audit.log import logs_access, shown

from . import corrections, merging
from .access import person_or_404, procedures_of_person
from .duplicates import possible_duplicates, shown_and_elsewhere
from .forms import countries_datalist
from .models import Person, Procedure
from .trail import trail_of


class MergeForm(forms.Form):
    other = forms.CharField(
        label=gettext_lazy("the other record: person number or file number"),
        max_length=20,
        help_text=gettext_lazy(
            "from the person search, the duplicate warning or a cluster of `akte match dedupe`"
        ),
    )
    keep = forms.ChoiceField(
        label=gettext_lazy("record to keep"),
        choices=[
            ("this", gettext_lazy("this record")),
            ("other", gettext_lazy("the other record")),
        ],
        initial="this",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("reason for the merge"),
        max_length=500,
        widget=forms.TextInput(attrs={"size": 60}),
    )

    def clean_other(self) -> Person:
        text = self.cleaned_data["other"].strip()
        person = None
        if text.isdigit():
            person = Person.objects.filter(pk=int(text)).first()
        else:
            procedure = Procedure.objects.filter(file_number=text.upper()).first()
            person = procedure.person if procedure else None
        if person is None:
            raise forms.ValidationError(gettext_lazy("No person with this number or file number."))
        return person


class UnmergeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for the un-merge"),
        max_length=500,
        widget=forms.TextInput(attrs={"size": 60}),
    )


def _duplicates(person: Person, user) -> list:
    fields = {f: getattr(person, f) for f in ("birth_date", "birth_place", "nationality", "sex")}
    names = [
        {"given_names": s.given_names, "family_name": s.family_name} for s in person.spellings.all()
    ]
    if not names:
        return []
    found = possible_duplicates(fields, names, user)
    return [(c, p) for c, p in shown_and_elsewhere(found)[0] if p.pk != person.pk]


def _page(request, person: Person, **extra) -> dict:
    user = request.user
    merge_of = merging.active_merge_of(person)
    received = list(merging.merged_into(person).select_related("merged", "merged_by"))
    may_correct = user.can(Capability.CORRECT_PERSON) and merge_of is None
    may_merge = user.can(Capability.MERGE_PERSONS) and merge_of is None
    spellings = list(person.spellings.all())
    context = {
        "person": person,
        "spellings": spellings,
        "procedures": procedures_of_person(user, person.pk),
        "nationality_name": country_name(person.nationality, request.LANGUAGE_CODE),
        "trail": [
            (
                c,
                corrections.shown_value(c.field, c.old_value),
                corrections.shown_value(c.field, c.new_value),
            )
            for c in trail_of(person.pk, [m.merged_id for m in received]).select_related("merge")
        ],
        "merge_of": merge_of,
        "received": received,
        "merged_persons": [m.merged for m in received],
        "may_correct": may_correct,
        "may_merge": may_merge,
        "may_unmerge": user.can(Capability.MERGE_PERSONS),
        "countries": countries_datalist(),
        # on request only: the search costs time, and each candidate shown is a read of them
        "duplicates_asked": may_merge and request.GET.get("duplicates") == "1",
    }
    context["duplicates"] = _duplicates(person, user) if context["duplicates_asked"] else []
    if may_correct:
        context["person_form"] = corrections.PersonCorrectionForm(person=person, prefix="person")
        context["spelling_forms"] = [
            (s, corrections.SpellingCorrectionForm(spelling=s)) for s in spellings
        ]
    context.update(extra)
    return context


def _persons_shown(context):
    """The persons whose data a page shows: the person, those merged into them, the possible
    duplicates, and on a merge page the other record."""
    found = [context.get("person"), context.get("other")]
    found += list(context.get("merged_persons", ()))
    found += [p for _, p in context.get("duplicates", ())]
    return [p for p in found if p is not None]


@login_required
@require_safe
@logs_access(read=_persons_shown)
def person_detail(request, pk: int):
    person = person_or_404(request.user, pk)
    return TemplateResponse(request, "cases/person_detail.html", _page(request, person))


def _correct(request, pk: int, form_class, correct, **form_kwargs):
    person = person_or_404(request.user, pk)
    if not request.user.can(Capability.CORRECT_PERSON):
        raise Http404
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            correct(request.user, person, form.cleaned_data, form.cleaned_data["reason"])
        except corrections.CorrectionRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Corrected; the old values are kept in the audit trail."))
            return shown(redirect("cases:person_detail", pk=person.pk), corrected=person)
    person.refresh_from_db()
    context = _page(request, person)
    if form_class is corrections.PersonCorrectionForm:
        context["person_form"] = form
    else:
        context["spelling_forms"] = [
            (s, form if str(s.pk) == str(form.data.get(f"{form.prefix}-spelling")) else f)
            for s, f in context.get("spelling_forms", [])
        ]
    context["correction_failed"] = form.non_field_errors() or True
    return TemplateResponse(request, "cases/person_detail.html", context, status=400)


@login_required
@require_POST
@logs_access(read=_persons_shown, update="corrected")
def correct_person(request, pk: int):
    return _correct(
        request, pk, corrections.PersonCorrectionForm, corrections.correct_person, prefix="person"
    )


@login_required
@require_POST
@logs_access(read=_persons_shown, update="corrected")
def correct_spelling(request, pk: int):
    prefix = f"spelling-{request.POST.get('spelling_pk', '')[:12]}"
    return _correct(
        request, pk, corrections.SpellingCorrectionForm, corrections.correct_spelling, prefix=prefix
    )


def _merge_page(request, person, form, status=200, **extra):
    context = {"person": person, "form": form, **extra}
    return TemplateResponse(request, "cases/person_merge.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@logs_access(read=_persons_shown, update="merged")
def merge(request, pk: int):
    """Step 1: the other record, which one to keep, the reason; step 2: both side by side,
    confirm; then the merge."""
    person = person_or_404(request.user, pk)
    if not request.user.can(Capability.MERGE_PERSONS):
        raise Http404
    if request.method != "POST":
        initial = {"other": request.GET.get("other", "")[:20]}
        return _merge_page(request, person, MergeForm(initial=initial))
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _merge_page(request, person, form, status=400)
    other = person_or_404(request.user, form.cleaned_data["other"].pk)  # need-to-know
    survivor, merged = (person, other) if form.cleaned_data["keep"] == "this" else (other, person)
    try:
        merging.check_mergeable(survivor, merged)
        if request.POST.get("confirm") != "yes":
            return _merge_page(
                request,
                person,
                form,
                other=other,
                keeps=survivor,
                drops=merged,
                confirming=True,
                days=merging.reversible_period().days,
            )
        merging.merge(request.user, survivor, merged, form.cleaned_data["reason"])
    except merging.MergeRefused as exc:
        form.add_error(None, exc.message)
        return _merge_page(request, person, form, status=400, other=other)
    messages.success(
        request,
        _("Person %(merged)s was merged into this record; it can be undone for %(days)d days.")
        % {"merged": merged.pk, "days": merging.reversible_period().days},
    )
    return shown(redirect("cases:person_detail", pk=survivor.pk), merged=[survivor, merged])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@logs_access(read=_persons_shown, update="unmerged")
def unmerge(request, pk: int):
    """Undo the merge that took this record into another: confirm with a reason."""
    person = person_or_404(request.user, pk)
    if not request.user.can(Capability.MERGE_PERSONS):
        raise Http404
    record = merging.active_merge_of(person)
    if record is None:
        raise Http404("this record is not merged into another")
    form = UnmergeForm(request.POST if request.method == "POST" else None)
    context = {"person": person, "other": record.survivor, "record": record, "form": form}
    if form.is_valid():
        try:
            merging.unmerge(request.user, record, form.cleaned_data["reason"])
        except merging.MergeRefused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The merge was undone; both records are as before."))
            return shown(
                redirect("cases:person_detail", pk=person.pk), unmerged=[person, record.survivor]
            )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "cases/person_unmerge.html", context, status=status)
