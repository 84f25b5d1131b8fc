from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from akte.web.cases.offices import Office


class DashboardFilter(forms.Form):
    year_from = forms.IntegerField(label=_("from year"), min_value=2000, max_value=2100,
                                   required=False)  # fmt: skip
    year_to = forms.IntegerField(label=_("to year"), min_value=2000, max_value=2100,
                                 required=False)  # fmt: skip
    nationality = forms.CharField(
        label=_("nationality"),
        required=False,
        max_length=3,
        validators=[
            RegexValidator(r"^[A-Z]{3}$", _("Three capital letters (ISO 3166-1), e.g. SYR"))
        ],
    )
    office = forms.ChoiceField(label=_("office"), required=False,
                               choices=[("", "—"), *Office.choices])  # fmt: skip

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first year is after the last."))
        return data

    def filters(self) -> tuple[tuple[str, str], ...]:
        data = self.cleaned_data
        return tuple((k, data[k]) for k in ("nationality", "office") if data.get(k))

    def years(self) -> tuple[int | None, int | None]:
        return self.cleaned_data.get("year_from"), self.cleaned_data.get("year_to")
