"""Forms for registering persons and procedures. Every error is shown at its field."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from akte.core.countries import NATIONALITY_KEYS, country_choices, is_country
from akte.core.file_number import FileNumber, FileNumberError
from akte.core.partial_date import PartialDate, PartialDateError

from .models import ApplicationKind, Document, DocumentKind, Procedure, Script, Sex, Status
from .offices import Office
from .uploads import check_text

_LANGUAGE_CODE = r"^[a-z]{2,3}$"


class CountryField(forms.CharField):
    """An ISO 3166-1 alpha-3 code, typed or picked from a datalist of localised names."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("min_length", 3)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"list": "countries", "autocomplete": "off", "size": 4})

    def clean(self, value):
        code = super().clean((value or "").strip().upper())
        if code and not is_country(code):
            raise forms.ValidationError(
                _("%(code)s is not an ISO 3166-1 alpha-3 country code (e.g. SYR, AFG)."),
                params={"code": code},
            )
        return code


class PersonForm(forms.Form):
    sex = forms.ChoiceField(label=_("sex"), choices=Sex.choices)
    birth_date = forms.CharField(
        label=_("date of birth"),
        required=False,
        max_length=10,
        help_text=_("YYYY, MM.YYYY or DD.MM.YYYY: enter only what is known"),
    )
    birth_place = forms.CharField(label=_("place of birth"), required=False, max_length=200)
    nationality = CountryField(label=_("nationality"))
    languages = forms.CharField(
        label=_("languages"),
        required=False,
        max_length=200,
        help_text=_("ISO 639 codes, comma-separated, e.g. ar, ku"),
    )

    def clean_birth_date(self) -> PartialDate | None:
        text = self.cleaned_data["birth_date"].strip()
        if not text:
            return None
        try:
            value = PartialDate.parse(text)
        except PartialDateError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if value.earliest() > dt.date.today():
            raise forms.ValidationError(_("The date of birth lies in the future."))
        return value

    def clean_languages(self) -> str:
        codes = [c.strip().lower() for c in self.cleaned_data["languages"].split(",") if c.strip()]
        validator = forms.RegexField(regex=_LANGUAGE_CODE)
        for code in codes:
            try:
                validator.clean(code)
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("%(code)s is not a language code (two or three letters, e.g. ar, prs)."),
                    params={"code": code[:20]},
                ) from exc
        return ",".join(dict.fromkeys(codes))


class NameSpellingForm(forms.Form):
    given_names = forms.CharField(label=_("given names"), required=False, max_length=200)
    family_name = forms.CharField(label=_("family name"), required=False, max_length=200)
    script = forms.ChoiceField(label=_("script"), choices=Script.choices, initial=Script.LATIN)
    note = forms.CharField(label=_("source"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        for key in ("given_names", "family_name"):
            value = data.get(key, "")
            if any(ord(ch) < 32 for ch in value):
                self.add_error(key, _("Control characters are not allowed in a name."))
        return data

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("given_names") or data.get("family_name"))


class BaseSpellingFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if all(form.is_blank for form in self.forms):
            raise forms.ValidationError(_("Enter at least one spelling of the name."))


NameSpellingFormSet = formset_factory(
    NameSpellingForm, formset=BaseSpellingFormSet, extra=3, max_num=10, validate_max=True
)


class ProcedureForm(forms.Form):
    file_number = forms.CharField(
        label=_("file number"),
        max_length=11,
        help_text=_("seven digits, a hyphen and the country key, e.g. 1234567-475"),
    )
    office = forms.ChoiceField(label=_("office"), choices=Office.choices)
    country = CountryField(label=_("country of origin"))
    language = forms.RegexField(
        label=_("interview language"), regex=_LANGUAGE_CODE, required=False, max_length=3
    )
    lodged_on = forms.DateField(label=_("application lodged on"), required=False)
    application_kind = forms.ChoiceField(
        label=_("application"),
        choices=ApplicationKind.choices,
        initial=ApplicationKind.FIRST,
        required=False,
    )

    def clean_application_kind(self) -> str:
        return self.cleaned_data["application_kind"] or ApplicationKind.FIRST

    def clean_file_number(self) -> str:
        try:
            number = FileNumber.parse(self.cleaned_data["file_number"])
        except FileNumberError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if Procedure.objects.filter(file_number=str(number)).exists():
            raise forms.ValidationError(_("This file number is already registered."))
        return str(number)

    def clean(self):
        data = super().clean()
        number, country = data.get("file_number"), data.get("country")
        if number and country and country in NATIONALITY_KEYS:
            expected = NATIONALITY_KEYS[country]
            if not number.endswith("-" + expected):
                self.add_error(
                    "file_number",
                    _("The country key of %(country)s is %(key)s; the file number ends otherwise.")
                    % {"country": country, "key": expected},
                )
        if data.get("lodged_on") and data["lodged_on"] > dt.date.today():
            self.add_error("lodged_on", _("The date lies in the future."))
        return data


class StatusForm(forms.Form):
    """Any status key is accepted here; the lifecycle decides whether the move is allowed.
    `choices` narrows what the page offers to what the user may do."""

    status = forms.ChoiceField(label=_("new status"), choices=Status.choices)
    note = forms.CharField(
        label=_("note"),
        required=False,
        max_length=500,
        help_text=_("* exceptional: give the reason here; a second user must approve"),
    )

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["status"].choices = choices


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("file"))

    ALLOWED_TYPES = {
        "application/pdf": b"%PDF",
        "image/png": b"\x89PNG",
        "image/jpeg": b"\xff\xd8\xff",
        "text/plain": b"",
    }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.AKTE_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)d MB; at most %(limit)d MB are accepted."),
                params={"size": upload.size // 2**20, "limit": limit // 2**20},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        magic = self.ALLOWED_TYPES.get(upload.content_type)
        head = upload.read(8)
        upload.seek(0)
        if magic is None or not head.startswith(magic):
            raise forms.ValidationError(
                _(
                    "Only PDF, PNG, JPEG and plain text files are accepted, and the content must match."
                )
            )
        if upload.content_type == "text/plain":
            check_text(b"".join(upload.chunks()))  # at most AKTE_MAX_UPLOAD_BYTES
            upload.seek(0)
        return upload


def store_document(procedure: Procedure, form: DocumentForm, user) -> Document:
    upload = form.cleaned_data["file"]
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Document.objects.create(
        procedure=procedure,
        title=form.cleaned_data["title"],
        kind=form.cleaned_data["kind"],
        file=upload,
        content_type=upload.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )


def countries_datalist() -> str:
    """The `<datalist id="countries">` of localised country names, built once per language."""
    return _datalist(get_language() or "de")


@cache
def _datalist(language: str) -> str:
    options = format_html_join("", '<option value="{}">{}</option>', country_choices(language))
    return format_html('<datalist id="countries">{}</datalist>', options)


def errors_as_messages(request, form) -> None:
    """Each error of a form that failed, as a message on the page it redirects to
    ("label: error", or the error alone where it belongs to no field)."""
    from django.contrib import messages

    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
