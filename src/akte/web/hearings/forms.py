from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from akte.hearing.record import Fate, Speaker

from .models import NoteKind

SPEAKERS = [
    (Speaker.INTERVIEWER.value, _("Interviewer")),
    (Speaker.APPLICANT.value, _("Applicant")),
    (Speaker.INTERPRETER.value, _("Interpreter")),
]


class StartForm(forms.Form):
    skeleton = forms.ChoiceField(
        label=_("model questions"),
        choices=[("short", _("short (13 questions)")), ("long", _("long (17 questions)"))],
    )
    interpreter = forms.CharField(label=_("interpreter"), max_length=200, required=False)
    language = forms.RegexField(
        label=_("language"), regex=r"^[a-z]{2,3}$", max_length=3, required=False
    )


class SegmentForm(forms.Form):
    speaker = forms.ChoiceField(label=_("speaker"), choices=SPEAKERS, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("text"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3, "data-enter-submits": "1"}),
    )
    tags = forms.MultipleChoiceField(
        label=_("legal elements"), required=False, choices=[], widget=forms.CheckboxSelectMultiple
    )
    # how long ago typing of this segment began (set by the page): its start in the recording
    typing_ms = forms.IntegerField(
        required=False, min_value=0, max_value=6 * 3600 * 1000, widget=forms.HiddenInput
    )

    def __init__(self, *args, checklist_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = list(checklist_choices)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("The segment is empty."))
        return text

    def clean(self):
        data = super().clean()
        if data.get("tags") and data.get("speaker") not in (None, Speaker.APPLICANT.value):
            self.add_error(
                "tags",
                _(
                    "Only the applicant's account covers a legal element: choose the applicant "
                    "as speaker, or leave the elements unticked."
                ),
            )
        return data


class FateForm(forms.Form):
    fate = forms.ChoiceField(
        choices=[(f.value, f.value) for f in (Fate.USED, Fate.SKIPPED, Fate.DISMISSED)]
    )
    reason = forms.CharField(max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("fate") == Fate.DISMISSED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the suggestion is dismissed."))
        return data


class NoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("procedural note"), choices=NoteKind.choices)
    note = forms.CharField(label=_("note"), max_length=1000, required=False)


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("corrected text"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)


class ConclusionForm(forms.Form):
    confirmed = forms.TypedChoiceField(
        label=_("the applicant"),
        choices=[("yes", _("confirms the record")), ("no", _("refuses to confirm"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    refusal_reasons = forms.CharField(
        label=_("reasons for refusing"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("confirmed") is False and not data.get("refusal_reasons", "").strip():
            self.add_error("refusal_reasons", _("Put the reasons for refusing on file."))
        return data
