"""Forms for decisions, appeals, courts' rulings and approving exceptional transitions."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from .decisions import outcome_choices
from .lifecycle_models import AppealKind, CourtOutcome, Notified


def _not_future(value: dt.date | None) -> dt.date | None:
    if value and value > dt.date.today():
        raise forms.ValidationError(_("The date lies in the future."))
    return value


class DateInput(forms.DateInput):
    input_type = "date"


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"))
    decided_on = forms.DateField(label=_("decided on"), widget=DateInput)
    appeal_days = forms.IntegerField(
        label=_("appeal period (days)"),
        min_value=1,
        max_value=366,
        required=False,
        help_text=_("as the Bescheid states; empty: the period the law gives for this outcome"),
    )
    notified_on = forms.DateField(label=_("notified on"), required=False, widget=DateInput)
    notified = forms.MultipleChoiceField(
        label=_("notified"),
        choices=Notified.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("title"), max_length=200, initial="Bescheid")
    file = forms.FileField(label=_("decision document"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices()

    def clean_decided_on(self):
        return _not_future(self.cleaned_data["decided_on"])

    def clean_notified_on(self):
        return _not_future(self.cleaned_data["notified_on"])


class AppealForm(forms.Form):
    court = forms.CharField(label=_("court"), max_length=200)
    court_file_number = forms.CharField(label=_("court file number"), max_length=60)
    kind = forms.ChoiceField(label=_("type"), choices=AppealKind.choices)
    lodged_on = forms.DateField(label=_("lodged on"), widget=DateInput)

    def clean_lodged_on(self):
        return _not_future(self.cleaned_data["lodged_on"])

    def clean(self):
        data = super().clean()
        for key in ("court", "court_file_number"):
            if any(ord(ch) < 32 for ch in data.get(key, "")):
                self.add_error(key, _("Control characters are not allowed."))
        return data


class CourtOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("ruling"), choices=CourtOutcome.choices)
    outcome_on = forms.DateField(label=_("decided on"), widget=DateInput)

    def clean_outcome_on(self):
        return _not_future(self.cleaned_data["outcome_on"])


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("approve")), ("reject", _("reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("note"), required=False, max_length=500)
