"""Forms of the course pages (validation messages in the user's language)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from akte.web.cases.models import Sex

from .models import Course, ExamCentre, ExamResult

TRI = [("", _("not known")), ("yes", _("yes")), ("no", _("no"))]
RESIDENCE = [
    ("residence_permit", _("residence permit")),
    ("permission_to_stay", _("permission to stay (asylum applicant)")),
    ("toleration", _("toleration")),
    ("eu_citizen", _("EU citizen")),
    ("german", _("German")),
    ("other", _("other")),
]
YES_NO_FACTS = [
    ("receives_sgb2", _("receives SGB II benefits")),
    ("integration_agreement_provides_course", _("integration agreement provides for the course")),
    ("lasting_stay_expected", _("lawful and lasting stay expected")),
    ("safe_country_of_origin", _("from a safe country of origin (§ 29a AsylG)")),
    ("entered_before_2019_08_01", _("entered before 1 August 2019")),
    ("permitted_stay_three_months", _("permitted stay for at least three months")),
    (
        "registered_or_employed",
        _("registered as seeking work or training, employed or in training"),
    ),
    ("employed", _("employed")),
    (
        "receives_benefits",
        _("receives benefits besides (SGB II/XII, AsylbLG, unemployment benefit, BAB)"),
    ),
    ("assessed_jointly", _("assessed jointly for income tax")),
]


class DateInput(forms.DateInput):
    input_type = "date"


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "number",
            "module",
            "region",
            "starts_on",
            "ends_on",
            "planned_units",
            "full_time",
            "needs_extra_preparation",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The course cannot end before it starts."))
        return data


class EnrolForm(forms.Form):
    file_number = forms.CharField(
        label=_("File number of an asylum procedure (office only)"), required=False, max_length=11
    )
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    born = forms.IntegerField(
        label=_("Year of birth"), min_value=1900, max_value=2100, required=False
    )
    nationality = forms.CharField(
        label=_("Nationality (ISO 3166-1 alpha-3)"), max_length=3, required=False
    )
    joined_on = forms.DateField(label=_("Joins on"), widget=DateInput())
    residence_status = forms.ChoiceField(label=_("Residence status"), choices=RESIDENCE)
    entitlement_issued_on = forms.DateField(
        label=_("Entitlement issued on"), required=False, widget=DateInput()
    )
    placement_certificate_on = forms.DateField(
        label=_("Placement test or certificate of"), required=False, widget=DateInput()
    )
    taxable_income = forms.DecimalField(
        label=_("Taxable annual income (€)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    waiting = forms.BooleanField(label=_("Put on the waiting list"), required=False)

    def __init__(self, *args, office: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            del self.fields["file_number"]
        for name, label in YES_NO_FACTS:
            self.fields[name] = forms.ChoiceField(label=label, choices=TRI, required=False)

    def clean_nationality(self):
        from akte.core.countries import is_country

        value = (self.cleaned_data.get("nationality") or "").strip().upper()
        if value and not is_country(value):
            raise forms.ValidationError(_("Not an ISO 3166-1 alpha-3 code, e.g. SYR."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("file_number") and not (
            data.get("family_name") and data.get("nationality")
        ):
            raise forms.ValidationError(
                _("Give a file number, or at least the family name and the nationality.")
            )
        return data

    def facts(self) -> dict:
        data = self.cleaned_data
        facts = {
            name: {"yes": True, "no": False}.get(data.get(name) or "") for name, _ in YES_NO_FACTS
        }
        facts["residence_status"] = data["residence_status"]
        for name in ("entitlement_issued_on", "placement_certificate_on"):
            facts[name] = data[name].isoformat() if data.get(name) else None
        income = data.get("taxable_income")
        facts["taxable_income"] = str(income) if income is not None else None
        return facts


class ExamForm(forms.ModelForm):
    """A Deutsch-Test für den Beruf result at an approved centre; the certificate (number
    and date) only on passing, issued on or after the exam."""

    class Meta:
        model = ExamResult
        fields = ["exam", "centre", "taken_on", "passed", "certificate", "certificate_issued_on"]
        widgets = {"taken_on": DateInput(), "certificate_issued_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = ExamCentre.objects.filter(approved_on__isnull=False)
        self.fields["centre"].help_text = _("only centres the office has approved")

    def clean(self):
        data = super().clean()
        number = (data.get("certificate") or "").strip()
        issued, taken = data.get("certificate_issued_on"), data.get("taken_on")
        if (number or issued) and not data.get("passed"):
            raise forms.ValidationError(_("A certificate is issued only on passing."))
        if bool(number) != bool(issued):
            raise forms.ValidationError(_("A certificate needs both its number and its date."))
        if issued and taken and issued < taken:
            self.add_error("certificate_issued_on", _("The certificate cannot predate the exam."))
        data["certificate"] = number
        return data


class ExamCentreForm(forms.ModelForm):
    class Meta:
        model = ExamCentre
        fields = ["code", "name", "region"]
