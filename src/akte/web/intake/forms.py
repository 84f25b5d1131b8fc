from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from akte.intake.classify import rules

from .routing import QUEUE_LABELS


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Mail (PDF, scan, .eml or XJustiz .xml)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.AKTE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than the upload limit."))
        return upload


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    file_number = forms.RegexField(
        label=_("Procedure file number"), regex=r"^\d{7}-\d{3}$", required=False, max_length=11
    )
    queue = forms.ChoiceField(label=_("Queue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "–")] + [(k, k) for k in rules().kinds]
        self.fields["queue"].choices = [("", "–")] + [(k, v) for k, v in QUEUE_LABELS.items()]
